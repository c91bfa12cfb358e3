"""The hand audit of events on real news: a reproducible sample to judge, and the figures of its judgments.

Real news: the PolNeAR article texts (US political news, 2015-2016) and the India police-events articles (Times of
India). Articles are split once by ``dateline.eval.split.part_of("audit_polnear" | "audit_india", article_id)``
(manifests in ``splits/``); an article some model was trained on (the quote model reads PolNeAR's ``polnear`` tune
part, the happening detector the India corpus's ``india_police_events`` tune part) is never sampled. Within a part,
the eligible articles are shuffled with a fixed seed and read in that order; an article with at least one event
gives one event, drawn with a seed of its own, until 60 PolNeAR and 40 India articles have given one (100 events,
one per article). ``--sample tune|report`` runs the real pipeline (build_article, parse, run_stages), writes the
sample to ``benchmarks/audit/sample_<part>.tsv`` and, when ``benchmarks/audit/judged_<part>.tsv`` holds judgments,
prints the audit's figures (criteria and columns: ``benchmarks/audit/README.md``).
``--round N`` draws a fresh sample the same way from the articles no earlier round's judgments come from (its own
shuffle), into ``sample_<part>_roundN.tsv`` and ``judged_<part>_roundN.tsv``: a new held-out measure once rules were
written after a round was read.
``--sets stories`` (or ``polnear,india,stories``) draws from the real story sets (``stories/``: news from 145 outlets)
as the set ``audit_stories``, 60 events; an article's part there is its story's part (``splits/stories_*.tsv``) and
no article of the other part is read.
``--sets tempeval,ptc`` (2026-12-08) draws from news none of the first three sets holds: TempEval-3's TimeBank and
AQUAINT texts (wire and broadcast news of 1989-2000, dated; ``audit_tempeval``) and the Propaganda Techniques Corpus
articles (2017-2019, outlets of every slant, undated; ``audit_ptc``), 40 events each, from the documents the date
chooser and the framing model never read (their sets' ``report`` parts). ``--sets lgl,geowebnews`` draws from the
geoparsing gold's news (LGL: US local news of 2009; GeoWebNews: news pages of many countries), undated, 40 events
each, from the documents in the geo ranker's ``report`` parts.
Usage: python benchmarks/event_audit.py --sample tune|report [--round N] [--sets S,...] [--extra N] [--write-manifests]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.anchoring import TEMPEVAL
from dateline.eval.audit import (
    AUDIT_SOURCES,
    JUDGED_COLUMNS,
    SAMPLE_COLUMNS,
    event_row,
    match,
    read_rows,
    summarise,
    write_rows,
)
from dateline.eval.framing import GOLD_SET as PTC
from dateline.eval.happening import INDIA_POLICE_EVENTS
from dateline.eval.quotes import GOLD_SET as POLNEAR_QUOTES
from dateline.eval.split import REPORT, TUNE, Part, part_of, write_manifest
from dateline.extract import run_stages
from dateline.model import Article, Event
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources

SEED = 16
AUDIT = Path(__file__).resolve().parent / "audit"
LABELLED = AUDIT / "labelled_tune.tsv"
# Set name in the split, the training split whose tune part a model read (None: no model read the set), and how
# many articles give an event.
SETS = {
    "polnear": ("audit_polnear", POLNEAR_QUOTES, 60),
    "india": ("audit_india", INDIA_POLICE_EVENTS, 40),
    "stories": ("audit_stories", None, 60),
    "tempeval": ("audit_tempeval", TEMPEVAL, 40),
    "ptc": ("audit_ptc", PTC, 40),
    "lgl": ("audit_lgl", "lgl", 40),
    "geowebnews": ("audit_geowebnews", "geowebnews", 40),
}
# How a set's trained split names an article, where not by its id: PTC's split is by file name, the geoparsing
# sets' by the file's own id.
TRAINED_KEYS = {
    "ptc": lambda article_id: f"article{article_id}.txt",
    "lgl": lambda article_id: article_id.removeprefix("lgl-"),
    "geowebnews": lambda article_id: article_id.removeprefix("gwn-"),
}
# The sources of rounds 1-4; the story sets joined after them (2026-12-06).
DEFAULT_SETS = "polnear,india"
BATCH = 8
EXTRA_PER_ARTICLE = 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", choices=("tune", "report"), required=True)
    parser.add_argument("--write-manifests", action="store_true", help="rewrite splits/audit_*.tsv")
    parser.add_argument("--extra", type=int, default=0, help="tune only: this many more events to label real or not")
    parser.add_argument(
        "--round", type=int, default=1, help="a fresh sample from articles no earlier round's judge read (2, 3, ...)"
    )
    parser.add_argument("--sets", default=DEFAULT_SETS, help=f"which of {', '.join(SETS)} to draw from")
    options = parser.parse_args()
    if options.extra and options.sample != "tune":
        parser.error("--extra labels training clauses: from the tune part only")
    names = options.sets.split(",")
    if not names or not set(names) <= set(SETS):
        parser.error(f"--sets: a comma-separated choice of {', '.join(SETS)}")
    root = gold_root()
    sources = {name: AUDIT_SOURCES[name](root, options.sample) for name in names}
    if any(articles is None for articles in sources.values()):
        print(f"skipped: no texts of {options.sets} under {root} (clone the repository beside shared/)")
        return 0
    if options.write_manifests:
        for name, articles in sources.items():
            if name != "stories":  # split by story: stories.write_real_manifests writes those
                write_manifest(SETS[name][0], articles)
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    earlier = range(1, options.round)
    read_before = {row["article_id"] for number in earlier for row in judged_rows(options.sample, number)}
    if options.sample == TUNE and options.round > 1:
        # Articles whose events were labelled real or not were read too: a later round draws from others. A round's
        # own extra events are labelled into their own file, so that its sample is drawn again as it was.
        for labelled in [LABELLED, *(labelled_path(number) for number in earlier)]:
            if labelled.exists():
                read_before |= {row["article_id"] for row in read_rows(labelled)}
    sample, extra = [], []
    for name, articles in sources.items():
        gold_set, trained_split, quota = SETS[name]
        trained_key = TRAINED_KEYS.get(name, str)
        eligible = [
            article_id
            for article_id in sorted(articles)
            if (name == "stories" or part_of(gold_set, article_id) == options.sample)
            and (trained_split is None or part_of(trained_split, trained_key(article_id)) == REPORT)
            and article_id not in read_before
        ]
        round_seed = "" if options.round == 1 else f":round{options.round}"
        random.Random(f"{SEED}:{gold_set}:{options.sample}{round_seed}").shuffle(eligible)
        remaining = (articles[article_id] for article_id in eligible)
        sample += sampled_events(gold_set, remaining, quota, nlp, resources)
        # The articles after the sample's, in the same order, two events each: clauses the detector may learn from.
        share = round(options.extra * quota / sum(SETS[other][2] for other in sources))
        extra += sampled_events(gold_set, remaining, share, nlp, resources, per_article=EXTRA_PER_ARTICLE)
    if extra:
        write_rows(AUDIT / "extra_tune.tsv", extra, SAMPLE_COLUMNS)
        print(
            f"{len(extra)} more events to label real or not -> {AUDIT / 'extra_tune.tsv'}, labelled into"
            f" {labelled_path(options.round).name}"
        )
    sample_path = AUDIT / f"sample_{options.sample}{_suffix(options.round)}.tsv"
    write_rows(sample_path, sample, SAMPLE_COLUMNS)
    print(f"sampled {len(sample)} events -> {sample_path}")
    judged_path = _judged_path(options.sample, options.round)
    if not judged_path.exists():
        print(f"no judgments yet: copy the sample to {judged_path} and fill in {JUDGED_COLUMNS[-9:]}")
        return 0
    report(options.sample, sample, read_rows(judged_path))
    return 0


def _suffix(number: int) -> str:
    return "" if number == 1 else f"_round{number}"


def _judged_path(part: str, number: int) -> Path:
    return AUDIT / f"judged_{part}{_suffix(number)}.tsv"


def labelled_path(number: int) -> Path:
    """Where the extra tune events of round ``number`` are labelled real or not (``labelled_tune.tsv`` before 13)."""
    return AUDIT / f"labelled_tune_round{number}.tsv"


def judged_rows(part: str, number: int) -> list[dict[str, str]]:
    """The judgments of one round (none when that round was never judged)."""
    path = _judged_path(part, number)
    return read_rows(path) if path.exists() else []


def sampled_events(
    gold_set: str, articles: Iterator[Article], quota: int, nlp, resources, per_article: int = 1
) -> list[dict[str, str]]:
    """``per_article`` events (drawn with the article's seed) from each article in order that has any, until
    ``quota`` events were drawn."""
    rows: list[dict[str, str]] = []
    while len(rows) < quota:
        batch = [article for _, article in zip(range(BATCH), articles, strict=False)]
        if not batch:
            break
        for parsed in parse(batch, nlp):
            events = sorted(run_stages(parsed, resources).of(Event), key=lambda event: event.evidence.start)
            article = parsed.article
            drawn = random.Random(f"{SEED}:{gold_set}:{article.id}").sample(events, min(per_article, len(events)))
            published = article.published.date().isoformat() if article.published else None
            for event in drawn[: quota - len(rows)]:
                rows.append(event_row(gold_set, article.id, article.text, event, published))
    return rows


def report(part: Part, sample: list[dict[str, str]], judgments: list[dict[str, str]]) -> None:
    judged, unjudged, stale = match(sample, judgments)
    print(f"{part} sample: {len(judged)} judged, {len(unjudged)} never judged, {len(stale)} stale (coded otherwise)")
    for gold_set in [None, *(name for name, _, _ in SETS.values())]:
        rows = [row for row in judged if gold_set is None or row["set"] == gold_set]
        if not rows:
            continue
        figures = summarise(rows)
        print(f"\n{gold_set or 'all'} (n {figures['judged']}):")
        print(f"  real happenings {figures['real']:.0%}, fully right {figures['fully_right']:.0%}")
        fields = ", ".join(f"{name} {value:.0%}" for name, value in figures["field_accuracy_among_real"].items())
        print(f"  among the real: {fields} (place and date: among those coded)")
        print(f"  with a place {figures['with_place']:.0%}, with a date {figures['with_date']:.0%}")
        if gold_set is None:
            print("  error kinds: " + ", ".join(f"{kind} {count}" for kind, count in figures["errors"]))
            bands = figures["real_by_confidence"].items()
            print("  real by confidence:", ", ".join(f"{band}: {n} rows {real:.0%} real" for band, (n, real) in bands))
    print("\ntargets (issue 16): >= 85% real happenings, >= 60% fully right")


if __name__ == "__main__":
    sys.exit(main())
