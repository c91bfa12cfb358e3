"""The trained quote-kind model: whether a rule reading of words in quote marks is someone's own sentence.

``quote_kind_model.npz`` beside this module holds the feature names (``dateline.extract.quote_kinds``), the two
classes (``other``, ``direct``), one weight per feature and class, the intercepts, the probability of ``direct``
below which the quotes stage reads the marks as a fragment of a reported clause (chosen by cross-validation on
PolNeAR's ``tune`` part only), and the sha256 of every text it was fitted on. ``scripts/train_quote_kind_model.py``
writes it (``make train-quotes``); only numpy reads it back. A missing file means no model: the rules' kinds stand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dateline.resources.attribution_model import AttributionModel, load_thresholded_model

MODEL_PATH = Path(__file__).with_name("quote_kind_model.npz")
CLASSES = ("other", "direct")


@dataclass(frozen=True, slots=True)
class QuoteKindModel(AttributionModel):
    """Scores whether quoted words are a direct quote; empty means the rules' kinds stand."""


def load_quote_kind_model(path: Path = MODEL_PATH) -> QuoteKindModel:
    """The shipped model, or an empty one when the file is absent; ``ResourceError`` names a broken file."""
    return load_thresholded_model(path, QuoteKindModel, CLASSES, "the quote-kind model")
