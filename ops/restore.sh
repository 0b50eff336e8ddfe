#!/usr/bin/env bash
# Restores the project's PostgreSQL from ops/backup.sh's backups: the newest base backup finished before the target,
# then the archived WAL replayed up to the target (point-in-time recovery), then PostgreSQL promoted to a new timeline.
# The damaged data folder is moved aside (pg.damaged-<time>), never deleted.
#
#   bash ops/restore.sh --to latest                          # everything the archive holds (the default)
#   bash ops/restore.sh --to "2026-12-06 10:00:00+08"        # the state at that moment (China time shown; any zone)
#   bash ops/restore.sh --to "…" --from 20261206T021500Z     # from that base backup (a name under base/, or a path)
#
# It stops the silos ops/cluster.sh started (their pid files) and refuses while another client still holds the
# silo's role connected (a silo of ops/run.sh: stop it with Ctrl-C first), unless --force. SAMPLES_DATA,
# SAMPLES_PG_PORT and SAMPLES_BACKUP_DIR choose the PostgreSQL and the backups, as for ops/backup.sh.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
ops_tools_install

target=latest from="" force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --to) target="${2:?--to needs 'latest' or a time such as \"2026-12-06 10:00:00+08\"}"; shift 2 ;;
    --from) from="${2:?--from needs a backup name (see $SAMPLES_BACKUP_DIR/base)}"; shift 2 ;;
    --force) force=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (--to latest|TIME, --from BACKUP, --force)" ;;
  esac
done

[ "$(id -u)" = 0 ] || die "ops/restore.sh manages PostgreSQL as the postgres user and must run as root"
pg_install
bin="$(pg_bindir)"
wal="$SAMPLES_BACKUP_DIR/wal"
[ -d "$SAMPLES_BACKUP_DIR/base" ] || die "no backups in $SAMPLES_BACKUP_DIR (ops/backup.sh makes them; SAMPLES_BACKUP_DIR says where)"
# ops/backup.sh's lock: no backup (nor retention) runs while the archive is read and the data folder replaced.
exec 9>"$SAMPLES_BACKUP_DIR/.lock"
flock -n 9 || die "ops/backup.sh is running on $SAMPLES_BACKUP_DIR; restore once it is done"
china() { TZ=Asia/Shanghai date -d "@$1" '+%Y-%m-%d %H:%M:%S+08'; }

target_epoch=""
if [ "$target" != latest ]; then
  target_epoch="$(date -d "$target" +%s 2>/dev/null)" || die "--to '$target' is not a time (write it as \"2026-12-06 10:00:00+08\", or latest)"
  [ "$target_epoch" -le "$(date +%s)" ] || die "--to $(china "$target_epoch") is in the future (now: $(china "$(date +%s)")); nothing can be restored to it"
fi

# The base backup: the one named, or the newest finished before the target (a backup is consistent only once finished).
mapfile -t backups < <(find "$SAMPLES_BACKUP_DIR/base" -mindepth 2 -maxdepth 2 -name backup.info -printf '%h\n' | sort)
[ "${#backups[@]}" -gt 0 ] || die "no complete base backup in $SAMPLES_BACKUP_DIR/base (ops/backup.sh makes one)"
info() { sed -n "s/^$2=//p" "$1/backup.info"; }
backup=""
if [ -n "$from" ]; then
  case "$from" in /*) backup="$from" ;; *) backup="$SAMPLES_BACKUP_DIR/base/$from" ;; esac
  [ -f "$backup/backup.info" ] || die "--from $from: no such base backup (there are: $(printf '%s ' "${backups[@]##*/}"))"
  if [ -n "$target_epoch" ] && [ "$(info "$backup" finished)" -gt "$target_epoch" ]; then
    die "--from $from finished at $(china "$(info "$backup" finished)"), after --to $(china "$target_epoch"): a backup can only be rolled forward"
  fi
else
  for b in "${backups[@]}"; do
    if [ -z "$target_epoch" ] || [ "$(info "$b" finished)" -le "$target_epoch" ]; then backup="$b"; fi
  done
  [ -n "$backup" ] || die "no base backup finished before $(china "$target_epoch"); the oldest kept finished at $(china "$(info "${backups[0]}" finished)")"
