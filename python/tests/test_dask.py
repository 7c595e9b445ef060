"""newsclean.dask on a LocalCluster of 2 worker processes: shards equal to
`newsclean --jsonl` byte for byte, bags and dataframes as the module cleans
them, the command in both modes, and a worker killed mid-shard with every
record still written exactly once.

Small on purpose (CI has 2 cores): a few MB in all, one cluster shared by
the tests and one for the kill, each shut down at the end."""

import bz2
import collections
import gzip
import json
import lzma
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

import newsclean
import newsclean.dask as nd

import corpus  # python/tests/corpus.py

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")
dask_dataframe = pytest.importorskip("dask.dataframe")

BINARY = os.environ.get("NEWSCLEAN_BINARY", "build/newsclean")
SOURCE = os.environ.get("NEWSCLEAN_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def start_cluster():
    cluster = nd.local_cluster(2, silence_logs=50, memory_limit="1GiB")
    return cluster, distributed.Client(cluster)


@pytest.fixture(scope="module")
def client():
    cluster, client = start_cluster()
    yield client
    client.close()
    cluster.close()


def read_plain(path):
    opener = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}.get(os.path.splitext(path)[1], open)
    with opener(path, "rb") as f:
        return f.read()


def command_output(path, *flags):
    """What `newsclean --jsonl` writes for the shard (decompressed)."""
    r = subprocess.run([BINARY, "--jsonl", *flags], input=read_plain(path), capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout


def assert_shards_as_the_command(paths, out_dir, *flags):
    for path in paths:
        out = os.path.join(out_dir, nd.output_name(path))
        with open(out, "rb") as f:
            assert f.read() == command_output(path, *flags), path
    assert not [e for e in os.listdir(out_dir) if ".tmp-" in e], "a temporary file was left"


def test_shards_equal_the_command(client, tmp_path):
    paths, lines = corpus.write_shards(str(tmp_path / "in"), SOURCE, shards=5, records=150,
                                       compress=("", ".gz", ".bz2", ".xz", ""))
    out = str(tmp_path / "out")
    figures = nd.clean_jsonl_files(str(tmp_path / "in" / "*"), out, client)
    assert [f["shard"] for f in figures] == sorted(paths)
    assert sum(f["read"] for f in figures) == sum(f["written"] for f in figures) == lines
    assert sum(f["errors"] for f in figures) > 0  # the broken lines went through as such
    assert_shards_as_the_command(paths, out)
    # Other settings, and a Cleaner with rules of its own (shipped as text).
    rules = tmp_path / "mine.rules"
    rules.write_text("[mine]\ndrop story-line /^Story/\n")
    cleaner = newsclean.Cleaner(rules=rules, disable="caption")
    out2 = str(tmp_path / "out2")
    nd.clean_jsonl_files(paths[:2], out2, client, cleaner=cleaner, output_field="clean", annotate=True,
                         html_field="html", on_error="drop")
    assert_shards_as_the_command(paths[:2], out2, "--rules", str(rules), "--disable", "caption",
                                 "--output-field", "clean", "--annotate", "--html-field", "html", "--on-error=drop")


def test_zstd_shards(client, tmp_path):
    zstandard = pytest.importorskip("zstandard")
    paths, _ = corpus.write_shards(str(tmp_path), SOURCE, shards=1, records=60)
    with open(paths[0], "rb") as f:
        data = f.read()
    zst = paths[0] + ".zst"
    with open(zst, "wb") as f:
        f.write(zstandard.ZstdCompressor().compress(data))
    os.unlink(paths[0])
    out = str(tmp_path / "out")
    nd.clean_jsonl_files(zst, out, client)
    r = subprocess.run([BINARY, "--jsonl"], input=data, capture_output=True, timeout=60)
    with open(os.path.join(out, os.path.basename(paths[0])), "rb") as f:
        assert f.read() == r.stdout


def test_one_cleaner_per_worker(client, tmp_path):
    paths, _ = corpus.write_shards(str(tmp_path / "in"), SOURCE, shards=6, records=20)
    client.run(nd._cleaner_cache.cache_clear)
    nd.clean_jsonl_files(paths, str(tmp_path / "out"), client)
    info = client.run(lambda: nd._cleaner_cache.cache_info()._asdict())
    assert sum(i["hits"] + i["misses"] for i in info.values()) == 6  # six tasks
    assert all(i["misses"] <= 1 for i in info.values()), info  # each worker built it at most once


def test_local_cluster_workers_keep_their_heap(client):
    # Dask's nanny would start them with MALLOC_TRIM_THRESHOLD_=65536, under
    # which the cleaner runs about 30% slower; local_cluster sets glibc's
    # settled thresholds, unless the environment sets its own.
    env = client.run(lambda: {k: os.environ.get(k) for k in nd.WORKER_MALLOC_ENVIRON})
    assert len(env) == 2
    for worker_env in env.values():
        for k, v in nd.WORKER_MALLOC_ENVIRON.items():
            assert worker_env[k] == os.environ.get(k, str(v))


def parsed(line):
    try:
        return json.loads(line)
    except ValueError:
        return None


def test_bag_as_the_command(client, tmp_path):
    paths, _ = corpus.write_shards(str(tmp_path), SOURCE, shards=2, records=80, broken=0.05)
    bag = dask_bag.read_text(paths).map(parsed).filter(lambda r: isinstance(r, dict))
    cleaned = nd.clean_bag(bag).compute()
    raw = b"".join(read_plain(p) if read_plain(p).endswith(b"\n") else read_plain(p) + b"\n" for p in paths)
    want = subprocess.run([BINARY, "--jsonl"], input=raw, capture_output=True, timeout=60).stdout
    want_records = [r for r in map(parsed, want.decode().splitlines()) if isinstance(r, dict)]
    assert len(want_records) > 100
    assert cleaned == want_records
    html = nd.clean_bag(bag, html_field="html", output_field="clean").compute()
    assert sum("clean" in r for r in html) == sum(isinstance(r.get("html"), str) for r in html) > 0
    docs = dask_bag.from_sequence(corpus.fixture_texts(SOURCE)[:20], npartitions=3)
    assert nd.clean_bag(docs, nfkc=True).compute() == [newsclean.clean(t, nfkc=True)
                                                        for t in corpus.fixture_texts(SOURCE)[:20]]
    with pytest.raises(TypeError, match="unknown option"):
        nd.clean_bag(docs, colour="red")


def test_dataframe(client):
    pd = pytest.importorskip("pandas")
    texts = corpus.fixture_texts(SOURCE)[:30]
    urls = [f"https://www.site{i % 3}.example.com/a" if i % 4 else None for i in range(len(texts))]
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts, "url": urls})
    frame.loc[5, "text"] = None
    df = dask_dataframe.from_pandas(frame, npartitions=3)
    got = nd.clean_dataframe(df, output_column="clean").compute()
    assert list(got.columns) == ["id", "text", "url", "clean"]
    for i, row in got.iterrows():
        if i == 5:
            assert row["clean"] is None
            continue
        site = newsclean.host_of(urls[i]) if urls[i] else None
        assert row["clean"] == newsclean.clean(texts[i], site=site), i
    in_place = nd.clean_dataframe(df, format="text").compute()
    assert in_place["text"].iloc[0] == newsclean.clean(texts[0], format="text", site=newsclean.host_of(urls[0] or ""))


