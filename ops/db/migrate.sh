#!/usr/bin/env bash
# Applies the schema migrations in ops/db/migrations to a database, in file-name order, each in one
# transaction, recording each in samples_schema_migrations. Safe to run any number of times: applied
# migrations are skipped, and a migration whose file changed after it was applied is an error.
#
#   bash ops/db/migrate.sh                 # the run database (samples) of the local PostgreSQL
#   bash ops/db/migrate.sh samples_test    # another database on it
#   PGHOST=… PGPORT=… PGUSER=… PGPASSWORD=… bash ops/db/migrate.sh DBNAME   # any PostgreSQL
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

db="${1:-samples}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-$SAMPLES_PG_PORT}" PGUSER="${PGUSER:-$SAMPLES_PG_USER}"
export PGPASSWORD="${PGPASSWORD:-$SAMPLES_PG_PASSWORD}" PGDATABASE="$db"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -tA "$@"; }

psql_q -c "CREATE TABLE IF NOT EXISTS samples_schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  sha256     text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null 2>&1 \
  || die "cannot reach database $db at $PGHOST:$PGPORT as $PGUSER (is PostgreSQL running? bash ops/run.sh starts it)"

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
    | psql_q --single-transaction -f - >/dev/null
  applied=$((applied + 1))
done
current="$(psql_q -c "SELECT COALESCE(MAX(version), 0) FROM samples_schema_migrations")"
say "Database $db is at schema version $current ($applied migration(s) applied now)"
