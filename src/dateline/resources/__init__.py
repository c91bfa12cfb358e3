"""Dictionaries and lexicons the stages read, loaded and validated once per process.

Each resource is a data file in this folder that a person can read and extend; its loader
lives beside it and raises ``ResourceError`` naming the file and line at fault.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from dateline.resources.quote_cues import QuoteCues, load_quote_cues


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything a stage may look up. Stages receive it; none loads files itself."""

    quote_cues: QuoteCues = field(default_factory=load_quote_cues)


@functools.cache
def load_resources() -> Resources:
    return Resources(quote_cues=load_quote_cues())
