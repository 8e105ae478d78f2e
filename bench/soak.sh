#!/usr/bin/env bash
# The soak: depot-server on PostgreSQL under mixed, rate-limited load for MINUTES (default 10):
# JSON mocks with latency, file downloads with ranges, script runs, drops (upload, download,
# burn), dumps against a local image server, logins and token refreshes (60 s tokens), and
# hostile clients (slowloris, oversized heads, aborted uploads). Fails if RSS, fds, threads, database connections or files on disk keep
# growing, on an unprovoked 5xx, or if accepted data is lost. Writes bench/soak-results.md and
# bench/soak.svg. Loopback only. Usage: bench/soak.sh [MINUTES]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MINUTES=${1:-10}
cd "$ROOT"
scripts/setup.sh >/dev/null
PG_URL=$(scripts/start-postgres.sh)
PG_DIR=${DEPOT_PG_DIR:-/tmp/depot-test-pg}
PG_PORT=${DEPOT_PG_PORT:-55432}
WORK=$(mktemp -d /tmp/depot-soak.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    runuser -u postgres -- psql -h "$PG_DIR" -p "$PG_PORT" -qc "DROP DATABASE IF EXISTS depot_soak" postgres >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
export PGOPTIONS="-c client_min_messages=warning"
runuser -u postgres -- psql -h "$PG_DIR" -p "$PG_PORT" -qc "DROP DATABASE IF EXISTS depot_soak" postgres >/dev/null
runuser -u postgres -- psql -h "$PG_DIR" -p "$PG_PORT" -qc "CREATE DATABASE depot_soak" postgres >/dev/null

# A local image server: three small PNGs.
mkdir -p "$WORK/images"
/usr/bin/python3 - "$WORK/images" <<'PY'
import struct, sys, zlib
def png(w, h):
    raw = b"".join(b"\x00" + bytes([x * 40 % 256, 80, 160]) * w for x in range(h))
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
for i in range(3):
    open(f"{sys.argv[1]}/img{i}.png", "wb").write(png(16 + i, 16))
PY
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
IMAGE_PORT=$(free_port)
(cd "$WORK/images" && exec /usr/bin/python3 -m http.server "$IMAGE_PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
PIDS+=($!)

PORT=$(free_port)
# Scripts get 15 s instead of 5: the soak's script answers at once, and on a shared, loaded
# machine a 5 s wall clock was once exceeded (504) by CPU starvation alone.
build/server/depot-server --listen 127.0.0.1:"$PORT" --data-dir "$WORK/data" \
    --database "postgresql://postgres@localhost:$PG_PORT/depot_soak?host=$PG_DIR" \
    --kdf-iterations 1000 --fetch-allow 127.0.0.0/8 --plans gold=100,silver=50,bronze=100000 \
    --log-requests false --workers 2 --token-expiry 60 --script-timeout 15000 >"$WORK/server.out" 2>"$WORK/server.log" &
SERVER=$!
PIDS+=($SERVER)
for _ in $(seq 100); do grep -q "listening on" "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
grep -q "listening on" "$WORK/server.out" || { cat "$WORK/server.log"; exit 1; }

/usr/bin/python3 bench/soak.py --port "$PORT" --pid "$SERVER" --data-dir "$WORK/data" \
    --image-port "$IMAGE_PORT" --minutes "$MINUTES" \
    --pg-dsn "host=$PG_DIR port=$PG_PORT user=postgres dbname=depot_soak"
