"""Memory a parse freed goes back to the system once the process holds more than the soft limit."""

from __future__ import annotations

import gc
import sys

import numpy as np
import pytest

from dateline.memory import SOFT_LIMIT_BYTES, YOUNG_THRESHOLD, release_freed_memory, resident_bytes

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


@pytest.fixture
def collector_restored():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_a_run_started_with_the_collector_paused_turns_it_back_on_once_the_pipeline_is_loaded(
    tmp_path, collector_restored
):
    from dataclasses import replace

    from dateline.config import settings_from_env
    from dateline.memory import pause_collector
    from dateline.run import analyze_paths

    (tmp_path / "a.txt").write_text("Police arrested five students in Lahore on Monday, officials said.")
    thresholds = gc.get_threshold()
    pause_collector()
    assert gc.get_threshold()[0] == 0
    report = analyze_paths([str(tmp_path / "a.txt")], replace(settings_from_env(), db=tmp_path / "d.db"))
    assert report.articles_added == 1
    # Back on, its youngest generation collected less often than Python's default, the older ones as they were.
    assert gc.get_threshold() == (max(thresholds[0], YOUNG_THRESHOLD), *thresholds[1:])
    assert gc.get_freeze_count() > 100_000  # spaCy, the pipeline and the resources are out of the collector's sight


def test_without_a_pause_loading_leaves_the_collector_alone(collector_restored):
    from dateline.memory import loaded

    thresholds = gc.get_threshold()
    gc.unfreeze()
    loaded()
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0
