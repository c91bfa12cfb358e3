"""The geoparsing scorer: layouts detected per file, and the Pragmatic Guide's metrics computed right."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import GoldDataError
from dateline.eval import scorers, splits
from dateline.eval.geo import (
    MAX_ERROR_KM,
    GoldArticle,
    distance_km,
    error_auc,
    metrics,
    read_gold,
    read_part,
    read_places,
    run_places,
    score,
    split_set,
)
from dateline.eval.split import MANIFEST_DIR, REPORT, TUNE, part_of
from dateline.model import Span

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geo"


def test_geowebnews_layout_keeps_toponyms_and_drops_expressions():
    (article,) = read_gold(FIXTURES / "GWN.xml")
    assert [article.text[t.span.start : t.span.end] for t in article.toponyms] == ["Baghdad", "Iraq"]


def test_lgl_layout_reads_gaztag_coordinates():
    (article,) = read_gold(FIXTURES / "lgl.xml")
    assert [article.text[t.span.start : t.span.end] for t in article.toponyms] == ["Paris", "Texas", "Dallas"]
    assert article.toponyms[0].latitude == pytest.approx(33.66094)


def test_an_unknown_layout_is_refused(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<articles><article><body/></article></articles>", encoding="utf-8")
    with pytest.raises(GoldDataError, match="neither"):
        read_gold(path)


def test_distance_baghdad_to_damascus():
    assert distance_km(33.34, 44.40, 33.51, 36.29) == pytest.approx(752, abs=10)


def test_auc_is_zero_for_perfect_and_one_for_worst():
    assert error_auc([0.0, 0.0, 0.0]) == 0.0
    assert error_auc([MAX_ERROR_KM, MAX_ERROR_KM]) == pytest.approx(1.0, abs=1e-4)


def test_metrics_count_overlaps_and_unplaced_toponyms_as_worst_errors():
    (article,) = read_gold(FIXTURES / "lgl.xml")
    predictions = [
        (Span(26, 31), 33.66, -95.56),  # Paris, Texas: right
        (Span(33, 36), None, None),  # overlaps "Texas" but is not placed
        (Span(0, 3), 0.0, 0.0),  # "The": not a toponym
    ]
    figures = metrics([article], [predictions])
    assert figures["geotag"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert figures["n_gold"] == 3 and figures["n_resolved"] == 1
    assert figures["acc_161km"] == 0.5
    assert figures["median_km"] == pytest.approx(MAX_ERROR_KM / 2, abs=1)


def test_geo_is_registered_with_its_default_gold_folder():
    assert scorers()["geo"].default_gold == "geo"


def test_score_runs_the_pipeline_on_every_file():
    figures = score(FIXTURES)
    assert set(figures) == {"GWN", "lgl"}
    for corpus in figures.values():
        assert set(corpus) == {"geotag", "acc_161km", "mean_km", "median_km", "auc", "n_resolved", "n_gold"}
        assert set(corpus["geotag"]) == {"precision", "recall", "f1"}
    assert figures["lgl"]["acc_161km"] == 1.0 and figures["GWN"]["acc_161km"] == 1.0


def test_the_split_keeps_whole_documents_and_the_two_parts_make_the_file():
    path = FIXTURES / "lgl.xml"
    tune, report = read_part(path, TUNE), read_part(path, REPORT)
    assert sorted(a.id for a in tune + report) == sorted(a.id for a in read_gold(path))
    assert all(part_of("lgl", a.id) == TUNE for a in tune) and all(part_of("lgl", a.id) == REPORT for a in report)


def test_each_gold_file_is_split_under_its_committed_manifest_name():
    assert split_set(FIXTURES / "GWN.xml") == "geowebnews" and split_set(FIXTURES / "lgl.xml") == "lgl"
    for name in ("geowebnews", "lgl"):
        lines = (MANIFEST_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
        assert lines[0] == "record_id\tpart"
        assert all(part == part_of(name, record) for record, part in (line.split("\t") for line in lines[1:]))


def test_the_geo_scorer_scores_one_part_on_request():
    assert splits(scorers()["geo"].score)
    parts = [score(FIXTURES, part=part) for part in (TUNE, REPORT)]
    whole = score(FIXTURES)
    for corpus in whole:
        assert sum(part[corpus]["n_gold"] for part in parts) == whole[corpus]["n_gold"]


def test_a_scorer_without_a_split_is_told_apart():
    def whole_sets_only(folder):
        return {}

    assert not splits(whole_sets_only)


def test_an_article_is_read_alone_as_a_first_run_reads_it_and_beside_its_outlets_other_articles():
    paper = "https://www.star-telegram.com/news/"
    schools = GoldArticle(
        "schools", "The Mansfield school board voted on Tuesday to close two schools.", (), paper + "1"
    )
    others = [
        GoldArticle("storm", "Police in Fort Worth and Arlington said the storm flooded roads in Grapevine.", (),
                    paper + "2"),
        GoldArticle("council", "Keller and Southlake councils met in Tarrant County on Monday.", (), paper + "3"),
    ]  # fmt: skip
    readings = read_places([schools], others)
    assert len(readings.alone) == len(readings.beside_outlet) == 1  # the outlet's other articles are not scored
    (alone,) = [p for p in readings.alone[0] if p.text == "Mansfield"]
    (beside,) = [p for p in readings.beside_outlet[0] if p.text == "Mansfield"]
    assert alone.admin1 != "US.TX" and beside.admin1 == "US.TX"
    assert run_places([schools, *others])[0] == readings.beside_outlet[0]  # the scorer reads them as one batch
