#!/usr/bin/env bash
# How long a restore takes here: a PostgreSQL of its own (a folder under the temp folder, port 25462) filled with about
# SAMPLES_BENCH_GB (default 1) GB of generated rows, backed up with ops/backup.sh, a few more writes archived, the data
# folder destroyed, then ops/restore.sh --to latest timed. Prints the database size, the backup's and the restore's
# seconds and the restore's GB/s; removes its folder at the end.
#
#   bash ops/bench-restore.sh                 # as root
#   SAMPLES_BENCH_GB=4 bash ops/bench-restore.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export SAMPLES_DATA="${TMPDIR:-/tmp}/samples-bench-restore"
export SAMPLES_PG_PORT="${SAMPLES_BENCH_PG_PORT:-25462}"
unset SAMPLES_BACKUP_DIR
source "$here/lib/common.sh"
gb="${SAMPLES_BENCH_GB:-1}"
[[ "$gb" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "SAMPLES_BENCH_GB must be a number of gigabytes (it is '$gb')"

cleanup() { pg_down >/dev/null 2>&1 || true; rm -rf "$SAMPLES_DATA"; }
cleanup
trap cleanup EXIT
pg_up >/dev/null
pg_ensure_database samples
bash "$here/db/migrate.sh" samples >/dev/null

# Rows shaped like the task board's (text keys, a few dates, a longer text), in steps of a million until the size is reached.
say "Filling database samples with about $gb GB of generated rows"
pg_admin_sql "CREATE TABLE bench_rows (id bigint PRIMARY KEY, task_id text NOT NULL, stage text NOT NULL, due_on date,
  changed_at timestamptz NOT NULL, detail text NOT NULL)" samples >/dev/null
want="$(awk -v g="$gb" 'BEGIN { printf "%d", g * 1024 * 1024 * 1024 }')"
next=1
while [ "$(pg_admin_sql "SELECT pg_database_size('samples')")" -lt "$want" ]; do
  pg_admin_sql "INSERT INTO bench_rows SELECT g, 'QH-2026-BENCH:R1:' || md5(g::text) || ':lithium-carbonate', 'Sampling',
    date '2026-01-01' + (g % 365), now(), repeat(md5((g * 7)::text), 4) FROM generate_series($next, $((next + 999999))) g" samples >/dev/null
  next=$((next + 1000000))
done
size="$(pg_admin_sql "SELECT pg_database_size('samples')")"
rows="$(pg_admin_sql "SELECT count(*) FROM bench_rows" samples)"

began="$(date +%s%N)"
bash "$here/backup.sh" | tail -n 4
backup_s="$(awk -v a="$began" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
compressed="$(du -sb "$SAMPLES_DATA/backups/base" | cut -f1)"

# Writes after the backup, so the restore replays archived WAL too, not only unpacks.
pg_admin_sql "INSERT INTO bench_rows SELECT g, 'after', 'Sampling', NULL, now(), 'after the backup' FROM generate_series($next, $((next + 99999))) g" samples >/dev/null
bash "$here/backup.sh" --wal >/dev/null
pg_down >/dev/null
rm -rf "$(readlink -f "$SAMPLES_DATA/pg")"

began="$(date +%s%N)"
bash "$here/restore.sh" --to latest | tail -n 3
restore_s="$(awk -v a="$began" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')"
after="$(pg_admin_sql "SELECT count(*) FROM bench_rows" samples)"
[ "$after" = "$((rows + 100000))" ] || die "the restored table has $after rows, not $((rows + 100000))"

awk -v size="$size" -v rows="$rows" -v comp="$compressed" -v b="$backup_s" -v r="$restore_s" -v cores="$(nproc)" 'BEGIN {
  gbs = size / 1024 / 1024 / 1024
  printf "restore benchmark: database %.2f GB (%d rows), base backup %.0f MB compressed, %d cores\n", gbs, rows, comp / 1024 / 1024, cores
  printf "backup (pg_basebackup + pg_verifybackup + zstd): %.1f s\n", b
  printf "restore to latest (unpack + WAL replay + promote): %.1f s, %.3f GB/s\n", r, gbs / r
}'
