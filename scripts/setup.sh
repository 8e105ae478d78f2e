#!/usr/bin/env bash
# Installs what the build and the tests need (Debian 12) when it is missing, then configures and
# builds Depot into ./build. Safe to run again: it only does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-sqlite libqt6sql6-psql
    qt6-l10n-tools qt6-tools-dev libgl-dev libssl-dev libre2-dev libsqlite3-dev libpq-dev
    qt6-translations-l10n qtkeychain-qt6-dev libqt6svg6
    postgresql bubblewrap python3 curl
    chromium
    # the API contract and client-matrix tests (tst_apicontract, tst_apiexamples, tst_clientmatrix)
    python3-yaml python3-requests wget apache2-utils nghttp2-client nodejs
    # TLS, metrics and package tests (tst_tls, tst_observability, installer/test-package.sh)
    openssl python3-prometheus-client lintian file fakeroot
    # the sanitizer build (scripts/test-sanitized.sh) caches its compiles
    ccache
)

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The browser test (tests/browser) drives chromium with puppeteer-core from npm: Node.js and npm
# from Debian unless a node is already installed, then the locked packages.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "setup: installing nodejs npm"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [ ! -d tests/browser/node_modules/puppeteer-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

BUILD_TYPE=${DEPOT_BUILD_TYPE:-RelWithDebInfo}
if [ ! -f build/build.ninja ]; then
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
fi
cmake --build build -j"${DEPOT_BUILD_JOBS:-$(nproc)}"
