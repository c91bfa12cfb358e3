"""Settings that reach the shared resources: the user's floor for storing an event."""

from __future__ import annotations

import pytest

from dateline.config import min_event_confidence
from dateline.resources import with_event_floor
from dateline.resources.realness_model import RealnessModel, load_realness_model


def test_the_floor_for_storing_an_event_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("DATELINE_MIN_EVENT_CONFIDENCE", raising=False)
    assert min_event_confidence() is None
    monkeypatch.setenv("DATELINE_MIN_EVENT_CONFIDENCE", "0")
    assert min_event_confidence() == 0.0
    monkeypatch.setenv("DATELINE_MIN_EVENT_CONFIDENCE", "2")
    with pytest.raises(ValueError, match="DATELINE_MIN_EVENT_CONFIDENCE"):
        min_event_confidence()


def test_a_users_floor_replaces_the_models_threshold_and_leaves_its_weights():
    shipped = load_realness_model()
    assert with_event_floor(shipped, None) is shipped
    lowered = with_event_floor(shipped, 0.0)
    assert lowered.threshold == 0.0 and lowered.features == shipped.features
    assert not with_event_floor(RealnessModel(), 0.3), "no model, no filter to lower"
