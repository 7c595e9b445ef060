#!/bin/bash
# Throughput and memory of text mode, beside cat and grep over the same bytes.
#
# usage: bench/throughput.sh [OPTIONS] [BINARY]      (default BINARY: build/newsclean)
#   --corpus PATH   keep the corpus at PATH (reused if it exists; delete it to rebuild);
#                   default: a temporary file, removed at the end
#   --size MB       corpus size in MB (10^6 bytes), at least 100 (default 110)
#   --slice MB      size of the small slice for the memory comparison (default 10)
#   --reps N        timed repetitions of each command (default 5)
#   --no-pin        do not pin to one core
#   --baseline BIN  also time BIN -z in the same round-robin, and print newsclean's
#                   best time over BIN's (a ratio measured side by side in one run)
#
# The corpus is built deterministically (same bytes on every run) from the articles of
# ../shared/bench/dev (*.reader.txt and *.page.txt) and fixtures/**/*.in.txt: each source
# is emitted many times, every copy after the first lightly varied (about one line in ten
# dropped, an occasional pair of adjacent body lines swapped, digits shifted), and the
# copies are shuffled, then NUL-separated into one file, so that the filter sees thousands
# of distinct articles in one process (`newsclean -z`).
#
# Commands are timed round-robin (cat, grep, newsclean, newsclean --no-default-rules, then
# again), so that a noisy neighbour hurts all of them alike. Two more rows split newsclean's
# time: --no-heuristics (rules only) and --no-heuristics --no-default-rules (reading,
# normalising, splitting into blocks and writing: what every setting pays); the table gives the BEST
# (fastest) and the MEDIAN repetition. MB/s are 10^6 bytes of input per wall-clock second.
# Ratios are newsclean's best time over the best time of cat and of grep.
# Peak RSS (/usr/bin/time %M) is shown for the full corpus and for a slice of it; since
# -z holds one document at a time, the two should be about equal.
#
# Exit status: 0 when every command ran (whatever the figures), 2 on usage error or when
# something could not be run. Nothing here judges the figures against targets.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
bin=$repo/build/newsclean
corpus=
size_mb=110
slice_mb=10
reps=5
pin=1
baseline=

die() { echo "throughput.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    --corpus) [ $# -ge 2 ] || die "--corpus needs a path"; corpus=$2; shift 2 ;;
    --size) [ $# -ge 2 ] || die "--size needs a number"; size_mb=$2; shift 2 ;;
    --slice) [ $# -ge 2 ] || die "--slice needs a number"; slice_mb=$2; shift 2 ;;
    --reps) [ $# -ge 2 ] || die "--reps needs a number"; reps=$2; shift 2 ;;
    --no-pin) pin=0; shift ;;
    --baseline) [ $# -ge 2 ] || die "--baseline needs a binary"; baseline=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) bin=$1; shift ;;
  esac
done
case $size_mb$slice_mb$reps in *[!0-9]*) die "--size, --slice and --reps take whole numbers" ;; esac
[ "$reps" -ge 1 ] || die "--reps must be at least 1"
[ "$size_mb" -ge 100 ] || echo "throughput.sh: note: --size $size_mb is below the 100 MB of the target" >&2
[ -x "$bin" ] || die "no executable at $bin (build first, or give the binary's path)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
command -v python3 >/dev/null || die "python3 is needed to build the corpus"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed for peak RSS"

bench=${BENCH_DIR:-$repo/../shared/bench}
export LC_ALL=C   # the same locale for every command; grep's fastest (byte) mode

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsclean-throughput.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
[ -n "$corpus" ] || corpus=$tmp/corpus.z
slice=$tmp/slice.z

pinned=()
if [ "$pin" = 1 ] && command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
  pinned=(taskset -c 0)
fi

# ---- corpus --------------------------------------------------------------------------
if [ ! -s "$corpus" ]; then
  python3 - "$corpus" "$slice" "$size_mb" "$slice_mb" "$bench/dev" "$repo/fixtures" <<'PY' || die "could not build the corpus"
