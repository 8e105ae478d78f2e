#!/usr/bin/env bash
# Why there is no ThreadSanitizer build (tests/sanitizers/README.md): builds
# tests/sanitizers/tsan_probe.cpp (depot-server's cross-thread patterns, race-free) with
# -fsanitize=thread against the system Qt and counts TSan's reports, without and with
# suppressions for Qt's libraries, on the race-free run and on one with a real race added.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$(mktemp -d)}
mkdir -p "$OUT"
QT="Qt6Core Qt6Concurrent"
g++ -std=c++17 -g -O1 -fsanitize=thread -fPIC -I"$ROOT/server" $(pkg-config --cflags $QT) \
    "$ROOT/tests/sanitizers/tsan_probe.cpp" -o "$OUT/tsan_probe" $(pkg-config --libs $QT)
# What silencing Qt would take: any report with a frame in Qt's libraries.
printf 'race:libQt6Core.so\nrace:libQt6Concurrent.so\nrace:libglib-2.0.so\ncalled_from_lib:libQt6Core.so\n' >"$OUT/qt.supp"
for supp in none qt; do
    for mode in race-free race; do
        opts="halt_on_error=0"
        [ "$supp" = qt ] && opts="$opts suppressions=$OUT/qt.supp"
        arg=()
        [ "$mode" = race ] && arg=(race)
        TSAN_OPTIONS="$opts" "$OUT/tsan_probe" "${arg[@]}" >"$OUT/$mode-$supp.log" 2>&1 || true
        printf '%-9s suppressions=%-4s reports=%s  (%s)\n' "$mode" "$supp" \
            "$(grep -c 'WARNING: ThreadSanitizer' "$OUT/$mode-$supp.log" || true)" \
            "$(tail -n 1 "$OUT/$mode-$supp.log")"
    done
done
echo "logs in $OUT"
