#!/usr/bin/env bash
# Side-by-side benchmark on loopback: depot-server against nginx (the speed reference for static
# answers and files) and the mock server peers Mockoon, WireMock and json-server (from npm;
# WireMock runs on Debian's default-jre-headless, installed here, not by setup.sh: CI does not
# need it), measured in one run on the same machine, so ratios mean more than absolute numbers on
# a shared, noisy box. Appends the run to bench/history.csv, writes bench/results.md (this run,
# earlier runs' ratios) and bench/ratios.svg (bench/chart.py). Needs root for apt-get the first
# time. Takes about five minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${BENCH_DURATION:-8}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
ONLY=${BENCH_ONLY:-}

need=()
for p in nginx-light wrk curl default-jre-headless; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -f build/build.ninja ] || scripts/setup.sh >/dev/null
cmake --build build --target depot-server >/dev/null
BUILD_TYPE=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' build/CMakeCache.txt)
PEERS=$ROOT/bench/.peers
if [ ! -x "$PEERS/node_modules/.bin/mockoon-cli" ]; then
    npm install --silent --no-audit --no-fund --prefix "$PEERS" @mockoon/cli@9 >/dev/null 2>&1 || echo "bench: Mockoon unavailable, skipped"
fi
if [ ! -x "$PEERS/node_modules/.bin/json-server" ] || [ ! -d "$PEERS/node_modules/wiremock" ]; then
    npm install --silent --no-audit --no-fund --prefix "$PEERS" wiremock@3 json-server@0.17 >/dev/null 2>&1 || echo "bench: WireMock/json-server unavailable, skipped"
fi

WORK=$(mktemp -d /tmp/depot-bench.XXXXXX)
chmod 755 "$WORK" # nginx workers run as www-data
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
ulimit -n 65536 || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/VmRSS/ {print $2}' /proc/"$1"/status; }
hwm_kb() { awk '/VmHWM/ {print $2}' /proc/"$1"/status; }
rps() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print int($2)}'; }
mbps() { wrk -t2 -c16 -d"${DURATION}s" "$1" | awk '/Transfer\/sec/ {v=$2; if (v ~ /GB/) {sub("GB","",v); v*=1024} else if (v ~ /MB/) {sub("MB","",v)} else if (v ~ /KB/) {sub("KB","",v); v/=1024}; print int(v)}'; }

# served PID URL [wrk options]: "<requests/s> <server CPU µs per request>". The CPU cost comes from
# /proc (user + system time of the whole server process) and is far less sensitive than
# requests/s to other load on a shared machine.
served() {
    local pid=$1 url=$2 before after out
    shift 2
    before=$(awk '{print $14 + $15}' /proc/"$pid"/stat)
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$@" "$url")
    after=$(awk '{print $14 + $15}' /proc/"$pid"/stat)
    echo "$out" | awk -v a="$before" -v b="$after" -v hz="$(getconf CLK_TCK)" \
        '/requests in/ {n = $1} /Requests\/sec/ {r = int($2)} END {printf "%d %.1f\n", r, (b - a) * 1e6 / hz / n}'
}

# --- payloads
head -c $((1024 * 1024)) /dev/urandom > "$WORK/1mib.bin"
head -c $((100 * 1024)) /dev/urandom > "$WORK/100kib.bin"
printf 'import os\nprint("Content-Type: text/plain")\nprint()\nprint("hello", os.environ.get("QUERY_STRING", ""))\n' > "$WORK/hello.py"
echo '{"hello":"world","items":[1,2,3]}' > "$WORK/hello.json"

