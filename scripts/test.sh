#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, starts a throw-away PostgreSQL and runs
# every test (unit, integration against real depot-server processes on SQLite and PostgreSQL,
# bubblewrap sandboxes, a local image server, and the desktop client offscreen).
# Extra arguments go to ctest (e.g. -R drop). Exits with ctest's status.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
scripts/setup.sh
export DEPOT_TEST_PG_URL
DEPOT_TEST_PG_URL=$("$ROOT/scripts/start-postgres.sh")
export DEPOT_REQUIRE_PG=1 # PostgreSQL rows must run, never be skipped
trap '"$ROOT/scripts/stop-postgres.sh" || true' EXIT
set +e
# A failed test runs once more: a timing test that loses to a busy machine passes the second
# time, a real failure fails twice (the first failure stays in the output).
(cd "$ROOT/build" && ctest --output-on-failure --timeout 900 -j"${DEPOT_TEST_JOBS:-2}" \
    --repeat until-pass:2 "$@")
status=$?
# The Debian packages (installer/test-package.sh) change the machine: only when asked (CI).
if [ "$status" -eq 0 ] && [ "${DEPOT_TEST_PACKAGE:-0}" = 1 ] && [ "$(id -u)" -eq 0 ]; then
    "$ROOT/installer/test-package.sh" "$ROOT/build"
    status=$?
fi
set -e
exit $status
