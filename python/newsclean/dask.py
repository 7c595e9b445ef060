"""newsclean on Dask: a corpus too big for one machine, cleaned on a cluster.

Three ways in:

- ``clean_bag(bag, field="text", ...)``: a ``dask.bag`` of records (dicts,
  as ``dask.bag.read_text(...).map(json.loads)`` gives) or of documents
  (str/bytes), cleaned the way ``newsclean --jsonl`` cleans a record.
- ``clean_dataframe(df, column="text", ...)``: a column of a
  ``dask.dataframe``.
- ``clean_jsonl_files(inputs, out_dir, client=...)`` and the command
  ``python3 -m newsclean.dask IN_GLOB OUT_DIR [--scheduler ADDRESS]``: JSONL
  shards (plain, .gz, .bz2, .xz, or .zst with python3-zstandard) in,
  cleaned shards out, each equal byte for byte to what
  ``newsclean --jsonl`` writes for it: the library's own record code does
  the rewriting (``Cleaner.clean_jsonl``).

A Cleaner goes to the workers as its pickle (its rule texts) and is built
once per worker process (``cleaner_from``), not once per task.

Nothing is lost or written twice when a worker dies: a shard is one task,
written to a temporary file beside its final name and renamed into place
when complete. A worker killed mid-shard leaves only a temporary file (removed
at the end of the run); Dask runs the task again on another worker, which
writes the whole shard again. Cleaning is deterministic, so even a worker
that was given up for lost but still finishes renames the same bytes.
"""

import argparse
import bz2
import contextlib
import functools
import glob
import gzip
import lzma
import os
import pickle
import resource
import sys
import threading
import time
import uuid

import newsclean

__all__ = ["WORKER_MALLOC_ENVIRON", "clean_bag", "clean_dataframe", "clean_jsonl_files", "clean_shard", "cleaner_from",
           "local_cluster", "main"]

_COMPRESSED = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".lzma": lzma.open}
_ZSTD = (".zst", ".zstd")
_CHUNK = 4 << 20  # bytes read at a time: records are cleaned a chunk at a time


# ---------------------------------------------------------------------------
# One Cleaner per worker process.

@functools.lru_cache(maxsize=8)
def _cleaner_cache(blob):
    return pickle.loads(blob)


_cleaner_lock = threading.Lock()


def cleaner_from(blob):
    """The Cleaner pickled as `blob` (bytes), built on first use in this
    process and kept: every task that brings the same blob shares it. (A
    lock, so that the threads of one worker do not build it twice.)"""
    with _cleaner_lock:
        return _cleaner_cache(blob)


def _shipped(cleaner, rules=(), builtin_rules=True, disable=()):
    """The Cleaner (given, or built from rules/builtin_rules/disable) and the
    pickle that goes to the workers."""
    if cleaner is None:
        cleaner = newsclean.Cleaner(rules=rules, builtin_rules=builtin_rules, disable=disable)
    elif not isinstance(cleaner, newsclean.Cleaner):
        raise TypeError("cleaner= takes a newsclean.Cleaner, not " + type(cleaner).__name__)
    return cleaner, pickle.dumps(cleaner)


# ---------------------------------------------------------------------------
# Records and columns.

def _clean_record(cleaner, record, field, html_field, url_field, output_field, options):
    """A record (dict) as `newsclean --jsonl` treats it: the text (or HTML)
    member cleaned into `output_field` or in its place; a record without it
    passes through unchanged. A document (str/bytes) is cleaned as it is."""
    if isinstance(record, (str, bytes)):
        return cleaner.clean(record, **options)
    source = html_field or field
    if not isinstance(record, dict) or not isinstance(record.get(source), str):
        return record
    opts = options
    if html_field:
        opts = dict(opts, format="html")
    url = record.get(url_field) if url_field else None
    if isinstance(url, str) and newsclean.host_of(url):
        opts = dict(opts, site=newsclean.host_of(url))  # the record's URL wins, as in the command
    out = dict(record)
    cleaned = cleaner.clean(record[source], **opts)
    out[output_field or source] = cleaned[:-1] if cleaned.endswith("\n") else cleaned
    return out


