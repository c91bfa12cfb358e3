"""Files dateline builds from its packaged resources on first use and keeps between runs: indexed SQLite copies
of tables whose plain form is slow to read (the gazetteer, the word-vector index). Nothing here is downloaded.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from dateline.errors import ResourceError


def cache_dir() -> Path:
    """Where built files are kept between runs; the user may point it elsewhere."""
    if configured := os.environ.get("DATELINE_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dateline"


def built_in_cache(name: str, write: Callable[[Path], None], what: str) -> Path:
    """The cache file ``name``, written by ``write`` the first time it is asked for.

    Processes that start together may both build it; each writes its own temporary file and renames it into
    place, so a reader never sees a half-written file. ``what`` names the file in errors.
    """
    target = cache_dir() / name
    if target.exists():
        return target
    temporary: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary_name = tempfile.mkstemp(dir=target.parent, prefix=target.stem, suffix=".part")
        os.close(handle)
        temporary = Path(temporary_name)
        write(temporary)
        temporary.chmod(0o644)  # mkstemp's private mode would hide a shared cache from other users
        os.replace(temporary, target)
    except OSError as error:
        raise ResourceError(
            f"cannot build the {what} in {target.parent} ({error}); set DATELINE_CACHE_DIR to a writable folder."
        ) from error
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)  # already renamed into place unless something failed
    return target
