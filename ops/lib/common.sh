# Shared by the ops scripts: where things live and how PostgreSQL is installed, initialised and started.
# Source it; it defines functions and variables, and runs nothing on its own.

SAMPLES_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SAMPLES_DATA="${SAMPLES_DATA:-$SAMPLES_ROOT/.data}"
# The server's commands run from / as another user: the data folder must be an absolute path.
case "$SAMPLES_DATA" in /*) ;; *) SAMPLES_DATA="$PWD/$SAMPLES_DATA" ;; esac
# Every port a project server listens on is below 32768, outside Linux's ephemeral range (32768-60999): a port in that
# range can be held at any moment as the local end of some outgoing connection, and a server started then fails with
# "address already in use" (CI lost a run so: RabbitMQ on 55682, started mid-run while the tests held many connections).
SAMPLES_PG_PORT="${SAMPLES_PG_PORT:-25432}"
# The silo's role: it reads and writes the data, appends to the audit trail and owns nothing (see ops/db/grants.sql).
SAMPLES_PG_USER="${SAMPLES_PG_USER:-samples}"
# A loopback-only development password; production sets Samples__Postgres__ConnectionString itself.
SAMPLES_PG_PASSWORD="${SAMPLES_PG_PASSWORD:-samples}"
# The role that owns the databases and their schema and runs the migrations. The silo's role is not a member of it, so
# the silo cannot truncate the audit trail, drop its trigger or change its rows. Its password is loopback-only too.
SAMPLES_PG_OWNER="${SAMPLES_PG_OWNER:-samples_owner}"
SAMPLES_PG_OWNER_PASSWORD="${SAMPLES_PG_OWNER_PASSWORD:-samples_owner}"
# RabbitMQ (cluster mode only): AMQP on 127.0.0.1 on a project port, Erlang distribution on the next one.
SAMPLES_RABBIT_PORT="${SAMPLES_RABBIT_PORT:-26672}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

samples_connection_string() { # DATABASE
  echo "Host=127.0.0.1;Port=$SAMPLES_PG_PORT;Database=$1;Username=$SAMPLES_PG_USER;Password=$SAMPLES_PG_PASSWORD;No Reset On Close=true;Max Auto Prepare=10"
}

# The owner's connection, for what only the owner may do (the tests' scratch databases, the benchmarks' baselines).
owner_connection_string() { # DATABASE
  echo "Host=127.0.0.1;Port=$SAMPLES_PG_PORT;Database=$1;Username=$SAMPLES_PG_OWNER;Password=$SAMPLES_PG_OWNER_PASSWORD"
}

# Where a silo on DATABASE records the audit trail's heads, outside the database (Samples:Audit:HeadLogFile).
audit_head_log() { # DATABASE
  if [ "$1" = samples ]; then echo "$SAMPLES_DATA/audit-heads.jsonl"; else echo "$SAMPLES_DATA/audit-heads-$1.jsonl"; fi
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not installed (dotnet not on PATH); install .NET 10 SDK first"
}

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

# Installs Debian's PostgreSQL when no server binaries are present.
pg_install() {
  pg_bindir >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
  say "Installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  pg_bindir >/dev/null || die "apt-get installed postgresql but no initdb was found under /usr/lib/postgresql"
}

# The web app's browser tests drive Debian's Chromium (no browser download is possible here) and need a CJK font
# so that screenshots show the Chinese labels.
browser_install() {
  if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then return 0; fi
  [ "$(id -u)" = 0 ] || die "the browser tests need Chromium and a CJK font; installing them needs root (apt-get install chromium fonts-wqy-zenhei)"
  say "Installing Chromium and a CJK font from Debian's packages (for the web app's browser tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
  [ -x /usr/bin/chromium ] || die "apt-get installed chromium but /usr/bin/chromium is missing"
}

# Debian packages a script needs, installed when any are given (root only): debian_install WHAT-FOR PACKAGE...
debian_install() {
  local why="$1"; shift
  [ $# -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "$* (for $why) must be installed, which needs root: apt-get install $*"
  say "Installing $* from Debian's packages (for $why)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "$@" >/dev/null
}

# `samples verify` compiled ahead of time (client/Verify, Native AOT): the `samples` wrapper runs it once published here
# (it starts in 0.03 s instead of 0.6 s) and falls back to the managed command otherwise. Native AOT links with gcc
# (CppCompilerAndLinker in the project) and zlib: installed when missing.
verify_native_publish() {
  local missing=()
  command -v gcc >/dev/null 2>&1 || missing+=(gcc)
  dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q "ok installed" || missing+=(zlib1g-dev)
  debian_install "samples verify compiled ahead of time" "${missing[@]}"
  say "Publishing samples verify ahead of time (Native AOT, client/Verify/bin/native)"
  dotnet publish "$SAMPLES_ROOT/client/Verify/Samples.Verify.csproj" -c Release -r linux-x64 \
    -o "$SAMPLES_ROOT/client/Verify/bin/native" -nologo -v quiet -clp:ErrorsOnly >/dev/null
}

# The official documents (silo/Documents) are printed in Debian's CJK font, embedded in each PDF; the silo refuses
# to start without it. The tests read the PDFs back with poppler-utils (pdftotext, pdftoppm): pass "--tests".
documents_install() {
  local packages=()
  [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || packages+=(fonts-wqy-zenhei)
  if [ "${1:-}" = --tests ] && ! command -v pdftotext >/dev/null 2>&1; then packages+=(poppler-utils); fi
  debian_install "the official documents" "${packages[@]}"
}

# Tools the operations scripts call that a minimal Debian may lack: zstd (backup.sh, restore.sh compress and unpack base
# backups) and openssl (cluster.sh makes the cluster's CA and the silos' certificates). Installed when missing.
ops_tools_install() {
  local packages=()
  command -v zstd >/dev/null 2>&1 || packages+=(zstd)
  command -v openssl >/dev/null 2>&1 || packages+=(openssl)
  # The independent verifier of draw bundles (tests/Independent) is Python's standard library only.
  command -v python3 >/dev/null 2>&1 || packages+=(python3)
  debian_install "backups, the cluster's certificates and the independent verifier" "${packages[@]}"
}

# The web application (web/) is TypeScript built by npm: Node.js and npm from Debian's packages if missing, the
# packages from the lockfile (npm ci), then the build, which types the API client from web/src/api/openapi.json.
# Skipped when nothing in web/ changed since the last build (the stamp is the newest source file's time).
web_build() {
  local web="$SAMPLES_ROOT/web"
  if ! command -v npm >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "the web app needs Node.js 20 and npm; installing them needs root (apt-get install nodejs npm)"
    say "Installing Node.js and npm from Debian's packages (to build the web app)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    say "Installing the web app's packages (npm ci, from the lockfile)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed in web/ (is the npm registry reachable?)"
  fi
  if [ -f "$web/dist/index.html" ] && [ -z "$(find "$web/src" "$web/public" "$web/index.html" "$web/package-lock.json" "$web/vite.config.ts" -newer "$web/dist/index.html" -print -quit)" ]; then
    return 0
  fi
  say "Building the web app (npm run build)"
  (cd "$web" && npm run build --silent >/dev/null) || { (cd "$web" && npm run build); die "the web app did not build (above)"; }
}

# The servers run as their own users ('postgres', 'rabbitmq'; initdb refuses root). If that user cannot reach the
# repository (a parent folder is private, e.g. /root), the data lives in /var/lib/samples-NAME and .data/NAME is a
# link to it.
service_datadir() { # USER NAME
  local user="$1" wanted="$SAMPLES_DATA/$2" target elsewhere
  if [ -L "$wanted" ]; then
    target="$(readlink "$wanted")"
    mkdir -p "$target" && chown "$user:$user" "$target" || return 1
    echo "$target"
    return
  fi
  if runuser -u "$user" -- test -x "$SAMPLES_DATA" 2>/dev/null; then echo "$wanted"; return; fi
  if [ -e "$wanted" ]; then
    echo "error: the $user user cannot enter $SAMPLES_DATA, where $wanted already is; make the folder's parents traversable (chmod o+x)" >&2
    return 1
  fi
  elsewhere="/var/lib/samples-$2/$(printf '%s' "$SAMPLES_DATA" | sha256sum | cut -c1-12)"
  mkdir -p "$elsewhere" && chown "$user:$user" "$elsewhere" && ln -s "$elsewhere" "$wanted" || return 1
  say "$user cannot enter $SAMPLES_DATA; data kept in $elsewhere (linked from .data/$2)" >&2
  echo "$elsewhere"
}

pg_datadir() { service_datadir postgres pg; }

# A data folder made (or a backup taken) when the project's port was another keeps that port in its postgresql.conf:
# it is set to SAMPLES_PG_PORT before every start, so the server listens where the connection strings look.
pg_conf_port() { # DATA_DIR
  local conf="$1/postgresql.conf"
  [ -f "$conf" ] || return 0
  grep -qx "port = $SAMPLES_PG_PORT" "$conf" && return 0
  as_postgres sed -i "s/^port = .*/port = $SAMPLES_PG_PORT/" "$conf"
}

