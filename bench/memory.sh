#!/usr/bin/env bash
# Memory bench (not a test): resident memory of depot-server under each pattern of issue 9 -
# pipelined answers never read, a 10 GB announced upload, slowloris (300 connections), 2,000 idle
# connections and 4 large dumps in parallel. Loopback only, about two minutes.
# Writes bench/memory-results.md. BENCH_MEMORY_BASELINE=<binary> adds the dump rows of another
# build measured in the same run; BENCH_MEMORY_PATTERNS=5,6 runs only those patterns.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
[ -f build/build.ninja ] || scripts/setup.sh >/dev/null
cmake --build build --target depot-server >/dev/null

WORK=$(mktemp -d /tmp/depot-memory.XXXXXX)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; [ -n "${BENCH_MEMORY_KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true
ROWS=$WORK/rows.json

# PostgreSQL rows (the accepted dumps) when a cluster is at hand: the shared test cluster, or
# $DEPOT_BENCH_PG_URL (an admin URL); each run gets a database of its own.
PG_ADMIN=${DEPOT_BENCH_PG_URL:-$("$ROOT/scripts/start-postgres.sh" 2>/dev/null || true)}
command -v psql >/dev/null || PG_ADMIN=
PG_DBS=()
trap 'cleanup; for db in "${PG_DBS[@]}"; do psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; done' EXIT
pg_database() { # a new database, its URL in PG_URL
    local db=depot_memory_$$_${#PG_DBS[@]}
    psql "$PG_ADMIN" -qc "CREATE DATABASE $db" >/dev/null
    PG_DBS+=("$db")
    PG_URL=$(python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' "$PG_ADMIN" "$db")
}

# run BINARY LABEL [PATTERNS [SERVER ARGS...]]: a fresh server and data directory, the patterns,
# the server stopped.
run() {
    local port data token binary=$1 label=$2 patterns=${3:-}
    shift 3 2>/dev/null || shift $#
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    data=$WORK/depot-$label
    "$binary" --listen 127.0.0.1:$port --data-dir "$data" --workers 2 \
        --log-requests false --kdf-iterations 1000 --max-connections 5000 "$@" \
        > "$WORK/$label.out" 2> "$WORK/$label.err" &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.1; done
    local d=http://127.0.0.1:$port
    curl -sf -X POST $d/api/v1/users -d '{"username":"bench","password":"bench-password"}' >/dev/null
    token=$(curl -sf -X POST $d/api/v1/auth/token -d '{"username":"bench","password":"bench-password"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    SERVER_LOG="$WORK/$label.err" timeout 600 python3 "$ROOT/bench/memory.py" "$SERVER_PID" \
        "$port" "$token" "$ROWS" "$label" $patterns
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
    rm -rf "$data"
}

# BENCH_MEMORY_BASELINE=<another depot-server binary>: its dump rows first, in the same run, so
# before and after are measured under the same load.
THIS=$(git rev-parse --short HEAD)
if [ -n "${BENCH_MEMORY_BASELINE:-}" ]; then
    run "$BENCH_MEMORY_BASELINE" baseline "${BENCH_MEMORY_PATTERNS:-5,6}"
fi
run "$ROOT/build/server/depot-server" "$THIS" "${BENCH_MEMORY_PATTERNS:-}"
if [ -n "$PG_ADMIN" ]; then
    if [ -n "${BENCH_MEMORY_BASELINE:-}" ]; then
        pg_database
        run "$BENCH_MEMORY_BASELINE" "baseline, PostgreSQL" 6 --database "$PG_URL"
    fi
    pg_database
    run "$ROOT/build/server/depot-server" "$THIS, PostgreSQL" 6 --database "$PG_URL"
fi
python3 "$ROOT/bench/memory.py" --render "$ROWS" "$ROOT/bench/memory-results.md"
echo "memory: results in bench/memory-results.md"
