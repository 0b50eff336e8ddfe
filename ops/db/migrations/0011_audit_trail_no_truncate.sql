-- 0011_audit_trail_no_truncate.sql
--
-- The audit trail's append-only trigger (0007) refused UPDATE and DELETE row by row; TRUNCATE fires no row trigger,
-- so it emptied the trail. Now a statement trigger refuses it too. The silo's role may not truncate at all (it has
-- only SELECT and INSERT on the trail, ops/db/grants.sql); this stops the owner's own slip, such as a clean-up script
-- or a TRUNCATE ... CASCADE. Only the owner can drop or disable either trigger, and doing so is a deliberate act.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE OR REPLACE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
    FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only();
