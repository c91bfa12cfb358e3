"""Story clustering scored with B-cubed precision, recall and F1 (Bagga & Baldwin 1998; the metric of the news
stream clustering literature, e.g. Miranda et al., EMNLP 2018).

Gold: JSON Lines files anywhere below DIR, one article a line: ``{"id", "text", "published", "source", "story"}``
(``story`` null: an article no other reports). The texts run through the whole pipeline into a temporary store,
in file order, and are linked online exactly as ``dateline analyze`` links them.

The real stream (``REAL_SETS``: AllSides and NewsWCL50 under ``stories/``) is split by story id, never by article,
into ``tune`` and ``report`` with ``dateline.eval.split``; each part is a stream of its own in date order.
``tfidf_single_link`` is the peer every figure is printed beside: TF-IDF cosine, single link, at its best threshold.
"""

from __future__ import annotations

import math
import random
import re
import tempfile
from collections import Counter
from datetime import datetime
from pathlib import Path

from dateline.config import settings_from_env
from dateline.errors import GoldDataError
from dateline.eval import Metrics, gold_jsonl, gold_root, scorer
from dateline.eval.split import Part, in_part, write_manifest
from dateline.extract import run_stages
from dateline.link import link_article, link_new_articles
from dateline.link.pair_model import StoryModel
from dateline.model import Article
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources
from dateline.store import Store


@scorer("stories", gold="stories", description="B-cubed P/R/F1 of online story clustering")
def score(gold: Path) -> Metrics:
    records = read_gold(gold)
    predicted = cluster(records)
    truth = {record["id"]: record["story"] or f"single:{record['id']}" for record in records}
    return {
        **bcubed(truth, predicted),
        "n_articles": len(records),
        "n_stories": len(set(truth.values())),
    }


def read_gold(folder: Path) -> list[dict]:
    paths = sorted(folder.rglob("*.jsonl")) if folder.is_dir() else [folder]
    records = []
    for path in paths:
        for number, record in gold_jsonl(path):
            if not {"id", "text", "story"} <= set(record):
                raise GoldDataError(f"{path}:{number}: needs id, text, published, source and story")
            records.append(record)
    if not records:
        raise GoldDataError(f"no JSON Lines story gold below {folder}")
    return records


# Gold set name (its split manifest is ``splits/<name>.tsv``) -> file under ``stories/``.
REAL_SETS = {"stories_allsides": "allsides_excerpts.jsonl", "stories_newswcl50": "newswcl50.jsonl"}
_TOKEN = re.compile(r"[^\W\d_]{3,}")


def real_stream(part: Part | None, root: Path | None = None) -> list[dict]:
    """The real sets' articles of one part (``None``: all), mixed in date order (undated first, then by id).

    A set is split by story id, so no story has articles on both sides. Raises ``GoldDataError`` when the files
    are absent."""
    folder = (root or gold_root()) / "stories"
    records = []
    for gold_set, name in REAL_SETS.items():
        if not (folder / name).is_file():
            raise GoldDataError(f"{folder / name}: the real story sets are not there")
        records += [record for record in read_gold(folder / name) if in_part(gold_set, record["story"], part)]
    return sorted(records, key=lambda record: (record.get("published") or "", str(record["id"])))


def interleaved(records: list[dict], seed: int) -> list[dict]:
    """The records in date order with each day's articles in a seeded random order, as a feed interleaves the day's
    stories. The sets list a story's articles together (their ids share the story's), and a stream in date order
    ties broken by id hands the linker each story's retellings one after another: a flattering order no reader's
    folder or feed keeps."""
    rng = random.Random(seed)
    keys = {str(record["id"]): ((record.get("published") or "")[:10], rng.random()) for record in records}
    return sorted(records, key=lambda record: keys[str(record["id"])])


def link_in_order(store: Store, records: list[dict], model: StoryModel | None = None) -> dict[str, str]:
    """Forget the store's stories and link its articles again in the order of ``records`` (``model``: the shipped
    one); each article's story."""
    store.clear_stories()
    placed = [link_article(store, str(record["id"]), model) for record in records]
    return {placement.article_id: placement.story_id for placement in placed}


def write_real_manifests(root: Path | None = None) -> list[Path]:
    """Commit the split of each real set (by story id) under ``splits/``."""
    folder = (root or gold_root()) / "stories"
    return [
        write_manifest(gold_set, {str(record["story"]) for record in read_gold(folder / name)})
        for gold_set, name in REAL_SETS.items()
    ]


