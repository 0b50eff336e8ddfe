-- 0014_documents.sql
--
-- Official documents (silo/Documents): each issued PDF with the content it prints, the SHA-256 of both, and the short
-- code its QR code carries. A document is evidence: once issued it is never changed or deleted (the trigger refuses
-- both). A correction is a new version of the same subject and kind that names the number it replaces and why; both
-- are in the audit trail (stream document/<subject>/<kind>).
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS documents (
    service_id     text        NOT NULL,
    number         text        NOT NULL,
    code           text        NOT NULL CHECK (code ~ '^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
    subject        text        NOT NULL,
    kind           text        NOT NULL,
    version        integer     NOT NULL CHECK (version >= 1),
    replaces       text,
    reason         text,
    content        text        NOT NULL,
    content_sha256 text        NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    facts_sha256   text        NOT NULL CHECK (facts_sha256 ~ '^[0-9a-f]{64}$'),
    pdf            bytea       NOT NULL,
    pdf_sha256     text        NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
    issued_by      text        NOT NULL,
    issued_at      timestamptz NOT NULL,
    PRIMARY KEY (service_id, number),
    UNIQUE (service_id, code),
    UNIQUE (service_id, subject, kind, version)
);

CREATE INDEX IF NOT EXISTS ix_documents_pdf_sha256 ON documents (service_id, pdf_sha256);

CREATE OR REPLACE FUNCTION documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an issued document is never changed or deleted: issue a corrected version instead';
END $$;

CREATE OR REPLACE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_immutable();
