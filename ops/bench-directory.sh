#!/usr/bin/env bash
# Benchmark of issue 3's figures (and issue 22's at 10,000,000): import N enterprises (default 1,000,000) through the real path
# (CSV file → samples CLI → HTTP API → check every row → COPY + one upsert) into a fresh database, then
# build the frames of one plan round. Prints rows/s of the import, seconds to build the frames (median
# of 5), the silo's peak memory, and a baseline from the same run: PostgreSQL's own COPY of the same file
# into a plain table.
#
#   bash ops/bench-directory.sh [ENTERPRISES]
#
# SAMPLES_BENCH_KEEP=1: the frames part alone, on the database as it is (SAMPLES_BENCH_DB, loaded by an earlier run):
# no generation, no baseline copy, no import; SAMPLES_BENCH_CSV names the file it was loaded from (the changed rows
# imported between builds come from it).
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

keep="${SAMPLES_BENCH_KEEP:-0}"
pg_up
if [ "$keep" = 1 ]; then
  pg_ensure_database "$db"
else
  pg_ensure_database "$db" --fresh
fi
bash "$SAMPLES_ROOT/ops/db/migrate.sh" "$db" >/dev/null
# SAMPLES_BENCH_BUILD=0: use what is built already (iterating on a loaded machine).
if [ "${SAMPLES_BENCH_BUILD:-1}" != 0 ]; then
  say "Building (Release)"
  dotnet build "$SAMPLES_ROOT/Samples.sln" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
fi
samples() { dotnet "$SAMPLES_ROOT/client/bin/Release/net10.0/samples.dll" "$@"; }

csv="${SAMPLES_BENCH_CSV:-$work/enterprises-$count.csv}"
export PGPASSWORD="$SAMPLES_PG_OWNER_PASSWORD"
# As the owner: the silo's role may create no table.
psql_b() { psql -X -q -h 127.0.0.1 -p "$SAMPLES_PG_PORT" -U "$SAMPLES_PG_OWNER" -d "$db" -v ON_ERROR_STOP=1 "$@"; }
if [ "$keep" = 1 ]; then
  [ -s "$csv" ] || die "SAMPLES_BENCH_KEEP=1 needs the file the directory was loaded from: SAMPLES_BENCH_CSV=$csv is missing"
  loaded="$(psql_b -tA -c "SELECT count(*) FROM directory_enterprises WHERE service_id = 'bench'")"
  [ "$loaded" -gt 0 ] || die "SAMPLES_BENCH_KEEP=1: database $db holds no directory of deployment bench (run without it once)"
  say "Keeping database $db: $loaded enterprises (the frames part only)"
  copy_s=0
else
[ -s "$csv" ] || { say "Generating $count synthetic enterprises"; samples demo csv --enterprises "$count" --out "$csv"; }
# PostgreSQL reads the file as the postgres user.
chmod 755 "$work"; chmod 644 "$csv"

say "Baseline: PostgreSQL COPY of the same file into a plain table"
psql_b -c "CREATE TABLE bench_raw (uscc text, name text, region_code text, address text, kind text, categories text, licences text, status text, key_supervision text, risk_class text, uscc_override_reason text)"
start=$(date +%s.%N)
psql_b -c "\\copy bench_raw FROM '$csv' WITH (FORMAT csv, HEADER true)"
copy_s=$(echo "$(date +%s.%N) - $start" | bc)
psql_b -c "DROP TABLE bench_raw"
fi

say "Starting a silo on $db (API on 127.0.0.1:$port)"
log="$work/silo.log"
# The fresh database's trail starts afresh: so does its head log.
[ "$keep" = 1 ] || rm -f "$work/audit-heads.jsonl"
# No warm-up at start: the first build below is the cold one, the directory read whole.
Samples__Postgres__ConnectionString="$(samples_connection_string "$db")" Samples__Audit__HeadLogFile="$work/audit-heads.jsonl" \
Samples__Directory__WarmFrames=false Samples__Cluster__ClusterId=bench Samples__Cluster__ServiceId=bench \
Samples__Cluster__SiloPort=$((port + 6100)) Samples__Cluster__GatewayPort=$((port + 25000)) Urls="http://127.0.0.1:$port" \
  dotnet "$SAMPLES_ROOT/silo/bin/Release/net10.0/Samples.Silo.dll" >"$log" 2>&1 &
silo=$!
trap 'kill $silo 2>/dev/null || true; wait $silo 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  { [ "$keep" = 1 ] || grep -q "SAMPLES_TOKEN=" "$log"; } && curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 $silo 2>/dev/null || { cat "$log"; die "the silo stopped"; }
  sleep 0.5
