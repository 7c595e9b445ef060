#!/bin/sh
# Quality of the text filter on the development bench (../shared/bench).
#
# usage: bench/quality.sh [BINARY]        (default: build/newsclean)
#
# Builds nothing. Runs BINARY over every dev/<id>.reader.txt and dev/<id>.page.txt
# (one process per input form and setting, --output-dir into a temporary directory),
# scores the outputs against dev/<id>.gold.txt with the bench's score.py and prints
# shingle P/R/F1 and word-bag F1 for: the raw input, the default rules, and
# --no-default-rules (heuristics only). Extra options for every run can be given
# in NEWSCLEAN_OPTS.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
bin=${1:-$repo/build/newsclean}
bench=${BENCH_DIR:-$(cd "$here/../../shared/bench" && pwd)}
dev=$bench/dev

[ -x "$bin" ] || { echo "quality.sh: no executable at $bin (build first)" >&2; exit 2; }
[ -f "$bench/score.py" ] || { echo "quality.sh: no score.py in $bench" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsclean-quality.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# score DIR LABEL: one table row, 4 decimals, with score.py's own functions.
score() {
  python3 - "$bench" "$dev" "$1" "$2" <<'PY'
import os, sys
bench, dev, pred, label = sys.argv[1:5]
sys.path.insert(0, bench)
import score as S
ids = sorted(f[:-len(".gold.txt")] for f in os.listdir(dev) if f.endswith(".gold.txt"))
sp, sr, wf = [], [], []
for i in ids:
    gold = S.read(os.path.join(dev, i + ".gold.txt"))
    out = S.read(os.path.join(pred, i + ".txt"))
    p, r, has_pred, has_gold = S.shingle_page(out, gold)
    if has_pred: sp.append(p)
    if has_gold: sr.append(r)
    wf.append(S.wordbag_page(out, gold)[2])
P, R = S.mean(sp), S.mean(sr)
F = 2 * P * R / (P + R) if P + R else 0.0
print(f"{label:<30} {P:8.4f} {R:8.4f} {F:8.4f} {S.mean(wf):10.4f}")
PY
}

printf '%-30s %8s %8s %8s %10s\n' "input -> output" "shingleP" "shingleR" "shingleF" "wordbagF1"
for form in reader page; do
  # Inputs named <id>.txt so that --output-dir writes what score.py reads.
  mkdir -p "$tmp/in-$form" "$tmp/default-$form" "$tmp/nodefault-$form"
  for f in "$dev"/*."$form".txt; do
    id=$(basename "$f" ".$form.txt")
    ln -s "$f" "$tmp/in-$form/$id.txt"
  done
  # shellcheck disable=SC2086
  "$bin" ${NEWSCLEAN_OPTS:-} --output-dir "$tmp/default-$form" "$tmp/in-$form"/*.txt
  # shellcheck disable=SC2086
  "$bin" ${NEWSCLEAN_OPTS:-} --no-default-rules --output-dir "$tmp/nodefault-$form" "$tmp/in-$form"/*.txt
  score "$tmp/in-$form" "$form.txt raw"
  score "$tmp/default-$form" "$form.txt default rules"
  score "$tmp/nodefault-$form" "$form.txt --no-default-rules"
done
