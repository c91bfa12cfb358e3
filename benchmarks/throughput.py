"""Throughput and scale of `dateline analyze` beside a bare `nlp.pipe`, all in one run.

Prints, on the same texts and process count: docs/s and tokens/s of (a) a bare `nlp.pipe` of the model as
spaCy ships it over the full texts and (b) `analyze` end to end into a fresh store, the ratio b/a with
selective parsing off and on, the share of text the selective plan parses, per-stage seconds, peak RSS
per process, the efficiency of 2 workers against 1 (local pool, and Dask with --dask), and with --rss the
peak RSS at given corpus sizes (generated articles). With --long the corpus is 200 long real articles
(PolNeAR's texts, about 750 tokens) and the figure is the user's wall clock: fresh processes on both sides,
start-up included, (a) a script that loads the stock model and runs `nlp.pipe` over the texts, (b)
`dateline analyze` of the same texts (one file each) into a fresh store, as the user runs it (the parse thread on
when the rest of the machine leaves a core idle while it loads its model) and with the parse thread off, in --repeats
rounds (default 3) of the three runs back to back, each round's ratios and their median; target ratio a/b >= 1. The
machine's load average is printed, because the CPU may be shared; CPU seconds are printed beside wall clock.
Reads `../shared/data/corpora/india_police_events/docs.jsonl` when present, else generates articles.
With --dask-cli, only fresh `dateline analyze` processes: one process held to one CPU with its parse thread off (the
baseline is one core's rate, see ``fresh_process_on_one_core``) against `--engine dask --workers 2` on every CPU,
--repeats pairs alternated, each pair's efficiency and their median and spread, the CPU each side used, the Dask
run's CPU bound (its CPU seconds over 2 cores) and its timeline per worker, read from the shards' manifests; with
--pool, the local pool's `--workers 2` beside.
Usage: python benchmarks/throughput.py [--docs N] [--workers N] [--dask] [--rss 1000,20000] [--long [--repeats N]]
       [--dask-cli [--repeats N] [--pool]]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

import psutil
import spacy

from dateline.config import Settings, settings_from_env
from dateline.eval import gold_root
from dateline.nlp import load_pipeline, plan_parse
from dateline.resources import load_resources
from dateline.run import RunReport, analyze_paths

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parse import generated_texts, load_texts  # the sibling benchmark's corpus and generator, one definition

FILES = 32  # the corpus is written as this many files, so the Dask engine has partitions to spread
POLNEAR = ("quotes", "polnear")


def long_texts(count: int) -> tuple[list[str], str]:
    """``count`` long real news articles (PolNeAR's texts, about 750 tokens on average), spread over its
    outlets by taking every n-th file in name order; None found means generated ones."""
    files = sorted(gold_root().joinpath(*POLNEAR).glob("*/text/*.txt"))
    if not files:
        print(f"PolNeAR texts not found under {gold_root().joinpath(*POLNEAR)}; generating", file=sys.stderr)
        return generated_texts(count), "generated"
    step = max(1, len(files) // count)
    return [path.read_text(encoding="utf-8") for path in files[::step][:count]], "PolNeAR article texts"


def write_corpus(folder: Path, texts: list[str]) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    handles = [(corpus / f"part{number:02}.jsonl").open("w", encoding="utf-8") for number in range(FILES)]
    for number, text in enumerate(texts):
        handles[number % FILES].write(json.dumps({"id": f"doc{number}", "text": text}) + "\n")
    for handle in handles:
        handle.close()
    return corpus


class PeakMemory:
    """Samples the resident set and CPU time of this process and all its descendants; keeps each one's peak RSS
    and its last CPU seconds (a worker that has exited keeps what it had used at the last sample)."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for process in [me, *me.children(recursive=True)]:
                try:
                    rss = process.memory_info().rss
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)
                self.cpu[process.pid] = times.user + times.system
            self._stop.wait(0.1)

    def __enter__(self) -> PeakMemory:
        self.cpu_at_start = sum(os.times()[:2])
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu[os.getpid()] = sum(os.times()[:2]) - self.cpu_at_start

    def summary(self) -> str:
        me = os.getpid()
        main = self.peaks.get(me, 0)
        others = sorted((rss for pid, rss in self.peaks.items() if pid != me), reverse=True)
        text = f"main {main / 2**20:.0f} MB"
        if others:
            text += ", workers " + ", ".join(f"{rss / 2**20:.0f}" for rss in others) + " MB"
        return text

    def cpu_summary(self, seconds: float) -> str:
        """CPU seconds of the main process and of each child that used any, and each one's busy share of
        ``seconds`` of wall clock (what a worker did not use, it waited for)."""
        me = os.getpid()
        children = sorted((cpu for pid, cpu in self.cpu.items() if pid != me and cpu > 0.05), reverse=True)
        parts = [f"main {self.cpu.get(me, 0.0):.1f}s ({self.cpu.get(me, 0.0) / seconds:.0%} busy)"]
        parts += [f"worker {cpu:.1f}s ({cpu / seconds:.0%} busy)" for cpu in children]
        return ", ".join(parts)


