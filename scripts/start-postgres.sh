#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 cluster for the tests (trust auth, Unix socket only, no
# fsync) as the postgres user, and prints the admin URL the tests read from DEPOT_TEST_PG_URL.
# PostgreSQL refuses to run as root, hence `runuser -u postgres`.
set -euo pipefail
DIR=${DEPOT_PG_DIR:-/tmp/depot-test-pg}
PORT=${DEPOT_PG_PORT:-55432}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
if ! as_postgres "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chown postgres:postgres "$DIR"
    as_postgres "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
    as_postgres "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w start \
        -o "-k $DIR -p $PORT -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
fi
echo "postgresql://postgres@localhost:$PORT/postgres?host=$DIR"
