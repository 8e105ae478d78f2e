#!/usr/bin/env bash
# Stops the throw-away test cluster started by start-postgres.sh.
set -euo pipefail
DIR=${DEPOT_PG_DIR:-/tmp/depot-test-pg}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
[ -d "$DIR/data" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
