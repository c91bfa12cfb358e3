"""The trained attribution chooser: a logistic regression over a candidate cue and content's features, as arrays.

``attribution_model.npz`` beside this module holds the feature names (``dateline.extract.quote_candidates``, the
token tagger's probabilities among them), the two classes (``other``, ``attribution``), one weight per feature and
class, the intercepts, the probability at or above which the quotes stage keeps a candidate (chosen by
cross-validation on PolNeAR's ``tune`` part only), and the sha256 of every text it was fitted on.
``scripts/train_quote_model.py`` writes it (``make train-quotes``); only numpy reads it back. A missing file means
no model: the quotes stage then keeps its rules' reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from dateline.errors import ResourceError
from dateline.resources.event_model import LinearModel, check_linear_arrays, linear_fields, read_arrays

MODEL_PATH = Path(__file__).with_name("attribution_model.npz")
CLASSES = ("other", "attribution")
ARRAYS = ("classes", "features", "weights", "intercepts", "threshold", "trained_on", "training_sha256")


@dataclass(frozen=True, slots=True)
class AttributionModel(LinearModel[str]):
    """Scores whether a candidate content is reported by its cue; empty means no candidate is scored."""

    threshold: float = 1.0
    training_sha256: frozenset[str] = frozenset()


def load_attribution_model(path: Path = MODEL_PATH) -> AttributionModel:
    """The shipped model, or an empty one when the file is absent; ``ResourceError`` names a broken file."""
    return load_thresholded_model(path, AttributionModel, CLASSES, "the attribution model")


Thresholded = TypeVar("Thresholded", bound=AttributionModel)


def load_thresholded_model(path: Path, kind: type[Thresholded], classes: tuple[str, str], what: str) -> Thresholded:
    """A two-class model with a decision threshold and its training texts' hashes (what ``make train-quotes``
    writes), or an empty one when the file is absent; ``ResourceError`` names a broken file."""
    if not path.exists():
        return kind()
    arrays = read_arrays(path, ARRAYS, what, "make train-quotes")
    found = tuple(str(name) for name in arrays["classes"].tolist())
    if found != classes:
        raise ResourceError(f"{path}: classes must be {list(classes)}, not {list(found)}")
    features = [str(name) for name in arrays["features"].tolist()]
    check_linear_arrays(path, features, classes, arrays["weights"], arrays["intercepts"])
    threshold = float(arrays["threshold"])
    if not 0.0 < threshold < 1.0:
        raise ResourceError(f"{path}: threshold {threshold} is not a probability; run `make train-quotes`")
    return kind(
        classes=classes,
        **linear_fields(features, arrays),
        threshold=threshold,
        training_sha256=frozenset(str(digest) for digest in arrays["training_sha256"].tolist()),
    )
