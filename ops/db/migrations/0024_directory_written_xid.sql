-- 0024_directory_written_xid.sql
--
-- Frames at 10,000,000 enterprises (issue 22). Reading every directory row for every round costs ~1.9 µs of CPU a row
-- (silo and backend, per-row protocol work): ~9.5 s at 10,000,000 on two cores, before any stratum is built. The silo
-- now keeps the rows frames read between builds and reads only what changed since: every row says which transaction
-- wrote it last (written_xid), and a build reads the rows whose writer the cached snapshot did not see
-- (silo/Directory/DirectoryFrameCache.cs). A transaction id, not a sequence number: a sequence is drawn before commit,
-- so a writer that commits after a build with a number below that build's would be missed; visibility in the cached
-- snapshot is exact under MVCC with concurrent writers.
--
-- Definitions only, instant at any size: the column is added without a default (a volatile default would rewrite the
-- table) and then given one; rows from before this migration keep NULL, and the silo's first full read covers them.
-- The index does read the table once (only its non-NULL rows go in: none at first).
--
-- Applied by the migration runner inside one transaction; safe to run again.

ALTER TABLE directory_enterprises ADD COLUMN IF NOT EXISTS written_xid xid8 NULL;

-- Inserts: the default, which costs a COPY almost nothing (a row trigger on a first load of 1,000,000 rows cost more;
-- docs/benchmarks.md). A writer that names the column could set another value: none does, and none may (the writers
-- list their columns).
ALTER TABLE directory_enterprises ALTER COLUMN written_xid SET DEFAULT pg_current_xact_id();

-- Updates: a trigger, so that no UPDATE (the import's upsert, the grain's write, anything written later) can forget it.
-- A row that changes code or deployment leaves a deletion behind for its old key (no writer does today).
CREATE TABLE IF NOT EXISTS directory_deletions (
    service_id  text NOT NULL,
    uscc        text NOT NULL,
    deleted_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX IF NOT EXISTS ix_directory_deletions_xid ON directory_deletions (service_id, deleted_xid);

CREATE OR REPLACE FUNCTION directory_enterprises_written() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.written_xid := pg_current_xact_id();
    IF NEW.uscc IS DISTINCT FROM OLD.uscc OR NEW.service_id IS DISTINCT FROM OLD.service_id THEN
        INSERT INTO directory_deletions (service_id, uscc) VALUES (OLD.service_id, OLD.uscc);
    END IF;
    RETURN NEW;
END $$;

-- Deletes: the silo's role may delete directory rows (the grain storage's ClearStateAsync; no grain calls it today), and
-- a deleted row leaves nothing to read: a deletion says so.
CREATE OR REPLACE FUNCTION directory_enterprises_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO directory_deletions (service_id, uscc) VALUES (OLD.service_id, OLD.uscc);
    RETURN OLD;
END $$;

DROP TRIGGER IF EXISTS tr_directory_enterprises_written ON directory_enterprises;
CREATE TRIGGER tr_directory_enterprises_written BEFORE UPDATE ON directory_enterprises
    FOR EACH ROW EXECUTE FUNCTION directory_enterprises_written();

DROP TRIGGER IF EXISTS tr_directory_enterprises_deleted ON directory_enterprises;
CREATE TRIGGER tr_directory_enterprises_deleted AFTER DELETE ON directory_enterprises
    FOR EACH ROW EXECUTE FUNCTION directory_enterprises_deleted();

-- The rows of one import share one transaction id: btree deduplication keeps the index a few pages per import.
CREATE INDEX IF NOT EXISTS ix_directory_enterprises_written ON directory_enterprises (service_id, written_xid)
    WHERE written_xid IS NOT NULL;
