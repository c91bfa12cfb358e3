"""Story clustering scored with B-cubed precision, recall and F1 (Bagga & Baldwin 1998; the metric of the news
stream clustering literature, e.g. Miranda et al., EMNLP 2018).

Gold: JSON Lines files anywhere below DIR, one article a line: ``{"id", "text", "published", "source", "story"}``
(``story`` null: an article no other reports). The texts run through the whole pipeline into a temporary store,
in file order, and are linked online exactly as ``dateline analyze`` links them.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from dateline.config import settings_from_env
from dateline.errors import GoldDataError
from dateline.eval import Metrics, gold_jsonl, scorer
from dateline.extract import run_stages
from dateline.link import link_new_articles
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


def cluster(records: list[dict]) -> dict[str, str]:
    """Run the pipeline and the online linker; return each article's story id."""
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
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "stories.db") as store:
        store.add(run_stages(parsed, resources) for parsed in parse(articles, nlp))
        return {placement.article_id: placement.story_id for placement in link_new_articles(store)}


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