done
# The admin credential is shown on a deployment's first start only: a fresh run keeps it (owner-only) for the runs that
# keep the database; SAMPLES_BENCH_TOKEN_FILE names another file holding it (the log of the run that loaded it).
token_file="$work/bench-token-$db"
if [ "$keep" = 1 ]; then
  from="${SAMPLES_BENCH_TOKEN_FILE:-$token_file}"
  [ -s "$from" ] || die "SAMPLES_BENCH_KEEP=1: no admin credential for $db in $from (set SAMPLES_BENCH_TOKEN_FILE to the log of the run that loaded it)"
  export SAMPLES_TOKEN="$(grep -o 'smp_[A-Za-z0-9._-]*' "$from" | head -n 1)"
else
  export SAMPLES_TOKEN="$(grep -o 'smp_[A-Za-z0-9._-]*' "$log" | head -n 1)"
  (umask 077; echo "$SAMPLES_TOKEN" >"$token_file")
fi
export SAMPLES_API_URL="http://127.0.0.1:$port"
[ -n "$SAMPLES_TOKEN" ] || { tail -20 "$log"; die "the silo did not become healthy within 60 s"; }

import_s=0
if [ "$keep" != 1 ]; then
say "Importing $count enterprises through the API"
start=$(date +%s.%N)
samples enterprise import "$csv" 2>"$work/import.err" || { cat "$work/import.err"; die "the import failed"; }
import_s=$(echo "$(date +%s.%N) - $start" | bc)
fi

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
# A kept directory was vacuumed after its load; the changed rows of earlier runs are few.
[ "$keep" = 1 ] || for _ in $(seq 1 1800); do
  # relpages is 0 until the first vacuum or analyze has counted the table: that is not "all visible".
  visible="$(psql_b -tA -c "SELECT relpages > 0 AND relallvisible >= 0.99 * relpages FROM pg_class WHERE relname = 'directory_enterprises'")"
  [ "$visible" = t ] && break
  sleep 1
done
vacuum_s=$(echo "$(date +%s.%N) - $start" | bc)

say "Building the frames of one round of a plan over all seven categories: once cold, then 5 times after a change"
curl -sf -X PUT "$SAMPLES_API_URL/api/plans/BENCH" -H "Authorization: Bearer $SAMPLES_TOKEN" -H 'Content-Type: application/json' -d '{
  "year": 2026, "department": "bench", "categories": ["potash-kcl-gb6549","potash-kcl-gb-t37918","lithium-carbonate","pv-module-csi","cosmetics","medical-mask-disposable","drug-tablet"],
  "regions": [], "quotas": {"ratioByRiskClass": {"A": 0.03, "B": 0.05, "C": 0.2, "D": 0.61}, "allKeyItemsAtClassD": true},
  "goalBatches": 1000, "roundSchedule": "0 0 9 1 1/2 ?", "rounds": 6}' >/dev/null
# One build: seconds over HTTP and the milliseconds the silo reports.
build_frames() {
  local start build_ms
  start=$(date +%s.%N)
  build_ms="$(curl -sf "$SAMPLES_API_URL/api/plans/BENCH/frames?round=1" -H "Authorization: Bearer $SAMPLES_TOKEN" -o "$work/frames-summary.json" -w '' && python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["buildMilliseconds"])' "$work/frames-summary.json")"
  echo "$(echo "$(date +%s.%N) - $start" | bc) $build_ms"
}
# The first build after the silo starts reads the directory whole (the cache is empty).
read -r cold_s cold_ms < <(build_frames)
# Between builds, 10,000 enterprises of the file change their risk class (each import another class, so every row
# changes): the imports' upsert, and the next build reads only what changed.
changes=10000
# The rows' classes move on from where the last run on this database left them (a fresh database: from the file's).
shift_file="$work/changed-shift-$db"
[ "$keep" = 1 ] && [ -s "$shift_file" ] && base="$(cat "$shift_file")" || base=0
frames=(); builds=(); changed=()
for i in 1 2 3 4 5; do
  python3 - "$csv" "$work/changed.csv" "$changes" "$((base + i))" <<'PY'
import csv, sys, itertools
source, target, count, shift = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(source, newline='', encoding='utf-8') as f, open(target, 'w', newline='', encoding='utf-8') as out:
    rows = csv.reader(f); write = csv.writer(out, lineterminator='\r\n')
    header = next(rows); write.writerow(header); risk = header.index('risk_class')
    for row in itertools.islice(rows, count):
        row[risk] = 'ABCD'[('ABCD'.index(row[risk]) + shift) % 4]; write.writerow(row)
