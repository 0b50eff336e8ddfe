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
# Silo I serves http://127.0.0.1:$((SAMPLES_HTTP_PORT + I - 1)) (5080, 5081, …) and talks to the other silos on
# SAMPLES_SILO_PORT + I - 1 (11111, …) over mutual TLS: on first "up" the script makes a CA for this cluster and one
# certificate per silo (.data/cluster/secrets/, owner-only); a peer without a certificate of that CA is refused.
# SAMPLES_CLUSTER_TLS=0 turns TLS off. An Orleans gateway for clients listens on SAMPLES_GATEWAY_PORT + I - 1 only when
# SAMPLES_GATEWAY_PORT is set (the CLI and the web app speak HTTP). RabbitMQ gets a user and virtual host of this
# cluster with a generated password (guest is deleted). The first start writes the admin credential to
# .data/admin-token (owner-only); "up" prints it. Logs and pid files are in .data/cluster/ (owner-only).
# SAMPLES_DATABASE (default samples) picks the database; SAMPLES_NO_BUILD=1 skips the build
# (SAMPLES_SILO_DLL names an already built silo). Ports and data move with SAMPLES_DATA, SAMPLES_PG_PORT,
# SAMPLES_RABBIT_PORT and the three above (the fault tests run their own cluster that way).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

SAMPLES_HTTP_PORT="${SAMPLES_HTTP_PORT:-5080}"
SAMPLES_SILO_PORT="${SAMPLES_SILO_PORT:-11111}"
SAMPLES_GATEWAY_PORT="${SAMPLES_GATEWAY_PORT:-}"
SAMPLES_DATABASE="${SAMPLES_DATABASE:-samples}"
SAMPLES_CLUSTER_TLS="${SAMPLES_CLUSTER_TLS:-1}"
cluster_dir="$SAMPLES_DATA/cluster"
secrets_dir="$cluster_dir/secrets"
# One RabbitMQ user and virtual host per cluster (a cluster is a database here: a benchmark's cluster is another).
rabbit_user="samples-$SAMPLES_DATABASE"
rabbit_password_file="$secrets_dir/rabbitmq-$SAMPLES_DATABASE.password"
# Where the first start writes the admin credential (as ops/run.sh's silo does), one per database.
if [ "$SAMPLES_DATABASE" = samples ]; then admin_file="$SAMPLES_DATA/admin-token"; else admin_file="$SAMPLES_DATA/admin-token-$SAMPLES_DATABASE"; fi
silo_dll="${SAMPLES_SILO_DLL:-$SAMPLES_ROOT/silo/bin/Release/net10.0/Samples.Silo.dll}"

http_port() { echo $((SAMPLES_HTTP_PORT + $1 - 1)); }
pid_of() { [ -s "$cluster_dir/silo-$1.pid" ] && kill -0 "$(cat "$cluster_dir/silo-$1.pid")" 2>/dev/null && cat "$cluster_dir/silo-$1.pid"; }
known_silos() { find "$cluster_dir" -maxdepth 1 -name 'silo-*.pid' 2>/dev/null | sed 's/.*silo-\([0-9]*\)\.pid/\1/' | sort -n; }

check_index() { [[ "${1:-}" =~ ^[1-9]$ ]] || die "silo number must be 1-9, got '${1:-}'"; }

# Logs name tasks and people, and the secrets folder holds keys: readable by the operator only.
private_dirs() {
  mkdir -p "$secrets_dir"
  chmod 700 "$cluster_dir" "$secrets_dir"
  find "$cluster_dir" -maxdepth 1 -type f -exec chmod 600 {} +
}

