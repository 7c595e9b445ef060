#!/usr/bin/env python3
"""Snippet P/R/F1 of multi/ outputs per language group (de, en, other).

usage: bench/by_lang.py OUT_DIR [OUT_DIR2 ...] [--bench DIR] [--groups de,en]

OUT_DIR holds <id>.txt for the pages of ../shared/bench/multi (as allsets.sh --keep DIR
leaves them in DIR/multi-reader/ or DIR/multi-page/). The language of a page is the
`lang` column of multi-index.tsv (a rough guess: "other/short" and the rarer languages
go to "other"). Scoring is the bench's own score.py snippet count, summed per group:
a `with` snippet found is a true positive, one missed a false negative, a `without`
snippet found a false positive. With several OUT_DIRs the rows stand one under another
(a baseline and a change, say).
"""
import argparse
import json
import os
import sys


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outs", nargs="+", help="directories of <id>.txt outputs")
    ap.add_argument("--bench", default=os.environ.get("BENCH_DIR", os.path.join(here, "..", "..", "shared", "bench")))
    ap.add_argument("--groups", default="de,en", help="languages with a row of their own (default de,en)")
    a = ap.parse_args()
    sys.path.insert(0, a.bench)
    import score as S  # the bench's scorer: the same snippet test

    named = a.groups.split(",")
    lang_of = {}
    with open(os.path.join(a.bench, "multi-index.tsv"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3:
                lang_of[cols[0]] = cols[2] if cols[2] in named else "other"
    pages = os.path.join(a.bench, "multi")
    ids = sorted(f[: -len(S.SNIP_SUFFIX)] for f in os.listdir(pages) if f.endswith(S.SNIP_SUFFIX))
    print(f"{'output':<40} {'group':<6} {'pages':>5} {'P':>7} {'R':>7} {'F1':>7}")
    for out in a.outs:
        sums = {}
        for i in ids:
            with open(os.path.join(pages, i + S.SNIP_SUFFIX), encoding="utf-8") as fh:
                item = json.load(fh)
            c = S.snippet_counts(item, S.read(os.path.join(out, i + ".txt")))
            for g in (lang_of.get(i, "other"), "all"):
                s = sums.setdefault(g, [0, 0, 0, 0])
                s[0] += c[0]; s[1] += c[1]; s[2] += c[2]; s[3] += 1
        for g in named + ["other", "all"]:
            if g not in sums:
                continue
            tp, fp, fn, n = sums[g]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0
            print(f"{out[-40:]:<40} {g:<6} {n:>5} {p:>7.4f} {r:>7.4f} {f:>7.4f}")


if __name__ == "__main__":
    main()
