#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, build-fuzz), makes the seed corpus and
# runs one target for SECONDS, at low priority. A crash input lands in
# fuzz/crashes/TARGET/; the corpus grows in fuzz/corpus/TARGET/.
#   usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
#   TARGET: text | html | rules | jsonl
# Prints executions per second at the end (from libFuzzer's final stats).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
shift 2
build=${NEWSCLEAN_FUZZ_BUILD:-build-fuzz}
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNEWSCLEAN_FUZZ=ON -DNEWSCLEAN_TESTS=OFF >/dev/null
fi
# NEWSCLEAN_FUZZ_NO_BUILD=1: run the binary as it is (while the tree moves).
[ -n "${NEWSCLEAN_FUZZ_NO_BUILD:-}" ] || nice -n 19 cmake --build "$build" --target "fuzz_$target" -j"$(nproc)" >/dev/null
[ -d "fuzz/corpus/$target" ] || fuzz/make_corpus.sh >/dev/null
mkdir -p "fuzz/crashes/$target"
dict=()
[ -f "fuzz/$target.dict" ] && dict=(-dict="fuzz/$target.dict")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
log="fuzz/crashes/$target/last-run.log"
status=0
nice -n 19 "$build/fuzz/fuzz_$target" "fuzz/corpus/$target" "${dict[@]}" \
  -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=2048 \
  -artifact_prefix="fuzz/crashes/$target/" -print_final_stats=1 "$@" 2>"$log" || status=$?
grep -E 'stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|^(==|SUMMARY|artifact)' "$log" || true
tail -n 1 "$log" | grep -q 'Done' || true
echo "fuzz_$target: ${seconds}s, exit $status (log: $log)"
exit "$status"
