"""Train the toponym ranker on the tune parts of GeoWebNews and LGL, deterministically, and write it as arrays.

Writes the split manifests (``splits/geowebnews.tsv``, ``splits/lgl.tsv``), then runs our real pipeline over the
``tune`` articles only: every toponym the places stage finds that overlaps a gold toponym with coordinates is one
example, its gazetteer candidates the choices, those within 161 km of the gold point the right ones. A conditional
logit (a ranking perceptron, averaged, started from the rules' own score) learns one weight per feature of
``dateline.extract.toponyms.FEATURES``. It is fitted twice: the second fit sees the context features as the
stage computes them in its second pass, from what the first fit resolved. The ``report`` parts are never read
here; ``benchmarks/geo.py`` scores them. Usage: python scripts/train_geo_ranker.py [--output PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from dateline.eval import gold_root
from dateline.eval.geo import (
    ACCURACY_KM,
    GoldArticle,
    distance_km,
    parsed_for_places,
    read_gold,
    read_part,
    split_set,
)
from dateline.eval.split import TUNE, write_manifest
from dateline.extract import places
from dateline.extract.toponyms import FEATURES, Mention, candidate_rows, choose, resolve
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.gazetteer import fold, load_gazetteer
from dateline.resources.toponym_model import MODEL_PATH, ToponymModel, load_toponym_model, save_toponym_model

EPOCHS = 10
STEP = 0.02
FITS = 2

Example = tuple[np.ndarray, np.ndarray, float]  # a toponym's candidate rows, which are right, its weight


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    options = parser.parse_args()
    files = sorted((gold_root() / "geo").glob("*.xml"))
    if not files:
        print(f"no geoparsing gold below {gold_root() / 'geo'}: nothing to train on")
        return 1
    # Everything but a ranker, so that training needs no model file (the first run has none).
    resources = Resources(gazetteer=load_gazetteer(), toponym_model=ToponymModel())
    tune: list[tuple[str, GoldArticle, ParsedArticle]] = []
    for path in files:
        write_manifest(split_set(path), [article.id for article in read_gold(path)])
        gold = read_part(path, TUNE)
        tune.extend((path.stem, g, p) for g, p in zip(gold, parsed_for_places(gold, resources), strict=True))
    model = train(tune, resources)
    save_toponym_model(model, options.output, [(path, TUNE) for path in files])
    load_toponym_model(options.output)  # the file it wrote passes the loader's checks
    print(f"wrote {options.output} from the tune parts of {', '.join(p.name for p in files)} ({len(tune)} articles)")
    for name, weight in zip(model.features, model.weights, strict=True):
        print(f"  {name:<22}{weight:+.3f}")
    return 0


def train(articles: list[tuple[str, GoldArticle, ParsedArticle]], resources: Resources) -> ToponymModel:
    """Fit the ranker on gold articles (with their file's name) and their parses (earlier stages run)."""
    found = [(gold, places.find(parsed, resources), source) for source, gold, parsed in articles]
    model = ToponymModel()
    for _ in range(FITS):
        examples: list[Example] = []
        for gold, article, source in found:
            guesses = None
            if model:
                first = choose(article.mentions, candidate_rows(article.mentions, resources.gazetteer,
                                                                article.context, None), model)  # fmt: skip
                guesses = {fold(m.text): e for m in article.mentions if (e := first[id(m)][0]) is not None}
            rows = candidate_rows(article.mentions, resources.gazetteer, article.context, guesses)
            examples.extend(_examples(gold, article.mentions, rows, source))
        model = ToponymModel(FEATURES, fit(_balanced(examples)))
    rules = ToponymModel(FEATURES, _rules_alone())
    learned, alone = _accuracy(found, model, resources), _accuracy(found, rules, resources)
    print(f"tune acc@161km per file, fitted ranker: {learned}; the rule score alone: {alone}")
    # The fit maximises agreement toponym by toponym, not the whole stage's accuracy (one sense per article,
    # two passes): it ships only when it beats the rules on the tune parts, files weighted alike.
    return model if sum(learned.values()) > sum(alone.values()) else rules


def _rules_alone() -> np.ndarray:
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("rule_score")] = 1.0
    return weights


def _accuracy(found: list, model: ToponymModel, resources: Resources) -> dict[str, float]:
    """Each file's acc@161km over the gold toponyms the stage found, resolved as the stage resolves them."""
    right: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    for gold, article, source in found:
        chosen = resolve(article.mentions, resources.gazetteer, article.context, model)
        for mention in article.mentions:
            toponym = next((t for t in gold.toponyms if t.span.overlaps(mention.span) and t.latitude is not None), None)
            if toponym is None:
                continue
            entry = chosen[id(mention)][0]
            scored[source] += 1
            right[source] += entry is not None and (
                distance_km(toponym.latitude, toponym.longitude, entry.latitude, entry.longitude) <= ACCURACY_KM  # type: ignore[arg-type]
            )
    return {source: round(right[source] / scored[source], 4) for source in scored}


def _examples(gold: GoldArticle, mentions: list[Mention], rows: dict, source: str) -> Iterable[tuple[str, Example]]:
    """One example per found toponym over a gold toponym with coordinates, when its candidates differ in truth."""
    for mention in mentions:
        toponym = next((t for t in gold.toponyms if t.span.overlaps(mention.span) and t.latitude is not None), None)
        entries, features = rows[id(mention)]
        if toponym is None or len(entries) < 2:
            continue
        right = np.array(
            [distance_km(toponym.latitude, toponym.longitude, e.latitude, e.longitude) <= ACCURACY_KM for e in entries]  # type: ignore[arg-type]
        )
        if right.any() and not right.all():
            yield source, (features, right, 1.0)


def _balanced(examples: list[tuple[str, Example]]) -> list[Example]:
    """Each gold file weighs the same in the fit: LGL's 78 US local papers must not teach that "Toronto" is
    most often the Ohio village, which is true of their pages and of no wire or national outlet's."""
    sizes = Counter(source for source, _ in examples)
    return [(rows, right, len(examples) / (len(sizes) * sizes[source])) for source, (rows, right, _) in examples]


def fit(examples: list[Example]) -> np.ndarray:
    """An averaged perceptron over rankings, starting from the rules alone (``rule_score`` at 1, the rest 0).

    Each toponym whose best-scored candidate is wrong moves the weights toward its best right candidate's row
    and away from the wrong one's, by its example weight; the average over every step is returned, which keeps
    the rules' choices wherever the other features do not fix an error across the whole tune set.
    """
    weights = _rules_alone()
    total, steps = np.zeros_like(weights), 0
    for _ in range(EPOCHS):
        for rows, right, weight in examples:
            scores = rows @ weights
            chosen = int(np.argmax(scores))
            if not right[chosen]:
                best = int(np.argmax(np.where(right, scores, -np.inf)))
                weights = weights + STEP * weight * (rows[best] - rows[chosen])
            total += weights
            steps += 1
    return total / steps


if __name__ == "__main__":
    sys.exit(main())
