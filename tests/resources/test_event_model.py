"""The trained event-type model loads, reads as PLOVER types, and its loader names a damaged file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.resources import load_resources
from dateline.resources.event_model import MODEL_PATH, load_event_model, softmax_of, softmax_rows
from dateline.resources.events import QUAD_CLASS


def test_the_shipped_model_loads_and_scores_every_plover_type():
    model = load_resources().event_model
    assert set(model.classes) == set(QUAD_CLASS)
    probabilities = model.probabilities(["w=attack", "rule=ASSAULT", "never-seen-feature"])
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert max(probabilities, key=probabilities.__getitem__) == "ASSAULT"
    assert MODEL_PATH.stat().st_size < 50_000_000


def test_unknown_features_leave_the_model_at_its_prior():
    model = load_resources().event_model
    assert model.probabilities(["nothing-it-knows"]) == model.probabilities([])


def test_rows_scored_together_get_exactly_the_probabilities_each_gets_alone():
    model = load_resources().event_model
    known = list(model.index)
    rows = [
        ["w=attack", "rule=ASSAULT", "never-seen-feature"],
        [],
        ["nothing-it-knows"],
        known[::997] + known[5:40],
        ["w=march", "w=march", "rule=PROTEST"],
    ]
    together = softmax_rows(rows, model.index, model.weights, model.intercepts)
    assert together == [softmax_of(row, model.index, model.weights, model.intercepts) for row in rows]
    assert model.probabilities_of_rows(rows) == [model.probabilities(row) for row in rows]


def _write(path: Path, **arrays: np.ndarray) -> Path:
    good = {
        "classes": np.array(["ASSAULT", "PROTEST"]),
        "features": np.array(["w=attack", "w=march"]),
        "weights": np.array([[2.0, -1.0], [-1.0, 2.0]], dtype=np.float32),
        "intercepts": np.zeros(2),
        "trained_on": np.array("a fixture"),
    }
    good.update(arrays)
    np.savez(path, **good)
    return path


def test_a_well_formed_file_reads_back(tmp_path):
    model = load_event_model(_write(tmp_path / "model.npz"))
    assert model.classes == ("ASSAULT", "PROTEST")
    assert model.probabilities(["w=march"])["PROTEST"] > 0.9


def test_a_truncated_file_raises_naming_it(tmp_path):
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(MODEL_PATH.read_bytes()[:5000])
    with pytest.raises(ResourceError, match=r"damaged\.npz"):
        load_event_model(damaged)


def test_a_missing_file_raises_naming_it(tmp_path):
    with pytest.raises(ResourceError, match=r"absent\.npz"):
        load_event_model(tmp_path / "absent.npz")


@pytest.mark.parametrize(
    ("arrays", "fault"),
    [
        ({"classes": np.array(["ASSAULT", "RIOT"])}, "not PLOVER"),
        ({"weights": np.zeros((3, 2), dtype=np.float32)}, "do not fit"),
        ({"weights": np.array([[np.nan, 0.0], [0.0, 0.0]])}, "finite"),
        ({"features": np.array(["w=attack", "w=attack"])}, "twice"),
    ],
)
def test_an_inconsistent_file_raises_naming_it_and_the_fault(tmp_path, arrays, fault):
    path = _write(tmp_path / "inconsistent.npz", **arrays)
    with pytest.raises(ResourceError, match=fault) as raised:
        load_event_model(path)
    assert "inconsistent.npz" in str(raised.value)


def test_a_file_without_its_arrays_raises(tmp_path):
    path = tmp_path / "partial.npz"
    np.savez(path, classes=np.array(["ASSAULT"]))
    with pytest.raises(ResourceError, match="lacks the arrays"):
        load_event_model(path)


def test_scoring_many_rows_at_once_gives_each_row_its_own_probability():
    model = load_resources().event_model
    known = sorted(model.index)[:200]
    rows = [[*known[start : start + 15], "never-seen"] for start in range(0, 200, 15)] + [[]]
    label = model.classes[0]
    together = model.probabilities_of(rows, label)
    one_by_one = [model.probabilities(row)[label] for row in rows]
    assert together == pytest.approx(one_by_one, abs=1e-9)
    assert len(set(together)) > 1


def test_a_two_class_model_scores_by_its_margins_exactly_as_by_its_full_weights():
    model = load_resources().happening_model
    assert len(model.classes) == 2 and model.margins
    known = sorted(model.index)[:120]
    rows = [[*known[start : start + 12], known[start], "never-seen"] for start in range(0, 120, 12)] + [[]]
    full = [softmax_of(row, model.index, model.weights, model.intercepts)[1] for row in rows]
    assert model.probabilities_of(rows) == pytest.approx(full, abs=1e-9)
    assert [model.probabilities(row)[model.classes[1]] for row in rows] == pytest.approx(full, abs=1e-9)
    assert model.probabilities_of(rows, model.classes[0]) == pytest.approx([1 - p for p in full], abs=1e-9)


def test_a_two_class_models_logistic_adds_its_intercepts_difference_to_the_margin_exactly():
    import math

    resources = load_resources()
    for model in (resources.happening_model, resources.source_model, resources.target_model):
        difference = float(model.intercepts[1] - model.intercepts[0])
        for margin in (-7.25, -0.5, 0.0, 1.75, 9.0):
            score = difference + margin
            expected = 1.0 / (1.0 + math.exp(-score)) if score >= 0 else 1.0 - 1.0 / (1.0 + math.exp(score))
            assert model.logistic(margin) == expected