as_postgres() { (cd / && runuser -u postgres -- "$@"); }

# Initialises (first time) and starts (if not running) the project's PostgreSQL on 127.0.0.1.
pg_up() {
  # The server runs as the postgres user, which only root can switch to and give the data folder.
  [ "$(id -u)" = 0 ] || die "the ops scripts manage PostgreSQL as the postgres user and must run as root (sudo bash $0)"
  pg_install
  local bin; bin="$(pg_bindir)"
  mkdir -p "$SAMPLES_DATA"; chmod 755 "$SAMPLES_DATA"
  PGDATA_DIR="$(pg_datadir)" || die "cannot prepare the PostgreSQL data folder under $SAMPLES_DATA"
  PG_SOCKET_DIR="$PGDATA_DIR-run"
  mkdir -p "$PG_SOCKET_DIR" "$PGDATA_DIR"
  chown postgres:postgres "$PG_SOCKET_DIR" "$PGDATA_DIR"
  chmod 700 "$PGDATA_DIR"
  if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
    say "Initialising PostgreSQL data in $PGDATA_DIR"
    as_postgres "$bin/initdb" -D "$PGDATA_DIR" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
# Samples: loopback only, a project port, sockets beside the data.
listen_addresses = '127.0.0.1'
port = $SAMPLES_PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 300
CONF
  fi
  pg_conf_port "$PGDATA_DIR"
  if as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$SAMPLES_PG_PORT" >/dev/null 2>&1; then
      say "PostgreSQL runs on another port than 127.0.0.1:$SAMPLES_PG_PORT: restarting it there"
      as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 120 -m fast restart >/dev/null \
        || die "PostgreSQL did not restart; see $PGDATA_DIR/server.log"
    fi
    say "PostgreSQL already running on 127.0.0.1:$SAMPLES_PG_PORT"
  else
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$SAMPLES_PG_PORT" >/dev/null 2>&1; then
      die "another PostgreSQL already listens on 127.0.0.1:$SAMPLES_PG_PORT (another clone's? stop it with its ops/stop.sh), or set SAMPLES_PG_PORT"
    fi
    say "Starting PostgreSQL on 127.0.0.1:$SAMPLES_PG_PORT"
    as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null \
      || die "PostgreSQL did not start; see $PGDATA_DIR/server.log"
  fi
  pg_tune
}

