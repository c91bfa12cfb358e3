"""The trained framing span tagger: per technique, a linear B/I/O model over token features, stored as arrays.

``framing_model.npz`` beside this module holds, for every feature, its template (``lower``, ``pos-1``, ``lex`` …), its
key (the spaCy string id the template's column holds, so a look-up is a sorted-array search, not a Python dict per
token) and a readable name; one weight per feature and B/I/O class of each technique; intercepts; the O-class bias and
the lexicon floor (below it the model overrules a lexicon hit's technique) chosen by cross-validation on the tune part;
the lexicon's one-word terms as GloVe vectors, grouped by technique and by category, frozen at training time so the
stage measures nearness to the lexicon the model learned from; one weight per dense feature (the token's vector and its
nearness to each group) and class; and the name and sha256 of every file it was fitted on.
``scripts/train_framing_model.py`` writes it (``make train-framing``); only numpy reads it back, with no pickled
objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.event_model import read_arrays
from dateline.resources.framing_lexicon import WILDCARD, FramingLexicon
from dateline.resources.penta_model import file_sha256
from dateline.resources.word_vectors import DIMENSIONS, word_vectors

MODEL_PATH = Path(__file__).with_name("framing_model.npz")
RETRAIN = "make train-framing"
ARRAYS = (
    "techniques",
    "templates",
    "keys",
    "names",
    "weights",
    "intercepts",
    "o_bias",
    "lexicon_floor",
    "dense_weights",
    "neighbour_groups",
    "neighbour_vectors",
    "neighbour_group_of",
    "pipeline",
    "trained_on",
    "training_files",
    "training_sha256",
)
# Per technique, three classes in this order: outside a span, a span's first token, inside a span.
TAGS = ("O", "B", "I")


@dataclass(frozen=True, slots=True)
class Template:
    """The features of one template: sorted keys and, in the same order, their rows of the weight matrix, then a
    row of zeros for a key the template lacks (so a token's weights are one gather, found or not)."""

    keys: np.ndarray
    weights: np.ndarray


@dataclass(frozen=True, slots=True)
class LexiconNeighbours:
    """The lexicon's one-word terms as unit vectors, each filed under groups such as ``technique:Loaded_Language``
    and ``category:demonising``: a token's nearness to a group is its best cosine with the group's terms."""

    groups: tuple[str, ...] = ()
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, DIMENSIONS), dtype=np.float32))
    group_of: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def width(self) -> int:
        """How many dense features a token has: its vector's dimensions and one nearness per group."""
        return DIMENSIONS + len(self.groups)


def lexicon_neighbours(lexicon: FramingLexicon) -> LexiconNeighbours:
    """The lexicon's terms of one word ("thug"; the word of a compound label such as "*-lover") that GloVe knows,
    each under its technique ("none" when it has none) and its category. Longer terms are left out: their words
    alone ("forces" of "occupation forces") are not loaded."""
    members: set[tuple[str, str]] = set()
    for entry in lexicon.entries:
        words = [token for token in entry.tokens if token.isalpha()]
        if len(words) == 1 and (len(entry.tokens) == 1 or entry.tokens[0] == WILDCARD):
            members.add((f"technique:{entry.technique or 'none'}", words[0]))
            members.add((f"category:{entry.category}", words[0]))
    pairs = sorted(members)
    vectors = word_vectors([word for _, word in pairs])
    known = vectors.any(axis=1)
    groups = tuple(sorted({group for (group, _), keep in zip(pairs, known, strict=True) if keep}))
    group_of = np.array([groups.index(group) for (group, _), keep in zip(pairs, known, strict=True) if keep])
    return LexiconNeighbours(groups, vectors[known], group_of.astype(np.int64))


@dataclass(frozen=True, slots=True)
class FramingModel:
    """Scores B/I/O for each technique at each token; empty (no techniques) means no model, lexicon only."""

    techniques: tuple[str, ...] = ()
    templates: dict[str, Template] = field(default_factory=dict)
    weights: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    intercepts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    # Added to the O class's log-probability before decoding: the precision/recall trade-off chosen on tune.
    o_bias: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    # A lexicon hit keeps its technique when the model's inside-probability over it reaches this, per technique.
    lexicon_floor: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    neighbours: LexiconNeighbours = field(default_factory=LexiconNeighbours)
    # Dense features (``neighbours.width``) x classes: the token's word vector and its nearness to each group.
    dense_weights: np.ndarray = field(default_factory=lambda: np.zeros((DIMENSIONS, 0), dtype=np.float32))
    pipeline: str = ""
    trained_on: str = ""
    training_sha256: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.techniques)

    def was_trained_on(self, path: Path) -> bool:
        """Whether ``path`` holds the very bytes of a file this model was fitted on."""
        return bool(self.training_sha256) and file_sha256(path) in self.training_sha256


