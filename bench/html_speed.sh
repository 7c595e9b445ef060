#!/bin/bash
# Speed and memory of HTML mode, beside a plain gumbo_parse of the same pages.
#
# usage: bench/html_speed.sh [--reps N] [--no-pin] [BUILD_DIR] [PAGES_DIR]
#   BUILD_DIR  a configured build tree (default: build); newsclean and the
#              gumbo_parse_baseline target are built in it if missing
#   PAGES_DIR  folder of *.html pages (default: ../shared/bench/dev)
#   --reps N   timed repetitions of each command, round-robin (default 3)
#   --no-pin   do not pin to one core
#
# Both commands are one process over all the pages, on one core (taskset -c 0):
#   gumbo      gumbo_parse_baseline FILE...          read each page, gumbo_parse, free
#   newsclean  newsclean --html FILE... > /dev/null  the whole pipeline, built-in rules
# The table gives the best and the median CPU time (user+sys: a shared, busy machine
# does not distort it as it does wall time), the best wall time, pages/s and MB/s
# (10^6 bytes of input per CPU second) of the best run, and the ratio of newsclean's throughput to
# gumbo_parse's (above 1: newsclean is faster than Gumbo alone, thanks to the pre-pass).
# Peak RSS (/usr/bin/time %M) is measured for the largest page on its own, and for the
# whole run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
reps=3
pin=1
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --reps) reps=$2; shift 2 ;;
    --no-pin) pin=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
build=${args[0]:-$repo/build}
pages=${args[1]:-$repo/../shared/bench/dev}
[ -d "$pages" ] || { echo "html_speed.sh: no pages folder $pages" >&2; exit 2; }
[ -f "$build/CMakeCache.txt" ] || { echo "html_speed.sh: $build is not a configured build tree" >&2; exit 2; }
cmake --build "$build" --target newsclean gumbo_parse_baseline -j2 >/dev/null
nc=$build/newsclean
gp=$build/gumbo_parse_baseline

mapfile -t files < <(ls "$pages"/*.html | sort)
[ ${#files[@]} -gt 0 ] || { echo "html_speed.sh: no *.html in $pages" >&2; exit 2; }
bytes=$(cat "${files[@]}" | wc -c)
largest=$(ls -S "${files[@]}" | sed -n 1p)
pin_cmd=()
if [ $pin = 1 ] && command -v taskset >/dev/null; then pin_cmd=(taskset -c 0); fi

declare -A cpu wall
run() {  # name, command...
  local name=$1; shift
  local m
  m=$( { /usr/bin/time -f "%e %U %S" "${pin_cmd[@]}" "$@" >/dev/null; } 2>&1 | tail -1)
  wall[$name]+="$(echo "$m" | awk '{print $1}') "
  cpu[$name]+="$(echo "$m" | awk '{print $2 + $3}') "
}
# Warm the page cache, then time round-robin.
cat "${files[@]}" >/dev/null
for ((r = 0; r < reps; r++)); do
  run gumbo "$gp" "${files[@]}"
  run newsclean "$nc" --html "${files[@]}"
done

best() { tr " " "\n" | grep . | sort -g | sed -n 1p; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf "pages: %d in %s, %.1f MB; largest %s (%.2f MB)\n" ${#files[@]} "$pages" "$(echo "$bytes/1000000" | bc -l)" \
  "$(basename "$largest")" "$(echo "$(wc -c <"$largest")/1000000" | bc -l)"
echo "times in seconds, best of $reps; throughput from the best CPU time (user+sys, one core)"
printf "%-10s %8s %8s %10s %9s %8s %15s %11s\n" command cpu_best cpu_med wall_best pages/s MB/s rss_largest_KB rss_all_KB
declare -A best_t
for name in gumbo newsclean; do
  b=$(echo "${cpu[$name]}" | best)
  m=$(echo "${cpu[$name]}" | median)
  w=$(echo "${wall[$name]}" | best)
  best_t[$name]=$b
  if [ $name = gumbo ]; then cmd=("$gp"); else cmd=("$nc" --html); fi
  rss_one=$( { /usr/bin/time -f %M "${cmd[@]}" "$largest" >/dev/null; } 2>&1 | tail -1)
  rss_all=$( { /usr/bin/time -f %M "${cmd[@]}" "${files[@]}" >/dev/null; } 2>&1 | tail -1)
  printf "%-10s %8.3f %8.3f %10.3f %9.0f %8.1f %15s %11s\n" $name "$b" "$m" "$w" "$(echo "${#files[@]}/$b" | bc -l)" \
    "$(echo "$bytes/1000000/$b" | bc -l)" "$rss_one" "$rss_all"
done
printf "newsclean throughput / gumbo_parse throughput: %.2fx\n" "$(echo "${best_t[gumbo]}/${best_t[newsclean]}" | bc -l)"
