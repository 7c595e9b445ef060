"""Generated JSONL shards for the tests and the benchmark: articles made of
the project's own fixture inputs, with other members of every JSON kind,
escapes, URLs, HTML records, and now and then a broken line, so that every
path of `newsclean --jsonl` shows in the output."""

import bz2
import glob
import gzip
import json
import lzma
import os
import random


def fixture_texts(source_dir):
    """The inputs of the fixtures (text and HTML), as str."""
    texts = []
    for path in sorted(glob.glob(os.path.join(source_dir, "fixtures", "*", "*.in.*"))):
        with open(path, "rb") as f:
            texts.append(f.read().decode("utf-8", "replace"))
    return texts


BROKEN = [
    '{"id": 1, "text": "unterminated',
    "not json at all",
    '{"id": 2}',
    '{"text": 17}',
    "",
    '[1, 2, 3]',
]


def record_line(rng, texts, number):
    text = rng.choice(texts)
    if rng.random() < 0.3:  # a longer article: several inputs in a row
        text = "\n".join(rng.choice(texts) for _ in range(rng.randint(2, 5)))
    record = {"id": number}
    if rng.random() < 0.8:
        record["url"] = f"https://www.site{rng.randint(1, 9)}.example.com/story/{number}"
    key = "html" if text.lstrip().startswith("<") and rng.random() < 0.5 else "text"
    record[key] = text
    if key == "html":
        record["text"] = None
    record["meta"] = {"tags": ["a", "b\u00e9"], "score": rng.random(), "ok": rng.random() < 0.5, "none": None}
    line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.1:  # spacing the command must keep byte for byte
        line = line.replace(", ", " ,  ", 1)
    return line


def write_shards(directory, source_dir, shards=4, records=200, seed=17, compress=(), broken=0.02,
                 target_bytes=None):
    """Writes `shards` JSONL files of about `records` lines each (or of about
    `target_bytes` each) to `directory`; compress names suffixes (".gz",
    ".bz2", ".xz") given in turn to the shards. Returns the paths and the
    number of lines."""
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(seed)
    texts = fixture_texts(source_dir)
    paths, lines = [], 0
    number = 0
    for s in range(shards):
        suffix = compress[s % len(compress)] if compress else ""
        out = []
        size = 0
        while (size < target_bytes) if target_bytes else (len(out) < records):
            number += 1
            line = rng.choice(BROKEN) if rng.random() < broken else record_line(rng, texts, number)
            out.append(line)
            size += len(line) + 1
        data = ("\n".join(out) + ("\n" if rng.random() < 0.8 or not out else "")).encode("utf-8")
        lines += len(out)
        path = os.path.join(directory, f"shard-{s:03d}.jsonl{suffix}")
        opener = {"": open, ".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}[suffix]
        with opener(path, "wb") as f:
            f.write(data)
        paths.append(path)
    return paths, lines
