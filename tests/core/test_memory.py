"""Memory a parse freed goes back to the system once the process holds more than the soft limit."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from dateline.memory import SOFT_LIMIT_BYTES, release_freed_memory, resident_bytes

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and glibc's malloc_trim")


@linux
def test_freed_heap_memory_is_given_back_above_the_limit():
    # Arrays of 64 KB come from the heap, not from mmap; the last one kept alive pins the heap's top, so glibc
    # cannot shrink the heap by itself and the freed arrays stay resident.
    arrays = [np.ones(8192) for _ in range(2000)]
    kept = arrays.pop()
    del arrays
    before = resident_bytes()
    assert release_freed_memory(limit=0)
    assert resident_bytes() < before - 50 * 2**20
    assert kept.sum() == 8192


@linux
def test_below_the_limit_nothing_is_done():
    assert resident_bytes() < SOFT_LIMIT_BYTES
    assert not release_freed_memory()
    assert not release_freed_memory(limit=resident_bytes() + 2**30)