def run_command(args, timeout=180):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "newsclean.dask", *args], capture_output=True, timeout=timeout,
                          env=env)


def test_command_joins_a_cluster(client, tmp_path):
    paths, lines = corpus.write_shards(str(tmp_path / "in"), SOURCE, shards=3, records=40, compress=(".gz",))
    out = str(tmp_path / "out")
    r = run_command([str(tmp_path / "in" / "*.gz"), out, "--scheduler", client.scheduler.address, "--progress"])
    assert r.returncode == 0, r.stderr.decode()
    assert f"{lines} record(s) read, {lines} written" in r.stderr.decode()
    assert "100% Completed" in r.stderr.decode() and r.stdout == b""  # Dask's bar, on stderr
    assert_shards_as_the_command(paths, out)


def test_command_starts_a_local_cluster(tmp_path):
    paths, lines = corpus.write_shards(str(tmp_path / "in"), SOURCE, shards=2, records=40)
    out = str(tmp_path / "out")
    r = run_command([str(tmp_path / "in" / "*.jsonl"), out, "--workers", "2", "--field", "text",
                     "--output-field", "clean"])
    assert r.returncode == 0, r.stderr.decode()
    assert "2 shard(s)" in r.stderr.decode()
    assert_shards_as_the_command(paths, out, "--output-field", "clean")