def truth_of(records: list[dict]) -> dict[str, str]:
    return {str(record["id"]): record["story"] or f"single:{record['id']}" for record in records}


def tfidf_single_link(
    records: list[dict], thresholds: tuple[float, ...], windows: tuple[int, ...] = (0, 1, 3, 7)
) -> tuple[float, int, Metrics]:
    """The peer: TF-IDF cosine of title and text over the whole set, single link between articles published at
    most a window of days apart (or undated); the best threshold and window (chosen on the very data they are
    scored on, so an upper bound of the peer) and their scores."""
    counts = [Counter(_TOKEN.findall(f"{record.get('title') or ''} {record['text']}".casefold())) for record in records]
    df = Counter(term for count in counts for term in count)
    vectors = []
    for count in counts:
        weights = {t: (1 + math.log(n)) * math.log((len(counts) + 1) / (df[t] + 1)) for t, n in count.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({t: w / norm for t, w in weights.items()})
    postings: dict[str, list[int]] = {}
    for row, vector in enumerate(vectors):
        for term in vector:
            postings.setdefault(term, []).append(row)
    days = [_day_of(record) for record in records]
    pairs: list[tuple[float, int, int, int]] = []  # cosine, row, other, days apart (0 when either is undated)
    for row, vector in enumerate(vectors):
        dots: Counter[int] = Counter()
        for term, weight in vector.items():
            for other in postings[term]:
                if other > row:
                    dots[other] += weight * vectors[other][term]
        pairs += [
            (dot, row, other, abs(days[row] - days[other]) if days[row] and days[other] else 0)
            for other, dot in dots.items()
            if dot >= min(thresholds)
        ]
    truth = truth_of(records)
    best: tuple[float, int, Metrics] = (0.0, 0, {"bcubed_f1": -1.0})
    for window in windows:
        for threshold in thresholds:
            parent = list(range(len(records)))
            for dot, row, other, apart in pairs:
                if dot >= threshold and apart <= window:
                    parent[_root(parent, row)] = _root(parent, other)
            predicted = {str(record["id"]): str(_root(parent, row)) for row, record in enumerate(records)}
            scores = bcubed(truth, predicted)
            if scores["bcubed_f1"] > best[2]["bcubed_f1"]:
                best = (threshold, window, scores)
    return best


def _root(parent: list[int], row: int) -> int:
    """The representative of ``row``'s cluster in a union-find forest, halving the path on the way."""
    while parent[row] != row:
        parent[row] = parent[parent[row]]
        row = parent[row]
    return row


def _day_of(record: dict) -> int:
    return datetime.fromisoformat(record["published"]).toordinal() if record.get("published") else 0


def cluster(records: list[dict]) -> dict[str, str]:
    """Run the pipeline and the online linker; return each article's story id."""
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "stories.db") as store:
        analyse_into(store, records)
        return {placement.article_id: placement.story_id for placement in link_new_articles(store)}


def analyse_into(store: Store, records: list[dict]) -> None:
    """Run the whole pipeline over gold records and store them, in order, without linking them."""
    articles = [
        Article(
            id=str(record["id"]),
            text=record["text"],
            title=record.get("title"),
            source=record.get("source"),
            published=(published := datetime.fromisoformat(record["published"]) if record.get("published") else None),
            published_has_zone=published is not None and published.tzinfo is not None,
        )
        for record in records
    ]
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    store.add(run_stages(parsed, resources) for parsed in parse(articles, nlp))


def stored_clusters(store: Store) -> dict[str, str]:
    """Each linked article's story, read from the store's ``story_articles`` (singletons included)."""
    return {row[0]: row[1] for row in store.query("SELECT article_id, story_id FROM story_articles")}


def bcubed(truth: dict[str, str], predicted: dict[str, str]) -> Metrics:
    """Per-item precision and recall of the item's cluster against its gold class, averaged over items."""
    by_truth: dict[str, set[str]] = {}
    by_predicted: dict[str, set[str]] = {}
    for item, label in truth.items():
        by_truth.setdefault(label, set()).add(item)
        by_predicted.setdefault(predicted.get(item, f"missing:{item}"), set()).add(item)
    precision = recall = 0.0
    for item, label in truth.items():
        cluster_items = by_predicted[predicted.get(item, f"missing:{item}")]
        class_items = by_truth[label]
        shared = len(cluster_items & class_items)
        precision += shared / len(cluster_items)
        recall += shared / len(class_items)
    n = len(truth) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": round(precision, 4), "bcubed_recall": round(recall, 4), "bcubed_f1": round(f1, 4)}
