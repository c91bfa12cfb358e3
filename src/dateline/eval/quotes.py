"""The quotes stage against PolNeAR attribution gold (brat standoff: ``text/`` and ``attributions/``).

Runs the real pipeline over each text and scores content spans (content plus continuation; partial: word
Jaccard >= 0.5, one-to-one best pairs; exact: the same words), and, for matched contents, speaker and cue
overlap. Strict figures (``strict_*``) pair a bucket's predictions only with that bucket's gold: ``direct``
predictions with gold enclosed in quote marks, ``indirect`` and ``mixed`` ones with the rest. A mixed quote
(a reported clause holding a quoted fragment) is not enclosed in marks, so its gold is indirect and so is our
``mixed`` kind. The unprefixed figures are the earlier lenient ones: any prediction may match any gold, and a
match counts for the bucket of each side. ``all`` ignores kind, so its strict and lenient figures agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.config import settings_from_env
from dateline.errors import GoldDataError
from dateline.eval import Metrics, scorer
from dateline.eval.split import Part, in_part
from dateline.extract import run_stages
from dateline.extract.quote_tagger import enclosed_in_marks
from dateline.model import Article, Quote, Span
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources

GOLD_SET = "polnear"
PARTIAL_JACCARD = 0.5
BUCKETS = ("direct", "indirect", "all")
# Kinds the stage emits that are not anyone's attributed statement, so PolNeAR has nothing to match them.
NOT_ATTRIBUTIONS = frozenset({"chant", "title", "scare", "unattributed"})
_WORD = re.compile(r"\w+")
_TEXT_BOUND = re.compile(r"^(?P<id>T\d+)\t\S+ (?P<ranges>\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_EVENT = re.compile(r"^E\d+\t(?P<roles>\S+:\S+(?: \S+:\S+)*)\s*$")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution, gold or predicted: content parts, speaker spans (any may match), cue spans."""

    content: tuple[Span, ...]
    speaker: tuple[Span, ...]
    cue: tuple[Span, ...]
    direct: bool


@scorer("quotes", gold="quotes/polnear", description="PolNeAR attributions: strict content P/R/F1, speaker and cue")
def score(gold: Path, part: Part | None = None) -> Metrics:
    """PolNeAR content, speaker and cue scores, direct and indirect, on one part of the split or all of it.

    Where two annotators marked one article, the first annotation file in name order is the gold (the
    other is not averaged in): every article then counts once, as it does for the peers.
    """
    texts, golds = read_polnear(gold, part)
    metrics = score_predictions(predict(texts), golds, texts)
    metrics["part"] = part or "all"
    metrics["n_articles"] = len(texts)
    metrics["seen_by_model"] = len(seen_by_model(texts))
    return metrics


def seen_by_model(texts: dict[str, str]) -> list[str]:
    """The texts the shipped attribution model was trained on (by content hash): scoring them is no test."""
    model = load_resources().quote_model
    return [name for name, text in texts.items() if model.was_trained_on(text)]


def read_polnear(folder: Path, part: Part | None = None) -> tuple[dict[str, str], dict[str, list[Attribution]]]:
    """Texts by name and their gold attributions (first annotator) from a PolNeAR-style folder, or from
    a folder of such folders (PolNeAR's ``train`` and ``dev``); ``part`` keeps one part of the split."""
    folders = (
        [folder]
        if (folder / "text").is_dir()
        else sorted(sub for sub in folder.iterdir() if (sub / "text").is_dir())
        if folder.is_dir()
        else []
    )
    if not folders:
        raise GoldDataError(f"{folder} needs text/ and attributions/ folders, laid out like PolNeAR")
    texts: dict[str, str] = {}
    golds: dict[str, list[Attribution]] = {}
    for one in folders:
        _read_folder(one, part, texts, golds)
    if not texts:
        raise GoldDataError(f"no .ann files of the {part or 'whole'} part under {folder}")
    return texts, golds


