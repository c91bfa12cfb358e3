"""Turns what a user typed (files, directories, glob patterns) into the files to read, in sorted order.

Symbolic links are followed but real files and directories remembered, so a loop is reported once and
a file reached twice is read once; hidden names are passed over, and so are program source and settings files met
inside a directory.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Iterator

from dateline.read.issue import ReadIssue

FileKey = tuple[int, int]
# Program source, scripts, styles and settings met in a folder of articles (a crawler's or a project's own files)
# are plain text a reader would take for an article; named on the command line they are still read.
PROGRAM_SUFFIXES = frozenset(
    {".py", ".pyc", ".ipynb", ".js", ".mjs", ".ts", ".css", ".scss", ".sh", ".bash", ".zsh", ".ps1", ".bat", ".rb",
     ".go", ".rs", ".c", ".h", ".cc", ".cpp", ".hpp", ".java", ".kt", ".swift", ".pl", ".lua", ".r", ".toml",
     ".yaml", ".yml", ".ini", ".cfg", ".lock", ".sql", ".mk"}
)  # fmt: skip
PROGRAM_SKIPPED = "program source or settings, not an article; skipped (name the file itself to read it anyway)"


def expand(item: str) -> Iterator[str | ReadIssue]:
    """The readable files one input names, or the issues that stop it from naming any."""
    if os.path.lexists(item) or not any(char in item for char in "*?["):
        yield from _files(item, set(), frozenset(), top=True, named=True)
        return
    matches = sorted(glob.glob(item, recursive=True))
    if not matches:
        yield ReadIssue(item, "no files match this pattern", "error")
    seen: set[FileKey] = set()
    # "*.py" names program files; "examples/*" does not
    named = _suffix(item) in PROGRAM_SUFFIXES
    for match in matches:
        yield from _files(match, seen, frozenset(), top=True, named=named)


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _files(
    path: str, seen: set[FileKey], ancestors: frozenset[FileKey], *, top: bool, named: bool = False
) -> Iterator[str | ReadIssue]:
    try:
        info = os.stat(path)
    except OSError as error:
        yield ReadIssue(path, unreadable(path, error, top=top), "error")
        return
    key = (info.st_dev, info.st_ino)
    if key in ancestors:
        yield ReadIssue(path, f"symbolic link loop back to {os.path.realpath(path)}; not followed", "error")
        return
    if key in seen:
        return  # the same file or directory again, through another link or pattern: read it once
    seen.add(key)
    if stat.S_ISREG(info.st_mode) or (top and not stat.S_ISDIR(info.st_mode)):
        if not named and _suffix(path) in PROGRAM_SUFFIXES:
            yield ReadIssue(path, PROGRAM_SKIPPED, "skipped")
            return
        yield path  # a pipe named on the command line is read; one met in a directory could block forever
        return
    if not stat.S_ISDIR(info.st_mode):
        yield ReadIssue(path, "not a regular file (a pipe, socket or device); not read", "error")
        return
    found = False
    for entry in _listing(path):
        items = [entry] if isinstance(entry, ReadIssue) else _files(entry, seen, ancestors | {key}, top=False)
        for item in items:
            found = found or isinstance(item, str)
            yield item
    if top and not found:
        yield ReadIssue(path, "no readable files in this directory (hidden files are skipped)", "error")


def _listing(directory: str) -> Iterator[str | ReadIssue]:
    try:
        names = sorted(entry.name for entry in os.scandir(directory))
    except OSError as error:
        yield ReadIssue(directory, f"cannot list this directory ({error.strerror or error})", "error")
        return
    for name in names:
        if not name.startswith("."):
            yield os.path.join(directory, name)


def unreadable(path: str, error: OSError, *, top: bool) -> str:
    """Why ``path`` cannot be opened; ``top`` when the user named it, else it was listed and has since vanished."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop; not followed"
    if isinstance(error, FileNotFoundError):
        if os.path.islink(path):
            return "broken symbolic link (its target does not exist)"
        return "no such file or directory" if top else "file vanished before it could be read"
    if isinstance(error, PermissionError):
        return "permission denied; check the file's permissions"
    return f"cannot open ({error.strerror or error})"
