"""The stages, in the order they run.

A stage is a pure function ``(ParsedArticle, Resources) -> list[Record]``: no I/O, no store.
A later stage reads what earlier ones produced through ``ParsedArticle.of(RecordType)``.
Adding a stage means adding a module here and one line to ``STAGES``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from dateline.extract import actors, entities, events, framing, places, quotes, sentences, times
from dateline.model import Analysis, Record
from dateline.nlp import ParsedArticle
from dateline.resources import Resources

Stage = Callable[[ParsedArticle, Resources], list[Record]]

STAGES: tuple[tuple[str, Stage], ...] = (
    ("sentences", sentences.extract),
    ("entities", entities.extract),
    ("actors", actors.extract),
    ("quotes", quotes.extract),
    ("times", times.extract),
    ("places", places.extract),
    ("framing", framing.extract),
    ("events", events.extract),
)


def run_stages_through(parsed: ParsedArticle, resources: Resources, last: str) -> ParsedArticle:
    """``parsed`` with the records of the stages up to and including ``last``, and not of the ones that read them
    (what a model of a later stage is trained or scored on)."""
    for name, stage in STAGES:
        parsed = replace(parsed, records=parsed.records + tuple(stage(parsed, resources)))
        if name == last:
            break
    return parsed


def run_stages(
    parsed: ParsedArticle,
    resources: Resources,
    seconds: dict[str, float] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Analysis:
    """Run every stage over one parsed article; add each stage's time by ``clock`` (wall time unless told, e.g.
    ``time.process_time`` for CPU time on a shared machine) to ``seconds``."""
    for name, stage in STAGES:
        started = clock()
        produced = stage(parsed, resources)
        parsed = replace(parsed, records=parsed.records + tuple(produced))
        if seconds is not None:
            seconds[name] = seconds.get(name, 0.0) + clock() - started
    return Analysis(parsed.article, parsed.records)
