#!/usr/bin/env bash
# Benchmark of issue 3's figures (and issue 22's at 10,000,000): import N enterprises (default 1,000,000) through the real path
# (CSV file → samples CLI → HTTP API → check every row → COPY + one upsert) into a fresh database, then
# build the frames of one plan round. Prints rows/s of the import, seconds to build the frames (median
# of 5), the silo's peak memory, and a baseline from the same run: PostgreSQL's own COPY of the same file
# into a plain table.
#
#   bash ops/bench-directory.sh [ENTERPRISES]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require_dotnet
for tool in bc curl python3; do command -v "$tool" >/dev/null || die "the benchmark needs $tool (apt-get install $tool)"; done
count="${1:-1000000}"
# SAMPLES_BENCH_DB, SAMPLES_BENCH_PORT: another database and port, for two benchmarks on one machine.
db="${SAMPLES_BENCH_DB:-samples_bench}"
port="${SAMPLES_BENCH_PORT:-5099}"
# The silo's cluster ports follow the API port (5099: 11199 and 30099), so two benchmarks never share one.
# SAMPLES_BENCH_DIR: the work folder (CSV, logs) elsewhere than the data folder, e.g. in a worktree while the
# PostgreSQL of SAMPLES_DATA is shared.
work="${SAMPLES_BENCH_DIR:-$SAMPLES_DATA/bench}"
mkdir -p "$work"

pg_up
pg_ensure_database "$db" --fresh
bash "$SAMPLES_ROOT/ops/db/migrate.sh" "$db" >/dev/null
# SAMPLES_BENCH_BUILD=0: use what is built already (iterating on a loaded machine).
if [ "${SAMPLES_BENCH_BUILD:-1}" != 0 ]; then
  say "Building (Release)"
  dotnet build "$SAMPLES_ROOT/Samples.sln" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
fi
samples() { dotnet "$SAMPLES_ROOT/client/bin/Release/net10.0/samples.dll" "$@"; }

csv="$work/enterprises-$count.csv"
[ -s "$csv" ] || { say "Generating $count synthetic enterprises"; samples demo csv --enterprises "$count" --out "$csv"; }
# PostgreSQL reads the file as the postgres user.
chmod 755 "$work"; chmod 644 "$csv"

say "Baseline: PostgreSQL COPY of the same file into a plain table"
# As the owner: the silo's role may create no table.
export PGPASSWORD="$SAMPLES_PG_OWNER_PASSWORD"
psql_b() { psql -X -q -h 127.0.0.1 -p "$SAMPLES_PG_PORT" -U "$SAMPLES_PG_OWNER" -d "$db" -v ON_ERROR_STOP=1 "$@"; }
psql_b -c "CREATE TABLE bench_raw (uscc text, name text, region_code text, address text, kind text, categories text, licences text, status text, key_supervision text, risk_class text, uscc_override_reason text)"
start=$(date +%s.%N)
psql_b -c "\\copy bench_raw FROM '$csv' WITH (FORMAT csv, HEADER true)"
copy_s=$(echo "$(date +%s.%N) - $start" | bc)
psql_b -c "DROP TABLE bench_raw"

say "Starting a silo on $db (API on 127.0.0.1:$port)"
log="$work/silo.log"
# The fresh database's trail starts afresh: so does its head log.
rm -f "$work/audit-heads.jsonl"
Samples__Postgres__ConnectionString="$(samples_connection_string "$db")" Samples__Audit__HeadLogFile="$work/audit-heads.jsonl" \
Samples__Cluster__ClusterId=bench Samples__Cluster__ServiceId=bench \
Samples__Cluster__SiloPort=$((port + 6100)) Samples__Cluster__GatewayPort=$((port + 25000)) Urls="http://127.0.0.1:$port" \
  dotnet "$SAMPLES_ROOT/silo/bin/Release/net10.0/Samples.Silo.dll" >"$log" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null || true; wait $silo 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "SAMPLES_TOKEN=" "$log" && curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 $silo 2>/dev/null || { cat "$log"; die "the silo stopped"; }
  sleep 0.5
done
export SAMPLES_TOKEN="$(grep -o 'smp_[A-Za-z0-9._-]*' "$log" | head -n 1)" SAMPLES_API_URL="http://127.0.0.1:$port"
[ -n "$SAMPLES_TOKEN" ] || { tail -20 "$log"; die "the silo did not become healthy within 60 s"; }

say "Importing $count enterprises through the API"
start=$(date +%s.%N)
samples enterprise import "$csv" 2>"$work/import.err" || { cat "$work/import.err"; die "the import failed"; }
import_s=$(echo "$(date +%s.%N) - $start" | bc)

# SAMPLES_BENCH_IMPORT_ONLY=1: the import figures alone (first load, the same file again, the bare COPY), no vacuum
# wait and no frames: for iterating on the import.
if [ "${SAMPLES_BENCH_IMPORT_ONLY:-0}" = 1 ]; then
  start=$(date +%s.%N)
  samples enterprise import "$csv" 2>"$work/import.err" || { cat "$work/import.err"; die "the second import failed"; }
  reimport_s=$(echo "$(date +%s.%N) - $start" | bc)
  echo
  echo "== Directory import ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)) =="
  printf 'import, end to end            %.1f s = %.0f rows/s   (goal >= 50000 rows/s)\n' "$import_s" "$(echo "$count / $import_s" | bc -l)"
  printf 'the same file again           %.1f s = %.0f rows/s\n' "$reimport_s" "$(echo "$count / $reimport_s" | bc -l)"
  printf 'baseline: psql \\copy alone    %.1f s = %.0f rows/s   (import takes %.1fx the bare COPY)\n' "$copy_s" "$(echo "$count / $copy_s" | bc -l)" "$(echo "$import_s / $copy_s" | bc -l)"
  grep -o 'Enterprise import of.*' "$log" || true
  exit 0
