-- 0006_directory_frame_scan.sql
--
-- Frames read the narrow directory columns of every enterprise of a deployment, but each row also holds
-- its ~1 kB JSON state, so scanning the table read a gigabyte per million enterprises. This covering
-- index holds just what frames read, so PostgreSQL answers them with an index-only scan (the bulk import
-- vacuums after large imports so that the scan need not visit the table).
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE INDEX IF NOT EXISTS ix_directory_enterprises_frame_members
    ON directory_enterprises (service_id)
    INCLUDE (uscc, region_code, categories, risk_class, status);
