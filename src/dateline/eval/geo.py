"""Geoparsing scorer: GeoWebNews (``GWN.xml`` layout) and LGL (``lgl.xml`` layout), one result per file.

Follows the Pragmatic Guide (Gritta et al. 2019): geotagging P/R/F1 with overlapping spans matching,
and over gold toponyms we also found, accuracy within 161 km, mean and median error and the AUC of
the log error curve. A toponym we found but could not place counts as the largest error on Earth.
"""

from __future__ import annotations

import itertools
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.errors import GoldDataError
from dateline.eval import Metrics, scorer
from dateline.eval.split import Part, in_part
from dateline.model import Article, Place, Span

if TYPE_CHECKING:
    from dateline.nlp import ParsedArticle
    from dateline.resources import Resources

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0  # half the equator: the AUC's normaliser and the error of an unplaced toponym
ACCURACY_KM = 161.0
# GeoWebNews annotates common nouns ("the city", "jobs") as expressions and names that are not
# toponyms (organisations, people named after places): neither is a toponym a geotagger should find.
GWN_NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Homonym"})
# The split's name of each gold file (``splits/<name>.tsv``): articles are split by their document id.
SPLIT_SETS = {"GWN": "geowebnews", "lgl": "lgl"}


@dataclass(frozen=True, slots=True)
class GoldToponym:
    span: Span
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    url: str | None = None  # the page's address, which every real input has: it names the outlet


def read_gold(path: Path) -> list[GoldArticle]:
    """Articles of one gold file, in the GeoWebNews or the LGL layout (detected from its elements)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise GoldDataError(f"{path}: not well-formed XML ({error})") from error
    first = root.find("article")
    if first is None:
        raise GoldDataError(f"{path}: no <article> elements; expected the GWN.xml or lgl.xml layout")
    if first.find("toponyms/toponym/gaztag") is not None or first.get("docid") is not None:
        return [_lgl_article(article) for article in root.iter("article")]
    if first.get("file") is not None or first.find("toponyms/toponym/extractedName") is not None:
        return [_gwn_article(article) for article in root.iter("article")]
    raise GoldDataError(f"{path}: neither the GeoWebNews nor the LGL layout")


def _number(element: ET.Element, tag: str) -> float | None:
    value = (element.findtext(tag) or "").strip()
    return float(value) if value else None


def _gwn_article(article: ET.Element) -> GoldArticle:
    toponyms = []
    for toponym in article.iterfind("toponyms/toponym"):
        start, end = int(toponym.findtext("start") or -1), int(toponym.findtext("end") or -1)
        if toponym.findtext("nonLocational") == "Yes" or toponym.findtext("type") in GWN_NOT_TOPONYMS:
            continue
        if not 0 <= start < end:
            continue  # a handful of GeoWebNews toponyms carry negative offsets: unscorable
        span = Span(start, end)
        toponyms.append(GoldToponym(span, _number(toponym, "latitude"), _number(toponym, "longitude")))
    url = (article.findtext("link") or "").strip() or None
    return GoldArticle(article.get("file", ""), article.findtext("text") or "", tuple(toponyms), url)


def _lgl_article(article: ET.Element) -> GoldArticle:
    toponyms = []
    for toponym in article.iterfind("toponyms/toponym"):
        span = Span(int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0))
        tag = toponym.find("gaztag")
        lat = _number(tag, "lat") if tag is not None else None
        lon = _number(tag, "lon") if tag is not None else None
        toponyms.append(GoldToponym(span, lat, lon))
    url = (article.findtext("url") or "").strip() or None
    return GoldArticle(article.get("docid", ""), article.findtext("text") or "", tuple(toponyms), url)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_auc(errors: list[float]) -> float:
    """Area under the sorted log(1 + error) curve over log(MAX_ERROR_KM), trapezoid rule (Gritta et al. 2018)."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log(MAX_ERROR_KM) if errors else 0.0
    curve = [math.log1p(error) for error in sorted(errors)]
    area = sum((left + right) / 2 for left, right in itertools.pairwise(curve))
    return area / (math.log(MAX_ERROR_KM) * (len(curve) - 1))


Prediction = tuple[Span, float | None, float | None]


def metrics(gold: Iterable[GoldArticle], predicted: Iterable[list[Prediction]]) -> Metrics:
    """Geotagging and geocoding figures of predictions (span, lat, lon), article by article."""
    true_positive = found_gold = n_predicted = n_gold_tags = n_gold = 0
    errors: list[float] = []
    resolved = 0
    for article, predictions in zip(gold, predicted, strict=True):
        n_predicted += len(predictions)
        n_gold_tags += len(article.toponyms)
        true_positive += sum(any(p[0].overlaps(t.span) for t in article.toponyms) for p in predictions)
        for toponym in article.toponyms:
            match = next((p for p in predictions if p[0].overlaps(toponym.span)), None)
            found_gold += match is not None
            if toponym.latitude is None or toponym.longitude is None:
                continue
            n_gold += 1
            if match is None:
                continue
            if match[1] is None or match[2] is None:
                errors.append(MAX_ERROR_KM)
                continue
            resolved += 1
            errors.append(distance_km(toponym.latitude, toponym.longitude, match[1], match[2]))
    precision = true_positive / n_predicted if n_predicted else 0.0
    recall = found_gold / n_gold_tags if n_gold_tags else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "geotag": {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)},
        "acc_161km": round(sum(error <= ACCURACY_KM for error in errors) / len(errors), 4) if errors else 0.0,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "auc": round(error_auc(errors), 4),
        "n_resolved": resolved,
        "n_gold": n_gold,
    }


