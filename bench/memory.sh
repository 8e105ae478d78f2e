#!/usr/bin/env bash
# Memory bench (not a test): resident memory of depot-server under each pattern of issue 9 -
# pipelined answers never read, a 10 GB announced upload, slowloris (300 connections), 2,000 idle
# connections and 4 large dumps in parallel. Loopback only, about two minutes.
# Writes bench/memory-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
[ -f build/build.ninja ] || scripts/setup.sh >/dev/null
cmake --build build --target depot-server >/dev/null

WORK=$(mktemp -d /tmp/depot-memory.XXXXXX)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 65536 || true

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ROOT/build/server/depot-server" --listen 127.0.0.1:$PORT --data-dir "$WORK/depot" --workers 2 \
    --log-requests false --kdf-iterations 1000 --max-connections 5000 \
    > "$WORK/depot.out" 2> "$WORK/depot.err" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q listening "$WORK/depot.out" 2>/dev/null && break; sleep 0.1; done
D=http://127.0.0.1:$PORT
curl -sf -X POST $D/api/v1/users -d '{"username":"bench","password":"bench-password"}' >/dev/null
TOKEN=$(curl -sf -X POST $D/api/v1/auth/token -d '{"username":"bench","password":"bench-password"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

timeout 600 python3 "$ROOT/bench/memory.py" "$SERVER_PID" "$PORT" "$TOKEN" "$ROOT/bench/memory-results.md"
echo "memory: results in bench/memory-results.md"
