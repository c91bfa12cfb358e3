"""The Python API: one article in memory, and a store read back as dataclasses and DataFrames."""

from datetime import datetime

import dateline
from dateline.model import RECORD_TABLES
from dateline.store import Store

TEXT = "MOSUL (Wire) -- Governor Hamid al-Qureishi said on Monday that five people were killed in Mosul."


def test_analyze_returns_records_whose_evidence_points_into_the_text():
    analysis = dateline.analyze(TEXT, published="2021-06-30T22:23", source="Wire")
    assert analysis.article.text == TEXT
    assert analysis.article.published == datetime(2021, 6, 30, 22, 23)
    assert not analysis.article.published_has_zone
    assert analysis.sentences and analysis.entities
    for record in analysis.records:
        assert record.article_id == analysis.article.id
        assert 0 <= record.evidence.start < record.evidence.end <= len(TEXT)
        assert 0 <= record.confidence <= 1
    assert any(TEXT[e.evidence.start : e.evidence.end] == "Mosul" for e in analysis.entities)


def test_analyze_normalises_mojibake_once_and_ids_are_stable():
    first = dateline.analyze("The minister said â€œnoâ€\x9d.")
    assert first.article.text == "The minister said “no”."
    assert dateline.analyze("The minister said â€œnoâ€\x9d.").article.id == first.article.id


def test_open_gives_records_as_dataclasses_and_dataframes(tmp_path):
    db = tmp_path / "d.db"
    analysis = dateline.analyze(TEXT, source="Wire")
    with Store.open(db) as store:
        store.add([analysis])
    with dateline.open(db) as corpus:
        assert len(corpus) == 1
        assert list(corpus.records("entities")) == analysis.entities
        frame = corpus.dataframe("entities")
        assert list(frame["text"]) == [e.text for e in analysis.entities]
        assert {"evidence_start", "evidence_end", "confidence", "article_id"} <= set(frame.columns)
        # Stored per table, so records come back table by table, not interleaved in stage order.
        stored = corpus.analysis(analysis.article.id)
        assert stored.article == analysis.article
        assert all(stored.of(kind) == analysis.of(kind) for kind in RECORD_TABLES)
