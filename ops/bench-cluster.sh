#!/usr/bin/env bash
# The workflow benchmark (ops/bench-workflow.sh's workload) on a cluster of two silos against one, in the same run:
# PostgreSQL, RabbitMQ and the silos as ops/cluster.sh runs them, the benchmark as an Orleans client spreading its calls
# over the silos' gateways. Each round runs one silo, then two (the order alternates between rounds, as this machine's
# speed drifts), each on a fresh database; prints each run and the medians, with each silo's peak memory.
#
#   bash ops/bench-cluster.sh [TASKS] [CONCURRENCY] [ROUNDS]      (defaults 5000, 32, 2)
set -euo pipefail
# run() is called inside $(...): without this, a failure in it would not stop the script.
shopt -s inherit_errexit
source "$(dirname "$0")/lib/common.sh"
require_dotnet
tasks="${1:-5000}"
concurrency="${2:-32}"
rounds="${3:-2}"
export SAMPLES_DATABASE=samples_bench_cluster
export Samples__Demo__Seed=false
export SAMPLES_NO_BUILD=1
# The benchmark is an Orleans client: it needs the gateways (off unless asked for), and it holds no certificate of the
# cluster's CA, so this benchmark's cluster runs without TLS (the figures are of the workflow, not of the encryption).
export SAMPLES_GATEWAY_PORT="${SAMPLES_GATEWAY_PORT:-30000}"
export SAMPLES_CLUSTER_TLS="${SAMPLES_CLUSTER_TLS:-0}"
cluster="$SAMPLES_ROOT/ops/cluster.sh"
stop_silos() { local i; for i in 1 2 3; do bash "$cluster" stop "$i" >/dev/null || true; done; }
# Whatever happens, no silo of the benchmark is left running (PostgreSQL and RabbitMQ stay, as after ops/cluster.sh up).
trap stop_silos EXIT

say "Building (Release)"
dotnet build "$SAMPLES_ROOT/Samples.sln" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build "$SAMPLES_ROOT/ops/bench/WorkflowBench/WorkflowBench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

run() { # SILOS
  local silos="$1" log peaks="" i result
  stop_silos
  pg_up >/dev/null
  pg_ensure_database "$SAMPLES_DATABASE" --fresh >&2
  # A fresh database starts a fresh trail: its heads start a fresh log.
  rm -f "$(audit_head_log "$SAMPLES_DATABASE")"
  say "Workflow on $silos silo(s): $tasks tasks, $concurrency at a time" >&2
  bash "$cluster" up "$silos" >&2
  log="$(mktemp)"
  dotnet "$SAMPLES_ROOT/ops/bench/WorkflowBench/bin/Release/net10.0/WorkflowBench.dll" --client \
    --connection "$(samples_connection_string "$SAMPLES_DATABASE")" --service samples --cluster samples-local \
    --tasks "$tasks" --concurrency "$concurrency" | tee "$log" >&2
  for i in $(seq 1 "$silos"); do
    peaks="$peaks$(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$(cat "$SAMPLES_DATA/cluster/silo-$i.pid")/status"),"
  done
  result="$(grep '^RESULT ' "$log" || true)"
  rm -f "$log"
  [ -n "$result" ] || die "the benchmark printed no RESULT line on $silos silo(s); see its output above"
  echo "$result silos=$silos silo_peaks_mib=${peaks%,}"
  stop_silos
}

summary=""
for round in $(seq 1 "$rounds"); do
  say "Round $round of $rounds"
  if [ $((round % 2)) = 1 ]; then order="1 2"; else order="2 1"; fi
  for silos in $order; do summary="$summary$(run "$silos")"$'\n'; done
done

SUMMARY="$summary" python3 - <<'PY'
import os, statistics
rows = [dict(kv.split("=") for kv in line.split()[1:]) for line in os.environ["SUMMARY"].strip().splitlines()]
for r in rows:
    print(f"{r['silos']} silo(s): {float(r['transitions_per_s']):.0f} transitions/s, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, audited {r['audited']} of {r['transitions']}, silo peak memory {r['silo_peaks_mib']} MiB")
def med(silos, key): return statistics.median(float(r[key]) for r in rows if r["silos"] == silos)
one, two = med("1", "transitions_per_s"), med("2", "transitions_per_s")
print(f"median: one silo {one:.0f} transitions/s (p99 {med('1', 'p99_ms'):.1f} ms), two silos {two:.0f} transitions/s (p99 {med('2', 'p99_ms'):.1f} ms): two against one {two / one:.2f}")
PY
