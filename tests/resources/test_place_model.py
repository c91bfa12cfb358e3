"""The trained event place chooser loads, names an incomplete file, and scores a candidate by its features."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.extract import run_stages_through
from dateline.extract.event_place import place_features, sentence_places
from dateline.model import Article, Mention, Place, Span
from dateline.nlp import parse
from dateline.resources import load_resources
from dateline.resources.place_model import MODEL_PATH, load_place_model, place_model_of, save_place_model


def test_the_shipped_chooser_loads_with_a_threshold_and_names_its_training_part():
    model = load_resources().place_model
    assert model and 0.0 < model.threshold < 1.0
    assert "event_location.jsonl (tune) sha256:" in model.trained_on and "(report)" not in model.trained_on
    assert MODEL_PATH.stat().st_size < 100_000


def test_the_shipped_chooser_prefers_a_place_after_in_on_the_trigger_to_one_far_away_that_names_an_actor(nlp):
    resources = load_resources()
    text = "Russia said on Monday that its jets bombed a crowded market in Idlib."
    (parsed,) = parse([Article(id="t", text=text)], nlp)
    parsed = run_stages_through(parsed, resources, "places")
    anchor = parsed.doc.char_span(text.index("bombed"), text.index("bombed") + len("bombed")).root
    candidates = sentence_places(parsed.doc, Span(0, len(text)), parsed.of(Place), [])
    scores = {
        place.text: resources.place_model.probability(values)
        for place, values in place_features(anchor, candidates, parsed.of(Mention))
    }
    assert scores["Idlib"] > resources.place_model.threshold > scores["Russia"]


def test_a_saved_chooser_reads_back_and_scores_features(tmp_path):
    source = tmp_path / "gold.jsonl"
    source.write_text("{}\n", encoding="utf-8")
    path = tmp_path / "model.npz"
    save_place_model(place_model_of(("a", "b"), np.array([2.0, -2.0]), 0.0, 0.4, ""), path, [(source, "tune")])
    model = load_place_model(path)
    assert model.probability({"a": 1.0}) == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert model.probability({"unseen": 1.0}) == 0.5, "a feature the model never saw counts nothing"
    # to the last bit, wherever among the others it stands
    assert model.probability({"a": 1.0, "unseen": -3.0, "b": 0.25}) == model.probability({"a": 1.0, "b": 0.25})
    assert model.threshold == 0.4 and model.trained_on.startswith("gold.jsonl (tune) sha256:")


def test_a_file_without_a_threshold_is_named_with_the_fix(tmp_path):
    path = tmp_path / "model.npz"
    np.savez(path, features=np.array(["a"]), weights=np.array([1.0]), intercept=0.0, trained_on="x")
    with pytest.raises(ResourceError, match=r"model\.npz.*threshold.*make train-places"):
        load_place_model(path)


def test_a_threshold_outside_zero_to_one_is_refused(tmp_path):
    path = tmp_path / "model.npz"
    np.savez(path, features=np.array(["a"]), weights=np.array([1.0]), intercept=0.0, threshold=1.5, trained_on="x")
    with pytest.raises(ResourceError, match="threshold"):
        load_place_model(path)


def test_a_place_that_qualifies_a_noun_is_described_by_that_noun(nlp):
    text = "Neighbours of the Halwan plant outside Tarsif protested on Sunday, a source in Qabra said."
    (parsed,) = parse([Article(id="t", text=text)], nlp)
    parsed = run_stages_through(parsed, load_resources(), "places")
    anchor = parsed.doc.char_span(text.index("protested"), text.index("protested") + len("protested")).root
    candidates = sentence_places(parsed.doc, Span(0, len(text)), parsed.of(Place), [])
    described = {
        place.text: {name for name in values if name.startswith("describes=")}
        for place, values in place_features(anchor, candidates, parsed.of(Mention))
    }
    assert described["Halwan"] == {"describes=plant"}
    assert described["Qabra"] == {"describes=source"}
    assert described["Tarsif"] == {"describes=plant"}, "outside Tarsif tells where the plant is, not the protest"
