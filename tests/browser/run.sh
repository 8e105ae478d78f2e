#!/usr/bin/env bash
# Real-browser test of Depot's pages (issue 14): starts a depot-server and a tiny image server on
# loopback, then drives Debian's chromium with puppeteer-core (browser-test.js). Screenshots go to
# $SCREENSHOT_DIR (ctest: <build>/screenshots). Needs: chromium (apt) and `npm ci` here, both
# done by scripts/setup.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${DEPOT_SERVER_BIN:?set DEPOT_SERVER_BIN (run through ctest)}"
export SCREENSHOT_DIR="${SCREENSHOT_DIR:-$PWD/screenshots}"
export CHROMIUM_BIN="${CHROMIUM_BIN:-$(command -v chromium || true)}"
if [ -z "$CHROMIUM_BIN" ] || [ ! -d "$here/node_modules/puppeteer-core" ]; then
    echo "browser test: chromium or tests/browser/node_modules missing: run scripts/setup.sh" >&2
    exit 1
fi
mkdir -p "$SCREENSHOT_DIR"
work="$(mktemp -d)"
server_pid=""
images_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    [ -n "$images_pid" ] && kill "$images_pid" 2>/dev/null && wait "$images_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# Images for the dump: small real PNGs served by Python's http.server on loopback.
mkdir -p "$work/images"
python3 - "$work/images" <<'PY'
import struct, sys, zlib
def png(w, h, rgb):
    raw = b''.join(b'\x00' + bytes(rgb) * w for _ in range(h))
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
for i, rgb in enumerate([(36, 87, 197), (230, 120, 40), (40, 160, 90)]):
    open(f'{sys.argv[1]}/p{i}.png', 'wb').write(png(48, 48, rgb))
PY
python3 -m http.server 0 --bind 127.0.0.1 --directory "$work/images" > "$work/images.log" 2>&1 &
images_pid=$!

# The server refuses unknown DEPOT_* variables: start it without the test harness's.
server_bin="$DEPOT_SERVER_BIN"
unset_depot=()
for name in $(env | grep -o '^DEPOT_[A-Za-z0-9_]*' || true); do unset_depot+=(-u "$name"); done
env "${unset_depot[@]}" "$server_bin" --listen 127.0.0.1:0 --data-dir "$work/data" --workers 2 --kdf-iterations 1000 \
    --fetch-allow 127.0.0.0/8 > "$work/server.out" 2> "$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$work/server.out" 2>/dev/null && grep -q "Serving HTTP" "$work/images.log" 2>/dev/null && break
    sleep 0.1
done
export BASE_URL="$(grep -o 'http://[0-9.:]*' "$work/server.out" | head -1)"
export IMAGE_URL="http://127.0.0.1:$(grep -o 'port [0-9]*' "$work/images.log" | head -1 | cut -d' ' -f2)"
if [ -z "$BASE_URL" ] || [ "$IMAGE_URL" = "http://127.0.0.1:" ]; then
    echo "browser test: servers did not start" >&2
    cat "$work/server.log" "$work/images.log" >&2
    exit 1
fi
export WORK_DIR="$work"
status=0
node "$here/browser-test.js" || status=$?
if [ "$status" -ne 0 ]; then
    echo "--- depot-server log (last 40 lines)" >&2
    tail -n 40 "$work/server.log" >&2
fi
exit "$status"
