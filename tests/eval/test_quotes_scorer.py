"""The PolNeAR scorer: reading brat standoff, the direct/indirect split, and its arithmetic on small cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dateline.errors import GoldDataError
from dateline.eval import scorers
from dateline.eval.quotes import Attribution, is_direct, read_polnear, score_predictions
from dateline.eval.split import part_of
from dateline.model import Span

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "polnear"


def test_reads_text_and_the_first_annotators_attributions():
    texts, golds = read_polnear(FIXTURE)
    assert list(texts) == ["school"]
    text = texts["school"]
    direct, indirect = golds["school"]
    assert direct.direct and not indirect.direct
    assert text[direct.speaker[0].start : direct.speaker[0].end] == "Mayor Lina Park"
    assert text[indirect.content[0].start : indirect.content[0].end] == "the budget was approved by the council"


def test_a_folder_without_text_and_attributions_is_refused(tmp_path: Path):
    with pytest.raises(GoldDataError, match="text/ and attributions/"):
        read_polnear(tmp_path)


@pytest.mark.parametrize(
    ("text", "span", "direct"),
    [
        ("“We won,” she said.", Span(0, 9), True),
        ("She said “we won” today.", Span(9, 17), True),
        ("She said that they won.", Span(9, 22), False),
        ("She said they won “easily” today.", Span(9, 26), False),
    ],
)
def test_direct_means_enclosed_in_quote_marks(text: str, span: Span, direct: bool):
    assert is_direct(text, [span]) is direct


TEXT = "alpha beta gamma delta. epsilon zeta eta theta. said Ann. iota kappa lambda mu."


def span_of(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words))


def test_scores_partial_and_exact_matches_speakers_and_cues():
    gold = [
        Attribution((span_of("alpha beta gamma delta"),), (span_of("Ann"),), (span_of("said"),), True),
        Attribution((span_of("epsilon zeta eta theta"),), (span_of("Ann"),), (span_of("said"),), False),
        Attribution((span_of("iota kappa lambda mu"),), (), (span_of("said"),), False),
    ]
    predicted = [
        # exact (trailing punctuation aside), right speaker, right cue
        Attribution((span_of("alpha beta gamma delta."),), (span_of("Ann"),), (span_of("said"),), True),
        # 3 of 4 words: Jaccard 0.75, a partial match; wrong speaker, no cue
        Attribution((span_of("zeta eta theta"),), (span_of("alpha"),), (), False),
        # 1 of 4 words: no match
        Attribution((span_of("iota"),), (), (), False),
        # matches nothing
        Attribution((span_of("said Ann"),), (), (), True),
    ]
    metrics = score_predictions({"a": predicted}, {"a": gold}, {"a": TEXT})
    assert set(metrics) == {"direct", "indirect", "all"}
    everything = metrics["all"]
    assert everything["precision"] == 0.5  # 2 of 4 predictions matched
    assert everything["recall"] == round(2 / 3, 4)
    assert everything["f1"] == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 4)
    assert everything["exact_f1"] == round(2 * 0.25 * (1 / 3) / (0.25 + 1 / 3), 4)
    assert everything["speaker_accuracy"] == 0.5
    assert everything["cue_accuracy"] == 0.5
    assert (everything["n_gold"], everything["n_pred"]) == (3, 4)
    direct = metrics["direct"]
    assert (direct["precision"], direct["recall"], direct["speaker_accuracy"]) == (0.5, 1.0, 1.0)
    indirect = metrics["indirect"]
    assert (indirect["precision"], indirect["recall"], indirect["speaker_accuracy"]) == (0.5, 0.5, 0.0)


def test_one_prediction_matches_one_gold_at_most():
    gold = [
        Attribution((span_of("alpha beta gamma delta"),), (), (), False),
        Attribution((span_of("alpha beta gamma delta"),), (), (), False),
    ]
    predicted = [Attribution((span_of("alpha beta gamma delta"),), (), (), False)]
    metrics = score_predictions({"a": predicted}, {"a": gold}, {"a": TEXT})
    assert (metrics["all"]["precision"], metrics["all"]["recall"]) == (1.0, 0.5)


def test_a_split_quote_is_scored_on_both_parts():
    gold = [Attribution((span_of("alpha beta"), span_of("epsilon zeta")), (), (), True)]
    one_part = [Attribution((span_of("alpha beta"),), (), (), True)]
    both_parts = [Attribution((span_of("alpha beta"), span_of("epsilon zeta")), (), (), True)]
    assert score_predictions({"a": one_part}, {"a": gold}, {"a": TEXT})["all"]["recall"] == 1.0
    assert score_predictions({"a": both_parts}, {"a": gold}, {"a": TEXT})["all"]["exact_f1"] == 1.0
    half = [Attribution((span_of("alpha"),), (), (), True)]
    assert score_predictions({"a": half}, {"a": gold}, {"a": TEXT})["all"]["recall"] == 0.0


def test_the_registered_scorer_runs_the_real_pipeline_on_the_fixture():
    metrics = scorers()["quotes"].score(FIXTURE)
    for bucket in ("direct", "indirect", "all"):
        assert {"precision", "recall", "f1", "exact_f1", "speaker_accuracy", "cue_accuracy", "n_gold"} <= set(
            metrics[bucket]
        )
    assert metrics["direct"]["n_gold"] == 1 and metrics["indirect"]["n_gold"] == 1
    assert metrics["direct"]["recall"] == 1.0
    assert metrics["direct"]["speaker_accuracy"] == 1.0
    assert metrics["indirect"]["recall"] == 1.0


def test_strict_figures_pair_a_kind_only_with_gold_of_that_kind():
    gold = [
        Attribution((span_of("alpha beta gamma delta"),), (span_of("Ann"),), (span_of("said"),), False),
        Attribution((span_of("iota kappa lambda mu"),), (span_of("Ann"),), (span_of("said"),), True),
    ]
    # The indirect gold found by a direct prediction, the direct gold by an indirect one: lenient
    # scoring counts both, strict scoring neither.
    predicted = [
        Attribution((span_of("alpha beta gamma delta"),), (span_of("Ann"),), (span_of("said"),), True),
        Attribution((span_of("iota kappa lambda mu"),), (span_of("Ann"),), (span_of("said"),), False),
    ]
    metrics = score_predictions({"a": predicted}, {"a": gold}, {"a": TEXT})
    for bucket in ("direct", "indirect"):
        assert metrics[bucket]["precision"] == metrics[bucket]["recall"] == 1.0
        assert metrics[bucket]["strict_precision"] == metrics[bucket]["strict_recall"] == 0.0
        assert metrics[bucket]["strict_f1"] == 0.0
    assert metrics["all"]["strict_f1"] == metrics["all"]["f1"] == 1.0


def test_a_speaker_is_right_when_its_mention_or_resolved_name_overlaps_the_source():
    gold = [Attribution((span_of("alpha beta gamma delta"),), (span_of("Ann"),), (), True)]
    # The mention as written ("said" standing in for a pronoun) misses, the resolved name hits.
    resolved = [Attribution((span_of("alpha beta gamma delta"),), (span_of("said"), span_of("Ann")), (), True)]
    wrong = [Attribution((span_of("alpha beta gamma delta"),), (span_of("said"),), (), True)]
    assert score_predictions({"a": resolved}, {"a": gold}, {"a": TEXT})["direct"]["strict_speaker_accuracy"] == 1.0
    assert score_predictions({"a": wrong}, {"a": gold}, {"a": TEXT})["direct"]["strict_speaker_accuracy"] == 0.0


def test_a_folder_of_polnear_folders_is_read_whole_or_by_part(tmp_path: Path):
    for sub in ("train", "dev"):
        shutil.copytree(FIXTURE, tmp_path / sub)
    texts, _ = read_polnear(tmp_path)
    assert list(texts) == ["school"]
    part = part_of("polnear", "school")
    other = "tune" if part == "report" else "report"
    assert list(read_polnear(tmp_path, part)[0]) == ["school"]
    with pytest.raises(GoldDataError, match=f"no .ann files of the {other} part"):
        read_polnear(tmp_path, other)
