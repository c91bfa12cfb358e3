"""The trained attribution chooser: a logistic regression over a candidate cue and content's features, as arrays.

``attribution_model.npz`` beside this module holds the feature names (``dateline.extract.quote_candidates``, the
token tagger's probabilities among them), the two classes (``other``, ``attribution``), one weight per feature and
class, the intercepts, the probability at or above which the quotes stage keeps a candidate (chosen by
cross-validation on PolNeAR's ``tune`` part only), and the sha256 of every text it was fitted on.
``scripts/train_quote_model.py`` writes it (``make train-quotes``); only numpy reads it back. A missing file means
no model: the quotes stage then keeps its rules' reading.

A feature is a template's name and the values of its slots (``lemma|link=say|ccomp``; ``bias`` has none). The
templates are listed here, so the loader can also key every weight by integers: the template's number and an id per
slot value. The quotes stage then scores a candidate from value ids with numpy, without building its feature strings.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.event_model import LinearModel, check_linear_arrays, linear_fields, read_arrays
from dateline.resources.quote_model import KeyTable

MODEL_PATH = Path(__file__).with_name("attribution_model.npz")
CLASSES = ("other", "attribution")
ARRAYS = ("classes", "features", "weights", "intercepts", "threshold", "trained_on", "training_sha256")

# What a cue word is (its lemma, tags, lexicon role, the kind of its subject, its neighbours, the lexicon verb nearest
# it in GloVe, ...), shared by all its candidates; what each candidate content is; the token tagger's probability
# levels over the candidate.
CUE_SLOTS = (
    "lemma",
    "pos",
    "tag",
    "lexicon",
    "who",
    "dep",
    "head",
    "cue_quoted",
    "rule",
    "negated",
    "passive",
    "previous",
    "next",
    "subject",
    "particle",
    "near",
    "auxiliary",
    "place",
    "quoted_paragraph",
)
CANDIDATE_SLOTS = (
    "link",
    "first",
    "first_pos",
    "root_tag",
    "root_subject",
    "length",
    "content_marks",
    "side",
    "root_entity",
    "to_end",
    "nested",
    "gap",
    "root_lemma",
)
TAGGER_SLOTS = ("tag_content", "tag_begin", "tag_cue", "tag_before", "tag_after", "tag_source")
Template = tuple[str, tuple[str, ...]]


def _named(*names: str) -> tuple[Template, ...]:
    # Most templates are named by their slots: "lemma|link" joins the lemma and the link.
    return tuple((name, tuple(name.split("|"))) for name in names)


# The features every candidate of a cue shares, then each candidate's own, in the order their weights are summed.
CUE_TEMPLATES: tuple[Template, ...] = (
    ("bias", ()),
    *_named("lemma", "pos", "tag", "lexicon", "lexicon|who", "dep", "head", "head|lemma", "who", "lemma|who"),
    *_named("cue_quoted", "rule", "negated", "passive", "previous", "next", "subject", "lemma|particle"),
    *_named("near", "near|who"),
    *_named("place", "lexicon|place", "auxiliary", "quoted_paragraph"),
)
CANDIDATE_TEMPLATES: tuple[Template, ...] = (
    *_named("link", "lemma|link", "lexicon|link", "dep|link", "link|who", "first", "first_pos", "link|first_pos"),
    *_named("root_tag", "link|root_tag", "root_subject", "length", "link|length", "content_marks", "rule|link"),
    *_named("side", "lemma|first_pos", "lemma|length", "root_entity", "link|root_entity", "to_end", "link|to_end"),
    *_named("nested", "tag_content", "link|tag_content", "tag_begin", "tag_cue"),
    ("tag_cue|content", ("tag_cue", "tag_content")),
    *_named("tag_before", "tag_after"),
    *_named("near|link"),
    *_named("gap", "link|gap", "root_lemma", "tag_source", "who|tag_source"),
)


def feature_name(template: Template, values: dict[str, str]) -> str:
    """A template's feature for the slots' ``values``: ``name=value|value``, or the bare name with no slot."""
    name, slots = template
    return f"{name}={'|'.join(values[slot] for slot in slots)}" if slots else name


@dataclass(frozen=True, slots=True)
class Plan:
    """How rows of slot value ids (columns in ``slots`` order, and one of zeros after them) become the integer keys of
    some templates' features: per template its number, and the columns of its first and second slot."""

    numbers: np.ndarray
    first: np.ndarray
    second: np.ndarray


