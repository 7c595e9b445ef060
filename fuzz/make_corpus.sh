#!/usr/bin/env bash
# Seed corpora for the fuzz targets, drawn from the fixtures and rules:
#   fuzz/corpus/text/   every fixtures/**/*.in.txt (with a leading option byte)
#   fuzz/corpus/html/   every fixtures/**/*.in.html
#   fuzz/corpus/rules/  every rules/*.rules, and each [section] of them alone
#   fuzz/corpus/jsonl/  records built from the text and HTML fixtures
# plus fuzz/seeds/TARGET/* (small hand-made seeds and past crash inputs,
# committed). Generated, not committed. usage: fuzz/make_corpus.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-fuzz/corpus}
mkdir -p "$out"/{text,html,rules,jsonl}
n=0
while IFS= read -r f; do
  n=$((n + 1))
  { printf '\0'; cat "$f"; } >"$out/text/fixture-$n"
done < <(find fixtures -name '*.in.txt' | sort)
n=0
while IFS= read -r f; do
  n=$((n + 1))
  { printf '\0'; cat "$f"; } >"$out/html/fixture-$n"
done < <(find fixtures -name '*.in.html' | sort)
for f in rules/*.rules; do
  cp "$f" "$out/rules/$(basename "$f")"
done
# JSONL: one record per fixture (the first byte picks settings: 0 text member,
# 1 html member).
python3 - "$out/jsonl" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
n = 0
for p in sorted(pathlib.Path("fixtures").rglob("*.in.*")):
    data = p.read_bytes().decode("utf-8", "replace")
    html = p.suffix == ".html"
    rec = {"id": n, "url": "https://www.example.com/%d" % n, ("html" if html else "text"): data}
    line = json.dumps(rec, ensure_ascii=(n % 2 == 0))
    (out / ("fixture-%d" % n)).write_bytes((b"\x01" if html else b"\x00") + line.encode())
    n += 1
PY
for t in text html rules jsonl; do
  [ -d "fuzz/seeds/$t" ] && cp fuzz/seeds/"$t"/* "$out/$t/" 2>/dev/null || true
done
for t in text html rules jsonl; do echo "$t: $(ls "$out/$t" | wc -l) seeds"; done
