#!/bin/sh
# PostgreSQL deployments of Yosan: helpers around PostgreSQL's own backup tools.
# See docs/backups.md and the Handbook (operator-backups).
#
#   scripts/pg-backup.sh tenant <slug>         per-tenant logical backup now (pg_dump of yosan_t_<id>,
#                                              encrypted with the tenant's data key) via `yosan backup run`
#   scripts/pg-backup.sh wal-config <dir>      print the settings for WAL archiving (the 5-minute point)
#   scripts/pg-backup.sh base <dir>            take a base backup (pg_basebackup) for point-in-time recovery
set -eu
cmd=${1:-}
case "$cmd" in
  tenant)
    [ -n "${2:-}" ] || { echo "usage: $0 tenant <slug>" >&2; exit 2; }
    exec "$(dirname "$0")/../bin/yosan" backup run --tenant "$2" --kind daily ;;
  wal-config)
    [ -n "${2:-}" ] || { echo "usage: $0 wal-config <archive dir>" >&2; exit 2; }
    cat <<SQL
-- Run as a superuser, then restart PostgreSQL (archive_mode needs a restart):
ALTER SYSTEM SET wal_level = 'replica';
ALTER SYSTEM SET archive_mode = 'on';
ALTER SYSTEM SET archive_command = 'test ! -f $2/%f && cp %p $2/%f';
ALTER SYSTEM SET archive_timeout = '300';  -- a WAL segment at least every 5 minutes
SQL
    ;;
  base)
    [ -n "${2:-}" ] || { echo "usage: $0 base <dir>" >&2; exit 2; }
    : "${DATABASE_URL:?set DATABASE_URL}"
    exec pg_basebackup -d "$DATABASE_URL" -D "$2/base-$(date -u +%Y%m%dT%H%M%SZ)" -Ft -z -Xs -P ;;
  *)
    sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