def _clean_records(records, blob, field, html_field, url_field, output_field, options):
    cleaner = cleaner_from(blob)
    return [_clean_record(cleaner, r, field, html_field, url_field, output_field, options) for r in records]


def clean_bag(bag, field="text", html_field=None, url_field="url", output_field=None, *, cleaner=None,
              rules=(), builtin_rules=True, disable=(), **options):
    """A dask.bag of records (dicts) or documents (str/bytes), cleaned.

    A record's `field` (or HTML from `html_field`) is cleaned into
    `output_field` (default: in place), with site rules from its
    `url_field`; the text loses its final newline, as in ``newsclean
    --jsonl``. A record without the member passes through unchanged.
    `cleaner` (or rules/builtin_rules/disable to build one) and `options`
    (those of Cleaner.clean) apply to every element. Lazy: returns a bag."""
    cleaner, blob = _shipped(cleaner, rules, builtin_rules, disable)
    cleaner.clean("", **options)  # a wrong option fails here, not on a worker
    return bag.map_partitions(_clean_records, blob, field, html_field, url_field, output_field, options)


def _clean_frame(frame, blob, column, url_column, output_column, options):
    cleaner = cleaner_from(blob)
    urls = frame[url_column] if url_column and url_column in frame.columns else None
    out = []
    for i, text in enumerate(frame[column]):
        if not isinstance(text, (str, bytes)):
            out.append(text)  # None, NaN: nothing to clean
            continue
        opts = options
        url = urls.iloc[i] if urls is not None else None
        if isinstance(url, str) and newsclean.host_of(url):
            opts = dict(opts, site=newsclean.host_of(url))
        out.append(cleaner.clean(text, **opts))
    frame = frame.copy()
    frame[output_column or column] = out
    return frame


def clean_dataframe(df, column="text", url_column="url", output_column=None, *, cleaner=None, rules=(),
                    builtin_rules=True, disable=(), **options):
    """A dask.dataframe with `column` cleaned into `output_column` (default:
    in place), each row with the site rules of its `url_column` when there is
    one. Values that are not str/bytes (None, NaN) stay as they are. Options
    as for Cleaner.clean (format="html" for a column of pages). Lazy."""
    cleaner, blob = _shipped(cleaner, rules, builtin_rules, disable)
    cleaner.clean("", **options)  # a wrong option fails here, not on a worker
    meta = df._meta.copy()
    meta[output_column or column] = meta[column].astype(object) if column in meta.columns else None
    return df.map_partitions(_clean_frame, blob, column, url_column, output_column, options, meta=meta)


# ---------------------------------------------------------------------------
# JSONL shards.

def _open_input(path):
    lower = path.lower()
    for suffix, opener in _COMPRESSED.items():
        if lower.endswith(suffix):
            return opener(path, "rb")
    if lower.endswith(_ZSTD):
        try:
            import zstandard
        except ImportError:
            raise RuntimeError(f"{path}: reading .zst shards needs the zstandard module (Debian: python3-zstandard)")
        return zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True)
    return open(path, "rb")


def output_name(path):
    """The cleaned shard's file name: the input's, less a compression suffix
    (the output is plain JSONL)."""
    name = os.path.basename(path)
    for suffix in (*_COMPRESSED, *_ZSTD):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def _temp_prefix(name):
    return f".{name}.tmp-"


class RecordStopped(RuntimeError):
    """A record in error under on_error="fail": the shard is not written."""


