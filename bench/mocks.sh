#!/usr/bin/env bash
# Throughput of a rule-matching mock against a plain mock on the same depot-server (issue 12:
# within 20%). Interleaved runs on loopback; wrk if installed, else h2load --h1.
# Usage: bench/mocks.sh [journal-size]   (BENCH_DURATION seconds per run, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${BENCH_DURATION:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
JOURNAL=${1:-100}
WORK=$(mktemp -d /tmp/depot-mockbench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
build/server/depot-server --listen 127.0.0.1:$PORT --data-dir "$WORK" --workers "$(nproc)" \
    --log-requests false --kdf-iterations 1000 --journal-size "$JOURNAL" > "$WORK/out" 2> "$WORK/err" &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do grep -q listening "$WORK/out" 2>/dev/null && break; sleep 0.1; done
D=http://127.0.0.1:$PORT
curl -sf -X POST $D/api/v1/users -d '{"username":"bench","password":"bench-password"}' >/dev/null
TOKEN=$(curl -sf -X POST $D/api/v1/auth/token -d '{"username":"bench","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
api() { curl -sf -H "Authorization: Bearer $TOKEN" -X POST $D/api/v1/endpoints -d "$1" >/dev/null; }
api '{"identifier":"plain","response":{"hello":"world","items":[1,2,3]}}'
api '{"identifier":"rules","response":{"hello":"world","items":[1,2,3]},"rules":[
  {"match":{"query":{"id":"42"}},"status_code":404,"response":{"error":"no such user"}},
  {"match":{"headers":{"X-Env":"test"},"json":{"user.role":"admin"}},"response":{"admin":true}},
  {"match":{"query":{"q":{"regex":"^a.*z$"}},"body_contains":"urgent"},"status_code":202},
  {"match":{"query":{"page":{"present":true}}},"response":{"hello":"world","items":[1,2,3]}}]}'

rps() {
    if command -v wrk >/dev/null; then
        wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print int($2)}'
    else
        h2load --h1 -c"$CONNECTIONS" -t2 -D"$DURATION" "$1" 2>/dev/null |
            awk '/^finished in/ {gsub(",","",$4); print int($4)}'
    fi
}
echo "journal-size $JOURNAL, $CONNECTIONS connections, ${DURATION}s per run"
echo "run plain rules(no match: all 4 rules tried) rules(4th rule matches)"
for run in $(seq "${BENCH_RUNS:-3}"); do
    p=$(rps "$D/u/bench/plain")
    r=$(rps "$D/u/bench/rules")
    m=$(rps "$D/u/bench/rules?page=2")
    echo "$run $p $r $m"
done
