#!/usr/bin/env python3
"""Writes a NUL-separated corpus of one language's multi/ texts, for bench/throughput.sh --corpus.

usage: bench/lang_corpus.py LANG OUT [--size MB] [--bench DIR]

Takes the reader and page texts of ../shared/bench/multi whose language in multi-index.tsv
is LANG and emits each many times, every copy after the first lightly varied (about one
line in ten dropped, digits shifted), shuffled with a fixed seed, until OUT holds MB
megabytes (10^6 bytes; default 110). The same bytes on every run.
"""
import argparse
import os
import random
import re


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("lang")
    ap.add_argument("out")
    ap.add_argument("--size", type=int, default=110)
    ap.add_argument("--bench", default=os.path.join(here, "..", "..", "shared", "bench"))
    a = ap.parse_args()
    ids = []
    with open(os.path.join(a.bench, "multi-index.tsv"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[2] == a.lang:
                ids.append(cols[0])
    docs = []
    for i in ids:
        for form in ("reader", "page"):
            p = os.path.join(a.bench, "multi", f"{i}.{form}.txt")
            if os.path.exists(p):
                with open(p, "rb") as fh:
                    data = fh.read().replace(b"\0", b"")
                if data.strip():
                    docs.append(data)
    if not docs:
        raise SystemExit(f"lang_corpus.py: no multi/ texts in language {a.lang}")
    rng = random.Random(15)
    target = a.size * 1000 * 1000
    out, total, copy = [], 0, 0
    while total < target:
        for d in docs:
            if copy == 0:
                v = d
            else:
                lines = [l for l in d.split(b"\n") if rng.random() > 0.1]
                shift = copy % 9 + 1
                v = re.sub(rb"\d", lambda m: bytes([48 + (m.group(0)[0] - 48 + shift) % 10]), b"\n".join(lines))
            out.append(v)
            total += len(v) + 1
        copy += 1
    rng.shuffle(out)
    with open(a.out, "wb") as fh:
        fh.write(b"\0".join(out) + b"\0")
    print(f"lang_corpus.py: {len(out)} {a.lang} articles from {len(docs)} texts, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
