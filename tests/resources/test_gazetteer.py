"""The packaged gazetteer and the curated supplement load, validate and know the example regions."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import ResourceError
from dateline.resources.gazetteer import SUPPLEMENT_COLUMNS, fold, load_gazetteer, read_supplement


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def top(gazetteer, name: str):
    return max(gazetteer.lookup(name), key=lambda entry: entry.population)


def test_fold_ignores_case_accents_apostrophes_and_hyphens():
    assert fold("Al-Qā’im") == fold("al qaim") == "al qaim"
    assert fold("U.S.") == "us"


def test_the_supplement_loads_and_every_row_validates():
    rows = read_supplement()
    assert {row.feature for row in rows} >= {"country", "admin1", "district", "border", "region", "alias", "demonym"}


def test_cities_countries_and_states_carry_ids_coordinates_and_admin1(gazetteer):
    baghdad = top(gazetteer, "Baghdad")
    assert (baghdad.geonames_id, baghdad.country, baghdad.admin1) == (98182, "IRQ", "IQ.07")
    assert abs(baghdad.latitude - 33.34) < 0.1 and abs(baghdad.longitude - 44.40) < 0.1
    assert gazetteer.countries["USA"].latitude == pytest.approx(39.76)
    assert gazetteer.admin1["US.TX"].name == "Texas"


@pytest.mark.parametrize(
    ("spelling", "country", "town"),
    [
        ("Al-Qa'im", "IRQ", "Al Qā’im"),
        ("Al Qaim", "IRQ", "Al Qā’im"),
        ("Abu Kamal", "SYR", "Ālbū Kamāl"),
        ("Albu Kamal", "SYR", "Ālbū Kamāl"),
        ("Al-Bukamal", "SYR", "Ālbū Kamāl"),
    ],
)
def test_transliterations_of_border_towns_reach_one_place(gazetteer, spelling, country, town):
    assert {(entry.name, entry.country) for entry in gazetteer.lookup(spelling)} >= {(town, country)}


def test_districts_borders_and_regions_come_from_the_supplement(gazetteer):
    (jadriya,) = gazetteer.lookup("Al-Jadriya")
    assert (jadriya.feature, jadriya.admin1) == ("district", "IQ.07")
    assert gazetteer.lookup("Jadriyah") == [jadriya]
    (border,) = [e for e in gazetteer.lookup("Iraq-Syria border") if e.feature == "border"]
    assert border.countries == ("IRQ", "SYR")
    assert any(entry.feature == "region" for entry in gazetteer.lookup("the Middle East"))


def test_state_abbreviations_and_demonyms(gazetteer):
    assert gazetteer.lookup("Calif.")[0].name == "California"
    assert gazetteer.country_of_word("Iraqi") == "IRQ"
    assert gazetteer.country_of_word("Syria") == "SYR"
    assert gazetteer.country_of_word("Officials") is None


def test_arabic_script_names_are_indexed(gazetteer):
    assert any(entry.geonames_id == 98182 for entry in gazetteer.lookup("بغداد"))


def _write_supplement(tmp_path: Path, row: str) -> Path:
    path = tmp_path / "supplement.tsv"
    path.write_text("# comment\n" + "\t".join(SUPPLEMENT_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "complaint"),
    [
        ("Atlantis\tcontinent\tGRC\t\t1\t2\t\t", "feature"),
        ("Atlantis\tcity\tGreece\t\t1\t2\t\t", "ISO-3"),
        ("Atlantis\tcity\tGRC\t\t\t\t\t", "coordinates"),
        ("Atlantis\tcity\tGRC\t\t95\t2\t\t", "in range"),
        ("Atlantis\tdistrict\tGRC\t\t1\t2\t\t", "parent"),
        ("Atlantis\tcity\tGRC", "cells"),
    ],
)
def test_a_bad_supplement_row_is_refused_with_its_line(tmp_path, row, complaint):
    with pytest.raises(ResourceError, match=complaint) as raised:
        read_supplement(_write_supplement(tmp_path, row))
    assert ":3:" in str(raised.value)