import glob, os, sys, zlib
out_path, slice_path, size_mb, slice_mb, dev, fixtures = sys.argv[1:7]
target = int(size_mb) * 10**6
sources = sorted(glob.glob(os.path.join(dev, "*.reader.txt")) +
                 glob.glob(os.path.join(dev, "*.page.txt")) +
                 glob.glob(os.path.join(fixtures, "**", "*.in.txt"), recursive=True))
docs = []
for p in sources:
    b = open(p, "rb").read().replace(b"\0", b"")
    if b.strip():
        docs.append((os.path.relpath(p, dev), b))
if not docs:
    sys.exit("no source articles found under %s or %s" % (dev, fixtures))
base = sum(len(b) for _, b in docs)
copies = max(1, -(-target * 5 // (base * 4))) + 1   # variation drops ~10% of lines

def h(*parts):
    return zlib.crc32(":".join(map(str, parts)).encode())

def vary(name, text, k):
    if k == 0:
        return text
    lines = text.split(b"\n")
    kept = [l for i, l in enumerate(lines) if i == 0 or h(name, k, i, "d") % 10]
    for i in range(2, len(kept) - 2):          # never the headline, nor the end
        if h(name, k, i, "s") % 25 == 0:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    shift = bytes.maketrans(b"0123456789",
                            bytes((48 + (d + k) % 10) for d in range(10)))
    return b"\n".join(kept).translate(shift)

order = sorted(((h(name, k, "o"), k, i) for k in range(copies)
                for i, (name, _) in enumerate(docs)))
written = n = largest = 0
with open(out_path + ".part", "wb") as out, open(slice_path, "wb") as sl:
    sliced = 0
    for _, k, i in order:
        name, text = docs[i]
        doc = vary(name, text, k) + b"\0"
        out.write(doc)
        if sliced + len(doc) <= int(slice_mb) * 10**6:
            sl.write(doc)
            sliced += len(doc)
        written += len(doc)
        n += 1
        largest = max(largest, len(doc) - 1)
        if written >= target:
            break
os.rename(out_path + ".part", out_path)
print("corpus: %d articles from %d sources, %.1f MB, largest article %.1f KB"
      % (n, len(docs), written / 1e6, largest / 1e3))
PY
else
  # Reused corpus: cut the slice from it at a NUL boundary.
  python3 - "$corpus" "$slice" "$slice_mb" <<'PY' || die "could not read the corpus $corpus"
import sys
src, dst, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
cut = data.rfind(b"\0", 0, mb * 10**6) + 1
open(dst, "wb").write(data[:cut])
docs = data.split(b"\0")
print("corpus (reused): %d articles, %.1f MB, largest article %.1f KB"
      % (data.count(b"\0"), len(data) / 1e6, max(map(len, docs)) / 1e3))
PY
fi
bytes=$(stat -c %s "$corpus")
slice_bytes=$(stat -c %s "$slice")
ndocs=$(tr -cd '\0' < "$corpus" | wc -c)

# ---- sanity: newsclean runs and gives one output per document -------------------------
nslice=$(tr -cd '\0' < "$slice" | wc -c)
nout=$("$bin" -z "$slice" | tr -cd '\0' | wc -c) || die "$bin -z failed on the slice"
[ "$nout" = "$nslice" ] || echo "throughput.sh: warning: $nslice documents in, $nout out" >&2

# ---- timing -----------------------------------------------------------------------------
names=("cat" "grep -c ." "newsclean -z" "newsclean -z --no-default-rules" "newsclean -z --no-heuristics"
       "newsclean -z --no-heuristics --no-default-rules" "baseline -z")
rows=(0 1 2 3 4 5)
if [ -n "$baseline" ]; then
  [ -x "$baseline" ] || die "no executable baseline at $baseline"
  rows+=(6)
fi
cmd() { # cmd INDEX FILE: sets the array c to the command line
  case $1 in
    0) c=(cat "$2") ;;
    1) c=(grep -c . "$2") ;;
    2) c=("$bin" -z "$2") ;;
    3) c=("$bin" -z --no-default-rules "$2") ;;
    4) c=("$bin" -z --no-heuristics "$2") ;;
    5) c=("$bin" -z --no-heuristics --no-default-rules "$2") ;;
    6) c=("$baseline" -z "$2") ;;
  esac
}
# GNU grep stops at the first match when its output is /dev/null, so its count goes to a file.
sink() { if [ "$1" = 1 ]; then echo "$tmp/grep.out"; else echo /dev/null; fi; }

