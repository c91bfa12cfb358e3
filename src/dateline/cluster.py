"""The Dask engine: the same stage code on a Dask cluster, partitions of input files in, Parquet shards out.

The client lists the input files and cuts them into partitions; a worker reads, parses and runs the stages
of one partition and writes its shard (``dateline.shards``); the client loads shards into the store as they
finish, so the store keeps its one writer. Dask reschedules the partitions of a worker that dies, and a
partition whose shard already exists is not analysed again: a rerun, or a resumed run, only loads.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dask
import distributed.utils
from dask.distributed import Client, LocalCluster, WorkerPlugin

from dateline import __version__, memory
from dateline.config import Settings, selective_parse_enabled
from dateline.errors import DatelineError
from dateline.model import Analysis
from dateline.read import ReadIssue, read_inputs
from dateline.read.walk import expand
from dateline.run import IssueCallback, RunReport, _analyze_in_process, _new_articles, analyses_from_shards
from dateline.shards import is_shard, write_shard
from dateline.store import Store
from dateline.warm_start import start_forkserver

# A partition is a few MB of input: small enough that a dead worker costs little and the cluster
# stays balanced, big enough that a shard is not a handful of rows.
PARTITION_BYTES = 4 * 1024 * 1024
PARTITION_FILES = 200
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    # Timers that wake every process's event loop many times a second to check on itself (a tick every 20 ms),
    # sample the system (every 0.5 s) and the worker's memory (every 0.1 s): together 1.5% of a core in each
    # process of an idle two-worker cluster, a fifth of that at these intervals (measured over 30 s).
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def analyze_on_dask(
    inputs: list[str],
    settings: Settings,
    store: Store,
    report: RunReport,
    issue: IssueCallback,
    scheduler: str | None,
    workers: int,
    shards: Path,
    profiles: dict[str, Any] | None = None,
) -> Iterator[Analysis]:
    """Analyse ``inputs`` on Dask and yield the analyses of finished shards that the store does not hold yet.
    ``profiles``: the outlets' profiles the places stage reads (``run.outlet_profiles``), sent to every worker once."""
    files = _input_files(inputs, issue)
    partitions = partition_files(files, max(1, workers))
    with _client(scheduler, workers, settings.spacy_model) as client:
        memory.loaded()  # Dask imported and the cluster up: what start-up made is never garbage
        # Workers of the cluster started here leave without tearing down their interpreter; a cluster of one's
        # own is left to its owner's ways.
        loader = PipelineLoader(settings.spacy_model, leave_quickly=scheduler is None)
        client.register_plugin(loader, name="dateline-pipeline")
        futures = {}
        # (a dict handed to scatter would be sent as one piece per key: the profiles go as one object)
        shared = client.scatter([profiles], broadcast=True)[0] if profiles else None
        for part in partitions:
            folder = shards / partition_name(part, settings)
            future = client.submit(
                analyze_partition, part, str(folder), settings.spacy_model, settings.max_bytes, shared, key=folder.name
            )
            futures[future] = part
        yield from analyses_from_shards(_finished(futures, issue), store, report, issue)


def _input_files(inputs: list[str], issue: IssueCallback) -> list[str]:
    files = []
    for item in inputs:
        if item == "-":
            raise DatelineError("standard input cannot be sent to Dask workers: save it to a file first")
        for path in expand(item):
            if isinstance(path, ReadIssue):
                issue(path)
            else:
                # Workers see the same paths when the input is on a shared file system.
                files.append(os.path.abspath(path))
    return files