fi

# Frames read the primary key without visiting the table once the table is vacuumed (its visibility map set). From
# PostgreSQL 17 the import vacuums; before, only autovacuum may (0022 makes it prompt and unthrottled on this table):
# wait for it, as a draw days after a national load would find it, and say how long it took.
say "Waiting for the directory to be vacuumed (visibility map)"
start=$(date +%s.%N)
for _ in $(seq 1 1800); do
  # relpages is 0 until the first vacuum or analyze has counted the table: that is not "all visible".
  visible="$(psql_b -tA -c "SELECT relpages > 0 AND relallvisible >= 0.99 * relpages FROM pg_class WHERE relname = 'directory_enterprises'")"
  [ "$visible" = t ] && break
  sleep 1
done
vacuum_s=$(echo "$(date +%s.%N) - $start" | bc)

say "Building the frames of one round of a plan over all seven categories (5 times)"
curl -sf -X PUT "$SAMPLES_API_URL/api/plans/BENCH" -H "Authorization: Bearer $SAMPLES_TOKEN" -H 'Content-Type: application/json' -d '{
  "year": 2026, "department": "bench", "categories": ["potash-kcl-gb6549","potash-kcl-gb-t37918","lithium-carbonate","pv-module-csi","cosmetics","medical-mask-disposable","drug-tablet"],
  "regions": [], "quotas": {"ratioByRiskClass": {"A": 0.03, "B": 0.05, "C": 0.2, "D": 0.61}, "allKeyItemsAtClassD": true},
  "goalBatches": 1000, "roundSchedule": "0 0 9 1 1/2 ?", "rounds": 6}' >/dev/null
frames=(); builds=()
for i in 1 2 3 4 5; do
  start=$(date +%s.%N)
  build_ms="$(curl -sf "$SAMPLES_API_URL/api/plans/BENCH/frames?round=1" -H "Authorization: Bearer $SAMPLES_TOKEN" -o "$work/frames-summary.json" -w '' && python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["buildMilliseconds"])' "$work/frames-summary.json")"
  frames+=("$(echo "$(date +%s.%N) - $start" | bc)"); builds+=("$build_ms")
done
median=$(printf '%s\n' "${frames[@]}" | sort -n | sed -n 3p)
build_median=$(printf '%s\n' "${builds[@]}" | sort -n | sed -n 3p)
start=$(date +%s.%N)
members_bytes="$(curl -sf "$SAMPLES_API_URL/api/plans/BENCH/frames?round=1&members=true" -H "Authorization: Bearer $SAMPLES_TOKEN" -o "$work/frames.json" -w '%{size_download}')"
members_s=$(echo "$(date +%s.%N) - $start" | bc)
targets=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["targets"], len(d["strata"]), d["excludedTargets"])' "$work/frames-summary.json")

# The silo's peak up to here is the import's and the frames'; the re-import below may raise it.
frames_peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$silo/status)

# SAMPLES_BENCH_REIMPORT=0: skip the second import (measuring the frames only).
reimport_s=0
if [ "${SAMPLES_BENCH_REIMPORT:-1}" != 0 ]; then
  say "Importing the same file again (every row unchanged: the staging table and the upsert)"
  start=$(date +%s.%N)
  samples enterprise import "$csv" 2>"$work/import.err" || { cat "$work/import.err"; die "the second import failed"; }
  reimport_s=$(echo "$(date +%s.%N) - $start" | bc)
fi
peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$silo/status)

echo
echo "== Directory benchmark ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)) =="
printf 'enterprises imported          %d (%.1f MB of CSV)\n' "$count" "$(echo "$(stat -c %s "$csv") / 1048576" | bc -l)"
printf 'import, end to end            %.1f s = %.0f rows/s   (goal >= 50000 rows/s)\n' "$import_s" "$(echo "$count / $import_s" | bc -l)"
[ "$reimport_s" = 0 ] || printf 'the same file again           %.1f s = %.0f rows/s   (all unchanged: staging and upsert)\n' "$reimport_s" "$(echo "$count / $reimport_s" | bc -l)"
printf 'until vacuumed (autovacuum)   %.1f s after the import\n' "$vacuum_s"
printf 'baseline: psql \\copy alone    %.1f s = %.0f rows/s   (import takes %.1fx the bare COPY)\n' "$copy_s" "$(echo "$count / $copy_s" | bc -l)" "$(echo "$import_s / $copy_s" | bc -l)"
printf 'frames of one round, built    median %.2f s of 5 in the silo (%s ms); %.2f s over HTTP   (goal <= 10 s at 10,000,000)\n' "$(echo "$build_median / 1000" | bc -l)" "${builds[*]}" "$median"
printf 'frames with every member list %.2f s over HTTP (%s bytes of JSON)\n' "$members_s" "$members_bytes"
echo   "frames: targets strata excluded  $targets"
printf 'silo peak memory (VmHWM)      %.0f MiB\n' "$(echo "$peak_kb / 1024" | bc -l)"
printf 'silo peak after the frames    %.0f MiB (before the second import)\n' "$(echo "$frames_peak_kb / 1024" | bc -l)"
