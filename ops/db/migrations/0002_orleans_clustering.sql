-- 0002_orleans_clustering.sql
--
-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet 10.4.2 (silos and
-- the gateway list used by clients).
--
-- Contract (taken from the 10.4.2 assembly, not from older scripts):
--   * Required keys: GatewaysQueryKey, MembershipReadRowKey, MembershipReadAllKey,
--     InsertMembershipVersionKey, UpdateIAmAlivetimeKey, InsertMembershipKey,
--     UpdateMembershipKey, DeleteMembershipTableEntriesKey,
--     CleanupDefunctSiloEntriesKey. A missing one stops the silo/client at start-up.
--   * Optional key CleanupDefunctSiloEntryKey: when present, 10.4.2 cleans up dead
--     silos row by row (decided in .NET, guarded in SQL) and never runs the bulk
--     CleanupDefunctSiloEntriesKey; it is defined here so that path is used.
--   * Insert/Update/InsertVersion must return one row with one column that
--     converts to a boolean: true = written, false = optimistic check failed.
--   * Read queries must return one row even when no silo matches (the table
--     version is taken from the first row), hence the LEFT JOIN from the version
--     table. Columns are read by name: Address, Port, Generation, SiloName,
--     HostName, Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version.
--   * Status values are Orleans SiloStatus: 3 = Active, 6 = Dead.
--
-- Applied by the migration runner inside one transaction; safe to run again.

-- One row per cluster (Orleans "DeploymentId" = ClusterId). Its version is the
-- optimistic-concurrency token for the whole membership table of that cluster.
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL,
    modifiedon   timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (deploymentid)
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL,
    address      varchar(45)    NOT NULL,  -- textual IPv4/IPv6
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NOT NULL,  -- read with GetInt32, so never NULL; 0 = no gateway
    suspecttimes text           NULL,      -- "silo,time|silo,time" votes, grows with cluster size
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,

    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (deploymentid)
        REFERENCES orleansmembershipversiontable (deploymentid)
);

-- Adds a silo row and bumps the table version in one step. Returns false (and
-- writes nothing) when the caller's version is stale or the silo row already
-- exists; Orleans then re-reads the table and retries.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_siloname     text,
    p_hostname     text,
    p_status       integer,
    p_proxyport    integer,
    p_starttime    timestamptz,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    -- Taking the version row first serialises concurrent writers of a cluster:
    -- a second writer with the same expected version re-checks it after the
    -- lock is released and matches nothing.
    UPDATE orleansmembershipversiontable AS v
       SET version = v.version + 1,
           modifiedon = now()
     WHERE v.deploymentid = p_deploymentid
       AND v.version = p_version
       AND NOT EXISTS (SELECT 1
                         FROM orleansmembershiptable AS m
                        WHERE m.deploymentid = p_deploymentid
                          AND m.address = p_address
                          AND m.port = p_port
                          AND m.generation = p_generation);
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    -- A duplicate here can only come from a racing writer that bypassed the
    -- version check; the unique violation aborts the whole call (version bump
    -- included) and the provider treats the error as a failed write.
    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname,
         status, proxyport, suspecttimes, starttime, iamalivetime)
    VALUES
        (p_deploymentid, p_address, p_port, p_generation, p_siloname, p_hostname,
         p_status, p_proxyport, NULL, p_starttime, p_iamalivetime);
    RETURN true;
END
$fn$;

