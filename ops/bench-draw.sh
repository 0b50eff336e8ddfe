#!/usr/bin/env bash
# Benchmark of the draw's figures (issue: 1,000,000 enterprises in 8 regions × 7 categories × 4 risk classes,
# 5,000 inspectors). Generates the frames deterministically, then in one run: the draw (every ticket, the
# targets and the teams), the floor (SHA-256 alone of the same ticket inputs), their ratio, offline
# verification of the bundle (in process and as the real `samples verify` process), and peak memory.
# Timed parts are repeated (default 5 runs) and the medians printed. No database, no server.
#
#   bash ops/bench-draw.sh [ENTERPRISES] [INSPECTORS] [RUNS]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
require_dotnet
enterprises="${1:-1000000}"
inspectors="${2:-5000}"
runs="${3:-5}"
work="$SAMPLES_DATA/bench-draw"
mkdir -p "$work"

say "Building (Release)"
dotnet build "$SAMPLES_ROOT/Samples.sln" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
[ -x /usr/bin/time ] || say "no /usr/bin/time (apt-get install time): the verifier's peak memory is sampled from /proc instead"

say "Running the draw benchmark: $enterprises enterprises, $inspectors inspectors, $runs runs"
dotnet "$SAMPLES_ROOT/ops/bench/DrawBench/bin/Release/net10.0/DrawBench.dll" \
  --enterprises "$enterprises" --inspectors "$inspectors" --runs "$runs" \
  --cli "$SAMPLES_ROOT/client/bin/Release/net10.0/samples.dll" --work "$work"
