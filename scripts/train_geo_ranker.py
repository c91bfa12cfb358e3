"""Train the toponym ranker on the tune parts of GeoWebNews and LGL, deterministically, and write it as arrays.

Writes the split manifests (``splits/geowebnews.tsv``, ``splits/lgl.tsv``), then runs our real pipeline over the
``tune`` articles only: every toponym the places stage finds that overlaps a gold toponym with coordinates is one
example, its gazetteer candidates the choices, those within 161 km of the gold point the right ones. A conditional
logit (a softmax over one toponym's candidates) learns one weight per feature of
``dateline.extract.toponyms.FEATURES``, its weights drawn toward the rules alone (``rule_score`` at 1, the rest 0)
so that what the data do not support stays as the rules had it. It is fitted twice: the second fit sees the
context features as the stage computes them in its second pass, from what the first fit resolved. Before it
ships, a cross-validation inside tune (folds of articles) compares it with the rules alone; it ships only when it
beats them there. The ``report`` parts are never read here; ``benchmarks/geo.py`` scores them.
Usage: python scripts/train_geo_ranker.py [--output PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

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
from dateline.extract.outlet import host_of
from dateline.extract.places import Found, outlet_profiles, placed
from dateline.extract.toponyms import FEATURES, Mention, candidate_rows, choose, resolve
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.gazetteer import fold, load_gazetteer
from dateline.resources.toponym_model import MODEL_PATH, ToponymModel, load_toponym_model, save_toponym_model

FITS = 2
FOLDS = 5
# The pull toward the rules' weights, so that a feature few toponyms vary on cannot swing far. Chosen by the
# cross-validation inside tune: at 1 the fit fell below the rules there, 10 and 100 tied.
L2 = 10.0
# How the gold files share the fit: each toponym's weight is (toponyms of all files / (files x toponyms of its
# file)) to this power, so 1 weighs the files alike and 0 the toponyms alike. Between them, the wire-service world
# of GeoWebNews keeps LGL's local papers from teaching that "Toronto" is the Ohio village, and LGL's larger sample
# of same-named US towns still speaks. Chosen by the cross-validation inside tune (LGL alone 0.8990 at 0, 0.25,
# 0.5 and 0.75, 0.8962 at 1; GeoWebNews 0.9366 at all five).
BALANCE = 0.5

Example = tuple[np.ndarray, np.ndarray, float]  # a toponym's candidate rows, which are right, its weight
Scored = list[tuple[GoldArticle, Found, str]]  # gold article, what the places stage found in it, the file's name


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
    """Fit the ranker on gold articles (with their file's name) and their parses (earlier stages run).

    Returns the fitted ranker when it beats the rules alone in cross-validation inside these articles (files
    weighted alike), else the rules alone.
    """
    found = [(gold, places.find(parsed, resources), source) for source, gold, parsed in articles]
    rules = ToponymModel(FEATURES, _rules_alone())
    learned, alone, unprofiled = cross_validate(found, resources)
    print(f"cross-validated acc@161km per file ({FOLDS} folds of tune articles), fitted ranker: {learned}")
    print(f"                                  the rule score alone: {alone}")
    print(f"         the fitted ranker, each article without a profile: {unprofiled}")
    model = fit_ranker(found, resources)
    training = accuracy(_with_profiles(found, model, resources), model, resources)
    print(f"tune acc@161km per file when trained on all of tune (a training score): {training}")
    return model if sum(learned.values()) > sum(alone.values()) else rules


def cross_validate(found: Scored, resources: Resources) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Per-file acc@161km of the fitted ranker on held-out folds of articles, of the rules on the same, and of
    the fitted ranker reading each held-out article alone (no profile: what a first ``dateline analyze`` gives)."""
    folds = [_fold(gold.id) for gold, _, _ in found]
    right = {"learned": Counter(), "rules": Counter(), "unprofiled": Counter()}
    scored: Counter[str] = Counter()
    rules = ToponymModel(FEATURES, _rules_alone())
    for fold_number in range(FOLDS):
        train_part = [item for item, number in zip(found, folds, strict=True) if number != fold_number]
        held_out = [item for item, number in zip(found, folds, strict=True) if number == fold_number]
        model = fit_ranker(train_part, resources)
        for name, ranker in (("learned", model), ("rules", rules)):
            fold_right, fold_scored = _counts(_with_profiles(held_out, ranker, resources), ranker, resources)
            right[name].update(fold_right)
        scored.update(fold_scored)
        right["unprofiled"].update(_counts(held_out, model, resources)[0])
    return tuple(  # type: ignore[return-value]
        {source: round(right[name][source] / scored[source], 4) for source in sorted(scored)}
        for name in ("learned", "rules", "unprofiled")
    )


def _fold(article_id: str) -> int:
    return int.from_bytes(hashlib.sha256(f"geo-cv\x1f{article_id}".encode()).digest()[:4], "big") % FOLDS


def fit_ranker(found: Scored, resources: Resources) -> ToponymModel:
    """The ranker fitted twice: the second fit's context features come from the first fit's first pass."""
    model = ToponymModel(FEATURES, _rules_alone())
    for _ in range(FITS):
        examples: list[tuple[str, Example]] = []
        for gold, article, source in _with_profiles(found, model, resources):
            first = choose(article.mentions, candidate_rows(article.mentions, resources.gazetteer,
                                                            article.context, None), model)  # fmt: skip
            guesses = {fold(m.text): e for m in article.mentions if (e := first[id(m)][0]) is not None}
            rows = candidate_rows(article.mentions, resources.gazetteer, article.context, guesses)
            examples.extend(_examples(gold, article.mentions, rows, source))
        model = ToponymModel(FEATURES, fit(_balanced(examples)))
    return model


def _with_profiles(found: Scored, model: ToponymModel, resources: Resources) -> Scored:
    """The articles with their outlets' profiles, each read off the other articles of its batch as ``model``
    places them alone, from their text. A batch is one cross-validation fold: what is scored on a held-out fold
    never reads a profile from an article the scoring model was fitted on, and training reads profiles as sparse
    as the held-out fold's."""
    alone = [placed(gold.id, article, resources.gazetteer, model) for gold, article, _ in found]
    batch = [f"{_fold(gold.id)}\x1f{host}" if (host := host_of(gold.url)) else None for gold, _, _ in found]
    profiles = outlet_profiles(list(zip(batch, alone, strict=True)))
    return [
        (gold, replace(article, context=replace(article.context, profile=profile)), source)
        for (gold, article, source), profile in zip(found, profiles, strict=True)
    ]


def _rules_alone() -> np.ndarray:
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("rule_score")] = 1.0
    return weights


