"""The ``dateline`` command: a thin layer over the Python API and the run module (a run's progress on the
terminal is ``cli_progress``; the plain text it prints for an article or figures, ``cli_text``).

Exit codes (also in the README): 0 done; 1 done, but some inputs failed; 2 usage error;
3 the store cannot be opened or written; 4 a model or resource is missing; 5 the requested
record does not exist; 130 interrupted.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import click

from dateline import __version__
from dateline.cli_progress import Progress, count_files, issue_printer
from dateline.cli_text import print_stats, render_analysis
from dateline.config import settings_from_env
from dateline.errors import DatelineError, ResourceError, StoreError
from dateline.model import to_json

EXIT_INPUT_ERRORS = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_RESOURCE = 4
EXIT_NOT_FOUND = 5
EXIT_INTERRUPTED = 130

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
    progress = Progress(enabled=not quiet, files=count_files(paths) if not quiet else None)
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
            on_issue=issue_printer(progress, quiet),
            on_progress=progress.update,
        )
    finally:
        progress.close()
    _print_run_summary(report, db)


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
        click.echo(render_analysis(analysis))


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
    print_stats(figures)
    if by_source:
        width = max(len(row[0]) for row in by_source)
        click.echo(f"\n{'outlet':<{width}}  articles  published")
        for source, articles, first, last in by_source:
            span = f"{(first or '?')[:10]} .. {(last or '?')[:10]}" if first else "-"
            click.echo(f"{source:<{width}}  {articles:>8}  {span}")


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
        print_stats(figures)


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
        print_stats(metrics)


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

    progress = Progress(enabled=not quiet, files=None)
    try:
        report = load_shard_paths(
            shards,
            replace(settings_from_env(), db=db),
            on_issue=issue_printer(progress, quiet),
            on_progress=progress.update,
        )
    finally:
        progress.close()
    _print_run_summary(report, db)