@contextmanager
def selective(on: bool) -> Iterator[None]:
    previous = os.environ.get("DATELINE_SELECTIVE_PARSE")
    os.environ["DATELINE_SELECTIVE_PARSE"] = "1" if on else "0"  # forked pool workers inherit it
    try:
        yield
    finally:
        if previous is None:
            del os.environ["DATELINE_SELECTIVE_PARSE"]
        else:
            os.environ["DATELINE_SELECTIVE_PARSE"] = previous


@dataclass(frozen=True, slots=True)
class Timed:
    result: Any
    seconds: float  # wall clock
    cpu_seconds: float  # this process and its finished children: what other jobs on a shared CPU do not inflate
    memory: PeakMemory


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(run: Callable[[], Any]) -> Timed:
    with PeakMemory() as memory:
        started, cpu_started = time.perf_counter(), cpu_seconds()
        result = run()
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    return Timed(result, seconds, cpu, memory)


def analyze_into_fresh_store(corpus: Path, settings: Settings, **engine: Any) -> RunReport:
    with tempfile.TemporaryDirectory() as folder:
        store = replace(settings, db=Path(folder) / "bench.db")
        return analyze_paths([str(corpus)], store, shards=Path(folder) / "shards", **engine)


BARE_PIPE = (
    "import json, sys, spacy\n"
    "nlp = spacy.load(sys.argv[1])\n"
    "texts = [open(path, encoding='utf-8').read() for path in sys.argv[2:]]\n"
    "print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=32)))\n"
)


def fresh_process(
    command: list[str], env: dict[str, str] | None = None, cpus: set[int] | None = None
) -> tuple[float, float, str]:
    """Wall clock and CPU seconds of a command in a fresh process (workers included), and its output; ``env`` and
    ``cpus`` (the CPUs it may run on) as given, else this process's."""
    before = os.times()
    started = time.perf_counter()
    pinned = None if cpus is None else (lambda: os.sched_setaffinity(0, cpus))
    done = subprocess.run(command, capture_output=True, text=True, env=env, preexec_fn=pinned)
    seconds = time.perf_counter() - started
    after = os.times()
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[:3]} failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = after.children_user + after.children_system - before.children_user - before.children_system
    return seconds, cpu, done.stdout + done.stderr


