#!/usr/bin/env bash
# The unit, integration and fuzz-regression tests again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DDEPOT_SANITIZE=ON, build-asan/). .ci/run runs it after
# scripts/test.sh; it expects what scripts/setup.sh installs. Extra arguments go to ctest.
#
# What it covers (tests/sanitizers/README.md has the measured times): depot-server and every unit,
# integration and fuzz-regression test. The desktop client's widget tests (label client) are left
# out by default: they add the client and 15 more test programs to the build and drive Qt Widgets
# offscreen, whose code is mostly Qt's; DEPOT_SANITIZE_CLIENT=1 builds and runs them too.
# translations/complete and layout/includes run no code of ours and are left out.
#
# Any sanitizer report fails the test that triggered it: a report in a test program makes it exit
# non-zero, and the depot-server processes the tests start are sanitized too (TestServer fails the
# test when a server's log holds a report, a leak found when it exits after SIGTERM included).
# LeakSanitizer suppressions: tests/sanitizers/lsan.supp (library bookkeeping only, commented).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${DEPOT_ASAN_BUILD_DIR:-build-asan}
LAUNCHER=()
if command -v ccache >/dev/null; then
    LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}
fi
if [ ! -f "$BUILD/build.ninja" ]; then
    cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEPOT_SANITIZE=ON \
        "${LAUNCHER[@]}" >/dev/null
fi

# Only what the chosen tests run: one test program per tests/<group>/tst_<name>.cpp.
labels="unit|integration|fuzz"
groups=(unit integration)
targets=(depot-server)
if [ "${DEPOT_SANITIZE_CLIENT:-0}" = 1 ]; then
    labels="$labels|client"
    groups+=(client)
    targets+=(depot-client)
fi
for group in "${groups[@]}"; do
    for src in tests/"$group"/tst_*.cpp; do
        targets+=("$(basename "$src" .cpp)")
    done
done
# The fuzz targets' regression runners (fuzz/CMakeLists.txt names them fuzz_<name>_regress).
while read -r name; do
    targets+=("fuzz_${name}_regress")
done < <(sed -n 's/^set(DEPOT_FUZZ_TARGETS \(.*\))$/\1/p' fuzz/CMakeLists.txt | tr ' ' '\n')
cmake --build "$BUILD" -j"${DEPOT_BUILD_JOBS:-$(nproc)}" --target "${targets[@]}"

# The fast unwinder (the default) records allocation stacks: the full one
# (fast_unwind_on_malloc=0) made the password KDF about 20 times slower (OpenSSL allocates in its
# inner loop), and the KDF-heavy tests then timed out. OpenSSL, libpq and Qt are built without
# frame pointers, so a stack recorded in them ends at their first frame (lsan.supp says what that
# means for its entries); DEPOT_ASAN_FULL_STACKS=1 records full stacks to look into a report.
# detect_stack_use_after_return stays off: it moves every frame to the heap (slow), and the
# event-loop code keeps no pointers to locals across returns.
unwind=""
[ "${DEPOT_ASAN_FULL_STACKS:-0}" = 1 ] && unwind=":fast_unwind_on_malloc=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0$unwind"
export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# The test cluster: stopped at the end only when this script started it (a developer's running
# cluster is left alone).
PGDIR=${DEPOT_PG_DIR:-/tmp/depot-test-pg}
started_pg=0
[ -f "$PGDIR/data/postmaster.pid" ] || started_pg=1
export DEPOT_TEST_PG_URL
DEPOT_TEST_PG_URL=$("$ROOT/scripts/start-postgres.sh")
[ "$started_pg" = 0 ] || trap '"$ROOT/scripts/stop-postgres.sh" || true' EXIT
export DEPOT_REQUIRE_PG=1
set +e
# As in test.sh, a failed test runs once more (a timing test may lose to the slower build).
(cd "$BUILD" && ctest --output-on-failure -j"${DEPOT_TEST_JOBS:-2}" --repeat until-pass:2 \
    -L "$labels" -E '^(translations|layout)/' "$@")
status=$?
set -e
exit $status
