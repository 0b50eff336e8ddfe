#!/usr/bin/env bash
# Runs the whole test suite: PostgreSQL as for ops/run.sh, a throwaway database samples_test created
# afresh and migrated, then every test. Ends with a line "N passed, N failed". A PostgreSQL it started, it stops.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require_dotnet

# A PostgreSQL this run starts is stopped when it ends, so it holds no port afterwards (another clone's tests, CI on the
# same machine, found 127.0.0.1:25432 taken); one already running, as ops/run.sh leaves it, is left running.
pg_running || trap 'pg_down >/dev/null' EXIT
pg_up
browser_install
documents_install --tests
# The backup drill compresses with zstd; the cluster tests' script makes certificates with openssl.
ops_tools_install
web_build
# The cluster fault tests run their own RabbitMQ (ops/cluster.sh starts it; installing it first keeps that quick).
rabbit_install
pg_ensure_database samples_test --fresh
bash "$SAMPLES_ROOT/ops/db/migrate.sh" samples_test

export SAMPLES_TEST_POSTGRES="$(samples_connection_string samples_test)"
# The schema tests create, migrate and drop scratch databases of their own as the owner role, as the scripts do; the
# silo's role only uses them. The upgrade test hands a database over as the scripts do, through the server's socket.
export SAMPLES_TEST_POSTGRES_OWNER="$(owner_connection_string samples_test)"
export SAMPLES_TEST_PG_SOCKET_DIR="$PG_SOCKET_DIR"
pg_admin_sql "ALTER ROLE $SAMPLES_PG_OWNER CREATEDB" >/dev/null

results="$SAMPLES_ROOT/TestResults"
rm -rf "$results"
say "Building and running the tests"
status=0
# Two test projects: tests/Domain (the decisions alone) and tests (the hosts); each writes its own TRX file.
dotnet test "$SAMPLES_ROOT/Samples.sln" -c Release -nologo \
  --logger "trx" --logger "console;verbosity=detailed" \
  --results-directory "$results" "$@" || status=$?

# dotnet test prints no line that counts; add up the counters of the TRX files it wrote.
trx_files="$(find "$results" -name '*.trx' 2>/dev/null || true)"
if [ "$(echo "$trx_files" | grep -c . || true)" -lt 2 ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
counter() { # NAME: the sum of that counter over every TRX file
  echo "$trx_files" | while read -r trx; do grep -o '<Counters [^>]*' "$trx" | grep -oE " $1=\"[0-9]*\"" | grep -o '[0-9]*'; done | awk '{ s += $1 } END { print s + 0 }'
}
# The console log is long; name each failed test and its message's first lines just above the count.
echo "$trx_files" | while read -r trx; do
  perl -0777 -ne 'while (/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="Failed"(.*?)<\/UnitTestResult>/gs) {
      my ($name, $body) = ($1, $2); my ($message) = $body =~ /<Message>(.*?)<\/Message>/s; $message //= "";
      $message = join("\n    ", grep { defined } (split /\n/, $message)[0..5]); print "FAILED $name\n    $message\n" }' "$trx"
done
echo "$(counter passed) passed, $(counter failed) failed"
exit "$status"