def build_model(
    techniques: Sequence[str],
    features: Sequence[tuple[str, int, str]],
    weights: np.ndarray,
    intercepts: np.ndarray,
    o_bias: Sequence[float],
    lexicon_floor: Sequence[float],
    pipeline: str,
    neighbours: LexiconNeighbours | None = None,
    dense_weights: np.ndarray | None = None,
) -> FramingModel:
    """A model from fitted arrays; ``features`` are (template, key, readable name) in weight-row order. Without
    ``dense_weights`` the dense features weigh nothing."""
    neighbours = neighbours or LexiconNeighbours()
    if dense_weights is None:
        dense_weights = np.zeros((neighbours.width, len(TAGS) * len(techniques)))
    templates: dict[str, Template] = {}
    by_template: dict[str, list[tuple[int, int]]] = {}
    for row, (template, key, _) in enumerate(features):
        by_template.setdefault(template, []).append((key, row))
    weights = np.asarray(weights, dtype=np.float32)
    for template, pairs in by_template.items():
        pairs.sort()
        rows = np.array([row for _, row in pairs], dtype=np.int64)
        templates[template] = Template(
            keys=np.array([key for key, _ in pairs], dtype=np.uint64),
            weights=np.vstack([weights[rows], np.zeros((1, weights.shape[1]), dtype=np.float32)]),
        )
    return FramingModel(
        techniques=tuple(techniques),
        templates=templates,
        weights=weights,
        intercepts=np.asarray(intercepts, dtype=np.float32),
        o_bias=np.asarray(o_bias, dtype=np.float32),
        lexicon_floor=np.asarray(lexicon_floor, dtype=np.float32),
        neighbours=neighbours,
        dense_weights=np.asarray(dense_weights, dtype=np.float32),
        pipeline=pipeline,
    )


def save_framing_model(
    model: FramingModel,
    features: Sequence[tuple[str, int, str]],
    path: Path,
    training_files: Sequence[Path],
    trained_on: str,
) -> None:
    provenance = {
        "trained_on": np.array(trained_on),
        "training_files": np.array([file.name for file in training_files]),
        "training_sha256": np.array([file_sha256(file) for file in training_files]),
    }
    np.savez_compressed(
        path,
        **provenance,
        techniques=np.array(model.techniques),
        templates=np.array([template for template, _, _ in features]),
        keys=np.array([key for _, key, _ in features], dtype=np.uint64),
        names=np.array([name for _, _, name in features]),
        weights=model.weights.astype(np.float16),
        intercepts=model.intercepts,
        o_bias=model.o_bias,
        lexicon_floor=model.lexicon_floor,
        dense_weights=model.dense_weights.astype(np.float16),
        neighbour_groups=np.array(model.neighbours.groups, dtype=str),
        neighbour_vectors=model.neighbours.vectors.astype(np.float16),
        neighbour_group_of=model.neighbours.group_of,
        pipeline=np.array(model.pipeline),
    )


def load_framing_model(path: Path = MODEL_PATH) -> FramingModel:
    """Read and validate the model file; raise ``ResourceError`` naming it and what is wrong. No file at all is no
    model (the framing stage runs on the lexicon alone), so ``make train-framing`` can build the first one."""
    if not path.exists():
        return FramingModel()
    arrays = read_arrays(path, ARRAYS, "the framing span model", RETRAIN)
    techniques = tuple(str(name) for name in arrays["techniques"].tolist())
    templates = [str(name) for name in arrays["templates"].tolist()]
    keys = arrays["keys"]
    weights = arrays["weights"].astype(np.float32)
    intercepts, o_bias, floor = arrays["intercepts"], arrays["o_bias"], arrays["lexicon_floor"]
    neighbours = LexiconNeighbours(
        tuple(str(group) for group in arrays["neighbour_groups"].tolist()),
        arrays["neighbour_vectors"].astype(np.float32),
        arrays["neighbour_group_of"].astype(np.int64),
    )
    dense_weights = arrays["dense_weights"].astype(np.float32)
    width = len(TAGS) * len(techniques)
    if not techniques or len(set(techniques)) != len(techniques):
        raise ResourceError(f"{path}: techniques {list(techniques)} must be distinct and at least one")
    if (
        weights.shape != (len(templates), width)
        or keys.shape != (len(templates),)
        or intercepts.shape != (width,)
        or o_bias.shape != (len(techniques),)
        or floor.shape != (len(techniques),)
        or dense_weights.shape != (neighbours.width, width)
    ):
        raise ResourceError(f"{path}: the arrays do not fit {len(templates)} features and {len(techniques)} techniques")
    if (
        neighbours.vectors.shape != (len(neighbours.group_of), DIMENSIONS)
        or not np.isin(neighbours.group_of, np.arange(len(neighbours.groups))).all()
    ):
        raise ResourceError(f"{path}: the lexicon's vectors do not fit its {len(neighbours.groups)} groups")
    if not all(np.isfinite(array).all() for array in (weights, intercepts, o_bias, floor, dense_weights)):
        raise ResourceError(f"{path}: weights must be finite numbers")
    digests = tuple(str(value) for value in arrays["training_sha256"].tolist())
    if len(digests) != arrays["training_files"].size or any(len(value) != 64 for value in digests):
        raise ResourceError(f"{path}: training_sha256 must hold one sha256 per training file")
    features = list(zip(templates, (int(key) for key in keys.tolist()), [""] * len(templates), strict=True))
    model = build_model(techniques, features, weights, intercepts, o_bias.tolist(), floor.tolist(), "")
    return FramingModel(
        techniques=model.techniques,
        templates=model.templates,
        weights=model.weights,
        intercepts=model.intercepts,
        o_bias=model.o_bias,
        lexicon_floor=model.lexicon_floor,
        neighbours=neighbours,
        dense_weights=dense_weights,
        pipeline=str(arrays["pipeline"]),
        trained_on=str(arrays["trained_on"]),
        training_sha256=digests,
    )
