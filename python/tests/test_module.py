"""The Python module against the command: the same bytes give the same
output, whatever way in; and every wrong input gets a Python exception.

Run by CTest (test `python`) with the package of the build tree on
PYTHONPATH; NEWSCLEAN_BINARY names the command, NEWSCLEAN_SOURCE_DIR the
checkout, NEWSCLEAN_SEEDS the seed folder (skipped when absent)."""

import copy
import glob
import json
import os
import pathlib
import pickle
import subprocess
import threading
import time
import warnings

import pytest

import newsclean

BINARY = os.environ.get("NEWSCLEAN_BINARY", "build/newsclean")
SOURCE = os.environ.get("NEWSCLEAN_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SEEDS = os.environ.get("NEWSCLEAN_SEEDS", os.path.join(SOURCE, "..", "shared", "seeds"))

ARTICLE = ("Headline here\n3 min read\nSubscribe to our weekly newsletter\n"
           "A first paragraph of the story, with enough words to read as prose here.\n")


def cli(args, data=None, check=True):
    """The command's stdout (bytes) for `args` with `data` on stdin."""
    r = subprocess.run([BINARY, *args], input=data, capture_output=True, timeout=60)
    if check:
        assert r.returncode == 0, r.stderr.decode()
    return r


def cli_clean(data, *args):
    return cli([*args, "-"], data).stdout.decode("utf-8")


def cli_many(docs, *args):
    """The command's output for each document, from one run of `newsclean -z`
    (the command's start-up, compiling the rules, costs more than a
    document)."""
    assert not any(b"\0" in d for d in docs)
    out = cli(["-z", *args], b"".join(d + b"\0" for d in docs)).stdout.decode("utf-8").split("\0")
    assert out[-1] == "" and len(out) == len(docs) + 1
    return out[:-1]


@pytest.fixture(scope="module")
def cleaner():
    return newsclean.Cleaner()


def fixture_inputs():
    return sorted(glob.glob(os.path.join(SOURCE, "fixtures", "*", "*.in.*")))


# ---------------------------------------------------------------------------
# The same output as the command.

def test_fixtures_as_the_command(cleaner):
    inputs = fixture_inputs()
    assert len(inputs) > 50
    for path in inputs[::4]:  # each as a file of its own, as one runs the command
        assert cleaner.clean(pathlib.Path(path).read_bytes()) == cli([path]).stdout.decode("utf-8"), path
    docs = [pathlib.Path(p).read_bytes() for p in inputs]
    for path, data, want in zip(inputs, docs, cli_many(docs)):
        assert cleaner.clean(data) == want, path
    as_str = [d.decode("utf-8", "replace") for d in docs]
    for path, text, want in zip(inputs, as_str, cli_many([t.encode() for t in as_str])):
        assert cleaner.clean(text) == want, path
    for path, data in zip(inputs, docs):
        # and the fixtures' own expected output
        expected = pathlib.Path(path.rsplit(".in.", 1)[0] + ".out.txt")
        if expected.exists() and not pathlib.Path(path.rsplit(".in.", 1)[0] + ".args").exists():
            assert cleaner.clean(data) == expected.read_text(encoding="utf-8"), path


def test_seeds_as_the_command(cleaner):
    seeds = sorted(p for p in glob.glob(os.path.join(SEEDS, "*.txt")) if not p.endswith(".expected.txt"))
    if not seeds:
        pytest.skip("no seed folder beside the checkout")
    for path in seeds:
        data = pathlib.Path(path).read_bytes()
        got = cleaner.clean(data)
        assert got == cli([path]).stdout.decode("utf-8"), path
        expected = path[:-4] + ".expected.txt"
        if os.path.exists(expected):
            assert got == pathlib.Path(expected).read_text(encoding="utf-8"), path


OPTION_CASES = [
    (dict(url="https://www.example.com/news/1"), ["--url", "https://www.example.com/news/1"]),
    (dict(site="example.com"), ["--site", "example.com"]),
    (dict(lang="DE"), ["--lang", "DE"]),
    (dict(format="text"), ["--text"]),
    (dict(format="html"), ["--html"]),
    (dict(nfkc=True), ["--nfkc"]),
    (dict(ascii_punct=True), ["--ascii-punct"]),
    (dict(reflow=False), ["--no-reflow"]),
    (dict(heuristics=False), ["--no-heuristics"]),
]


@pytest.mark.parametrize("options,flags", OPTION_CASES, ids=[c[1][0] for c in OPTION_CASES])
def test_options_as_the_command_switches(cleaner, options, flags):
    inputs = fixture_inputs()
    docs = [pathlib.Path(p).read_bytes() for p in inputs]
    for path, data, want in zip(inputs, docs, cli_many(docs, *flags)):
        assert cleaner.clean(data, **options) == want, path


def test_bytes_the_command_takes(cleaner):
    cases = [
        b"Caf\xe9 au lait is served here every day, with enough words for prose.\n\xff\xfe broken \xc3\n",
        b"\xef\xbb\xbfWith a BOM\r\nand CRLF lines that go on for a while here.\r\n",
        "<html><head><meta charset=\"windows-1252\"></head><body><article><p>Caf\xe9 \x93quoted\x94 and "
        "enough words to be prose in the article here.</p></article></body></html>".encode("latin-1"),
        b"",
        b"\x00\x01\x02binary\x03\x04" * 100,
        b"x" * 200000 + b"\n",  # one huge line
        b"<div>" * 5000 + b"deep" + b"</div>" * 5000,
    ]
    for data in cases:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", newsclean.NewscleanWarning)
            assert cleaner.clean(data) == cli_clean(data), data[:40]
    assert cleaner.clean(bytearray(cases[0])) == cli_clean(cases[0])


def test_str_and_bytes_alike(cleaner):
    assert cleaner.clean(ARTICLE) == cleaner.clean(ARTICLE.encode()) == cli_clean(ARTICLE.encode())
    assert "3 min read" not in cleaner.clean(ARTICLE)
    assert newsclean.clean(ARTICLE) == cleaner.clean(ARTICLE)
    assert newsclean.default_cleaner() is newsclean.default_cleaner()


def test_str_of_every_width(cleaner):
    """A str is encoded by the binding, from whichever storage Python chose
    (1, 2 or 4 bytes a character): the same as its UTF-8 bytes, a lone
    surrogate refused as Python refuses it, and the str left as it was (no
    UTF-8 copy kept on it, as PyUnicode_AsUTF8 would keep)."""
    import sys

    body = "A paragraph of the story, with enough words to read as prose {}.\n"
    for extra in ("caf\u00e9 na\u00efve", "\u201cquoted\u201d \u041f\u0440\u0438\u0432\u0435\u0442",
                  "\U0001F600 \u00e9 \u4e2d\u6587"):
        text = ARTICLE + "".join(body.format(extra) for _ in range(40))
        size = sys.getsizeof(text)
        assert cleaner.clean(text) == cleaner.clean(text.encode()) == cli_clean(text.encode())
        assert cleaner.explain(text) == cleaner.explain(text.encode())
        assert cleaner.clean_many([text, "x", text.encode()]) == [cleaner.clean(text), cleaner.clean("x"), cleaner.clean(text)]
        assert sys.getsizeof(text) == size, "clean() left a UTF-8 copy on the str"
        for bad in (text + "\udc80", "\ud800" + text):
            for call in (cleaner.clean, cleaner.explain, lambda t: cleaner.clean_many(["ok", t])):
                with pytest.raises(UnicodeEncodeError, match="surrogates not allowed"):
                    call(bad)


def test_explain_as_the_command(cleaner):
    for path in fixture_inputs()[::5]:
        data = pathlib.Path(path).read_bytes()
        want = [json.loads(line) for line in cli(["--explain=json", path]).stdout.decode().splitlines()]
        got = cleaner.explain(data)
        assert len(got) == len(want), path
        for g, w in zip(got, want):
            assert (g["text"], g["decision"], g["reason"], g["detail"], g["zone"], g["kind"], g["line"]) == (
                w["text"], w["verdict"], w["reason"], w["detail"], w["zone"], w["kind"], w["line"]), path
            assert g["edited"] == w.get("edited")
            assert g["repaired"] == w.get("repaired")
            assert g.get("path") == w.get("path")
    assert newsclean.explain(ARTICLE)[1]["reason"] == "meta/read-time"


def test_clean_many_in_order(cleaner):
    docs = [pathlib.Path(p).read_bytes() for p in fixture_inputs()]
    want = [cleaner.clean(d) for d in docs]
    for jobs in (None, 1, 2, 5):
        assert cleaner.clean_many(docs, jobs=jobs) == want
    assert cleaner.clean_many(d.decode("utf-8", "replace") for d in docs[:3]) == [
        cleaner.clean(d.decode("utf-8", "replace")) for d in docs[:3]]
    assert cleaner.clean_many([]) == []
    assert cleaner.clean_many([ARTICLE], site="example.com", nfkc=True) == [
        cleaner.clean(ARTICLE, site="example.com", nfkc=True)]
    assert newsclean.clean_many([ARTICLE, b"One line.\n"], jobs=2) == [cleaner.clean(ARTICLE), "One line.\n"]
    mixed = [ARTICLE, bytearray(b"Two.\n"), b"Three.\n"]
    assert cleaner.clean_many(mixed, jobs=3) == [cleaner.clean(ARTICLE), "Two.\n", "Three.\n"]


def test_threads_share_a_cleaner(cleaner):
    docs = [pathlib.Path(p).read_bytes() for p in fixture_inputs()]
    want = [cleaner.clean(d) for d in docs]
    results, errors = {}, []

    def work(k):
        try:
            results[k] = [cleaner.clean(d) for d in docs]
        except Exception as e:  # noqa: BLE001 (reported below)
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(results[k] == want for k in range(4))


# ---------------------------------------------------------------------------
# Rules, pickling.

def test_rules_and_disable_as_the_command(tmp_path):
    rules = tmp_path / "mine.rules"
    rules.write_text("[mine]\ndrop headline /^Headline here$/\n# match: Headline here\n")
    for kwargs, flags in [
        (dict(rules=str(rules)), ["--rules", str(rules)]),
        (dict(rules=[rules]), ["--rules", str(rules)]),
        (dict(rules=str(tmp_path)), ["--rules", str(tmp_path)]),
        (dict(disable="meta"), ["--disable", "meta"]),
        (dict(disable=["meta/read-time", "newsletter"]), ["--disable", "meta/read-time,newsletter"]),
        (dict(disable="meta,newsletter"), ["--disable", "meta,newsletter"]),
        (dict(builtin_rules=False), ["--no-default-rules"]),
        (dict(builtin_rules=False, rules=rules), ["--no-default-rules", "--rules", str(rules)]),
    ]:
        c = newsclean.Cleaner(**kwargs)
        assert c.clean(ARTICLE) == cli_clean(ARTICLE.encode(), *flags), kwargs
    c = newsclean.Cleaner(rules=rules, disable="meta", builtin_rules=False)
    assert c.rules == (str(rules),) and c.disable == ("meta",) and c.builtin_rules is False
    assert repr(c) == f"newsclean.Cleaner(rules=({str(rules)!r},), builtin_rules=False, disable=('meta',))"


def test_rule_error_carries_file_line_column(tmp_path):
    bad = tmp_path / "bad.rules"
    bad.write_text("[ok]\ndrop fine /^fine$/\ndrop broken /(unclosed/\n")
    with pytest.raises(newsclean.RuleError) as info:
        newsclean.Cleaner(rules=bad)
    e = info.value
    assert isinstance(e, ValueError)
    r = cli(["--rules", str(bad)], b"x\n", check=False)
    assert r.returncode == 3
    assert str(e) + "\n" == r.stderr.decode()  # the command's message, caret and all
    assert (e.file, e.line) == (str(bad), 3)
    assert e.column > 0 and e.message and e.message in str(e)
    assert e.errors[0] == (e.file, e.line, e.column, e.message)
    with pytest.raises(newsclean.RuleError) as info:
        newsclean.Cleaner(rules=tmp_path / "missing.rules")
    assert info.value.file.endswith("missing.rules") and info.value.line == 0
    bad.write_text("[a]\nfrobnicate x /y/\ndrop b /(/\n")
    with pytest.raises(newsclean.RuleError) as info:
        newsclean.Cleaner(rules=bad)
    assert len(info.value.errors) == 2


def test_pickle_by_rule_sources(tmp_path):
    main = tmp_path / "main.rules"
    (tmp_path / "more.rules").write_text("[more]\ndrop first /^A first paragraph/\n")
    main.write_text("[mine]\ndrop headline /^Headline here$/\ninclude more.rules\n")
    c = newsclean.Cleaner(rules=main, disable="newsletter")
    want = c.clean(ARTICLE)
    assert want == cli_clean(ARTICLE.encode(), "--rules", str(main), "--disable", "newsletter")
    blob = pickle.dumps(c)
    for f in tmp_path.iterdir():
        f.unlink()  # the copy needs no file
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        d = pickle.loads(pickle.dumps(c, protocol))
        assert d.clean(ARTICLE) == want
        assert (d.rules, d.disable, d.builtin_rules) == (c.rules, c.disable, c.builtin_rules)
    assert pickle.loads(blob).clean(ARTICLE) == want
    assert copy.deepcopy(c).clean(ARTICLE) == want
    plain = pickle.loads(pickle.dumps(newsclean.Cleaner()))
    assert plain.clean(ARTICLE) == newsclean.clean(ARTICLE)
    assert len(pickle.dumps(newsclean.Cleaner())) < 200  # the built-in rules are not shipped
    for bad in [(99,), (1, True, [], [("a", "b")], []), (1, True, [], [("a", 3, False)], []), ("x",)]:
        with pytest.raises(ValueError, match="not a pickled"):
            newsclean.Cleaner.__new__(newsclean.Cleaner).__setstate__(bad)


def test_a_cleaner_never_initialised():
    c = newsclean.Cleaner.__new__(newsclean.Cleaner)
    assert "not initialised" in repr(c)
    for call in (lambda: c.clean("x"), lambda: c.explain("x"), lambda: c.clean_many(["x"]),
                 lambda: c.clean_jsonl(b""), lambda: c.rules, lambda: pickle.dumps(c)):
        with pytest.raises(TypeError, match="never initialised"):
            call()
    with pytest.raises(TypeError, match="called on int"):
        newsclean.Cleaner.clean(3, "x")

    class Skips(newsclean.Cleaner):
        def __init__(self):
            pass

    with pytest.raises(TypeError):
        Skips().clean("x")

    class Sub(newsclean.Cleaner):
        pass

    assert Sub(disable="meta").clean(ARTICLE) == newsclean.Cleaner(disable="meta").clean(ARTICLE)


# ---------------------------------------------------------------------------
# Wrong input: a clear exception, never a crash.

@pytest.mark.parametrize("bad", [None, 3, 2.5, ["text"], {"text": "x"}, object()])
def test_documents_must_be_str_or_bytes(cleaner, bad):
    for call in (cleaner.clean, cleaner.explain, newsclean.clean):
        with pytest.raises(TypeError, match="takes str or bytes"):
            call(bad)
    with pytest.raises(TypeError, match="item 1"):
        cleaner.clean_many([ARTICLE, bad])


@pytest.mark.parametrize("options,error,match", [
    (dict(colour="red"), TypeError, "unknown option 'colour'"),
    (dict(jobs=2), TypeError, "unknown option 'jobs'"),
    (dict(format="pdf"), ValueError, "'format' takes"),
    (dict(format=None), TypeError, "'format' takes a str"),
    (dict(nfkc=1), TypeError, "'nfkc' takes True or False"),
    (dict(url=3), TypeError, "'url' takes a str"),
    (dict(site=b"example.com"), TypeError, "'site' takes a str"),
    (dict(lang=["en"]), TypeError, "'lang' takes a str"),
    (dict(max_bytes=-1), ValueError, "0 or more"),
    (dict(max_bytes="1M"), TypeError, "'max_bytes' takes an int"),
])
def test_wrong_options(cleaner, options, error, match):
    with pytest.raises(error, match=match):
        cleaner.clean(ARTICLE, **options)
    with pytest.raises(error, match=match):
        cleaner.explain(ARTICLE, **options)


def test_wrong_arguments_elsewhere(cleaner):
    with pytest.raises(TypeError):
        cleaner.clean()
    with pytest.raises(TypeError):
        cleaner.clean(ARTICLE, "positional")
    with pytest.raises(TypeError, match="not one str"):
        cleaner.clean_many(ARTICLE)
    with pytest.raises(TypeError, match="iterable"):
        cleaner.clean_many(3)
    with pytest.raises(ValueError, match="'jobs' takes a number from 1"):
        cleaner.clean_many([ARTICLE], jobs=0)
    with pytest.raises(TypeError, match="'jobs' takes an int"):
        cleaner.clean_many([ARTICLE], jobs="2")
    with pytest.raises(TypeError, match="rules takes"):
        newsclean.Cleaner(rules=3)
    with pytest.raises(TypeError, match="rules takes"):
        newsclean.Cleaner(rules=b"/x.rules")
    with pytest.raises(TypeError, match="disable takes"):
        newsclean.Cleaner(disable=3)
    with pytest.raises(TypeError, match="builtin_rules"):
        newsclean.Cleaner(builtin_rules="no")
    with pytest.raises(UnicodeEncodeError):
        cleaner.clean("lone \udc80 surrogate")
    with pytest.raises(TypeError, match="takes bytes"):
        cleaner.clean_jsonl('{"text": "x"}')
    with pytest.raises(ValueError, match="on_error"):
        cleaner.clean_jsonl(b"", on_error="ignore")
    with pytest.raises(TypeError, match="unknown option 'fields'"):
        cleaner.clean_jsonl(b"", fields="text")


def test_size_limit_as_the_command(cleaner, tmp_path):
    big = tmp_path / "big.txt"
    para = b"A paragraph of an article that goes on, with enough words in it to read as prose, number %d.\n\n"
    data = b"".join(para % i for i in range(1_100_000))  # about 100 MB
    assert len(data) > 100_000_000
    big.write_bytes(data)
    r = cli([str(big)], check=False)
    assert r.returncode == 2 and b"over the size limit of 32 MiB" in r.stderr and r.stdout == b""
    with pytest.raises(ValueError, match="over the size limit of 32 MiB"):
        cleaner.clean(data)
    with pytest.raises(ValueError, match="document 1 of"):
        cleaner.clean_many([b"small\n", data])
    del data
    # Under the limit, or with none, it is cleaned as the command cleans it.
    part = b"".join(para % i for i in range(60_000))  # about 5.5 MB
    assert cleaner.clean(part, max_bytes=0) == cleaner.clean(part, max_bytes=None) == cli_clean(part, "--max-bytes", "0")
    with pytest.raises(ValueError, match="over the size limit of 1 KiB"):
        cleaner.clean(part, max_bytes=1024)


def test_warnings_as_the_command_tells_them(cleaner):
    deep = b"<html><body>" + b"<div>" * 3000 + b"<p>Deep text of a page, with words.</p>" + b"</div>" * 3000
    r = cli(["-"], deep)
    told = [line for line in r.stderr.decode().splitlines() if line]
    assert told, "the command warns about this page"
    with pytest.warns(newsclean.NewscleanWarning) as caught:
        got = cleaner.clean(deep)
    assert got == r.stdout.decode()
    assert any(str(w.message) in told[0] for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error", newsclean.NewscleanWarning)
        with pytest.raises(newsclean.NewscleanWarning):
            cleaner.clean(deep)


# ---------------------------------------------------------------------------
# JSONL records through the library's record code.

def test_clean_jsonl_as_the_command(cleaner):
    import corpus  # python/tests/corpus.py

    import random
    rng = random.Random(5)
    texts = corpus.fixture_texts(SOURCE)
    lines = [corpus.record_line(rng, texts, n) for n in range(300)] + corpus.BROKEN
    rng.shuffle(lines)
    data = ("\n".join(lines)).encode()  # the last line without its newline
    for options, flags in [
        ({}, []),
        (dict(html_field="html"), ["--html-field", "html"]),
        (dict(output_field="clean", annotate=True), ["--output-field", "clean", "--annotate"]),
        (dict(url_field=None, site="site3.example.com"), ["--url-field", "", "--site", "site3.example.com"]),
        (dict(on_error="drop"), ["--on-error=drop"]),
        (dict(max_bytes=2000), ["--max-bytes", "2000"]),
        (dict(nfkc=True, ascii_punct=True), ["--nfkc", "--ascii-punct"]),
    ]:
        r = cleaner.clean_jsonl(data, **options)
        want = cli(["--jsonl", "-j", "1", *flags], data)
        assert r.output == want.stdout, options
        told = [f"newsclean: stdin:{n}: {why}" for n, why in r.notes]
        assert told == want.stderr.decode().splitlines(), options
        assert r.read == len(lines)
    r = cleaner.clean_jsonl(b'{"text":"One."}\n{"id":1}\n{"text":"Two."}\n', on_error="fail", first_record=7)
    assert r.stopped and r.output == b'{"text":"One."}\n' and r.notes == [
        (8, 'no "text" member (stopping: --on-error=fail)')]
    assert (r.read, r.written, r.errors) == (2, 1, 1)


def test_cleaning_releases_the_gil(cleaner):
    """While one thread is inside the library, another runs Python code: a
    spinning thread's timestamps fall inside the cleaning call. (Not a
    timing test: how much faster threads are is bench/python_speed.sh's.)"""
    sentence = "A sentence of an article that goes on, with enough words in it to read as prose, number %d. "
    # About 4.7 MB in 50,000 one-sentence paragraphs: the library's work is
    # per block, so this keeps it busy for a good fraction of a second.
    many = "".join(sentence % i + "\n\n" for i in range(50000))
    # explain() builds a dict per block after the library returns, with the
    # GIL held: for it, 10,000 paragraphs of five sentences, so that most of
    # the call is still in the library.
    fewer = "\n\n".join("".join(sentence % (p * 5 + i) for i in range(5)) for p in range(10000))
    record = json.dumps({"text": many}).encode() + b"\n"
    calls = {
        "clean": lambda: cleaner.clean(many),
        "explain": lambda: cleaner.explain(fewer),
        "clean_many": lambda: cleaner.clean_many([many, many], jobs=1),
        "clean_jsonl": lambda: cleaner.clean_jsonl(record),
    }
    for name, call in calls.items():
        # A thread that holds the GIL fails every attempt; a busy machine
        # (the other tests run beside this one) may keep the spinner off a
        # core for one call's middle, so a few attempts are allowed.
        for attempt in range(3):
            stamps, stop = [], threading.Event()

            def spin():
                while not stop.is_set():
                    stamps.append(time.perf_counter())

            spinner = threading.Thread(target=spin)
            spinner.start()
            time.sleep(0.01)
            start = time.perf_counter()
            call()
            end = time.perf_counter()
            stop.set()
            spinner.join()
            inside = [t for t in stamps if start + (end - start) * 0.2 < t < end - (end - start) * 0.2]
            if inside:
                break
        assert inside, f"{name}: no other thread ran during {end - start:.3f} s in the library, in 3 attempts"


def test_messages_quoting_raw_bytes(cleaner, tmp_path):
    """A message may quote bytes that are not UTF-8 (the command writes them
    as they are); in Python they come as \\xNN escapes, not as an error."""
    r = cleaner.clean_jsonl(b"\xc3(\n")
    assert r.output == b"\xc3(\n" and r.notes == [(1, "not a JSON object (starts with '\\xc3') (passed through unchanged)")]
    bad = tmp_path / "raw.rules"
    bad.write_bytes(b"[x]\ndrop \xff /(/\n")
    with pytest.raises(newsclean.RuleError) as info:
        newsclean.Cleaner(rules=bad)
    assert info.value.line == 2 and "\\xff" in str(info.value)
