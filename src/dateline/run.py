"""Runs the whole job: read, parse once, run the stages, and stream results to the one writer.

Three engines share the same stage code: in-process, a local process pool (``workers > 1``)
whose workers load the pipeline once each and send finished analyses back to the writer in
this process, and Dask (``dateline.cluster``), whose workers write Parquet shards that this
process loads. Reading, de-duplication and writing stay here, off the workers' path. spaCy and the stages are imported
where articles are analysed, so the writer of a Dask run, or of `dateline load`, never pays for them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from dateline import __version__, memory
from dateline.config import Settings, parse_thread_setting, pipeline_version_of, selective_parse_enabled
from dateline.errors import DatelineError
from dateline.link import link_new_articles
from dateline.model import Analysis, Article
from dateline.read import ReadIssue, read_inputs
from dateline.store import Store

# Articles per task sent to a worker, and per write transaction: big enough to amortise
# pickling and commits, small enough that a killed run redoes little.
BATCH_ARTICLES = 16
FLUSH_SECONDS = 2.0


@dataclass(slots=True)
class RunReport:
    """What one run did; the same counters are kept in the store's ``runs`` row."""

    run_id: int
    files_done: int = 0
    articles_read: int = 0
    articles_added: int = 0
    duplicates: int = 0
    errors: int = 0
    warnings: int = 0
    skipped: int = 0
    articles_linked: int = 0
    interrupted: bool = False
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    issues: list[ReadIssue] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.interrupted:
            return "interrupted"
        return "completed_with_errors" if self.errors else "completed"


ProgressCallback = Callable[[RunReport], None]
IssueCallback = Callable[[ReadIssue], None]


Engine = Literal["local", "dask"]
AnalysesSource = Callable[[Store, RunReport, IssueCallback], Iterable[Analysis]]


def analyze_paths(
    inputs: Iterable[str],
    settings: Settings,
    *,
    workers: int = 1,
    engine: Engine = "local",
    scheduler: str | None = None,
    shards: Path | None = None,
    on_issue: IssueCallback | None = None,
    on_progress: ProgressCallback | None = None,
) -> RunReport:
    """Analyse every article under ``inputs`` into the store at ``settings.db``.

    ``engine="dask"`` runs the stages on a Dask cluster (``scheduler`` address, else a local cluster of
    ``workers`` processes) that writes Parquet shards under ``shards``; they are loaded here as they finish.
    """
    inputs = list(inputs)
    if engine == "dask" and scheduler is None:
        from dateline.warm_start import start_forkserver

        # The local cluster's workers are forked from a process that loads the model: started now, it loads on one
        # core while this process imports Dask, opens the store and starts the cluster on the other.
        start_forkserver(settings.spacy_model)
    config: dict[str, Any] = {"workers": workers, "max_bytes": settings.max_bytes, "batch_articles": BATCH_ARTICLES}
    # A one-process run decides on its parse thread once its model is loaded (see ``_analyze_in_process``); the run's
    # config records the choice when it finishes.
    parse_beside = parse_thread_setting() if engine == "local" and workers <= 1 else False

    def parse_thread_chosen(chosen: bool) -> None:
        if chosen:
            config["parse_thread"] = True

    def analyses(store: Store, report: RunReport, issue: IssueCallback) -> Iterable[Analysis]:
        if engine == "dask":
            try:
                from dateline.cluster import analyze_on_dask
            except ImportError as error:
                raise DatelineError("the Dask engine needs dask: pip install 'dateline[dask]'") from error

            folder = shards or settings.db.with_name(settings.db.name + ".shards")
            return analyze_on_dask(
                inputs, settings, store, report, issue, scheduler, workers, folder, outlet_profiles(store)
            )
        profiles = outlet_profiles(store)
        new_articles = _new_articles(read_inputs(inputs, max_bytes=settings.max_bytes), store, report, issue)
        if workers <= 1:
            return _analyze_in_process(
                new_articles, settings.spacy_model, report.stage_seconds, issue, parse_beside, profiles,
                parse_thread_chosen,
            )  # fmt: skip
        return _analyze_in_pool(new_articles, settings.spacy_model, workers, report.stage_seconds, issue, profiles)

    if engine == "dask":
        config |= {"engine": "dask", "scheduler": scheduler, "shards": str(shards) if shards else None}
    return _run(inputs, settings, config, analyses, on_issue, on_progress)


