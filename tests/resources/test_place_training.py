"""The place chooser's training (``scripts/train_place_model.py``): a sentence's places compete with "none"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sklearn.feature_extraction import DictVectorizer

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_place_model.py"


def test_a_place_after_in_wins_and_an_origin_alone_loses_to_none(training):
    stated = training.Sentence([{"prep=in": 1.0}, {"prep=from": 1.0}], [True, False], True)
    origin_only = training.Sentence([{"prep=from": 1.0}], [False], False)
    sentences = [stated] * 6 + [origin_only] * 6
    vectorizer = DictVectorizer(sort=True).fit([values for sentence in sentences for values in sentence.values])
    fitted = training.fit(sentences, vectorizer)
    scene, origin = fitted.probabilities(vectorizer.transform([{"prep=in": 1.0}, {"prep=from": 1.0}]))
    assert scene > 0.5 > origin


def test_a_sentence_whose_stated_place_is_no_candidate_teaches_nothing(training):
    taught = training.Sentence([{"prep=in": 1.0}], [True], True)
    missed = training.Sentence([{"prep=at": 1.0}], [False], True)
    vectorizer = DictVectorizer(sort=True).fit([{"prep=in": 1.0}, {"prep=at": 1.0}])
    alone = training.fit([taught] * 3, vectorizer)
    beside = training.fit([taught] * 3 + [missed] * 3, vectorizer)
    assert beside.weights == pytest.approx(alone.weights) and beside.none == pytest.approx(alone.none)


def test_the_rows_of_one_sentence_share_a_fold(training):
    texts = ["Troops shelled Hama.", "Rebels fled to Idlib.", "Troops shelled Hama.", "Jets struck Aleppo."] * 3
    sentences = [training.Sentence([{"prep=in": 1.0}], [True], True, text) for text in texts]
    folds = training.fold_of(sentences)
    for text in set(texts):
        assert len({fold for fold, other in zip(folds, texts, strict=True) if other == text}) == 1
    assert len(set(folds)) == 3  # three distinct sentences fill three of the folds


def test_a_lexical_feature_is_penalised_less_than_a_structural_one_that_tells_as_much(training):
    # The same evidence against an origin, once as an act's lemma and once as a preposition: the lemma, seen in
    # few sentences of the gold, keeps more of its weight.
    def weight(name: str) -> float:
        sentence = training.Sentence([{name: 1.0}, {"prep=from": 1.0}], [True, False], True)
        vectorizer = DictVectorizer(sort=True).fit(sentence.values)
        fitted = training.fit([sentence] * 3, vectorizer)
        return float(fitted.weights[vectorizer.vocabulary_[name]])

    assert weight("act=shell") > weight("prep=in") > 0
