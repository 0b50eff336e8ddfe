-- 0012_task_photos.sql
--
-- Photos taken at sampling (the label, the sample, the seals), stored by the SHA-256 of their bytes per task. An
-- inspector's phone uploads them (again and again while the signal is weak: the same bytes give the same key, so a
-- retry stores nothing twice) before the sampling record that cites them. They are evidence: once stored a photo is
-- never changed or deleted (the trigger refuses both; only the owner could drop it).
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS task_photos (
    service_id   text        NOT NULL,
    task_id      text        NOT NULL,
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    kind         text        NOT NULL CHECK (kind IN ('label', 'sample', 'seals')),
    content_type text        NOT NULL,
    bytes        bytea       NOT NULL,
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL,
    PRIMARY KEY (service_id, task_id, sha256)
);

CREATE OR REPLACE FUNCTION task_photos_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'task photos are evidence: a stored photo is never changed or deleted';
END $$;

CREATE OR REPLACE TRIGGER task_photos_immutable BEFORE UPDATE OR DELETE ON task_photos
    FOR EACH ROW EXECUTE FUNCTION task_photos_immutable();
