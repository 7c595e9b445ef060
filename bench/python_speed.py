"""The Python module's speed beside the C++ library and the command, in one
run (see bench/python_speed.sh, which sets the paths).

1. clean() from Python on 10,000 short articles against the library alone
   (bench/library_speed.cc), one thread each, best of a few interleaved rounds,
   by wall time and by CPU time (which the other processes' load stretches less).
2. The GIL released: two Python threads on one Cleaner against one thread.
3. clean_many(jobs=2) against clean_many(jobs=1), the library's own threads
   (the ceiling), in the same interleaved rounds as 2. The threads of 2 take
   documents from one shared iterator, as a pool does: the two cores of a
   virtual machine need not run at the same speed, and a fixed half each
   would wait for the slower. On a machine other processes load, the
   wall-time ratios measure their load (Linux shares the cores between
   sessions, so two threads need not get two cores), so 2 is also given from
   each thread's own time: its wall time less the time it waited for a core
   held by another process (/proc/self/task/TID/schedstat), GIL waits kept in.
4. newsclean.dask on a LocalCluster of 2 workers over generated JSONL shards
   against `newsclean --jsonl -j 2` on the same files, outputs compared byte
   for byte; peak memory of each worker and of the command. The two take
   turns, --dask-rounds times each on one cluster, and the ratio is of the
   best times (with the median of the rounds' ratios beside it): on a shared
   machine one stretch of a neighbour's load halved the ratio of a single
   pair of runs.
5. The fault run: the same shards (a part of them) with a worker killed
   mid-shard, and without: records in and out, duplicates, times.
"""

import argparse
import collections
import json
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "python", "tests"))

import corpus  # noqa: E402
import newsclean  # noqa: E402
import newsclean.dask as nd  # noqa: E402


def best_of(rounds, f):
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def short_articles(n, seed=3):
    rng = random.Random(seed)
    texts = [t.encode("utf-8") for t in corpus.fixture_texts(SOURCE) if len(t) < 4000 and "\0" not in t]
    return [rng.choice(texts) for _ in range(n)]


def speed(build, work, rounds):
    docs = short_articles(10000)
    nul = os.path.join(work, "docs.nul")
    with open(nul, "wb") as f:
        f.write(b"\0".join(docs))
    cleaner = newsclean.Cleaner()
    mb = sum(map(len, docs)) / 1e6
    print(f"10,000 short articles, {mb:.1f} MB (mean {sum(map(len, docs)) / len(docs):.0f} bytes)")

    for d in docs:  # the same warm-up the library's bench has
        cleaner.clean(d)
    cpp, py_bytes, py_str = [], [], []  # (wall, CPU) seconds of each round

    def run_cpp():
        out = subprocess.run([os.path.join(build, "library_speed"), nul, "1"], capture_output=True, check=True)
        fields = out.stdout.split()
        cpp.append((float(fields[1]), float(fields[4])))

    def timed(f):
        t, c = time.perf_counter(), time.thread_time()
        f()
        return time.perf_counter() - t, time.thread_time() - c

    def run_bytes():
        py_bytes.append(timed(lambda: [cleaner.clean(d) for d in docs]))

    def run_str():
        strs = [d.decode("utf-8") for d in docs]  # new str objects: their UTF-8 form is made in the timed loop
        py_str.append(timed(lambda: [cleaner.clean(s) for s in strs]))

    order = random.Random(1)
    for _ in range(rounds):  # interleaved, in a new order each round, so that the load falls on all alike
        for run in order.sample([run_cpp, run_bytes, run_str], 3):
            run()
    (c, cc), (b, bc), (s, sc) = [(min(w for w, _ in x), min(u for _, u in x)) for x in (cpp, py_bytes, py_str)]
    print(f"  C++ library, 1 thread      {10000 / c:9.0f} docs/s")
    print(f"  Python clean(bytes)        {10000 / b:9.0f} docs/s   {c / b:.2f}x the library ({cc / bc:.2f}x by CPU time)")
    print(f"  Python clean(str)          {10000 / s:9.0f} docs/s   {c / s:.2f}x the library ({cc / sc:.2f}x by CPU time)")
    empty = best_of(rounds, lambda: [cleaner.clean(b"") for _ in range(100000)]) / 100000
    print(f"  a call on an empty document: {empty * 1e6:.1f} us (the binding's cost, with the library's "
          f"fixed cost), against {c / 10000 * 1e6:.0f} us per article")

    threads_and_jobs(cleaner, docs, rounds)
    assert cleaner.clean_many(docs, jobs=2) == [cleaner.clean(d) for d in docs]


