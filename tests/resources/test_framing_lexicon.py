"""The framing lexicon loads, covers several conflicts and sides, and rejects rows a person got wrong."""

import pytest

from dateline.errors import ResourceError
from dateline.resources.framing_lexicon import CATEGORIES, COLUMNS, load_framing_lexicon

HEADER = "\t".join(COLUMNS) + "\n"


def write(tmp_path, *rows):
    path = tmp_path / "lexicon.tsv"
    path.write_text(HEADER + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_shipped_lexicon_loads_and_uses_every_category_it_names():
    lexicon = load_framing_lexicon()
    used = {entry.category for entry in lexicon.entries}
    assert used == CATEGORIES
    assert len({entry.key for entry in lexicon.entries}) > 500


@pytest.mark.parametrize(
    ("term", "favours"),
    [
        ("special military operation", "Russia"),
        ("orc", "Ukraine"),
        ("zionist entity", "Israel's opponents"),
        ("judea and samaria", "Israel"),
        ("janjaweed", "Sudanese army"),
        ("wazalendo", "DRC government"),
        ("death tax", "US right"),
        ("saudi-led aggression", "Ansar Allah (Houthis)"),
        ("houthi militia", "Saudi-led coalition and Yemeni government"),
        ("clearance operation", "Myanmar military"),
        ("narco-terrorist", "Colombian and US governments"),
        ("khawarij", "Iraqi and Saudi governments, Iraqi PMU"),
        ("shabiha", "Syrian opposition"),
        ("kyiv junta", "Russia"),
    ],
)
def test_conflict_specific_wordings_name_the_side_they_favour(term, favours):
    entries = {entry.key: entry for entry in load_framing_lexicon().entries}
    assert entries[term].favours == favours


def test_spellings_of_one_row_share_the_row_and_hyphenated_terms_split_like_spacy():
    entries = {entry.key: entry for entry in load_framing_lexicon().entries}
    assert entries["neutralize"].neutral == entries["neutralise"].neutral == "kill"
    assert entries["so-called"].tokens == ("so", "-", "called")
    assert entries["heroic"].neutral == ""


def test_an_unknown_category_is_rejected_with_its_line(tmp_path):
    path = write(tmp_path, ("thug", "", "nasty", "", "member", "", ""))
    with pytest.raises(ResourceError, match=r"lexicon.tsv:2: category 'nasty'"):
        load_framing_lexicon(path)


def test_a_missing_neutral_wording_is_rejected(tmp_path):
    with pytest.raises(ResourceError, match="neutral"):
        load_framing_lexicon(write(tmp_path, ("thug", "", "demonising", "", "", "", "")))


def test_a_term_defined_twice_for_the_same_part_of_speech_is_rejected(tmp_path):
    rows = [("thug", "", "demonising", "", "member", "", ""), ("goon|thug", "", "demonising", "", "member", "", "")]
    with pytest.raises(ResourceError, match="already defined on line 2"):
        load_framing_lexicon(write(tmp_path, *rows))


@pytest.mark.parametrize("term", ["lover-*", "*lover", "* lover", "*-*-lover"])
def test_a_wildcard_may_only_open_a_term_joined_by_a_hyphen(tmp_path, term):
    with pytest.raises(ResourceError, match="may only open a term"):
        load_framing_lexicon(write(tmp_path, (term, "", "name_calling", "", "supporter of *", "", "")))
