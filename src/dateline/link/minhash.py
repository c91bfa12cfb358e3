"""MinHash signatures of word shingles and their LSH bands, for near-duplicate articles (wire copies, reposts).

A signature is ``PERMUTATIONS`` minimum hashes of the text's 5-word shingles under fixed random permutations; the
share of equal positions estimates the Jaccard similarity of two shingle sets. Bands of ``ROWS`` positions are
index keys: two texts with Jaccard 0.6 share at least one band with probability ~0.98, two with 0.2 ~0.02.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

PERMUTATIONS = 64
ROWS = 4
SHINGLE = 5
MAX_CHARS = 20_000
_PRIME = np.uint64((1 << 61) - 1)
_RANDOM = np.random.default_rng(20210628)
_A = _RANDOM.integers(1, 1 << 31, size=PERMUTATIONS, dtype=np.uint64)
_B = _RANDOM.integers(0, 1 << 31, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def signature(text: str) -> np.ndarray:
    """The MinHash signature of ``text`` (its first ``MAX_CHARS`` characters), case- and punctuation-blind."""
    words = _WORD.findall(text[:MAX_CHARS].casefold())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles))
    # (a·x + b) mod p with 31-bit a, b and 32-bit x stays below 2^64: no overflow.
    permuted = (_A[:, None] * hashes[None, :] + _B[:, None]) % _PRIME
    return permuted.min(axis=1)


def bands(sig: np.ndarray) -> list[str]:
    return [f"{band}:{sig[band * ROWS : (band + 1) * ROWS].tobytes().hex()}" for band in range(PERMUTATIONS // ROWS)]


def similarity(left: np.ndarray, right: np.ndarray) -> float:
    return float(np.mean(left == right))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype(np.uint64).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint64)
