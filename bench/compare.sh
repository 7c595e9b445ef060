#!/bin/bash
# newsclean beside its peers, in one run, on the same documents.
#
# usage: bench/compare.sh [OPTIONS] [BINARY]        (default BINARY: build/newsclean)
#   --size MB     size of the text-mode JSONL corpus (default 100; 1 MB = 10^6 bytes)
#   --big-mb MB   size of the generated JSONL for the memory check (default 2000); 0 skips it
#   --reps N      timed repetitions of each newsclean command; the best counts (default 3)
#   --no-peers    skip the peers (and their installation)
#
# What it does, all in a temporary directory that is removed at the end:
#  1. Corpora from ../shared/bench/dev: text.jsonl ({"id","url","text"} records of the
#     *.reader.txt and *.page.txt inputs, repeated to --size MB), html.jsonl (the 300
#     pages once, {"id","url","html"}), reader.jsonl and page.jsonl (each input once).
#  2. Text mode: newsclean --jsonl at -j 1 (pinned to one core) and at -j all cores:
#     documents/s, MB/s of JSONL input, peak RSS, and the -j N / -j 1 speed-up.
#  3. HTML mode: newsclean --jsonl --html-field html at -j 1 and -j all cores, beside a
#     plain gumbo_parse of the same pages (the gumbo_parse_baseline target, built here
#     from BINARY's build directory when missing), one core.
#  4. Peers from Debian, installed with apt-get when missing: readability-lxml
#     (python3-readability, one Python process over the 300 pages, text of its summary)
#     and html2text (one process per page, as it is used). Documents/s, MB/s, peak RSS,
#     and newsclean's speed as a multiple of each.
#  5. Quality: score.py of every tool's output on the 300 dev pages (newsclean: HTML mode,
#     and text mode on reader.txt and page.txt, from the JSONL runs' output).
#  6. Memory on a big stream: a --big-mb JSONL (text.jsonl repeated) through
#     newsclean --jsonl at all cores: peak RSS and MB/s. The file is deleted after.
#
# The machine is shared and noisy: compare figures within one run (the ratios).
# Exit status 0 when everything ran (figures are reported, not judged), 2 otherwise.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
bin=$repo/build/newsclean
size_mb=100
big_mb=2000
reps=3
peers=1

die() { echo "compare.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --size) [ $# -ge 2 ] || die "--size needs a number"; size_mb=$2; shift 2 ;;
    --big-mb) [ $# -ge 2 ] || die "--big-mb needs a number"; big_mb=$2; shift 2 ;;
    --reps) [ $# -ge 2 ] || die "--reps needs a number"; reps=$2; shift 2 ;;
    --no-peers) peers=0; shift ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) bin=$1; shift ;;
  esac
