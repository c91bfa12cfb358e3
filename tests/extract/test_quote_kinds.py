"""Which quotes in marks are someone's own sentences and which are fragments the writer's clause holds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.extract import quotes, run_stages
from dateline.extract.quote_kinds import kind_features, may_be_fragment
from dateline.model import Article, Quote, Span
from dateline.nlp import parse
from dateline.resources import load_resources
from dateline.resources.quote_kind_model import CLASSES, MODEL_PATH, QuoteKindModel, load_quote_kind_model

MAX_MODEL_BYTES = 1_000_000


@pytest.fixture()
def quotes_in(nlp):
    def run(text: str, resources=None) -> list[Quote]:
        (parsed,) = parse([Article(id="t", text=text)], nlp)
        return run_stages(parsed, resources or load_resources()).of(Quote)

    return run


def _needs_model() -> None:
    if not MODEL_PATH.exists():
        pytest.skip(f"no quote-kind model at {MODEL_PATH} (make train-quote-kinds)")


def _span_of(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def test_marks_opening_a_paragraph_or_a_sentence_hold_whole_sentences():
    text = "“We will win,” she said. “The count is fair.”\nHe said the vote was “rigged from the start.”"
    assert not may_be_fragment(text, _span_of(text, "We will win,"))
    assert not may_be_fragment(text, _span_of(text, "The count is fair."))
    assert may_be_fragment(text, _span_of(text, "rigged from the start."))


def test_features_say_what_precedes_the_marks_and_how_the_quote_begins(nlp):
    text = "The mayor told reporters that “if turnout is high we will be fine.”"
    (parsed,) = parse([Article(id="t", text=text)], nlp)
    finder, drafts = quotes.rule_reading(parsed, load_resources())
    (draft,) = [draft for draft in drafts if draft.kind == "direct"]
    named = kind_features(parsed.doc, text, finder.starts, draft.content, draft.cue, False, draft.how)
    assert {"before=word", "case=lower", "prev=that", "cue=before"} <= set(named)


def test_a_fragment_the_writers_clause_holds_is_mixed_not_direct(quotes_in):
    _needs_model()
    text = "Senator Ruth Alder told reporters that “if turnout is high, we are going to do just fine.”"
    quotes_found = quotes_in(text)
    assert not [quote for quote in quotes_found if quote.kind == "direct"]
    (mixed,) = [quote for quote in quotes_found if quote.kind == "mixed"]
    assert "if turnout is high" in text[mixed.content.start : mixed.content.end]
    assert mixed.speaker_text == "Ruth Alder"


def test_a_whole_quoted_sentence_stays_direct(quotes_in):
    _needs_model()
    text = "“If turnout is high, we are going to do just fine,” Senator Ruth Alder said."
    (quote,) = quotes_in(text)
    assert quote.kind == "direct" and quote.speaker_text == "Ruth Alder"


def test_with_no_kind_model_the_rules_kinds_stand(quotes_in):
    text = "Senator Ruth Alder told reporters that “if turnout is high, we are going to do just fine.”"
    resources = replace(load_resources(), quote_kind_model=QuoteKindModel())
    assert [quote.kind for quote in quotes_in(text, resources)] == ["direct"]


def test_the_shipped_kind_model_loads_is_small_and_knows_its_training_texts():
    _needs_model()
    assert MODEL_PATH.stat().st_size <= MAX_MODEL_BYTES
    model = load_quote_kind_model()
    assert model.classes == CLASSES and 0 < model.threshold < 1
    assert model.training_sha256 and np.isfinite(model.weights).all()


def test_no_kind_model_file_means_no_model(tmp_path: Path):
    assert not load_quote_kind_model(tmp_path / "absent.npz")


@pytest.mark.parametrize(("classes", "threshold"), [(("no", "yes"), 0.5), (CLASSES, 0.0)])
def test_a_kind_model_file_with_other_classes_or_no_probability_as_threshold_is_refused(
    tmp_path: Path, classes, threshold
):
    path = tmp_path / "quote_kind_model.npz"
    np.savez(
        path,
        classes=np.array(classes),
        features=np.array(["bias"]),
        weights=np.zeros((1, 2)),
        intercepts=np.zeros(2),
        threshold=np.array(threshold),
        trained_on=np.array("x"),
        training_sha256=np.array(["0"]),
    )
    with pytest.raises(ResourceError, match=r"quote_kind_model\.npz"):
        load_quote_kind_model(path)