# --- depot-server
# start_depot NAME PORT [options]: a depot-server with user "bench" and the mock "hello"; sets
# the PID in $STARTED_PID and the user's token in $STARTED_TOKEN.
start_depot() {
    local name=$1 port=$2
    shift 2
    "$ROOT/build/server/depot-server" --listen 127.0.0.1:$port --data-dir "$WORK/$name" --workers "$(nproc)" \
        --log-requests false --kdf-iterations 1000 "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
    for _ in $(seq 100); do grep -q listening "$WORK/$name.out" 2>/dev/null && break; sleep 0.1; done
    local url=http://127.0.0.1:$port
    curl -sf -X POST $url/api/v1/users -d '{"username":"bench","password":"bench-password"}' >/dev/null
    STARTED_TOKEN=$(curl -sf -X POST $url/api/v1/auth/token -d '{"username":"bench","password":"bench-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    curl -sf -H "Authorization: Bearer $STARTED_TOKEN" -X POST $url/api/v1/endpoints -H 'Content-Type: application/json' \
        -d "{\"identifier\":\"hello\",\"kind\":\"json\",\"method\":\"GET\",\"response\":$(cat "$WORK/hello.json")}" >/dev/null
}
DEPOT_PORT=$(free_port)
# BENCH_DEPOT_ARGS (not DEPOT_*, which the server reads as its settings): more options for this
# server, e.g. "--script-zygote false" to compare the script sandbox's two modes.
# shellcheck disable=SC2086
start_depot depot $DEPOT_PORT --endpoint-max-latency 5000 --max-connections 20000 ${BENCH_DEPOT_ARGS:-}
DEPOT_PID=$STARTED_PID
D=http://127.0.0.1:$DEPOT_PORT
TOKEN=$STARTED_TOKEN
AUTH="Authorization: Bearer $TOKEN"
curl -sf -H "$AUTH" -X POST $D/api/v1/endpoints -H 'Content-Type: application/json' \
    -d '{"identifier":"slow","kind":"json","method":"GET","latency":100,"response":{"slow":true}}' >/dev/null
curl -sf -H "$AUTH" -X POST $D/api/v1/endpoints -F identifier=file -F kind=file -F method=GET -F "file=@$WORK/1mib.bin" >/dev/null
curl -sf -H "$AUTH" -X POST $D/api/v1/endpoints -F identifier=file100k -F kind=file -F method=GET -F "file=@$WORK/100kib.bin" >/dev/null
curl -sf -H "$AUTH" -X POST $D/api/v1/endpoints -F identifier=hello.py -F kind=script -F method=GET -F "file=@$WORK/hello.py" >/dev/null
BASE_RSS=$(rss_kb $DEPOT_PID)
# The mock path (issue 11): a rule-matching mock beside the plain one (bench/mocks.sh's rules).
curl -sf -H "$AUTH" -X POST $D/api/v1/endpoints -d '{"identifier":"rules","response":{"hello":"world","items":[1,2,3]},"rules":[
  {"match":{"query":{"id":"42"}},"status_code":404,"response":{"error":"no such user"}},
  {"match":{"headers":{"X-Env":"test"},"json":{"user.role":"admin"}},"response":{"admin":true}},
  {"match":{"query":{"q":{"regex":"^a.*z$"}},"body_contains":"urgent"},"status_code":202},
  {"match":{"query":{"page":{"present":true}}},"response":{"hello":"world","items":[1,2,3]}}]}' >/dev/null

