-- 0016_bulletins.sql
--
-- Quality bulletins (silo/Bulletins): a supervisor drafts a bulletin for a period and scope (the figures are computed
-- from the published results), reviews it, and publishes exactly the figures reviewed. Each edition is a row; a draft
-- may be computed again until it is published, and from then on the row is never changed or deleted (the trigger).
-- The published PDF is an official document (table documents, kind 'bulletin', in the audit trail); a correction is
-- a new edition published as a new version that names the one it replaces.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS bulletins (
    service_id       text        NOT NULL,
    bulletin_id      text        NOT NULL,
    edition          integer     NOT NULL CHECK (edition >= 1),
    period           text        NOT NULL,
    scope            text        NOT NULL,
    figures          jsonb       NOT NULL,
    figures_sha256   text        NOT NULL CHECK (figures_sha256 ~ '^[0-9a-f]{64}$'),
    drafted_by       text        NOT NULL,
    drafted_at       timestamptz NOT NULL,
    published_number text,
    published_by     text,
    published_at     timestamptz,
    PRIMARY KEY (service_id, bulletin_id, edition)
);

CREATE OR REPLACE FUNCTION bulletins_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_number IS NOT NULL THEN
        RAISE EXCEPTION 'a published bulletin is never changed or deleted: draft and publish a corrected edition';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER bulletins_published_immutable BEFORE UPDATE OR DELETE ON bulletins
    FOR EACH ROW EXECUTE FUNCTION bulletins_published_immutable();
