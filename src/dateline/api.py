"""The Python API: analyse one text in memory, or open a store and read its records.

The CLI is a thin layer over these functions, so everything it does is scriptable.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.config import settings_from_env
from dateline.errors import InputError
from dateline.model import RECORD_TABLES, Analysis, Article, Frame, WordCount
from dateline.store import Store

if TYPE_CHECKING:
    import pandas as pd

FRAMING_GROUPS = ("outlet", "article")


def analyze(
    text: str,
    published: datetime | str | None = None,
    source: str | None = None,
    *,
    title: str | None = None,
    id: str | None = None,
    model: str | None = None,
) -> Analysis:
    """Analyse one article held in memory; nothing is written anywhere.

    ``published`` anchors relative dates ("on Monday"); a string is read as ISO 8601, and a
    value without a zone stays naive (local time at the outlet).
    """
    # Imported here: opening a store (the CLI's read commands, the web view) needs neither spaCy nor the stages.
    from dateline.extract import run_stages
    from dateline.nlp import load_pipeline, parse
    from dateline.read import ReadIssue
    from dateline.read.article import build_article
    from dateline.resources import load_resources

    if isinstance(published, str):
        published = datetime.fromisoformat(published)
    article = build_article(
        text,
        origin="<memory>",
        format="api",
        empty="the text is empty",
        id=id,
        title=title,
        source=source,
        published=published,
    )
    if isinstance(article, ReadIssue):
        raise InputError(article.path, article.reason)
    nlp = load_pipeline(model or settings_from_env().spacy_model)
    (parsed,) = parse([article], nlp)
    return run_stages(parsed, load_resources())


def open(db: str | Path | None = None) -> Corpus:
    """Open a store read-only (default: ``$DATELINE_DB`` or ``./dateline.db``)."""
    return Corpus(Store.read(db or settings_from_env().db))


class Corpus:
    """A read-only view of a store: records as dataclasses or as pandas DataFrames."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __len__(self) -> int:
        return self.store.count("articles")

    def articles(self) -> Iterator[Article]:
        return self.store.articles()

    def article(self, article_id: str) -> Article | None:
        return self.store.article(article_id)

    def analysis(self, article_id: str) -> Analysis | None:
        """One article with every record stored for it."""
        return self.store.analysis(article_id)

    def records(self, table: str, article_id: str | None = None) -> Iterator[Any]:
        """Records of one table (``"entities"``, ``"sentences"``, ...) as dataclasses."""
        kinds = {name: kind for kind, name in RECORD_TABLES.items()}
        if table not in kinds:
            raise KeyError(f"no record table {table!r}; choose from {', '.join(sorted(kinds))}")
        return self.store.records(kinds[table], article_id)

    def dataframe(self, table: str) -> pd.DataFrame:
        """A whole table (records, ``articles`` or ``runs``) as a DataFrame, columns as stored."""
        import pandas as pd

        if table not in self.tables():
            raise KeyError(f"no table {table!r}; choose from {', '.join(self.tables())}")
        frames = [pd.DataFrame(rows, columns=columns) for columns, rows in self.store.iter_rows(table)]
        if not frames:
            columns = [row[1] for row in self.store.query(f"PRAGMA table_info({table})")]
            return pd.DataFrame(columns=columns)
        return pd.concat(frames, ignore_index=True)

    def tables(self) -> builtins.list[str]:
        return [table for table in self.store.tables() if table != "schema_version"]

    def stats(self) -> dict[str, Any]:
        return self.store.stats()

    def framing(self, by: str = "outlet", top: int = 5) -> builtins.list[dict[str, Any]]:
        """Loaded language per outlet or per article: per 1,000 words in the outlet's own voice and in
        quotes, the most frequent categories and the outlet's most frequent loaded terms. Read from the
        stored frames and word counts; most loaded in the outlet's own voice first."""
        from dateline.extract.framing import summarise

        if by not in FRAMING_GROUPS:
            raise ValueError(f"by must be one of {', '.join(FRAMING_GROUPS)}, not {by!r}")
        outlets = self.store.article_outlets()
        frames: dict[str, builtins.list[Frame]] = {}
        counts: dict[str, builtins.list[WordCount]] = {}
        for frame in self.store.records(Frame):
            frames.setdefault(frame.article_id, []).append(frame)
        for count in self.store.records(WordCount):
            counts.setdefault(count.article_id, []).append(count)

        def group_of(article_id: str) -> str:
            return article_id if by == "article" else outlets[article_id][0] or "(unknown)"

        groups: dict[str, builtins.list[str]] = {}
        for article_id in outlets:
            groups.setdefault(group_of(article_id), []).append(article_id)
        rows = []
        for key, article_ids in groups.items():
            head = {"article_id": key, "outlet": outlets[key][0], "title": outlets[key][1]} if by == "article" else {}
            summary = summarise(
                (frame for article_id in article_ids for frame in frames.get(article_id, ())),
                (count for article_id in article_ids for count in counts.get(article_id, ())),
                top,
            )
            rows.append((head or {"outlet": key}) | summary)
        return sorted(rows, key=lambda row: (-(row["outlet_per_1000"] or 0.0), str(row.get("outlet"))))
