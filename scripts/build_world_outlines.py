"""Build the map's country outlines from Natural Earth's public-domain 1:110m countries, deterministically.

The shapefile comes from the pinned geopandas 0.14.4 wheel, which ships it as ``naturalearth_lowres`` (later
geopandas releases dropped it); the wheel is fetched with pip and read as a zip, so geopandas is never installed.
Writes ``src/dateline/web/static/world.json``: per country its ISO-3 code, name and rings as flat [lon, lat, ...]
lists rounded to 0.1 degree, small enough to ship. Usage: python scripts/build_world_outlines.py [WHEEL]
(needs the ``world`` extra: pyshp).
"""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import shapefile

WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "web" / "static" / "world.json"
# Natural Earth marks a few countries' ISO code as -99; their ISO-3 is known.
ISO_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def _wheel_path(argv: list[str]) -> Path:
    if argv:
        return Path(argv[0])
    folder = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), WHEEL], check=True)
    return next(folder.glob("geopandas-*.whl"))


def _ring(points: list[tuple[float, float]]) -> list[float]:
    flat: list[float] = []
    previous = None
    for lon, lat in points:
        point = (round(lon, 1), round(lat, 1))
        # Rounding merges neighbouring vertices; a repeated one draws nothing.
        if point != previous:
            flat.extend(point)
            previous = point
    return flat


def main(argv: list[str]) -> None:
    with zipfile.ZipFile(_wheel_path(argv)) as wheel:
        reader = shapefile.Reader(
            shp=io.BytesIO(wheel.read(MEMBER + ".shp")),
            shx=io.BytesIO(wheel.read(MEMBER + ".shx")),
            dbf=io.BytesIO(wheel.read(MEMBER + ".dbf")),
            # The .cpg beside the .dbf names its text encoding.
            encoding=wheel.read(MEMBER + ".cpg").decode("ascii").strip(),
        )
        countries = []
        for record in reader.iterShapeRecords():
            fields = record.record.as_dict()
            shape = record.shape
            bounds = [*shape.parts, len(shape.points)]
            rings = [_ring(shape.points[start:end]) for start, end in itertools.pairwise(bounds)]
            iso3 = fields["iso_a3"] if fields["iso_a3"] != "-99" else ISO_FIXES.get(fields["name"], "")
            countries.append({"iso3": iso3, "name": fields["name"], "rings": [r for r in rings if len(r) >= 6]})
    countries.sort(key=lambda country: (country["iso3"], country["name"]))
    document = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via the geopandas 0.14.4 wheel",
        "countries": countries,
    }
    OUTPUT.write_text(json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(countries)} countries, {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
