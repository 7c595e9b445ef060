#!/bin/sh
# Quality on every development set and every input form, beside the peers' figures.
#
# usage: bench/allsets.sh [--sets "dev dragnet multi"] [--forms "html reader page"]
#                         [--keep DIR] [BINARY]          (default: build/newsclean)
#
# Builds nothing. For each set of ../shared/bench (BENCH_DIR to override) and each form
# (html = <id>.html, reader = <id>.reader.txt, page = <id>.page.txt) it runs BINARY once
# over every page (--output-dir), scores the outputs with the bench's own score.py and
# prints one row: P, R, F1 and lost pages (shingle recall under 0.05) for dev/ and
# dragnet/, snippet P, R, F1 for multi/ (score.py has no lost pages there), then the
# figures the bench README gives for the raw input, C4's line rules and trafilatura.
# Extra options for every run go in NEWSCLEAN_OPTS. --keep DIR keeps the outputs in
# DIR/<set>-<form>/ (for bench/audit.py or a per-page diff); by default they go away.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
sets="dev dragnet multi"
forms="html reader page"
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --sets) sets=$2; shift 2 ;;
    --forms) forms=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "allsets.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
bin=${1:-$repo/build/newsclean}
bench=${BENCH_DIR:-$(cd "$here/../../shared/bench" 2>/dev/null && pwd || true)}

[ -x "$bin" ] || { echo "allsets.sh: no executable at $bin (build first)" >&2; exit 2; }
[ -f "$bench/score.py" ] || { echo "allsets.sh: no score.py in ${bench:-../shared/bench}" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsclean-allsets.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
out_root=${keep:-$tmp}

# The peers' figures from the bench README, "set form" -> "label P R F1 lost".
peers() {
  case "$1 $2" in
    "dev reader")     echo "raw 0.915 0.934 0.924 -|C4 0.913 0.770 0.835 -" ;;
    "dev page")       echo "raw 0.681 0.980 0.803 -|C4 0.827 0.806 0.816 -" ;;
    "dev html")       echo "trafilatura 0.926 0.938 0.932 2" ;;
    "dragnet reader") echo "raw 0.885 0.901 0.893 -" ;;
    "dragnet page")   echo "raw 0.377 0.986 0.545 -|C4 0.634 0.807 0.710 -" ;;
    "dragnet html")   echo "trafilatura 0.900 0.902 0.901 20" ;;
    "multi reader")   echo "raw 0.860 0.874 0.867 -" ;;
    "multi page")     echo "raw 0.532 0.965 0.686 -|C4 0.792 0.772 0.782 -" ;;
    "multi html")     echo "trafilatura 0.903 0.948 0.925 -" ;;
  esac
}

printf '%-8s %-7s %-12s %7s %7s %7s %5s\n' set form who P R F1 lost
for set in $sets; do
  dir=$bench/$set
  [ -d "$dir" ] || { echo "allsets.sh: no set $dir" >&2; exit 2; }
  for form in $forms; do
    case $form in html) suffix=.html ;; reader|page) suffix=.$form.txt ;;
      *) echo "allsets.sh: unknown form $form" >&2; exit 2 ;; esac
    in=$tmp/in-$set-$form out=$out_root/$set-$form
    mkdir -p "$in" "$out"
    # Inputs named <id>.txt so that --output-dir writes what score.py reads.
    for f in "$dir"/*"$suffix"; do
      ln -s "$f" "$in/$(basename "$f" "$suffix").txt"
    done
    # shellcheck disable=SC2086
    "$bin" ${NEWSCLEAN_OPTS:-} --output-dir "$out" "$in"/*.txt
    python3 - "$bench" "$set" "$out" "$form" "$tmp/pp-$set-$form.tsv" <<'PY'
import json, os, sys
bench, name, pred, form, per_page = sys.argv[1:6]
sys.path.insert(0, bench)
import score as S
d = os.path.join(bench, name)
files = os.listdir(d)
gold = sorted(f[:-9] for f in files if f.endswith(".gold.txt"))
rows = []
if gold:
    sp, sr, lost = [], [], 0
    for i in gold:
        p, r, has_pred, has_gold = S.shingle_page(S.read(os.path.join(pred, i + ".txt")),
                                                   S.read(os.path.join(d, i + ".gold.txt")))
        if has_pred: sp.append(p)
        if has_gold: sr.append(r)
        lost += r < 0.05
        rows.append(f"{i}\t{p:.4f}\t{r:.4f}")
    P, R = S.mean(sp), S.mean(sr)
    F = 2 * P * R / (P + R) if P + R else 0.0
else:
    tp = fp = fn = 0
    for f in sorted(files):
        if not f.endswith(S.SNIP_SUFFIX): continue
        i = f[:-len(S.SNIP_SUFFIX)]
        c = S.snippet_counts(json.load(open(os.path.join(d, f), encoding="utf-8")),
                             S.read(os.path.join(pred, i + ".txt")))
        tp += c[0]; fp += c[1]; fn += c[2]
        rows.append(f"{i}\t{c[0]}\t{c[1]}\t{c[2]}")
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    F = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0
    lost = "-"
open(per_page, "w").write("\n".join(rows) + "\n")
print(f"{name:<8} {form:<7} {'newsclean':<12} {P:7.4f} {R:7.4f} {F:7.4f} {lost!s:>5}")
PY
    peers "$set" "$form" | tr '|' '\n' | while read -r who p r f l; do
      [ -n "$who" ] && printf '%-8s %-7s %-12s %7s %7s %7s %5s\n' "$set" "$form" "$who" "$p" "$r" "$f" "$l"
    done
  done
done
