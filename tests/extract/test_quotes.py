"""The quotes stage: every quote layout the issue names, speakers through pronouns and descriptions,
chants and scare quotes, and malformed typography that must neither crash nor swallow the article."""

from __future__ import annotations

import pytest

from dateline.extract import run_stages
from dateline.model import Article, Quote
from dateline.nlp import parse
from dateline.resources import load_resources


@pytest.fixture()
def quotes_in(nlp):
    def run(text: str) -> list[Quote]:
        (parsed,) = parse([Article(id="t", text=text)], nlp)
        return run_stages(parsed, load_resources()).of(Quote)

    return run


def words(text: str, quote: Quote, part: str = "content") -> str | None:
    span = getattr(quote, part)
    return None if span is None else text[span.start : span.end]


def only(quotes: list[Quote], kind: str = "direct") -> Quote:
    found = [quote for quote in quotes if quote.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_speaker_colon_quote(quotes_in):
    text = "Governor Anna Perez said: “We will rebuild every bridge before the winter comes.”"
    quote = only(quotes_in(text))
    assert words(text, quote) == "We will rebuild every bridge before the winter comes."
    assert quote.speaker_text == "Anna Perez"
    assert quote.cue_text == "said"
    assert quote.evidence.start == 0 and quote.evidence.end >= quote.content.end


def test_quote_then_speaker_and_medium(quotes_in):
    text = "“The dam will hold through the spring floods,” Tomas Berg told Radio Nord."
    quote = only(quotes_in(text))
    assert quote.speaker_text == "Tomas Berg"
    assert quote.cue_text == "told"
    assert quote.medium == "Radio Nord"
    assert words(text, quote, "medium_span") == "Radio Nord"


def test_medium_named_in_a_prepositional_phrase(quotes_in):
    text = "In a televised address on Monday, Maria Lind said: “The strike will end this week.”"
    quote = only(quotes_in(text))
    assert quote.speaker_text == "Maria Lind"
    assert quote.medium is not None and "address" in quote.medium


def test_pronoun_after_quote_resolves_to_the_person_named_before(quotes_in):
    text = (
        "Mayor Jonas Keller visited the flooded district on Tuesday.\n"
        "“Nobody here will be left without a roof, and we will pay for every repair,” he said."
    )
    quote = only(quotes_in(text))
    assert words(text, quote, "speaker_mention") == "he"
    assert quote.speaker_text == "Jonas Keller"
    assert quote.cue_text == "said"


def test_pronoun_cue_before_quote(quotes_in):
    text = "Jonas Keller spoke to the council.\nHe said, “The budget for the repairs is already approved.”"
    quote = only(quotes_in(text))
    assert quote.speaker_text == "Jonas Keller"
    assert words(text, quote, "speaker_mention") == "He"


def test_definite_description_resolves_to_the_person_named_before(quotes_in):
    text = (
        "“The outbreak is under control in the north, but not yet in the south,” Dr. Lena Ortiz told reporters.\n"
        "The Madrid-based epidemiologist said the next two weeks would decide the course of the epidemic."
    )
    indirect = only(quotes_in(text), "indirect")
    assert words(text, indirect, "speaker_mention") == "The Madrid-based epidemiologist"
    assert indirect.speaker_text == "Lena Ortiz"


def test_quote_split_around_its_cue_is_one_quote(quotes_in):
    text = "“We never wanted this war,” said Paul Meyer. “But we will not surrender the valley to them.”"
    quote = only(quotes_in(text))
    assert words(text, quote) == "We never wanted this war,"
    assert words(text, quote, "continuation") == "But we will not surrender the valley to them."
    assert quote.speaker_text == "Paul Meyer"


def test_quote_split_by_a_comma_clause_is_one_quote(quotes_in):
    text = "“We never wanted this war,” said Paul Meyer, “but we will not surrender the valley.”"
    quote = only(quotes_in(text))
    assert words(text, quote, "continuation") == "but we will not surrender the valley."
    assert quote.speaker_text == "Paul Meyer"


@pytest.mark.parametrize(
    ("clause_end", "title"),
    [("“Morning Report” Sunday.", "Morning Report"), ("“Morning Report.”", "Morning Report.")],
    # American style puts the clause's period inside the title's closing mark.
    ids=["title-then-words", "title-holding-the-period"],
)
def test_a_title_inside_the_attribution_clause_does_not_end_the_split_quote(quotes_in, clause_end, title):
    text = (
        f"“We will publish the records,” Nora Blum said on Channel Four’s {clause_end} "
        "“There is nothing in them that we need to hide.”"
    )
    quotes = quotes_in(text)
    assert words(text, only(quotes), "continuation") == "There is nothing in them that we need to hide."
    assert [words(text, other) for other in quotes if other.kind == "title"] == [title]


def test_a_clause_between_two_quotes_ending_in_a_comma_introduces_the_second(quotes_in):
    text = (
        "Nora Blum praised the mayor. “She has done a fine job in a hard year.” "
        "She adds, “We will back her in the spring.”"
    )
    quote = only(quotes_in(text))
    assert words(text, quote) == "We will back her in the spring."
    assert quote.continuation is None
    assert words(text, quote, "cue") == "adds"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "“The levee is an invasion of our domain,” Ana Ruiz, the attorney general of the northern province, "
            "one of the regions suing the agency, said at an event this month.",
            "Ana Ruiz",
            "said",
        ),
        ("“The levee is an invasion of our domain,” Sen. Ana Ruiz (D-Ore.) said on Friday.", "Ana Ruiz", "said"),
        ("Election results - Tomas Berg and Lena Ortiz: “The polls in the north have not moved.”", "Tomas Berg", ":"),
        ("Pollsters agree - Tomas Berg: “The polls in the north have not moved in a month.”", "Tomas Berg", ":"),
        (
            "Paul Meyer continued:\n\n“The convoy reached the camp at dawn and unloaded in an hour.”",
            "Paul Meyer",
            "continued",
        ),
        (
            "Mayor Anna Perez went even further:\n“Every bridge will be rebuilt before the winter.”",
            "Anna Perez",
            "went",
        ),
        ("Tomas Berg and Lena Ortiz:\n“The polls in the north have not moved in a month.”", "Tomas Berg", ":"),
    ],
    ids=[
        "cue-verb-on-the-line-before",
        "other-verb-and-colon",
        "names-and-colon",
        "subject-with-appositions",
        "subject-with-party-and-state",
        "headline-dash-names",
        "headline-with-a-cue",
    ],
)
def test_the_speaker_is_found_wherever_the_layout_puts_it(quotes_in, text, speaker, cue):
    quote = only(quotes_in(text))
    assert quote.speaker_text == speaker
    assert quote.cue_text == cue


