#!/usr/bin/env bash
# Benchmark of the sampling-task workflow (issue 5): TASKS tasks (default 20,000) driven through their whole life
# on a real silo and PostgreSQL, CONCURRENCY at a time (default 32), a tenth failing and a tenth failing and
# objecting. In the same run and on the same PostgreSQL instance, pgbench -N (simple updates) at the same
# concurrency as the baseline. Prints transitions/s, p50/p99 of one transition, the ratio to pgbench's tps,
# how long the read models took to catch up, and the silo's peak memory.
#
#   bash ops/bench-workflow.sh [TASKS] [CONCURRENCY]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require_dotnet
tasks="${1:-20000}"
concurrency="${2:-32}"
db=samples_bench_workflow

pg_up
pg_ensure_database "$db" --fresh
bash "$SAMPLES_ROOT/ops/db/migrate.sh" "$db" >/dev/null
say "Building (Release)"
dotnet build "$SAMPLES_ROOT/ops/bench/WorkflowBench/WorkflowBench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

export PGPASSWORD="$SAMPLES_PG_PASSWORD"
pgbench="$(pg_bindir)/pgbench"
baseline() {
  say "Baseline: pgbench -N, $concurrency clients, 30 s, on the same instance" >&2
  "$pgbench" -h 127.0.0.1 -p "$SAMPLES_PG_PORT" -U "$SAMPLES_PG_USER" -i -s 10 -q "$db" >/dev/null 2>&1
  local out; out="$("$pgbench" -h 127.0.0.1 -p "$SAMPLES_PG_PORT" -U "$SAMPLES_PG_USER" -N -c "$concurrency" -j 2 -T 30 -M prepared "$db" 2>&1)"
  echo "$out" | grep -o 'tps = [0-9.]*' | head -n 1 | grep -o '[0-9.]*$'
}
# SKIP_PGBENCH=1 skips the baseline (for quick runs while changing code; the ratio is then not printed).
if [ "${SKIP_PGBENCH:-0}" != 1 ]; then pg_tps="$(baseline)"; echo "pgbench -N: $pg_tps tps"; fi

say "Workflow: $tasks tasks, $concurrency at a time"
out="$(dotnet "$SAMPLES_ROOT/ops/bench/WorkflowBench/bin/Release/net10.0/WorkflowBench.dll" \
  --connection "$(samples_connection_string "$db")" --service "bench-$(date +%s)" --tasks "$tasks" --concurrency "$concurrency" ${BENCH_ARGS:-} | tee -a /dev/stderr)"
rate="$(echo "$out" | grep -o 'transitions_per_s=[0-9.]*' | cut -d= -f2)"
[ "${SKIP_PGBENCH:-0}" = 1 ] && exit 0
python3 -c "print(f'ratio: {float($rate) / float($pg_tps):.2f} (workflow transitions/s {float($rate):.0f} / pgbench -N tps {float($pg_tps):.0f}); goal >= 0.5')"
