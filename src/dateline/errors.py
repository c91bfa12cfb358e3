"""Every error dateline raises on purpose, in one place, with stable codes.

Messages name the file or setting at fault and say what to do about it, so a user
reading one line in a batch log knows which input to fix.
"""

from __future__ import annotations

from pathlib import Path


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""

    code = "D000"


class InputError(DatelineError):
    """One input (a file, a record inside a file) could not be read into an Article."""

    code = "D100"

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class StoreError(DatelineError):
    """The store cannot be opened, created or written."""

    code = "D200"


class ResourceError(DatelineError):
    """A model, dictionary or lexicon is missing or invalid."""

    code = "D300"


class GoldDataError(DatelineError):
    """Gold data for an evaluation is missing or malformed."""

    code = "D400"
