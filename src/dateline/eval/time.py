"""Score the times stage on TimeML gold (TempEval-3 Task A: TimeBank + AQUAINT).

Each ``.tml`` document's creation time (the DCT) becomes the publish date, its ``<TEXT>`` content the
article text; the real pipeline runs on it. Extents are matched relaxed (overlap) and strict
(identical after trimming whitespace); type and value accuracy are over relaxed matches, and
value F1 = relaxed F1 x value accuracy, as the task defines them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

from dateline.errors import GoldDataError
from dateline.eval import Metrics, scorer
from dateline.model import Article, TimeRef

# (start, end, type, value) of one time expression, in characters of the document text.
Timex = tuple[int, int, str, str | None]


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    dct: date | None
    timexes: tuple[Timex, ...]


def timeml_root(path: Path) -> tuple[ElementTree.Element, ElementTree.Element]:
    """The document element of a ``.tml`` file and its ``<TEXT>``; ``GoldDataError`` names a file that is neither."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise GoldDataError(f"{path}: not well-formed TimeML ({error})") from error
    body = root.find("TEXT")
    if body is None:
        raise GoldDataError(f"{path}: no <TEXT> element; is this a TimeML file?")
    return root, body


def read_timeml(path: Path) -> GoldDocument:
    """The text of ``<TEXT>`` with tags removed, its TIMEX3 offsets, and the creation time."""
    root, body = timeml_root(path)
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _date(timex.get("value") or "")
            break
    pieces: list[str] = []
    timexes: list[Timex] = []
    _walk(body, pieces, timexes, 0, top=True)
    return GoldDocument(path.stem, "".join(pieces), dct, tuple(timexes))


def _walk(element: ElementTree.Element, pieces: list[str], timexes: list[Timex], offset: int, top: bool) -> int:
    """Append the element's text (without tags) to ``pieces``; return the offset after it."""
    start = offset
    if element.text:
        pieces.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _walk(child, pieces, timexes, offset, top=False)
    if element.tag == "TIMEX3" and not top:
        timexes.append(_trimmed(pieces, start, offset, element.get("type") or "", element.get("value")))
    if element.tail and not top:
        pieces.append(element.tail)
        offset += len(element.tail)
    return offset


def _trimmed(pieces: list[str], start: int, end: int, kind: str, value: str | None) -> Timex:
    text = "".join(pieces)[start:end]
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return (start + lead, end - trail, kind, value)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def gold_documents(folder: Path) -> list[GoldDocument]:
    paths = sorted(folder.rglob("*.tml"))
    if not paths:
        raise GoldDataError(f"no .tml files below {folder}: pass --gold a folder of TimeML documents")
    return [read_timeml(path) for path in paths]


def match(gold: Sequence[Timex], predicted: Sequence[Timex], strict: bool) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of gold and predicted expressions, by identical extent or by largest overlap."""
    pairs = []
    used: set[int] = set()
    for expected in gold:
        best, best_overlap = None, 0
        for index, candidate in enumerate(predicted):
            if index in used:
                continue
            if strict:
                overlap = 1 if candidate[:2] == expected[:2] else 0
            else:
                overlap = min(expected[1], candidate[1]) - max(expected[0], candidate[0])
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            used.add(best)
            pairs.append((expected, predicted[best]))
    return pairs


def score_documents(gold: Sequence[GoldDocument], predicted: Sequence[Sequence[Timex]]) -> Metrics:
    """TempEval-3 Task A figures over documents and the expressions predicted for each."""
    n_gold = sum(len(document.timexes) for document in gold)
    n_predicted = sum(len(timexes) for timexes in predicted)
    documents = list(zip(gold, predicted, strict=True))
    relaxed = [pair for document, mine in documents for pair in match(document.timexes, mine, strict=False)]
    n_strict = sum(len(match(document.timexes, mine, strict=True)) for document, mine in documents)
    relaxed_figures = _prf(len(relaxed), n_predicted, n_gold)
    value_accuracy = _ratio(sum(g[3] == p[3] for g, p in relaxed), len(relaxed))
    return {
        "relaxed": relaxed_figures,
        "strict": _prf(n_strict, n_predicted, n_gold),
        "type_accuracy": _ratio(sum(g[2] == p[2] for g, p in relaxed), len(relaxed)),
        "value_accuracy": value_accuracy,
        "value_f1": round(relaxed_figures["f1"] * value_accuracy, 4),
        "n_gold": n_gold,
    }


def _prf(matched: int, predicted: int, gold: int) -> dict[str, float]:
    precision, recall = _ratio(matched, predicted), _ratio(matched, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": round(f1, 4)}


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def articles(documents: Sequence[GoldDocument]) -> Iterator[Article]:
    """Each gold document as the article the pipeline sees, its DCT as the (zoneless) publish date."""
    for document in documents:
        published = datetime.combine(document.dct, datetime.min.time()) if document.dct else None
        yield Article(id=document.name, text=document.text, published=published, format="timeml")


def predict(documents: Sequence[GoldDocument]) -> list[list[Timex]]:
    """Run the real pipeline (parse and every stage) and keep its time expressions."""
    from dateline.config import settings_from_env
    from dateline.extract import run_stages
    from dateline.nlp import load_pipeline, parse
    from dateline.resources import load_resources

    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    return [
        [(ref.evidence.start, ref.evidence.end, ref.type, ref.value) for ref in analysis.of(TimeRef)]
        for analysis in (run_stages(parsed, resources) for parsed in parse(articles(documents), nlp))
    ]


@scorer("time", gold="time/tbaq", description="TempEval-3 Task A: timex extents, types and values")
def score(folder: Path) -> Metrics:
    """TempEval-3 Task A: timex extents (relaxed, strict), type and value accuracy, value F1."""
    documents = gold_documents(folder)
    return score_documents(documents, predict(documents))