def schedstat(tid):
    """(CPU seconds, seconds waiting for a core) of a thread so far, from
    Linux's /proc; None where there is none."""
    try:
        with open(f"/proc/self/task/{tid}/schedstat") as f:
            cpu, wait = f.read().split()[:2]
        return int(cpu) / 1e9, int(wait) / 1e9
    except (OSError, ValueError):
        return None


def python_threads(cleaner, docs, n):
    """n Python threads clean `docs` on one Cleaner, each taking the next
    document from a shared iterator. Returns the wall time and, per thread,
    (documents, wall, CPU, run-queue wait) seconds (CPU and wait None without
    /proc)."""
    it = iter(docs)
    per = []

    def work():
        clean, done = cleaner.clean, 0
        tid = threading.get_native_id()
        s0, t0 = schedstat(tid), time.perf_counter()
        for d in it:
            clean(d)
            done += 1
        wall, s1 = time.perf_counter() - t0, schedstat(tid)
        per.append((done, wall, s1[0] - s0[0], s1[1] - s0[1]) if s0 and s1 else (done, wall, None, None))

    ts = [threading.Thread(target=work) for _ in range(n)]
    t = time.perf_counter()
    for x in ts:
        x.start()
    for x in ts:
        x.join()
    return time.perf_counter() - t, per


def threads_and_jobs(cleaner, docs, rounds):
    walls = collections.defaultdict(list)  # ("threads" | "jobs", n) -> wall time of each round
    # n -> the round's time had the threads had the cores to themselves: each
    # thread's rate is its documents over its wall time less its run-queue
    # wait (GIL waits stay in), and the rates add up.
    own = collections.defaultdict(list)
    waited = collections.defaultdict(float)  # n -> seconds the threads waited for a core held by others
    gil = collections.defaultdict(float)     # n -> seconds they slept (GIL waits)
    spent = collections.defaultdict(float)   # n -> the threads' wall seconds in all

    def threads(n):
        wall, per = python_threads(cleaner, docs, n)
        walls["threads", n].append(wall)
        if all(c is not None for _, _, c, _ in per):
            own[n].append(len(docs) / sum(k / max(w - q, 1e-6) for k, w, _, q in per if k))
            waited[n] += sum(q for _, _, _, q in per)
            gil[n] += sum(max(0.0, w - c - q) for _, w, c, q in per)
            spent[n] += sum(w for _, w, _, _ in per)

    def jobs(n):
        t = time.perf_counter()
        cleaner.clean_many(docs, jobs=n)
        walls["jobs", n].append(time.perf_counter() - t)

    runs = [lambda: threads(1), lambda: threads(2), lambda: jobs(1), lambda: jobs(2)]
    order = random.Random(2)
    for _ in range(rounds):  # interleaved, in a new order each round
        for run in order.sample(runs, len(runs)):
            run()
    med = statistics.median
    th = med(walls["threads", 1]) / med(walls["threads", 2])
    jb = med(walls["jobs", 1]) / med(walls["jobs", 2])
    print(f"  GIL released: 2 Python threads {th:.2f}x the work of 1 in the same time (median of {rounds} rounds; "
          f"best {min(walls['threads', 1]) / min(walls['threads', 2]):.2f}x)")
    print(f"  clean_many(jobs=2)         {jb:.2f}x clean_many(jobs=1) ({len(docs) / med(walls['jobs', 1]):.0f} and "
          f"{len(docs) / med(walls['jobs', 2]):.0f} docs/s), the library's threads in the same rounds; "
          f"Python threads {th / jb:.2f}x that")
    if own[1] and own[2]:
        calls = rounds * len(docs)
        print(f"  without the other processes' load: 2 Python threads {med(own[1]) / med(own[2]):.2f}x the work of 1 "
              f"(the threads waited for a core held by others {100 * waited[1] / spent[1]:.0f}% of the time with 1 "
              f"thread, {100 * waited[2] / spent[2]:.0f}% with 2; they slept {1e6 * gil[2] / calls:.1f} us per call with 2 "
              f"(GIL waits), {1e6 * gil[1] / calls:.1f} with 1)")


