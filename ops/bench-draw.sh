#!/usr/bin/env bash
# Benchmark of the draw's figures (issue: 1,000,000 enterprises in 8 regions × 7 categories × 4 risk classes,
# 5,000 inspectors). Generates the frames deterministically, then in one run: the draw (every ticket, the
# targets and the teams), the floor (SHA-256 alone of the same ticket inputs), their ratio, offline
# verification of the bundle (in process and as the real `samples verify` process), and peak memory.
# Timed parts are repeated (default 5 runs) and the medians printed. No database, no server.
#
#   bash ops/bench-draw.sh [ENTERPRISES] [INSPECTORS] [RUNS]
#
# `samples verify` is timed as a process (the wall time people wait), the previous way beside it (parse, then verify:
# SAMPLES_VERIFY_SEQUENTIAL=1), and on a small bundle for the start-up alone; one more run with SAMPLES_VERIFY_TRACE=1
# says where the time goes. SAMPLES_BENCH_DRAW_WORK=DIR writes the bundle and frames there instead of
# $SAMPLES_DATA/bench-draw (two engineers' benchmarks on one machine).
#
# The streaming draw (issue 22) over a canonical target frame FILE of N members, generated once into
# $SAMPLES_DATA/bench-draw (about 63 bytes a member: 3 GB at 50,000,000; delete it afterwards): draw time (one reading
# with the counts unknown, one with them known, and the earlier count-then-heaps), the SHA-256 floor of the same ticket
# inputs, their ratios (wall and CPU), peak memory by work. SAMPLES_BENCH_DRAW_WORK=DIR here too (a frame file already
# written elsewhere may be linked into DIR: it is only read).
#
#   bash ops/bench-draw.sh --stream-frame N [RUNS]
#
# RUNS is 5 by default: a run's ratio moves by up to a tenth on this machine (one slow draw in three was common), and the
# median of five is moved by two such runs, not one.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require_dotnet
if [ "${1:-}" = "--stream-frame" ]; then
  members="${2:?--stream-frame needs the number of members}"
  runs="${3:-5}"
  work="${SAMPLES_BENCH_DRAW_WORK:-$SAMPLES_DATA/bench-draw}"
  mkdir -p "$work"
  say "Building the draw benchmark (Release)"
  dotnet build "$SAMPLES_ROOT/ops/bench/DrawBench/DrawBench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
  say "Streaming draw over a frame file of $members members, $runs runs (free disk: $(df -h "$work" | awk 'NR==2 {print $4}'))"
  exec dotnet "$SAMPLES_ROOT/ops/bench/DrawBench/bin/Release/net10.0/DrawBench.dll" --stream-frame "$members" --runs "$runs" --work "$work"
fi
enterprises="${1:-1000000}"
inspectors="${2:-5000}"
runs="${3:-5}"
work="${SAMPLES_BENCH_DRAW_WORK:-$SAMPLES_DATA/bench-draw}"
mkdir -p "$work"

say "Building (Release)"
dotnet build "$SAMPLES_ROOT/Samples.sln" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
[ -x /usr/bin/time ] || say "no /usr/bin/time (apt-get install time): the verifier's peak memory is sampled from /proc instead"

# `samples verify` as the `samples` wrapper runs it (`dotnet client/bin/Release/net10.0/samples.dll`). A ReadyToRun publish
# was measured beside it on 2026-12-06 and brought nothing (docs/benchmarks.md): its precompiled hot loops are slower than
# the JIT's with tiered compilation off, which cancels the JIT time saved. The start-up alone is measured on a small
# bundle (1,000 targets, 300 inspectors), generated first.
cli="$SAMPLES_ROOT/client/bin/Release/net10.0/samples.dll"
say "A small bundle for the start-up alone (1,000 targets)"
dotnet "$SAMPLES_ROOT/ops/bench/DrawBench/bin/Release/net10.0/DrawBench.dll" \
  --enterprises 1000 --inspectors 300 --runs 1 --work "$work/startup" >/dev/null

# The benchmark measures `samples verify` compiled ahead of time beside the managed command.
verify_native_publish

say "Running the draw benchmark: $enterprises enterprises, $inspectors inspectors, $runs runs"
dotnet "$SAMPLES_ROOT/ops/bench/DrawBench/bin/Release/net10.0/DrawBench.dll" \
  --enterprises "$enterprises" --inspectors "$inspectors" --runs "$runs" \
  --cli "$cli" --native "$SAMPLES_ROOT/client/Verify/bin/native/samples-verify" --startup-bundle "$work/startup/bundle.json" --work "$work"
