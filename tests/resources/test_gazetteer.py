"""The packaged gazetteer and the curated supplement load, validate and know the example regions."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from dateline.errors import ResourceError
from dateline.resources.gazetteer import (
    GEONAMES_FILE,
    SUPPLEMENT_COLUMNS,
    fold,
    gazetteer_database,
    load_gazetteer,
    read_supplement,
)


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
        ("Hodeidah", "YEM", "Al Ḩudaydah"),  # the port's spelling in most English-language news
        ("Hudaydah", "YEM", "Al Ḩudaydah"),
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


def test_a_place_is_one_object_however_it_is_reached(gazetteer):
    # The places stage compares entries by identity ("one sense per article").
    by_name = next(entry for entry in gazetteer.lookup("Baghdad") if entry.geonames_id == 98182)
    by_script = next(entry for entry in gazetteer.lookup("بغداد") if entry.geonames_id == 98182)
    assert by_name is by_script


def test_curated_corrections_stand_for_the_built_place_under_every_name(gazetteer):
    (iraq,) = [entry for entry in gazetteer.lookup("Iraq") if entry.feature == "country"]
    assert iraq is gazetteer.countries["IRQ"] and iraq.curated


_inherited = []


def _baghdad_ids() -> list[int | None]:
    return [entry.geonames_id for entry in _inherited[0].lookup("Baghdad")]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_forked_worker_reads_the_gazetteer_its_parent_opened(gazetteer):
    _inherited[:] = [gazetteer]  # the worker gets it by forking, as the process pool's workers do
    expected = _baghdad_ids()
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_baghdad_ids) == expected


def test_a_file_that_is_not_a_gazetteer_is_refused_with_its_name(tmp_path):
    broken = tmp_path / "geonames.sqlite"
    broken.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ResourceError, match=r"geonames\.sqlite"):
        load_gazetteer(broken)


def test_the_database_is_built_once_into_the_cache_and_then_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path / "cache"))
    built = gazetteer_database()
    assert built.parent == tmp_path / "cache" and built.suffix == ".sqlite"
    modified = built.stat().st_mtime_ns
    assert gazetteer_database() == built and built.stat().st_mtime_ns == modified
    assert [path.name for path in built.parent.iterdir()] == [built.name]  # no temporary file left behind
    baghdad = max(load_gazetteer(built).lookup("Baghdad"), key=lambda entry: entry.population)
    assert baghdad.country == "IRQ"


def test_a_damaged_table_is_refused_with_its_name_and_leaves_no_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path / "cache"))
    damaged = tmp_path / "geonames.tsv.gz"
    damaged.write_bytes(GEONAMES_FILE.read_bytes()[:1000])
    with pytest.raises(ResourceError, match=r"geonames\.tsv\.gz"):
        gazetteer_database(damaged)
    assert not list((tmp_path / "cache").glob("*.sqlite"))


def test_a_missing_gazetteer_says_how_to_build_it(tmp_path):
    with pytest.raises(ResourceError, match="build_gazetteer"):
        load_gazetteer(tmp_path / "absent.sqlite")


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


def test_an_abbreviation_matches_only_with_its_dots_where_they_were(gazetteer):
    assert [entry.admin1 for entry in gazetteer.lookup("La.")] == ["US.LA"]
    assert gazetteer.lookup("W. Va.")[0].admin1 == "US.WV"
    assert {entry.admin1 for entry in gazetteer.lookup("L.A.")} == {"US.CA"}  # Los Angeles, not Louisiana