def clean_shard(path, out_dir, blob, jsonl_options, chunk_bytes=_CHUNK):
    """Cleans one JSONL shard into OUT_DIR/output_name(path), atomically:
    the records go to a temporary file in OUT_DIR, renamed when complete.
    Returns figures: records read/written/changed/errors, bytes in, seconds,
    the worker's peak memory, and the first notes (warnings, records in
    error)."""
    cleaner = cleaner_from(blob)
    start = time.monotonic()
    name = output_name(path)
    final = os.path.join(out_dir, name)
    temp = os.path.join(out_dir, f"{_temp_prefix(name)}{os.getpid()}-{uuid.uuid4().hex[:12]}")
    figures = {"shard": path, "output": final, "read": 0, "written": 0, "changed": 0, "errors": 0,
               "bytes": 0, "notes": [], "notes_total": 0}
    record = 1
    try:
        with _open_input(path) as f, open(temp, "wb") as out:
            rest = b""
            while True:
                chunk = f.read(chunk_bytes)
                if chunk:
                    figures["bytes"] += len(chunk)
                    data = rest + chunk if rest else chunk
                    cut = data.rfind(b"\n") + 1
                    if cut == 0:  # one record longer than a chunk: read on to its end
                        rest = data
                        continue
                    data, rest = data[:cut], data[cut:]
                else:
                    data, rest = rest, b""  # the last record, without its newline (or nothing)
                if data:
                    r = cleaner.clean_jsonl(data, first_record=record, **jsonl_options)
                    out.write(r.output)
                    for key in ("read", "written", "changed", "errors"):
                        figures[key] += getattr(r, key)
                    figures["notes_total"] += len(r.notes)
                    figures["notes"].extend(r.notes[: max(0, 20 - len(figures["notes"]))])
                    record += r.read
                    if r.stopped:
                        number, why = r.notes[-1]
                        raise RecordStopped(f"{path}:{number}: {why}")
                if not chunk:
                    break
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, final)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    figures["seconds"] = time.monotonic() - start
    figures["pid"] = os.getpid()
    figures["peak_rss_mb"] = peak_rss_mb()
    return figures