def _read_folder(folder: Path, part: Part | None, texts: dict[str, str], golds: dict[str, list[Attribution]]) -> None:
    text_folder, annotation_folder = folder / "text", folder / "attributions"
    if not annotation_folder.is_dir():
        raise GoldDataError(f"{folder} needs text/ and attributions/ folders, laid out like PolNeAR")
    for path in sorted(annotation_folder.glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        if name in golds or not in_part(GOLD_SET, name, part):
            continue
        text_path = text_folder / f"{name}.txt"
        if not text_path.exists():
            raise GoldDataError(f"{path} has no text: expected {text_path}")
        # Text mode, UTF-8, no newline translation: brat offsets count characters of the file as stored.
        with text_path.open(encoding="utf-8", newline="") as handle:
            texts[name] = handle.read()
        golds[name] = read_brat(path, texts[name])


def read_brat(path: Path, text: str) -> list[Attribution]:
    """The attribution events of one brat file; an event without content is no attribution."""
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # A line that is not a brat annotation continues the text field of the one before (a span's
        # text may hold line breaks), so it carries nothing to read.
        if text_bound := _TEXT_BOUND.match(line):
            ranges = text_bound["ranges"].split(";")
            spans[text_bound["id"]] = tuple(Span(*map(int, part.split())) for part in ranges)
        elif event := _EVENT.match(line):
            events.append(dict(role.split(":", 1) for role in event["roles"].split()))
    attributions = []
    for event in events:
        if "Content" not in event:
            continue
        content = spans[event["Content"]]
        attributions.append(
            Attribution(
                content,
                spans.get(event.get("Source", ""), ()),
                spans.get(event.get("Cue", ""), ()),
                is_direct(text, content),
            )
        )
    return attributions


def is_direct(text: str, content: Sequence[Span]) -> bool:
    """Whether the content is enclosed in quotation marks (marks inside the span or just around it)."""
    return enclosed_in_marks(text, tuple(content))


def from_quote(quote: Quote) -> Attribution:
    parts = tuple(part for part in (quote.content, quote.continuation) if part is not None)
    speakers = tuple(span for span in (quote.speaker_mention, quote.speaker) if span is not None)
    return Attribution(parts, speakers, (quote.cue,) if quote.cue else (), quote.kind == "direct")


def predict(texts: dict[str, str]) -> dict[str, list[Attribution]]:
    """Our stage through the real pipeline: parse once, run every stage, keep the attributed quotes."""
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    articles = [Article(id=name, text=text, origin=name) for name, text in texts.items()]
    predicted = {}
    for parsed in parse(articles, nlp):
        quotes = run_stages(parsed, resources).of(Quote)
        predicted[parsed.article.id] = [from_quote(quote) for quote in quotes if quote.kind not in NOT_ATTRIBUTIONS]
    return predicted


def words(text: str, spans: Iterable[Span]) -> frozenset[int]:
    """The word tokens a set of spans covers, each named by its start offset."""
    return frozenset(
        span.start + match.start() for span in spans for match in _WORD.finditer(text[span.start : span.end])
    )


def match(text: str, gold: Sequence[Attribution], predicted: Sequence[Attribution]) -> list[tuple[int, int, float]]:
    """One-to-one (gold, predicted, Jaccard) pairs with token Jaccard >= 0.5, best pairs first."""
    gold_words = [words(text, item.content) for item in gold]
    predicted_words = [words(text, item.content) for item in predicted]
    pairs = []
    for g, gw in enumerate(gold_words):
        for p, pw in enumerate(predicted_words):
            union = len(gw | pw)
            jaccard = len(gw & pw) / union if union else 0.0
            if jaccard >= PARTIAL_JACCARD:
                pairs.append((jaccard, g, p))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    matched = []
    for jaccard, g, p in pairs:
        if g not in taken_gold and p not in taken_predicted:
            taken_gold.add(g)
            taken_predicted.add(p)
            matched.append((g, p, jaccard))
    return matched


def _agrees(gold: tuple[Span, ...], predicted: tuple[Span, ...]) -> bool:
    # A gold attribution with no source (or cue) is matched by a prediction that claims none.
    if not gold:
        return not predicted
    return any(g.overlaps(p) for g in gold for p in predicted)


def score_predictions(
    predicted: dict[str, list[Attribution]], gold: dict[str, list[Attribution]], texts: dict[str, str]
) -> Metrics:
    """Micro-averaged figures over all articles, per bucket: strict (``strict_*``) and lenient."""
    lenient = {bucket: _zero() for bucket in BUCKETS}
    strict = {bucket: _zero() for bucket in BUCKETS}
    for name, gold_items in gold.items():
        predicted_items = predicted.get(name, [])
        text = texts[name]
        for bucket in BUCKETS:
            gold_in = [item for item in gold_items if _in(bucket, item)]
            predicted_in = [item for item in predicted_items if _in(bucket, item)]
            for counts in (lenient[bucket], strict[bucket]):
                counts["gold"] += len(gold_in)
                counts["pred"] += len(predicted_in)
            for g, p, jaccard in match(text, gold_in, predicted_in):
                strict[bucket]["hit_pred"] += 1
                _count_hit(strict[bucket], gold_in[g], predicted_in[p], jaccard)
        for g, p, jaccard in match(text, gold_items, predicted_items):
            gold_item, predicted_item = gold_items[g], predicted_items[p]
            for bucket in BUCKETS:
                if _in(bucket, predicted_item):
                    lenient[bucket]["hit_pred"] += 1
                if _in(bucket, gold_item):
                    _count_hit(lenient[bucket], gold_item, predicted_item, jaccard)
    metrics: Metrics = {}
    for bucket in BUCKETS:
        figures = _figures(lenient[bucket])
        figures.update({f"strict_{key}": value for key, value in _figures(strict[bucket]).items() if key[:2] != "n_"})
        metrics[bucket] = figures
    return metrics


def _zero() -> dict[str, int]:
    return dict.fromkeys(("gold", "pred", "hit_gold", "hit_pred", "exact", "speaker", "cue"), 0)


def _count_hit(counts: dict[str, int], gold: Attribution, predicted: Attribution, jaccard: float) -> None:
    counts["hit_gold"] += 1
    counts["exact"] += jaccard == 1.0
    counts["speaker"] += _agrees(gold.speaker, predicted.speaker)
    counts["cue"] += _agrees(gold.cue, predicted.cue)


def _in(bucket: str, item: Attribution) -> bool:
    return bucket == "all" or (bucket == "direct") == item.direct


def _figures(count: dict[str, int]) -> dict[str, float | int]:
    precision = _ratio(count["hit_pred"], count["pred"])
    recall = _ratio(count["hit_gold"], count["gold"])
    # Exact matches are one-to-one pairs too, so exact precision and recall share the count.
    exact_precision, exact_recall = _ratio(count["exact"], count["pred"]), _ratio(count["exact"], count["gold"])
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
        "exact_f1": round(_f1(exact_precision, exact_recall), 4),
        "speaker_accuracy": round(_ratio(count["speaker"], count["hit_gold"]), 4),
        "cue_accuracy": round(_ratio(count["cue"], count["hit_gold"]), 4),
        "n_gold": count["gold"],
        "n_pred": count["pred"],
    }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