# The cluster's CA (made once) and silo I's certificate signed by it: a PFX whose password is in a file beside it, for
# serverAuth and clientAuth (each silo is both ends of its connections), naming 127.0.0.1 and localhost. All 0600.
silo_certificate() { # I
  local i="$1" ca="$secrets_dir/ca" silo="$secrets_dir/silo-$1"
  command -v openssl >/dev/null 2>&1 || die "TLS between silos needs openssl (apt-get install openssl), or SAMPLES_CLUSTER_TLS=0"
  (
    umask 077
    if [ ! -s "$ca.pem" ] || [ ! -s "$ca.key" ]; then
      say "Making this cluster's certificate authority ($ca.pem)"
      openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 3650 -keyout "$ca.key" -out "$ca.pem" \
        -subj "/O=Samples/CN=Samples cluster CA $(openssl rand -hex 4)" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null \
        || die "openssl could not make the cluster CA"
      rm -f "$secrets_dir"/silo-*.pfx  # certificates of an earlier CA are no use
    fi
    [ -s "$silo.pfx" ] && [ -s "$silo.pfx.password" ] && exit 0
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$silo.ext"
    openssl req -newkey rsa:2048 -sha256 -nodes -keyout "$silo.key" -out "$silo.csr" -subj "/O=Samples/CN=samples-silo-$i" 2>/dev/null \
      && openssl x509 -req -in "$silo.csr" -CA "$ca.pem" -CAkey "$ca.key" -CAcreateserial -days 825 -sha256 -extfile "$silo.ext" -out "$silo.pem" 2>/dev/null \
      && openssl rand -hex 24 >"$silo.pfx.password" \
      && openssl pkcs12 -export -in "$silo.pem" -inkey "$silo.key" -out "$silo.pfx" -passout "file:$silo.pfx.password" \
      || die "openssl could not make silo $i's certificate"
    rm -f "$silo.csr" "$silo.ext" "$silo.key" "$silo.pem" "$secrets_dir/ca.srl"
  )
}

# The admin token from the first start's file (for status's detail), unless SAMPLES_TOKEN is set.
admin_token() {
  if [ -n "${SAMPLES_TOKEN:-}" ]; then echo "$SAMPLES_TOKEN"; return; fi
  [ -r "$admin_file" ] && grep -o 'smp_[A-Za-z0-9_.-]*' "$admin_file" | head -n 1
}