def test_command_errors(client, tmp_path):
    r = run_command([str(tmp_path / "none-*.jsonl"), str(tmp_path / "out"), "--scheduler", client.scheduler.address])
    assert r.returncode == 2 and b"no input file matches" in r.stderr
    bad = tmp_path / "bad.rules"
    bad.write_text("drop x /(/\n")
    r = run_command([str(tmp_path / "x"), str(tmp_path / "out"), "--rules", str(bad)])
    assert r.returncode == 3 and b"bad.rules:1:" in r.stderr
    (tmp_path / "one.jsonl").write_bytes(b'{"text":"a"}\n{"id":1}\n')
    r = run_command([str(tmp_path / "one.jsonl"), str(tmp_path / "out"), "--on-error", "fail",
                     "--scheduler", client.scheduler.address])
    assert r.returncode == 4 and b'one.jsonl:2: no "text" member (stopping' in r.stderr
    assert not os.path.exists(tmp_path / "out" / "one.jsonl")  # a failed shard is not written
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.jsonl.gz").write_bytes(gzip.compress(b"{}\n"))
    with pytest.raises(ValueError, match="same output shard"):
        nd.clean_jsonl_files([str(tmp_path / "one.jsonl"), str(tmp_path / "a" / "one.jsonl.gz")],
                             str(tmp_path / "out"), client)
    with pytest.raises(TypeError, match="unknown option"):
        nd.clean_jsonl_files(str(tmp_path / "one.jsonl"), str(tmp_path / "out"), client, fields="x")


def test_a_worker_killed_mid_shard(tmp_path):
    """A worker is killed (SIGKILL) while it writes a shard: the task runs
    again elsewhere, and every record is written exactly once."""
    paths, lines = corpus.write_shards(str(tmp_path / "in"), SOURCE, shards=6, target_bytes=1_500_000)
    out = str(tmp_path / "out")
    os.makedirs(out)
    cluster, client = start_cluster()
    try:
        # The same run without a kill first, for the time it takes.
        start = time.monotonic()
        nd.clean_jsonl_files(paths, str(tmp_path / "calm"), client)
        calm_seconds = time.monotonic() - start
        killed = []

        def kill_a_worker_mid_shard():
            # Once a shard is done, the next worker seen writing one (its
            # temporary file names it) is killed.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not killed:
                entries = os.listdir(out)
                if not any(".tmp-" not in e for e in entries):
                    time.sleep(0.005)
                    continue
                for entry in entries:
                    if ".tmp-" in entry:
                        pid = int(entry.rsplit(".tmp-", 1)[1].split("-")[0])
                        os.kill(pid, signal.SIGKILL)
                        killed.append((pid, entry))
                        break
                time.sleep(0.005)

        killer = threading.Thread(target=kill_a_worker_mid_shard)
        killer.start()
        start = time.monotonic()
        figures = nd.clean_jsonl_files(paths, out, client)
        seconds = time.monotonic() - start
        killer.join()
    finally:
        client.close()
        cluster.close()
    assert killed, "no worker was caught mid-shard"
    pid, temp = killed[0]
    assert pid not in {f["pid"] for f in figures}  # the killed worker finished nothing after
    assert_shards_as_the_command(paths, out)
    ids = collections.Counter()
    written = 0
    for path in paths:
        with open(os.path.join(out, nd.output_name(path)), "rb") as f:
            for line in f:
                written += 1
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and "meta" in record:  # a generated record, not a broken line
                    ids[record["id"]] += 1
    assert written == lines
    assert max(ids.values()) == 1
    print(f"\nfault test: {lines} records in, {written} out, {sum(ids.values()) - len(ids)} duplicates, "
          f"worker {pid} killed writing {temp}; {seconds:.1f} s with the kill, {calm_seconds:.1f} s without")
