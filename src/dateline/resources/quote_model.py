"""The trained attribution tagger: one weight row per known token feature, BIO labels over content, cue and source.

``quote_model.npz`` beside this module holds the sorted feature keys (64-bit hashes built by
``dateline.extract.quote_tagger``), a weight per key and label, the intercepts, and the name and sha256 of every
text it was fitted on, so ``dateline eval quotes`` can say when it scores a text the model has seen.
``scripts/train_quote_model.py`` writes it (``make train-quotes``); only numpy reads it back, with no pickles.
A missing file means no model: the quotes stage then runs on its rules alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.event_model import read_arrays

MODEL_PATH = Path(__file__).with_name("quote_model.npz")
LABELS = ("O", "B-content", "I-content", "B-cue", "I-cue", "B-source", "I-source")
ARRAYS = ("labels", "keys", "weights", "intercepts", "training_files", "training_sha256")
RETRAIN = "make train-quotes"
# A weight row as ``scores`` gathers it: the labels' weights, then zeros.
_WIDTH = 8


@dataclass(frozen=True, slots=True)
class QuoteModel:
    """Token-label scores from feature keys; empty (no keys) means no model."""

    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    # One row per key plus a last row of zeros that every unknown key points at.
    weights: np.ndarray = field(default_factory=lambda: np.zeros((1, len(LABELS)), dtype=np.float32))
    intercepts: np.ndarray = field(default_factory=lambda: np.zeros(len(LABELS), dtype=np.float32))
    training_sha256: frozenset[str] = frozenset()
    # The keys' rows by hashing, built with the model: an article's tens of thousands of keys found without sorting.
    table: KeyTable = field(init=False, repr=False, compare=False)
    # The weights with a column of zeros after the last label's: a row of eight float32s (32 bytes) is gathered by
    # one of numpy's fixed-size copies, a row of seven by a general one (about a tenth of ``scores`` saved).
    wide: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", KeyTable.of(self.keys.astype(np.uint64)))
        object.__setattr__(self, "wide", np.pad(self.weights, ((0, 0), (0, _WIDTH - self.weights.shape[1]))))

    def __bool__(self) -> bool:
        return bool(len(self.keys))

    def scores(self, keys: np.ndarray) -> np.ndarray:
        """Per-token label scores (log-linear, before normalising) for a (tokens, templates) array of keys."""
        if not keys.size:
            return np.zeros((len(keys), len(LABELS)), dtype=np.float32) + self.intercepts
        # (templates, tokens): each template's rows lie together for the gathers below.
        rows = self.table.rows(keys.T.ravel()).reshape(keys.shape[1], keys.shape[0])
        # Gathered as (templates, tokens, labels) and summed over the first axis: numpy adds one template's
        # (tokens, labels) block at a time, in template order (the same additions as a loop over templates, and
        # one gather instead of one per template: about 40% faster).
        return np.add.reduce(self.wide.take(rows, axis=0), axis=0)[:, : len(LABELS)] + self.intercepts

    def was_trained_on(self, text: str) -> bool:
        return text_sha256(text) in self.training_sha256


# Multiplied into a key before its top bits pick its slot (the golden ratio's 64 bits: neighbouring keys scatter).
_SCATTER = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True)
class KeyTable:
    """An open-addressing hash table from 64-bit keys to their row numbers, searched with numpy for many keys at once
    (linear probing; an empty slot holds the row of unknown keys, ``len(keys)``). A quarter full or less, so most keys
    are settled by one probe: several times faster than sorting an article's keys to search them in the sorted ones."""

    keys: np.ndarray
    rows_at: np.ndarray
    shift: np.uint64
    unknown: int

    @classmethod
    def of(cls, keys: np.ndarray) -> KeyTable:
        """The table of ``keys`` (distinct), each mapped to its position."""
        bits = len(keys).bit_length() + 2
        size, shift = 1 << bits, np.uint64(64 - bits)
        slot_keys, rows_at = np.zeros(size, dtype=np.uint64), np.full(size, len(keys), dtype=np.int64)
        pending = np.arange(len(keys))
        slots = cls._slots(keys, shift)
        # In rounds: each free slot goes to the first key wanting it, and every other key moves one slot on.
        while len(pending):
            wanted = slots[pending]
            free = rows_at[wanted] == len(keys)
            taken, first = np.unique(wanted[free], return_index=True)
            placed = pending[free][first]
            slot_keys[taken], rows_at[taken] = keys[placed], placed
            pending = np.setdiff1d(pending, placed, assume_unique=True)
            slots[pending] = (slots[pending] + 1) & (size - 1)
        # Rows as int32 (a model has far fewer than 2**31 keys): half the memory an article's look-ups read at random.
        return cls(slot_keys, rows_at.astype(np.int32), shift, len(keys))

    @staticmethod
    def _slots(keys: np.ndarray, shift: np.uint64) -> np.ndarray:
        # Integer arrays wrap without a warning, so no ``errstate`` (it cost more than an article's arithmetic); keys
        # already of uint64 are not copied. The product is a new array: shifted in place and read as int64 (a slot
        # number is far below 2**63) without another copy.
        slots = keys.astype(np.uint64, copy=False) * _SCATTER
        np.right_shift(slots, shift, out=slots)
        return slots.view(np.int64)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """The row of each key (uint64), or the row of unknown keys."""
        slots = self._slots(keys, self.shift)
        found = self.rows_at[slots]
        # A key is settled where its slot holds it or is empty; the others probe on, one slot at a time.
        pending = np.flatnonzero((self.keys[slots] != keys) & (found != self.unknown))
        last = len(self.keys) - 1
        while len(pending):
            at = (slots[pending] + 1) & last
            slots[pending] = at
            found[pending] = self.rows_at[at]
            pending = pending[(self.keys[at] != keys[pending]) & (found[pending] != self.unknown)]
        return found


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_quote_model(
    path: Path, keys: np.ndarray, weights: np.ndarray, intercepts: np.ndarray, texts: dict[str, str]
) -> None:
    """Write the model with the name and sha256 of every training text, sorted so the file is deterministic."""
    order = np.argsort(keys, kind="stable")
    names = sorted(texts)
    np.savez_compressed(
        path,
        labels=np.array(LABELS),
        keys=keys[order].astype(np.uint64),
        weights=weights[order].astype(np.float32),
        intercepts=intercepts.astype(np.float32),
        training_files=np.array(names),
        training_sha256=np.array([text_sha256(texts[name]) for name in names]),
    )