def peak_rss_mb():
    """This process's peak resident memory, in MB: VmHWM, which starts afresh
    in a new program (getrusage's ru_maxrss keeps the peak of the process a
    worker was started from), else ru_maxrss."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def expand_inputs(patterns):
    """The files of the glob patterns (a pattern without a match that names no
    file is an error), sorted within each pattern, without repeats."""
    if isinstance(patterns, (str, os.PathLike)):
        patterns = [patterns]
    paths, seen = [], set()
    for pattern in patterns:
        pattern = os.fspath(pattern)
        found = sorted(p for p in glob.glob(pattern) if os.path.isfile(p))
        if not found:
            raise FileNotFoundError(f"no input file matches {pattern!r}")
        for p in found:
            if os.path.abspath(p) not in seen:
                seen.add(os.path.abspath(p))
                paths.append(p)
    return paths


def _remove_stale_temps(out_dir, names):
    for entry in os.listdir(out_dir):
        for name in names:
            if entry.startswith(_temp_prefix(name)):
                try:
                    os.unlink(os.path.join(out_dir, entry))
                except OSError:
                    pass


def clean_jsonl_files(inputs, out_dir, client, *, cleaner=None, rules=(), builtin_rules=True, disable=(),
                      progress=False, **jsonl_options):
    """Cleans every JSONL shard of `inputs` (paths or glob patterns) into
    `out_dir` on the Dask cluster of `client` (a distributed.Client), one
    task per shard. Options are those of Cleaner.clean_jsonl (field,
    html_field, url_field, output_field, annotate, on_error, and the document
    options). Returns the figures of every shard, in input order."""
    paths = expand_inputs(inputs)
    names = [output_name(p) for p in paths]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"two inputs would write the same output shard: {', '.join(dup)}")
    os.makedirs(out_dir, exist_ok=True)
    cleaner, blob = _shipped(cleaner, rules, builtin_rules, disable)
    cleaner.clean_jsonl(b"", **jsonl_options)  # a wrong option fails here, not on a worker
    futures = client.map(clean_shard, paths, out_dir=os.path.abspath(out_dir), blob=blob,
                         jsonl_options=jsonl_options, key=[f"newsclean-shard-{uuid.uuid4().hex}" for _ in paths],
                         pure=False)
    if progress:
        from distributed import progress as show_progress
        with contextlib.redirect_stdout(sys.stderr):  # Dask's text bar writes to stdout
            show_progress(futures)
        print(file=sys.stderr)
    try:
        figures = client.gather(futures)
    finally:
        _remove_stale_temps(out_dir, names)
    return figures


# ---------------------------------------------------------------------------
# A cluster on this machine.

# Dask's nanny starts its workers with MALLOC_TRIM_THRESHOLD_=65536
# (distributed.nanny.pre-spawn-environ), and a threshold set so also fixes
# glibc's mmap threshold at 128 KiB: a worker then hands its heap back to the
# system after nearly every document and faults it in again for the next.
# The cleaner ran about 30% slower so (7 times the page faults, 6 times the
# system time on one shard). These are the thresholds glibc itself settles on
# once a program has freed its first large blocks.
WORKER_MALLOC_ENVIRON = {"MALLOC_TRIM_THRESHOLD_": 64 << 20, "MALLOC_MMAP_THRESHOLD_": 32 << 20}


def local_cluster(n_workers=None, *, memory_limit="auto", dashboard_address=":0", silence_logs=40, **kwargs):
    """A distributed.LocalCluster for newsclean on this machine: n_workers
    single-threaded worker processes (default: one per core this process
    may use), with glibc's malloc thresholds of WORKER_MALLOC_ENVIRON (an
    environment variable of the same name, set, wins) and Dask's sampling
    profiler off (it samples Python stacks, which in a newsclean task are
    one C++ call). Other keyword arguments go to LocalCluster. Close it (or
    use it as a context manager) when done."""
    import dask
    from distributed import LocalCluster

    if n_workers is None:
        n_workers = len(os.sched_getaffinity(0))
    settings = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in WORKER_MALLOC_ENVIRON.items()}
    settings["distributed.worker.profile.enabled"] = False
    with dask.config.set(settings):
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                            dashboard_address=dashboard_address, silence_logs=silence_logs, **kwargs)


# ---------------------------------------------------------------------------
# The command.

def _parser():
    p = argparse.ArgumentParser(
        prog="python3 -m newsclean.dask",
        description="Clean JSONL shards on a Dask cluster: every IN_GLOB shard (plain, .gz, .bz2, .xz, .zst) "
                    "to OUT_DIR under its name (less the compression suffix), as `newsclean --jsonl` writes it.")
    p.add_argument("inputs", nargs="+", metavar="IN_GLOB", help="input shards: files or glob patterns (quoted)")
    p.add_argument("out_dir", metavar="OUT_DIR", help="where the cleaned shards go")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="join the running cluster at ADDRESS (tcp://host:8786); default: start a LocalCluster here")
    p.add_argument("--workers", type=int, metavar="N", help="LocalCluster: worker processes (default: one per core)")
    p.add_argument("--memory-limit", default="auto", metavar="SIZE", help="LocalCluster: memory limit per worker")
    p.add_argument("--dashboard", metavar="ADDRESS", help="LocalCluster: serve Dask's dashboard at ADDRESS (:8787)")
    p.add_argument("--progress", action="store_true", default=None, help="show Dask's progress bar (default: on a terminal)")
    p.add_argument("--no-progress", dest="progress", action="store_false")
    g = p.add_argument_group("records (as newsclean --jsonl)")
    g.add_argument("--field", default="text", metavar="NAME")
    g.add_argument("--html-field", metavar="NAME")
    g.add_argument("--url-field", default="url", metavar="NAME")
    g.add_argument("--output-field", metavar="NAME")
    g.add_argument("--annotate", action="store_true")
    g.add_argument("--on-error", choices=("pass", "drop", "fail"), default="pass")
    g.add_argument("--max-bytes", type=int, metavar="N", help="bytes; 0: no limit (default 32 MiB)")
    g = p.add_argument_group("cleaning (as newsclean)")
    g.add_argument("--rules", action="append", default=[], metavar="FILE|DIR")
    g.add_argument("--no-default-rules", action="store_true")
    g.add_argument("--disable", action="append", default=[], metavar="ID|CATEGORY")
    g.add_argument("--keep-captions", action="store_true")
    g.add_argument("--site", metavar="DOMAIN")
    g.add_argument("--url", metavar="URL")
    g.add_argument("--lang", metavar="CODE")
    g.add_argument("--text", dest="format", action="store_const", const="text", default="auto")
    g.add_argument("--html", dest="format", action="store_const", const="html")
    g.add_argument("--nfkc", action="store_true")
    g.add_argument("--ascii-punct", action="store_true")
    g.add_argument("--no-reflow", action="store_true")
    g.add_argument("--no-heuristics", action="store_true")
    return p


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        cleaner = newsclean.Cleaner(rules=args.rules, builtin_rules=not args.no_default_rules,
                                    disable=args.disable + (["caption"] if args.keep_captions else []))
    except newsclean.RuleError as e:
        print(e, file=sys.stderr)
        return 3
    options = dict(field=args.field, html_field=args.html_field, url_field=args.url_field,
                   output_field=args.output_field, annotate=args.annotate, on_error=args.on_error,
                   url=args.url, site=args.site, lang=args.lang, format=args.format, nfkc=args.nfkc,
                   ascii_punct=args.ascii_punct, reflow=not args.no_reflow, heuristics=not args.no_heuristics)
    if args.max_bytes is not None:
        options["max_bytes"] = args.max_bytes
    progress = sys.stderr.isatty() if args.progress is None else args.progress

    from distributed import Client

    start = time.monotonic()
    cluster = None
    try:
        if args.scheduler:
            client = Client(args.scheduler)
        else:
            cluster = local_cluster(args.workers or None, memory_limit=args.memory_limit,
                                    dashboard_address=args.dashboard or ":0")
            client = Client(cluster)
        if args.dashboard or args.scheduler:
            print(f"newsclean.dask: dashboard at {client.dashboard_link}", file=sys.stderr)
        with client:
            figures = clean_jsonl_files(args.inputs, args.out_dir, client, cleaner=cleaner, progress=progress,
                                        **options)
    except RecordStopped as e:
        print(f"newsclean: {e}", file=sys.stderr)
        return 4
    except (FileNotFoundError, ValueError, OSError) as e:
        print(f"newsclean.dask: {e}", file=sys.stderr)
        return 2
    finally:
        if cluster is not None:
            cluster.close()
    for f in figures:
        for number, why in f["notes"]:
            print(f"newsclean: {f['shard']}:{number}: {why}", file=sys.stderr)
        if f["notes_total"] > len(f["notes"]):
            print(f"newsclean: {f['shard']}: {f['notes_total'] - len(f['notes'])} more notes", file=sys.stderr)
    seconds = time.monotonic() - start
    total = {k: sum(f[k] for f in figures) for k in ("read", "written", "changed", "errors", "bytes")}
    peak = max((f["peak_rss_mb"] for f in figures), default=0.0)
    print(f"newsclean.dask: {len(figures)} shard(s), {total['read']} record(s) read, {total['written']} written, "
          f"{total['changed']} changed, {total['errors']} in error; {total['bytes'] / 1e6:.1f} MB in {seconds:.1f} s "
          f"({total['bytes'] / 1e6 / max(seconds, 1e-9):.1f} MB/s); peak worker memory {peak:.0f} MB",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    # Run the imported module's main, so the tasks sent to the workers refer
    # to newsclean.dask, which they can import, not to __main__.
    from newsclean.dask import main as _main

    sys.exit(_main())
