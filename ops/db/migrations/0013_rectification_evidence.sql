-- 0013_rectification_evidence.sql
--
-- A task keeps the enterprise's evidence of rectification beside the sampling photos (a photo or a PDF of kind
-- 'rectification', uploaded by the enterprise once rectification was ordered, cited by its submit-rectification step).
-- Like the photos, evidence is never changed or deleted (0012's trigger).
--
-- Applied by the migration runner inside one transaction; safe to run again.

ALTER TABLE task_photos DROP CONSTRAINT IF EXISTS task_photos_kind_check;
ALTER TABLE task_photos ADD CONSTRAINT task_photos_kind_check CHECK (kind IN ('label', 'sample', 'seals', 'rectification'));
