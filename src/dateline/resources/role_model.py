"""The trained role choosers: which word of a sentence names who did an event (source) and to whom (target).

``source_model.npz`` and ``target_model.npz`` beside this module each hold a logistic regression over one
(trigger, candidate word) pair's features (``dateline.extract.events.parties.pair_rows``), its two classes
(``other`` and the role), the probability above which its best candidate replaces the rules' choice (chosen by
cross-validation inside the training data), and the name and sha256 of every file it was fitted on.
``scripts/train_role_models.py`` writes them (``make train-roles``); only numpy reads them back.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from dateline.errors import ResourceError
from dateline.resources.event_model import LinearModel, check_linear_arrays, linear_fields, read_arrays

Role = Literal["source", "target"]
MODEL_PATHS: dict[Role, Path] = {
    "source": Path(__file__).with_name("source_model.npz"),
    "target": Path(__file__).with_name("target_model.npz"),
}
ARRAYS = ("classes", "features", "weights", "intercepts", "threshold", "trained_on", "training_sha256")
# The group margins a model keeps (``RoleModel.group_margin``) before it starts afresh: a long run's memory stays
# bounded (news reuses a few thousand paths, labels and prepositions).
MAX_GROUPS = 100_000


@dataclass(frozen=True, slots=True)
class RoleModel(LinearModel[str]):
    """Scores whether a candidate word fills one role of an event; empty means the rules' choices stand."""

    threshold: float = 1.0
    training_sha256: tuple[str, ...] = ()
    # Each feature group's margin by the function that spells it and the values it is spelt from (filled as asked).
    groups: dict[tuple[Hashable, ...], float] = field(default_factory=dict, compare=False, repr=False)

    def group_margin(self, key: tuple[Hashable, ...]) -> float:
        """The margin of the features ``key[0](*key[1:])`` spells: every (trigger, word) pair of a sentence is
        scored by groups that most pairs share (a path, a label, a preposition), so each group's strings are built
        and looked up once per model, not once per pair."""
        margin = self.groups.get(key)
        if margin is None:
            if len(self.groups) >= MAX_GROUPS:
                self.groups.clear()
            spell, *values = key
            margin = self.groups[key] = self.margin(spell(*values))
        return margin


def classes_of(role: Role) -> tuple[str, str]:
    return ("other", role)


def load_role_model(role: Role, path: Path | None = None) -> RoleModel:
    """Read and validate one role's model file; raise ``ResourceError`` naming it and what is wrong."""
    path = path or MODEL_PATHS[role]
    arrays = read_arrays(path, ARRAYS, f"the {role} model", "make train-roles")
    classes = tuple(str(name) for name in arrays["classes"].tolist())
    if classes != classes_of(role):
        raise ResourceError(f"{path}: classes must be {list(classes_of(role))}, not {list(classes)}")
    features = [str(name) for name in arrays["features"].tolist()]
    check_linear_arrays(path, features, classes, arrays["weights"], arrays["intercepts"])
    threshold = float(arrays["threshold"])
    if not 0.0 <= threshold <= 1.0:
        raise ResourceError(f"{path}: threshold {threshold} is not a probability")
    return RoleModel(
        classes=classes,
        **linear_fields(features, arrays),
        threshold=threshold,
        training_sha256=tuple(str(digest) for digest in arrays["training_sha256"].tolist()),
    )
