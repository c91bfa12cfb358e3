"""The framing lexicon: loaded and evaluative expressions, each with a category, the SemEval-2020
Task 11 technique it counts as, a neutral wording and the side it favours. Read from the tab-separated
``framing_lexicon.tsv`` beside this module; a malformed row is an error naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import ResourceError

LEXICON_PATH = Path(__file__).with_name("framing_lexicon.tsv")
COLUMNS = ("term", "pos", "category", "technique", "neutral", "favours", "notes")
CATEGORIES = frozenset(
    {
        "glorifying",
        "demonising",
        "euphemism",
        "dysphemism",
        "delegitimising_label",
        "fear_appeal",
        "flag_waving",
        "loaded_language",
        "name_calling",
    }
)
TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling,Labeling"})
POS_TAGS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
DROP = "(drop)"
# Split the way spaCy's English tokenizer splits: "so-called" is three tokens, "so - called".
WILDCARD = "*"
_TERM_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One spelling of one lexicon row, ``key`` as written there; a row's spellings share everything else."""

    key: str
    tokens: tuple[str, ...]
    pos: str | None
    category: str
    technique: str | None
    neutral: str
    favours: str | None
    notes: str


@dataclass(frozen=True, slots=True)
class FramingLexicon:
    """Entries indexed by their first token, longest and part-of-speech-specific entries first."""

    entries: tuple[LexiconEntry, ...]
    by_first_token: Mapping[str, tuple[LexiconEntry, ...]]


def term_tokens(term: str) -> tuple[str, ...]:
    return tuple(_TERM_TOKEN.findall(term.lower()))


def load_framing_lexicon(path: Path = LEXICON_PATH) -> FramingLexicon:
    """Read and validate the lexicon; raise ``ResourceError`` naming the line at fault."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ResourceError(f"cannot read the framing lexicon {path}: {error}") from error
    entries: list[LexiconEntry] = []
    seen: dict[tuple[tuple[str, ...], str | None], int] = {}
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise ResourceError(f"{path}:{number}: the header must be the columns {', '.join(COLUMNS)}")
            header_seen = True
            continue
        row = _parse_row(cells, f"{path}:{number}")
        for entry in row:
            first = seen.setdefault((entry.tokens, entry.pos), number)
            if first != number:
                raise ResourceError(f"{path}:{number}: {' '.join(entry.tokens)!r} is already defined on line {first}")
        entries.extend(row)
    if not entries:
        raise ResourceError(f"{path}: no entries")
    index: dict[str, list[LexiconEntry]] = {}
    for entry in entries:
        index.setdefault(entry.tokens[0], []).append(entry)
    by_first = {
        token: tuple(sorted(group, key=lambda entry: (-len(entry.tokens), entry.pos is None)))
        for token, group in index.items()
    }
    return FramingLexicon(tuple(entries), by_first)


def _parse_row(cells: list[str], where: str) -> list[LexiconEntry]:
    if len(cells) == len(COLUMNS) - 1:
        cells = [*cells, ""]
    if len(cells) != len(COLUMNS):
        raise ResourceError(f"{where}: expected {len(COLUMNS)} tab-separated columns, found {len(cells)}")
    term, pos, category, technique, neutral, favours, notes = (cell.strip() for cell in cells)
    if not term or term != term.lower():
        raise ResourceError(f"{where}: the term must be non-empty and lower case, got {term!r}")
    if pos and pos not in POS_TAGS:
        raise ResourceError(f"{where}: pos {pos!r} is not one of {', '.join(sorted(POS_TAGS))} (or empty)")
    if category not in CATEGORIES:
        raise ResourceError(f"{where}: category {category!r} is not one of {', '.join(sorted(CATEGORIES))}")
    if technique and technique not in TECHNIQUES:
        raise ResourceError(f"{where}: technique {technique!r} is not one of {', '.join(sorted(TECHNIQUES))}")
    if not neutral:
        raise ResourceError(f"{where}: give a neutral wording, or {DROP} when the neutral rendering omits the term")
    spellings = [spelling.strip() for spelling in term.split("|")]
    if not all(term_tokens(spelling) for spelling in spellings):
        raise ResourceError(f"{where}: an empty spelling in {term!r}")
    for spelling in spellings:
        tokens = term_tokens(spelling)
        if "*" in tokens and (tokens.index("*") != 0 or tokens[1:2] != ("-",) or tokens.count("*") > 1):
            raise ResourceError(f"{where}: '*' may only open a term, joined by a hyphen ('*-lover'), got {spelling!r}")
    return [
        LexiconEntry(
            key=spelling,
            tokens=term_tokens(spelling),
            pos=pos or None,
            category=category,
            technique=technique or None,
            neutral="" if neutral == DROP else neutral,
            favours=favours or None,
            notes=notes,
        )
        for spelling in spellings
    ]
