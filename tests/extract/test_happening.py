"""The happening detector: a clause that reports something that happened passes; generic, habitual, procedural
and figurative clauses do not, and the events stage neither codes them nor trusts them."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.extract import run_stages
from dateline.extract.happening import probability
from dateline.model import Article, Event
from dateline.nlp import parse
from dateline.resources import load_resources
from dateline.resources.happening_model import CLASSES, load_happening_model


@pytest.fixture(scope="module")
def clause(nlp):
    """The detector's probability for the clause of the first verb ``word`` in ``text``."""

    def score(text: str, word: str) -> float:
        doc = nlp(text)
        head = next(token for token in doc if token.text == word)
        return probability(load_resources().happening_model, head, head.sent, None)

    return score


def test_the_shipped_model_loads_with_its_threshold_and_training_files():
    model = load_happening_model()
    assert model.classes == CLASSES
    assert 0.0 < model.threshold < 0.9
    assert model.training_sha256 and "tune parts only" in model.trained_on


def test_a_broken_model_file_is_named_in_the_error(tmp_path):
    path = tmp_path / "happening_model.npz"
    np.savez(path, classes=np.array(["a", "b"]))
    with pytest.raises(ResourceError, match=r"happening_model\.npz"):
        load_happening_model(path)


@pytest.mark.parametrize(
    ("happened", "word_happened", "other", "word_other"),
    [
        ("Gunmen stormed a hotel in Mogadishu on Sunday.", "stormed", "Gunmen usually storm hotels at night.", "storm"),
        (
            "The minister resigned on Friday after the protests.",
            "resigned",
            "Ministers who lose a vote of confidence resign.",
            "resign",
        ),
        (
            "Troops shelled the town overnight, residents said.",
            "shelled",
            "A company representative did not answer emailed questions.",
            "answer",
        ),
    ],
)
def test_a_reported_happening_scores_above_a_generic_or_procedural_clause(
    clause, happened, word_happened, other, word_other
):
    assert clause(happened, word_happened) > clause(other, word_other)
    assert clause(happened, word_happened) >= load_resources().happening_model.threshold


def test_a_plainly_reported_attack_is_more_likely_real_than_not_and_never_certain(nlp):
    (parsed,) = parse([Article(id="t", text="Rebels attacked an army base near Goma on Friday.")], nlp)
    (event,) = [event for event in run_stages(parsed, load_resources()).of(Event) if event.type == "ASSAULT"]
    assert 0.5 < event.confidence <= 0.99
