#!/usr/bin/env bash
# Sets up and runs Samples on this machine: PostgreSQL (installed from Debian's packages if missing,
# data in .data/, on 127.0.0.1:55432), the schema, a Release build, then one silo in the foreground
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

export Samples__Postgres__ConnectionString="${Samples__Postgres__ConnectionString:-$(samples_connection_string samples)}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}"
# A new user should see a populated system: synthetic demo data is loaded once, into an empty directory.
export Samples__Demo__Seed="${Samples__Demo__Seed:-true}"
# Draw nonces are derived from this key, outside the database (made owner-only on first start; back it up).
export Samples__Draws__NonceKeyFile="${Samples__Draws__NonceKeyFile:-$SAMPLES_DATA/draw-nonce.key}"
# The audit trail's head is appended here daily and at start, outside the database (GET /api/public/audit/heads).
export Samples__Audit__HeadLogFile="${Samples__Audit__HeadLogFile:-$(audit_head_log samples)}"
url="${Urls:-http://127.0.0.1:5080}"
say "Starting the silo: API at $url, health at $url/health (Ctrl-C to stop)"
say "Command line: ./samples --help  (export SAMPLES_TOKEN=… printed below on first start)"
cd "$SAMPLES_ROOT/silo/bin/Release/net10.0"
exec dotnet Samples.Silo.dll
