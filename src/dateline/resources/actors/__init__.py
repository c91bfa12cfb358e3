"""The actor dictionary: states, international bodies, armed groups, people and outlets, read from the
tab-separated files in this folder and from any files named in ``$DATELINE_ACTORS``, merged over them.

A malformed row, an unknown kind, sector or country, a duplicate id or a spelling claimed by two actors
without the shared mark ``*`` is a ``ResourceError`` naming the file and line (see README.md here).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import ResourceError

DICTIONARY_DIR = Path(__file__).parent
ENV_VAR = "DATELINE_ACTORS"
COLUMNS = ("id", "name", "aliases", "kind", "country", "sector", "wikidata", "metonyms", "demonyms")
KINDS = frozenset(
    {"person", "organisation", "state", "armed_group", "party", "media", "igo", "ngo", "business", "group"}
)
# PLOVER's actor sectors, plus IGO, NGO and MED for bodies PLOVER codes by name rather than by sector.
SECTORS = frozenset(
    {
        "AGR", "BUS", "COP", "CRM", "CVL", "EDU", "ELI", "GOV", "IGO", "JRN", "JUD", "LAB", "LEG", "MED",
        "MIL", "NGO", "OPP", "PRE", "PRM", "PTY", "REB", "REF", "REL", "SOC", "SPY", "UAF", "UNK",
    }
)  # fmt: skip
SHARED = "*"
_ID = re.compile(r"^[A-Za-z0-9_]+$")
_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
# Prefixes that transliterations attach, drop or space differently: al-Kadhimi, Al Kadhimi, el-Kadhimi, as-Sadr.
_ATTACHED_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ar|as|ash|at|az|an|ed)-(?=\w)", re.IGNORECASE)
# Upper-case words up to this length are read as acronyms, not as names shouted in a headline.
ACRONYM_MAX = 6
_STANDALONE_ARTICLES = frozenset({"al", "el", "the"})
_APOSTROPHES = str.maketrans("", "", "'’‘ʼʻʿʾ`´")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class KnownActor:
    """One dictionary row: the actor's canonical name and every spelling that refers to it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None
    metonyms: tuple[str, ...]
    demonyms: tuple[str, ...]
    origin: str


@dataclass(frozen=True, slots=True)
class Form:
    """A spelling of an actor as indexed: its role is ``name``, ``alias``, ``metonym`` or ``demonym``."""

    actor_id: str
    text: str
    role: str
    shared: bool


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """Actors by id, and every spelling by its ``compact_key``; a key holds several forms only when shared.

    ``blocks`` groups the keys of names and aliases that are not states' by their first two letters, so a
    near match ("Abdel-Fatah Burhan") is searched among a few dozen keys, not all of them.
    """

    actors: Mapping[str, KnownActor]
    forms: Mapping[str, tuple[Form, ...]]
    blocks: Mapping[str, tuple[str, ...]]

    def lookup(self, text: str, roles: frozenset[str] = frozenset({"name", "alias"})) -> tuple[Form, ...]:
        return tuple(form for form in self.forms.get(compact_key(text), ()) if form.role in roles)


# The same names come back in every article (and for every form of the dictionary at start-up): a profile of 50
# long articles spent 3% of `dateline analyze` folding them again. Bounded, since a huge input's names are many.
@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A spelling-insensitive key: "Mustafa al-Kadhemi", "Mustafa Al Kadhimi" and "MUSTAFA KADHIMI" agree.

    Folds case and diacritics, drops apostrophes and ʿayn marks, the Arabic article (al-/el-/as-...),
    hyphens and dots, maps the vowel variants e/i and o/ou/oo/u and collapses doubled letters, except in
    acronyms (upper-case words of up to six letters), which keep their letters. Words stay
    separated by single spaces so that a surname can be compared with the last word of a full name.
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    folded = re.sub(r"['’]s$", "", folded)
    folded = _ATTACHED_ARTICLE.sub("", folded).translate(_APOSTROPHES)
    words = [word for word in _NON_WORD.split(folded) if word and word.lower() not in _STANDALONE_ARTICLES]
    # Acronyms keep their letters: folded, "EEC" and "ICC" would both read "ic".
    return " ".join(word.lower() if _is_acronym(word) else _fold_vowels(word.lower()) for word in words)


