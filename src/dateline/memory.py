"""Hands memory a parse has freed back to the system once the process holds more than a soft limit, and keeps
the cyclic garbage collector off the objects start-up makes.

Parsing a batch of long texts allocates several hundred MB of arrays for a few seconds. glibc keeps what is
freed in its heap for reuse, and as the heap fragments the resident set grows far past what is alive (a 1 MB
text in parts of 50,000 characters: 1.0 GB resident, 0.35 GB after a trim; a 30 MB one passed 1.6 GB).
``malloc_trim`` returns the free pages. It is called only above the limit, because pages given back must be
faulted in again by the next batch (Dask's always-trim default cost a third more CPU per article). Elsewhere
than Linux with glibc, nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import os
from collections.abc import Callable

# Above this resident size a finished batch's freed memory is given back: a single process with the pipeline,
# resources and a batch of ordinary articles stays well below it.
SOFT_LIMIT_BYTES = 1024 * 2**20


def resident_bytes() -> int | None:
    """This process's resident set size now, or None where /proc is not there to say."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc: musl and macOS have no malloc_trim
        return None


def release_freed_memory(limit: int = SOFT_LIMIT_BYTES) -> bool:
    """Give freed heap memory back to the system when the process holds more than ``limit`` bytes.

    Returns whether it did.
    """
    resident = resident_bytes()
    trim = _malloc_trim()
    if resident is None or resident <= limit or trim is None:
        return False
    trim(0)
    return True


# The collector's thresholds while paused, to restore; None when it is not paused.
_thresholds: tuple[int, ...] | None = None
# The youngest generation's threshold once start-up's objects are frozen. At Python's 700 the stages set the collector
# off whenever an article's lists and rows were alive at once, none of them garbage: 173 young collections and 12 of
# the middle generation inside the quotes stage over 200 articles, 0.08 CPU s; at 7,000, 4 (0.01 s), and none in the
# events stage. Only objects in reference cycles wait longer to be freed: a parse is freed by reference counting.
YOUNG_THRESHOLD = 7000


def pause_collector() -> None:
    """Stop automatic cyclic garbage collection until ``loaded`` is called; for a process dateline owns (the CLI).

    Start-up (importing spaCy, the pipeline, the resources) makes about a million objects that live as long as the
    process, and the collector scanned them over and over while they were made: 0.3 of the 2.6 CPU seconds that
    `dateline analyze` of one short article took. A zero threshold stops it (``gc.disable`` would not hold: spaCy's
    msgpack reader turns the collector back on after each file).
    """
    global _thresholds
    if _thresholds is None and gc.get_threshold()[0] > 0:
        _thresholds = gc.get_threshold()
        gc.set_threshold(0)


def loaded() -> None:
    """The pipeline and resources are loaded: when ``pause_collector`` stopped the collector, move everything made so
    far out of its sight (``gc.freeze``: it is never garbage) and start it again, its youngest generation collected
    less often (``YOUNG_THRESHOLD``). Otherwise nothing is done."""
    global _thresholds
    if _thresholds is not None:
        young, *older = _thresholds
        gc.freeze()
        gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)
        _thresholds = None
