#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and runs depot-server on its embedded default
# (SQLite and files under ./data) with the seed's users from resources/users.txt.
# Extra arguments go to depot-server (see `build/server/depot-server --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
unset DEPOT_BUILD_TYPE DEPOT_BUILD_JOBS # settings of setup.sh, not of depot-server
exec build/server/depot-server --data-dir ./data --users-file resources/users.txt "$@"
