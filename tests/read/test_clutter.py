"""Page clutter is cut before analysis: link boxes, teaser lists under box headings, and timestamp lines never
reach the stored text, so no record's evidence lies in them. The pages under ``fixtures/pages`` are written for
these tests (no real page's text) in the layouts where trafilatura keeps such clutter."""

from __future__ import annotations

from pathlib import Path

import pytest

import dateline
from dateline.config import Settings
from dateline.model import RECORD_TABLES
from dateline.read.clutter import cut_clutter_lines, is_timestamp
from dateline.run import analyze_paths

PAGES = Path(__file__).parents[1] / "fixtures" / "pages"
# Teaser headlines, box headings and timestamp lines on the fixture pages; several would be events if read.
CLUTTER = (
    "SEE MORE",
    "Hospital workers walk out over unpaid wages",
    "Two killed as storm brings down power lines",
    "Top stories",
    "Published 3 hours ago",
    "DON'T MISS",
    "Protesters set fire to tyres outside the central bank",
    "Army says it repelled an attack on a checkpoint",
    "Read more",
    "Last updated",
    "MORE FROM THE POST",
    "Woman dies after being hit by a lorry",
    "Updated 08:15 EST",
    "Riot police clash with fishermen",
    "Gunmen kidnap three engineers",
)
# Sentences of the articles themselves, on either side of the clutter.
BODY = (
    "Police said two picketers were detained briefly on Tuesday afternoon",
    "Six children were admitted to hospital",
    "The talks were due to continue on Tuesday.",
    "The train operator said the increase was set by the government",
)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, nlp) -> Path:
    db = tmp_path_factory.mktemp("clutter") / "pages.db"
    analyze_paths([str(PAGES)], Settings(db=db))
    return db


def test_no_clutter_reaches_the_stored_text_and_the_articles_own_sentences_do(analysed):
    with dateline.open(analysed) as corpus:
        texts = [article.text for article in corpus.articles()]
    assert len(texts) == len(list(PAGES.glob("*.html")))
    everything = "\n".join(texts)
    assert [phrase for phrase in CLUTTER if phrase.casefold() in everything.casefold()] == []
    assert [sentence for sentence in BODY if sentence not in everything] == []


def test_every_record_comes_from_the_article_and_none_from_clutter(analysed):
    with dateline.open(analysed) as corpus:
        analyses = [corpus.analysis(article.id) for article in corpus.articles()]
    tables = {RECORD_TABLES[type(record)] for analysis in analyses for record in analysis.records}
    assert {"events", "quotes"} <= tables  # the pages are news: records were found
    for analysis in analyses:
        for record in analysis.records:
            evidence = analysis.article.text[record.evidence.start : record.evidence.end]
            assert not any(phrase.casefold() in evidence.casefold() for phrase in CLUTTER)


def test_a_box_heading_goes_with_the_headlines_under_it_and_prose_resumes():
    text = "First paragraph of the story.\nDON'T MISS\nBridge closes for repairs\nMayor wins second term\nIt went on."
    assert cut_clutter_lines(text) == "First paragraph of the story.\nIt went on."


def test_an_article_subheading_in_capitals_followed_by_prose_is_kept():
    text = "The vote was close.\nTHE AFTERMATH\nCounting ran late into the night, officials said."
    assert cut_clutter_lines(text) == text


def test_a_short_list_in_the_article_is_kept_when_no_box_heading_leads_it():
    text = "The plan has three parts:\nNew cranes\nRetraining for crane drivers\nA pay review"
    assert cut_clutter_lines(text) == text


def test_read_more_lines_are_cut_but_a_sentence_that_starts_with_related_is_not():
    text = "Read more: Port authority unveils plan\nRelated-party loans rose by a third, the bank said."
    assert cut_clutter_lines(text) == "Related-party loans rose by a third, the bank said."


@pytest.mark.parametrize(
    "line",
    ["Updated 08:15 EST, Wed March 6, 2024", "Published 3 hours ago", "Last updated: 16:40 GMT+3, 13.11.2023",
     "Nov 14, 2023 at 6:02 pm ET", "5 min read"],
)  # fmt: skip
def test_timestamp_lines_are_recognised_by_their_shape(line):
    assert is_timestamp(line)


@pytest.mark.parametrize("line", ["Police said 3 people died on Monday.", "March 6: talks resume", "Updated"])
def test_lines_with_anything_but_dates_times_and_labels_are_not_timestamps(line):
    assert not is_timestamp(line)
