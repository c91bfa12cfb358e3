"""The trained judge of whether a coded event is a real happening (``dateline.extract.events.realness``).

The same kind of model as the place chooser (a logistic regression over named features, read by numpy without
pickles), so it shares its class and file format: ``realness_model.npz`` beside this module holds the feature
names, the weights, the intercept, the threshold below which an event is left out (0: every coded event is
stored; ``dateline analyze --min-event-confidence`` sets another), and the sha256 of the audit files it was
fitted on; ``scripts/train_realness_model.py`` writes it (``make train-realness``).
"""

from __future__ import annotations

from pathlib import Path

from dateline.resources.place_model import PlaceModel, load_if_shipped

RealnessModel = PlaceModel
REALNESS_MODEL_PATH = Path(__file__).with_name("realness_model.npz")
RETRAIN = "make train-realness"


def load_realness_model(path: Path = REALNESS_MODEL_PATH) -> RealnessModel:
    """The shipped model, or an empty one (confidence from the slots and the detector) when no file ships."""
    return load_if_shipped(path, "the event realness model", RETRAIN)
