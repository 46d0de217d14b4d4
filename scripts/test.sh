#!/usr/bin/env bash
# Every test: the normal build and its tests, then the same under AddressSanitizer and
# UndefinedBehaviorSanitizer. Exits non-zero on the first failure.
#   BUILD_DIR       normal build directory (default build)
#   ASAN_BUILD_DIR  sanitizer build directory (default build-asan)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${BUILD_DIR:-build}
asan_build=${ASAN_BUILD_DIR:-build-asan}
export SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1

scripts/setup.sh

echo "== driver core: freestanding arm-none-eabi build"
scripts/driver-arm.sh

echo "== build: $build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPL08X_TESTS=ON
cmake --build "$build" -j2
# --no-tests=error: a build that registers no test must not pass as green.
ctest --test-dir "$build" --output-on-failure --no-tests=error -j2

# Issue 5 s3: the re-entry and terminate vectors (tagged sweep, vectors/driver/) over 1,000 seeds,
# each with the lock and DMA-API checkers attached and zero reports expected (about 30 s on 2
# cores); the sanitizer build below runs the first 100 seeds of the same sweep.
echo "== driver-level seed sweep: pl08x-run --tag sweep --seeds 1..1000"
"$build/bin/pl08x-run" -q -j2 --tag sweep --seeds 1..1000 --report-dir "$build/reports-sweep" vectors/

echo "== build with sanitizers: $asan_build"
cmake -S . -B "$asan_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPL08X_TESTS=ON -DPL08X_SANITIZE=ON
cmake --build "$asan_build" -j2
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir "$asan_build" --output-on-failure --no-tests=error -j2
echo "== driver-level seed sweep under sanitizers: pl08x-run --tag sweep --seeds 1..100"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$asan_build/bin/pl08x-run" -q -j2 --tag sweep --seeds 1..100 --report-dir "$asan_build/reports-sweep" vectors/
