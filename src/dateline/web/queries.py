"""What each page of the web view shows, read from the store: one function per page, returning plain JSON values.

The pages and the JSON API under ``/api/`` call the same functions, so every page's data is also an API answer.
Reads only (the connection is opened ``mode=ro``), never parses text; a table that does not exist (an older or
partial store) reads as empty. Every value a user sends reaches SQL as a bound parameter; sort columns and table
names come from fixed lists.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

# Dates look like "2021-07-12", "2021-07-12T09:00", "2021-W28" or "2021-07"; a day-precise event date is used
# as it is, any other event falls on its article's publish day.
EVENT_DAY = (
    "CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr(e.date, 1, 10)"
    " ELSE substr(a.published, 1, 10) END"
)
# An event date that is no calendar value ("PRESENT_REF", "PAST_REF", empty, none) is undated. Sorting on UNDATED
# ascending before an ascending date, or on DATED descending before a descending date, keeps undated events after
# the dated ones in both directions; one index for each (events_undated_date, events_dated_date) serves the sort.
UNDATED = "coalesce(e.date NOT GLOB '[0-9][0-9][0-9][0-9]*', 1)"
DATED = "coalesce(e.date GLOB '[0-9][0-9][0-9][0-9]*', 0)"
EVENT_COLUMNS = (
    "id",
    "article_id",
    "event_id",
    "date",
    "time_precision",
    "date_basis",
    "type",
    "mode",
    "quad_class",
    "source_actor_id",
    "source_text",
    "source_country",
    "target_actor_id",
    "target_text",
    "target_country",
    "place_text",
    "geonames_id",
    "country",
    "admin1",
    "latitude",
    "longitude",
    "place_basis",
    "killed",
    "injured",
    "arrested",
    "participants",
    "modality",
    "attribution",
    "acled_event_type",
    "acled_sub_event",
    "confidence",
    "evidence_start",
    "evidence_end",
)
# Columns the events table can be sorted by, and the columns each sorts on before the row id. Each list matches an
# index (a one-column index ends in the row id; events_type_date holds type then date), so a page of a large table
# is read in index order instead of sorting the table. An event with no value sorts last when largest come first.
EVENT_SORTS = {
    "date": ("e.date",),
    "type": ("e.type", "e.date"),
    "country": ("e.country",),
    "place": ("e.place_text",),
    "killed": ("e.killed",),
    "injured": ("e.injured",),
    "arrested": ("e.arrested",),
    "participants": ("e.participants",),
    "modality": ("e.modality",),
}
MAX_PAGE_SIZE = 500


@dataclass(frozen=True, slots=True)
class Filters:
    """The corpus filters every page shares; None means no filter."""

    date_from: str | None = None
    date_to: str | None = None
    type: str | None = None
    country: str | None = None
    outlet: str | None = None
    q: str | None = None
    modality: str | None = None
    geonames_id: int | None = None

    def as_params(self) -> dict[str, Any]:
        """The filters set, as query-string parameters (for links that keep the current filter)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, "")}


def existing_tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    return {row[0] for row in rows}


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query: each word a quoted string, all required, so no input is a syntax error."""
    words = [word.replace('"', '""') for word in text.split()]
    return " ".join(f'"{word}"' for word in words if word)


def _article_where(filters: Filters, tables: set[str], alias: str = "a") -> tuple[list[str], list[Any]]:
    where: list[str] = []
    parameters: list[Any] = []
    if filters.outlet:
        where.append(f"{alias}.source = ?")
        parameters.append(filters.outlet)
    if filters.q and fts_query(filters.q) and "articles_fts" in tables:
        where.append(f"{alias}.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        parameters.append(fts_query(filters.q))
    return where, parameters


def _event_where(filters: Filters, tables: set[str]) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events e JOIN articles a`` for the filters."""
    where, parameters = _article_where(filters, tables)
    for column, value in (("e.type", filters.type), ("e.country", filters.country), ("e.modality", filters.modality)):
        if value:
            where.append(f"{column} = ?")
            parameters.append(value)
    if filters.geonames_id is not None:
        where.append("e.geonames_id = ?")
        parameters.append(filters.geonames_id)
    if filters.date_from:
        where.append(f"{EVENT_DAY} >= ?")
        parameters.append(filters.date_from)
    if filters.date_to:
        where.append(f"{EVENT_DAY} <= ?")
        parameters.append(filters.date_to)
    return (" WHERE " + " AND ".join(where)) if where else "", parameters


