-- 0023_directory_lean_rows.sql
--
-- The directory import at 10,000,000 enterprises (issue 22). Until now every row carried its whole state as ~800 B of
-- jsonb (its history included), and PostgreSQL parsing and writing that jsonb was half of a first load's time. An
-- enterprise as an import left it is fully told by the import (when, by whom, from which file) and its row and line:
-- such a row now keeps its directory fields as columns, the import's row number, and a reference to one
-- directory_imports row, and its state is NULL. The silo rebuilds the same state from them
-- (EnterpriseImportMapping.ToState); the first write by its grain, or a re-import that changes it, stores the whole
-- state again. Rows written before this migration keep their state and are read as before: nothing is rewritten.
--
-- Applied by the migration runner inside one transaction; safe to run again.

-- One row per import that wrote lean rows; never updated nor deleted (grants.sql): the rows' history points here.
CREATE TABLE IF NOT EXISTS directory_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id  text        NOT NULL,
    -- Whole microseconds: the silo truncates the import's time so that the rebuilt state equals the one it would have stored.
    at          timestamptz NOT NULL,
    by          text        NOT NULL,
    source      text        NOT NULL
);

ALTER TABLE directory_enterprises
    ADD COLUMN IF NOT EXISTS address               text    NULL,
    ADD COLUMN IF NOT EXISTS licences              text[]  NULL,
    ADD COLUMN IF NOT EXISTS uscc_override_reason  text    NULL,
    ADD COLUMN IF NOT EXISTS uscc_override_problem text    NULL,
    -- No foreign key: a check per row would cost the load what the lean row saves; imports are never deleted.
    ADD COLUMN IF NOT EXISTS import_id             bigint  NULL,
    ADD COLUMN IF NOT EXISTS import_row            integer NULL;

ALTER TABLE directory_enterprises ALTER COLUMN state DROP NOT NULL;

-- The index of 0005 on (service_id, status, region_code, risk_class): frames read the primary key since 0022 and
-- nothing else reads by it (a handful of values, each matching most of the directory), yet every row loaded paid for
-- it: a COPY of 1,000,000 lean rows took 7.5–9 s with the primary key alone and 13.7–14.8 s with both.
DROP INDEX IF EXISTS ix_directory_enterprises_frame;

-- NOT VALID: every row before this migration has its state; checking so would read a national directory for nothing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'ck_directory_enterprises_state_or_import') THEN
        ALTER TABLE directory_enterprises ADD CONSTRAINT ck_directory_enterprises_state_or_import
            CHECK (state IS NOT NULL OR (import_id IS NOT NULL AND import_row IS NOT NULL AND licences IS NOT NULL)) NOT VALID;
    END IF;
END $$;

-- The state of a lean row as jsonb, as the silo would have stored it (property names and enum names of EnterpriseState;
-- times as ISO 8601 in UTC): the bulk import's upsert merges a re-imported row's history into it.
CREATE OR REPLACE FUNCTION directory_lean_state(
    p_uscc text, p_name text, p_address text, p_region_code text, p_kind text, p_categories text[], p_licences text[],
    p_status text, p_key_supervision boolean, p_risk_class text, p_override_reason text, p_override_problem text,
    p_import_id bigint, p_import_row integer) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_build_object(
        'IsRegistered', true, 'Uscc', p_uscc, 'Name', p_name, 'Address', p_address, 'RegionCode', p_region_code,
        'Kind', p_kind, 'Categories', to_jsonb(p_categories), 'Licences', to_jsonb(p_licences), 'Status', p_status,
        'KeySupervision', p_key_supervision, 'RiskClass', p_risk_class,
        'RiskHistory', jsonb_build_array(jsonb_build_object(
            'Month', to_char(i.at AT TIME ZONE 'UTC', 'YYYY-MM'), 'RiskClass', p_risk_class, 'At', a.at, 'By', i.by)),
        'RegisteredAt', a.at, 'RegisteredBy', i.by,
        'UsccOverride', CASE WHEN p_override_reason IS NULL THEN NULL ELSE jsonb_build_object(
            'Reason', p_override_reason, 'ApprovedBy', i.by, 'ApprovedAt', a.at, 'ValidationProblem', COALESCE(p_override_problem, '')) END,
        'History', jsonb_build_array(jsonb_build_object(
            'At', a.at, 'By', i.by, 'What', 'imported from ' || i.source || ', row ' || p_import_row)))
      FROM directory_imports i,
           LATERAL (SELECT to_char(i.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') AS at) a
     WHERE i.id = p_import_id
$$;
