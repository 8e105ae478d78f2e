#!/usr/bin/env bash
# The unit, integration and fuzz-regression tests again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan/). Run by .ci/run after scripts/test.sh; expects what
# scripts/setup.sh installs. Any sanitizer report fails the test that triggered it (the servers
# the tests start are sanitized too: a report makes them exit non-zero, which the tests check).
# Leaks reported in Qt or system libraries are suppressed in tests/sanitizers/lsan.supp.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LAUNCHER=()
if command -v ccache >/dev/null; then
    LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR="$ROOT"
fi
if [ ! -f build-asan/build.ninja ]; then
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEPOT_SANITIZE=ON \
        "${LAUNCHER[@]}" >/dev/null
fi
cmake --build build-asan -j"${DEPOT_BUILD_JOBS:-$(nproc)}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0"
export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export DEPOT_TEST_PG_URL
DEPOT_TEST_PG_URL=$("$ROOT/scripts/start-postgres.sh")
export DEPOT_REQUIRE_PG=1
set +e
# As in test.sh, a failed test runs once more (a timing test may lose to the slower build).
(cd build-asan && ctest --output-on-failure --timeout 1800 -j"${DEPOT_TEST_JOBS:-2}" \
    --repeat until-pass:2 -L "unit|integration|fuzz" "$@")
status=$?
set -e
exit $status