def load_shard_paths(
    paths: Iterable[str],
    settings: Settings,
    *,
    on_issue: IssueCallback | None = None,
    on_progress: ProgressCallback | None = None,
) -> RunReport:
    """Merge Parquet shards written by Dask workers into the store; a shard already loaded adds nothing."""
    paths = list(paths)

    def analyses(store: Store, report: RunReport, issue: IssueCallback) -> Iterable[Analysis]:
        from dateline.shards import find_shards

        return analyses_from_shards(find_shards(paths), store, report, issue)

    return _run(paths, settings, {"engine": "load"}, analyses, on_issue, on_progress)


def _run(
    inputs: list[str],
    settings: Settings,
    config: dict[str, Any],
    analyses: AnalysesSource,
    on_issue: IssueCallback | None,
    on_progress: ProgressCallback | None,
) -> RunReport:
    """One run in the store: analyses streamed to the one writer, then stories linked."""
    store = Store.open(settings.db)
    try:
        run_id = store.start_run(
            dateline_version=__version__,
            spacy_model=settings.spacy_model,
            spacy_model_version=pipeline_version_of(settings.spacy_model),
            config=config,
            inputs=inputs,
        )
        report = RunReport(run_id)
        if on_progress is not None:
            on_progress(report)  # the counters a progress display follows from now on
        writer = _Writer(store, report, on_progress)
        started = time.perf_counter()

        def issue(item: ReadIssue) -> None:
            report.issues.append(item)
            writer.issues.append(item)
            if on_issue is not None:
                on_issue(item)

        try:
            with stop_on_signals() as stop, contextlib.closing(iter(analyses(store, report, issue))) as stream:
                # Closing the stream on a stop shuts its pool or cluster down; what is in flight there is redone
                # by the rerun.
                for analysis in stream:
                    writer.add(analysis)
                    if stop.is_set():
                        break
                report.interrupted = stop.is_set()
                writer.flush()
        except BaseException:
            writer.flush()
            store.finish_run(run_id, "interrupted")
            raise
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, report.status, config)
        return report
    finally:
        store.close()


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_stopping = threading.Event()


@contextlib.contextmanager
def stop_on_signals() -> Iterator[threading.Event]:
    """SIGTERM or a first Ctrl+C asks the run to stop after the article in hand; a second one of either stops at once
    (a batch of long articles in the parser can outlast a service manager's patience), still marking the run.

    Reading stops feeding articles and the loop over analyses ends, so what was analysed is stored, the
    run's row says ``interrupted`` with its counts, and a rerun adds only the rest. Handlers can only be
    set from the main thread; elsewhere (a run inside a web server's worker thread) signals keep their
    default meaning.
    """
    _stopping.clear()
    if threading.current_thread() is not threading.main_thread():
        yield _stopping
        return

    def request_stop(signum: int, frame: object) -> None:
        if _stopping.is_set():
            raise KeyboardInterrupt
        _stopping.set()

    previous = {signum: signal.signal(signum, request_stop) for signum in STOP_SIGNALS}
    try:
        yield _stopping
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _new_articles(
    items: Iterable[Article | ReadIssue], store: Store | None, report: RunReport, issue: IssueCallback
) -> Iterator[Article]:
    """Articles not yet in the store (when there is one), each once; ids made unique when two texts claim one id."""
    seen_hashes: set[str] = set()
    seen_ids: set[str] = set()
    current_file = None
    for item in items:
        if _stopping.is_set():
            return
        # Origins are "path" or "path#locator": a new path means the previous file is done.
        path = (item.path if isinstance(item, ReadIssue) else item.origin).split("#", 1)[0]
        if path != current_file:
            report.files_done += current_file is not None
            current_file = path
        if isinstance(item, ReadIssue):
            issue(item)
            continue
        report.articles_read += 1
        if item.content_hash in seen_hashes or (store is not None and store.has_article(item.content_hash)):
            report.duplicates += 1
            continue
        if item.id in seen_ids or (store is not None and store.has_article_id(item.id)):  # same id, other text
            renamed = f"{item.id}-{item.content_hash[:8]}"
            issue(
                ReadIssue(
                    item.origin, f"id {item.id!r} already names another article; stored as {renamed!r}", "warning"
                )
            )
            item = replace(item, id=renamed)
        seen_hashes.add(item.content_hash)
        seen_ids.add(item.id)
        yield item


