#!/usr/bin/env bash
# Benchmark of the sampling-task workflow (issue 5): TASKS tasks (default 20,000) driven through their whole life
# on a real silo and PostgreSQL, CONCURRENCY at a time (default 32), a tenth failing and a tenth failing and
# objecting, after a warm-up of 1,000 tasks that is not measured. In the same run and on the same PostgreSQL
# instance, pgbench -N (simple updates) at the same concurrency is the baseline. This machine's speed drifts by
# tens of percent from minute to minute, so the run is made of ROUNDS rounds (default 3), each a pgbench run
# followed at once by a workflow run on a fresh database; each round's ratio compares two measurements taken
# back to back, and the medians are printed at the end. Also prints p50/p99 of one transition, how long the
# read models took to catch up, and the silo's peak memory.
#
#   bash ops/bench-workflow.sh [TASKS] [CONCURRENCY] [ROUNDS]
#
# With --telemetry first, the overhead of telemetry instead: each round runs the same workload twice, telemetry off and
# on (every meter and trace source recorded; the order alternates from round to round, so a drift of the machine's
# speed favours neither), each on a fresh database, and the medians of the on/off ratios are printed. No pgbench.
#
#   bash ops/bench-workflow.sh --telemetry [TASKS] [CONCURRENCY] [ROUNDS]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require_dotnet
telemetry_ab=0
if [ "${1:-}" = "--telemetry" ]; then telemetry_ab=1; shift; fi
tasks="${1:-20000}"
concurrency="${2:-32}"
rounds="${3:-3}"
db=samples_bench_workflow

pg_up
say "Building (Release)"
dotnet build "$SAMPLES_ROOT/ops/bench/WorkflowBench/WorkflowBench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

# pgbench creates its tables and vacuums them before a run: as the owner, since the silo's role may do neither.
export PGPASSWORD="$SAMPLES_PG_OWNER_PASSWORD"
pgbench="$(pg_bindir)/pgbench"
baseline() {
  say "Baseline: pgbench -N, $concurrency clients, 30 s, on the same instance" >&2
  "$pgbench" -h 127.0.0.1 -p "$SAMPLES_PG_PORT" -U "$SAMPLES_PG_OWNER" -i -s 10 -q "$db" >/dev/null 2>&1
  local out; out="$("$pgbench" -h 127.0.0.1 -p "$SAMPLES_PG_PORT" -U "$SAMPLES_PG_OWNER" -N -c "$concurrency" -j 2 -T 30 -M prepared "$db" 2>&1)"
  echo "$out" | grep -o 'tps = [0-9.]*' | head -n 1 | grep -o '[0-9.]*$'
}

# One workflow run on a fresh database; prints its RESULT line (extra arguments go to WorkflowBench).
workflow_run() {
  pg_ensure_database "$db" --fresh
  bash "$SAMPLES_ROOT/ops/db/migrate.sh" "$db" >/dev/null
  local run_log; run_log="$(mktemp)"
  dotnet "$SAMPLES_ROOT/ops/bench/WorkflowBench/bin/Release/net10.0/WorkflowBench.dll" \
    --connection "$(samples_connection_string "$db")" --service "bench-$(date +%s)" --tasks "$tasks" --concurrency "$concurrency" "$@" ${BENCH_ARGS:-} >"$run_log"
  grep -E '^(Warm-up round|transitions:|latency|CPU|read models)' "$run_log" >&2 || true
  grep '^RESULT ' "$run_log"
  rm -f "$run_log"
}

if [ "$telemetry_ab" = 1 ]; then
  summary=""
  for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) = 1 ]; then order="off on"; else order="on off"; fi
    for mode in $order; do
      say "Round $round of $rounds: telemetry $mode, $tasks tasks, $concurrency at a time"
      # Without waiting for the read models to catch up: on a busy machine that wait is minutes, and not what is compared.
      result="$(workflow_run --telemetry "$mode" --no-catch-up)"
      echo "$result"
      summary="$summary$result"$'\n'
    done
  done
  SUMMARY="$summary" python3 - <<'PY'