@pytest.mark.parametrize("dash", [" ― ", "―", " — ", " -- "])
def test_a_dash_and_a_name_after_the_quote_credit_it(quotes_in, dash):
    text = f"“The debate showed who he really is.”{dash}Carla Sanchez\n“We want jobs, not walls.”{dash}Steve Quinlan."
    quotes = quotes_in(text)
    assert [quote.speaker_text for quote in quotes] == ["Carla Sanchez", "Steve Quinlan"]
    assert all(quote.cue_text == dash.strip() for quote in quotes)


def test_a_colon_after_a_clause_with_no_speaker_credits_no_one(quotes_in):
    text = "The gap is shown by one finding:\n“Twenty-seven companies reported sixteen thousand subsidiaries.”"
    assert only(quotes_in(text), "unattributed").speaker is None


def test_a_participle_cue_takes_the_subject_of_the_clause_it_hangs_on(quotes_in):
    text = "Singer Ana Flores shared the news online last week, writing “It feels great to support someone I trust.”"
    quote = only(quotes_in(text))
    assert quote.speaker_text == "Ana Flores"
    assert quote.cue_text == "writing"


def test_a_quote_glued_to_its_cue_without_a_space(quotes_in):
    text = "Paul Ryan said,“Look, these images have no place in a campaign.”"
    quote = only(quotes_in(text))
    assert words(text, quote) == "Look, these images have no place in a campaign."
    assert quote.speaker_text == "Paul Ryan"


def test_quote_spanning_paragraphs_continues_at_the_next_opening_mark(quotes_in):
    text = (
        "Paul Meyer said: “The first convoy reached the camp at dawn and unloaded in an hour.\n"
        "“The second convoy is still waiting at the border, and nobody can tell us why.”\n"
        "The ministry did not comment."
    )
    quote = only(quotes_in(text))
    content = words(text, quote)
    assert content.startswith("The first convoy") and content.endswith("nobody can tell us why.")
    assert quote.speaker_text == "Paul Meyer"


@pytest.mark.parametrize(
    "text",
    [
        '"We will appeal the ruling in every court we can," said Clara Vogt.',
        "«We will appeal the ruling in every court we can», said Clara Vogt.",
        "''We will appeal the ruling in every court we can,'' said Clara Vogt.",
    ],
    ids=["straight", "guillemets", "two-apostrophes"],
)
def test_straight_marks_guillemets_and_doubled_apostrophes(quotes_in, text):
    quote = only(quotes_in(text))
    assert words(text, quote).startswith("We will appeal the ruling in every court we can")
    assert quote.speaker_text == "Clara Vogt"