start_silo() { # I
  local i="$1" port; port="$(http_port "$i")"
  if pid_of "$i" >/dev/null; then say "silo $i already running (pid $(pid_of "$i"))"; return 0; fi
  private_dirs
  [ "$SAMPLES_CLUSTER_TLS" = 0 ] || silo_certificate "$i"
  [ -s "$rabbit_password_file" ] || die "no RabbitMQ password for this cluster yet ($rabbit_password_file): run ops/cluster.sh up first"
  say "Starting silo $i: API http://127.0.0.1:$port, silo port $((SAMPLES_SILO_PORT + i - 1))$([ "$SAMPLES_CLUSTER_TLS" = 0 ] || echo ' (TLS)')$([ -z "$SAMPLES_GATEWAY_PORT" ] || echo ", gateway $((SAMPLES_GATEWAY_PORT + i - 1))"); log .data/cluster/silo-$i.log"
  (
    cd "$(dirname "$silo_dll")"
    export Samples__Postgres__ConnectionString="${Samples__Postgres__ConnectionString:-$(samples_connection_string "$SAMPLES_DATABASE")}"
    export Samples__Messaging__Transport=RabbitMq
    export Samples__Messaging__RabbitMq__Port="$SAMPLES_RABBIT_PORT"
    export Samples__Messaging__RabbitMq__Username="$rabbit_user"
    export Samples__Messaging__RabbitMq__VirtualHost="$rabbit_user"
    export Samples__Messaging__RabbitMq__PasswordFile="$rabbit_password_file"
    export Samples__Access__AdminCredentialFile="${Samples__Access__AdminCredentialFile:-$admin_file}"
    if [ "$SAMPLES_CLUSTER_TLS" != 0 ]; then
      export Samples__Cluster__Tls__CertificatePath="$secrets_dir/silo-$i.pfx"
      export Samples__Cluster__Tls__PasswordFile="$secrets_dir/silo-$i.pfx.password"
      export Samples__Cluster__Tls__CaPath="$secrets_dir/ca.pem"
    fi
    export Samples__Scheduling__Clustered=true
    # Every silo derives draw nonces from the same key, kept outside the database.
    export Samples__Draws__NonceKeyFile="${Samples__Draws__NonceKeyFile:-$SAMPLES_DATA/draw-nonce.key}"
    # One head log for the silos of this machine (locked while a head is appended, so they add one line), one per
    # database: another database's trail (a benchmark's) is another chain.
    export Samples__Audit__HeadLogFile="${Samples__Audit__HeadLogFile:-$(audit_head_log "$SAMPLES_DATABASE")}"
    export Samples__Cluster__SiloPort=$((SAMPLES_SILO_PORT + i - 1))
    if [ -n "$SAMPLES_GATEWAY_PORT" ]; then export Samples__Cluster__GatewayPort=$((SAMPLES_GATEWAY_PORT + i - 1)); fi
    export Urls="http://127.0.0.1:$port"
    export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Production}"
    # Demo data is loaded by the first silo only, once, into an empty directory (as ops/run.sh does).
    if [ "$i" = 1 ]; then export Samples__Demo__Seed="${Samples__Demo__Seed:-true}"; else export Samples__Demo__Seed=false; fi
    (umask 077 && touch "$cluster_dir/silo-$i.log")
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

# /health's detail is for admins: the token from the first start's file (or SAMPLES_TOKEN) is sent in a header file
# (curl -H @FILE), so it never shows on a command line; without one, the status alone.
status() {
  local i pid port token headers
  token="$(admin_token || true)"
  headers="$(umask 077 && mktemp)"
  [ -z "$token" ] || printf 'Authorization: Bearer %s\n' "$token" >"$headers"
  for i in $(known_silos); do
    port="$(http_port "$i")"
    if pid="$(pid_of "$i")"; then
      printf 'silo %s: pid %s, http://127.0.0.1:%s, %s\n' "$i" "$pid" "$port" \
        "$(curl -sS -m 5 -H "@$headers" "http://127.0.0.1:$port/health" 2>/dev/null | python3 -c 'import json,sys; h=json.load(sys.stdin); print(h["status"] if "silo" not in h else " ".join([h["silo"]["status"], "|", str(h["cluster"]["activeSilos"]), "active silos |", "bus", h["messaging"]["status"], "|", "scheduler", h["scheduling"]["status"], "clustered" if h["scheduling"]["clustered"] else ""]))' 2>/dev/null || echo 'not answering')"
    else
      printf 'silo %s: not running\n' "$i"
    fi
  done
  rm -f "$headers"
}

command="${1:-}"
case "$command" in
  up)
    count="${2:-2}"; check_index "$count"
    require_dotnet
    ops_tools_install
    pg_up
    pg_ensure_database "$SAMPLES_DATABASE"
    bash "$SAMPLES_ROOT/ops/db/migrate.sh" "$SAMPLES_DATABASE"
    rabbit_up
    private_dirs
    rabbit_ensure_user "$rabbit_user" "$rabbit_user" "$rabbit_password_file"
    documents_install
    if [ "${SAMPLES_NO_BUILD:-0}" != 1 ]; then
      say "Building (Release)"
      web_build
      dotnet build "$SAMPLES_ROOT/Samples.sln" -c Release -nologo -v quiet -clp:ErrorsOnly
    fi
    # The logs grow across starts: only what this start wrote counts for the one-time admin credential. The logs say
    # where it is; the credential itself is in an owner-only file, shown here on the operator's terminal.
    before=()
    for i in $(seq 1 "$count"); do
      before[i]=0
      if [ -f "$cluster_dir/silo-$i.log" ]; then before[i]="$(wc -l <"$cluster_dir/silo-$i.log")"; fi
    done
    for i in $(seq 1 "$count"); do start_silo "$i"; done
    if for i in $(seq 1 "$count"); do tail -n +"$((before[i] + 1))" "$cluster_dir/silo-$i.log"; done | grep -q 'First start: the admin credential'; then
      say "First start of this deployment: the admin credential and the admin's first password, from $admin_file (owner-only):"
      cat "$admin_file"
    fi
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
