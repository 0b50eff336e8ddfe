#!/usr/bin/env bash
# Stops the project's PostgreSQL (a silo in the foreground stops with Ctrl-C). Data stays in .data/.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
pg_down
