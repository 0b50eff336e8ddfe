-- take-ownership.sql: hands a database made before the owner role to it, once.
--
-- Until schema version 10 the silo's role (samples) owned its database and every object in it, the audit trail
-- included, so it could truncate the trail, disable its append-only trigger or re-hash an edited chain. Now an owner
-- role (samples_owner) owns them and runs the migrations; ops/db/grants.sql gives the silo's role what it may do.
-- This moves ownership: the database (and with it the public schema, which PostgreSQL 15 gives to the database's
-- owner), then the tables, views, sequences, functions and types in public that the silo's role owns. Nothing is
-- dropped or rewritten; run it again and it does nothing.
--
-- Run it as a superuser (or as a role that is a member of both roles and may create databases), before migrating as
-- the owner:
--
--   psql -d DBNAME -v owner=samples_owner -v app=samples -f ops/db/take-ownership.sql
--
-- ops/lib/common.sh's pg_ensure_database runs it on every start of the local scripts. REASSIGN OWNED is not used: it
-- would also hand over every other database the silo's role owns on the server.
\set ON_ERROR_STOP on

SELECT count(*) AS owned, count(*) > 0 AS moving FROM (
    SELECT FROM pg_database WHERE datname = current_database() AND datdba = :'app'::regrole
    UNION ALL SELECT FROM pg_namespace WHERE nspname = 'public' AND nspowner = :'app'::regrole
    UNION ALL SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relowner = :'app'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    UNION ALL SELECT FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = 'public' AND p.proowner = :'app'::regrole
) AS objects \gset

\if :moving
BEGIN;

SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'owner')
 WHERE (SELECT datdba FROM pg_database WHERE datname = current_database()) = :'app'::regrole \gexec

-- A database made before PostgreSQL 15 may have a public schema the silo's role owns or anyone may create in.
SELECT format('ALTER SCHEMA public OWNER TO %I', :'owner')
 WHERE (SELECT nspowner FROM pg_namespace WHERE nspname = 'public') = :'app'::regrole \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Tables first: their indexes, row types and the sequences their columns own follow them.
SELECT format('ALTER TABLE %s OWNER TO %I', c.oid::regclass, :'owner')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relowner = :'app'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
 ORDER BY c.relname \gexec

SELECT format('ALTER SEQUENCE %s OWNER TO %I', c.oid::regclass, :'owner')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relowner = :'app'::regrole AND c.relkind = 'S'
 ORDER BY c.relname \gexec

SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'owner')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND p.proowner = :'app'::regrole
 ORDER BY p.proname \gexec

-- Types of their own (enums, domains, composites made by CREATE TYPE); a table's row type moved with the table.
SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, :'owner')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = 'public' AND t.typowner = :'app'::regrole AND t.typtype IN ('e', 'd', 'r', 'c')
   AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
 ORDER BY t.typname \gexec

COMMIT;
\echo '==> Database' :DBNAME 'handed from' :app 'to' :owner 'with' :owned 'of its objects; the migrations now run as' :owner
\endif