# The sandboxed-script row: wrk at 8 connections; CPU per run is the server's own time plus that of
# its process tree from /proc (user + system time, own and reaped children's, of the server and
# every live descendant: bwrap and python, and the zygotes, which reap their runs but live on),
# and the whole machine's busy time from /proc/stat (wrk, kernel threads and whatever else runs,
# so an upper bound on a shared machine).
metric() { curl -s "$D/metrics" | awk -v m="$1" '$1 == m {print int($2)}'; }
tree_ticks() {
    python3 - "$1" <<'PY'
import os, sys
root = sys.argv[1]
stats = {}
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[pid] = (fields[1], sum(int(f) for f in fields[11:15]))  # ppid; utime..cstime
tree, total, grew = {root}, 0, True
while grew:
    grew = False
    for pid, (ppid, _) in stats.items():
        if ppid in tree and pid not in tree:
            tree.add(pid)
            grew = True
print(sum(stats[pid][1] for pid in tree if pid in stats))
PY
}
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
measure_scripts() {
    echo "bench: sandboxed script, 8 concurrent clients"
    curl -sf "$D/u/bench/hello.py" >/dev/null # the first script request starts the warm sandboxes
    sleep 1
    local busy_before cpu_before busy_after cpu_after done_before done_after
    BUSY_BEFORE=$(metric 'depot_script_runs_total{result="busy"}')
    done_before=$(metric 'depot_script_runs_total{result="ok"}')
    cpu_before=$(tree_ticks "$DEPOT_PID")
    busy_before=$(busy_ticks)
    SCRIPT=$(wrk -t2 -c8 -d"${DURATION}s" --timeout 10s --latency "$D/u/bench/hello.py")
    busy_after=$(busy_ticks)
    cpu_after=$(tree_ticks "$DEPOT_PID")
    done_after=$(metric 'depot_script_runs_total{result="ok"}')
    SCRIPT_RPS=$(echo "$SCRIPT" | awk '/Requests\/sec/ {print int($2)}')
    SCRIPT_P50=$(echo "$SCRIPT" | awk '$1=="50%" {print $2}')
    SCRIPT_P99=$(echo "$SCRIPT" | awk '$1=="99%" {print $2}')
    SCRIPT_503=$(( $(metric 'depot_script_runs_total{result="busy"}') - BUSY_BEFORE ))
    local hz runs
    hz=$(getconf CLK_TCK)
    runs=$((done_after - done_before))
    SCRIPT_CPU=$(python3 -c "import sys; a,b,n,hz=map(float,sys.argv[1:]); print(f'{(b-a)*1000/hz/n:.1f}' if n else 'n/a')" "$cpu_before" "$cpu_after" "$runs" "$hz")
    SCRIPT_MACHINE_CPU=$(python3 -c "import sys; a,b,n,hz=map(float,sys.argv[1:]); print(f'{(b-a)*1000/hz/n:.1f}' if n else 'n/a')" "$busy_before" "$busy_after" "$runs" "$hz")
}
if [ "$ONLY" = scripts ]; then
    measure_scripts
    echo "scripts c=8: $SCRIPT_RPS req/s, p50 $SCRIPT_P50, p99 $SCRIPT_P99, $SCRIPT_503 x 503;" \
        "CPU per run: server + sandboxes $SCRIPT_CPU ms, whole machine $SCRIPT_MACHINE_CPU ms" \
        "(load $(cut -d' ' -f1-3 /proc/loadavg))"
    exit 0
fi

# --- depot-server on PostgreSQL (the shared test cluster, or $DEPOT_BENCH_PG_URL: an admin URL)
PG_ADMIN=${DEPOT_BENCH_PG_URL:-$("$ROOT/scripts/start-postgres.sh" 2>/dev/null || true)}
P=""
if [ -n "$PG_ADMIN" ] && command -v psql >/dev/null; then
    PG_DB=depot_bench_$$
    psql "$PG_ADMIN" -qc "CREATE DATABASE $PG_DB" >/dev/null
    trap 'cleanup; psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
    PG_URL=$(python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' "$PG_ADMIN" "$PG_DB")
    PG_PORT=$(free_port)
    start_depot depot-pg $PG_PORT --database "$PG_URL"
    P=http://127.0.0.1:$PG_PORT
    PG_PID=$STARTED_PID
    PG_TOKEN=$STARTED_TOKEN
else
    echo "bench: no PostgreSQL, its rows are skipped"
fi

# --- the QHttpServer ceiling: the smallest QHttpServer 6.4 program serving a mock (shared tools)
QHS=""
for dir in "$ROOT/../shared/tools/qhs-ceiling" "$ROOT/../../shared/tools/qhs-ceiling"; do
    [ -f "$dir/main.cpp" ] || continue
    cmake -S "$dir" -B "$WORK/qhs-build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null &&
        cmake --build "$WORK/qhs-build" >/dev/null && QHS=$WORK/qhs-build/qhsproto
    break
done
if [ -n "$QHS" ]; then
    QHS_PORT=$(free_port)
    "$QHS" "$QHS_PORT" "$(nproc)" > /dev/null 2>&1 &
    PIDS+=($!)
fi

# --- nginx
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx/www"
cp "$WORK/1mib.bin" "$WORK/nginx/www/file"
cp "$WORK/100kib.bin" "$WORK/nginx/www/file100k"
chmod -R a+rX "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<NGINX
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 20000; }
http {
    access_log off;
    sendfile on;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location = /hello { default_type application/json; return 200 '$(cat "$WORK/hello.json")'; }
        location = /file { root $WORK/nginx/www; }
        location = /file100k { root $WORK/nginx/www; }
    }
}
NGINX
nginx -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)

