#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer
# (LeakSanitizer included): configures BUILD (default build-asan) with
# -DNEWSCLEAN_SANITIZE=ON, builds, runs ctest there. Any sanitizer report
# fails the run. usage: tests/sanitize.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
start=$(date +%s)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSCLEAN_SANITIZE=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
built=$(date +%s)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# The hostile cases measure time and memory of a plain build; under the
# sanitizers they check the messages and outputs only (shadow memory and
# slower code make the limits meaningless there).
# The two biggest inputs are smaller there too (the sizes are checked at
# full scale by the plain run).
export NEWSCLEAN_HOSTILE_NO_LIMITS=1 HOSTILE_BIG_MB=50 HOSTILE_JSON_MB=10 HOSTILE_RECORDS=5000
ctest --test-dir "$build" --output-on-failure
end=$(date +%s)
echo "sanitize: build $((built - start)) s, tests $((end - built)) s, total $((end - start)) s"
