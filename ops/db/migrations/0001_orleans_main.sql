-- 0001_orleans_main.sql
--
-- Query catalogue for the Orleans ADO.NET providers (Orleans 10.4.2, invariant "Npgsql").
--
-- The providers ship no SQL. At start-up each one runs the fixed statement
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and then only ever executes the texts it finds there, binding its own
-- @Parameters. Later migrations (0002..0004) fill this table; this one only
-- creates it.
--
-- Naming: every identifier in these migrations is unquoted lower case. PostgreSQL
-- folds the provider's unquoted "OrleansQuery"/"QueryKey" to the same names, and
-- Npgsql matches result columns by name case-insensitively, so the provider's
-- PascalCase look-ups ("Version", "PayloadBinary", ...) still resolve.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS orleansquery
(
    -- Key names are fixed by the provider assemblies (e.g. 'WriteToStorageKey').
    querykey  varchar(64) NOT NULL,
    -- Executed verbatim by Npgsql; @Name placeholders are bound by the provider.
    querytext text        NOT NULL,

    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);

COMMENT ON TABLE orleansquery IS
    'Orleans ADO.NET provider query catalogue: the only SQL the providers run. Owned by ops/db/migrations.';
