-- 0005_enterprise_directory.sql
--
-- The enterprise directory (检查对象名录库): one row per enterprise and deployment. It is the grain
-- storage of the enterprise grains (provider "directory": state as JSON, version as the ETag) and, in
-- the same rows, the columns draws filter on, so frames are one query and bulk imports one transaction.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS directory_enterprises
(
    service_id      text        NOT NULL,
    uscc            text        NOT NULL,
    name            text        NOT NULL,
    region_code     text        NULL,
    kind            text        NOT NULL,
    categories      text[]      NOT NULL,
    status          text        NOT NULL,
    key_supervision boolean     NOT NULL,
    risk_class      text        NOT NULL,
    -- SHA-256 of the directory fields (not of history or timestamps): re-importing the same data is a no-op.
    content_hash    bytea       NOT NULL,
    state           jsonb       NOT NULL,
    version         integer     NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_directory_enterprises PRIMARY KEY (service_id, uscc)
);

-- Frames read the active enterprises of one deployment, by stratum.
CREATE INDEX IF NOT EXISTS ix_directory_enterprises_frame
    ON directory_enterprises (service_id, status, region_code, risk_class);