# --- Mockoon
MOCKOON_PORT=$(free_port)
MOCKOON=""
if [ -x "$PEERS/node_modules/.bin/mockoon-cli" ]; then
    cat > "$WORK/mockoon.json" <<MOCK
{"uuid":"b","lastMigration":32,"name":"bench","endpointPrefix":"","latency":0,"port":$MOCKOON_PORT,"hostname":"127.0.0.1",
 "folders":[],"rootChildren":[{"type":"route","uuid":"r"}],"proxyMode":false,"proxyHost":"","proxyRemovePrefix":false,
 "tlsOptions":{"enabled":false,"type":"CERT","pfxPath":"","certPath":"","keyPath":"","caPath":"","passphrase":""},
 "cors":false,"headers":[],"proxyReqHeaders":[],"proxyResHeaders":[],"data":[],"callbacks":[],
 "routes":[{"uuid":"r","type":"http","documentation":"","method":"get","endpoint":"hello","responses":[{"uuid":"x",
 "body":$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$WORK/hello.json"),"latency":0,"statusCode":200,"label":"","headers":[{"key":"Content-Type","value":"application/json"}],
 "bodyType":"INLINE","filePath":"","databucketID":"","sendFileAsBody":false,"rules":[],"rulesOperator":"OR",
 "disableTemplating":true,"fallbackTo404":false,"default":true,"crudKey":"id","callbacks":[]}],"responseMode":null,"streamingMode":null,"streamingInterval":0}]}
MOCK
    "$PEERS/node_modules/.bin/mockoon-cli" start --data "$WORK/mockoon.json" > "$WORK/mockoon.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$MOCKOON_PORT/hello" >/dev/null 2>&1 && MOCKOON=yes && break; sleep 0.2; done
fi

# --- WireMock (a mapping file) and json-server (a one-object database): the same JSON answer
WIREMOCK_PORT=$(free_port)
WIREMOCK=""
WIREMOCK_JAR=$(ls "$PEERS"/node_modules/wiremock/build/wiremock-standalone-*.jar 2>/dev/null | head -1 || true)
if [ -n "$WIREMOCK_JAR" ] && command -v java >/dev/null; then
    mkdir -p "$WORK/wiremock/mappings"
    python3 -c 'import json,sys; print(json.dumps({"request":{"method":"GET","url":"/hello"},"response":{"status":200,"body":open(sys.argv[1]).read(),"headers":{"Content-Type":"application/json"}}}))' \
        "$WORK/hello.json" > "$WORK/wiremock/mappings/hello.json"
    java -jar "$WIREMOCK_JAR" --port "$WIREMOCK_PORT" --bind-address 127.0.0.1 --root-dir "$WORK/wiremock" \
        --disable-request-logging --no-request-journal > "$WORK/wiremock.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 120); do curl -sf "http://127.0.0.1:$WIREMOCK_PORT/hello" >/dev/null 2>&1 && WIREMOCK=yes && break; sleep 0.5; done
