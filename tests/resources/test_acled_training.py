"""The ACLED coder's training (``scripts/train_acled_model.py``): which NGEC story openings it learns from."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from dateline.extract.acled import CUE_CLASSES
from dateline.resources import load_resources

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_acled_model.py"


def _archive(path: Path, stories: list[tuple[str, str, str]]) -> Path:
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=["text", "label", "mode"])
    writer.writeheader()
    writer.writerows({"text": text, "label": label, "mode": mode} for text, label, mode in stories)
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("stories.csv", table.getvalue())
    return path


def test_a_story_whose_mode_names_a_sub_event_gives_its_opening_sentence(training, tmp_path):
    archive = _archive(
        tmp_path / "gpt_synthetic_events_test.csv.zip",
        [
            ("Warplanes struck a fuel depot outside the port on Sunday.\nResidents said the fire burned all night.",
             "ASSAULT", "AERIAL"),
            ("Gunmen opened fire on a minibus near the market.", "ASSAULT", "FIREARMS"),
            ("The ministers met in Geneva for a second day of talks.", "CONSULT", "VISIT"),
        ],
    )  # fmt: skip
    assert training.ngec_openings([archive]) == [
        ("Warplanes struck a fuel depot outside the port on Sunday.", "Air/drone strike", "air")
    ]


def test_an_opening_that_does_not_show_its_sub_event_is_dropped(training):
    rows = [
        training.TrainingText("Villagers blocked the highway over water cuts.", "Peaceful protest"),
        training.TrainingText("A drone hit a convoy near the border.", "Air/drone strike", cue="air"),
        training.TrainingText("Two people died when a ceasefire collapsed.", "Agreement", cue="agree"),
    ]
    features = [["w=villager", "cue=protest"], ["w=drone", "cue=air"], ["w=ceasefire", "cue=kill"]]
    assert training.showing_their_cue(rows, features) == [0, 1]


def test_every_mapped_mode_names_a_known_sub_event_and_word_class(training):
    sub_events = load_resources().events.acled_types
    for sub_event, cue in training.NGEC_SUB_EVENTS.values():
        assert sub_event in sub_events and cue in CUE_CLASSES


def test_a_lighter_setting_below_the_best_in_every_draw_is_not_chosen(training):
    # 0.005 below in each of four draws: within a fixed tolerance of 0.01, but no noise can explain it
    lighter, heavier = training.Setting(3.0, 0.03, 0.0), training.Setting(10.0, 0.03, 0.0)
    figures = {lighter: [0.700, 0.740, 0.720, 0.760], heavier: [0.705, 0.745, 0.725, 0.765]}
    assert training.chosen_setting(figures) == heavier


def test_a_lighter_setting_whose_shortfall_is_within_its_paired_noise_is_chosen(training):
    # 0.01 below on average, but above the heavier setting in one draw of four: the gap is within its noise
    lightest, lighter, heavier = (training.Setting(weight, 0.03, 0.0) for weight in (1.0, 3.0, 10.0))
    figures = {
        lightest: [0.60, 0.62, 0.61, 0.63],
        lighter: [0.72, 0.70, 0.75, 0.73],
        heavier: [0.74, 0.73, 0.72, 0.75],
    }
    assert training.chosen_setting(figures) == lighter


def test_settings_that_tie_in_every_draw_give_the_lightest(training):
    figures = {training.Setting(weight, 0.03, prior): [0.7, 0.8] for weight in (1.0, 3.0) for prior in (0.0, 0.25)}
    assert training.chosen_setting(figures) == training.Setting(1.0, 0.03, 0.0)


def test_a_types_news_snippets_carry_half_its_weight_and_its_total_is_kept(training):
    labels = ["Attack"] * 6 + ["Attack", "Arrests", "Arrests", "Grenade"]
    case = [6, 7, 8]  # one Attack snippet among six notes; two Arrests snippets; no Grenade snippet
    weights = training.sample_weights(labels, case, list(range(10)), case_weight=2.0)
    assert weights[6] == pytest.approx(4.0) and sum(weights[:7]) == pytest.approx(8.0)
    assert weights[7:] == [2.0, 2.0, 1.0]  # already more than half, or no snippet to weigh up


def test_a_held_out_snippet_does_not_count_toward_its_types_share(training):
    labels = ["Attack"] * 6 + ["Attack", "Attack"]
    weights = training.sample_weights(labels, [6, 7], list(range(7)), case_weight=2.0)  # snippet 7 held out
    assert weights[6] == pytest.approx(4.0)
