-- 0003_orleans_persistence.sql
--
-- Grain state storage for Microsoft.Orleans.Persistence.AdoNet 10.4.2.
--
-- Contract (taken from the 10.4.2 assembly):
--   * Init reads WriteToStorageKey, ReadFromStorageKey, ClearStorageKey (all
--     required) and DeleteStorageKey (needed only with DeleteStateOnClear=true;
--     defined here so that option can be switched on).
--   * Every call binds @GrainIdHash int, @GrainIdN0 bigint, @GrainIdN1 bigint,
--     @GrainTypeHash int, @GrainTypeString, @GrainIdExtensionString (NULL for
--     non-string keys), @ServiceId; writes/clears/deletes add @GrainStateVersion
--     (int, NULL when the grain has never been stored) and writes add
--     @PayloadBinary. 10.4.2 sends no JSON/XML payload parameters, so none are
--     referenced (an @name the provider does not bind reaches the server verbatim and fails).
--   * Read: at most ONE row (SingleOrDefault), columns PayloadBinary and Version.
--   * Write: one row, column NewGrainStateVersion. Clear/Delete: one row, first
--     column. The provider compares that value with the ETag it sent and raises
--     InconsistentStateException when it is equal to it or empty (SQL NULL reads
--     as ""). Returning NO row would NOT raise (null ETag vs. "n"), so every
--     write-type function below always returns exactly one value: the new
--     version on success, NULL when the optimistic check failed.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,     -- NULL after a clear: the row and its version survive
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer      NOT NULL
);

-- One row per grain state. The read path uses SingleOrDefault, so a duplicate
-- (e.g. two activations racing their first write in a split cluster) would break
-- every later read of that grain; the index makes the second insert lose instead.
-- Strings are hashed to keep index tuples small; NULLS NOT DISTINCT (PostgreSQL
-- 15+) makes grains without an extension key unique as well. The leading integer
-- columns also serve the equality look-ups of every query below.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON orleansstorage (serviceid, graintypehash, grainidhash, grainidn0, grainidn1,
                       md5(graintypestring), md5(grainidextensionstring))
    NULLS NOT DISTINCT;

-- Writes a grain state under optimistic concurrency.
--   p_version NULL     -> first write: insert version 1, unless a row exists.
--   p_version n        -> update only if the stored version is still n; store n + 1.
-- Returns the new version, or NULL when nothing was written (stale ETag or a
-- row created by someone else); the provider turns NULL into
-- InconsistentStateException.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_version                integer,
    p_payloadbinary          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    IF p_version IS NULL THEN
        -- No conflict target: any hit on the unique index means "already stored".
        INSERT INTO orleansstorage
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
             grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
        VALUES
            (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring,
             p_grainidextensionstring, p_serviceid, p_payloadbinary, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO v_new;
    ELSE
        -- The version predicate is re-checked after any row lock wait, so of two
        -- concurrent writers holding the same ETag exactly one succeeds.
        UPDATE orleansstorage AS s
           SET payloadbinary = p_payloadbinary,
               modifiedon = now(),
               version = s.version + 1
         WHERE s.serviceid = p_serviceid
           AND s.graintypehash = p_graintypehash
           AND s.grainidhash = p_grainidhash
           AND s.grainidn0 = p_grainidn0
           AND s.grainidn1 = p_grainidn1
           AND s.graintypestring = p_graintypestring
           AND s.grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
           AND s.version = p_version
        RETURNING s.version INTO v_new;
    END IF;
    RETURN v_new;
END
$fn$;

-- Clears a grain state but keeps the row, so the version keeps counting up and a
-- writer holding a pre-clear ETag is still rejected. Same return rule as the write.
CREATE OR REPLACE FUNCTION orleans_storage_clear(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_version                integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    UPDATE orleansstorage AS s
       SET payloadbinary = NULL,
           modifiedon = now(),
           version = s.version + 1
     WHERE s.serviceid = p_serviceid
       AND s.graintypehash = p_graintypehash
       AND s.grainidhash = p_grainidhash
       AND s.grainidn0 = p_grainidn0
       AND s.grainidn1 = p_grainidn1
       AND s.graintypestring = p_graintypestring
       AND s.grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
       AND s.version = p_version
    RETURNING s.version INTO v_new;
    RETURN v_new;
END
$fn$;

-- Removes a grain state (DeleteStateOnClear=true). Returns the deleted version + 1
-- (any value other than the caller's ETag counts as success; the provider then
-- resets the ETag to null), or NULL when the version was stale.
CREATE OR REPLACE FUNCTION orleans_storage_delete(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_version                integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    DELETE FROM orleansstorage AS s
     WHERE s.serviceid = p_serviceid
       AND s.graintypehash = p_graintypehash
       AND s.grainidhash = p_grainidhash
       AND s.grainidn0 = p_grainidn0
       AND s.grainidn1 = p_grainidn1
       AND s.graintypestring = p_graintypestring
       AND s.grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
       AND s.version = p_version
    RETURNING s.version + 1 INTO v_new;
    RETURN v_new;
END
$fn$;

-- DO UPDATE (not DO NOTHING): this file is the source of truth for these texts,
-- so re-applying it repairs a hand-edited catalogue instead of keeping the edit.
INSERT INTO orleansquery (querykey, querytext)
VALUES
(
    'ReadFromStorageKey',
    -- A cleared row comes back with a NULL payload and its version: the grain
    -- gets a fresh state but keeps a valid ETag for its next write.
    $q$
    SELECT payloadbinary, version
      FROM orleansstorage
     WHERE serviceid = @ServiceId
       AND graintypehash = @GrainTypeHash
       AND grainidhash = @GrainIdHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
    $q$
),
(
    'WriteToStorageKey',
    $q$
    SELECT orleans_storage_write(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
        AS newgrainstateversion;
    $q$
),
(
    'ClearStorageKey',
    $q$
    SELECT orleans_storage_clear(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion)
        AS newgrainstateversion;
    $q$
),
(
    'DeleteStorageKey',
    $q$
    SELECT orleans_storage_delete(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion)
        AS newgrainstateversion;
    $q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
