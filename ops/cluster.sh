#!/usr/bin/env bash
# Runs Samples as a cluster on this machine: PostgreSQL (membership, grain state, reminders, Quartz's job store),
# RabbitMQ (the bus) and N silos (default 2) in the background, each with the HTTP API on its own port.
#
#   bash ops/cluster.sh up [N]        PostgreSQL + RabbitMQ + Release build + silos 1..N; waits until each is healthy
#   bash ops/cluster.sh status        each silo's process, ports and health; the cluster's membership
#   bash ops/cluster.sh start I       starts (or restarts after a kill) silo I
#   bash ops/cluster.sh stop I        stops silo I gracefully (SIGTERM: it leaves the cluster and hands its grains over)
#   bash ops/cluster.sh kill I        SIGKILL silo I, as a crash would (the others declare it dead and take over)
#   bash ops/cluster.sh postgres restart|stop|start
#   bash ops/cluster.sh rabbitmq restart|stop|start
#   bash ops/cluster.sh down          stops every silo, RabbitMQ and PostgreSQL (data stays in .data/)
#
# Silo I serves http://127.0.0.1:$((SAMPLES_HTTP_PORT + I - 1)) (5080, 5081, …), talks to the other silos on
# SAMPLES_SILO_PORT + I - 1 (11111, …) and to clients on SAMPLES_GATEWAY_PORT + I - 1 (30000, …). Logs and pid files
# are in .data/cluster/. SAMPLES_DATABASE (default samples) picks the database; SAMPLES_NO_BUILD=1 skips the build
# (SAMPLES_SILO_DLL names an already built silo). Ports and data move with SAMPLES_DATA, SAMPLES_PG_PORT,
# SAMPLES_RABBIT_PORT and the three above (the fault tests run their own cluster that way).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

SAMPLES_HTTP_PORT="${SAMPLES_HTTP_PORT:-5080}"
SAMPLES_SILO_PORT="${SAMPLES_SILO_PORT:-11111}"
SAMPLES_GATEWAY_PORT="${SAMPLES_GATEWAY_PORT:-30000}"
SAMPLES_DATABASE="${SAMPLES_DATABASE:-samples}"
cluster_dir="$SAMPLES_DATA/cluster"
silo_dll="${SAMPLES_SILO_DLL:-$SAMPLES_ROOT/silo/bin/Release/net10.0/Samples.Silo.dll}"

http_port() { echo $((SAMPLES_HTTP_PORT + $1 - 1)); }
pid_of() { [ -s "$cluster_dir/silo-$1.pid" ] && kill -0 "$(cat "$cluster_dir/silo-$1.pid")" 2>/dev/null && cat "$cluster_dir/silo-$1.pid"; }
known_silos() { find "$cluster_dir" -maxdepth 1 -name 'silo-*.pid' 2>/dev/null | sed 's/.*silo-\([0-9]*\)\.pid/\1/' | sort -n; }

check_index() { [[ "${1:-}" =~ ^[1-9]$ ]] || die "silo number must be 1-9, got '${1:-}'"; }

start_silo() { # I
  local i="$1" port; port="$(http_port "$i")"
  if pid_of "$i" >/dev/null; then say "silo $i already running (pid $(pid_of "$i"))"; return 0; fi
  mkdir -p "$cluster_dir"
  say "Starting silo $i: API http://127.0.0.1:$port, silo port $((SAMPLES_SILO_PORT + i - 1)), gateway $((SAMPLES_GATEWAY_PORT + i - 1)); log .data/cluster/silo-$i.log"
  (
    cd "$(dirname "$silo_dll")"
    export Samples__Postgres__ConnectionString="${Samples__Postgres__ConnectionString:-$(samples_connection_string "$SAMPLES_DATABASE")}"
    export Samples__Messaging__Transport=RabbitMq
    export Samples__Messaging__RabbitMq__Port="$SAMPLES_RABBIT_PORT"
    export Samples__Scheduling__Clustered=true
    # Every silo derives draw nonces from the same key, kept outside the database.
    export Samples__Draws__NonceKeyFile="${Samples__Draws__NonceKeyFile:-$SAMPLES_DATA/draw-nonce.key}"
    # One head log for the silos of this machine (locked while a head is appended, so they add one line), one per
    # database: another database's trail (a benchmark's) is another chain.
    export Samples__Audit__HeadLogFile="${Samples__Audit__HeadLogFile:-$(audit_head_log "$SAMPLES_DATABASE")}"
    export Samples__Cluster__SiloPort=$((SAMPLES_SILO_PORT + i - 1))
    export Samples__Cluster__GatewayPort=$((SAMPLES_GATEWAY_PORT + i - 1))
    export Urls="http://127.0.0.1:$port"
    export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}"
    # Demo data is loaded by the first silo only, once, into an empty directory (as ops/run.sh does).
    if [ "$i" = 1 ]; then export Samples__Demo__Seed="${Samples__Demo__Seed:-true}"; else export Samples__Demo__Seed=false; fi
    setsid dotnet "$silo_dll" >>"$cluster_dir/silo-$i.log" 2>&1 </dev/null &
    echo $! >"$cluster_dir/silo-$i.pid"
  )
  wait_active "$i"
}

