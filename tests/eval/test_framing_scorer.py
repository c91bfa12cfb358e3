"""The framing scorer: the task's partial-overlap span metric, and the real pipeline run over PTC-layout gold."""

from pathlib import Path

import pytest

from dateline.errors import GoldDataError
from dateline.eval import scorers
from dateline.eval.framing import GOLD_SET, read_ptc, score, select_part, span_scores
from dateline.eval.split import MANIFEST_DIR, part_of
from dateline.model import Span

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ptc"


def test_a_prediction_half_inside_a_gold_span_earns_half_precision_and_half_recall():
    scores = span_scores({"d": [Span(0, 10)]}, {"d": [Span(5, 15)]})
    assert (scores["precision"], scores["recall"], scores["f1"], scores["exact_f1"]) == (0.5, 0.5, 0.5, 0.0)


def test_a_short_prediction_inside_a_long_gold_span_is_precise_but_recalls_little():
    scores = span_scores({"d": [Span(0, 2)]}, {"d": [Span(0, 8)], "e": [Span(0, 4)]})
    assert scores["precision"] == 1.0
    assert scores["recall"] == pytest.approx(0.125)
    assert scores["n_gold"] == 2


def test_overlapping_gold_spans_are_merged_so_a_character_counts_once():
    scores = span_scores({"d": [Span(0, 15)]}, {"d": [Span(0, 10), Span(5, 15)]})
    assert (scores["precision"], scores["recall"], scores["n_gold"]) == (1.0, 1.0, 2)


def test_exact_f1_counts_only_identical_spans():
    scores = span_scores({"d": [Span(0, 6), Span(10, 12)]}, {"d": [Span(0, 6), Span(10, 14)]})
    assert scores["exact_f1"] == 0.5


def test_ptc_articles_keep_their_title_line_so_gold_offsets_point_at_the_labelled_words():
    articles, labels = read_ptc(FIXTURE)
    article = articles[0]
    assert article.title == "Heroic rebels humiliate corrupt regime"
    texts = {technique: article.text[span.start : span.end] for technique, span in labels[article.id]}
    assert texts["Name_Calling,Labeling"] == "vicious thugs"


def test_the_scorer_runs_the_pipeline_and_reports_each_technique_and_their_union():
    metrics = scorers()["framing"].score(FIXTURE)
    assert set(metrics) == {"Loaded_Language", "Name_Calling,Labeling", "union"}
    assert [metrics[name]["n_gold"] for name in metrics] == [2, 1, 3]
    assert set(metrics["union"]) == {"precision", "recall", "f1", "exact_f1", "n_gold"}
    # "thugs" takes its modifier and hits "vicious thugs" exactly (the tagger may label more, so exactness is
    # read as full recall and some exact match). "Heroic rebels" covers the gold "Heroic" and more, and "vicious"
    # is gold only as part of the label: Loaded_Language finds most, precisely less.
    assert metrics["Name_Calling,Labeling"]["recall"] == 1.0 and metrics["Name_Calling,Labeling"]["exact_f1"] > 0
    assert metrics["Loaded_Language"]["recall"] > 0.5 > metrics["Loaded_Language"]["precision"] > 0


def test_a_folder_without_ptc_articles_is_a_gold_data_error(tmp_path):
    with pytest.raises(GoldDataError, match="articles"):
        score(tmp_path)


def test_articles_fall_in_the_part_the_committed_manifest_names_by_their_file_name():
    articles, _ = read_ptc(FIXTURE)
    tune, report = select_part(articles, "tune"), select_part(articles, "report")
    assert sorted(article.id for article in tune + report) == sorted(article.id for article in articles)
    assert select_part(articles, None) == articles
    manifest = (MANIFEST_DIR / "ptc.tsv").read_text(encoding="utf-8").splitlines()
    assert manifest[0] == "record_id\tpart"
    assert all(part_of(GOLD_SET, name) == part for name, part in (line.split("\t") for line in manifest[1:]))


def test_the_scorer_scores_one_part_and_says_when_no_article_falls_in_it():
    (article,) = read_ptc(FIXTURE)[0]
    own = part_of(GOLD_SET, Path(article.origin).name)
    other = "report" if own == "tune" else "tune"
    assert score(FIXTURE, part=own)["union"]["n_gold"] == 3
    with pytest.raises(GoldDataError, match=f"{other} part"):
        score(FIXTURE, part=other)