def _is_acronym(word: str) -> bool:
    return word.isupper() and len(word) <= ACRONYM_MAX


def compact_key(name: str) -> str:
    """``name_key`` without spaces, so "Abdul-Malik", "Abdul Malik" and "Abdulmalik" agree too."""
    return name_key(name).replace(" ", "")


def _fold_vowels(word: str) -> str:
    word = word.replace("ou", "u").replace("oo", "u").replace("o", "u").replace("e", "i")
    word = re.sub(r"(.)\1+", r"\1", word)
    return word[:-2] + "y" if word.endswith("iy") and len(word) > 3 else word


def dictionary_paths() -> tuple[Path, ...]:
    """The shipped files in name order, then the files of ``$DATELINE_ACTORS`` (separated by ``os.pathsep``)."""
    extra = [Path(part) for part in os.environ.get(ENV_VAR, "").split(os.pathsep) if part.strip()]
    return (*sorted(DICTIONARY_DIR.glob("*.tsv")), *extra)


def load_actor_dictionary(paths: tuple[Path, ...] | None = None) -> ActorDictionary:
    """Read, merge and validate the dictionary files; a later file's row replaces an earlier one with its id."""
    return _load(paths if paths is not None else dictionary_paths())


@functools.cache
def _load(paths: tuple[Path, ...]) -> ActorDictionary:
    actors: dict[str, KnownActor] = {}
    for path in paths:
        seen_here: dict[str, int] = {}
        for number, cells in _rows(path):
            actor = _parse_row(cells, f"{path}:{number}")
            if actor.id in seen_here:
                raise ResourceError(f"{path}:{number}: id {actor.id!r} is already used on line {seen_here[actor.id]}")
            seen_here[actor.id] = number
            actors[actor.id] = actor
    if not actors:
        raise ResourceError(f"no actors in {', '.join(str(path) for path in paths) or 'no files'}")
    states = {actor.id for actor in actors.values() if actor.kind == "state"}
    for actor in actors.values():
        if actor.country is not None and actor.country not in states:
            raise ResourceError(
                f"{actor.origin}: country {actor.country!r} is not the id of a state in the dictionary "
                "(use an ISO 3166-1 alpha-3 code such as IRQ, or add the state)"
            )
    forms = _index(actors)
    blocks: dict[str, list[str]] = {}
    for key, claims in forms.items():
        if any(claim.role in ("name", "alias") and actors[claim.actor_id].kind != "state" for claim in claims):
            blocks.setdefault(key[:2], []).append(key)
    return ActorDictionary(actors, forms, {block: tuple(keys) for block, keys in blocks.items()})


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ResourceError(f"cannot read the actor dictionary {path}: {error} (check {ENV_VAR})") from error
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cell.strip() for cell in cells) != COLUMNS:
                raise ResourceError(
                    f"{path}:{number}: the header must be the tab-separated columns {' '.join(COLUMNS)}"
                )
            header_seen = True
            continue
        rows.append((number, cells))
    return rows