def start_cluster():
    from distributed import Client

    cluster = nd.local_cluster(2, silence_logs=50)  # as `python3 -m newsclean.dask` starts it
    return cluster, Client(cluster)


def peak_rss_of_workers(figures):
    peak = collections.defaultdict(float)
    for f in figures:
        peak[f["pid"]] = max(peak[f["pid"]], f["peak_rss_mb"])
    return sorted(peak.values(), reverse=True)


def same_as_command(cli_out, paths, out_dir):
    """Whether the shards written to out_dir, one after another, are the
    command's output byte for byte."""
    with open(cli_out, "rb") as want:
        for p in paths:
            with open(os.path.join(out_dir, nd.output_name(p)), "rb") as f:
                while True:
                    a = f.read(1 << 20)
                    if not a:
                        break
                    if want.read(len(a)) != a:
                        return False
        return want.read(1) == b""


def dask_vs_command(binary, work, size_mb, shards, rounds):
    """The command and the cluster over the same shards, alternately, `rounds`
    times each on one cluster (started once, its start-up timed apart): the
    best and the median of each, so that a noisy neighbour's load in one
    stretch of the run does not decide the ratio."""
    indir = os.path.join(work, "in")
    t = time.perf_counter()
    paths, lines = corpus.write_shards(indir, SOURCE, shards=shards, target_bytes=int(size_mb * 1e6 / shards))
    total = sum(os.path.getsize(p) for p in paths)
    print(f"\nJSONL: {shards} shards, {lines} records, {total / 1e6:.0f} MB (generated in {time.perf_counter() - t:.0f} s)")

    cli_out = os.path.join(work, "command.jsonl")
    cli_times, dask_times, cli_rss, figures, same = [], [], 0.0, [], True
    t = time.perf_counter()
    cluster, client = start_cluster()
    startup = time.perf_counter() - t
    try:
        for r in range(rounds):
            t = time.perf_counter()
            with open(cli_out, "wb") as out:
                run = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "--jsonl", "-j", "2", *paths], stdout=out,
                                     stderr=subprocess.PIPE, check=True)
            cli_times.append(time.perf_counter() - t)
            cli_rss = max(cli_rss, int(run.stderr.decode().strip().splitlines()[-1]) / 1024)
            out_dir = os.path.join(work, f"dask{r}")
            t = time.perf_counter()
            figures += nd.clean_jsonl_files(paths, out_dir, client)
            dask_times.append(time.perf_counter() - t)
            same = same and same_as_command(cli_out, paths, out_dir)
            shutil.rmtree(out_dir)
            print(f"  round {r + 1}: command {cli_times[-1]:.1f} s, Dask {dask_times[-1]:.1f} s "
                  f"({cli_times[-1] / dask_times[-1]:.2f}x)", flush=True)
    finally:
        client.close()
        cluster.close()
    peaks = peak_rss_of_workers(figures)
    cli_best, dask_best = min(cli_times), min(dask_times)
    ratio_median = statistics.median(c / d for c, d in zip(cli_times, dask_times))
    print(f"  newsclean --jsonl -j 2     {total / 1e6 / cli_best:7.1f} MB/s  (best of {rounds}: {cli_best:.1f} s, "
          f"peak RSS {cli_rss:.0f} MB)")
    print(f"  Dask LocalCluster(2)       {total / 1e6 / dask_best:7.1f} MB/s  (best of {rounds}: {dask_best:.1f} s; "
          f"{cli_best / dask_best:.2f}x the command, best over best; median of the rounds' ratios {ratio_median:.2f}x; "
          f"cluster start-up {startup:.1f} s once)")
    print(f"  peak RSS per worker process: {', '.join(f'{m:.0f} MB' for m in peaks)}")
    print(f"  outputs byte for byte equal to the command's, every round: {same}")
    return paths


