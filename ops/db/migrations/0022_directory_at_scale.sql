-- 0022_directory_at_scale.sql
--
-- Frames at 10,000,000 enterprises (issue 22). Frames read every enterprise of a deployment; their strata list members in
-- code order. Until now the covering index of 0020 was keyed on service_id alone, so rows came in table order and the
-- silo sorted tens of millions of codes. The primary key now carries what frames read: one index fewer to maintain on
-- every import, and an index-only scan of it returns the members already in code order.
--
-- An index-only scan needs the table's visibility map, which VACUUM sets. Before PostgreSQL 17 the silo's role may not
-- vacuum (grants.sql) and autovacuum does it: unthrottled on this table, and soon after a large import, so frames soon
-- stop visiting the ~1 kB rows.
--
-- Applied by the migration runner inside one transaction; safe to run again.

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relname = 'pk_directory_enterprises' AND i.indnatts > i.indnkeyatts) THEN
        ALTER TABLE directory_enterprises DROP CONSTRAINT pk_directory_enterprises;
        ALTER TABLE directory_enterprises ADD CONSTRAINT pk_directory_enterprises PRIMARY KEY (service_id, uscc)
            INCLUDE (region_code, categories, risk_class, status, kind, key_supervision);
    END IF;
END $$;

DROP INDEX IF EXISTS ix_directory_enterprises_frame_marks;

ALTER TABLE directory_enterprises SET (autovacuum_vacuum_cost_delay = 0, autovacuum_vacuum_insert_scale_factor = 0.05);
