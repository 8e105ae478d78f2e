#!/usr/bin/env bash
# Builds the Debian packages, installs them on this machine, runs the installed server the way its
# systemd unit would (as the depot user, with the packaged configuration and the unit's ExecStart,
# hardening that can be had without systemd as PID 1), checks /readyz and a sandboxed script
# endpoint, then removes and purges and checks what is left. Needs root and a built tree.
#
#   installer/test-package.sh [BUILD_DIR]      (default: build)
#
# Exits non-zero at the first failed check. It changes this machine: it installs depot-server and
# depot-client, creates the depot user, and purges both at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
OUT="$BUILD/packages"
LOG=$(mktemp -d /tmp/depot-package-test.XXXXXX)
SERVER_PID=""
PYTHON=/usr/bin/python3

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
check() { # check "what" command...
    local what=$1; shift
    if "$@"; then printf 'ok   %s\n' "$what"; else fail "$what"; fi
}
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "${KEEP_INSTALLED:-0}" != 1 ]; then
        dpkg -P depot-server depot-client >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || fail "run as root (it installs packages)"

step "build and package"
cmake --build "$BUILD" -j2 --target depot-server depot-client depot_package_changelog
rm -rf "$OUT"
(cd "$BUILD" && cpack -G DEB -B "$OUT" >"$LOG/cpack.log") || { cat "$LOG/cpack.log"; fail "cpack"; }
SERVER_DEB=$(ls "$OUT"/depot-server_*.deb)
CLIENT_DEB=$(ls "$OUT"/depot-client_*.deb)
ls -l "$SERVER_DEB" "$CLIENT_DEB"

step "package metadata"
server_depends=$(dpkg-deb -f "$SERVER_DEB" Depends)
echo "depot-server Depends: $server_depends"
echo "depot-server Recommends: $(dpkg-deb -f "$SERVER_DEB" Recommends)"
echo "depot-client Depends: $(dpkg-deb -f "$CLIENT_DEB" Depends)"
for dep in libqt6sql6-sqlite bubblewrap python3 adduser; do
    check "depot-server depends on $dep" grep -q "\b$dep\b" <<<"$server_depends"
done
check "depot-client depends on libqt6websockets6" \
    grep -q libqt6websockets6 <<<"$(dpkg-deb -f "$CLIENT_DEB" Depends)"
check "depot-server does not depend on Qt Widgets" bash -c "! grep -qi widgets <<<'$server_depends'"
check "depot-server recommends libqt6sql6-psql" \
    grep -q libqt6sql6-psql <<<"$(dpkg-deb -f "$SERVER_DEB" Recommends)"
check "depot-client recommends qt6-translations-l10n" \
    grep -q qt6-translations-l10n <<<"$(dpkg-deb -f "$CLIENT_DEB" Recommends)"
check "depot.ini is a conffile" \
    grep -qx /etc/depot/depot.ini <(dpkg-deb --ctrl-tarfile "$SERVER_DEB" | tar -xO ./conffiles)
check "maintainer is not a placeholder" bash -c \
    "! dpkg-deb -f '$SERVER_DEB' Maintainer | grep -q localhost"

if command -v lintian >/dev/null; then
    step "lintian"
    lintian --tag-display-limit 0 "$SERVER_DEB" "$CLIENT_DEB" | tee "$LOG/lintian.txt" || true
    check "lintian reports no errors" bash -c "! grep -q '^E:' '$LOG/lintian.txt'"
else
    echo "lintian not installed: skipped (apt-get install lintian)"
fi

step "install"
dpkg -P depot-server depot-client >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "$SERVER_DEB" "$CLIENT_DEB" >"$LOG/apt.log" 2>&1 || { cat "$LOG/apt.log"; fail "apt-get install"; }
check "depot user exists" getent passwd depot
check "depot user is a system user without a login shell" \
    bash -c '[ "$(getent passwd depot | cut -d: -f7)" = /usr/sbin/nologin ]'
check "/var/lib/depot is depot's, mode 700" \
    bash -c '[ "$(stat -c %U:%a /var/lib/depot)" = depot:700 ]'
check "depot.ini readable by root and depot only" \
    bash -c '[ "$(stat -c %U:%G:%a /etc/depot/depot.ini)" = root:depot:640 ]'
check "installed binaries are stripped" \
    bash -c 'file -L /usr/bin/depot-server /usr/bin/depot-client | grep -c ", stripped" | grep -qx 2'
check "depot-server loads no Qt Widgets" bash -c '! ldd /usr/bin/depot-server | grep -qi widgets'
check "unit installed" test -f /lib/systemd/system/depot-server.service
WANTS=/etc/systemd/system/multi-user.target.wants/depot-server.service
if command -v deb-systemd-helper >/dev/null; then
    check "unit enabled on first installation" test -L "$WANTS"
