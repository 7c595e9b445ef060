#!/usr/bin/env python3
"""Which rules and heuristics drop article text on the bench, and which drop chrome.

usage: bench/audit.py [--bin build/newsclean] [--set dev|dragnet|multi] [--form reader|page]
                      [--show ID] [--base BIN] [--limit N] [-- newsclean options]

Runs newsclean --explain=json over ../shared/bench/<set>/*.<form>.txt (default dev, reader)
and labels every dropped block: "gold" when its words stand in the page's gold text (all of
a short block's words in order, or at least half of a longer block's word 4-grams), "chrome"
otherwise. In multi/, which has no gold text, the gold is the page's `with` snippets: a
dropped block is gold when a `with` snippet lies in it or it lies in one (after white space
is folded). Prints, per rule or heuristic id, the blocks and words it dropped of each kind:
an id that drops much gold costs recall. --show ID lists the gold blocks that ID dropped.

--base BIN runs a second binary over the same files and lists the gold blocks that BIN keeps
and --bin drops (what a change costs), with the id that drops each, and the other way round.
"""
import argparse, collections, json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.join(HERE, "..", "..", "shared", "bench")
WORD = re.compile(r"\w+")
WS = re.compile(r"\s+")


def grams(tokens, n=4):
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


class Gold:
    """The gold of one page: its text (dev, dragnet) or its `with` snippets (multi)."""

    def __init__(self, pages, doc, snippets):
        self.snippets = None
        if snippets:
            with open(os.path.join(pages, doc + ".snippets.json"), encoding="utf-8") as fh:
                self.snippets = [WS.sub(" ", s).strip() for s in json.load(fh).get("with", [])]
            self.snippets = [s for s in self.snippets if s]
        else:
            toks = WORD.findall(open(os.path.join(pages, doc + ".gold.txt"), encoding="utf-8").read().lower())
            self.tokens = " " + " ".join(toks) + " "
            self.grams = grams(toks)

    def holds(self, text):
        if self.snippets is not None:
            t = WS.sub(" ", text).strip()
            return any(s in t or (len(t) >= 20 and t in s) for s in self.snippets)
        toks = WORD.findall(text.lower())
        if not toks:
            return False
        if len(toks) < 4:
            return (" " + " ".join(toks) + " ") in self.tokens
        g = grams(toks)
        return len(g & self.grams) * 2 >= len(g)


def explain(binary, files, extra):
    out = subprocess.run([binary, "--explain=json", "--explain-width", "0", *extra, *files],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        row = json.loads(line)
        row["doc"] = os.path.basename(row["doc"]).split(".")[0]
        yield row


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "newsclean"))
    ap.add_argument("--set", default="dev", choices=["dev", "dragnet", "multi"])
    ap.add_argument("--form", default="reader", choices=["reader", "page"])
    ap.add_argument("--show", help="list the gold blocks dropped by this id (prefix match)")
    ap.add_argument("--base", help="a second binary: list the gold blocks one drops and the other keeps")
    ap.add_argument("--bench", default=os.environ.get("BENCH_DIR", BENCH))
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("extra", nargs="*", help="more newsclean options (after --)")
    a = ap.parse_args()
    pages = os.path.join(a.bench, a.set)
    snippets = a.set == "multi"
    suffix = ".snippets.json" if snippets else ".gold.txt"
    ids = sorted(f[: -len(suffix)] for f in os.listdir(pages) if f.endswith(suffix))
    files = [os.path.join(pages, i + "." + a.form + ".txt") for i in ids]
    gold_of = {}

    def gold(doc):
        if doc not in gold_of:
            gold_of[doc] = Gold(pages, doc, snippets)
        return gold_of[doc]

    stats = collections.defaultdict(lambda: [0, 0, 0, 0])  # gold blocks, gold words, chrome blocks, chrome words
    shown = []
    dropped = {}  # (doc, block) -> reason, for --base
    for row in explain(a.bin, files, a.extra):
        if row["verdict"] != "drop":
            continue
        text = row.get("repaired", row["text"])  # what the rules judged
        words = len(text.split())
        is_gold = gold(row["doc"]).holds(text)
        reason = row["reason"].split(",")[0] or "-"
        dropped[(row["doc"], row["block"])] = (reason, is_gold, text)
        s = stats[reason]
        if is_gold:
            s[0] += 1
            s[1] += words
            if a.show and reason.startswith(a.show):
                shown.append(f"{row['doc']}:{row['line']}  {text[:160]}")
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
    if a.base:
        base = {}
        for row in explain(a.base, files, a.extra):
            if row["verdict"] == "drop":
                base[(row["doc"], row["block"])] = row["reason"].split(",")[0] or "-"
        lost = [(k, v) for k, v in dropped.items() if v[1] and k not in base]
        won = [(k, v) for k, v in dropped.items() if not v[1] and k not in base]
        back = [k for k in base if k not in dropped]
        print(f"\nagainst {a.base}: gold blocks newly dropped {len(lost)} "
              f"({sum(len(v[2].split()) for _, v in lost)} words), chrome blocks newly dropped {len(won)}, "
              f"blocks no longer dropped {len(back)}")
        for (doc, _), (reason, _, text) in sorted(lost)[: a.limit]:
            print(f"  - {doc} {reason}: {text[:150]}")


if __name__ == "__main__":
    sys.exit(main())
