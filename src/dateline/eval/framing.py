"""The framing stage against the SemEval-2020 Task 11 propaganda gold (PTC layout: ``articles/``, ``labels/``).

Runs the real pipeline over each article and scores frames, by the technique the span tagger (or, without it,
their lexicon entry) gives them, with the task's partial-overlap span metric (micro over documents) and with exact
spans. The articles are split once into ``tune`` and ``report`` by ``dateline.eval.split.part_of("ptc", file
name)`` (manifest ``splits/ptc.tsv``); the span model is trained on ``tune`` and only ``report`` is quoted.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dateline.config import settings_from_env
from dateline.errors import GoldDataError
from dateline.eval import Metrics, scorer
from dateline.eval.split import Part, in_part
from dateline.extract import run_stages
from dateline.model import Article, Frame, Span
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources

TECHNIQUE_SETS: dict[str, frozenset[str]] = {
    "Loaded_Language": frozenset({"Loaded_Language"}),
    "Name_Calling,Labeling": frozenset({"Name_Calling,Labeling"}),
    "union": frozenset({"Loaded_Language", "Name_Calling,Labeling"}),
}
# Printed by the benchmark beside the two the stage targets, so what is still missed shows (the tagger was tried
# on these too and found none of their clause-long spans).
OTHER_TECHNIQUES = ("Exaggeration,Minimisation", "Doubt", "Appeal_to_fear-prejudice")
Labels = dict[str, list[tuple[str, Span]]]
GOLD_SET = "ptc"


@scorer("framing", gold="framing/ptc", description="Loaded_Language and Name_Calling spans, SemEval-2020 Task 11")
def score(gold: Path, part: Part | None = None) -> Metrics:
    """Every technique set's span scores over the articles of ``part`` (None: all of them)."""
    articles, labels = read_ptc(gold)
    articles = select_part(articles, part)
    if not articles:
        raise GoldDataError(f"no PTC article of {gold} falls in the {part} part")
    model = load_resources().framing_model
    seen = sorted(article.id for article in articles if model and model.was_trained_on(Path(article.origin)))
    metrics = score_predictions(predict(articles), {article.id: labels[article.id] for article in articles})
    if seen:
        # `dateline eval` warns on this: these articles' figures are training scores, not held-out ones.
        metrics["framing"] = {"trained_on_this_file": True, "articles": len(articles), "trained_on": len(seen)}
    return metrics


def select_part(articles: list[Article], part: Part | None) -> list[Article]:
    """The articles of ``part`` (``tune`` or ``report``) by the hash of their file name; all for None."""
    return [article for article in articles if in_part(GOLD_SET, Path(article.origin).name, part)]


def read_ptc(folder: Path) -> tuple[list[Article], Labels]:
    """Articles (title line kept in the text, as the offsets expect) and their technique spans."""
    texts = sorted((folder / "articles").glob("article*.txt"))
    if not texts:
        raise GoldDataError(f"no article*.txt under {folder / 'articles'}: is {folder} laid out like PTC?")
    articles, labels = [], {}
    for path in texts:
        article_id = path.stem.removeprefix("article")
        # Text mode, UTF-8: the gold offsets count characters of the text read this way.
        with path.open(encoding="utf-8") as handle:
            text = handle.read()
        articles.append(Article(id=article_id, text=text, title=text.split("\n", 1)[0], origin=str(path)))
        labels[article_id] = _read_labels(folder / "labels" / f"article{article_id}.task2-TC.labels", len(text))
    return articles, labels


def _read_labels(path: Path, text_length: int) -> list[tuple[str, Span]]:
    if not path.exists():
        raise GoldDataError(f"missing labels {path}")
    spans = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 4 or not cells[2].isdigit() or not cells[3].isdigit() or int(cells[3]) > text_length:
            raise GoldDataError(f"{path}:{number}: expected id, technique, start, end within the article")
        spans.append((cells[1], Span(int(cells[2]), int(cells[3]))))
    return spans


def predict(articles: list[Article]) -> Labels:
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    predicted: Labels = {}
    for parsed in parse(articles, nlp):
        analysis = run_stages(parsed, resources)
        predicted[parsed.article.id] = technique_spans(analysis.of(Frame))
    return predicted


def technique_spans(frames: Iterable[Frame]) -> list[tuple[str, Span]]:
    """What the task scores: each frame's technique over the phrase it covers."""
    return [
        (frame.technique, frame.technique_span or frame.evidence) for frame in frames if frame.technique is not None
    ]


def score_predictions(
    predicted: Labels, gold: Labels, technique_sets: dict[str, frozenset[str]] = TECHNIQUE_SETS
) -> Metrics:
    return {
        name: span_scores(
            {doc: [span for technique, span in spans if technique in techniques] for doc, spans in predicted.items()},
            {doc: [span for technique, span in spans if technique in techniques] for doc, spans in gold.items()},
        )
        for name, techniques in technique_sets.items()
    }


def span_scores(predicted: dict[str, list[Span]], gold: dict[str, list[Span]]) -> dict[str, float | int]:
    """The task's span metric, summed over documents: each predicted span earns the share of it that
    gold covers (precision), each gold span the share of it that predictions cover (recall).

    Overlapping spans on one side are merged first, as the task's scorer does, so that a character is
    counted once; ``n_gold`` counts the distinct gold spans as annotated.
    """
    precision_sum = recall_sum = 0.0
    n_predicted = n_merged_gold = exact = n_exact_predicted = n_gold = 0
    for doc in set(predicted) | set(gold):
        doc_predicted, doc_gold = set(predicted.get(doc, ())), set(gold.get(doc, ()))
        n_gold += len(doc_gold)
        n_exact_predicted += len(doc_predicted)
        exact += len(doc_predicted & doc_gold)
        merged_predicted, merged_gold = merge(doc_predicted), merge(doc_gold)
        n_predicted += len(merged_predicted)
        n_merged_gold += len(merged_gold)
        for s in merged_predicted:
            for g in merged_gold:
                shared = min(s.end, g.end) - max(s.start, g.start)
                if shared > 0:
                    precision_sum += shared / len(s)
                    recall_sum += shared / len(g)
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_merged_gold if n_merged_gold else 0.0
    exact_precision = exact / n_exact_predicted if n_exact_predicted else 0.0
    exact_recall = exact / n_gold if n_gold else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
        "exact_f1": round(_f1(exact_precision, exact_recall), 4),
        "n_gold": n_gold,
    }


def merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(span for span in spans if len(span)):
        if merged and span.start < merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