def accuracy(found: Scored, model: ToponymModel, resources: Resources) -> dict[str, float]:
    """Each file's acc@161km over the gold toponyms the stage found, resolved as the stage resolves them."""
    right, scored = _counts(found, model, resources)
    return {source: round(right[source] / scored[source], 4) for source in sorted(scored)}


def _counts(found: Scored, model: ToponymModel, resources: Resources) -> tuple[Counter[str], Counter[str]]:
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
    return right, scored


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
    """The smaller gold file weighs more per toponym (``BALANCE``): LGL's 78 US local papers must not teach that
    "Toronto" is most often the Ohio village, which is true of their pages and of no wire or national outlet's."""
    sizes = Counter(source for source, _ in examples)
    share = {source: (len(examples) / (len(sizes) * size)) ** BALANCE for source, size in sizes.items()}
    return [(rows, right, share[source]) for source, (rows, right, _) in examples]


def fit(examples: list[Example]) -> np.ndarray:
    """Weights maximising the likelihood that a toponym's best candidates are its right ones, less an L2 pull.

    The loss of one toponym is ``-log`` of the softmax mass of its right candidates; the penalty is ``L2 / 2``
    times the squared distance from the rules alone, so a weight moves from there only as far as the data say.
    """
    anchor = _rules_alone()
    if not examples:
        return anchor
    rows = np.concatenate([r for r, _, _ in examples])
    right = np.concatenate([g for _, g, _ in examples]).astype(np.float64)
    group = np.repeat(np.arange(len(examples)), [len(r) for r, _, _ in examples])
    weight = np.array([w for _, _, w in examples])
    starts = np.concatenate(([0], np.cumsum([len(r) for r, _, _ in examples])[:-1]))

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = rows @ weights
        top = np.maximum.reduceat(scores, starts)[group]
        mass = np.exp(scores - top)
        total = np.add.reduceat(mass, starts)
        kept = np.add.reduceat(mass * right, starts)
        value = float(np.sum(weight * (np.log(total) - np.log(kept))))
        # d/dw: softmax over all candidates minus softmax over the right ones, per toponym, weighted.
        share = mass / total[group] - mass * right / kept[group]
        gradient = rows.T @ (share * weight[group])
        difference = weights - anchor
        return value + L2 / 2 * float(difference @ difference), gradient + L2 * difference

    result = minimize(loss, anchor, jac=True, method="L-BFGS-B")
    return np.asarray(result.x, dtype=np.float64)


if __name__ == "__main__":
    sys.exit(main())
