"""The ``dateline`` command: a thin layer over the Python API and the run module.

Exit codes (also in the README): 0 done; 1 done, but some inputs failed; 2 usage error;
3 the store cannot be opened or written; 4 a model or resource is missing; 5 the requested
record does not exist; 130 interrupted.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from dateline import __version__
from dateline.config import settings_from_env
from dateline.errors import DatelineError, ResourceError, StoreError
from dateline.model import RECORD_TABLES, Analysis, to_json

EXIT_INPUT_ERRORS = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_RESOURCE = 4
EXIT_NOT_FOUND = 5
EXIT_INTERRUPTED = 130
SHOWN_EVIDENCE = 240

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=lambda: settings_from_env().db,
    show_default="$DATELINE_DB or ./dateline.db",
    help="The store file.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_USAGE if isinstance(error, click.UsageError) else error.exit_code)
    except StoreError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_STORE)
    except ResourceError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_RESOURCE)
    except DatelineError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
def cli() -> None:
    """Turn news articles into a verifiable dataset: events, quotes, actors and framing, each traced to its text."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes, each loading the pipeline once.",
)
@click.option("--model", "spacy_model", default=None, help="spaCy pipeline to use [default: $DATELINE_SPACY_MODEL].")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Refuse input files bigger than this [default: 20 MB].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine (--workers processes); dask: a Dask cluster (--scheduler, else a local one).",
)
@click.option("--scheduler", default=None, help="Address of a running Dask scheduler, e.g. tcp://HOST:8786.")
@click.option(
    "--shards",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the Dask workers' Parquet shards, shared with them [default: DB.shards beside the store].",
)
@click.option(
    "--min-event-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="Store only events at least this likely real (0: every coded event; 0.5: more likely real than not) "
    "[default: $DATELINE_MIN_EVENT_CONFIDENCE, else the realness model's floor, 0.4].",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final summary.")
def analyze(
    paths: tuple[str, ...],
    db: Path,
    workers: int,
    spacy_model: str | None,
    max_bytes: int | None,
    engine: str,
    scheduler: str | None,
    shards: Path | None,
    min_event_confidence: float | None,
    quiet: bool,
) -> None:
    """Read PATHS (files, folders, globs, or - for stdin), analyse each article once, store the results.

    A rerun of the same inputs adds nothing; a killed run resumes where it stopped.
    """
    from dataclasses import replace

    from dateline import memory

    if engine != "dask" and (scheduler or shards):
        raise click.UsageError("--scheduler and --shards go with --engine dask")
    if min_event_confidence is not None:
        # Through the environment, so worker processes and a local Dask cluster's workers read it too.
        os.environ["DATELINE_MIN_EVENT_CONFIDENCE"] = str(min_event_confidence)
    memory.pause_collector()  # until the pipeline is loaded, or a Dask run's client has imported Dask and started
    if engine == "dask" and not scheduler:
        from dateline.warm_start import start_forkserver

        # The local cluster's workers' model loads from now on, beside this process's own start-up.
        start_forkserver(spacy_model or settings_from_env().spacy_model)
    # Progress first: the imports below are the start of the wait the user sees.
    progress = _Progress(enabled=not quiet, files=_count_files(paths) if not quiet else None)
    try:
        from dateline.run import analyze_paths

        settings = replace(settings_from_env(), db=db)
        if spacy_model:
            settings = replace(settings, spacy_model=spacy_model)
        if max_bytes:
            settings = replace(settings, max_bytes=max_bytes)
        report = analyze_paths(
            paths,
            settings,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            shards=shards,
            on_issue=_issue_printer(progress, quiet),
            on_progress=progress.update,
        )
    finally:
        progress.close()
    _print_run_summary(report, db)


def _issue_printer(progress: _Progress, quiet: bool) -> Any:
    def on_issue(issue: Any) -> None:
        if issue.severity == "error" or not quiet:
            count = f" ({issue.count} records)" if issue.count > 1 else ""
            progress.write(f"{issue.severity}: {issue.path}: {issue.reason}{count}")

    return on_issue


def _print_run_summary(report: Any, db: Path) -> None:
    click.echo(
        f"run {report.run_id}: {report.articles_read} articles read, {report.articles_added} added, "
        f"{report.duplicates} already stored, {report.errors} errors, {report.warnings} warnings, "
        f"{report.skipped} non-article records skipped in {report.seconds:.1f}s -> {db}",
        err=True,
    )
    if report.interrupted:
        click.echo("interrupted: what was analysed is stored; run the same command again to resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if report.errors:
        sys.exit(EXIT_INPUT_ERRORS)


def _count_files(paths: tuple[str, ...]) -> int | None:
    """How many files the inputs name, for the ETA; None when stdin is among them. A file skipped or refused
    counts too, as the run counts it done when it moves past it."""
    from dateline.read.walk import expand

    if "-" in paths:
        return None
    return sum(1 for path in paths for _ in expand(path))


class _Progress:
    """A bar over input files on a terminal (articles/s, ETA, errors); a plain log line every few seconds otherwise.

    Log lines come from a timer, not from finished batches, so a long stretch of work (the model loading,
    a huge file read in parts) still shows the run is alive and how far it got.
    """

    LOG_EVERY = 5.0

    def __init__(self, enabled: bool, files: int | None) -> None:
        self.enabled = enabled
        self.files = files
        self.started = time.monotonic()
        self.report: Any = None
        self.bar = None
        self.stopped = threading.Event()
        self.ticker: threading.Thread | None = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=files, unit=" files", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
        elif enabled:
            self.ticker = threading.Thread(target=self._tick, name="dateline-progress", daemon=True)
            self.ticker.start()

    def update(self, report: Any) -> None:
        self.report = report  # the run's live counters, read again by every tick
        if self.bar is not None:
            done = report.articles_added + report.duplicates
            rate = done / max(time.monotonic() - self.started, 1e-9)
            self.bar.update(report.files_done - self.bar.n)
            self.bar.set_postfix_str(f"{done} articles, {rate:.1f} articles/s, {report.errors} errors", refresh=False)

    def _tick(self) -> None:
        # The first line comes at once, not a period later: under load, start-up and the first period together were
        # a run's longest silence (7.8 s on a 1.2 MB text at load 6, where every later gap was at most 5.5 s).
        while True:
            self._log()
            if self.stopped.wait(self.LOG_EVERY):
                return

    def _log(self) -> None:
        report = self.report
        now = time.monotonic()
        if report is None:
            click.echo(f"progress: starting ({now - self.started:.0f}s)", err=True)
            return
        done = report.articles_added + report.duplicates
        of = f" of {self.files}" if self.files else ""
        eta = ""
        if self.files and 0 < report.files_done < self.files:
            remaining = (now - self.started) / report.files_done * (self.files - report.files_done)
            eta = f", ETA {remaining:.0f}s"
        click.echo(
            f"progress: {report.files_done}{of} files, {report.articles_read} articles read, {done} stored"
            f" ({done / (now - self.started):.1f}/s), {report.errors} errors{eta}",
            err=True,
        )

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        self.stopped.set()
        if self.ticker is not None:
            self.ticker.join()
        if self.bar is not None:
            self.bar.close()


@cli.command()
@click.argument("article_id", required=False)
@click.option("--story", "story_id", default=None, help="Show a story side by side instead of an article.")
@db_option
@json_option
def show(article_id: str | None, story_id: str | None, db: Path, as_json: bool) -> None:
    """Print one article and every record extracted from it, or one story's sources side by side."""
    import dateline

    if story_id is not None:
        _show_story(story_id, db, as_json)
        return
    if article_id is None:
        raise click.UsageError("give an ARTICLE_ID or --story ID")
    with dateline.open(db) as corpus:
        analysis = corpus.analysis(article_id)
    if analysis is None:
        click.echo(f"error: no article {article_id!r} in {db}", err=True)
        sys.exit(EXIT_NOT_FOUND)
    if as_json:
        click.echo(json.dumps(to_json(analysis), ensure_ascii=False, indent=2))
    else:
        click.echo(_render_analysis(analysis))


def _render_analysis(analysis: Analysis) -> str:
    article = analysis.article
    published = article.published_text or "unknown"
    if article.published_precision == "day":
        published += " (day only, no time stated)"
    elif article.published and not article.published_has_zone:
        published += " (local time, zone not stated)"
    lines = [
        f"{article.id}  {article.title or '(no title)'}",
        f"  source: {article.source or 'unknown'}    published: {published}",
        f"  dateline: {article.dateline_place or '-'} ({article.dateline_agency or '-'})    url: {article.url or '-'}",
        f"  read from: {article.origin} [{article.format}]" + ("  (feed summary only)" if article.summary_only else ""),
        "",
        article.text,
        "",
    ]
    for kind, table in RECORD_TABLES.items():
        records = analysis.of(kind)
        lines.append(f"{table} ({len(records)})")
        for record in records:
            span = record.evidence
            quoted = article.text[span.start : span.end].replace("\n", " ")
            # A record over the whole text (word counts) would print the article again.
            quoted = quoted if len(quoted) <= SHOWN_EVIDENCE else quoted[:SHOWN_EVIDENCE] + "…"
            label = getattr(record, "label", "")
            lines.append(f"  [{span.start}:{span.end}] {label} {quoted!r}  conf={record.confidence:.2f}".rstrip())
    lines.extend(_neutral_renderings(analysis))
    return "\n".join(lines)


def _neutral_renderings(analysis: Analysis) -> list[str]:
    """Each sentence with loaded wording beside its neutral rendering (shown here, never stored)."""
    from dateline.extract.framing import neutral_renderings

    renderings = neutral_renderings(analysis)
    lines = [f"neutral renderings ({len(renderings)}; shown, never stored)"]
    for span, rendered in renderings:
        original = " ".join(analysis.article.text[span.start : span.end].split())
        lines.extend([f"  [{span.start}:{span.end}] {original}", f"    -> {rendered}"])
    return lines


@cli.command()
@click.option(
    "--table",
    "-t",
    required=True,
    help="Table to export: articles, runs, input_issues, a record table, or acled / plover (events shaped for them).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet"]),
    default=None,
    help="Output format [default: from the -o extension, else csv].",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file [default: standard output; required for parquet].",
)
@db_option
def export(table: str, fmt: str | None, output: Path | None, db: Path) -> None:
    """Export one table as CSV, JSON Lines or Parquet."""
    from dateline.export import export_table

    fmt = fmt or (
        output.suffix.lstrip(".") if output and output.suffix.lstrip(".") in {"csv", "jsonl", "parquet"} else "csv"
    )
    if fmt == "parquet" and output is None:
        raise click.UsageError("Parquet is binary: give a file with -o/--output.")
    rows = export_table(db, table, fmt, output)
    if output is not None:
        click.echo(f"{rows} rows of {table} -> {output}", err=True)