fi
JSONSERVER_PORT=$(free_port)
JSONSERVER=""
if [ -x "$PEERS/node_modules/.bin/json-server" ]; then
    python3 -c 'import json,sys; print(json.dumps({"hello": json.load(open(sys.argv[1]))}))' "$WORK/hello.json" > "$WORK/db.json"
    "$PEERS/node_modules/.bin/json-server" --port "$JSONSERVER_PORT" --host 127.0.0.1 --quiet "$WORK/db.json" > "$WORK/json-server.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$JSONSERVER_PORT/hello" >/dev/null 2>&1 && JSONSERVER=yes && break; sleep 0.2; done
fi
sleep 0.5

# --- every target must answer 200 before it is measured
for url in "$D/u/bench/hello" "$D/u/bench/file" "$D/u/bench/file100k" "$D/u/bench/slow" "$D/u/bench/hello.py" \
    "http://127.0.0.1:$NGINX_PORT/hello" "http://127.0.0.1:$NGINX_PORT/file" "http://127.0.0.1:$NGINX_PORT/file100k"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
    [ "$code" = 200 ] || { echo "bench: $url answered $code, not 200" >&2; exit 1; }
done

# --- measurements
echo "bench: small JSON answers ($CONNECTIONS connections, ${DURATION}s each, $ROUNDS rounds)"
# The targets of issue 11 (the mock on SQLite and on PostgreSQL against nginx and against the
# QHttpServer ceiling) are measured in turns, round after round, so that a change in the shared
# machine's load between two runs hits each of them alike. Each figure is the median of its
# rounds; each ratio the median of the rounds' own ratios (paired within a round).
R_NGINX=() R_DEPOT=() R_DEPOT_CPU=() R_PG=() R_PG_CPU=() R_QHS=()
for _ in $(seq "$ROUNDS"); do
    R_NGINX+=("$(rps "http://127.0.0.1:$NGINX_PORT/hello")")
    read -r rate cpu < <(served "$DEPOT_PID" "$D/u/bench/hello")
    R_DEPOT+=("$rate") R_DEPOT_CPU+=("$cpu")
    if [ -n "$P" ]; then
        read -r rate cpu < <(served "$PG_PID" "$P/u/bench/hello")
        R_PG+=("$rate") R_PG_CPU+=("$cpu")
    fi
    [ -n "$QHS" ] && R_QHS+=("$(rps "http://127.0.0.1:$QHS_PORT/mock")")
done
# median V...: the median of the numbers given, n/a if none
median() { python3 -c 'import statistics, sys
v = [float(x) for x in sys.argv[1:] if x not in ("", "n/a")]
m = statistics.median(v) if v else None
print("n/a" if m is None else f"{m:.0f}" if m >= 100 else f"{m:.1f}")' "$@"; }
# paired "A1 A2 .." "B1 B2 ..": the median of A[i] / B[i]
paired() { python3 -c 'import statistics, sys
a, b = sys.argv[1].split(), sys.argv[2].split()
r = [float(x) / float(y) for x, y in zip(a, b) if float(y)]
print(f"{statistics.median(r):.2f}" if r and len(a) == len(b) else "n/a")' "$1" "$2"; }
DEPOT_HELLO=$(median "${R_DEPOT[@]}") DEPOT_HELLO_CPU=$(median "${R_DEPOT_CPU[@]}")
NGINX_HELLO=$(median "${R_NGINX[@]}")
PG_HELLO=$(median "${R_PG[@]}") PG_HELLO_CPU=$(median "${R_PG_CPU[@]}")
QHS_HELLO=$(median "${R_QHS[@]}")
JSON_NGINX=$(paired "${R_DEPOT[*]}" "${R_NGINX[*]}")
PG_NGINX=$(paired "${R_PG[*]}" "${R_NGINX[*]}")
JSON_QHS=$(paired "${R_DEPOT[*]}" "${R_QHS[*]}")
PG_QHS=$(paired "${R_PG[*]}" "${R_QHS[*]}")
echo "bench: rounds: nginx ${R_NGINX[*]}; SQLite ${R_DEPOT[*]}; PostgreSQL ${R_PG[*]}; ceiling ${R_QHS[*]}"
MOCKOON_HELLO=n/a
[ -n "$MOCKOON" ] && MOCKOON_HELLO=$(rps "http://127.0.0.1:$MOCKOON_PORT/hello")
WIREMOCK_HELLO=n/a
if [ -n "$WIREMOCK" ]; then
    wrk -t2 -c"$CONNECTIONS" -d3s "http://127.0.0.1:$WIREMOCK_PORT/hello" >/dev/null # the JIT warms up
    WIREMOCK_HELLO=$(rps "http://127.0.0.1:$WIREMOCK_PORT/hello")
fi
JSONSERVER_HELLO=n/a
[ -n "$JSONSERVER" ] && JSONSERVER_HELLO=$(rps "http://127.0.0.1:$JSONSERVER_PORT/hello")
read -r DEPOT_HEALTH DEPOT_HEALTH_CPU < <(served "$DEPOT_PID" "$D/healthz")
# the 4th rule matches: all four are tried; then the plain mock again, next to the rules run
read -r DEPOT_RULES DEPOT_RULES_CPU < <(served "$DEPOT_PID" "$D/u/bench/rules?page=2")
read -r DEPOT_PLAIN2 DEPOT_PLAIN2_CPU < <(served "$DEPOT_PID" "$D/u/bench/hello")
MOCK_RSS=$(rss_kb $DEPOT_PID)
read -r DEPOT_ME DEPOT_ME_CPU < <(served "$DEPOT_PID" "$D/api/v1/me" -H "$AUTH")
PG_HEALTH=n/a PG_ME=n/a PG_HEALTH_CPU=n/a PG_ME_CPU=n/a
if [ -n "$P" ]; then
    echo "bench: PostgreSQL"
    read -r PG_HEALTH PG_HEALTH_CPU < <(served "$PG_PID" "$P/healthz")
    read -r PG_ME PG_ME_CPU < <(served "$PG_PID" "$P/api/v1/me" -H "Authorization: Bearer $PG_TOKEN")
fi
echo "bench: 1 MiB and 100 KiB files"
DEPOT_FILE=$(mbps "$D/u/bench/file")
NGINX_FILE=$(mbps "http://127.0.0.1:$NGINX_PORT/file")
DEPOT_FILE100K=$(mbps "$D/u/bench/file100k")
NGINX_FILE100K=$(mbps "http://127.0.0.1:$NGINX_PORT/file100k")
FILE_RSS=$(rss_kb $DEPOT_PID)
FILE_HWM=$(hwm_kb $DEPOT_PID)
measure_scripts
echo "bench: 1,000 concurrent clients on a 100 ms latency mock"
LAT=$(wrk -t2 -c1000 -d"${DURATION}s" --timeout 5s --latency "$D/u/bench/slow")
LAT_P50=$(echo "$LAT" | awk '$1=="50%" {print $2}')
LAT_P99=$(echo "$LAT" | awk '$1=="99%" {print $2}')
LAT_RPS=$(echo "$LAT" | awk '/Requests\/sec/ {print int($2)}')
LAT_ERR=$(echo "$LAT" | awk '/Socket errors|Non-2xx/ {print}' | tr '\n' ' ')
echo "bench: 10 GB announced upload"
BEFORE=$(rss_kb $DEPOT_PID)
head -c $((256 * 1024 * 1024)) /dev/zero | curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Length: 10737418240' \
    --data-binary @- "$D/api/v1.0/file" > "$WORK/upload.code" || true
AFTER=$(rss_kb $DEPOT_PID)
PEAK=$(hwm_kb $DEPOT_PID)

ratio() { python3 -c "import sys
try: a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}' if b else 'n/a')
except ValueError: print('n/a')" "$1" "$2"; }
ms() { python3 -c "import sys; v=sys.argv[1]; print('n/a' if not v else round(float(v[:-2]) if v.endswith('ms') else float(v[:-2])/1000 if v.endswith('us') else float(v[:-1])*1000 if v.endswith('s') else float(v), 1))" "$1"; }
STAMP=$(date -u +%Y-%m-%dT%H:%MZ)
HISTORY="$ROOT/bench/history.csv"
[ -f "$HISTORY" ] || echo "run,metric,value" > "$HISTORY"
{
    echo "$STAMP,json/nginx,$JSON_NGINX"
    echo "$STAMP,json PostgreSQL/nginx,$PG_NGINX"
    echo "$STAMP,json/qhs-ceiling,$JSON_QHS"
    echo "$STAMP,json PostgreSQL/qhs-ceiling,$PG_QHS"
    echo "$STAMP,me PostgreSQL/healthz,$(ratio "$PG_ME" "$PG_HEALTH")"
    echo "$STAMP,rules/plain mock,$(ratio "$DEPOT_RULES" "$DEPOT_PLAIN2")"
    echo "$STAMP,json/Mockoon,$(ratio "$DEPOT_HELLO" "$MOCKOON_HELLO")"
    echo "$STAMP,json/WireMock,$(ratio "$DEPOT_HELLO" "$WIREMOCK_HELLO")"
    echo "$STAMP,json/json-server,$(ratio "$DEPOT_HELLO" "$JSONSERVER_HELLO")"
    echo "$STAMP,1MiB/nginx,$(ratio "$DEPOT_FILE" "$NGINX_FILE")"
    echo "$STAMP,100KiB/nginx,$(ratio "$DEPOT_FILE100K" "$NGINX_FILE100K")"
    echo "$STAMP,script c8 req/s /300,$(ratio "$SCRIPT_RPS" 300)"
    echo "$STAMP,latency mock req/s /8000,$(ratio "$LAT_RPS" 8000)"
} >> "$HISTORY"
python3 "$ROOT/bench/chart.py" "$HISTORY" "$ROOT/bench/ratios.svg"

cat > "$ROOT/bench/results.md" <<RESULTS
# Benchmark results

$STAMP, $(nproc) cores, wrk on the same machine (loopback), ${DURATION}s per run,
depot-server ($BUILD_TYPE build) with $(nproc) workers and request logging off.
Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: compare ratios, not absolute numbers).

| test | depot-server | nginx | Mockoon | WireMock | json-server | depot / nginx | depot / Mockoon | depot / WireMock | depot / json-server |
|---|---|---|---|---|---|---|---|---|---|
| small JSON mock, requests/s ($CONNECTIONS conns) | $DEPOT_HELLO | $NGINX_HELLO | $MOCKOON_HELLO | $WIREMOCK_HELLO | $JSONSERVER_HELLO | $JSON_NGINX | $(ratio "$DEPOT_HELLO" "$MOCKOON_HELLO") | $(ratio "$DEPOT_HELLO" "$WIREMOCK_HELLO") | $(ratio "$DEPOT_HELLO" "$JSONSERVER_HELLO") |
| /healthz, requests/s | $DEPOT_HEALTH | | | | | | | | |
| 1 MiB file, MB/s (16 conns) | $DEPOT_FILE | $NGINX_FILE (sendfile) | | | | $(ratio "$DEPOT_FILE" "$NGINX_FILE") | | | |
| 100 KiB file, MB/s (16 conns) | $DEPOT_FILE100K | $NGINX_FILE100K (sendfile) | | | | $(ratio "$DEPOT_FILE100K" "$NGINX_FILE100K") | | | |

RSS after the file runs: $((FILE_RSS / 1024)) MiB (peak so far $((FILE_HWM / 1024)) MiB; target < 100 MiB).

| test | requests/s | p50 ms | p99 ms | 503s | CPU ms per run: server + sandboxes / machine | target |
|---|---|---|---|---|---|---|
| sandboxed script, 8 concurrent clients (default --script-concurrency, --script-queue, --script-warm) | $SCRIPT_RPS | $(ms "$SCRIPT_P50") | $(ms "$SCRIPT_P99") | $SCRIPT_503 | $SCRIPT_CPU / $SCRIPT_MACHINE_CPU | ≥ 300/s, p99 < 100 ms, no 503 |
| 1,000 concurrent clients on a 100 ms latency mock | $LAT_RPS | $(ms "$LAT_P50") | $(ms "$LAT_P99") | | | ≥ 8,000/s (ideal 10,000), p99 < 150 ms |

$LAT_ERR

Memory: RSS $((BASE_RSS / 1024)) MiB after set-up; a client announcing 10 GB and streaming 256 MiB got
HTTP $(cat "$WORK/upload.code") with RSS $((BEFORE / 1024)) → $((AFTER / 1024)) MiB (peak of the whole run $((PEAK / 1024)) MiB).

The mock path (issue 11; same run, $CONNECTIONS connections):

| test | requests/s | ratio | server CPU µs/request | target |
|---|---|---|---|---|
| small JSON mock, SQLite / nginx | $DEPOT_HELLO | $JSON_NGINX | $DEPOT_HELLO_CPU | ≥ 0.6 |
| small JSON mock, PostgreSQL / nginx | $PG_HELLO | $PG_NGINX | $PG_HELLO_CPU | ≥ 0.6 |
| small JSON mock, SQLite / QHttpServer ceiling (qhs-ceiling: $QHS_HELLO) | $DEPOT_HELLO | $JSON_QHS | | |
| small JSON mock, PostgreSQL / QHttpServer ceiling | $PG_HELLO | $PG_QHS | | |
| /healthz, SQLite / PostgreSQL server | $DEPOT_HEALTH / $PG_HEALTH | | $DEPOT_HEALTH_CPU / $PG_HEALTH_CPU | |
| /api/v1/me, SQLite / its /healthz | $DEPOT_ME | $(ratio "$DEPOT_ME" "$DEPOT_HEALTH") | $DEPOT_ME_CPU | |
| /api/v1/me, PostgreSQL / its /healthz | $PG_ME | $(ratio "$PG_ME" "$PG_HEALTH") | $PG_ME_CPU | ≥ 0.5 |
| rule-matching mock (4 rules tried) / plain mock ($DEPOT_PLAIN2, $DEPOT_PLAIN2_CPU µs) | $DEPOT_RULES | $(ratio "$DEPOT_RULES" "$DEPOT_PLAIN2") | $DEPOT_RULES_CPU | ≥ 0.8 |

Requests/s move with whatever else the machine runs. The mock on SQLite and on PostgreSQL, nginx
and the ceiling are measured in turns, $ROUNDS rounds of ${DURATION}s each (figures: medians of the
rounds; ratios: medians of each round's own ratio). Rounds, requests/s: nginx ${R_NGINX[*]};
SQLite ${R_DEPOT[*]}; PostgreSQL ${R_PG[*]}; ceiling ${R_QHS[*]}. The CPU column is the server's
own cost per answer and the steadier figure.

RSS right after the mock runs: $((MOCK_RSS / 1024)) MiB (target < 60 MiB).

## Ratios of every run (bench/history.csv)

![ratios of every run](ratios.svg)

$(python3 "$ROOT/bench/chart.py" --table "$HISTORY")
RESULTS
cat "$ROOT/bench/results.md"
