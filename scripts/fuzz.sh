#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/) and runs each for SECONDS (default 60).
# New inputs go to build-fuzz/corpus/<target>/ (seeded from fuzz/corpus/<target>/); an input that
# crashes a target or breaks one of its properties is copied to fuzz/regressions/<target>/,
# which every normal build runs as a test (ctest -L fuzz). Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SECONDS_EACH=${1:-60}
shift || true
PACKAGES=(clang libfuzzer-14-dev)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    TARGETS=($(sed -n 's/^set(DEPOT_FUZZ_TARGETS \(.*\))$/\1/p' fuzz/CMakeLists.txt))
fi
LAUNCHER=()
if command -v ccache >/dev/null; then
    LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR="$ROOT"
fi
if [ ! -f build-fuzz/build.ninja ]; then
    cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDEPOT_FUZZ=ON \
        -DDEPOT_BUILD_TESTS=OFF -DCMAKE_CXX_COMPILER=clang++ "${LAUNCHER[@]}" >/dev/null
fi
cmake --build build-fuzz -j"$(nproc)" --target "${TARGETS[@]/#/fuzz_}"
status=0
for t in "${TARGETS[@]}"; do
    corpus=build-fuzz/corpus/$t
    artifacts=build-fuzz/artifacts/$t
    mkdir -p "$corpus" "$artifacts" "fuzz/regressions/$t"
    rm -f "$artifacts"/* # earlier runs' finds are in fuzz/regressions already
    cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
    echo "== $t for ${SECONDS_EACH}s"
    set +e
    ASAN_OPTIONS=detect_leaks=0 build-fuzz/fuzz/fuzz_"$t" -max_total_time="$SECONDS_EACH" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" 2>&1 | tee "build-fuzz/$t.log" | grep -E "^(stat::number_of_executed_units|==|SUMMARY|property failed)" 
    result=${PIPESTATUS[0]}
    set -e
    for crash in "$artifacts"/*; do
        [ -f "$crash" ] || continue
        cp "$crash" "fuzz/regressions/$t/" && echo "kept $crash in fuzz/regressions/$t/"
        status=1
    done
    [ "$result" -eq 0 ] || status=1
done
exit $status
