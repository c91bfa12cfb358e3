"""Quotes round-trip through the store: the migration's columns are exactly the record's flattened fields."""

from __future__ import annotations

from pathlib import Path

from dateline.model import Analysis, Article, Quote, Span
from dateline.store import Store, flat_columns


def test_quotes_table_has_the_flattened_fields_and_round_trips(tmp_path: Path):
    article = Article(id="a1", text="“We will win,” he said.")
    quote = Quote(
        article_id="a1",
        evidence=Span(0, 22),
        content=Span(1, 13),
        continuation=None,
        kind="direct",
        speaker=None,
        speaker_text=None,
        speaker_mention=Span(15, 17),
        speaker_actor_id=None,
        cue=Span(18, 22),
        cue_text="said",
        medium=None,
        medium_span=None,
        confidence=0.6,
    )
    with Store.open(tmp_path / "quotes.db") as store:
        store.add([Analysis(article, (quote,))])
        columns = [row[1] for row in store.query("PRAGMA table_info(quotes)")]
        assert columns == ["id", *flat_columns(Quote)]
        assert list(store.records(Quote, "a1")) == [quote]
