"""The array attribute ruler and lemmatizer annotate exactly as spaCy's own pipes do."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline import array_pipes
from dateline.array_pipes import use_array_pipes
from dateline.config import DEFAULT_SPACY_MODEL

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Sentences that reach the ruler's rarer patterns: contractions ("n't" is a regular expression), "but" as an
# adverb, whitespace tokens, determiners, "that" as a subordinating conjunction, and words the lemmatizer's
# exception lists and suffix rules both cover.
TRICKY = [
    "They didn't go, but then    they went.\n\nIt wasn't   the first time; we'd known that since 2019.",
    "Those geese were leaving, but only just. Whether or not he'd agree, she said that he would.",
    "Gov't forces can't, won't and shouldn't  fire on the crowds that gathered at the ministries' gates.",
    "Running, ran, runs: the better-known men's feet were hurting worse than their children's.",
]


@functools.cache
def stock() -> Language:
    return spacy.load(DEFAULT_SPACY_MODEL)


def annotations(doc: spacy.tokens.Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def corpus_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.rglob("*.txt"))]
    return TRICKY + texts


def test_the_default_pipeline_runs_both_array_pipes_under_the_stock_names(nlp):
    assert type(nlp.get_pipe("attribute_ruler")) is array_pipes.ArrayAttributeRuler
    assert type(nlp.get_pipe("lemmatizer")) is array_pipes.ArrayLemmatizer
    assert [name for name in nlp.pipe_names if name != "actor_ruler"] == stock().pipe_names


def test_every_token_is_annotated_as_by_the_stock_pipes():
    texts = corpus_texts()
    swapped = spacy.load(DEFAULT_SPACY_MODEL)
    assert use_array_pipes(swapped) == ["attribute_ruler", "lemmatizer"]
    for ours, theirs in zip(swapped.pipe(texts), stock().pipe(texts), strict=True):
        assert annotations(ours) == annotations(theirs)


def test_emptying_the_caches_mid_run_changes_no_annotation(monkeypatch):
    monkeypatch.setattr(array_pipes, "CACHE_LIMIT", 5)
    swapped = spacy.load(DEFAULT_SPACY_MODEL)
    use_array_pipes(swapped)
    for text in TRICKY:
        assert annotations(swapped(text)) == annotations(stock()(text))
    assert len(swapped.get_pipe("lemmatizer").lemmas) < 200


def test_a_ruler_pattern_beyond_equality_keeps_spacys_own_ruler():
    nlp = spacy.load(DEFAULT_SPACY_MODEL)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"TAG": "RB"})
    assert use_array_pipes(nlp) == ["lemmatizer"]
    assert type(nlp.get_pipe("attribute_ruler")) is spacy.pipeline.AttributeRuler


@pytest.mark.parametrize("text", ["", " ", "\n\n", "a"])
def test_tiny_documents_pass_through(nlp, text):
    assert annotations(nlp(text)) == annotations(stock()(text))