def partition_files(files: list[str], workers: int) -> list[list[str]]:
    """Consecutive runs of files of at most about ``PARTITION_BYTES`` each, shrinking towards the end.

    Each partition takes a quarter of what remains per worker, down to a sixteenth of the input per worker: while
    one worker finishes the last partition the others wait, and the writer stores and links it after them all. With
    eight equal partitions on 400 articles one worker waited for about a tenth of the run.
    """
    sizes = [_size(path) for path in files]
    remaining = sum(sizes)
    smallest = max(1, remaining // (16 * workers))
    partitions: list[list[str]] = []
    current: list[str] = []
    current_bytes = 0
    target = _target(remaining, workers, smallest)
    for path, size in zip(files, sizes, strict=True):
        if current and (current_bytes + size > target or len(current) >= PARTITION_FILES):
            partitions.append(current)
            current, current_bytes = [], 0
            target = _target(remaining, workers, smallest)
        current.append(path)
        current_bytes += size
        remaining -= size
    if current:
        partitions.append(current)
    return partitions


def _target(remaining: int, workers: int, smallest: int) -> int:
    return min(PARTITION_BYTES, max(smallest, remaining // (4 * workers)))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker's reader reports it


def partition_name(files: list[str], settings: Settings) -> str:
    """A name that changes when the files, their contents (size and time) or the analysis would."""
    analysis = f"{__version__}\x1f{settings.spacy_model}\x1f{settings.max_bytes}\x1f{selective_parse_enabled()}"
    digest = hashlib.sha256(analysis.encode())
    for path in files:
        try:
            info = os.stat(path)
            stamp = f"{info.st_size}:{info.st_mtime_ns}"
        except OSError:
            stamp = "missing"
        digest.update(f"\x1e{path}\x1f{stamp}".encode())
    return f"part-{digest.hexdigest()[:20]}"


@contextmanager
def _client(scheduler: str | None, workers: int, model: str) -> Iterator[Any]:
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # One thread per worker process: the parse holds the GIL, so processes, not threads, give parallelism.
    # Dask's defaults cost a worker CPU on every article (and its timers, above, every second): its nanny sets
    # MALLOC_TRIM_THRESHOLD_, which turns off glibc's adaptive mmap threshold, so the model's large arrays are
    # mapped and unmapped batch after batch (a third more CPU per article, measured); and its statistical profiler
    # samples the task's stack every 10 ms. A cluster of one's own is configured by its owner (see docs/scaling.md).
    # The workers' scratch space is removed here, since workers that leave quickly do not remove their own.
    with (
        tempfile.TemporaryDirectory(prefix="dateline-dask-") as scratch,
        dask.config.set(LOCAL_CLUSTER_CONFIG),
        _warm_workers(model),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            local_directory=scratch,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@contextmanager
def _warm_workers(model: str) -> Iterator[None]:
    """Start the local cluster's workers forked from a process that has loaded ``model`` and the resources.

    The forkserver is started by ``analyze_paths`` as the run begins (here, if it was not), and used while it holds
    this run's model and settings (it does for every run of the CLI, which makes one), else the workers are
    spawned and load their own. Where the platform cannot fork, they are spawned too.
    """
    if not start_forkserver(model):
        yield
        return
    # Dask sets the forkserver's preload on its first worker, importing pandas here to do so: ours is set already.
    distributed.utils._forkserver_preload_set = True
    with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
        yield


class PipelineLoader(WorkerPlugin):
    """A Dask worker plugin: each worker loads the pipeline and resources once, when it starts.

    With ``leave_quickly``, a worker that closes normally ends its process as soon as the worker has closed.
    """

    def __init__(self, model: str, leave_quickly: bool = False) -> None:
        self.model = model
        self.leave_quickly = leave_quickly

    def setup(self, worker: Any) -> None:
        from dateline.nlp import load_pipeline
        from dateline.resources import load_resources

        load_pipeline(self.model)
        load_resources()

    def teardown(self, worker: Any) -> None:
        if self.leave_quickly:
            # Tearing down an interpreter that holds the pipeline and resources took longer than the 4 s the nanny
            # waits before it kills the worker (measured at load 9 on 2 cores: closing a two-worker cluster took
            # 3.7 to 4.4 s, 0.4 s with this), and each run's wall clock paid for it. The worker has closed and its
            # shards are on disk, so nothing is lost by skipping the teardown; registered last, this exit handler
            # runs first.
            atexit.register(_leave_now)


def _leave_now() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def analyze_partition(
    files: list[str], folder: str, model: str, max_bytes: int, profiles: dict[str, Any] | None = None
) -> str:
    """On a worker: read, parse and analyse one partition and write its shard at ``folder``."""
    target = Path(folder)
    if is_shard(target):
        return folder  # done by an earlier run, or by an attempt Dask thought lost
    started, cpu_started = time.time(), time.process_time()
    report = RunReport(run_id=0)
    issues: list[ReadIssue] = []
    articles = _new_articles(read_inputs(files, max_bytes=max_bytes), None, report, issues.append)
    analyses = list(_analyze_in_process(articles, model, report.stage_seconds, issues.append, profiles=profiles))
    write_shard(
        target,
        analyses,
        issues,
        files=files,
        articles_read=report.articles_read,
        duplicates=report.duplicates,
        stage_seconds=report.stage_seconds,
        timing=partition_timing(started, cpu_started),
    )
    return folder


def partition_timing(started: float, cpu_started: float) -> dict[str, Any]:
    """When a partition's analysis started and ended (Unix time, before its shard is written), in which process,
    and that process's CPU seconds meanwhile: what a run's timeline per worker is read from (``benchmarks``)."""
    return {
        "process": os.getpid(),
        "started": started,
        "analysed": time.time(),
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
    }


def _finished(futures: dict[Any, list[str]], issue: IssueCallback) -> Iterator[Path]:
    """Shard folders in the order of their partitions, each as soon as it and those before it have finished; a
    partition that failed costs its files, named, not the run. In order, because the linker places each article
    among the stories of those stored before it: shards stored as they finish made other stories on every run,
    and other stories than one process makes of the same files."""
    for future in futures:
        try:
            yield Path(future.result())
        except Exception as error:  # KilledWorker after repeated deaths, or a shard that could not be written
            reason = f"analysis failed on the Dask cluster ({type(error).__name__}: {error})"
            for path in futures[future]:
                issue(ReadIssue(path, reason, "error"))
