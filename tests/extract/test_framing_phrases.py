"""Candidate phrases for the phrase model, and its choice of the best-scored phrases without overlap."""

import numpy as np

from dateline.extract import framing_phrases


def test_candidates_grow_a_likely_word_to_its_phrases_and_shed_determiners_and_marks(nlp):
    doc = nlp("The minister called the protesters spineless cowards.")
    inside = np.zeros((len(doc), 2))
    inside[5, 0] = 0.4  # "spineless"
    bounds, kinds = framing_phrases.candidates(doc, {"hit": [(6, 7)]}, inside)
    phrases = {
        doc[start:end].text: set(np.array(framing_phrases.KINDS)[flags])
        for (start, end), flags in zip(bounds.tolist(), kinds, strict=True)
    }
    assert {"spineless", "spineless cowards"} <= set(phrases)
    assert "adjective_phrase" in phrases["spineless cowards"] and "chunk" in phrases["spineless cowards"]
    assert "." not in phrases and not any(text.startswith("the ") for text in phrases)


def test_the_best_scored_phrases_are_kept_above_the_threshold_without_overlap():
    bounds = np.array([[0, 1], [0, 2], [1, 2], [4, 5]])
    scores = np.array([[0.5, 0.0], [0.6, 0.0], [0.3, 0.4], [0.1, 0.0]])
    kept = framing_phrases.select(bounds, scores, np.array([0.2, 0.35]))
    assert [(technique, start, end) for technique, start, end, _ in kept] == [(0, 0, 2), (1, 1, 2)]