def user_wall_clock(texts: list[str], model: str, repeats: int) -> None:
    """Fresh processes, start-up included: bare `nlp.pipe` over the texts against `dateline analyze` of them, in
    ``repeats`` rounds, each round's three runs back to back, so that each ratio compares runs minutes apart at
    most (this machine's speed drifts by a sixth from one quarter of an hour to the next)."""
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "texts"
        corpus.mkdir()
        paths = []
        for number, text in enumerate(texts):
            paths.append(corpus / f"{number:04}.txt")
            paths[-1].write_text(text, encoding="utf-8")
        dateline = str(Path(sys.executable).with_name("dateline"))
        setting = os.environ.get("DATELINE_PARSE_THREAD", "auto")
        ratios: dict[str, list[float]] = {"as run": [], "one thread": []}
        for round_number in range(1, repeats + 1):
            runs = {}
            # As the user runs it (the parse thread decided by the run as it loads its model), the bare parse,
            # then dateline with the parse thread off.
            for name, chosen in (("as run", setting), ("one thread", "0")):
                db = Path(folder) / f"{name.replace(' ', '-')}-{round_number}.db"
                command = [dateline, "analyze", str(corpus), "--db", str(db), "-q", "--model", model]
                started_at = load_average()
                thread = {**os.environ, "DATELINE_PARSE_THREAD": chosen}
                runs[name] = (*fresh_process(command, env=thread), _parse_thread_of(db), started_at)
                if name == "as run":
                    bare, bare_cpu, output = fresh_process([sys.executable, "-c", BARE_PIPE, model, *map(str, paths)])
            if round_number == 1:
                tokens = int(output.split()[-1])
                average = tokens / len(texts)
                print(f"long real articles: {len(texts)} docs, {average:.0f} tokens on average, model {model}")
            print(f"round {round_number} of {repeats}")
            print(f"(a) fresh process, spacy.load + nlp.pipe: {bare:.1f}s wall, {bare_cpu:.1f}s CPU")
            for name, (analyze, analyze_cpu, summary, threaded, started_at) in runs.items():
                parse = "parse thread on" if threaded else "parse thread off"
                print(f"(b) fresh process, dateline analyze, {name} ({parse}; {started_at} at its start):")
                print(f"    {analyze:.1f}s wall, {analyze_cpu:.1f}s CPU")
                print(f"    ratio a/b (target >= 1): wall clock {bare / analyze:.3f}, CPU {bare_cpu / analyze_cpu:.3f}")
                print(f"    {summary.strip().splitlines()[-1]}")
                ratios[name].append(bare / analyze)
    for name, values in ratios.items():
        listed = ", ".join(f"{value:.3f}" for value in values)
        print(f"wall-clock ratio a/b, {name}: median {median(values):.3f} of {len(values)} rounds ({listed})")