PY
  samples enterprise import "$work/changed.csv" >"$work/changed.out" 2>"$work/import.err" || { cat "$work/import.err"; die "the import of changed rows failed"; }
  changed+=("$(grep -o '修改 [0-9]*' "$work/changed.out" | grep -o '[0-9]*' || echo '?')")
  read -r http_s build_ms < <(build_frames)
  frames+=("$http_s"); builds+=("$build_ms")
done
echo "$((base + 5))" >"$shift_file"
median=$(printf '%s\n' "${frames[@]}" | sort -n | sed -n 3p)
build_median=$(printf '%s\n' "${builds[@]}" | sort -n | sed -n 3p)
cache_line="$(grep -o 'cache [0-9]* rows, [0-9]* MiB' "$log" | tail -n 1 || true)"
start=$(date +%s.%N)
members_bytes="$(curl -sf "$SAMPLES_API_URL/api/plans/BENCH/frames?round=1&members=true" -H "Authorization: Bearer $SAMPLES_TOKEN" -o "$work/frames.json" -w '%{size_download}')"
members_s=$(echo "$(date +%s.%N) - $start" | bc)
targets=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["targets"], len(d["strata"]), d["excludedTargets"])' "$work/frames-summary.json")

# The silo's peak up to here is the import's and the frames'; the re-import below may raise it.
frames_peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$silo/status)

# SAMPLES_BENCH_REIMPORT=0: skip the second import (measuring the frames only).
reimport_s=0
if [ "${SAMPLES_BENCH_REIMPORT:-$([ "$keep" = 1 ] && echo 0 || echo 1)}" != 0 ]; then
  say "Importing the same file again (every row unchanged: the staging table and the upsert)"
  start=$(date +%s.%N)
  samples enterprise import "$csv" 2>"$work/import.err" || { cat "$work/import.err"; die "the second import failed"; }
  reimport_s=$(echo "$(date +%s.%N) - $start" | bc)
fi
peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$silo/status)

echo
echo "== Directory benchmark ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)) =="
if [ "$keep" = 1 ]; then
printf 'enterprises (kept)            %d in %s (loaded earlier: no import, no baseline)\n' "$loaded" "$db"
else
printf 'enterprises imported          %d (%.1f MB of CSV)\n' "$count" "$(echo "$(stat -c %s "$csv") / 1048576" | bc -l)"
printf 'import, end to end            %.1f s = %.0f rows/s   (goal >= 50000 rows/s)\n' "$import_s" "$(echo "$count / $import_s" | bc -l)"
fi
[ "$reimport_s" = 0 ] || printf 'the same file again           %.1f s = %.0f rows/s   (all unchanged: staging and upsert)\n' "$reimport_s" "$(echo "$count / $reimport_s" | bc -l)"
[ "$keep" = 1 ] || printf 'until vacuumed (autovacuum)   %.1f s after the import\n' "$vacuum_s"
[ "$keep" = 1 ] || printf 'baseline: psql \\copy alone    %.1f s = %.0f rows/s   (import takes %.1fx the bare COPY)\n' "$copy_s" "$(echo "$count / $copy_s" | bc -l)" "$(echo "$import_s / $copy_s" | bc -l)"
printf 'frames, first build (cold)    %.2f s in the silo; %.2f s over HTTP   (the silo just started: the directory read whole)\n' "$(echo "$cold_ms / 1000" | bc -l)" "$cold_s"
printf 'frames after a change         median %.2f s of 5 in the silo (%s ms); %.2f s over HTTP   (goal <= 10 s at 10,000,000)\n' "$(echo "$build_median / 1000" | bc -l)" "${builds[*]}" "$median"
printf '  rows changed before each    %s (an import of %d rows of the file, another risk class each time)\n' "${changed[*]}" "$changes"
printf 'directory cache in the silo   %s\n' "${cache_line:-not logged}"
printf 'frames with every member list %.2f s over HTTP (%s bytes of JSON)\n' "$members_s" "$members_bytes"
echo   "frames: targets strata excluded  $targets"
printf 'silo peak memory (VmHWM)      %.0f MiB\n' "$(echo "$peak_kb / 1024" | bc -l)"
printf 'silo peak after the frames    %.0f MiB (before the second import)\n' "$(echo "$frames_peak_kb / 1024" | bc -l)"