# A silo is ready when its /health answers 200: Active in the membership, PostgreSQL, the bus and the scheduler up.
wait_active() { # I
  local i="$1" port deadline; port="$(http_port "$i")"
  deadline=$((SECONDS + 120))
  while [ "$SECONDS" -lt "$deadline" ]; do
    pid_of "$i" >/dev/null || die "silo $i exited during start; see .data/cluster/silo-$i.log: $(tail -n 5 "$cluster_dir/silo-$i.log")"
    if curl -fsS -m 5 "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      say "silo $i is up"
      return 0
    fi
    sleep 0.5
  done
  # Not left holding its ports for the next attempt.
  stop_silo "$i" KILL >/dev/null
  die "silo $i did not become healthy in 120 s (stopped it); see .data/cluster/silo-$i.log"
}

stop_silo() { # I SIGNAL
  local i="$1" signal="$2" pid
  pid="$(pid_of "$i")" || { say "silo $i is not running"; rm -f "$cluster_dir/silo-$i.pid"; return 0; }
  kill "-$signal" "$pid" 2>/dev/null || true  # it may have exited in between
  for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then
    # A graceful stop waits for work in hand; one that has not ended in a minute is not going to.
    say "silo $i (pid $pid) did not stop in 60 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$cluster_dir/silo-$i.pid"
  say "silo $i stopped ($signal)"
}

status() {
  local i pid port
  for i in $(known_silos); do
    port="$(http_port "$i")"
    if pid="$(pid_of "$i")"; then
      printf 'silo %s: pid %s, http://127.0.0.1:%s, %s\n' "$i" "$pid" "$port" \
        "$(curl -fsS -m 5 "http://127.0.0.1:$port/health" 2>/dev/null | python3 -c 'import json,sys; h=json.load(sys.stdin); print(h["silo"]["status"], "|", h["cluster"]["activeSilos"], "active silos |", "bus", h["messaging"]["status"], "|", "scheduler", h["scheduling"]["status"], "clustered" if h["scheduling"]["clustered"] else "")' 2>/dev/null || echo 'not answering')"
    else
      printf 'silo %s: not running\n' "$i"
    fi
  done
}

command="${1:-}"
case "$command" in
  up)
    count="${2:-2}"; check_index "$count"
    require_dotnet
    pg_up
    pg_ensure_database "$SAMPLES_DATABASE"
    bash "$SAMPLES_ROOT/ops/db/migrate.sh" "$SAMPLES_DATABASE"
    rabbit_up
    documents_install
    if [ "${SAMPLES_NO_BUILD:-0}" != 1 ]; then
      say "Building (Release)"
      web_build
      dotnet build "$SAMPLES_ROOT/Samples.sln" -c Release -nologo -v quiet -clp:ErrorsOnly
    fi
    # The logs grow across starts: only what this start wrote counts for the one-time admin credential.
    mkdir -p "$cluster_dir"
    before=()
    for i in $(seq 1 "$count"); do
      before[i]=0
      if [ -f "$cluster_dir/silo-$i.log" ]; then before[i]="$(wc -l <"$cluster_dir/silo-$i.log")"; fi
    done
    for i in $(seq 1 "$count"); do start_silo "$i"; done
    token="$(for i in $(seq 1 "$count"); do tail -n +"$((before[i] + 1))" "$cluster_dir/silo-$i.log"; done | grep -o 'SAMPLES_TOKEN=smp_[A-Za-z0-9_.-]*' | head -n 1 || true)"
    if [ -n "$token" ]; then say "First start of this deployment: export $token  (the admin credential; shown once)"; fi
    status
    ;;
  status) status ;;
  start) check_index "${2:-}"; start_silo "$2" ;;
  stop) check_index "${2:-}"; stop_silo "$2" TERM ;;
  kill) check_index "${2:-}"; stop_silo "$2" KILL ;;
  postgres)
    case "${2:-}" in
      stop) pg_down ;;
      start) pg_up ;;
      restart) pg_down; pg_up ;;
      *) die "usage: ops/cluster.sh postgres restart|stop|start" ;;
    esac ;;
  rabbitmq)
    case "${2:-}" in
      stop) rabbit_down ;;
      start) rabbit_up ;;
      restart) rabbit_down; rabbit_up ;;
      *) die "usage: ops/cluster.sh rabbitmq restart|stop|start" ;;
    esac ;;
  down)
    for i in $(known_silos); do stop_silo "$i" TERM; done
    rabbit_down
    pg_down
    ;;
  *)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    [ -z "$command" ] || exit 2 ;;
esac