# Grain state is rewritten on every step of a task: checkpoints far enough apart that a busy hour does not log each
# page's full image again and again (with the defaults, a fifth of the workflow benchmark's WAL was full-page images
# after checkpoints forced by max_wal_size). ALTER SYSTEM, so an existing data folder gets it too; a reload applies it.
pg_tune() {
  [ "$(pg_admin_sql "SHOW max_wal_size")" = "4GB" ] && return 0
  pg_admin_sql "ALTER SYSTEM SET max_wal_size = '4GB'" >/dev/null
  pg_admin_sql "ALTER SYSTEM SET checkpoint_timeout = '15min'" >/dev/null
  pg_admin_sql "SELECT pg_reload_conf()" >/dev/null
}

# Backups (ops/backup.sh, ops/restore.sh): base backups and the archived WAL between them, outside the data folder.
SAMPLES_BACKUP_DIR="${SAMPLES_BACKUP_DIR:-$SAMPLES_DATA/backups}"
case "$SAMPLES_BACKUP_DIR" in /*) ;; *) SAMPLES_BACKUP_DIR="$PWD/$SAMPLES_BACKUP_DIR" ;; esac

# Continuous WAL archiving into $SAMPLES_BACKUP_DIR/wal: what point-in-time recovery replays after a base backup. The
# command never overwrites a segment already archived (a different file under the same name fails, as PostgreSQL's
# documentation asks) and renames into place, so a crash mid-copy leaves no half segment under a real name.
# archive_timeout bounds what a lost disk can take with it to a minute of writes. archive_mode needs a restart: the
# first call restarts PostgreSQL once (silos reconnect by themselves) and says so; later calls change nothing.
pg_archiving_on() {
  local wal="$SAMPLES_BACKUP_DIR/wal" bin command
  bin="$(pg_bindir)"
  mkdir -p "$wal"; chown postgres:postgres "$SAMPLES_BACKUP_DIR" "$wal"; chmod 700 "$wal"
  runuser -u postgres -- test -w "$wal" 2>/dev/null \
    || die "the postgres user cannot write to $wal (a parent folder is private?); set SAMPLES_BACKUP_DIR to a folder it can reach"
  command="if [ -f \"$wal/%f\" ]; then cmp -s \"%p\" \"$wal/%f\"; else cp \"%p\" \"$wal/%f.part\" && mv \"$wal/%f.part\" \"$wal/%f\"; fi"
  if [ "$(pg_admin_sql "SHOW archive_command")" != "$command" ]; then
    pg_admin_sql "ALTER SYSTEM SET archive_command = '$command'" >/dev/null
    pg_admin_sql "ALTER SYSTEM SET archive_timeout = '60s'" >/dev/null
    pg_admin_sql "SELECT pg_reload_conf()" >/dev/null
  fi
  if [ "$(pg_admin_sql "SHOW archive_mode")" != on ]; then
    pg_admin_sql "ALTER SYSTEM SET archive_mode = 'on'" >/dev/null
    say "Turning on WAL archiving: PostgreSQL restarts once (archive_mode needs it); running silos reconnect by themselves"
    # 9>&-: the server must not inherit ops/backup.sh's lock (it would hold it for as long as it runs).
    as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 120 -m fast restart >/dev/null 9>&- \
      || die "PostgreSQL did not restart with WAL archiving on; see $PGDATA_DIR/server.log"
  fi
}

# Closes the current WAL segment and waits (up to 60 s) until the archive holds it: everything written so far can be
# replayed from the archive alone, even if the data folder is lost the next moment.
pg_archive_now() {
  local wal failed _
  wal="$(pg_admin_sql "SELECT pg_walfile_name(pg_switch_wal())")"
  for _ in $(seq 1 240); do
    [ -f "$SAMPLES_BACKUP_DIR/wal/$wal" ] && return 0
    sleep 0.25
  done
  failed="$(pg_admin_sql "SELECT coalesce(last_failed_wal, 'none') || ' ' || coalesce(last_failed_time::text, '') FROM pg_stat_archiver")"
  die "WAL segment $wal was not archived within 60 s (last failure: $failed); see $PGDATA_DIR/server.log"
}

# pg_ctl ARGS on this checkout's data folder; fails when PostgreSQL or the folder is missing.
pg_ctl_here() {
  local bin; bin="$(pg_bindir)" || return 1
  local dir="$SAMPLES_DATA/pg"; [ -e "$dir" ] || return 1
  as_postgres "$bin/pg_ctl" -D "$(readlink -f "$dir")" "$@"
}

# Whether this checkout's PostgreSQL (its data folder's server) is running, on whichever port.
pg_running() { pg_ctl_here status >/dev/null 2>&1; }

pg_down() { pg_ctl_here -w stop -m fast >/dev/null 2>&1 && say "PostgreSQL stopped" || true; }

pg_admin_sql() { # SQL [DATABASE]
  PGOPTIONS='--client-min-messages=warning' as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$SAMPLES_PG_PORT" -U postgres -d "${2:-postgres}" -tAc "$1"
}

# Runs a SQL file as the postgres superuser; the file comes on standard input (postgres may not be able to read the
# repository's folder). Further arguments go to psql (-v NAME=VALUE).
pg_admin_file() { # FILE DATABASE [PSQL ARGS...]
  local file="$1" db="$2"; shift 2
  PGOPTIONS='--client-min-messages=warning' as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$SAMPLES_PG_PORT" -U postgres -d "$db" -tA "$@" -f - <"$file"
}

# Creates the two roles when missing: the owner (migrations) and the silo's role, which must not be a member of it.
pg_ensure_roles() {
  local role password
  [ "$SAMPLES_PG_OWNER" != "$SAMPLES_PG_USER" ] || die "SAMPLES_PG_OWNER and SAMPLES_PG_USER must be two roles (the silo's role may not own the audit trail)"
  for role in "$SAMPLES_PG_OWNER" "$SAMPLES_PG_USER"; do
    password="$SAMPLES_PG_PASSWORD"; [ "$role" = "$SAMPLES_PG_OWNER" ] && password="$SAMPLES_PG_OWNER_PASSWORD"
    pg_admin_sql "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
          CREATE ROLE $role LOGIN PASSWORD '$password';
        END IF; END \$\$;"
  done
  if [ "$(pg_admin_sql "SELECT pg_has_role('$SAMPLES_PG_USER', '$SAMPLES_PG_OWNER', 'MEMBER')")" = t ]; then
    pg_admin_sql "REVOKE $SAMPLES_PG_OWNER FROM $SAMPLES_PG_USER" >/dev/null
  fi
}

# Creates the roles and DATABASE (owned by the owner role) when missing; with --fresh, drops the database first. A
# database made before the owner role existed (the silo's role owning everything) is handed to the owner, once.
pg_ensure_database() { # DATABASE [--fresh]
  local db="$1"
  pg_ensure_roles
  if [ "${2:-}" = "--fresh" ]; then
    pg_admin_sql "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  fi
  if [ -z "$(pg_admin_sql "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    pg_admin_sql "CREATE DATABASE $db OWNER $SAMPLES_PG_OWNER ENCODING 'UTF8' TEMPLATE template0"
  fi
  pg_admin_file "$SAMPLES_ROOT/ops/db/take-ownership.sql" "$db" -v owner="$SAMPLES_PG_OWNER" -v app="$SAMPLES_PG_USER" \
    || die "could not hand database $db from $SAMPLES_PG_USER to $SAMPLES_PG_OWNER (ops/db/take-ownership.sql)"
}

# RabbitMQ, for cluster mode: Debian's rabbitmq-server started by hand as the rabbitmq user (no systemd here), on
# 127.0.0.1 only, its node, logs and queues in .data/rabbitmq. The node is named after its port, so two checkouts (or
# the fault tests' own broker) run side by side; epmd, Erlang's name server, is bound to loopback too.
rabbit_install() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && return 0
  [ "$(id -u)" = 0 ] || die "RabbitMQ is not installed and installing it needs root (apt-get install rabbitmq-server)"
  say "Installing RabbitMQ from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq rabbitmq-server >/dev/null
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || die "apt-get installed rabbitmq-server but /usr/lib/rabbitmq/bin/rabbitmq-server is missing"
}

as_rabbit() { # COMMAND [ARGS...], with the node's environment
  (cd / && runuser -u rabbitmq -- env \
    HOME="$RABBIT_DIR" \
    RABBITMQ_NODENAME="samples-$SAMPLES_RABBIT_PORT@localhost" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$SAMPLES_RABBIT_PORT" \
    RABBITMQ_DIST_PORT="$((SAMPLES_RABBIT_PORT + 1))" \
    RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$RABBIT_DIR/log" \
    RABBITMQ_PID_FILE="$RABBIT_DIR/rabbit.pid" \
    RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    "$@")
}

rabbit_dir() {
  [ "$(id -u)" = 0 ] || die "the ops scripts manage RabbitMQ as the rabbitmq user and must run as root (sudo bash $0)"
  rabbit_install
  mkdir -p "$SAMPLES_DATA"; chmod 755 "$SAMPLES_DATA"
  RABBIT_DIR="$(service_datadir rabbitmq rabbitmq)" || die "cannot prepare the RabbitMQ data folder under $SAMPLES_DATA"
  mkdir -p "$RABBIT_DIR/log" "$RABBIT_DIR/mnesia"
  chown -R rabbitmq:rabbitmq "$RABBIT_DIR"
}

rabbit_running() { as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q status >/dev/null 2>&1; }

# Starts the project's RabbitMQ (if not running) and waits until it accepts work.
rabbit_up() {
  rabbit_dir
  if rabbit_running; then
    say "RabbitMQ already running on 127.0.0.1:$SAMPLES_RABBIT_PORT"
    return 0
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$SAMPLES_RABBIT_PORT") 2>/dev/null; then
    die "another program already listens on 127.0.0.1:$SAMPLES_RABBIT_PORT (another clone's RabbitMQ? stop it with its ops/cluster.sh down), or set SAMPLES_RABBIT_PORT"
  fi
  # guest may connect from loopback only (RabbitMQ's default); ops/cluster.sh deletes it and makes a user of its own.
  printf 'log.file.level = warning\nlog.console = false\n' >"$RABBIT_DIR/rabbitmq.conf"
  printf '[].\n' >"$RABBIT_DIR/enabled_plugins"
  chown rabbitmq:rabbitmq "$RABBIT_DIR/rabbitmq.conf" "$RABBIT_DIR/enabled_plugins"
  say "Starting RabbitMQ on 127.0.0.1:$SAMPLES_RABBIT_PORT"
  as_rabbit setsid /usr/lib/rabbitmq/bin/rabbitmq-server >"$RABBIT_DIR/log/server.out" 2>&1 </dev/null &
  if ! as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q wait --timeout 90 "$RABBIT_DIR/rabbit.pid" >/dev/null 2>&1; then
    grep -qs eaddrinuse "$RABBIT_DIR/log/server.out" \
      && die "RabbitMQ could not listen on 127.0.0.1:$SAMPLES_RABBIT_PORT or $((SAMPLES_RABBIT_PORT + 1)): in use by another socket (set SAMPLES_RABBIT_PORT); see $RABBIT_DIR/log/"
    die "RabbitMQ did not start; see $RABBIT_DIR/log/"
  fi
}

rabbit_down() {
  [ -e "$SAMPLES_DATA/rabbitmq" ] && [ -x /usr/lib/rabbitmq/bin/rabbitmqctl ] || return 0
  RABBIT_DIR="$(readlink -f "$SAMPLES_DATA/rabbitmq")"
  rabbit_running || return 0
  as_rabbit /usr/lib/rabbitmq/bin/rabbitmqctl -q shutdown >/dev/null 2>&1 && say "RabbitMQ stopped" || true
}

# The cluster's own RabbitMQ user and virtual host: a random password kept in PASSWORD_FILE (0600, made once and reused),
# the user allowed on VHOST only, and RabbitMQ's default guest/guest user deleted so nothing connects with a password
# everyone knows. Idempotent: a second run sets the same password again.
rabbit_ensure_user() { # USER VHOST PASSWORD_FILE
  local user="$1" vhost="$2" file="$3" ctl=/usr/lib/rabbitmq/bin/rabbitmqctl
  [ -n "${RABBIT_DIR:-}" ] || rabbit_dir
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && openssl rand -hex 24 >"$file")
  fi
  chmod 600 "$file"
  if ! as_rabbit "$ctl" -q list_users | awk '{print $1}' | grep -qx "$user"; then
    # The password goes in on standard input, never on a command line that ps shows.
    as_rabbit "$ctl" -q add_user "$user" <"$file" >/dev/null || die "could not create RabbitMQ user $user"
  else
    as_rabbit "$ctl" -q change_password "$user" <"$file" >/dev/null || die "could not set RabbitMQ user $user's password"
  fi
  as_rabbit "$ctl" -q list_vhosts | grep -qx "$vhost" || as_rabbit "$ctl" -q add_vhost "$vhost" >/dev/null
  as_rabbit "$ctl" -q set_permissions -p "$vhost" "$user" '.*' '.*' '.*' >/dev/null
  if as_rabbit "$ctl" -q list_users | awk '{print $1}' | grep -qx guest; then
    as_rabbit "$ctl" -q delete_user guest >/dev/null && say "RabbitMQ: deleted the default guest user"
  fi
}