def _articles_join(where: str) -> str:
    """The join to articles, when a filter reads them: without it, events alone are read from their indexes."""
    return " JOIN articles a ON a.id = e.article_id" if "a." in where else ""


def _articles_filtered(filters: Filters, tables: set[str]) -> tuple[str, list[Any]]:
    where, parameters = _article_where(filters, tables)
    if filters.date_from:
        where.append("substr(a.published, 1, 10) >= ?")
        parameters.append(filters.date_from)
    if filters.date_to:
        where.append("substr(a.published, 1, 10) <= ?")
        parameters.append(filters.date_to)
    # Event filters narrow the articles to those reporting such an event.
    if (filters.type or filters.country) and "events" in tables:
        event_where, event_parameters = _event_where(Filters(type=filters.type, country=filters.country), tables)
        where.append(f"a.id IN (SELECT e.article_id FROM events e JOIN articles a ON a.id = e.article_id{event_where})")
        parameters.extend(event_parameters)
    return (" WHERE " + " AND ".join(where)) if where else "", parameters


def _rows(connection: sqlite3.Connection, sql: str, parameters: list[Any] | tuple[Any, ...] = ()) -> list[dict]:
    cursor = connection.execute(sql, parameters)
    names = [description[0] for description in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# -- corpus --------------------------------------------------------------------------------------------------------


def corpus(
    connection: sqlite3.Connection, filters: Filters, limit: int = 50, menus: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Counts, top actors, outlets, the filter choices and the articles matching the filters (search hits first)."""
    tables = existing_tables(connection)
    counts = {
        table: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("articles", "events", "quotes", "actors", "places", "frames", "stories")
        if table in tables
    }
    where, parameters = _articles_filtered(filters, tables)
    matching = int(connection.execute(f"SELECT count(*) FROM articles a{where}", parameters).fetchone()[0])
    articles = _rows(
        connection,
        f"""SELECT a.id, a.title, a.source, a.published, a.dateline_place FROM articles a{where}
            ORDER BY a.published DESC, a.rowid DESC LIMIT ?""",
        [*parameters, limit],
    )
    if filters.q and fts_query(filters.q) and "articles_fts" in tables:
        # FTS5 marks the hits with control characters, which never occur in stored text; the page escapes the
        # text and shows the marked parts as <mark>.
        snippets = {
            row[0]: row[1]
            for row in connection.execute(
                """SELECT a.id, snippet(articles_fts, 1, char(2), char(3), '…', 24) FROM articles_fts
                   JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? LIMIT 500""",
                (fts_query(filters.q),),
            )
        }
        for article in articles:
            article["snippet"] = snippet_parts(snippets.get(article["id"], ""))
    top_actors: list[dict] = []
    if "actors" in tables:
        top_actors = _rows(
            connection,
            f"""SELECT x.actor_id, max(x.name) AS name, max(x.kind) AS kind, max(x.country) AS country,
                       count(*) AS articles
                FROM actors x {f"WHERE x.article_id IN (SELECT a.id FROM articles a{where})" if where else ""}
                GROUP BY x.actor_id ORDER BY articles DESC, x.actor_id LIMIT 15""",
            parameters,
        )
    outlets = _rows(
        connection,
        f"""SELECT coalesce(a.source, '(unknown)') AS outlet, count(*) AS articles, min(a.published) AS first,
                   max(a.published) AS last FROM articles a{where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50""",
        parameters,
    )
    return {
        "counts": counts,
        "matching_articles": matching,
        "articles": articles,
        "top_actors": top_actors,
        "outlets": outlets,
        "choices": menus if menus is not None else choices(connection),
        "filters": filters.as_params(),
    }


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """FTS5's snippet split into plain and matched parts: [{"text", "hit"}]."""
    parts = []
    for index, chunk in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
        if chunk:
            parts.append({"text": chunk, "hit": index % 2 == 1})
    return parts


def choices(connection: sqlite3.Connection) -> dict[str, list[str]]:
    """The values the filter menus offer: event types, event countries, outlets."""
    tables = existing_tables(connection)
    out: dict[str, list[str]] = {"types": [], "countries": [], "outlets": [], "modalities": []}
    if "events" in tables:
        out["types"] = [r[0] for r in connection.execute("SELECT DISTINCT type FROM events ORDER BY 1")]
        out["countries"] = [
            r[0] for r in connection.execute("SELECT DISTINCT country FROM events WHERE country IS NOT NULL ORDER BY 1")
        ]
        out["modalities"] = [r[0] for r in connection.execute("SELECT DISTINCT modality FROM events ORDER BY 1")]
    out["outlets"] = [
        r[0] for r in connection.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1")
    ]
    return out


def timeline(connection: sqlite3.Connection, filters: Filters) -> dict[str, Any]:
    """Events per day (or per month over long ranges) and type: the corpus chart's data."""
    tables = existing_tables(connection)
    if "events" not in tables:
        return {"bucket": "day", "buckets": [], "series": []}
    where, parameters = _event_where(filters, tables)
    rows = connection.execute(
        f"""SELECT {EVENT_DAY} AS day, e.type, count(*) FROM events e JOIN articles a ON a.id = e.article_id
            {where} GROUP BY 1, 2 HAVING day IS NOT NULL ORDER BY 1""",
        parameters,
    ).fetchall()
    days = sorted({row[0] for row in rows})
    bucket = "day"
    if days and _span_days(days[0], days[-1]) > 120:
        bucket = "month"
    key = (lambda day: day[:7]) if bucket == "month" else (lambda day: day)
    buckets = sorted({key(day) for day in days})
    index = {name: position for position, name in enumerate(buckets)}
    series: dict[str, list[int]] = {}
    for day, kind, count in rows:
        series.setdefault(kind, [0] * len(buckets))[index[key(day)]] += count
    ordered = sorted(series.items(), key=lambda item: (-sum(item[1]), item[0]))
    return {"bucket": bucket, "buckets": buckets, "series": [{"type": t, "counts": c} for t, c in ordered]}


def _span_days(first: str, last: str) -> int:
    from datetime import date

    try:
        return (date.fromisoformat(last) - date.fromisoformat(first)).days
    except ValueError:
        return 0


# -- events --------------------------------------------------------------------------------------------------------


def events(
    connection: sqlite3.Connection,
    filters: Filters,
    sort: str = "date",
    descending: bool = True,
    page: int = 1,
    per_page: int = 50,
    total: int | None = None,
) -> dict[str, Any]:
    """One page of the events table under the filters, with the total the filters match (counted unless given)."""
    tables = existing_tables(connection)
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    page = max(1, page)
    empty = {"total": 0, "page": page, "per_page": per_page, "sort": sort, "descending": descending, "rows": []}
    if "events" not in tables:
        return empty
    where, parameters = _event_where(filters, tables)
    joined = _articles_join(where)
    if total is None:
        total = event_count(connection, filters)
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{column} {direction}" for column in (*EVENT_SORTS.get(sort, EVENT_SORTS["date"]), "e.id"))
    if sort not in EVENT_SORTS or sort == "date":
        order = f"{DATED} DESC, {order}" if descending else f"{UNDATED} ASC, {order}"
    # The page's row ids first, from indexes alone where they can serve; then only those rows in full.
    ids = [
        row[0]
        for row in connection.execute(
            f"SELECT e.id FROM events e{joined}{where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*parameters, per_page, (page - 1) * per_page],
        )
    ]
    rows = _rows(
        connection,
        f"""SELECT {", ".join("e." + c for c in EVENT_COLUMNS)}, a.source AS outlet, a.title AS article_title,
                   {EVENT_DAY} AS day
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE e.id IN ({", ".join("?" * len(ids))}) ORDER BY {order}""",
        ids,
    )
    return empty | {"total": total, "sort": sort if sort in EVENT_SORTS else "date", "rows": rows}


def event_count(connection: sqlite3.Connection, filters: Filters) -> int:
    """How many events the filters match."""
    tables = existing_tables(connection)
    if "events" not in tables:
        return 0
    where, parameters = _event_where(filters, tables)
    return int(
        connection.execute(f"SELECT count(*) FROM events e{_articles_join(where)}{where}", parameters).fetchone()[0]
    )


def events_for_export(connection: sqlite3.Connection, filters: Filters) -> Iterator[tuple[list[str], list[tuple]]]:
    """Every event the filters match, with its evidence sentence, in chunks: the download of the events table."""
    tables = existing_tables(connection)
    columns = [*EVENT_COLUMNS, "outlet", "published", "evidence_text"]
    if "events" not in tables:
        yield columns, []
        return
    where, parameters = _event_where(filters, tables)
    cursor = connection.execute(
        f"""SELECT {", ".join("e." + c for c in EVENT_COLUMNS)}, a.source, a.published,
                   trim(substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), char(10, 32))
            FROM events e JOIN articles a ON a.id = e.article_id{where} ORDER BY {EVENT_DAY}, e.id""",
        parameters,
    )
    yielded = False
    while rows := cursor.fetchmany(5000):
        yielded = True
        yield columns, [tuple(row) for row in rows]
    if not yielded:
        yield columns, []


def map_points(connection: sqlite3.Connection, filters: Filters) -> dict[str, Any]:
    """Event places with coordinates, one point per place, with how many events of each type happened there."""
    tables = existing_tables(connection)
    if "events" not in tables:
        return {"points": [], "unplaced": 0}
    where, parameters = _event_where(filters, tables)
    joined = _articles_join(where)
    located = (" AND " if where else " WHERE ") + "e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
    points: dict[tuple, dict[str, Any]] = {}
    for geonames_id, place, country, latitude, longitude, kind, count in connection.execute(
        f"""SELECT e.geonames_id, max(e.place_text), e.country, e.latitude, e.longitude, e.type, count(*)
            FROM events e{joined}{where}{located}
            GROUP BY e.geonames_id, e.latitude, e.longitude, e.type""",
        parameters,
    ):
        point = points.setdefault(
            (geonames_id, latitude, longitude),
            {
                "geonames_id": geonames_id,
                "place": place,
                "country": country,
                "latitude": latitude,
                "longitude": longitude,
                "events": 0,
                "types": {},
            },
        )
        point["events"] += count
        point["types"][kind] = count
    unplaced_where = (" AND " if where else " WHERE ") + "(e.latitude IS NULL OR e.longitude IS NULL)"
    unplaced = connection.execute(
        f"SELECT count(*) FROM events e{joined}{where}{unplaced_where}", parameters
    ).fetchone()[0]
    ordered = sorted(points.values(), key=lambda point: -point["events"])
    return {"points": ordered, "unplaced": int(unplaced)}


# -- quotes --------------------------------------------------------------------------------------------------------


def quotes(
    connection: sqlite3.Connection, speaker: str | None = None, page: int = 1, per_page: int = 50
) -> dict[str, Any]:
    """Speakers by how often they are quoted; with ``speaker``, that speaker's quotes with their words."""
    tables = existing_tables(connection)
    page = max(1, page)
    per_page = max(1, min(per_page, MAX_PAGE_SIZE))
    out: dict[str, Any] = {"speakers": [], "unattributed": 0, "speaker": speaker, "quotes": [], "total": 0}
    out["page"] = page
    if "quotes" not in tables:
        return out
    # A speaker is its actor when the actors stage linked one, else the speaker's words as written. A quote with
    # neither names no speaker: it is counted apart, never listed as if "(unknown)" were someone.
    who = "coalesce(q.speaker_actor_id, nullif(trim(q.speaker_text), ''))"
    quoted = "q.kind NOT IN ('scare', 'title')"
    out["speakers"] = _rows(
        connection,
        f"""SELECT {who} AS speaker, max(q.speaker_text) AS name, count(*) AS quotes,
                   count(DISTINCT q.article_id) AS articles
            FROM quotes q WHERE {quoted} AND {who} IS NOT NULL GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT 200""",
    )
    out["unattributed"] = int(
        connection.execute(f"SELECT count(*) FROM quotes q WHERE {quoted} AND {who} IS NULL").fetchone()[0]
    )
    if speaker:
        out["total"] = int(
            connection.execute(f"SELECT count(*) FROM quotes q WHERE {who} = ?", (speaker,)).fetchone()[0]
        )
        out["quotes"] = _rows(
            connection,
            f"""SELECT q.id, q.article_id, q.kind, q.speaker_text, q.cue_text, q.medium, q.confidence,
                       substr(a.text, q.content_start + 1, q.content_end - q.content_start) AS content,
                       a.title AS article_title, a.source AS outlet, a.published
                FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {who} = ?
                ORDER BY a.published DESC, q.id LIMIT ? OFFSET ?""",
            (speaker, per_page, (page - 1) * per_page),
        )
    return out


# -- stories -------------------------------------------------------------------------------------------------------


def stories(connection: sqlite3.Connection, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Stories told by more than one article, the most recent first."""
    tables = existing_tables(connection)
    page = max(1, page)
    if "stories" not in tables:
        return {"stories": [], "total": 0, "page": page}
    total = connection.execute("SELECT count(*) FROM stories WHERE n_articles > 1").fetchone()[0]
    rows = _rows(
        connection,
        """SELECT s.id, s.title, s.first_published, s.last_published, s.n_articles, s.n_sources,
                  (SELECT count(DISTINCT field) FROM story_differences d WHERE d.story_id = s.id) AS differences
           FROM stories s WHERE s.n_articles > 1 ORDER BY s.last_published DESC, s.id LIMIT ? OFFSET ?""",
        (per_page, (page - 1) * per_page),
    )
    return {"stories": rows, "total": int(total), "page": page}


def story(connection: sqlite3.Connection, story_id: str) -> dict[str, Any] | None:
    """One story: its articles (with their texts) side by side and what the sources disagree on."""
    tables = existing_tables(connection)
    if "stories" not in tables:
        return None
    found = _rows(
        connection,
        "SELECT id, title, first_published, last_published, n_articles, n_sources FROM stories WHERE id = ?",
        (story_id,),
    )
    if not found:
        return None
    articles = _rows(
        connection,
        """SELECT a.id, a.source, a.title, a.published, a.text, s.role, s.duplicate_of, s.similarity
           FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?
           ORDER BY a.published, s.rowid""",
        (story_id,),
    )
    differences = _rows(
        connection,
        """SELECT d.id, d.story_event_id, d.field, d.article_id, d.source, d.value, d.evidence_start, d.evidence_end,
                  d.subject, d.kind, se.type AS event_type
           FROM story_differences d LEFT JOIN story_events se ON se.id = d.story_event_id
           WHERE d.story_id = ? ORDER BY d.id""",
        (story_id,),
    )
    grouped: dict[tuple, dict[str, Any]] = {}
    for row in differences:
        entry = grouped.setdefault(
            (row["story_event_id"], row["field"], row["subject"]),
            {
                "field": row["field"],
                "kind": row["kind"],
                "event_type": row["event_type"],
                "subject": row["subject"],
                "values": {},
            },
        )
        entry["values"].setdefault(row["article_id"], []).append(
            {"value": row["value"], "id": row["id"], "start": row["evidence_start"], "end": row["evidence_end"]}
        )
    return found[0] | {"articles": articles, "differences": list(grouped.values()), "difference_rows": differences}


# -- one article ---------------------------------------------------------------------------------------------------

ARTICLE_RECORDS = {
    "actors": "SELECT * FROM actors WHERE article_id = ? ORDER BY evidence_start, id",
    "mentions": "SELECT * FROM mentions WHERE article_id = ? ORDER BY evidence_start, id",
    "quotes": "SELECT * FROM quotes WHERE article_id = ? ORDER BY evidence_start, id",
    "times": "SELECT * FROM times WHERE article_id = ? ORDER BY evidence_start, id",
    "places": "SELECT * FROM places WHERE article_id = ? ORDER BY evidence_start, id",
    "frames": "SELECT * FROM frames WHERE article_id = ? ORDER BY evidence_start, id",
    "events": "SELECT * FROM events WHERE article_id = ? ORDER BY evidence_start, id",
    "event_mentions": "SELECT * FROM event_mentions WHERE article_id = ? ORDER BY evidence_start, id",
}


def article(connection: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One article with every record stored for it, and its story when it belongs to one."""
    found = _rows(connection, "SELECT * FROM articles WHERE id = ?", (article_id,))
    if not found:
        return None
    tables = existing_tables(connection)
    records = {
        table: _rows(connection, sql, (article_id,)) if table in tables else []
        for table, sql in ARTICLE_RECORDS.items()
    }
    story_row = None
    if "story_articles" in tables:
        rows = _rows(
            connection,
            """SELECT s.story_id, s.role, s.duplicate_of, t.title, t.n_articles FROM story_articles s
               JOIN stories t ON t.id = s.story_id WHERE s.article_id = ?""",
            (article_id,),
        )
        story_row = rows[0] if rows else None
    found[0].pop("run_id", None)
    return {"article": found[0], "story": story_row, **records}