@pytest.mark.parametrize(
    "text",
    [
        "Clara Vogt was asked about the verdict. “We will appeal the ruling in every court we can,“ she said.",
        "Clara Vogt was asked about the verdict. ”We will appeal the ruling in every court we can,” she said.",
    ],
    ids=["opening-mark-closes", "closing-mark-opens"],
)
def test_a_curly_mark_turned_the_wrong_way_is_read_by_where_it_stands(quotes_in, text):
    quote = only(quotes_in(text))
    assert words(text, quote) == "We will appeal the ruling in every court we can,"
    assert quote.speaker_text == "Clara Vogt"


def test_nested_quote_stays_inside_the_outer_one(quotes_in):
    text = "“The guard told me ‘go home, there is nothing left’ and closed the gate,” Sara Holm said."
    quote = only(quotes_in(text))
    assert words(text, quote) == "The guard told me ‘go home, there is nothing left’ and closed the gate,"
    assert quote.speaker_text == "Sara Holm"


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Finance Minister Omar Haddad said the deficit would shrink next year.",
            "the deficit would shrink next year",
            "Omar Haddad",
            "said",
        ),
        (
            "Omar Haddad stressed that the reforms would not touch pensions.",
            "that the reforms would not touch pensions",
            "Omar Haddad",
            "stressed",
        ),
        (
            "According to Omar Haddad, the reforms will not touch pensions.",
            "the reforms will not touch pensions",
            "Omar Haddad",
            "According to",
        ),
        (
            "Omar Haddad accused the opposition of hiding the true cost of the plan.",
            "the opposition of hiding the true cost of the plan",
            "Omar Haddad",
            "accused",
        ),
    ],
    ids=["said", "stressed-that", "according-to", "accused-of"],
)
def test_indirect_quotes(quotes_in, text, content, speaker, cue):
    quote = only(quotes_in(text), "indirect")
    assert words(text, quote) == content
    assert quote.speaker_text == speaker
    assert quote.cue_text == cue


def test_mixed_quote_takes_in_its_quoted_fragment(quotes_in):
    text = "Prime Minister Ines Roth condemned the raid, calling it a “flagrant violation” of the border treaty."
    quotes = quotes_in(text)
    mixed = only(quotes, "mixed")
    assert "“flagrant violation”" in words(text, mixed)
    assert mixed.speaker_text == "Ines Roth"
    assert mixed.cue_text == "calling"
    assert not [quote for quote in quotes if quote.kind in ("direct", "scare")]


def test_unattributed_quote_is_kept_apart_from_direct_quotes_with_no_speaker(quotes_in):
    text = "The storm flattened the harbour.\n“Nothing like this has happened here in a hundred years, not once.”"
    quote = only(quotes_in(text), "unattributed")
    assert quote.speaker is None and quote.speaker_text is None and quote.cue is None


def test_quote_paragraph_after_a_speakers_paragraph_goes_on_in_that_voice(quotes_in):
    text = (
        "“We have counted the ballots twice,” Eva Marsh said.\n"
        "“There will be no third count, whatever the losing side demands of us.”"
    )
    quotes = [quote for quote in quotes_in(text) if quote.kind == "direct"]
    assert [quote.speaker_text for quote in quotes] == ["Eva Marsh", "Eva Marsh"]
    assert quotes[1].cue is None
    assert quotes[1].confidence < quotes[0].confidence


def test_chants_are_classified_and_attributed_to_no_named_speaker(quotes_in):
    text = "Protesters marched to the square. The marchers chanted “Down with the junta” and “Free the press”."
    chants = [quote for quote in quotes_in(text) if quote.kind == "chant"]
    assert [words(text, quote) for quote in chants] == ["Down with the junta", "Free the press"]
    assert all(quote.speaker is None for quote in chants)


def test_scare_quote_has_no_speaker(quotes_in):
    text = "The company’s “restructuring” cost four hundred jobs in its northern plants."
    scare = [quote for quote in quotes_in(text) if quote.kind == "scare"]
    assert [words(text, quote) for quote in scare] == ["restructuring"]
    assert scare[0].speaker is None


