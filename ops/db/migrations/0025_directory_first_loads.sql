-- 0025_directory_first_loads.sql
--
-- A deployment's first load (10,000,000 enterprises copied straight into its empty directory, issue 22) no longer
-- enters 0024's index on written_xid row by row: it cost the import a third of its speed (139,476 rows/s quiet before
-- 0024, 87,167 under load after). Its rows keep written_xid NULL, outside the partial index, and the load is recorded
-- once here, in its own transaction: the silo's frame cache (silo/Directory/DirectoryFrameCache.cs) reads the directory
-- whole when a load its cached snapshot did not see is visible now, as it does for its first build.
--
-- Definitions only, instant at any size. Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS directory_first_loads (
    service_id text        NOT NULL,
    loaded_xid xid8        NOT NULL DEFAULT pg_current_xact_id(),
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_directory_first_loads_xid ON directory_first_loads (service_id, loaded_xid);
