#!/usr/bin/env bash
# Sets up and runs Samples on this machine: PostgreSQL (installed from Debian's packages if missing,
# data in .data/, on 127.0.0.1:25432), the schema, a Release build, then one silo in the foreground
# with the HTTP API on http://127.0.0.1:5080. Ctrl-C stops the silo; PostgreSQL and its data stay,
# and the next run finds them again (bash ops/stop.sh stops PostgreSQL too).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require_dotnet

pg_up
pg_ensure_database samples
bash "$SAMPLES_ROOT/ops/db/migrate.sh" samples

web_build
documents_install
say "Building (Release)"
dotnet build "$SAMPLES_ROOT/Samples.sln" -c Release -nologo -v quiet -clp:ErrorsOnly
# Best effort: without it `samples verify` runs the managed command, only slower to start.
(verify_native_publish) || say "samples verify stays managed: its ahead-of-time build failed (see above)"

export Samples__Postgres__ConnectionString="${Samples__Postgres__ConnectionString:-$(samples_connection_string samples)}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}"
# A new user should see a populated system: synthetic demo data is loaded once, into an empty directory.
export Samples__Demo__Seed="${Samples__Demo__Seed:-true}"
# Draw nonces are derived from this key, outside the database (made owner-only on first start; back it up).
export Samples__Draws__NonceKeyFile="${Samples__Draws__NonceKeyFile:-$SAMPLES_DATA/draw-nonce.key}"
# The audit trail's head is appended here daily and at start, outside the database (GET /api/public/audit/heads).
export Samples__Audit__HeadLogFile="${Samples__Audit__HeadLogFile:-$(audit_head_log samples)}"
# The first start writes the admin credential here, readable by its owner only (a console may be kept as a log).
export Samples__Access__AdminCredentialFile="${Samples__Access__AdminCredentialFile:-$SAMPLES_DATA/admin-token}"
url="${Urls:-http://127.0.0.1:5080}"
say "Starting the silo: API at $url, health at $url/health (Ctrl-C to stop)"
say "Command line: ./samples --help  (export SAMPLES_TOKEN=… from $Samples__Access__AdminCredentialFile, shown below on first start)"
cd "$SAMPLES_ROOT/silo/bin/Release/net10.0"
# The silo runs as a child so that this script can show the credential file once the first start has written it;
# Ctrl-C and a TERM are passed on (a background child of a script ignores SIGINT itself).
marker="$(mktemp)"
dotnet Samples.Silo.dll &
silo=$!
trap 'kill -TERM "$silo" 2>/dev/null || true' INT TERM
until curl -fsS -m 2 "${url%%;*}/health" >/dev/null 2>&1; do
  kill -0 "$silo" 2>/dev/null || break
  sleep 0.5
done
if [ -f "$Samples__Access__AdminCredentialFile" ] && [ "$Samples__Access__AdminCredentialFile" -nt "$marker" ]; then
  say "First start: the admin credential and the admin's first password (kept in $Samples__Access__AdminCredentialFile, owner-only):"
  cat "$Samples__Access__AdminCredentialFile"
fi
rm -f "$marker"
status=0
wait "$silo" || status=$?
# wait returns early when a trapped signal arrives: wait again for the silo's graceful stop.
while kill -0 "$silo" 2>/dev/null; do wait "$silo" || status=$?; done
exit "$status"