def plan(templates: tuple[Template, ...], slots: tuple[str, ...]) -> Plan:
    """The plan for ``templates`` over rows of ``slots``' value ids."""
    numbers = [_ALL_TEMPLATES.index(template) for template in templates]
    # A template with fewer than two slots reads the zeros column, as its keys were built with zero ids there.
    columns = [[slots.index(slot) for slot in used] + [len(slots)] * (2 - len(used)) for _, used in templates]
    first, second = (np.array([column[k] for column in columns], dtype=np.int64) for k in (0, 1))
    return Plan(np.array(numbers, dtype=np.int64), first, second)


_ALL_TEMPLATES = CUE_TEMPLATES + CANDIDATE_TEMPLATES


@dataclass(frozen=True, slots=True)
class AttributionModel(LinearModel[str]):
    """Scores whether a candidate content is reported by its cue; empty means no candidate is scored."""

    threshold: float = 1.0
    training_sha256: frozenset[str] = frozenset()
    # The margins again, keyed by integers (see ``margins_of``): each slot value the features hold gets an id from 1
    # (0: a value no feature holds), and a feature the key ``(template number * base + first id) * base + second id``,
    # found in a hash table; the margins in the table's row order, and 0.0 last for a key no feature has.
    value_ids: dict[str, int] = field(default_factory=dict)
    keys: KeyTable = field(default_factory=lambda: KeyTable.of(np.zeros(0, dtype=np.uint64)))
    key_margins: np.ndarray = field(default_factory=lambda: np.zeros(1))

    def ids_of(self, values: list[str]) -> np.ndarray:
        """The id of each slot value (0 for one no feature holds)."""
        return np.fromiter(map(self.value_ids.get, values, itertools.repeat(0)), dtype=np.int64, count=len(values))

    def margins_of(self, plan: Plan, ids: np.ndarray) -> list[float]:
        """Per row of slot value ids, the margins of the plan's features summed in the plan's order: the same
        additions, in the same order, as ``sum`` over the margins of the named features (an unknown one adds 0.0)."""
        rows = len(ids)
        base = len(self.value_ids) + 1
        padded = np.concatenate([ids, np.zeros((rows, 1), dtype=np.int64)], axis=1)
        keys = (plan.numbers * base + padded[:, plan.first]) * base + padded[:, plan.second]
        margins = self.key_margins[self.keys.rows(keys.astype(np.uint64).ravel())].reshape(keys.shape)
        # A running sum along each row adds its margins one by one, left to right (as a loop over the columns would,
        # in one numpy call instead of one per template).
        return np.add.accumulate(margins, axis=1)[:, -1].tolist()


def load_attribution_model(path: Path = MODEL_PATH) -> AttributionModel:
    """The shipped model, or an empty one when the file is absent; ``ResourceError`` names a broken file."""
    model = load_thresholded_model(path, AttributionModel, CLASSES, "the attribution model")
    return replace(model, **integer_keys(model.margins)) if model else model


def integer_keys(margins: dict[str, float]) -> dict[str, object]:
    """The fields ``margins_of`` reads, from the margins of the named features. A name whose template is not listed
    here can never be built by the stage and is left out; a value holding ``|`` may split a name more than one way,
    and each split is kept (each is a pair of values the stage would name so)."""
    by_name = {name: (number, len(slots)) for number, (name, slots) in enumerate(_ALL_TEMPLATES)}
    # Per kept name: its template's number, its first and second value (None where the template has fewer
    # slots), its margin. A name of another template, or of the wrong number of values, is not kept.
    kept: list[tuple[int, str | None, str | None, float]] = []
    for feature, margin in margins.items():
        name, equals, rest = feature.partition("=")
        number, arity = by_name.get(name, (-1, -1))
        if arity == 2 and equals:
            parts = rest.split("|")
            if len(parts) == 2:
                kept.append((number, parts[0], parts[1], margin))
            else:
                kept += [(number, "|".join(parts[:cut]), "|".join(parts[cut:]), margin) for cut in range(1, len(parts))]
        elif arity == 1 and equals:
            kept.append((number, rest, None, margin))
        elif arity == 0 and not equals:
            kept.append((number, None, None, margin))
    numbers, firsts, seconds, kept_margins = zip(*kept, strict=True) if kept else ((), (), (), ())
    values = dict.fromkeys(itertools.chain(firsts, seconds))
    values.pop(None, None)
    value_ids = {value: number for number, value in enumerate(values, start=1)}
    with_none = {**value_ids, None: 0}
    base = len(value_ids) + 1
    first_ids, second_ids = (list(map(with_none.__getitem__, column)) for column in (firsts, seconds))
    keys = (np.array(numbers, dtype=np.int64) * base + first_ids) * base + second_ids
    return {
        "value_ids": value_ids,
        "keys": KeyTable.of(keys.astype(np.uint64)),
        "key_margins": np.array([*kept_margins, 0.0], dtype=np.float64),
    }


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
