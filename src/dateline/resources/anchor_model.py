"""The trained chooser of an event's date: which time of the text, the publication day, or no day anchors it.

The same kind of model as the place chooser (a linear score over one candidate's features, fitted as a conditional
logit over one event's candidates, read by numpy without pickles), so it shares its class and file format:
``anchor_model.npz`` beside this module holds the feature names, the weights, the intercept (0: a softmax over
candidates has none) and the sha256 of the TempEval-3 files it was fitted on (their ``tune`` part,
``splits/tempeval3.tsv``); ``scripts/train_anchor_model.py`` writes it (``make train-dates``). The best-scoring
candidate wins, so the threshold is unused (0.5).
"""

from __future__ import annotations

from pathlib import Path

from dateline.resources.place_model import PlaceModel, load_if_shipped

AnchorModel = PlaceModel
ANCHOR_MODEL_PATH = Path(__file__).with_name("anchor_model.npz")
RETRAIN = "make train-dates"


def load_anchor_model(path: Path = ANCHOR_MODEL_PATH) -> AnchorModel:
    """The shipped model, or an empty one (the rules date events) when no file ships."""
    return load_if_shipped(path, "the event date chooser", RETRAIN)