# timed INDEX FILE: prints "nanoseconds peak-RSS-KB"
timed() {
  local c t0 t1
  cmd "$1" "$2"
  t0=$(date +%s%N)
  "${pinned[@]}" /usr/bin/time -f %M -o "$tmp/rss" "${c[@]}" > "$(sink "$1")" \
    || die "${names[$1]} failed on $2"
  t1=$(date +%s%N)
  echo "$((t1 - t0)) $(tail -n 1 "$tmp/rss")"
}

cat "$corpus" > /dev/null   # warm the page cache (the sanity run above warmed the binary)
for ((r = 0; r < reps; r++)); do
  for i in "${rows[@]}"; do timed "$i" "$corpus" >> "$tmp/times.$i"; done
done
rss_slice_default=$(timed 2 "$slice" | cut -d' ' -f2)
rss_slice_norules=$(timed 3 "$slice" | cut -d' ' -f2)

mb() { awk -v n="$1" 'BEGIN { printf "%.3f", n / 1e6 }'; }
best() { cut -d' ' -f1 "$1" | sort -n | head -n 1; }
median() { cut -d' ' -f1 "$1" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
maxrss() { cut -d' ' -f2 "$1" | sort -n | tail -n 1; }

best_cat=$(best "$tmp/times.0"); best_grep=$(best "$tmp/times.1")

echo
printf 'corpus: %.1f MB, %d articles; %d repetitions each, round-robin; %s\n' \
  "$(mb "$bytes")" "$ndocs" "$reps" \
  "$([ ${#pinned[@]} -gt 0 ] && echo "pinned to core 0 (taskset -c 0)" || echo "not pinned")"
echo "binary: $bin"
echo
printf '%-48s %9s %9s %9s %11s %11s\n' command "best s" "MB/s" "median" "x cat" "x grep"
printf '%-48s %9s %9s %9s %11s %11s\n' "" "" "(best)" "MB/s" "(time)" "(time)"
for i in "${rows[@]}"; do
  b=$(best "$tmp/times.$i"); m=$(median "$tmp/times.$i")
  awk -v name="${names[$i]}" -v b="$b" -v m="$m" -v n="$bytes" -v c="$best_cat" -v g="$best_grep" \
    'BEGIN { printf "%-48s %9.3f %9.1f %9.1f %10.1fx %10.1fx\n", name, b/1e9, n/b*1e3, n/m*1e3, b/c, b/g }'
done
if [ -n "$baseline" ]; then
  echo "baseline: $baseline"
  awk -v b="$(best "$tmp/times.6")" -v n="$(best "$tmp/times.2")" -v mb="$(median "$tmp/times.6")" -v mn="$(median "$tmp/times.2")" \
    'BEGIN { printf "speed of newsclean -z over the baseline: %.3fx (best times), %.3fx (medians)\n", b/n, mb/mn }'
fi
echo
echo "peak RSS of newsclean (KB, largest over the runs):"
printf '%-34s %14s %14s\n' "" "$(printf '%.0f MB corpus' "$(mb "$bytes")")" "$(printf '%.0f MB slice' "$(mb "$slice_bytes")")"
printf '%-34s %14s %14s\n' "newsclean -z" "$(maxrss "$tmp/times.2")" "$rss_slice_default"
printf '%-34s %14s %14s\n' "newsclean -z --no-default-rules" "$(maxrss "$tmp/times.3")" "$rss_slice_norules"