def split_set(path: Path) -> str:
    """The split's name of a gold file; a file of another name is split under its own stem."""
    return SPLIT_SETS.get(path.stem, path.stem.lower())


def read_part(path: Path, part: Part | None) -> list[GoldArticle]:
    """The articles of one gold file in ``part`` of its tune/report split (``None``: all of them)."""
    return [article for article in read_gold(path) if in_part(split_set(path), article.id, part)]


def gold_files(folder: Path) -> list[Path]:
    files = sorted(folder.rglob("*.xml"))
    if not files:
        raise GoldDataError(f"no .xml gold files under {folder}; expected GWN.xml and/or lgl.xml")
    return files


def parsed_for_places(
    gold: list[GoldArticle], resources: Resources, seconds: dict[str, float] | None = None
) -> Iterator[ParsedArticle]:
    """The gold texts parsed by our real pipeline, with the records of every stage before the places stage.

    ``seconds`` gathers each stage's time and, under ``"parse"``, the spaCy parse's.
    """
    from dateline.config import settings_from_env
    from dateline.extract import STAGES
    from dateline.nlp import load_pipeline, parse

    nlp = load_pipeline(settings_from_env().spacy_model)
    earlier = STAGES[: [name for name, _ in STAGES].index("places")]
    articles = [Article(id=f"gold-{a.id}", text=a.text, url=a.url, format="gold") for a in gold]
    timings: dict[str, float] = seconds if seconds is not None else {}
    started = time.perf_counter()
    for parsed in parse(articles, nlp):
        timings["parse"] = timings.get("parse", 0.0) + time.perf_counter() - started
        for name, stage in earlier:
            started = time.perf_counter()
            parsed = replace(parsed, records=parsed.records + tuple(stage(parsed, resources)))
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
        yield parsed
        started = time.perf_counter()


def run_places(gold: list[GoldArticle], seconds: dict[str, float] | None = None) -> list[list[Place]]:
    """Our real pipeline over the gold texts, up to and including the places stage; the places of each article.

    The texts are one batch: each article's names are read beside its outlet's profile from the batch's other
    articles of the same host (``places.extract_batch``), as ``dateline analyze`` reads an article once the store
    holds its outlet's other articles (a first run into an empty store reads each alone: ``read_places``).
    ``seconds`` gathers each stage's time and, under ``"parse"``, the spaCy parse's.
    """
    return read_places(gold, seconds=seconds).beside_outlet


@dataclass(frozen=True, slots=True)
class Readings:
    """The places of each gold article read the two ways ``dateline analyze`` reads an article."""

    # Each article alone: an outlet the store does not hold yet, so every article of a first run into an empty
    # store (a run's own articles never feed each other's profiles).
    alone: list[list[Place]]
    # Beside its outlet's profile from the other articles of the same host: an outlet the store already holds.
    beside_outlet: list[list[Place]]


def read_places(
    gold: list[GoldArticle], others: Sequence[GoldArticle] = (), seconds: dict[str, float] | None = None
) -> Readings:
    """Both readings of ``gold``; ``others`` (the same outlets' other articles, unscored) feed only the profiles.

    ``seconds`` gathers each stage's time over ``gold`` only: under ``"places"`` what ``dateline analyze`` spends
    on an article (finding its names and resolving them once, with or without a profile), under ``"parse"`` the
    spaCy parse's.
    """
    from dateline.extract import places
    from dateline.extract.outlet import host_of
    from dateline.resources import load_resources

    resources = load_resources()
    timings: dict[str, float] = seconds if seconds is not None else {}
    found = []
    for articles, clock in ((gold, timings), (list(others), {})):
        for parsed in parsed_for_places(articles, resources, clock):
            started = time.perf_counter()
            found.append((parsed.article.id, host_of(parsed.article.url), places.find(parsed, resources)))
            clock["places"] = clock.get("places", 0.0) + time.perf_counter() - started
    started = time.perf_counter()
    alone = [places.placed(article_id, article, resources.gazetteer, resources.toponym_model)
             for article_id, _, article in found[: len(gold)]]  # fmt: skip
    timings["places"] = timings.get("places", 0.0) + time.perf_counter() - started
    return Readings(alone, places.extract_batch(found, resources)[: len(gold)])


@scorer("geo", gold="geo", description="Geotagging P/R/F1 and geocoding accuracy@161km, km errors, AUC per file")
def score(folder: Path, part: Part | None = None) -> Metrics:
    results: Metrics = {}
    for path in gold_files(folder):
        gold = read_part(path, part)
        places = run_places(gold)
        predictions = [[(p.evidence, p.latitude, p.longitude) for p in article] for article in places]
        results[path.stem] = metrics(gold, predictions)
    return results
