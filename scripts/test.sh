#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, starts a throw-away PostgreSQL and runs
# every test (unit, integration against real depot-server processes on SQLite and PostgreSQL,
# bubblewrap sandboxes, a local image server, and the desktop client offscreen).
# Extra arguments go to ctest (e.g. -R drop).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DEPOT_TEST_PG_URL
DEPOT_TEST_PG_URL=$(scripts/start-postgres.sh)
export DEPOT_REQUIRE_PG=1
trap scripts/stop-postgres.sh EXIT
cd build
ctest --output-on-failure --timeout 900 -j"${DEPOT_TEST_JOBS:-2}" "$@"
