"""The date chooser's training (``scripts/train_anchor_model.py``): a conditional logit over an event's candidates,
cross-validated over fold assignments that ``--fold-seed`` varies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.feature_extraction import DictVectorizer

from dateline.eval.anchoring import Example
from dateline.extract.anchoring import NO_DAY, PUBLISHED, Anchor

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_anchor_model.py"


def example(document: str, values: list[dict[str, float]], right: list[bool]) -> Example:
    options = (Anchor("time"), PUBLISHED, NO_DAY)[-len(values) :]
    return Example(document, "time", options, tuple(values), tuple(right), False)


def test_the_candidates_of_an_event_compete_and_the_right_one_wins(training):
    # A time in the event's own clause beats the publication day and no day; a pluperfect's no day beats the day.
    described = [{"time|same_clause": 1.0}, {"kind=published": 1.0}, {"kind=none": 1.0}]
    clause = example("a", described, [True, False, False])
    earlier = example("b", [{"kind=published": 1.0}, {"kind=none&tense=pluperfect": 1.0}], [False, True])
    found = [clause] * 4 + [earlier] * 4
    vectorizer = DictVectorizer(sort=True).fit([values for item in found for values in item.values])
    weights = training.fit(found, vectorizer)
    for item in (clause, earlier):
        scores = vectorizer.transform(list(item.values)) @ weights
        assert item.right[int(np.argmax(scores))]


def test_an_event_with_no_right_candidate_teaches_nothing(training):
    taught = example("a", [{"kind=published": 1.0}, {"kind=none": 1.0}], [True, False])
    missed = example("b", [{"kind=published": 1.0}, {"kind=none": 1.0}], [False, False])
    vectorizer = DictVectorizer(sort=True).fit(list(taught.values))
    alone = training.fit([taught] * 3, vectorizer)
    assert training.fit([taught] * 3 + [missed] * 3, vectorizer) == pytest.approx(alone)


def test_fold_seed_zero_keeps_the_documents_in_name_order_and_another_shuffles_them(training):
    found = [example(name, [{"kind=none": 1.0}], [True]) for name in ("d", "b", "a", "c", "e", "f", "g")]
    assert training.fold_of(found, 0) == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 4, "f": 0, "g": 1}
    shuffled = training.fold_of(found, 3)
    assert sorted(shuffled) == list("abcdefg") and sorted(shuffled.values()) == [0, 0, 1, 1, 2, 3, 4]
    assert training.fold_of(found, 3) == shuffled  # a seed is one fixed assignment
    assert any(training.fold_of(found, seed) != training.fold_of(found, 0) for seed in (1, 2, 3))
