"""The hand audit of events on real news: sampled rows to judge, and the figures of a judged sample.

A sampled event becomes one TSV row (``event_row``) with its sentence, for the judge's eyes only; the judgments
kept in the repository (``JUDGED_COLUMNS``) hold no text of the articles, only offsets, our own codes and a hash
of the coded slots (``coding``). A judgment is keyed by article id and evidence offsets: when the pipeline now
codes that event differently (the hash differs), the judgment is stale and the row counts as unjudged, never as
scored with another row's verdict. Criteria: ``benchmarks/audit/README.md``.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from dateline.errors import GoldDataError
from dateline.eval.framing import read_ptc
from dateline.eval.geo import read_gold
from dateline.eval.split import Part
from dateline.eval.stories import real_stream
from dateline.eval.time import articles as timeml_articles
from dateline.eval.time import gold_documents
from dateline.model import Article, Event
from dateline.read import ReadIssue
from dateline.read.article import build_article

Row = dict[str, str]

# What the pipeline coded: shown to the judge, and hashed to tell a stale judgment.
CODED = ("type", "mode", "source", "target", "modality", "place", "date")
SAMPLE_COLUMNS = (
    "set",
    "article_id",
    "start",
    "end",
    "trigger",
    "trigger_at",
    *CODED,
    "place_basis",
    "date_basis",
    "published",
    "confidence",
    "coding",
    "placed",
    "sentence",
)
# The judge's columns: y or n; blank where a field is not applicable (a row that is no happening, no place coded).
VERDICTS = ("real", "type_ok", "source_ok", "target_ok", "modality_ok", "place_ok", "date_ok")
# What is kept of a sampled row beside its verdicts: no words of the article (its text is not ours to copy).
KEPT = ("set", "article_id", "start", "end", "trigger_at", "type", "mode", "modality", "date", "placed")
JUDGED_COLUMNS = (*KEPT, "confidence", "coding", *VERDICTS, "errors", "note")
LABELLED_COLUMNS = (*KEPT, "coding", "real", "errors")
FIELD_VERDICTS = ("type_ok", "source_ok", "target_ok", "modality_ok", "place_ok", "date_ok")
CONFIDENCE_BANDS = (0.0, 0.4, 0.6, 0.8, 1.0001)

Summary = dict[str, object]


def event_row(gold_set: str, article_id: str, text: str, event: Event, published: str | None) -> Row:
    """One sampled event as the judge sees it: its coding, the sentence it was read from, where it sits."""
    row = {
        "set": gold_set,
        "article_id": article_id,
        "start": str(event.evidence.start),
        "end": str(event.evidence.end),
        "trigger": event.trigger_text,
        # Where the trigger starts in ``sentence`` (whose runs of white space are one space).
        "trigger_at": str(len(_collapse(text[event.evidence.start : event.trigger.start] + "x")) - 1),
        "type": event.type,
        "mode": event.mode or "",
        "source": event.source_actor_id or event.source_text or "",
        "target": event.target_actor_id or event.target_text or "",
        "modality": event.modality,
        "place": event.place_text or "",
        # A bound ("on or before publication") is no day to judge: README, "When a field is right".
        "date": event.date if event.date and event.time_precision != "before" else "",
        "place_basis": event.place_basis or "",
        "date_basis": event.date_basis or "",
        "published": published or "",
        "confidence": f"{event.confidence:.2f}",
        "sentence": _collapse(text[event.evidence.start : event.evidence.end]),
    }
    row["coding"] = coding(row)
    row["placed"] = "y" if event.place_text else "n"
    return row


def coding(row: Row) -> str:
    """A short hash of the coded slots: equal when the pipeline still codes the event the same way."""
    return hashlib.sha256("\x1f".join(row[field] for field in CODED).encode()).hexdigest()[:12]


def key(row: Row) -> tuple[str, str, str]:
    return row["article_id"], row["start"], row["end"]


def write_rows(path: Path, rows: Iterable[Row], columns: tuple[str, ...]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, delimiter="\t", extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{name: value or "" for name, value in row.items()} for row in csv.DictReader(handle, delimiter="\t")]


def match(sample: list[Row], judged: list[Row]) -> tuple[list[Row], list[Row], list[Row]]:
    """Judged rows for the sample's events, sample rows never judged, and sample rows whose judgment is stale."""
    by_key = {key(row): row for row in judged if row.get("real", "").strip()}
    current, unjudged, stale = [], [], []
    for row in sample:
        verdict = by_key.get(key(row))
        if verdict is None:
            unjudged.append(row)
        elif verdict.get("coding") != row["coding"]:
            stale.append(row)
        else:
            current.append(verdict)
    return current, unjudged, stale


def summarise(judged: list[Row]) -> Summary:
    """The audit's figures over judged rows: real and fully right shares, field accuracy among the real,
    coverage, error kinds by frequency, and the real share by confidence band."""
    total = len(judged)
    real = [row for row in judged if _yes(row["real"])]
    fields = {
        name.removesuffix("_ok"): _share(sum(_yes(row[name]) for row in real if row[name]), _count(real, name))
        for name in FIELD_VERDICTS
    }
    errors = Counter(kind.strip() for row in judged for kind in row.get("errors", "").split(",") if kind.strip())
    bands = {}
    for low, high in itertools.pairwise(CONFIDENCE_BANDS):
        rows = [row for row in judged if low <= float(row["confidence"]) < high]
        if rows:
            label = f"{low:.1f}-{min(high, 1.0):.1f}"
            bands[label] = (len(rows), _share(sum(_yes(row["real"]) for row in rows), len(rows)))
    return {
        "judged": total,
        "real": _share(len(real), total),
        "fully_right": _share(sum(fully_right(row) for row in judged), total),
        "field_accuracy_among_real": fields,
        "with_place": _share(sum(row["placed"] == "y" for row in judged), total),
        "with_date": _share(sum(bool(row["date"]) for row in judged), total),
        "errors": errors.most_common(),
        "real_by_confidence": bands,
    }


