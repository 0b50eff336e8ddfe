-- 0020_frame_marks.sql
--
-- A plan's sampling weights (issue 20) put tourist-site retailers and enterprises under key supervision in strata of
-- their own, so frames now also read kind and key_supervision. The covering index of 0006 did not hold them: without
-- this one every frame would go back to reading each row's ~1 kB JSON state from the table.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE INDEX IF NOT EXISTS ix_directory_enterprises_frame_marks
    ON directory_enterprises (service_id)
    INCLUDE (uscc, region_code, categories, risk_class, status, kind, key_supervision);

DROP INDEX IF EXISTS ix_directory_enterprises_frame_members;
