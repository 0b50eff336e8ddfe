#!/usr/bin/env bash
# Backs up the project's PostgreSQL with its own tools: continuous WAL archiving (turned on by the first run, which
# restarts PostgreSQL once) and a base backup (pg_basebackup, checked with pg_verifybackup, then compressed with zstd).
# Keeps the newest SAMPLES_BACKUP_KEEP base backups (default 7) and the archived WAL they need; removes the rest and
# says what it kept and removed. Safe to run again at any time and from cron (one run at a time; a run cut short
# leaves nothing that counts as a backup). ops/restore.sh brings the data back to the latest state or a point in time.
#
#   bash ops/backup.sh                          # as root, like the other ops scripts
#   SAMPLES_BACKUP_DIR=/mnt/backups SAMPLES_BACKUP_KEEP=14 bash ops/backup.sh
#   bash ops/backup.sh --wal                    # only close the current WAL segment and wait until it is archived
#                                               # (before maintenance: what was written so far is in the archive)
#   crontab: 15 2 * * * cd /srv/samples && bash ops/backup.sh >>/var/log/samples-backup.log 2>&1
#
# Layout: $SAMPLES_BACKUP_DIR/base/<UTC time>/{base.tar.zst,backup_manifest,backup.info} and $SAMPLES_BACKUP_DIR/wal/.
# SAMPLES_DATA and SAMPLES_PG_PORT choose the PostgreSQL, as for every ops script (the drill test points them at its own).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

keep="${SAMPLES_BACKUP_KEEP:-7}"
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || die "SAMPLES_BACKUP_KEEP must be a whole number of backups, 1 or more (it is '$keep')"

ops_tools_install
pg_up >/dev/null
bin="$(pg_bindir)"
mkdir -p "$SAMPLES_BACKUP_DIR/base"
chown postgres:postgres "$SAMPLES_BACKUP_DIR" "$SAMPLES_BACKUP_DIR/base"
chmod 700 "$SAMPLES_BACKUP_DIR"

# One run at a time: cron and a person may start it together.
exec 9>"$SAMPLES_BACKUP_DIR/.lock"
flock -n 9 || die "another ops/backup.sh is running on $SAMPLES_BACKUP_DIR"

pg_archiving_on
if [ "${1:-}" = --wal ]; then
  pg_archive_now
  say "The current WAL segment is archived in $SAMPLES_BACKUP_DIR/wal"
  exit 0
fi
[ $# -eq 0 ] || die "unknown argument '$1' (none, or --wal)"

# What an earlier run left half done is no backup: it goes.
find "$SAMPLES_BACKUP_DIR/base" -mindepth 1 -maxdepth 1 -name '.partial-*' -exec rm -rf {} +

name="$(date -u +%Y%m%dT%H%M%SZ)"
[ -e "$SAMPLES_BACKUP_DIR/base/$name" ] && { sleep 1; name="$(date -u +%Y%m%dT%H%M%SZ)"; }
partial="$SAMPLES_BACKUP_DIR/base/.partial-$name"
mkdir -p "$partial/data"; chown -R postgres:postgres "$partial"
started="$(date +%s)"
say "Taking base backup $name of 127.0.0.1:$SAMPLES_PG_PORT"
# Plain format, so that pg_verifybackup (PostgreSQL 15 reads plain backups only) checks every file against the
# manifest and the WAL the backup needs; it is compressed only once checked. -X stream: the backup restores on its own.
as_postgres "$bin/pg_basebackup" -h "$PG_SOCKET_DIR" -p "$SAMPLES_PG_PORT" -U postgres -D "$partial/data" \
  -X stream --checkpoint=fast --label="samples $name" --no-password \
  || die "pg_basebackup failed (above); nothing was kept of this run"
as_postgres "$bin/pg_verifybackup" -q "$partial/data" || die "pg_verifybackup found the new backup damaged (above); it was not kept"
finished="$(date +%s)"
start_wal="$(sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]\{24\}\)).*/\1/p' "$partial/data/backup_label")"
timeline="$(sed -n 's/^START TIMELINE: \([0-9]*\)/\1/p' "$partial/data/backup_label")"
[ -n "$start_wal" ] || die "the new backup has no readable backup_label; it was not kept"
bytes="$(du -sb "$partial/data" | cut -f1)"
cp "$partial/data/backup_manifest" "$partial/backup_manifest"
tar -C "$partial/data" -cf - . | zstd -q -T0 -3 -o "$partial/base.tar.zst" || die "could not compress the backup; it was not kept"
rm -rf "$partial/data"
# finished: the backup is consistent from then on, so it can serve any recovery target after it.
cat >"$partial/backup.info" <<INFO
name=$name
started=$started
finished=$finished
start_wal=$start_wal
timeline=$timeline
bytes=$bytes
INFO
mv "$partial" "$SAMPLES_BACKUP_DIR/base/$name"
say "Backup $name: $((bytes / 1024 / 1024)) MB of data, $(( $(stat -c %s "$SAMPLES_BACKUP_DIR/base/$name/base.tar.zst") / 1024 / 1024 )) MB compressed, verified, in $((finished - started)) s"

# Retention: the newest $keep backups, and the WAL from the oldest kept one's start on.
mapfile -t backups < <(find "$SAMPLES_BACKUP_DIR/base" -mindepth 2 -maxdepth 2 -name backup.info -printf '%h\n' | xargs -rn1 basename | sort)
removed=()
while [ "${#backups[@]}" -gt "$keep" ]; do
  rm -rf "${SAMPLES_BACKUP_DIR:?}/base/${backups[0]}"
  removed+=("${backups[0]}")
  backups=("${backups[@]:1}")
done
oldest_wal="$(sed -n 's/^start_wal=//p' "$SAMPLES_BACKUP_DIR/base/${backups[0]}/backup.info")"
wal_before="$(find "$SAMPLES_BACKUP_DIR/wal" -maxdepth 1 -type f -name '[0-9A-F]*' | wc -l)"
"$bin/pg_archivecleanup" "$SAMPLES_BACKUP_DIR/wal" "$oldest_wal"
wal_after="$(find "$SAMPLES_BACKUP_DIR/wal" -maxdepth 1 -type f -name '[0-9A-F]*' | wc -l)"
say "Kept ${#backups[@]} base backup(s) (SAMPLES_BACKUP_KEEP=$keep): ${backups[*]}"
if [ "${#removed[@]}" -gt 0 ]; then say "Removed ${#removed[@]} older base backup(s): ${removed[*]}"; else say "Removed no base backup"; fi
say "WAL archive: kept $wal_after file(s) from $oldest_wal on, removed $((wal_before - wal_after)) older; in $SAMPLES_BACKUP_DIR/wal"
