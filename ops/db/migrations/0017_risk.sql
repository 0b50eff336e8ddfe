-- 0017_risk.sql
--
-- Risk-based supervision (silo/Risk): the enterprise evaluation model's versions (data a supervisor edits, never
-- changed once stored), the indicators imported each month (CSV: what the system cannot see, e.g. complaints), and
-- each monthly run: the model version and the SHA-256 of its inputs (published, so the weighting stays auditable)
-- and every enterprise's score, class and explanation. Runs are history: never changed or deleted.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS risk_models (
    service_id  text        NOT NULL,
    model_id    text        NOT NULL,
    version     integer     NOT NULL CHECK (version >= 1),
    json        text        NOT NULL,
    sha256      text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, model_id, version)
);

CREATE TABLE IF NOT EXISTS risk_indicator_values (
    service_id  text        NOT NULL,
    month       text        NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
    uscc        text        NOT NULL,
    indicator   text        NOT NULL,
    value       numeric     NOT NULL,
    imported_by text        NOT NULL,
    imported_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, month, uscc, indicator)
);

CREATE TABLE IF NOT EXISTS risk_runs (
    service_id    text        NOT NULL,
    month         text        NOT NULL,
    run           integer     NOT NULL CHECK (run >= 1),
    model_id      text        NOT NULL,
    model_version integer     NOT NULL,
    model_sha256  text        NOT NULL,
    inputs_sha256 text        NOT NULL,
    enterprises   integer     NOT NULL,
    counts        jsonb       NOT NULL,
    changed       integer     NOT NULL,
    run_by        text        NOT NULL,
    run_at        timestamptz NOT NULL,
    PRIMARY KEY (service_id, month, run)
);

CREATE TABLE IF NOT EXISTS risk_classifications (
    service_id    text    NOT NULL,
    month         text    NOT NULL,
    run           integer NOT NULL,
    uscc          text    NOT NULL,
    score         numeric NOT NULL,
    class         text    NOT NULL CHECK (class IN ('A', 'B', 'C', 'D')),
    contributions jsonb   NOT NULL,
    PRIMARY KEY (service_id, month, run, uscc)
);

CREATE INDEX IF NOT EXISTS ix_risk_classifications_uscc ON risk_classifications (service_id, uscc);

CREATE OR REPLACE FUNCTION risk_history_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'risk models and runs are history: never changed or deleted (upload a new version, run again)';
END $$;

CREATE OR REPLACE TRIGGER risk_models_immutable BEFORE UPDATE OR DELETE ON risk_models
    FOR EACH ROW EXECUTE FUNCTION risk_history_immutable();
CREATE OR REPLACE TRIGGER risk_runs_immutable BEFORE UPDATE OR DELETE ON risk_runs
    FOR EACH ROW EXECUTE FUNCTION risk_history_immutable();
CREATE OR REPLACE TRIGGER risk_classifications_immutable BEFORE UPDATE OR DELETE ON risk_classifications
    FOR EACH ROW EXECUTE FUNCTION risk_history_immutable();