@cli.command()
@db_option
@json_option
def stats(db: Path, as_json: bool) -> None:
    """Counts of articles, input errors and records in the store."""
    import dateline

    with dateline.open(db) as corpus:
        figures = corpus.stats()
        by_source = corpus.store.articles_by_source()
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    _print_stats(figures)
    if by_source:
        width = max(len(row[0]) for row in by_source)
        click.echo(f"\n{'outlet':<{width}}  articles  published")
        for source, articles, first, last in by_source:
            span = f"{(first or '?')[:10]} .. {(last or '?')[:10]}" if first else "-"
            click.echo(f"{source:<{width}}  {articles:>8}  {span}")


def _print_stats(figures: dict[str, Any]) -> None:
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{key}={item}" for key, item in value.items())
        click.echo(f"{name:<{width}}  {value}")


@cli.command()
@json_option
def info(as_json: bool) -> None:
    """The dateline version, the spaCy pipeline in use and the default store."""
    import spacy

    from dateline.config import pipeline_version_of

    settings = settings_from_env()
    figures = {
        "dateline": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "spacy_model": settings.spacy_model,
        "spacy_model_version": pipeline_version_of(settings.spacy_model),
        "default_db": str(settings.db.resolve()),
    }
    if as_json:
        click.echo(json.dumps(figures, indent=2))
    else:
        _print_stats(figures)


