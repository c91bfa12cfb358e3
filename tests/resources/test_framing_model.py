"""The framing span model loads, was fitted on the tune part of PTC only, and names a damaged file."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.eval.split import MANIFEST_DIR
from dateline.resources import framing_model, load_resources
from dateline.resources.framing_model import MODEL_PATH, TAGS, build_model, load_framing_model


def test_the_shipped_model_tags_the_two_lexical_techniques_and_is_small():
    model = load_resources().framing_model
    assert {"Loaded_Language", "Name_Calling,Labeling"} <= set(model.techniques)
    assert model.training_sha256 and all(len(digest) == 64 for digest in model.training_sha256)
    assert model.weights.shape[1] == len(TAGS) * len(model.techniques)
    assert MODEL_PATH.stat().st_size < 10_000_000


def test_the_shipped_model_was_fitted_on_tune_articles_of_the_committed_split_and_nothing_else():
    manifest = (MANIFEST_DIR / "ptc.tsv").read_text(encoding="utf-8").splitlines()[1:]
    part = dict(line.split("\t") for line in manifest)
    with np.load(MODEL_PATH, allow_pickle=False) as stored:
        files = [str(name) for name in stored["training_files"].tolist()]
    articles = [name for name in files if name.endswith(".txt")]
    labels = [name for name in files if name.endswith(".labels")]
    assert articles and len(articles) + len(labels) == len(files)
    assert {part[name] for name in articles} == {"tune"}
    assert {name.replace(".task2-TC.labels", ".txt") for name in labels} == set(articles)


def test_a_model_round_trips_through_its_file(tmp_path):
    features = [("lower", 11, "lower=a"), ("lower", 7, "lower=b"), ("pos", 92, "pos=NOUN")]
    weights = np.arange(len(features) * len(TAGS), dtype=np.float32).reshape(len(features), len(TAGS))
    model = build_model(("Loaded_Language",), features, weights, np.zeros(3), [-1.0], [0.1], "pipe")
    path = tmp_path / "model.npz"
    training = tmp_path / "article1.txt"
    training.write_text("text", encoding="utf-8")
    framing_model.save_framing_model(model, features, path, [training], "one article")
    loaded = load_framing_model(path)
    assert loaded.techniques == ("Loaded_Language",)
    assert loaded.templates["lower"].keys.tolist() == [7, 11]
    assert loaded.templates["lower"].weights.tolist() == [[3.0, 4.0, 5.0], [0.0, 1.0, 2.0], [0.0, 0.0, 0.0]]
    assert (loaded.o_bias.tolist(), loaded.lexicon_floor.tolist()) == ([-1.0], [pytest.approx(0.1)])
    assert loaded.was_trained_on(training) and not loaded.was_trained_on(path)


def test_no_model_file_is_no_model_and_a_damaged_one_is_an_error_naming_it(tmp_path):
    assert not load_framing_model(tmp_path / "absent.npz")
    assert not framing_model.FramingModel()
    damaged = tmp_path / "damaged.npz"
    np.savez(damaged, techniques=np.array(["Loaded_Language"]))
    with pytest.raises(ResourceError, match=r"damaged\.npz"):
        load_framing_model(damaged)