def _parse_row(cells: list[str], where: str) -> KnownActor:
    # Trailing empty columns may be left off, so a person's row can stop after wikidata.
    if not 4 <= len(cells) <= len(COLUMNS):
        raise ResourceError(f"{where}: expected up to {len(COLUMNS)} tab-separated columns, found {len(cells)}")
    cells = [cell.strip() for cell in cells] + [""] * (len(COLUMNS) - len(cells))
    actor_id, name, aliases, kind, country, sector, wikidata, metonyms, demonyms = cells
    if not _ID.match(actor_id):
        raise ResourceError(f"{where}: id {actor_id!r} must be letters, digits and underscores")
    if not name or name.endswith(SHARED):
        raise ResourceError(f"{where}: the canonical name must be given and cannot be shared")
    if kind not in KINDS:
        raise ResourceError(f"{where}: kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    if sector and sector not in SECTORS:
        raise ResourceError(f"{where}: sector {sector!r} is not one of {', '.join(sorted(SECTORS))}")
    if wikidata and not _WIKIDATA.match(wikidata):
        raise ResourceError(f"{where}: wikidata {wikidata!r} is not an item id such as Q796")
    if kind == "state" and country != actor_id:
        raise ResourceError(f"{where}: a state's country must be its own id {actor_id!r}")
    return KnownActor(
        id=actor_id,
        name=name,
        aliases=_split(aliases, where),
        kind=kind,
        country=country or None,
        sector=sector or None,
        wikidata=wikidata or None,
        metonyms=_split(metonyms, where),
        demonyms=_split(demonyms, where),
        origin=where,
    )


def _split(cell: str, where: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in cell.split("|")) if cell else ()
    if any(not compact_key(part.rstrip(SHARED)) for part in parts):
        raise ResourceError(f"{where}: an empty spelling in {cell!r}")
    return parts


def _index(actors: Mapping[str, KnownActor]) -> dict[str, tuple[Form, ...]]:
    index: dict[str, list[Form]] = {}
    for actor in actors.values():
        spellings = [(actor.name, "name"), *((alias, "alias") for alias in actor.aliases)]
        spellings += [(metonym, "metonym") for metonym in actor.metonyms]
        spellings += [(demonym, "demonym") for demonym in actor.demonyms]
        for spelling, role in spellings:
            shared = spelling.endswith(SHARED)
            form = Form(actor.id, spelling.rstrip(SHARED), role, shared)
            claims = index.setdefault(compact_key(form.text), [])
            if any(claim.actor_id == actor.id for claim in claims):
                continue
            rival = next((claim for claim in claims if not (claim.shared and shared)), None)
            if rival is not None:
                raise ResourceError(
                    f"{actor.origin}: {form.text!r} also names {rival.actor_id!r} ({actors[rival.actor_id].origin}); "
                    f"mark it {form.text}{SHARED} on both rows to let the article's context decide, or drop one"
                )
            claims.append(form)
    return {key: tuple(forms) for key, forms in index.items()}


def ruler_patterns(dictionary: ActorDictionary) -> list[dict[str, str]]:
    """Entity-ruler phrase patterns for the names and aliases of every actor that is not a state.

    States, capitals and demonyms are left to the statistical model, which labels them well and would be
    blocked from longer names ("Syrian Observatory for Human Rights") if they were fixed first. Shared
    spellings carry no id, so they are left to the actors stage too. Each spelling also comes with its
    apostrophe and article variants ("Asa’ib Ahl al-Haq", "Asaib Ahl Al-Haq").
    """
    patterns: dict[str, dict[str, str]] = {}
    for actor in dictionary.actors.values():
        if actor.kind == "state":
            continue
        label = "PERSON" if actor.kind == "person" else "ORG"
        for spelling in (actor.name, *actor.aliases):
            if spelling.endswith(SHARED):
                continue
            for variant in spelling_variants(spelling):
                patterns.setdefault(variant, {"label": label, "pattern": variant, "id": actor.id})
    return list(patterns.values())


def spelling_variants(spelling: str) -> list[str]:
    """The spelling as written, with each apostrophe-like mark and none, and the article as al-/Al-/al /el-."""
    apostrophes = "'’‘ʿʼ`"
    variants = {spelling}
    if any(mark in spelling for mark in apostrophes):
        for mark in (*apostrophes, ""):
            variants.add("".join(mark if char in apostrophes else char for char in spelling))
    article = re.compile(r"\b[AaEe]l[- ](?=\w)")
    for variant in list(variants):
        if article.search(variant):
            variants.update(article.sub(replacement, variant) for replacement in ("al-", "Al-", "al ", "Al ", "el-"))
    return sorted(variants)
