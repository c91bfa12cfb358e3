"""The hand audit's bookkeeping: a judgment scores only the event it judged, and the figures follow the criteria."""

import json
import shutil
from datetime import datetime
from pathlib import Path

from dateline.api import analyze
from dateline.eval.audit import (
    SAMPLE_COLUMNS,
    coding,
    event_row,
    fully_right,
    geo_articles,
    match,
    ptc_articles,
    read_rows,
    stories_articles,
    summarise,
    tempeval_articles,
    write_rows,
)
from dateline.eval.split import REPORT, TUNE, part_of
from dateline.model import Event

TEXT = "MOSUL (Wire) -- Gunmen   attacked a police\ncheckpoint in Mosul on Monday, killing five officers."


def coded(**fields: str) -> dict[str, str]:
    row = {name: "" for name in SAMPLE_COLUMNS}
    row.update(article_id="a1", start="0", end="40", type="ASSAULT", source="gunmen", modality="asserted")
    row.update(confidence="0.7", placed="n", **fields)
    row["coding"] = coding(row)
    return row


def judged(real: str = "y", errors: str = "", **fields: str) -> dict[str, str]:
    verdicts = dict(type_ok="y", source_ok="y", target_ok="y", modality_ok="y", place_ok="", date_ok="")
    verdicts.update(fields)
    return {**coded(), "real": real, "errors": errors, **verdicts}


def test_an_event_coded_as_when_judged_is_scored_with_its_judgment():
    scored, unjudged, stale = match([coded()], [judged()])
    assert (len(scored), unjudged, stale) == (1, [], [])


def test_an_event_now_coded_otherwise_is_stale_not_scored_with_the_old_verdict():
    scored, unjudged, stale = match([coded(type="PROTEST")], [judged()])
    assert (scored, unjudged, len(stale)) == ([], [], 1)


def test_an_event_at_other_offsets_was_never_judged():
    scored, unjudged, stale = match([coded(start="41")], [judged()])
    assert (scored, len(unjudged), stale) == ([], 1, [])


def test_a_row_whose_verdict_is_left_blank_is_not_a_judgment():
    _, unjudged, _ = match([coded()], [judged(real="")])
    assert len(unjudged) == 1


def test_place_and_date_count_toward_fully_right_only_where_coded():
    assert fully_right(judged())
    assert not fully_right({**judged(place_ok="n"), "placed": "y"})
    assert not fully_right(judged(real="n"))
    assert not fully_right(judged(target_ok="n"))


def test_the_figures_count_fields_among_real_events_and_errors_by_kind():
    rows = [judged(), judged(real="n", errors="generic"), judged(source_ok="n", errors="missed_source")]
    rows[1]["confidence"] = "0.3"
    figures = summarise(rows)
    assert figures["real"] == 0.667
    assert figures["fully_right"] == 0.333
    assert figures["field_accuracy_among_real"]["source"] == 0.5
    assert figures["field_accuracy_among_real"]["place"] == 0.0  # none coded: no place was judged
    assert figures["errors"] == [("generic", 1), ("missed_source", 1)]
    assert figures["real_by_confidence"] == {"0.0-0.4": (1, 0.0), "0.6-0.8": (2, 1.0)}


def test_a_sampled_row_points_at_its_trigger_in_the_sentence_shown(tmp_path):
    analysis = analyze(TEXT, published="2021-06-30", id="a1")
    rows = [event_row("audit_test", "a1", analysis.article.text, event, "2021-06-30") for event in analysis.of(Event)]
    assert rows
    for row in rows:
        at = int(row["trigger_at"])
        assert row["sentence"][at : at + len(row["trigger"])] == row["trigger"]
    path = tmp_path / "sample.tsv"
    write_rows(path, rows, SAMPLE_COLUMNS)
    assert read_rows(path) == rows


def test_a_date_bound_is_no_day_to_judge():
    analysis = analyze("Police arrested five men in Pune for rioting.", published="2021-06-30", id="b1")
    (event,) = analysis.of(Event)
    assert event.time_precision == "before"
    assert event_row("audit_test", "b1", analysis.article.text, event, "2021-06-30")["date"] == ""
    stated = analyze("Police arrested five men in Pune on Monday.", published="2021-06-30", id="b2")
    (event,) = stated.of(Event)
    assert event_row("audit_test", "b2", stated.article.text, event, "2021-06-30")["date"] == "2021-06-28"


def _story_record(story: str, side: str) -> str:
    text = f"Officials of {story} met the press on Monday. They announced a new plan."
    return json.dumps({"id": f"{story}-{side}", "story": story, "source": side.upper(), "title": story, "text": text})


def test_the_story_sets_give_only_the_articles_of_stories_in_the_part_asked_for(tmp_path):
    stories = [f"allsides-{number}" for number in range(20)]
    folder = tmp_path / "stories"
    folder.mkdir()
    lines = [_story_record(story, side) for story in stories for side in ("left", "right")]
    (folder / "allsides_excerpts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "newswcl50.jsonl").write_text(_story_record("wcl50-0", "L") + "\n", encoding="utf-8")
    for part in (TUNE, REPORT):
        articles = stories_articles(tmp_path, part)
        expected = {
            f"{story}-{side}"
            for story, name in [*((story, "stories_allsides") for story in stories), ("wcl50-0", "stories_newswcl50")]
            if part_of(name, story) == part
            for side in (("L",) if story == "wcl50-0" else ("left", "right"))
        }
        assert set(articles) == expected and expected, "both sides of a story go to its story's part"
    article = stories_articles(tmp_path, part_of("stories_newswcl50", "wcl50-0"))["wcl50-0-L"]
    assert (article.title, article.source, article.text[:9]) == ("wcl50-0", "L", "Officials")


def test_without_the_story_files_there_are_no_story_articles(tmp_path):
    assert stories_articles(tmp_path, TUNE) is None


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_timebank_texts_are_news_dated_by_their_creation_time(tmp_path):
    shutil.copytree(FIXTURES / "time", tmp_path / "time" / "tbaq" / "TimeBank")
    article = tempeval_articles(tmp_path)["harbour"]
    assert article.published == datetime(2021, 6, 30), "the creation time, a day with no zone"
    assert "<" not in article.text, "the TimeML tags are gone"


def test_ptc_articles_keep_their_title_line_and_carry_no_date(tmp_path):
    shutil.copytree(FIXTURES / "ptc", tmp_path / "framing" / "ptc")
    article = ptc_articles(tmp_path)["1001"]
    assert (article.title, article.published) == ("Heroic rebels humiliate corrupt regime", None)
    assert article.text.startswith(article.title + "\n")


def test_without_their_folders_there_are_no_timebank_or_ptc_articles(tmp_path):
    assert tempeval_articles(tmp_path) is None and ptc_articles(tmp_path) is None


def test_geoparsing_news_keeps_its_articles_under_a_prefixed_id(tmp_path):
    (tmp_path / "geo").mkdir()
    shutil.copy(next((FIXTURES / "geo").glob("*lgl*.xml")), tmp_path / "geo" / "lgl.xml")
    articles = geo_articles(tmp_path, "lgl.xml", "lgl-")
    assert articles and all(article_id.startswith("lgl-") for article_id in articles)
    assert all(article.published is None and article.text for article in articles.values())
    assert geo_articles(tmp_path, "GWN.xml", "gwn-") is None, "an absent file gives no articles"
