#!/usr/bin/env bash
# Applies the schema migrations in ops/db/migrations to a database, in file-name order, each in one
# transaction, recording each in samples_schema_migrations, then gives the silo's role its privileges
# (ops/db/grants.sql: read and write the data, only read and append the audit trail, own nothing). Safe to
# run any number of times: applied migrations are skipped, and a migration whose file changed after it was
# applied is an error.
#
# It connects as the owner role (SAMPLES_PG_OWNER, samples_owner), which owns the schema; the silo's role
# (SAMPLES_PG_USER, samples) gets the grants.
#
#   bash ops/db/migrate.sh                 # the run database (samples) of the local PostgreSQL
#   bash ops/db/migrate.sh samples_test    # another database on it
#   PGHOST=… PGPORT=… PGUSER=OWNER PGPASSWORD=… SAMPLES_PG_USER=APPROLE bash ops/db/migrate.sh DBNAME   # any PostgreSQL
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

db="${1:-samples}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-$SAMPLES_PG_PORT}" PGUSER="${PGUSER:-$SAMPLES_PG_OWNER}" PGDATABASE="$db"
# The local roles' development passwords, unless one is given (or ~/.pgpass has it).
if [ -z "${PGPASSWORD:-}" ]; then
  if [ "$PGUSER" = "$SAMPLES_PG_OWNER" ]; then export PGPASSWORD="$SAMPLES_PG_OWNER_PASSWORD"; fi
  if [ "$PGUSER" = "$SAMPLES_PG_USER" ]; then export PGPASSWORD="$SAMPLES_PG_PASSWORD"; fi
fi
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -tA "$@"; }

psql_q -c "SELECT 1" >/dev/null 2>&1 \
  || die "cannot reach database $db at $PGHOST:$PGPORT as $PGUSER (is PostgreSQL running? bash ops/run.sh starts it)"

# A database from before the owner role: its tables belong to the silo's role and the owner can change none of them.
not_owned="$(psql_q -c "SELECT string_agg(DISTINCT pg_get_userbyid(c.relowner), ', ') FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND NOT pg_has_role(c.relowner, 'USAGE')")"
[ -z "$not_owned" ] || die "the tables of $db belong to $not_owned, not to $PGUSER: a database from before the owner role. Hand it over once, as a superuser: psql -d $db -v owner=$PGUSER -v app=$not_owned -f ops/db/take-ownership.sql (docs/database.md; the local scripts do it themselves)"

PGOPTIONS='--client-min-messages=warning' psql_q -c "CREATE TABLE IF NOT EXISTS samples_schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  sha256     text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null \
  || die "cannot create samples_schema_migrations in $db as $PGUSER (does it own the database? bash ops/run.sh makes it so)"

applied=0
for file in "$SAMPLES_ROOT"/ops/db/migrations/[0-9][0-9][0-9][0-9]_*.sql; do
  name="$(basename "$file" .sql)"
  version=$((10#${name%%_*}))
  sum="$(sha256sum "$file" | cut -d' ' -f1)"
  recorded="$(psql_q -c "SELECT sha256 FROM samples_schema_migrations WHERE version = $version")"
  if [ -n "$recorded" ]; then
    [ "$recorded" = "$sum" ] || die "migration $name was changed after it was applied to $db; add a new migration instead"
    continue
  fi
  say "Applying migration $name to $db"
  # The file and its record commit together or not at all.
  { cat "$file"; echo; echo "INSERT INTO samples_schema_migrations (version, name, sha256) VALUES ($version, '$name', '$sum');"; } \
    | PGOPTIONS='--client-min-messages=warning' psql_q --single-transaction -f - >/dev/null
  applied=$((applied + 1))
done

# Every run, not only after a new migration: the grants are the whole truth each time (see the file).
PGOPTIONS='--client-min-messages=warning' psql_q -v app="$SAMPLES_PG_USER" -f "$SAMPLES_ROOT/ops/db/grants.sql" >/dev/null
current="$(psql_q -c "SELECT COALESCE(MAX(version), 0) FROM samples_schema_migrations")"
say "Database $db is at schema version $current ($applied migration(s) applied now)"