def load_quote_model(path: Path = MODEL_PATH) -> QuoteModel:
    """The shipped tagger, or an empty model when the file is absent; ``ResourceError`` when it is broken."""
    if not path.exists():
        return QuoteModel()
    arrays = read_arrays(path, ARRAYS, "the quote model", RETRAIN)
    keys, weights, intercepts = arrays["keys"], arrays["weights"], arrays["intercepts"]
    if tuple(arrays["labels"]) != LABELS:
        raise ResourceError(f"{path}: labels {tuple(arrays['labels'])} are not {LABELS}; run `{RETRAIN}`")
    if weights.shape != (len(keys), len(LABELS)) or intercepts.shape != (len(LABELS),):
        raise ResourceError(f"{path}: weights {weights.shape} do not fit {len(keys)} keys; run `{RETRAIN}`")
    if not np.isfinite(weights).all() or np.any(np.diff(keys.astype(np.uint64)) == 0):
        raise ResourceError(f"{path}: weights must be finite and keys distinct; run `{RETRAIN}`")
    padded = np.vstack([weights, np.zeros((1, len(LABELS)), dtype=np.float32)])
    return QuoteModel(keys.astype(np.uint64), padded, intercepts, frozenset(arrays["training_sha256"].tolist()))


def training_names(path: Path = MODEL_PATH) -> Sequence[str]:
    return tuple(read_arrays(path, ("training_files",), "the quote model", RETRAIN)["training_files"].tolist())
