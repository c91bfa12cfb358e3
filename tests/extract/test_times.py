"""The times stage: extents, TIMEX3 values anchored on the publish date and tense, and bad input."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.config import DEFAULT_SPACY_MODEL
from dateline.errors import ResourceError
from dateline.extract import times
from dateline.extract.times import grammar
from dateline.model import Analysis, Article, TimeRef
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources
from dateline.resources.times import DEFAULT_PATH, load_time_lexicon
from dateline.store import Store

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_07dcd8d47dd2376f.txt"
WEDNESDAY = datetime(2021, 6, 30, 22, 23)  # the seed's publication time


def refs(text: str, published: datetime | None = WEDNESDAY) -> list[TimeRef]:
    article = Article(id="a", text=text, published=published)
    (parsed,) = parse([article], load_pipeline(DEFAULT_SPACY_MODEL))
    return times.extract(parsed, load_resources())


def values(text: str, published: datetime | None = WEDNESDAY) -> dict[str, str | None]:
    return {ref.text: ref.value for ref in refs(text, published)}


def test_seed_expressions_resolve_as_the_issue_states() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    found = refs(text, WEDNESDAY)
    by_text: dict[str, set[str | None]] = {}
    for ref in found:
        assert text[ref.evidence.start : ref.evidence.end] == ref.text
        by_text.setdefault(ref.text, set()).add(ref.value)
    assert by_text["Monday"] == {"2021-06-28"}
    assert by_text["Tuesday"] == {"2021-06-29"}
    assert by_text["earlier this week"] == {"2021-W26"}
    assert "previously" not in by_text  # no invented value: TimeML does not mark it, neither do we
    week = next(ref for ref in found if ref.text == "earlier this week")
    assert (week.granularity, week.anchor, week.type) == ("week", "publish_date", "DATE")


def test_extent_leaves_out_the_preposition() -> None:
    (ref,) = refs("On Tuesday, mourners gathered in the square.")
    assert (ref.text, ref.value, ref.granularity) == ("Tuesday", "2021-06-29", "day")


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The minister arrived on Monday.", "Monday", "2021-06-28"),
        ("The minister will arrive on Monday.", "Monday", "2021-07-05"),
        ("Talks are scheduled for Friday.", "Friday", "2021-07-02"),
        ("Talks collapsed on Friday.", "Friday", "2021-06-25"),
        ("He resigned last Friday.", "last Friday", "2021-06-25"),
        ("He will resign next Wednesday.", "next Wednesday", "2021-07-07"),
    ],
)
def test_weekday_follows_the_tense(sentence: str, expression: str, value: str) -> None:
    assert values(sentence)[expression] == value


@pytest.mark.parametrize(
    ("sentence", "expression", "value", "kind"),
    [
        ("Shops reopened yesterday.", "yesterday", "2021-06-29", "DATE"),
        ("Shops reopen today.", "today", "2021-06-30", "DATE"),
        ("Shops reopen tomorrow.", "tomorrow", "2021-07-01", "DATE"),
        ("A curfew starts tonight.", "tonight", "2021-06-30TNI", "TIME"),
        ("The strike began two days ago.", "two days ago", "2021-06-28", "DATE"),
        ("Prices rose last week.", "last week", "2021-W25", "DATE"),
        ("Prices will rise next week.", "next week", "2021-W27", "DATE"),
        ("Prices rose this month.", "this month", "2021-06", "DATE"),
        ("Prices fell last month.", "last month", "2021-05", "DATE"),
        ("Prices fell last year.", "last year", "2020", "DATE"),
        ("Elections are due next year.", "next year", "2022", "DATE"),
        ("The law passed earlier this month.", "earlier this month", "2021-06", "DATE"),
        ("The deal was signed on 28 June 2021.", "28 June 2021", "2021-06-28", "DATE"),
        ("The deal was signed on June 28.", "June 28", "2021-06-28", "DATE"),
        ("The deal was signed in March.", "March", "2021-03", "DATE"),
        ("The deal was signed in December.", "December", "2020-12", "DATE"),
        ("The war lasted three years.", "three years", "P3Y", "DURATION"),
        ("Fighting over the past two months displaced thousands.", "the past two months", "P2M", "DURATION"),
        ("The siege lasted 2 1/2 years.", "2 1/2 years", "P2Y6M", "DURATION"),
        ("Patrols pass every week.", "every week", "P1W", "SET"),
        ("The paper is published daily.", "daily", "P1D", "SET"),
        ("Unrest grew in the 1990s.", "the 1990s", "199", "DATE"),
        ("Profits will rise in the third quarter.", "the third quarter", "2021-Q3", "DATE"),
        ("Profits rose in the first quarter.", "the first quarter", "2021-Q1", "DATE"),
        ("The budget for fiscal 2022 is larger.", "fiscal 2022", "2022", "DATE"),
        ("Farmers prepare for the harvest in the summer of 2022.", "summer of 2022", "2022-SU", "DATE"),
        ("The market is now calm.", "now", "PRESENT_REF", "DATE"),
        ("Violence has recently increased.", "recently", "PAST_REF", "DATE"),
        ("The blast happened at 10:35 a.m. Friday.", "10:35 a.m. Friday", "2021-06-25T10:35", "TIME"),
    ],
)
def test_each_rule_normalises_to_timex3(sentence: str, expression: str, value: str, kind: str) -> None:
    found = {ref.text: ref for ref in refs(sentence)}
    assert expression in found, f"{expression!r} not found in {list(found)}"
    assert (found[expression].value, found[expression].type) == (value, kind)


def test_a_year_earlier_follows_the_quarter_the_text_is_about() -> None:
    found = refs("Profit rose in the first quarter. Sales were flat a year earlier.")
    earlier = next(ref for ref in found if ref.text == "a year earlier")
    assert (earlier.value, earlier.anchor) == ("2020-Q1", "text")


def test_without_publish_date_only_absolute_values_survive() -> None:
    found = {ref.text: ref for ref in refs("He arrived Monday, signed on June 3, 2020 and stayed three years.", None)}
    assert found["Monday"].value is None and found["Monday"].anchor == "none"
    assert found["Monday"].granularity == "day"
    assert found["June 3, 2020"].value == "2020-06-03"
    assert found["three years"].value == "P3Y"


def test_a_dated_dateline_anchors_a_story_without_publish_date() -> None:
    found = {ref.text: ref for ref in refs("BAGHDAD, June 30, 2021 (AFP) -- Officials met yesterday.", None)}
    assert (found["yesterday"].value, found["yesterday"].anchor) == ("2021-06-29", "dateline")


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("The talks ended on 31 February.", "31 February"),
        ("The talks ended on 31 February 2021.", "31 February 2021"),
        ("The treaty expires in the year 20215.", "the year 20215"),
        ("The treaty expires on June 3, 20215.", "June 3, 20215"),
    ],
)
def test_impossible_dates_keep_their_span_and_get_no_value(text: str, expression: str) -> None:
    found = {ref.text: ref for ref in refs(text)}
    assert found[expression].value is None
    assert found[expression].confidence < 0.6


def test_a_dateline_with_an_impossible_date_anchors_nothing() -> None:
    found = {ref.text: ref.value for ref in refs("BAGHDAD, February 31, 2021 (AFP) -- Officials met yesterday.", None)}
    assert found["yesterday"] is None


def test_arabic_script_passes_through() -> None:
    found = refs("وصل الوفد يوم الاثنين إلى بغداد في ٣٠ يونيو. The delegation arrived Monday.")
    assert [(ref.text, ref.value) for ref in found] == [("Monday", "2021-06-28")]


def test_long_article_keeps_every_offset_exact() -> None:
    paragraph = "Troops withdrew on Monday. Aid will arrive next week. The siege lasted three years.\n"
    text = paragraph * 700  # about 60,000 characters: parsed in chunks
    found = refs(text)
    assert len(found) == 3 * 700
    assert all(text[ref.evidence.start : ref.evidence.end] == ref.text for ref in found)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Monday", "31", "February", "20215", "ago", "two", "days", "last", "week", "the", "quarter", "1990s", "—",
             "يوم", "at", "10:35", "a.m.", "every", "year", "earlier", ",", "said", "will", "fiscal", "2021", "."]
        ),
        max_size=30,
    )
)  # fmt: skip
def test_any_word_salad_yields_spans_that_match_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for ref in refs(text):
        assert text[ref.evidence.start : ref.evidence.end] == ref.text
        assert 0.0 <= ref.confidence <= 1.0


def test_time_refs_are_stored_and_read_back(tmp_path: Path) -> None:
    article = Article(id="a", text="Shops reopened yesterday.", published=WEDNESDAY)
    (parsed,) = parse([article], load_pipeline(DEFAULT_SPACY_MODEL))
    found = times.extract(parsed, load_resources())
    with Store.open(tmp_path / "t.db") as store:
        store.add([Analysis(article, tuple(found))])
        assert list(store.records(TimeRef, "a")) == found


def test_lexicon_loads_and_rejects_an_incomplete_file(tmp_path: Path) -> None:
    lexicon = load_time_lexicon()
    assert lexicon.months["sept"] == 9 and lexicon.weekdays["sunday"] == 7 and lexicon.units["years"] == "Y"
    broken = tmp_path / "times.toml"
    broken.write_text(DEFAULT_PATH.read_text(encoding="utf-8").replace('12 = ["december", "dec"]\n', ""))
    with pytest.raises(ResourceError, match=r"\[months\]"):
        load_time_lexicon(broken)


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # Published 30 June 2021: a dividend or a rule looks ahead past new year whatever the clause's tense.
        ("The board declared a dividend payable Jan. 5 to holders of record.", "Jan. 5", "2022-01-05"),
        ("The company named her chairman, effective Sept. 1.", "Sept. 1", "2021-09-01"),
        ("The offer is open until Sept. 20.", "Sept. 20", "2021-09-20"),
        ("The offer stayed open until Nov. 20.", "Nov. 20", "2020-11-20"),
    ],
)
def test_forward_cues_point_a_bare_date_ahead(sentence: str, expression: str, value: str) -> None:
    assert values(sentence)[expression] == value


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        # Published 30 June 2021: a date that names a noun's occasion keeps the nearer year whatever the verb's tense.
        ("A committee will investigate the Jan. 6 riot at the Capitol.", "Jan. 6", "2021-01-06"),
        ("Lawmakers will debate the Feb. 12 attack on the convoy.", "Feb. 12", "2021-02-12"),
        ("The panel will examine Wednesday's ruling.", "Wednesday", "2021-06-30"),
    ],
)
def test_a_date_qualifying_a_noun_is_not_moved_by_the_clauses_tense(sentence: str, expression: str, value: str) -> None:
    assert values(sentence)[expression] == value


def test_a_clock_time_before_a_date_is_one_expression_on_that_date() -> None:
    found = {ref.text: ref for ref in refs("The tender offer expires at 5 p.m. EDT, July 9.")}
    assert "July 9" not in found
    assert (found["5 p.m. EDT, July 9"].value, found["5 p.m. EDT, July 9"].type) == ("2021-07-09T17:00", "TIME")


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Net income fell in the 2020 third quarter.", "the 2020 third quarter", "2020-Q3"),
        ("Profit rose in the second quarter, against a loss in the 2020 period.", "the 2020 period", "2020-Q2"),
    ],
)
def test_a_year_inside_a_quarter_phrase_names_that_quarter(sentence: str, expression: str, value: str) -> None:
    found = values(sentence)
    assert found[expression] == value
    assert "2020" not in found  # the year is part of the quarter, not an expression of its own


@pytest.mark.parametrize(
    ("sentence", "ordinal"),
    [("A second group of directors sold shares.", "A second"), ("Sales fell in the 2020 second quarter.", "2020")],
)
def test_second_as_an_ordinal_is_no_duration(sentence: str, ordinal: str) -> None:
    assert all(ref.type != "DURATION" for ref in refs(sentence))
    assert ordinal not in values(sentence)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("The rebels will soon withdraw.", True),
        ("He was soon released.", False),
        ("The guard was killed soon after the raid.", False),
    ],
)
def test_soon_refers_to_the_future_only_from_the_present(sentence: str, kept: bool) -> None:
    assert (values(sentence).get("soon") == "FUTURE_REF") is kept
    assert kept or "soon" not in values(sentence)


def test_the_week_of_a_date_is_that_iso_week() -> None:
    assert values("Hearings are set for the week of July 12.")["the week of July 12"] == "2021-W28"


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Exports slumped over the winter.", "the winter", "2020-WI"),
        ("Sales picked up in the spring.", "the spring", "2021-SP"),
        ("Talks will resume in the autumn.", "the autumn", "2021-FA"),
    ],
)
def test_the_season_is_the_story_years_last_one_unless_looking_ahead(
    sentence: str, expression: str, value: str
) -> None:
    assert values(sentence)[expression] == value


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("Prices may double over the next couple of years.", "the next couple of years", "P2Y"),
        ("The index fell for eight trading days.", "eight trading days", "P8D"),
        ("Payment is due within three business days.", "three business days", "P3D"),
    ],
)
def test_spelled_quantities_and_working_days_are_durations(sentence: str, expression: str, value: str) -> None:
    assert values(sentence)[expression] == value


def test_a_month_since_which_something_has_gone_on_lies_behind_the_story() -> None:
    published = datetime(2024, 3, 15)
    assert values("The two armies have been fighting since April.", published)["April"] == "2023-04"
    assert values("Prices have risen since February.", published)["February"] == "2024-02"
    assert values("The talks will resume in April.", published)["April"] == "2024-04"


def flat_alternation(words: list[str]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


def words_then_optional(alternation: str, text: str) -> list[tuple[str, str]]:
    """What a rule reads: each match and its word, where the word may be followed by an optional "b"."""
    pattern = re.compile(rf"(?<![\w-])(?P<word>{alternation})(?:\s+b)?(?!\w)", re.IGNORECASE)
    return [(match.group(), match.group("word")) for match in pattern.finditer(text)]


def test_a_word_list_written_as_a_tree_takes_the_longer_word_where_both_fit() -> None:
    # "a" alone could match too, the optional "b" taking the second word: the longer word is the one read.
    found = words_then_optional(
        grammar._alt(["a", "a b", "six", "sixteen", "more than"]), "A b b, six, Sixteen, more  than"
    )
    assert found == [("A b b", "A b"), ("six", "six"), ("Sixteen", "Sixteen"), ("more  than", "more  than")]


NESTED_WORDS = st.sampled_from(["a", "ab", "a b", "a b a", "b", "ba", "b a", "a-b", "a'b"])


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(
        NESTED_WORDS | st.text(alphabet="ab -'", min_size=1, max_size=5).map(str.strip).filter(bool), min_size=1
    ),
    text=st.lists(st.sampled_from(["a", "b", "ab", "A", "B", "-", "'", ".", "a-b"]), max_size=12).map(" ".join),
)
def test_a_word_list_written_as_a_tree_matches_what_the_flat_list_longest_first_matches(
    words: list[str], text: str
) -> None:
    assert words_then_optional(grammar._alt(words), text) == words_then_optional(flat_alternation(words), text)


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("Police arrested nearly 4000 rioters and fired 2000 rounds to control the situation.", "2000"),
        ("The army deployed 1800 soldiers across the state on Monday.", "1800"),
        # a house or block number in an address
        ("The meeting begins at 6:30 p.m. at the Maloof auditorium, 1300 Commerce Dr., in downtown Decatur.", "1300"),
        ("The homeowner in the 2400 block of Jay Lane blocked the car in his driveway.", "2400"),
    ],
)
def test_a_four_digit_number_that_counts_a_plural_or_numbers_a_street_is_no_year(sentence: str, number: str) -> None:
    assert not [ref for ref in refs(sentence) if ref.text == number]


def test_a_year_a_plural_noun_follows_after_a_cue_stays_a_year() -> None:
    found = values("Turnout in the 2016 elections fell, and since 2000 rounds of talks have failed.")
    assert found.items() >= {"2016": "2016", "2000": "2000"}.items()
