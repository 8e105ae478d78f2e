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

# run BINARY LABEL [PATTERNS]: a fresh server and data directory, the patterns, the server stopped.
run() {
    local port data token
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    data=$WORK/depot-$2
    "$1" --listen 127.0.0.1:$port --data-dir "$data" --workers 2 \
        --log-requests false --kdf-iterations 1000 --max-connections 5000 \
        > "$WORK/$2.out" 2> "$WORK/$2.err" &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.1; done
    local d=http://127.0.0.1:$port
    curl -sf -X POST $d/api/v1/users -d '{"username":"bench","password":"bench-password"}' >/dev/null
    token=$(curl -sf -X POST $d/api/v1/auth/token -d '{"username":"bench","password":"bench-password"}' |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    SERVER_LOG="$WORK/$2.err" timeout 600 python3 "$ROOT/bench/memory.py" "$SERVER_PID" "$port" \
        "$token" "$ROWS" "$2" ${3:-}
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
    rm -rf "$data"
}

# BENCH_MEMORY_BASELINE=<another depot-server binary>: its dump rows first, in the same run, so
# before and after are measured under the same load.
if [ -n "${BENCH_MEMORY_BASELINE:-}" ]; then
    run "$BENCH_MEMORY_BASELINE" baseline "${BENCH_MEMORY_PATTERNS:-5,6}"
fi
run "$ROOT/build/server/depot-server" "$(git rev-parse --short HEAD)" "${BENCH_MEMORY_PATTERNS:-}"
python3 "$ROOT/bench/memory.py" --render "$ROWS" "$ROOT/bench/memory-results.md"
echo "memory: results in bench/memory-results.md"