fi
if command -v systemd-analyze >/dev/null; then
    score=$(systemd-analyze security --offline=yes /lib/systemd/system/depot-server.service 2>/dev/null |
        sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
    echo "systemd-analyze security: $score"
    check "unit exposure <= 4.0" "$PYTHON" -c "import sys; sys.exit(0 if float('$score') <= 4.0 else 1)"
fi

step "run the installed server as the unit would"
unit=/lib/systemd/system/depot-server.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
user=$(sed -n 's/^User=//p' "$unit")
umask_value=$(sed -n 's/^UMask=//p' "$unit")
nofile=$(sed -n 's/^LimitNOFILE=//p' "$unit")
echo "ExecStart=$exec_start User=$user UMask=$umask_value LimitNOFILE=$nofile"
# /etc/default/depot is the unit's EnvironmentFile: listen on a free port so parallel runs and
# other servers on this machine do not collide.
cat >/etc/default/depot <<'EOF'
DEPOT_LISTEN=127.0.0.1:0
DEPOT_KDF_ITERATIONS=1000
EOF
set -a; . /etc/default/depot; set +a
# What systemd would do without PID 1: the user, the umask, the fd limit, no new privileges and
# an empty capability bounding set (the unit's NoNewPrivileges / CapabilityBoundingSet=).
(
    umask "$umask_value"
    # A container's hard limit may be lower than the unit's: take what is allowed.
    ulimit -n "$nofile" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
    cd /
    # systemd starts a service with a clean environment plus its EnvironmentFile: so does this
    # (the caller's DEPOT_* variables, e.g. the test suite's, are not depot-server options).
    exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        $(grep -E '^[A-Z_]+=' /etc/default/depot) \
        setpriv --reuid="$user" --regid="$user" --init-groups --no-new-privs \
        --bounding-set=-all --inh-caps=-all $exec_start
) >"$LOG/server.out" 2>"$LOG/server.err" &
SERVER_PID=$!
for _ in $(seq 100); do
    grep -q "listening on" "$LOG/server.out" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$LOG/server.err"; fail "server exited"; }
    sleep 0.1
done
BASE=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$LOG/server.out")
[ -n "$BASE" ] || { cat "$LOG/server.err"; fail "no listening line"; }
echo "server at $BASE (pid $SERVER_PID)"
check "server runs as $user" bash -c "[ \"\$(ps -o user= -p $SERVER_PID)\" = '$user' ]"
check "sandbox self-test passed" grep -q "script sandbox self-test passed" "$LOG/server.err"
check "/readyz answers 200" bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' $BASE/readyz)\" = 200 ]"
check "database created in /var/lib/depot" test -f /var/lib/depot/depot.sqlite
check "database file is private (umask 0077)" \
    bash -c '[ "$(stat -c %U:%a /var/lib/depot/depot.sqlite)" = depot:600 ]'

curl -s -X POST "$BASE/api/v1/users" -d '{"username":"operator","password":"package-test-pw"}' >/dev/null
TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/token" \
    -d '{"username":"operator","password":"package-test-pw"}' |
    "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["token"])')
cat >"$LOG/probe.py" <<'EOF'
import os, socket
print("Content-Type: text/plain")
print()
# The server's own port, reachable from the host: refused in the sandbox's network namespace.
host, port = os.environ["HTTP_HOST"].rsplit(":", 1)
try:
    socket.create_connection(("127.0.0.1", int(port)), timeout=1).close()
    net = "network"
except OSError:
    net = "no-network"
print("data-visible" if os.path.exists("/var/lib/depot") else "data-hidden", net,
      "uid", os.getuid())
EOF
chmod 644 "$LOG/probe.py"
code=$(curl -s -o "$LOG/create.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -X POST "$BASE/api/v1/endpoints" -F identifier=probe.py -F kind=script -F method=GET \
    -F "file=@$LOG/probe.py")
check "script endpoint created (201)" [ "$code" = 201 ]
probe=$(curl -s "$BASE/u/operator/probe.py")
echo "script answered: $probe"
check "script ran in the sandbox (no data dir, no network)" \
    grep -q "^data-hidden no-network" <<<"$probe"

kill -TERM "$SERVER_PID"
wait "$SERVER_PID" && status=0 || status=$?
SERVER_PID=""
check "server stopped cleanly on SIGTERM" [ "$status" = 0 ]
rm -f /etc/default/depot

step "remove keeps data, configuration and the user"
echo "; edited by the operator" >>/etc/depot/depot.ini
dpkg -r depot-server >/dev/null
check "binary gone" test ! -e /usr/bin/depot-server
check "unit gone" test ! -e /lib/systemd/system/depot-server.service
check "edited configuration kept" grep -q "edited by the operator" /etc/depot/depot.ini
check "data kept" test -f /var/lib/depot/depot.sqlite
check "user kept" getent passwd depot

step "reinstall (upgrade path) keeps the edited configuration"
dpkg -i "$SERVER_DEB" >/dev/null
check "edited configuration still there" grep -q "edited by the operator" /etc/depot/depot.ini
check "data still there" test -f /var/lib/depot/depot.sqlite
if command -v deb-systemd-helper >/dev/null; then
    check "unit enabled again (it was enabled before)" test -L "$WANTS"
    step "an upgrade does not re-enable a unit the admin disabled"
    rm -f "$WANTS" # what `systemctl disable depot-server` does
    dpkg -i "$SERVER_DEB" >/dev/null
    check "unit still disabled after the upgrade" test ! -e "$WANTS"
fi

step "purge removes data, configuration and the user"
dpkg -P depot-server depot-client >/dev/null
check "package forgotten" bash -c '! dpkg-query -W depot-server >/dev/null 2>&1'
check "/var/lib/depot gone" test ! -e /var/lib/depot
check "/etc/depot gone" test ! -e /etc/depot
check "user gone" bash -c '! getent passwd depot'
check "group gone" bash -c '! getent group depot'
check "client gone" test ! -e /usr/bin/depot-client
leftover=$(find /usr /etc /var/lib -path /proc -prune -o -name '*depot*' -print 2>/dev/null |
    grep -v -e "^$ROOT" -e /var/lib/dpkg/ -e /var/lib/apt/ -e "^/work" || true)
[ -z "$leftover" ] || echo "left on the system: $leftover"
check "nothing of the packages left" [ -z "$leftover" ]

printf '\nALL PACKAGE CHECKS PASSED (logs: %s)\n' "$LOG"
