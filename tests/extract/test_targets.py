"""The target chooser: a trained model picks the party an event is done to, where the rules' parse reading misses."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.extract import run_stages
from dateline.model import Article, Event
from dateline.nlp import parse
from dateline.resources import load_resources
from dateline.resources.target_model import TargetModel, load_target_model


@pytest.fixture(scope="module")
def events_with(nlp):
    def run(text: str, model: TargetModel | None = None) -> list[Event]:
        resources = load_resources() if model is None else replace(load_resources(), target_model=model)
        (parsed,) = parse([Article(id="t", text=text)], nlp)
        return run_stages(parsed, resources).of(Event)

    return run


def test_the_shipped_model_loads_with_its_training_record():
    model = load_target_model()
    assert model.classes == ("other", "target")
    assert 0.0 <= model.threshold <= 1.0
    assert "ConfliBERT" in model.trained_on and len(model.training_sha256) == 2


@pytest.mark.parametrize(
    ("sentence", "kind", "target"),
    [
        # the recipient behind a second preposition, which the rules' parse reading does not reach
        ("Kenya asked for military support from Uganda on Tuesday.", "REQUEST", "Uganda"),
        ("The European Union imposed new sanctions on Belarusian officials.", "SANCTION", "officials"),
        ("Russia's foreign minister met his Chinese counterpart Wang Yi in Beijing.", "CONSULT", "Wang Yi"),
    ],
)
def test_the_target_is_the_party_the_event_is_done_to(events_with, sentence, kind, target):
    events = [event for event in events_with(sentence) if event.type == kind]
    assert events, sentence
    assert target in (events[0].target_text or "")


def test_an_empty_model_leaves_the_rules_targets(events_with):
    sentence = "Kenya asked for military support from Uganda on Tuesday."
    assert [event.target_text for event in events_with(sentence, TargetModel())] == [None]
    assert [event.target_text for event in events_with(sentence)] == ["Uganda"]


def test_a_place_is_where_not_whom(events_with):
    (protest,) = [
        event for event in events_with("Thousands of workers marched in Lagos on Monday.") if event.type == "PROTEST"
    ]
    assert protest.target_text is None


def test_a_broken_model_file_is_named_in_the_error(tmp_path):
    path = tmp_path / "target_model.npz"
    np.savez_compressed(path, classes=np.array(["other", "victim"]))
    with pytest.raises(ResourceError, match=r"target_model\.npz"):
        load_target_model(path)