def analyses_from_shards(
    folders: Iterable[Path | ReadIssue], store: Store, report: RunReport, issue: IssueCallback
) -> Iterator[Analysis]:
    """The analyses in ``folders`` that the store does not hold yet, de-duplicated as a local run would."""
    from dateline.shards import read_shard  # pyarrow: only the Dask engine and `load` pay for it

    current: list[Analysis] = []

    def articles() -> Iterator[Article]:
        for folder in folders:
            if isinstance(folder, ReadIssue):
                issue(folder)
                continue
            try:
                shard = read_shard(folder)
            except Exception as error:  # a truncated or foreign folder must not stop the others
                issue(ReadIssue(str(folder), f"cannot read this shard ({type(error).__name__}: {error})", "error"))
                continue
            for item in shard.issues:
                issue(item)
            # The worker already counted what it read and the copies inside its partition.
            report.articles_read += shard.articles_read - len(shard.analyses)
            report.duplicates += shard.duplicates
            for name, seconds in shard.stage_seconds.items():
                report.stage_seconds[name] = report.stage_seconds.get(name, 0.0) + seconds
            for analysis in shard.analyses:
                current[:] = [analysis]
                yield analysis.article

    for article in _new_articles(articles(), store, report, issue):
        yield _renamed(current[0], article)


def _renamed(analysis: Analysis, article: Article) -> Analysis:
    """``analysis`` under ``article``'s id, which differs when another stored text already had the id."""
    old = analysis.article.id
    if article.id == old:
        return analysis
    return Analysis(article, tuple(_rename(record, old, article.id) for record in analysis.records))


def _rename(record: Any, old: str, new: str) -> Any:
    # Ids built from the article's id (an event's "ARTICLE:e1") follow it.
    changes = {}
    for name in (each.name for each in dataclasses.fields(record)):
        value = getattr(record, name)
        if value == old:
            changes[name] = new
        elif isinstance(value, str) and value.startswith(old + ":"):
            changes[name] = new + value[len(old) :]
    return dataclasses.replace(record, **changes)


def outlet_profiles(store: Store) -> dict[str, Any]:
    """Per outlet host, where its articles already in the store are (``places.stored_profiles``): read once as a
    run starts, so a run's results do not hang on the order of its own articles, and a rerun resumes alike."""
    if not store.has_outlet_places():
        return {}  # a fresh store: no need to import the stages, and spaCy with them, into a Dask run's client
    from dateline.extract.outlet import host_of
    from dateline.extract.places import PROFILE_CONFIDENCE, PROFILE_FEATURES, stored_profiles

    places = store.outlet_places(PROFILE_CONFIDENCE, PROFILE_FEATURES)
    return stored_profiles((host_of(url), *place) for url, *place in places)


def _with_profiles(resources: Any, profiles: dict[str, Any] | None) -> Any:
    return dataclasses.replace(resources, outlet_profiles=profiles) if profiles else resources


def _analyze_in_process(
    articles: Iterable[Article],
    model: str,
    stage_seconds: dict[str, float],
    issue: IssueCallback,
    parse_beside: bool | None = False,
    profiles: dict[str, Any] | None = None,
    on_parse_thread: Callable[[bool], None] | None = None,
) -> Iterator[Analysis]:
    """``parse_beside``: parse the next articles in a second thread while the stages work on those parsed, for a
    process that has a core to itself and a spare one (not a pool's or a cluster's worker, whose siblings use it);
    None decides by whether the rest of the machine left a core idle while the model loaded, and tells
    ``on_parse_thread`` what it chose. ``profiles``: the outlets' profiles the places stage reads
    (``outlet_profiles``)."""
    from dateline.nlp import load_pipeline, parse, parse_in_thread
    from dateline.resources import load_resources

    before = cpu_times()
    nlp = load_pipeline(model)
    resources = _with_profiles(load_resources(), profiles)
    memory.loaded()
    if parse_beside is None:
        parse_beside = core_to_spare(before, cpu_times())
    if on_parse_thread is not None:
        on_parse_thread(parse_beside)
    parsed_articles = parse_in_thread if parse_beside and not selective_parse_enabled() else parse
    for parsed in parsed_articles(articles, nlp):
        analysis = _run_stages_safely(parsed, resources, stage_seconds)
        if isinstance(analysis, ReadIssue):
            issue(analysis)
        else:
            yield analysis