-- Changes a silo's status/suspicions and bumps the table version in one step.
-- Returns false (and writes nothing) when the version is stale or the row is gone.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deploymentid text,
    p_address      text,
    p_port         integer,
    p_generation   integer,
    p_status       integer,
    p_suspecttimes text,
    p_iamalivetime timestamptz,
    p_version      integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    UPDATE orleansmembershipversiontable AS v
       SET version = v.version + 1,
           modifiedon = now()
     WHERE v.deploymentid = p_deploymentid
       AND v.version = p_version
       AND EXISTS (SELECT 1
                     FROM orleansmembershiptable AS m
                    WHERE m.deploymentid = p_deploymentid
                      AND m.address = p_address
                      AND m.port = p_port
                      AND m.generation = p_generation);
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    -- GREATEST: a heartbeat written meanwhile by the silo itself must not be
    -- moved back by a status change computed from an older read.
    UPDATE orleansmembershiptable AS m
       SET status = p_status,
           suspecttimes = p_suspecttimes,
           iamalivetime = GREATEST(m.iamalivetime, p_iamalivetime)
     WHERE m.deploymentid = p_deploymentid
       AND m.address = p_address
       AND m.port = p_port
       AND m.generation = p_generation;
    IF NOT FOUND THEN
        -- Row deleted between the check and the write: abort so the version
        -- bump is rolled back too.
        RAISE EXCEPTION 'membership row % %:%@% disappeared during update',
            p_deploymentid, p_address, p_port, p_generation;
    END IF;
    RETURN true;
END
$fn$;

-- DO UPDATE (not DO NOTHING): this file is the source of truth for these texts,
-- so re-applying it repairs a hand-edited catalogue instead of keeping the edit.
INSERT INTO orleansquery (querykey, querytext)
VALUES
(
    'InsertMembershipVersionKey',
    -- false on a second call is expected: the row already exists.
    $q$
    WITH created AS (
        INSERT INTO orleansmembershipversiontable (deploymentid)
        VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM created);
    $q$
),
(
    'InsertMembershipKey',
    $q$
    SELECT orleans_membership_insert(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
    $q$
),
(
    'UpdateMembershipKey',
    $q$
    SELECT orleans_membership_update(
        @DeploymentId, @Address, @Port, @Generation,
        @Status, @SuspectTimes, @IAmAliveTime, @Version);
    $q$
),
(
    'UpdateIAmAlivetimeKey',
    -- Heartbeat: no version bump (Orleans does not treat it as a table change)
    -- and never moves the time backwards.
    $q$
    UPDATE orleansmembershiptable
       SET iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation;
    $q$
),
(
    'MembershipReadRowKey',
    $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname,
           m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime,
           v.version
      FROM orleansmembershipversiontable AS v
      LEFT JOIN orleansmembershiptable AS m
             ON m.deploymentid = v.deploymentid
            AND m.address = @Address
            AND m.port = @Port
            AND m.generation = @Generation
     WHERE v.deploymentid = @DeploymentId;
    $q$
),
(
    'MembershipReadAllKey',
    $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname,
           m.status, m.proxyport, m.suspecttimes, m.starttime, m.iamalivetime,
           v.version
      FROM orleansmembershipversiontable AS v
      LEFT JOIN orleansmembershiptable AS m
             ON m.deploymentid = v.deploymentid
     WHERE v.deploymentid = @DeploymentId;
    $q$
),
(
    'GatewaysQueryKey',
    -- Used by clients; the provider passes @Status = 3 (Active).
    $q$
    SELECT address, proxyport, generation
      FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = @Status
       AND proxyport > 0;
    $q$
),
(
    'DeleteMembershipTableEntriesKey',
    -- Silo rows first: they reference the version row.
    $q$
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
    $q$
),
(
    'CleanupDefunctSiloEntryKey',
    -- 10.4.2 picks the candidates in .NET (Dead, started and last alive before the
    -- cutoff, no suspicion vote after it) and passes back the values it read; the
    -- delete only happens if the row still holds exactly those values.
    $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation
       AND status = 6
       AND starttime = @StartTime
       AND iamalivetime = @IAmAliveTime
       AND COALESCE(suspecttimes, '') = COALESCE(@SuspectTimes, '');
    $q$
),
(
    'CleanupDefunctSiloEntriesKey',
    -- Required to exist, but only used if CleanupDefunctSiloEntryKey is removed.
    -- Conservative: only Dead rows that are old by both timestamps and carry no
    -- suspicion votes (their times cannot be compared in SQL).
    $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = 6
       AND iamalivetime < @IAmAliveTime
       AND starttime < @IAmAliveTime
       AND COALESCE(suspecttimes, '') = '';
    $q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