def test_unbalanced_mark_ends_with_its_paragraph_and_later_quotes_are_found(quotes_in):
    text = (
        "“This sentence opens a quote that never closes, Anna Berg said.\n"
        "The river rose by two metres overnight.\n"
        "“The dikes held,” said Karl Moser."
    )
    quotes = quotes_in(text)
    end = text.index("\n")
    assert all(quote.content.end <= end or quote.content.start > end for quote in quotes)
    last = [quote for quote in quotes if words(text, quote) == "The dikes held,"]
    assert last and last[0].speaker_text == "Karl Moser"


def test_a_quote_mark_on_every_word_neither_crashes_nor_swallows_the_article(quotes_in):
    text = " ".join(f'"word{number}' for number in range(300)) + '\n"The bridge is open," said Karl Moser.'
    quotes = quotes_in(text)
    assert all(quote.content.end <= text.index("\n") or quote.content.start > text.index("\n") for quote in quotes)
    assert any(quote.speaker_text == "Karl Moser" for quote in quotes)


def test_a_ten_thousand_character_quote_is_one_quote(quotes_in):
    body = ("The valley needs water and roads before it needs speeches. " * 170)[:10_000].strip()
    text = f"Paul Meyer said: “{body}”\nThe council adjourned."
    quote = only(quotes_in(text))
    assert len(quote.content) >= 9_900
    assert quote.speaker_text == "Paul Meyer"


def test_every_span_points_into_the_text_and_evidence_holds_the_parts(quotes_in, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    for quote in quotes_in(text):
        for part in (quote.content, quote.continuation, quote.cue, quote.speaker_mention, quote.medium_span):
            assert part is None or (quote.evidence.contains(part) and part.end <= len(text))
        assert 0 < quote.confidence <= 1


def test_seed_quotes_belong_to_khazali_and_magnier(quotes_in, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    quotes = quotes_in(text)
    direct = [quote for quote in quotes if quote.kind == "direct"]
    speakers = [quote.speaker_text for quote in direct]
    assert len(direct) == 7
    assert all(speaker is not None and ("Khazali" in speaker or "Magnier" in speaker) for speaker in speakers)
    # The speaker's mention is linked to the article's actor, the same id whichever name form the quote used.
    actor_ids = {quote.speaker_actor_id for quote in direct}
    assert len(actor_ids) == 2 and None not in actor_ids
    by_start = {words(text, quote)[:20]: quote for quote in quotes}
    assert "Khazali" in by_start["The resistance opera"].speaker_text
    assert by_start["It also shows Americ"].speaker_text == "Elijah Magnier"
    assert "Magnier" in by_start["This is a kind of bl"].speaker_text
    analyst = next(quote for quote in quotes if words(text, quote, "speaker_mention") == "The Brussels-based analyst")
    assert analyst.speaker_text == "Elijah Magnier"
    told = next(quote for quote in quotes if quote.cue_text == "told")
    assert told.medium == "Press TV"
    chants = [words(text, quote) for quote in quotes if quote.kind == "chant"]
    assert chants == ["Death to America", "Death to Israel"]
    assert any(quote.kind == "mixed" and "“flagrant violation”" in words(text, quote) for quote in quotes)


def test_a_quoted_subject_of_a_reporting_verb_does_not_break_the_speaker_span(quotes_in):
    text = "The “committee of experts” said the bridge was safe, and “the council” stressed that it must reopen."
    for quote in quotes_in(text):
        for part in (quote.content, quote.speaker_mention, quote.speaker):
            assert part is None or part.start < part.end


def test_the_dateline_city_is_never_the_speaker(quotes_in):
    text = (
        "MOSUL (Wire) -- Leader of the Northern Brigades Karim al-Jaburi has pledged to avenge the strikes "
        "on his men.\n"
        "He said the group would respond."
    )
    pledge = next(quote for quote in quotes_in(text) if quote.cue_text == "pledged")
    assert "MOSUL" not in (pledge.speaker_text or "") and pledge.speaker_text.startswith("Karim")
    assert words(text, pledge, "speaker_mention") == "Karim al-Jaburi"


def test_victims_the_parser_takes_for_the_speaker_do_not_speak(quotes_in):
    # spaCy makes "fighters" the subject of "said", with the official in apposition to them.
    text = (
        "Warplanes struck two sites near the border on Monday, killing at least five fighters, "
        "a senior official in Iraq's army said."
    )
    quote = only(quotes_in(text), "indirect")
    assert words(text, quote, "speaker_mention") == "a senior official in Iraq's army"
    named = "Ten fighters, including two commanders, said they had left the group."
    assert "fighters" in words(named, only(quotes_in(named), "indirect"), "speaker_mention")
