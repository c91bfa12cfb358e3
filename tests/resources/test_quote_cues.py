"""The quote-cue lexicon loads, and its loader names the line of any fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import ResourceError
from dateline.resources import load_resources
from dateline.resources.quote_cues import load_quote_cues


def test_the_shipped_lexicon_loads_with_speech_verbs_and_classifying_words():
    cues = load_resources().quote_cues
    assert cues.verbs["say"].role == "speech"
    assert cues.verbs["believe"].role == "thought"
    assert frozenset({"dobj", "of"}) in cues.verbs["accuse"].frames
    assert "chant" in cues.of_role("chant")
    assert "interview" in cues.of_role("medium")
    assert "according to" in cues.of_role("according")


@pytest.mark.parametrize(
    ("line", "fault"),
    [
        ("say\tshouting\n", "unknown role"),
        ("Say\tspeech\n", "lower-case"),
        ("say\tspeech\tccomp | dobj+whom\n", "unknown complement"),
        ("chant\tchant\tccomp\n", "only speech and thought"),
        ("say\tspeech\nsay\tthought\n", "already listed"),
        ("say speech\n", "expected"),
    ],
)
def test_a_bad_line_is_refused_with_its_file_and_line(tmp_path: Path, line: str, fault: str):
    path = tmp_path / "cues.tsv"
    path.write_text("# header\n" + line, encoding="utf-8")
    with pytest.raises(ResourceError, match=fault) as raised:
        load_quote_cues(path)
    assert f"{path}:" in str(raised.value)
