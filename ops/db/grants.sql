-- grants.sql: what the silo's role may do, given by the owner after every migration run (ops/db/migrate.sh).
--
-- The owner role owns every table and function and runs the migrations; the silo's role (variable app) owns nothing
-- and is no member of the owner, so it can change no table's definition, drop nothing, truncate nothing and touch no
-- trigger. It may:
--   - read, insert, update and delete the rows of every table (Orleans' grain state, membership and reminders,
--     Quartz's job store, the directory, the read models), except:
--   - audit_trail, documents, public_results and the risk history: read and append only (no UPDATE, no DELETE: the triggers are a second lock, which
--     only the owner could disable);
--   - samples_schema_migrations and orleansquery: read only (the schema version the silo checks, and the SQL the
--     Orleans providers run).
--   - use the sequences and execute the functions.
-- Default privileges give the same to tables the owner creates later. Everything is revoked first and granted again,
-- in one transaction, so this is the whole truth whatever was granted before; running it again changes nothing.
--
--   psql -d DBNAME -v app=samples -f ops/db/grants.sql      (as the owner; migrate.sh does this)
\set ON_ERROR_STOP on

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') AS app_missing,
       current_user = :'app' AS app_is_owner \gset
\if :app_missing
  \warn 'warning: role' :app 'does not exist: nothing was granted (set SAMPLES_PG_USER to the silo''s role)'
  \quit
\endif
\if :app_is_owner
  \warn 'warning: migrated as the silo''s role' :app 'itself: it owns the schema and could rewrite the audit trail; migrate as the owner role (docs/database.md)'
  \quit
\endif

-- Objects this role does not own cannot be granted (a database from before the owner role: take-ownership.sql first).
SELECT coalesce(string_agg(c.relname, ', ' ORDER BY c.relname), '') AS foreign_tables, count(*) > 0 AS not_owned
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND NOT pg_has_role(c.relowner, 'USAGE') \gset
\if :not_owned
SELECT set_config('samples.not_owned', :'foreign_tables', false) \g /dev/null
DO $$ BEGIN
    RAISE EXCEPTION 'the migrations ran as %, which does not own %', current_user, current_setting('samples.not_owned')
        USING HINT = 'A database from before the owner role: hand it over once with ops/db/take-ownership.sql (docs/database.md).';
END $$;
\endif

BEGIN;
GRANT USAGE ON SCHEMA public TO :"app";

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"app";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
REVOKE UPDATE, DELETE ON audit_trail FROM :"app";
REVOKE UPDATE, DELETE ON documents, public_results, risk_models, risk_runs, risk_classifications FROM :"app";
-- A faulted message is marked when redelivered, never deleted (0021).
REVOKE DELETE ON messaging_faults FROM :"app";
-- Lean directory rows rebuild their history from their import (0023): it stays as it was.
REVOKE UPDATE, DELETE ON directory_imports FROM :"app";
-- Deleted directory rows as the silo's frame cache reads them (0024): written by the table's triggers, kept.
REVOKE UPDATE, DELETE ON directory_deletions FROM :"app";
-- First loads as the frame cache reads them (0025): kept.
REVOKE UPDATE, DELETE ON directory_first_loads FROM :"app";
REVOKE INSERT, UPDATE, DELETE ON samples_schema_migrations, orleansquery FROM :"app";

REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
GRANT EXECUTE ON ALL ROUTINES IN SCHEMA public TO :"app";

ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON ROUTINES TO :"app";

-- The directory import vacuums the table afterwards (silo/Directory/EnterpriseImporter.cs). From PostgreSQL 17 a
-- privilege allows it; before, only the owner may, the silo's VACUUM is skipped with a warning and autovacuum does it.
SELECT current_setting('server_version_num')::int >= 170000 AS has_maintain \gset
\if :has_maintain
GRANT MAINTAIN ON directory_enterprises TO :"app";
\endif
COMMIT;

-- What would undo all of the above: say so on every run rather than let it pass. A superuser, a member of the owner
-- or a role given more by PUBLIC could still change the trail; one that may create objects in public could plant a
-- function or table the owner's statements would find first.
SELECT has_table_privilege(:'app', 'audit_trail', 'UPDATE') OR has_table_privilege(:'app', 'audit_trail', 'DELETE')
           OR has_table_privilege(:'app', 'audit_trail', 'TRUNCATE') OR pg_has_role(:'app', current_user, 'USAGE') AS app_rewrites,
       has_schema_privilege(:'app', 'public', 'CREATE') OR has_database_privilege(:'app', current_database(), 'CREATE') AS app_creates \gset
\if :app_rewrites
  \warn 'warning: the silo''s role' :app 'can still change or empty the audit trail: it is a superuser, a member of' :USER 'or was given UPDATE, DELETE or TRUNCATE (to PUBLIC?); see docs/database.md'
\endif
\if :app_creates
  \warn 'warning: the silo''s role' :app 'may create objects in this database: REVOKE CREATE ON SCHEMA public FROM PUBLIC; REVOKE CREATE ON DATABASE' :DBNAME 'FROM PUBLIC'
\endif
