"""A one-process run with a spare core parses the next articles beside the stages: the same analyses, in the same
order, as parsing and analysing one article after the other."""

from __future__ import annotations

from pathlib import Path

from dateline.config import DEFAULT_SPACY_MODEL
from dateline.read import ReadIssue, read_inputs
from dateline.run import _analyze_in_process

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def analyses(parse_beside: bool) -> list:
    issues: list[ReadIssue] = []
    articles = [item for item in read_inputs([str(EXAMPLES)]) if not isinstance(item, ReadIssue)]
    found = list(_analyze_in_process(articles, DEFAULT_SPACY_MODEL, {}, issues.append, parse_beside=parse_beside))
    assert not issues
    return found


def test_parsing_beside_the_stages_gives_every_record_of_parsing_before_them():
    beside, in_turn = analyses(parse_beside=True), analyses(parse_beside=False)
    assert len(beside) >= 10
    assert [analysis.article.id for analysis in beside] == [analysis.article.id for analysis in in_turn]
    assert beside == in_turn
