"""Dictionaries and lexicons the stages read, loaded and validated once per process.

Each resource is a data file in this folder that a person can read and extend; its loader
lives beside it and raises ``ResourceError`` naming the file and line at fault.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from dateline.resources.gazetteer import Gazetteer, load_gazetteer


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything a stage may look up. Stages receive it; none loads files itself."""

    # Empty by default so a test building Resources() by hand pays nothing; load_resources() fills it.
    gazetteer: Gazetteer = field(default_factory=Gazetteer)


@functools.cache
def load_resources() -> Resources:
    return Resources(gazetteer=load_gazetteer())