fi
goal="the latest archived state"; [ -z "$target_epoch" ] || goal="$(china "$target_epoch")"
say "Restoring base backup ${backup##*/} (finished $(china "$(info "$backup" finished)")) to $goal"

# A PostgreSQL still running archives what it has first, so "latest" means now.
PGDATA_DIR="$(readlink -f "$SAMPLES_DATA/pg" 2>/dev/null || echo "$SAMPLES_DATA/pg")"
PG_SOCKET_DIR="$PGDATA_DIR-run"
running=0
if as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
  running=1
  if [ "$(pg_admin_sql "SHOW archive_mode")" = on ]; then pg_archive_now; fi
fi

# Every segment from the backup's start to the newest archived one, on any timeline: a gap stops replay short of the
# target, so it is refused before anything is touched.
start_wal="$(info "$backup" start_wal)"
mapfile -t segments < <(find "$wal" -maxdepth 1 -type f -regextype posix-extended -regex '.*/[0-9A-F]{24}' -printf '%f\n' \
  | cut -c9-24 | sort -u)
expected=$(( 16#${start_wal:8:8} * 256 + 16#${start_wal:16:8} ))
last=$expected
for s in "${segments[@]}"; do
  n=$(( 16#${s:0:8} * 256 + 16#${s:8:8} ))
  [ "$n" -lt "$expected" ] && continue
  [ "$n" -eq "$expected" ] || die "the WAL archive misses segment $(printf '%08X%08X' $((expected / 256)) $((expected % 256))) (any timeline) after the backup's start $start_wal: replay would stop there. Nothing was changed."
  last=$n; expected=$((n + 1))
done

# Stop the silos ops/cluster.sh runs, then PostgreSQL.
for pidfile in "$SAMPLES_DATA"/cluster/silo-*.pid; do
  [ -s "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    say "Stopping silo ${pidfile##*/silo-} (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 240); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { say "silo pid $pid did not stop in 60 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$pidfile"
done
if [ "$running" = 1 ]; then
  clients="$(pg_admin_sql "SELECT count(*) FROM pg_stat_activity WHERE usename = '$SAMPLES_PG_USER'")"
  if [ "$clients" != 0 ] && [ "$force" != 1 ]; then
    die "$clients connection(s) of $SAMPLES_PG_USER (a silo) still open: stop the silo first (Ctrl-C on ops/run.sh), or --force. Nothing was changed."
  fi
  say "Stopping PostgreSQL"
  as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" -w -t 120 stop -m fast >/dev/null || die "PostgreSQL did not stop; see $PGDATA_DIR/server.log"
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
if [ -e "$PGDATA_DIR" ]; then
  mv "$PGDATA_DIR" "$PGDATA_DIR.damaged-$stamp"
  say "The old data folder is kept as $PGDATA_DIR.damaged-$stamp (delete it yourself once the restore is checked)"
fi
mkdir -p "$PGDATA_DIR" "$PG_SOCKET_DIR"
chown postgres:postgres "$PGDATA_DIR" "$PG_SOCKET_DIR"; chmod 700 "$PGDATA_DIR"
[ -L "$SAMPLES_DATA/pg" ] || [ "$PGDATA_DIR" = "$SAMPLES_DATA/pg" ] || ln -sfn "$PGDATA_DIR" "$SAMPLES_DATA/pg"
began="$(date +%s%N)"
zstd -q -d -c "$backup/base.tar.zst" | as_postgres tar -C "$PGDATA_DIR" -xf - || die "could not unpack ${backup##*/}"
chmod 700 "$PGDATA_DIR" # the archive's "." carries the staging folder's mode; PostgreSQL wants its folder private
# Segments the old folder wrote but never archived (its last minute) are offered to replay too, as PostgreSQL's
# documentation advises; the archive's own copies win.
if [ -d "$PGDATA_DIR.damaged-$stamp/pg_wal" ]; then
  find "$PGDATA_DIR.damaged-$stamp/pg_wal" -maxdepth 1 -type f -regextype posix-extended -regex '.*/[0-9A-F]{24}' \
    -exec cp -n {} "$PGDATA_DIR/pg_wal/" \;
  chown -R postgres:postgres "$PGDATA_DIR/pg_wal"
fi
rm -f "$PGDATA_DIR/postmaster.pid" "$PGDATA_DIR/server.log"
{
  echo "# ops/restore.sh $stamp: replay the archive${target_epoch:+ to $(china "$target_epoch")}, then open for writes."
  echo "restore_command = 'cp \"$wal/%f\" \"%p\"'"
  echo "recovery_target_timeline = 'latest'"
  if [ -n "$target_epoch" ]; then
    # The time as given, to the microsecond (the epoch above is for comparisons only).
    echo "recovery_target_time = '$(date -u -d "$target" '+%Y-%m-%d %H:%M:%S.%6N+00')'"
    echo "recovery_target_action = 'promote'"
  fi
} | as_postgres tee -a "$PGDATA_DIR/postgresql.auto.conf" >/dev/null
as_postgres touch "$PGDATA_DIR/recovery.signal"
pg_conf_port "$PGDATA_DIR"

say "Replaying archived WAL (up to segment $(printf '%08X%08X' $((last / 256)) $((last % 256))))"
# 9>&-: the server must not inherit the lock (it would hold it for as long as it runs).
as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 3600 start >/dev/null 9>&- || true
# Writes are accepted once replay reached the target and the server promoted itself; it stops instead if the archive
# ends before the target.
for _ in $(seq 1 14400); do
  if ! as_postgres "$bin/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    grep -E 'FATAL|PANIC' "$PGDATA_DIR/server.log" | tail -n 3 >&2 || true
    if grep -q 'recovery ended before configured recovery target was reached' "$PGDATA_DIR/server.log"; then
      die "the archive ends before $(china "$target_epoch") (a segment is missing after $(printf '%08X%08X' $((last / 256)) $((last % 256))), or nothing was archived that late); PostgreSQL stopped. The old folder is untouched beside it."
    fi
    die "PostgreSQL stopped during recovery; see $PGDATA_DIR/server.log. The old folder is untouched beside it."
  fi
  [ "$(pg_admin_sql "SELECT pg_is_in_recovery()" 2>/dev/null || echo t)" = f ] && break
  sleep 0.25
done
[ "$(pg_admin_sql "SELECT pg_is_in_recovery()")" = f ] || die "PostgreSQL is still replaying after an hour; see $PGDATA_DIR/server.log"
# The recovery settings go once promoted: a later base backup would carry them, and this target with it.
for setting in restore_command recovery_target_time recovery_target_action recovery_target_timeline; do
  pg_admin_sql "ALTER SYSTEM RESET $setting" >/dev/null
done
pg_admin_sql "SELECT pg_reload_conf()" >/dev/null
seconds="$(awk -v a="$began" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
timeline="$(pg_admin_sql "SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)::text")"
reached="$(grep -oE '(recovery stopping before (commit|abort) of transaction [0-9]+, time|last completed transaction was at log time) [0-9-]+ [0-9:.+-]+' "$PGDATA_DIR/server.log" | tail -n 1 || true)"
reached_at="$(grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+[+-][0-9]{2}$' <<<"$reached" || true)"
pg_tune
say "Restored: PostgreSQL accepts writes on 127.0.0.1:$SAMPLES_PG_PORT, timeline $((16#$timeline)), in $seconds s"
if [ -n "$reached_at" ]; then
  say "Reached: $(china "$(date -d "$reached_at" +%s)") ($reached)"
else
  say "Reached: the end of the base backup (no transaction replayed after it)"
fi
echo "restored-backup=${backup##*/} timeline=$((16#$timeline)) seconds=$seconds"
echo "Start the silo(s) again (ops/run.sh or ops/cluster.sh). The audit trail's head log (audit-heads*.jsonl) may name heads past this point: that is the restore, recorded in docs/operations.md."
