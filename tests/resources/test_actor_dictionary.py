"""The actor dictionary loads, covers the states and the regions we report on, rejects rows a person got wrong,
and lets a user's own file extend or override it."""

from __future__ import annotations

import pytest

from dateline.errors import ResourceError
from dateline.resources.actors import (
    COLUMNS,
    ENV_VAR,
    compact_key,
    dictionary_paths,
    load_actor_dictionary,
    name_key,
    ruler_patterns,
)

HEADER = "\t".join(COLUMNS) + "\n"
STATES = "IRQ\tIraq\t\tstate\tIRQ\t\t\tBaghdad\tIraqi|Iraqis\n"


def write(tmp_path, *rows, name="extra.tsv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_shipped_dictionary_holds_every_un_member_state_and_the_regions_actors():
    dictionary = load_actor_dictionary()
    states = [actor for actor in dictionary.actors.values() if actor.kind == "state"]
    assert len(states) >= 193 + 2  # UN members and the two observer states
    for actor_id in ("IRQ", "USA", "SYR", "LBN", "YEM", "IRN", "ISR", "PSE", "MLI", "SDN", "COD", "UKR", "RUS"):
        assert dictionary.actors[actor_id].kind == "state"
    for actor_id in ("UN", "EU", "NATO", "AU", "ARAB_LEAGUE", "OPEC", "IMF", "WB", "ICC", "ICRC", "MSF", "HRW"):
        assert dictionary.actors[actor_id].sector in ("IGO", "NGO")
    for actor_id in ("ISIS", "AAH", "PMF", "HEZBOLLAH", "HOUTHIS", "HAMAS", "JNIM", "RSF", "M23", "WAGNER"):
        assert dictionary.actors[actor_id].kind == "armed_group"
    assert dictionary.actors["MUSTAFA_AL_KADHIMI"].country == "IRQ"


@pytest.mark.parametrize(
    ("spelling", "actor_id", "role"),
    [
        ("Daesh", "ISIS", "alias"),
        ("Hashd al-Sha’abi", "PMF", "alias"),
        ("Asaib Ahl al Haq", "AAH", "name"),
        ("Kadhemi", "MUSTAFA_AL_KADHIMI", "alias"),
        ("Washington", "USA", "metonym"),
        ("Americans", "USA", "demonym"),
    ],
)
def test_a_spelling_finds_its_actor_whatever_the_transliteration(spelling, actor_id, role):
    dictionary = load_actor_dictionary()
    (form,) = dictionary.lookup(spelling, frozenset({"name", "alias", "metonym", "demonym"}))
    assert (form.actor_id, form.role) == (actor_id, role)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Mustafa al-Kadhemi", "Mustafa Al Kadhimi"),
        ("Asa’ib Ahl al-Haq", "Asa'ib Ahl Al-Haq"),
        ("Asaʿib Ahl el-Haq", "ASAIB AHL AL HAQ"),
        ("Mahmoud", "Mahmud"),
        ("Abou Ali", "Abu Ali"),
        ("Goïta", "Goita"),
    ],
)
def test_name_key_ignores_transliteration_variants(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(("one", "other"), [("Iran", "Iraq"), ("Mali", "Malawi"), ("Hamas", "Hama"), ("EEC", "ICC")])
def test_name_key_keeps_different_names_apart(one, other):
    assert name_key(one) != name_key(other)


def test_compact_key_joins_the_parts_of_a_name():
    assert compact_key("Abdul-Malik") == compact_key("Abdul Malik") == compact_key("Abdulmalik")


def test_ruler_patterns_carry_ids_labels_and_apostrophe_variants_but_no_states():
    patterns = {p["pattern"]: p for p in ruler_patterns(load_actor_dictionary())}
    assert patterns["Asa’ib Ahl al-Haq"] == {"label": "ORG", "pattern": "Asa’ib Ahl al-Haq", "id": "AAH"}
    assert patterns["Asaib Ahl Al-Haq"]["id"] == "AAH"
    assert patterns["Qais al-Khazali"]["label"] == "PERSON"
    assert "Iraq" not in patterns and "Iraqi" not in patterns


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("X1\tSome Group\t\tcult\tIRQ\t\t", "kind 'cult'"),
        ("X1\tSome Group\t\tarmed_group\tIRQ\tXXX\t", "sector 'XXX'"),
        ("X1\tSome Group\t\tarmed_group\tATL\tREB\t", "country 'ATL'"),
        ("X1\tSome Group\t\tarmed_group\tIRQ\tREB\tQ12x", "wikidata 'Q12x'"),
        ("X-1\tSome Group\t\tarmed_group\tIRQ\tREB\t", "id 'X-1'"),
        ("X1\tSome Group\tSG|\tarmed_group\tIRQ\tREB\t", "empty spelling"),
        ("X1\tSome Group", "columns"),
    ],
)
def test_a_bad_row_is_an_error_naming_file_and_line(tmp_path, row, message):
    path = write(tmp_path, STATES.rstrip("\n"), row)
    with pytest.raises(ResourceError, match=message) as error:
        load_actor_dictionary((path,))
    assert f"{path}:3" in str(error.value)


def test_a_duplicate_id_in_one_file_is_an_error(tmp_path):
    path = write(tmp_path, STATES.rstrip("\n"), "G\tGroup One\t\tgroup\t\t\t", "G\tGroup Two\t\tgroup\t\t\t")
    with pytest.raises(ResourceError, match=rf"{path}:4: id 'G' is already used on line 3"):
        load_actor_dictionary((path,))


def test_an_alias_claimed_by_two_actors_needs_the_shared_mark(tmp_path):
    clash = write(tmp_path, STATES.rstrip("\n"), "A\tAlpha Front\tAF\tgroup\t\t\t", "B\tAfro Force\tAF\tgroup\t\t\t")
    with pytest.raises(ResourceError, match=r"'AF' also names 'A'.*mark it AF\*"):
        load_actor_dictionary((clash,))
    rows = ("A\tAlpha Front\tAF*\tgroup\t\t\t", "B\tAfro Force\tAF*\tgroup\t\t\t")
    shared = write(tmp_path, STATES.rstrip("\n"), *rows, name="ok.tsv")
    forms = load_actor_dictionary((shared,)).forms[compact_key("AF")]
    assert {form.actor_id for form in forms} == {"A", "B"} and all(form.shared for form in forms)


def test_a_users_file_named_in_the_environment_extends_and_overrides_the_shipped_one(tmp_path, monkeypatch):
    extra = write(
        tmp_path,
        "AAH\tAsa'ib Ahl al-Haq\tLeague of the Righteous\tparty\tIRQ\tPTY\t",
        "BOC\tBaghdad Operations Command\tBOC\torganisation\tIRQ\tMIL\t",
    )
    monkeypatch.setenv(ENV_VAR, str(extra))
    assert dictionary_paths()[-1] == extra
    dictionary = load_actor_dictionary()
    assert dictionary.actors["AAH"].kind == "party"
    assert dictionary.actors["BOC"].country == "IRQ"
    assert "IRQ" in dictionary.actors


def test_a_missing_users_file_is_an_error_naming_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "absent.tsv"))
    with pytest.raises(ResourceError, match=ENV_VAR):
        load_actor_dictionary()