def _parse_thread_of(db: Path) -> bool:
    import sqlite3

    with sqlite3.connect(db) as connection:
        (config,) = connection.execute("SELECT config FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    return bool(json.loads(config).get("parse_thread"))


def one_core() -> set[int]:
    """The CPU the one-process baseline is held to: the last this benchmark may use."""
    return {max(os.sched_getaffinity(0))}


def fresh_process_on_one_core(command: list[str]) -> tuple[float, float, str]:
    """``fresh_process`` held to one CPU, with the parse thread off: the baseline of the efficiency is one core.

    Left free, `dateline analyze` in one process parses in a second thread when it finds a core idle as it starts
    (``DATELINE_PARSE_THREAD=auto``), and then uses up to about 1.2 cores: 46 CPU s in 39.8 s of wall clock in one
    run. Twice that rate is not what two cores of one-process analysis would give, and whether the thread runs
    depends on the load average of the moment, so the baseline moved by a quarter between runs minutes apart. The
    affinity keeps everything in the process (threads of BLAS included) on one CPU; the parse thread is set off
    explicitly as well, because on one CPU it only hands the interpreter lock back and forth.
    """
    return fresh_process(command, env={**os.environ, "DATELINE_PARSE_THREAD": "0"}, cpus=one_core())


@dataclass(frozen=True, slots=True)
class DaskRun:
    seconds: float
    client_cpu: float
    worker_cpu: list[float]  # largest first
    forkserver_cpu: float  # the process the workers were forked from (0 when they were spawned)
    timeline: list[Partition]

    @property
    def cpu_seconds(self) -> float:
        return self.client_cpu + sum(self.worker_cpu) + self.forkserver_cpu


def dask_run(command: list[str], shards: Path) -> DaskRun:
    """`--engine dask --workers 2` in a fresh client, free to use every CPU; the CPU of each of its processes,
    sampled every 0.1 s (the workers are not reaped by the client, so its children's times do not hold them)."""
    started, launched = time.perf_counter(), time.time()
    client = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu: dict[int, float] = {}
    forkservers: set[int] = set()
    while client.poll() is None:
        for process in [client, *client.children(recursive=True)]:
            try:
                if process.pid not in cpu and _is_forkserver(process, client.pid):
                    forkservers.add(process.pid)
                times = process.cpu_times()
            except psutil.Error:
                continue
            cpu[process.pid] = times.user + times.system
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    workers = sorted(
        (value for pid, value in cpu.items() if pid != client.pid and pid not in forkservers and value > 0.05),
        reverse=True,
    )
    forkserver = sum(cpu[pid] for pid in forkservers)
    return DaskRun(seconds, cpu.get(client.pid, 0.0), workers, forkserver, partition_timeline(shards, launched))


def _is_forkserver(process: psutil.Process, client: int) -> bool:
    # The workers forked from it carry the same command line, but they are its children, not the client's.
    return process.ppid() == client and "multiprocessing.forkserver" in " ".join(process.cmdline())


def dask_as_the_user_runs_it(texts: list[str], model: str, repeats: int, with_pool: bool) -> None:
    """Fresh processes, start-up included, on the same files: `dateline analyze` in one process held to one CPU
    against `--engine dask --workers 2` on every CPU, ``repeats`` pairs, each pair's order the reverse of the
    last's (one, dask, dask, one, ...) so that a drift in the machine's speed falls on both sides. Prints each
    pair's efficiency (the issue's: one process's wall clock / (2 x the Dask run's)), their median and spread, the
    CPU each side used, and the articles each store holds. ``with_pool`` adds the local pool's `--workers 2`."""
    dateline = str(Path(sys.executable).with_name("dateline"))
    print(f"dask as the user runs it: {len(texts)} articles, fresh processes, start-up included, {repeats} pairs")
    print(f"  the one process is held to CPU {sorted(one_core())} with the parse thread off; Dask uses every CPU")
    efficiencies, ones, one_cpus, dasks, dask_cpus = [], [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        corpus = write_corpus(Path(folder), texts)
        command = [dateline, "analyze", str(corpus), "-q", "--model", model]
        for repeat in range(repeats):
            one_db, dask_db, pool_db = (Path(folder) / f"{name}{repeat}.db" for name in ("one", "two", "pool"))
            at_start = load_average()
            sides = ["one", "dask"] if repeat % 2 == 0 else ["dask", "one"]
            for side in sides:
                if side == "one":
                    one, one_cpu, _ = fresh_process_on_one_core([*command, "--db", str(one_db)])
                else:
                    run = dask_run(
                        [*command, "--db", str(dask_db), "--engine", "dask", "--workers", "2"],
                        Path(f"{dask_db}.shards"),
                    )
            if _parse_thread_of(one_db):  # the store's record of the run: the baseline must have been one thread
                raise SystemExit("the one-process run parsed in a second thread; its baseline is not one core")
            stored = [_articles_in(one_db), _articles_in(dask_db)]
            efficiency = one / (2 * run.seconds)
            efficiencies.append(efficiency)
            ones.append(one)
            one_cpus.append(one_cpu)
            dasks.append(run.seconds)
            dask_cpus.append(run.cpu_seconds)
            print(f"  pair {repeat + 1} ({' then '.join(sides)}; {at_start} at its start):")
            print(
                f"    1 process {one:.1f}s wall, {one_cpu:.1f}s CPU; dask {run.seconds:.1f}s wall, "
                f"{run.cpu_seconds:.1f}s CPU ({run.cpu_seconds / one_cpu:.2f} x): efficiency {efficiency:.3f}; "
                f"articles stored {stored}"
            )
            print(
                f"    dask CPU: client {run.client_cpu:.1f}s ({run.client_cpu / run.seconds:.0%} of the wall clock), "
                + ", ".join(f"worker {value:.1f}s ({value / run.seconds:.0%} busy)" for value in run.worker_cpu)
                + f", forkserver {run.forkserver_cpu:.1f}s"
                + f"; with no core idle it would take {run.cpu_seconds / 2:.1f}s, so on a quiet machine the efficiency "
                f"is at most {one / run.cpu_seconds:.3f}"
            )
            print_timeline(run.timeline, run.seconds)
            if with_pool:
                pool, pool_cpu, _ = fresh_process([*command, "--db", str(pool_db), "--workers", "2"])
                print(
                    f"    local pool, 2 workers: {pool:.1f}s wall, {pool_cpu:.1f}s CPU, efficiency "
                    f"{one / (2 * pool):.3f}; articles stored {_articles_in(pool_db)}"
                )
    print(
        f"  efficiency 1 process / (2 x dask) (target >= 0.85): median {median(efficiencies):.3f}, "
        f"spread {min(efficiencies):.3f}-{max(efficiencies):.3f} over {repeats} pairs "
        f"({', '.join(f'{value:.3f}' for value in efficiencies)})"
    )
    print(
        f"  1 process: wall median {median(ones):.1f}s ({min(ones):.1f}-{max(ones):.1f}), CPU median "
        f"{median(one_cpus):.1f}s ({min(one_cpus):.1f}-{max(one_cpus):.1f})"
    )
    print(
        f"  dask 2 workers: wall median {median(dasks):.1f}s ({min(dasks):.1f}-{max(dasks):.1f}), CPU median "
        f"{median(dask_cpus):.1f}s ({min(dask_cpus):.1f}-{max(dask_cpus):.1f}); CPU ratio median "
        f"{median([d / o for d, o in zip(dask_cpus, one_cpus, strict=True)]):.2f}"
    )


@dataclass(frozen=True, slots=True)
class Partition:
    process: int
    started: float  # seconds after the Dask command was launched
    analysed: float
    written: float  # the manifest's modification time: the shard's last file
    cpu_seconds: float


def partition_timeline(shards: Path, launched: float) -> list[Partition]:
    """Each partition's start and end on its worker, from the shards' manifests (``cluster.partition_timing``)."""
    partitions = []
    for manifest in shards.glob("part-*/manifest.json"):
        timing = json.loads(manifest.read_text(encoding="utf-8")).get("timing")
        if timing:
            start, end = timing["started"] - launched, timing["analysed"] - launched
            written = manifest.stat().st_mtime - launched
            partitions.append(Partition(timing["process"], start, end, written, timing["cpu_seconds"]))
    return sorted(partitions, key=lambda partition: partition.started)


def print_timeline(partitions: list[Partition], wall: float) -> None:
    """When the workers waited: before their first partition, between partitions, after their last one."""
    if not partitions:
        return
    print(f"  timeline (s after launch): first partition started at {partitions[0].started:.2f}")
    ends = []
    for process in sorted({partition.process for partition in partitions}):
        own = [partition for partition in partitions if partition.process == process]
        gaps = sum(later.started - earlier.written for earlier, later in pairwise(own))
        busy = sum(partition.analysed - partition.started for partition in own)
        writing = sum(partition.written - partition.analysed for partition in own)
        ends.append(own[-1].written)
        print(
            f"    worker {process}: {len(own)} partitions from {own[0].started:.2f} to {own[-1].written:.2f}, "
            f"analysing {busy / wall:.0%} of the wall clock, writing shards {writing:.2f}s, {gaps:.2f}s between "
            f"partitions; partitions' CPU {sum(partition.cpu_seconds for partition in own):.1f}s"
        )
    print(
        f"    last partitions ended {max(ends) - min(ends):.2f}s apart; the command ended {wall - max(ends):.2f}s "
        "after the last (its shard stored and linked, the cluster closed)"
    )


def _articles_in(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


def load_average() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg()) + f" on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1, help="process count of (a) and (b)")
    parser.add_argument("--dask", action="store_true", help="also time the Dask engine at 1 and 2 workers")
    parser.add_argument("--rss", default="", help="comma-separated corpus sizes for peak RSS (generated articles)")
    parser.add_argument("--long", action="store_true", help="only the user's wall clock on long real articles")
    parser.add_argument(
        "--dask-cli", action="store_true", help="only fresh `dateline analyze`: 1 process against dask, 2 workers"
    )
    parser.add_argument(
        "--repeats", type=int, help="pairs of runs with --dask-cli (default 5), rounds with --long (default 3)"
    )
    parser.add_argument("--pool", action="store_true", help="with --dask-cli, also the local pool's --workers 2")
    args = parser.parse_args()
    settings = settings_from_env()
    if args.dask_cli:
        print(f"start: {load_average()}")
        dask_as_the_user_runs_it(load_texts(args.docs)[0], settings.spacy_model, args.repeats or 5, args.pool)
        print(f"end: {load_average()}")
        return
    if args.long:
        print(f"start: {load_average()}")
        user_wall_clock(long_texts(args.docs)[0], settings.spacy_model, args.repeats or 3)
        print(f"end: {load_average()}")
        return
    texts, origin = load_texts(args.docs)
    print(f"start: {load_average()}")
    # (a) is the model exactly as spaCy ships it: the parse any spaCy-based tool pays for.
    stock = spacy.load(settings.spacy_model)
    nlp = load_pipeline(settings.spacy_model)
    load_resources()
    for pipeline in (stock, nlp):
        list(pipeline.pipe(texts[:8]))  # warm-up, on both sides: first batches pay one-off allocation costs
    plans = [plan_parse(text, nlp) for text in texts]
    kept = sum(len(part) for plan in plans for part, needed in plan if needed) / max(1, sum(map(len, texts)))

    bare = timed(lambda: sum(len(doc) for doc in stock.pipe(texts, batch_size=32, n_process=args.workers)))
    tokens = bare.result
    with tempfile.TemporaryDirectory() as folder:
        corpus = write_corpus(Path(folder), texts)
        runs: dict[str, Timed] = {}
        for name, on in (("full parse", False), ("selective parse", True)):
            with selective(on):
                runs[name] = timed(lambda: analyze_into_fresh_store(corpus, settings, workers=args.workers))
        with selective(False):
            one = runs["full parse"] if args.workers == 1 else timed(lambda: analyze_into_fresh_store(corpus, settings))
            two = (
                runs["full parse"]
                if args.workers == 2
                else timed(lambda: analyze_into_fresh_store(corpus, settings, workers=2))
            )
            dask = {
                count: timed(
                    lambda count=count: analyze_into_fresh_store(corpus, settings, engine="dask", workers=count)
                )
                for count in ((1, 2) if args.dask else ())
            }

    print(f"corpus: {origin}, {len(texts)} docs, {tokens} tokens, model {settings.spacy_model}, workers {args.workers}")
    print(f"{'':32}{'docs/s':>9}{'tokens/s':>10}{'seconds':>9}{'ratio b/a':>11}{'CPU s':>8}{'CPU ratio':>11}  peak RSS")
    rates = f"{len(texts) / bare.seconds:>9.1f}{tokens / bare.seconds:>10.0f}{bare.seconds:>9.2f}"
    print(f"{'(a) bare nlp.pipe':32}{rates}{'':>11}{bare.cpu_seconds:>8.1f}{'':>11}  {bare.memory.summary()}")
    for name, run in runs.items():
        label = f"(b) analyze, {name}"
        print(
            f"{label:32}{len(texts) / run.seconds:>9.1f}{tokens / run.seconds:>10.0f}{run.seconds:>9.2f}"
            f"{bare.seconds / run.seconds:>11.3f}{run.cpu_seconds:>8.1f}{bare.cpu_seconds / run.cpu_seconds:>11.3f}"
            f"  {run.memory.summary()}   ({run.result.articles_added} stored)"
        )
    print(f"selective plan: {kept:.1%} of the text goes through the statistical pipes")
    report = runs["full parse"].result
    print("stage seconds (full parse): " + ", ".join(f"{k}={v:.2f}" for k, v in report.stage_seconds.items()))
    efficiency = one.seconds / (2 * two.seconds)
    print(
        f"local pool efficiency at 2 workers: {efficiency:.3f}  (1 worker {one.seconds:.1f}s, "
        f"2 workers {two.seconds:.1f}s; CPU {one.cpu_seconds:.1f}s and {two.cpu_seconds:.1f}s)"
    )
    if dask:
        first, second = dask[1].seconds, dask[2].seconds
        print(
            f"dask LocalCluster, cluster start-up included: 1 worker {first:.1f}s, 2 workers {second:.1f}s, "
            f"efficiency {first / (2 * second):.3f}; peak RSS {dask[2].memory.summary()}"
        )
        # The target: 2 Dask workers against twice the rate of one plain process (no Dask at all).
        print(
            f"dask 2 workers against 1 process (target >= 0.85): {one.seconds / (2 * second):.3f} "
            f"(1 process {one.seconds:.1f}s wall, {one.cpu_seconds:.1f}s CPU; dask {second:.1f}s wall, "
            f"{dask[2].cpu_seconds:.1f}s CPU: {dask[2].cpu_seconds / one.cpu_seconds:.2f} x the CPU)"
        )
        print(f"dask 2 workers, CPU per process: {dask[2].memory.cpu_summary(second)}")
    for size in (int(value) for value in args.rss.split(",") if value):
        with tempfile.TemporaryDirectory() as folder:
            generated = write_corpus(Path(folder), generated_texts(size))
            run = timed(lambda corpus=generated: analyze_into_fresh_store(corpus, settings, workers=args.workers))
        stored = f"({run.result.articles_added} stored, {run.seconds:.0f}s)"
        print(f"peak RSS at {size} generated articles {stored}: {run.memory.summary()}")
    print(f"end: {load_average()}")


if __name__ == "__main__":
    main()