def fully_right(row: Row) -> bool:
    """Real, with type, source, target and modality right, and the place and date right where coded."""
    if not _yes(row["real"]):
        return False
    needed = ["type_ok", "source_ok", "target_ok", "modality_ok"]
    needed += [name for name, coded in (("place_ok", row["placed"] == "y"), ("date_ok", row["date"])) if coded]
    return all(_yes(row[name]) for name in needed)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _yes(value: str) -> bool:
    return value.strip().lower() in {"y", "yes", "1"}


def _count(rows: list[Row], name: str) -> int:
    return sum(bool(row[name].strip()) for row in rows)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def polnear_articles(root: Path) -> dict[str, Article] | None:
    folder = root / "quotes" / "polnear"
    if not (folder / "metadata.tsv").exists():
        return None
    with (folder / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    articles = {}
    for path in sorted(folder.glob("*/text/*.txt")):
        row = meta.get(path.stem, {})
        _keep(
            articles,
            build_article(
                path.read_text(encoding="utf-8"),
                origin=str(path),
                format="text",
                empty="the text is empty",
                id=path.stem,
                source=row.get("publisher"),
                published=_day(row.get("publication_date")),
            ),
        )
    return articles


def india_articles(root: Path) -> dict[str, Article] | None:
    path = root / "corpora" / "india_police_events" / "metadata.jsonl"
    if not path.exists():
        return None
    articles = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            row = json.loads(line)
            _keep_record(
                articles,
                row["full_text"],
                f"{path}:{number}",
                id=str(row["doc_id"]),
                source="Times of India",
                url=row.get("url"),
                published=_day(row.get("date")),
            )
    return articles


def stories_articles(root: Path, part: Part) -> dict[str, Article] | None:
    """The real story sets' articles (``stories/`` under the gold root: AllSides openings and NewsWCL50 full texts
    from 145 outlets) of one part only. Those sets are split by story, so an article's part is its story's and the
    articles of the other part are never built: the audit's report rounds draw from them."""
    try:
        records = real_stream(part, root)
    except GoldDataError:
        return None
    articles = {}
    for record in records:
        _keep_record(
            articles,
            record["text"],
            f"stories:{record['id']}",
            id=str(record["id"]),
            title=record.get("title"),
            source=record.get("source"),
            url=record.get("url"),
            published=_day(record.get("published")),
        )
    return articles


def tempeval_articles(root: Path) -> dict[str, Article] | None:
    """The TimeBank and AQUAINT news texts of TempEval-3 (``time/tbaq``: wire and broadcast news of 1989-2000), each
    dated by its creation time: news of another decade and other desks than the audit's first three sets."""
    folder = root / "time" / "tbaq"
    if not folder.is_dir():
        return None
    try:
        documents = gold_documents(folder)
    except GoldDataError:
        return None
    return {article.id: article for article in timeml_articles(documents)}


def ptc_articles(root: Path) -> dict[str, Article] | None:
    """The news articles of the Propaganda Techniques Corpus (``framing/ptc``: 2017-2019 stories from outlets of
    every slant), undated, their title line kept as the text's first line."""
    try:
        articles, _ = read_ptc(root / "framing" / "ptc")
    except GoldDataError:
        return None
    return {article.id: article for article in articles}


def geo_articles(root: Path, name: str, prefix: str) -> dict[str, Article] | None:
    """The news articles of one geoparsing gold file (``geo/lgl.xml``: US local news of 2009; ``geo/GWN.xml``:
    GeoWebNews, news pages of many countries and desks), undated, each id the file's own behind ``prefix``
    ("lgl-", "gwn-": GeoWebNews numbers its articles from 0, as the India corpus does)."""
    path = root / "geo" / name
    if not path.exists():
        return None
    try:
        gold = read_gold(path)
    except GoldDataError:
        return None
    articles: dict[str, Article] = {}
    for item in gold:
        _keep(
            articles,
            build_article(
                item.text,
                origin=f"{path}:{item.id}",
                format="text",
                empty="the text is empty",
                id=f"{prefix}{item.id}",
                url=item.url,
            ),
        )
    return articles


# Each audit set's articles by its short name (``benchmarks/event_audit.py --sets``), given the gold root and the part
# asked for: only the story sets, split by story, build the articles of one part alone.
AUDIT_SOURCES: dict[str, Callable[[Path, Part], dict[str, Article] | None]] = {
    "polnear": lambda root, part: polnear_articles(root),
    "india": lambda root, part: india_articles(root),
    "stories": stories_articles,
    "tempeval": lambda root, part: tempeval_articles(root),
    "ptc": lambda root, part: ptc_articles(root),
    "lgl": lambda root, part: geo_articles(root, "lgl.xml", "lgl-"),
    "geowebnews": lambda root, part: geo_articles(root, "GWN.xml", "gwn-"),
}


def _keep_record(articles: dict[str, Article], text: str, origin: str, **fields: object) -> None:
    """Add the article one JSON line's record holds (``fields``: its id, source, date...)."""
    _keep(articles, build_article(text, origin=origin, format="jsonl", empty="the text is empty", **fields))


def _keep(articles: dict[str, Article], built: Article | ReadIssue) -> None:
    """Add an article built by its id; say on stderr why a text gave none."""
    if isinstance(built, ReadIssue):
        print(f"{built.path}: {built.reason}", file=sys.stderr)
    else:
        articles[built.id] = built


def _day(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