def fault_run(work, paths):
    def run(kill):
        out = os.path.join(work, "fault-kill" if kill else "fault-calm")
        os.makedirs(out, exist_ok=True)
        cluster, client = start_cluster()
        killed = []

        def killer():
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline and not killed:
                entries = os.listdir(out)
                if any(".tmp-" not in e for e in entries):  # a shard is done: kill the next writer
                    for e in entries:
                        if ".tmp-" in e:
                            pid = int(e.rsplit(".tmp-", 1)[1].split("-")[0])
                            os.kill(pid, signal.SIGKILL)
                            killed.append(pid)
                            break
                time.sleep(0.005)

        th = threading.Thread(target=killer, daemon=True)
        if kill:
            th.start()
        try:
            t = time.perf_counter()
            figures = nd.clean_jsonl_files(paths, out, client)
            seconds = time.perf_counter() - t
        finally:
            killed.append(None)  # stops the killer
            client.close()
            cluster.close()
        records_in = sum(f["read"] for f in figures)
        ids, records_out = collections.Counter(), 0
        for p in paths:
            with open(os.path.join(out, nd.output_name(p)), "rb") as f:
                for line in f:
                    records_out += 1
                    try:
                        r = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(r, dict) and "meta" in r:
                        ids[r["id"]] += 1
        dups = sum(ids.values()) - len(ids)
        left = [e for e in os.listdir(out) if ".tmp-" in e]
        return records_in, records_out, dups, seconds, [k for k in killed if k], left

    calm = run(False)
    hit = run(True)
    print(f"\nFault run ({len(paths)} shards, {sum(os.path.getsize(p) for p in paths) / 1e6:.0f} MB), LocalCluster(2):")
    for name, (rin, rout, dups, seconds, killed, left) in (("no kill", calm), ("worker killed", hit)):
        print(f"  {name:14} records in {rin}, out {rout}, duplicates {dups}, {seconds:.1f} s"
              + (f", killed pid {killed[0]} mid-shard" if killed else "") + (f", temporary files left {left}" if left else ""))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default=os.path.join(SOURCE, "build"))
    p.add_argument("--mb", type=float, default=1000, help="JSONL size for the Dask run (default 1000 MB)")
    p.add_argument("--shards", type=int, default=16)
    p.add_argument("--dask-rounds", type=int, default=3, help="command/Dask rounds, alternately (default 3)")
    p.add_argument("--fault-shards", type=int, default=4)
    p.add_argument("--rounds", type=int, default=9)
    p.add_argument("--work", help="scratch folder (default: a temporary one, removed)")
    p.add_argument("--skip-dask", action="store_true")
    args = p.parse_args()
    binary = os.path.join(args.build, "newsclean")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the start")
    if args.work:
        os.makedirs(args.work, exist_ok=True)  # its own temporary folder goes inside
    with tempfile.TemporaryDirectory(dir=args.work) as work:
        speed(args.build, work, args.rounds)
        if not args.skip_dask:
            paths = dask_vs_command(binary, work, args.mb, args.shards, args.dask_rounds)
            fault_run(work, paths[: args.fault_shards])
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end; "
          f"this process's peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