import os, statistics
rows = [dict(kv.split("=") for kv in line.split()[1:]) for line in os.environ["SUMMARY"].strip().splitlines()]
on = [r for r in rows if r["telemetry"] == "on"]
off = [r for r in rows if r["telemetry"] == "off"]
def f(r, k): return float(r[k])
for i, (a, b) in enumerate(zip(on, off), 1):
    print(f"round {i}: on {f(a,'transitions_per_s'):.0f} /s, off {f(b,'transitions_per_s'):.0f} /s, throughput on/off {f(a,'transitions_per_s')/f(b,'transitions_per_s'):.3f}; "
          f"CPU per transition (silo) on {f(a,'process_cpu_us'):.0f} µs, off {f(b,'process_cpu_us'):.0f} µs, on/off {f(a,'process_cpu_us')/f(b,'process_cpu_us'):.3f}; "
          f"p99 on {a['p99_ms']} ms, off {b['p99_ms']} ms; peak on {a['peak_mib']} MiB, off {b['peak_mib']} MiB")
tp = statistics.median(f(a,'transitions_per_s')/f(b,'transitions_per_s') for a, b in zip(on, off))
cpu = statistics.median(f(a,'process_cpu_us')/f(b,'process_cpu_us') for a, b in zip(on, off))
machine = statistics.median(f(a,'machine_cpu_us')/f(b,'machine_cpu_us') for a, b in zip(on, off))
print(f"median of {len(on)} rounds: throughput with telemetry / without {tp:.3f}; CPU per transition with / without: silo {cpu:.3f}, machine {machine:.3f}; "
      f"median transitions/s on {statistics.median(f(a,'transitions_per_s') for a in on):.0f}, off {statistics.median(f(b,'transitions_per_s') for b in off):.0f}")
PY
  exit 0
fi

summary=""
for round in $(seq 1 "$rounds"); do
  say "Round $round of $rounds"
  pg_ensure_database "$db" --fresh
  bash "$SAMPLES_ROOT/ops/db/migrate.sh" "$db" >/dev/null
  # SKIP_PGBENCH=1 skips the baseline (for quick runs while changing code; the ratio is then not printed).
  pg_tps=0
  if [ "${SKIP_PGBENCH:-0}" != 1 ]; then pg_tps="$(baseline)"; echo "pgbench -N: $pg_tps tps"; fi
  say "Workflow: $tasks tasks, $concurrency at a time"
  run_log="$(mktemp)"
  dotnet "$SAMPLES_ROOT/ops/bench/WorkflowBench/bin/Release/net10.0/WorkflowBench.dll" \
    --connection "$(samples_connection_string "$db")" --service "bench-$(date +%s)" --tasks "$tasks" --concurrency "$concurrency" ${BENCH_ARGS:-} | tee "$run_log"
  result="$(grep '^RESULT ' "$run_log")"
  rm -f "$run_log"
  summary="$summary$result pgbench_tps=$pg_tps"$'\n'
done

# Medians over the rounds; each round's ratio is of its own two measurements.
SUMMARY="$summary" python3 - <<'PY'
import os, statistics
rows = [dict(kv.split("=") for kv in line.split()[1:]) for line in os.environ["SUMMARY"].strip().splitlines()]
def med(key): return statistics.median(float(r[key]) for r in rows)
for i, r in enumerate(rows, 1):
    ratio = float(r["transitions_per_s"]) / float(r["pgbench_tps"]) if float(r["pgbench_tps"]) else float("nan")
    print(f"round {i}: {float(r['transitions_per_s']):.0f} transitions/s, pgbench -N {float(r['pgbench_tps']):.0f} tps, ratio {ratio:.2f}, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, peak {r['peak_mib']} MiB, CPU per transition {r['process_cpu_us']} µs silo / {r['machine_cpu_us']} µs machine, audited {r['audited']} of {r['transitions']}")
ratios = [float(r["transitions_per_s"]) / float(r["pgbench_tps"]) for r in rows if float(r["pgbench_tps"])]
print(f"median of {len(rows)} rounds: {med('transitions_per_s'):.0f} transitions/s, p99 {med('p99_ms'):.1f} ms, peak {med('peak_mib'):.0f} MiB, CPU per transition {med('process_cpu_us'):.0f} µs silo / {med('machine_cpu_us'):.0f} µs machine"
      + (f", pgbench -N {med('pgbench_tps'):.0f} tps, ratio {statistics.median(ratios):.2f} (goal >= 0.5; p99 goal <= 50 ms; memory goal <= 1024 MiB)" if ratios else ""))
PY