@cli.command(name="eval")
@click.argument("stage", required=False)
@click.option(
    "--gold",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Gold folder [default: the stage's folder under ../shared/data].",
)
@click.option(
    "--part",
    type=click.Choice(["tune", "report"]),
    default=None,
    help="Score only this part of each split gold set (see splits/) [default: the whole file].",
)
@json_option
def evaluate(stage: str | None, gold: Path | None, part: str | None, as_json: bool) -> None:
    """Score a stage against human-annotated gold data. With no STAGE, list the scorers."""
    from dateline.eval import default_gold, scorers, splits

    available = scorers()
    if stage is None:
        if as_json:
            click.echo(json.dumps({name: s.default_gold for name, s in available.items()}, indent=2))
        for name, registered in available.items():
            click.echo(f"{name:<10} {registered.default_gold:<32} {registered.description}")
        if not available:
            click.echo("no scorers registered yet", err=True)
        return
    if stage not in available:
        raise click.UsageError(f"no scorer for {stage!r}; choose from: {', '.join(available) or 'none yet'}")
    gold = gold or default_gold(stage)
    if not gold.is_dir():
        click.echo(f"no gold data at {gold}: nothing scored (pass --gold DIR)", err=True)
        if as_json:
            click.echo(json.dumps({"stage": stage, "gold": str(gold), "scored": False}))
        return
    if part is None:
        metrics = available[stage].score(gold)
    elif splits(available[stage].score):
        metrics = available[stage].score(gold, part=part)
    else:
        raise click.UsageError(f"the {stage} scorer does not split its gold: score it without --part")
    if metrics.get("seen_by_model"):
        click.echo(
            f"warning: the shipped {stage} model was trained on {metrics['seen_by_model']} of these texts, so "
            "their figures are training scores, not held-out ones (score --part report)",
            err=True,
        )
    for kind, figures in [(stage, metrics), *metrics.items()]:
        if not isinstance(figures, dict):
            continue
        if figures.get("trained_on_this_file"):
            click.echo(
                f"warning: the shipped model was trained on this {kind} gold file, so its {kind} figure is a "
                "training score, not a held-out one (benchmarks/events.py prints the held-out figures)",
                err=True,
            )
        if figures.get("tuned_on"):
            click.echo(f"warning: {figures['tuned_on']}", err=True)
    if as_json:
        click.echo(json.dumps(metrics, indent=2))
    else:
        _print_stats(metrics)


@cli.command()
@db_option
@json_option
def stories(db: Path, as_json: bool) -> None:
    """Stories told by several articles: outlets, near-duplicates, and where the sources differ."""
    from dateline.store import Store

    with Store.read(db) as store:
        listed = [story for story in store.stories() if story["n_articles"] > 1] if "stories" in store.tables() else []
    if as_json:
        click.echo(json.dumps(listed, ensure_ascii=False, indent=2))
        return
    if not listed:
        click.echo("no story is told by more than one article yet")
    for story in listed:
        outlets = Counter(article["source"] or "?" for article in story["articles"])
        click.echo(f"{story['id']}  {story['title']}")
        click.echo(
            f"  {story['n_articles']} articles, {story['n_sources']} outlets: "
            + ", ".join(f"{name} ({count})" for name, count in outlets.most_common())
        )
        for difference in story["differences"]:
            values = "; ".join(f"{source}: {value or '-'}" for source, value in difference["values"].items())
            click.echo(f"  differs on {difference['field']} ({_about(difference)}): {values}")


def _show_story(story_id: str, db: Path, as_json: bool) -> None:
    from dateline.store import Store

    with Store.read(db) as store:
        found = store.stories(story_id) if "stories" in store.tables() else []
        texts = {article["id"]: store.article(article["id"]) for story in found for article in story["articles"]}
    if not found:
        click.echo(f"error: no story {story_id!r} in {db}", err=True)
        sys.exit(EXIT_NOT_FOUND)
    story = found[0]
    if as_json:
        click.echo(json.dumps(story, ensure_ascii=False, indent=2))
        return
    click.echo(f"{story['id']}  {story['title']}  ({story['first_published']} .. {story['last_published']})")
    for article in story["articles"]:
        role = "" if article["role"] != "near_duplicate" else f"  [near-duplicate of {article['duplicate_of']}]"
        click.echo(f"\n== {article['source'] or '?'}  {article['published'] or '?'}  {article['id']}{role}")
        click.echo(f"   {article['title'] or '(no title)'}")
    for difference in story["differences"]:
        click.echo(f"\n-- {difference['field']} ({_about(difference)})")
        for evidence, (source, value) in zip(difference["evidence"], difference["values"].items(), strict=False):
            article = texts.get(evidence["article_id"])
            sentence = ""
            if article is not None and evidence["start"] is not None:
                sentence = " ".join(article.text[evidence["start"] : evidence["end"]].split())
            click.echo(f"   {source:<28} {value or '-':<30} [{evidence['start']}:{evidence['end']}] {sentence[:140]}")


@cli.command()
@click.option(
    "--by",
    type=click.Choice(["outlet", "article"]),
    default="outlet",
    show_default=True,
    help="One row per outlet or per article.",
)
@click.option("--top", type=click.IntRange(min=1), default=3, show_default=True, help="Categories and terms listed.")
@db_option
@json_option
def framing(by: str, top: int, db: Path, as_json: bool) -> None:
    """Loaded language per outlet or article: per 1,000 words in the outlet's own voice and in quotes."""
    import dateline

    with dateline.open(db) as corpus:
        rows = corpus.framing(by=by, top=top)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no articles in the store yet")
        return
    name = "outlet" if by == "outlet" else "article"
    click.echo(f"{name:<32}{'articles':>9}{'words':>9}{'own/1k':>8}{'quotes/1k':>10}  categories; own-voice terms")
    for row in rows:
        label = row["outlet"] if by == "outlet" else f"{row['article_id']} {row['outlet'] or '?'}"
        categories = ", ".join(f"{top['category']} {top['count']}" for top in row["top_categories"]) or "-"
        terms = ", ".join(f"{top['term']} {top['count']}" for top in row["top_outlet_terms"]) or "-"
        click.echo(
            f"{label[:31]:<32}{row['articles']:>9}{row['words']:>9}{_rate(row['outlet_per_1000']):>8}"
            f"{_rate(row['quotes_per_1000']):>10}  {categories}; {terms}"
        )


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _about(difference: dict[str, Any]) -> str:
    """What kind of difference it is and what it is about: its story event ("count, ASSAULT/air"), or the whole
    story."""
    about = difference["event"] or difference.get("subject") or "whole story"
    return f"{difference['kind']}, {about}" if difference.get("kind") else about


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (only this machine).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--tile-url",
    default=lambda: os.environ.get("DATELINE_TILE_URL") or None,
    show_default="$DATELINE_TILE_URL or none: the map draws shipped country outlines only",
    help="Map tiles to draw under the outlines, e.g. https://tiles.example/{z}/{x}/{y}.png.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Server processes; each uses one core for rendering pages.",
)
def serve(db: Path, host: str, port: int, tile_url: str | None, workers: int) -> None:
    """Browse the store in a web browser: articles with their evidence lit up, events, quotes, stories, a map."""
    import uvicorn

    from dateline.web import create_app

    app = create_app(db, tile_url=tile_url)  # opens the store once, so a bad --db fails here with its reason
    click.echo(f"dateline: serving {db} read-only at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ["DATELINE_SERVE_DB"] = str(db.resolve())
    os.environ["DATELINE_SERVE_TILE_URL"] = tile_url or ""
    uvicorn.run(
        "dateline.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


@cli.command()
@click.argument("shards", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the final summary.")
def load(shards: tuple[str, ...], db: Path, quiet: bool) -> None:
    """Merge Parquet SHARDS (shard folders, or folders holding them) written by Dask workers into the store.

    Idempotent: an article already stored is not added again, so loading the same shards twice adds nothing.
    """
    from dataclasses import replace

    from dateline.run import load_shard_paths

    progress = _Progress(enabled=not quiet, files=None)
    try:
        report = load_shard_paths(
            shards,
            replace(settings_from_env(), db=db),
            on_issue=_issue_printer(progress, quiet),
            on_progress=progress.update,
        )
    finally:
        progress.close()
    _print_run_summary(report, db)