@dataclass(frozen=True, slots=True)
class CpuTimes:
    """A moment's CPU accounts: wall seconds, the seconds every core of the machine has spent busy, and the seconds
    this process has."""

    wall: float
    machine_busy: float
    own: float


def cpu_times() -> CpuTimes | None:
    """The CPU accounts now, from ``/proc/stat``; None where the system keeps none there."""
    try:
        with open("/proc/stat", "rb") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    if len(ticks) < 5:
        return None
    # user nice system idle iowait irq softirq steal: a core waiting on a disk is free to compute.
    busy = sum(ticks) - ticks[3] - ticks[4]
    own = os.times()
    return CpuTimes(time.monotonic(), busy / os.sysconf("SC_CLK_TCK"), own.user + own.system)


MIN_WINDOW = 0.25  # seconds: under it a 10 ms clock tick is too coarse a share of the window to judge by


def core_to_spare(before: CpuTimes | None, after: CpuTimes | None) -> bool:
    """Whether a core besides this process's stayed idle between two accounts: at least half a core left over by
    the rest of the machine. Measured over the window rather than read from the load average, which trails by a
    minute: right after another job ends it still reads a busy core, and the run that follows would give up its
    thread for nothing (on 2 cores a busy neighbour makes the two threads wait on each other for the interpreter
    lock, and they finished later than one thread did). Without accounts, or over too short a window, the load
    average decides."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2:
        return False
    if before is None or after is None or after.wall - before.wall < MIN_WINDOW:
        try:
            load = os.getloadavg()[0]
        except (AttributeError, OSError):  # no load average on this system: trust the core count
            load = 0.0
        return load < cores - 1
    others = ((after.machine_busy - before.machine_busy) - (after.own - before.own)) / (after.wall - before.wall)
    return cores - 1 - others >= 0.5


def _run_stages_safely(parsed: Any, resources: Any, stage_seconds: dict[str, float]) -> Analysis | ReadIssue:
    from dateline.extract import run_stages

    # A bug a stage hits on one odd article must cost that article, not the batch.
    try:
        return run_stages(parsed, resources, stage_seconds)
    except Exception as error:
        where = traceback.extract_tb(error.__traceback__)[-1]
        reason = f"analysis failed ({type(error).__name__}: {error} at {Path(where.filename).name}:{where.lineno})"
        return ReadIssue(parsed.article.origin or parsed.article.id, reason, "error")


def _analyze_in_pool(
    articles: Iterable[Article],
    model: str,
    workers: int,
    stage_seconds: dict[str, float],
    issue: IssueCallback,
    profiles: dict[str, Any] | None = None,
) -> Iterator[Analysis]:
    # Batches are submitted from this thread, a few per worker at a time: reading and the store's
    # de-duplication stay on the writer's thread, and memory stays bounded however big the input.
    # A worker that dies (killed, out of memory) breaks the pool: the batches then in flight are
    # retried one at a time in a new pool; a batch that kills its worker again is split into single
    # articles, so only the article that kills a worker alone fails, with an error naming it.
    from dateline.nlp import load_pipeline
    from dateline.resources import load_resources

    load_pipeline(model)  # in this process first: a missing model is one clear error, not a dead pool
    load_resources()
    memory.loaded()  # before the fork, so the workers share the frozen objects' pages untouched
    batches = _batches(articles, BATCH_ARTICLES)
    suspects: deque[list[Article]] = deque()
    in_flight: dict[Future[Any], list[Article]] = {}
    pool = _new_pool(model, workers, profiles)
    isolating = False  # a suspect batch is running alone
    try:
        while True:
            if suspects and not in_flight:
                batch = suspects.popleft()
                in_flight[pool.submit(_analyze_batch, batch)] = batch
                isolating = True
            if not isolating:
                while len(in_flight) < 2 * workers and (batch := next(batches, None)) is not None:
                    in_flight[pool.submit(_analyze_batch, batch)] = batch
            if not in_flight:
                return
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                done, _ = wait(in_flight)  # every other batch in flight fails with it, or has finished
            broken = []
            for future in done:
                batch = in_flight.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    broken.append(batch)
                    continue
                results, seconds = future.result()
                for name, value in seconds.items():
                    stage_seconds[name] = stage_seconds.get(name, 0.0) + value
                for result in results:
                    if isinstance(result, ReadIssue):
                        issue(result)
                    else:
                        yield result
            if broken:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(model, workers, profiles)
                if isolating and len(broken[0]) > 1:
                    suspects.extendleft([article] for article in broken[0])
                elif isolating:
                    article = broken[0][0]
                    issue(ReadIssue(article.origin or article.id, WORKER_DIED, "error"))
                else:
                    suspects.extend(broken)
            if not in_flight:
                isolating = False
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


WORKER_DIED = "analysis failed (the worker process analysing this article died: killed, or out of memory)"


def _new_pool(model: str, workers: int, profiles: dict[str, Any] | None = None) -> ProcessPoolExecutor:
    # Fork where there is one: workers start with the pipeline this process loaded, in shared pages.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(model, profiles))


_worker_model: str | None = None
_worker_profiles: dict[str, Any] | None = None


def _init_worker(model: str, profiles: dict[str, Any] | None = None) -> None:
    global _worker_model, _worker_profiles
    _worker_model, _worker_profiles = model, profiles
    # A forked worker inherits the writer's handlers: Ctrl+C (sent to the whole group) is the writer's to
    # handle, and SIGTERM must still end a worker the pool or the user shuts down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from dateline.nlp import load_pipeline
    from dateline.resources import load_resources

    load_pipeline(model)
    load_resources()


def _analyze_batch(articles: list[Article]) -> tuple[list[Analysis | ReadIssue], dict[str, float]]:
    from dateline.nlp import load_pipeline, parse
    from dateline.resources import load_resources

    assert _worker_model is not None
    seconds: dict[str, float] = {}
    nlp, resources = load_pipeline(_worker_model), _with_profiles(load_resources(), _worker_profiles)
    return [_run_stages_safely(parsed, resources, seconds) for parsed in parse(articles, nlp)], seconds


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Writer:
    """Buffers analyses and input issues; commits them, with the run's counters, in batches."""

    def __init__(self, store: Store, report: RunReport, on_progress: ProgressCallback | None) -> None:
        self.store = store
        self.report = report
        self.on_progress = on_progress
        self.pending: list[Analysis] = []
        self.issues: list[ReadIssue] = []
        self.last_flush = time.monotonic()
        self.flushed = {"articles_read": 0, "duplicates": 0}

    def add(self, analysis: Analysis) -> None:
        self.pending.append(analysis)
        if len(self.pending) >= BATCH_ARTICLES or time.monotonic() - self.last_flush > FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        report = self.report
        report.articles_added += self.store.add(self.pending, report.run_id)
        # Stories are linked once the articles are safely stored, batch by batch while the workers go on (each
        # article is placed against those stored before it, so when does not change where); a killed run
        # links what it left on the next run.
        report.articles_linked += len(link_new_articles(self.store))
        self.store.record_issues(report.run_id, [(i.path, i.reason, i.severity, i.count) for i in self.issues])
        for item in self.issues:
            setattr(report, _COUNTER[item.severity], getattr(report, _COUNTER[item.severity]) + item.count)
        delta = {name: getattr(report, name) - done for name, done in self.flushed.items()}
        if any(delta.values()):
            self.store.bump_run(report.run_id, **delta)
            self.flushed = {name: getattr(report, name) for name in self.flushed}
        self.pending, self.issues = [], []
        self.last_flush = time.monotonic()
        if self.on_progress is not None:
            self.on_progress(report)


_COUNTER = {"error": "errors", "warning": "warnings", "skipped": "skipped"}