done
case $size_mb$big_mb$reps in *[!0-9]*) die "--size, --big-mb and --reps take whole numbers" ;; esac
[ -x "$bin" ] || die "no executable at $bin (build first, or give the binary's path)"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
builddir=$(dirname "$bin")
bench=$repo/../shared/bench
[ -d "$bench/dev" ] || die "no $bench/dev (the shared bench sits beside the checkout)"
[ -x /usr/bin/time ] || die "/usr/bin/time is needed for peak RSS (Debian package time)"
command -v python3 >/dev/null || die "python3 is needed"
cores=$(nproc)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# Peers from Debian, only when missing.
if [ "$peers" = 1 ]; then
  need=()
  /usr/bin/python3 -c 'import readability' 2>/dev/null || need+=(python3-readability)
  command -v html2text >/dev/null || need+=(html2text)
  if [ ${#need[@]} -gt 0 ]; then
    sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
    echo "installing ${need[*]} from Debian" >&2
    $sudo apt-get install -y --no-install-recommends "${need[@]}" >"$tmp/apt.log" 2>&1 ||
      { $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y --no-install-recommends "${need[@]}" >"$tmp/apt.log" 2>&1; } ||
      die "could not install ${need[*]} (see apt-get)"
  fi
fi

# 1. Corpora.
python3 - "$bench" "$tmp" "$size_mb" <<'PY'
import json, os, sys
bench, tmp, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
urls = {}
for line in open(os.path.join(bench, "dev-index.tsv"), encoding="utf-8"):
    k, _, v = line.rstrip("\n").partition("\t")
    urls[k] = v
ids = sorted(f[:-5] for f in os.listdir(os.path.join(bench, "dev")) if f.endswith(".html"))
def read(path):
    return open(path, "rb").read().decode("utf-8", "surrogateescape")
def rec(i, key, text):
    return json.dumps({"id": i, "url": urls.get(i, ""), key: text}, ensure_ascii=False) + "\n"
base = []
for kind in ("reader", "page"):
    with open(os.path.join(tmp, kind + ".jsonl"), "w", encoding="utf-8", errors="surrogateescape") as f:
        for i in ids:
            r = rec(i, "text", read(os.path.join(bench, "dev", "%s.%s.txt" % (i, kind))))
            f.write(r)
            base.append(r)
with open(os.path.join(tmp, "html.jsonl"), "w", encoding="utf-8", errors="surrogateescape") as f:
    for i in ids:
        f.write(rec(i, "html", read(os.path.join(bench, "dev", i + ".html"))))
with open(os.path.join(tmp, "ids"), "w") as f:
    f.write("\n".join(ids) + "\n")
with open(os.path.join(tmp, "text.jsonl"), "w", encoding="utf-8", errors="surrogateescape") as f:
    n = 0
    while n < size_mb * 10**6:
        for r in base:
            f.write(r)
            n += len(r.encode("utf-8", "surrogateescape"))
PY
ndocs_text=$(wc -l <"$tmp/text.jsonl")
bytes_text=$(stat -c %s "$tmp/text.jsonl")
bytes_html_jsonl=$(stat -c %s "$tmp/html.jsonl")
npages=$(wc -l <"$tmp/ids")
bytes_pages=0
while read -r id; do bytes_pages=$((bytes_pages + $(stat -c %s "$bench/dev/$id.html"))); done <"$tmp/ids"

PIN=()  # one core for the -j 1 and single-process runs
command -v taskset >/dev/null && PIN=(taskset -c 0)
# best DOCS BYTES NAME REPS COMMAND...: runs the command REPS times (its stdout to
# $tmp/out.NAME), keeps the fastest as time_NAME and adds a row to the table.
rows=()
best_time=
timed() {  # timed OUTFILE COMMAND... -> sets last_s, last_kb
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$out" 2>"$tmp/stderr" || { cat "$tmp/stderr" >&2; die "failed: $*"; }
  read -r last_s last_kb <"$tmp/time"
}
best() {
  local docs=$1 bytes=$2 name=$3 n=$4; shift 4
  local b= kb=0 i
  for ((i = 0; i < n; i++)); do
    timed "$tmp/out.$name" "$@"
    if [ -z "$b" ] || python3 -c "import sys; sys.exit(0 if $last_s < $b else 1)"; then b=$last_s; fi
    [ "$last_kb" -gt "$kb" ] && kb=$last_kb
  done
  best_time=$b
  rows+=("$(python3 -c "
import sys
s = max($b, 0.001)
print('%-34s %8d %10.1f %9.1f %9.1f %8.1f' % ('$name', $docs, $docs / s, $bytes / 1e6, $bytes / 1e6 / s, $kb / 1024))")")
  eval "time_$name=$b"
}

echo "newsclean $("$bin" --version | cut -d' ' -f2) ($bin), $cores cores, best of $reps"
echo "text corpus: $ndocs_text records, $((bytes_text / 1000000)) MB JSONL; HTML: $npages pages, $((bytes_pages / 1000000)) MB ($((bytes_html_jsonl / 1000000)) MB as JSONL)"
echo

# 2. Text mode.
best "$ndocs_text" "$bytes_text" text_j1 "$reps" "${PIN[@]}" "$bin" --jsonl -j 1 "$tmp/text.jsonl"
best "$ndocs_text" "$bytes_text" text_jN "$reps" "$bin" --jsonl -j "$cores" "$tmp/text.jsonl"
cmp -s "$tmp/out.text_j1" "$tmp/out.text_jN" || die "-j $cores output differs from -j 1"

# 3. HTML mode, beside gumbo_parse.
best "$npages" "$bytes_html_jsonl" html_j1 "$reps" "${PIN[@]}" "$bin" --jsonl --html-field html --output-field text -j 1 "$tmp/html.jsonl"
cp "$tmp/out.html_j1" "$tmp/html.out.jsonl"
best "$npages" "$bytes_html_jsonl" html_jN "$reps" "$bin" --jsonl --html-field html --output-field text -j "$cores" "$tmp/html.jsonl"
gumbo=$builddir/gumbo_parse_baseline
if [ ! -x "$gumbo" ]; then
  cmake --build "$builddir" --target gumbo_parse_baseline >"$tmp/gumbo-build.log" 2>&1 || true
fi
have_gumbo=0
if [ -x "$gumbo" ]; then
  have_gumbo=1
  cd "$bench/dev"
  best "$npages" "$bytes_pages" gumbo_parse "$reps" "${PIN[@]}" "$gumbo" $(sed 's/$/.html/' "$tmp/ids")
  cd - >/dev/null
fi

# 4. Peers.
mkdir -p "$tmp/pred/readability" "$tmp/pred/html2text"
if [ "$peers" = 1 ]; then
  cat >"$tmp/readability_run.py" <<'PY'
import os, sys
import lxml.html
from readability import Document
src, out = sys.argv[1], sys.argv[2]
BLOCK = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "blockquote", "pre", "tr", "section", "article")
for i in open(sys.argv[3]).read().split():
    html = open(os.path.join(src, i + ".html"), "rb").read().decode("utf-8", "replace")
    try:
        tree = lxml.html.fromstring(Document(html).summary(html_partial=True))
        for el in tree.iter(*BLOCK):
            el.tail = "\n" + (el.tail or "")
        text = tree.text_content()
    except Exception:
        text = ""
    lines = [" ".join(l.split()) for l in text.splitlines()]
    with open(os.path.join(out, i + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(l for l in lines if l) + "\n")
PY
  best "$npages" "$bytes_pages" readability_lxml 1 "${PIN[@]}" /usr/bin/python3 "$tmp/readability_run.py" "$bench/dev" "$tmp/pred/readability" "$tmp/ids"
  cat >"$tmp/html2text_run.sh" <<SH
while read -r id; do html2text -utf8 -nobs "$bench/dev/\$id.html" >"$tmp/pred/html2text/\$id.txt" 2>/dev/null || true; done <"$tmp/ids"
SH
  best "$npages" "$bytes_pages" html2text 1 "${PIN[@]}" bash "$tmp/html2text_run.sh"
fi

echo "speed                                  docs     docs/s  input MB      MB/s  RSS MB"
for r in "${rows[@]}"; do echo "$r"; done
echo
ratio() { python3 -c "print('%.2f' % ($1 / max($2, 0.001)))"; }
echo "text mode: -j $cores is $(ratio "$time_text_j1" "$time_text_jN")x -j 1"
echo "HTML mode: -j $cores is $(ratio "$time_html_j1" "$time_html_jN")x -j 1"
[ "$have_gumbo" = 1 ] && echo "HTML mode -j 1 vs plain gumbo_parse of the same pages (one core): $(ratio "$time_gumbo_parse" "$time_html_j1")x the speed"
if [ "$peers" = 1 ]; then
  echo "HTML mode -j 1 vs readability-lxml: $(ratio "$time_readability_lxml" "$time_html_j1")x the speed; -j $cores: $(ratio "$time_readability_lxml" "$time_html_jN")x"
  echo "HTML mode -j 1 vs html2text:        $(ratio "$time_html2text" "$time_html_j1")x the speed; -j $cores: $(ratio "$time_html2text" "$time_html_jN")x"
fi
echo

# 5. Quality.
"$bin" --jsonl -j "$cores" "$tmp/reader.jsonl" >"$tmp/reader.out.jsonl"
"$bin" --jsonl -j "$cores" "$tmp/page.jsonl" >"$tmp/page.out.jsonl"
python3 - "$tmp" <<'PY'
import json, os, sys
tmp = sys.argv[1]
for name, key in (("html", "text"), ("reader", "text"), ("page", "text")):
    d = os.path.join(tmp, "pred", "newsclean-" + name)
    os.makedirs(d, exist_ok=True)
    for line in open(os.path.join(tmp, name + ".out.jsonl"), encoding="utf-8", errors="replace"):
        r = json.loads(line)
        open(os.path.join(d, r["id"] + ".txt"), "w", encoding="utf-8").write(r.get(key) or "")
PY
score() { python3 "$bench/score.py" "$bench/dev" "$1" | tail -1; }
echo "quality on the $npages dev pages (score.py: shingle F1, word-bag F1)"
printf '  %-34s %s\n' "newsclean HTML mode" "$(score "$tmp/pred/newsclean-html")"
printf '  %-34s %s\n' "newsclean text mode, reader.txt" "$(score "$tmp/pred/newsclean-reader")"
printf '  %-34s %s\n' "newsclean text mode, page.txt" "$(score "$tmp/pred/newsclean-page")"
if [ "$peers" = 1 ]; then
  printf '  %-34s %s\n' "readability-lxml (HTML)" "$(score "$tmp/pred/readability")"
  printf '  %-34s %s\n' "html2text (HTML)" "$(score "$tmp/pred/html2text")"
fi
echo

# 6. Memory on a big stream.
if [ "$big_mb" -gt 0 ]; then
  big=$tmp/big.jsonl
  : >"$big"
  while [ "$(stat -c %s "$big")" -lt $((big_mb * 1000000)) ]; do cat "$tmp/text.jsonl" >>"$big"; done
  bytes_big=$(stat -c %s "$big")
  timed /dev/null "$bin" --jsonl -j "$cores" "$big"
  rm -f "$big"
  python3 -c "print('big stream: %.0f MB of JSONL at -j $cores in %.1f s (%.1f MB/s), peak RSS %.1f MB' % ($bytes_big / 1e6, $last_s, $bytes_big / 1e6 / max($last_s, 0.001), $last_kb / 1024))"
fi
