#!/usr/bin/env python3
"""Which rules and heuristics drop article text on the bench, and which drop chrome.

usage: bench/audit.py [--bin build/newsclean] [--form reader|page] [--show ID] [--limit N] [-- newsclean options]

Runs newsclean --explain=json over ../shared/bench/dev/*.<form>.txt and labels every
dropped block: "gold" when its words stand in the page's gold text (all of a short block's
words in order, or at least half of a longer block's word 4-grams), "chrome" otherwise.
Prints, per rule or heuristic id, the blocks and words it dropped of each kind: an id
that drops much gold costs recall. --show ID lists the gold blocks that ID dropped.
"""
import argparse, collections, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = os.path.join(HERE, "..", "..", "shared", "bench", "dev")
WORD = re.compile(r"\w+")


def grams(tokens, n=4):
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def is_gold(text, gold_tokens_str, gold_grams):
    toks = WORD.findall(text.lower())
    if not toks:
        return False
    if len(toks) < 4:
        return (" " + " ".join(toks) + " ") in gold_tokens_str
    g = grams(toks)
    return len(g & gold_grams) * 2 >= len(g)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "newsclean"))
    ap.add_argument("--form", default="reader", choices=["reader", "page"])
    ap.add_argument("--show", help="list the gold blocks dropped by this id (prefix match)")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("extra", nargs="*", help="more newsclean options (after --)")
    a = ap.parse_args()
    ids = sorted(f[:-9] for f in os.listdir(DEV) if f.endswith(".gold.txt"))
    files = [os.path.join(DEV, i + "." + a.form + ".txt") for i in ids]
    out = subprocess.run([a.bin, "--explain=json", *a.extra, *files], capture_output=True, text=True, check=True).stdout
    gold_cache = {}
    stats = collections.defaultdict(lambda: [0, 0, 0, 0])  # gold blocks, gold words, chrome blocks, chrome words
    shown = []
    for line in out.splitlines():
        row = json.loads(line)
        if row["verdict"] == "keep":
            continue
        doc = os.path.basename(row["doc"]).split(".")[0]
        if doc not in gold_cache:
            gtoks = WORD.findall(open(os.path.join(DEV, doc + ".gold.txt"), encoding="utf-8").read().lower())
            gold_cache[doc] = (" " + " ".join(gtoks) + " ", grams(gtoks))
        text = row["text"]
        words = len(text.split())
        gold = is_gold(text, *gold_cache[doc])
        reason = row["reason"].split(",")[0] or "-"
        s = stats[reason]
        if gold:
            s[0] += 1
            s[1] += words
            if a.show and reason.startswith(a.show):
                shown.append(f"{doc}:{row['line']}  {text[:160]}")
        else:
            s[2] += 1
            s[3] += words
    print(f"{'id':34} {'gold blocks':>11} {'gold words':>10} {'chrome blocks':>13} {'chrome words':>12}")
    for reason, (gb, gw, cb, cw) in sorted(stats.items(), key=lambda kv: -kv[1][1]):
        print(f"{reason:34} {gb:11d} {gw:10d} {cb:13d} {cw:12d}")
    if a.show:
        print(f"\ngold blocks dropped by {a.show}:")
        for s in shown[: a.limit]:
            print("  " + s)


if __name__ == "__main__":
    sys.exit(main())
