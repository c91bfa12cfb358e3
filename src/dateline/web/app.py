"""The web view: FastAPI routes over ``queries``, server-rendered Jinja2 pages, and the same data as JSON under /api/.

Article texts and titles are hostile input. Templates autoescape everything; no page carries inline script or
style, and a strict Content-Security-Policy forbids them, so even a missed escape cannot run. Data reaches the
page's JavaScript only through the JSON endpoints and ``data-`` attributes. The store is opened read-only, one
connection per server thread, so the view serves while ``dateline analyze`` writes (WAL).
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline import __version__
from dateline.store import Store
from dateline.web import queries
from dateline.web.highlight import article_annotations, difference_annotations, segments
from dateline.web.queries import Filters

HERE = Path(__file__).parent
# Overviews (corpus counts, timeline, map, speakers, filter menus, the events table's total) aggregate whole
# tables: on a large store each costs up to seconds, so an answer is reused for this long. A running analyze shows
# up in them at most this late; the rows of the events table and of an article are always read afresh.
OVERVIEW_TTL_SECONDS = 30.0
OVERVIEW_CACHE_SIZE = 256


def content_security_policy(tile_url: str | None) -> str:
    """Scripts, styles and data from this server only; a configured tile server may serve images, nothing else."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{", "").replace("}", ""))
        images += f" {parts.scheme}://{parts.netloc}"
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds the security headers to every response; plain ASGI, as it sits on the path of every request."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", policy.encode("ascii")),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ReadOnlyStore:
    """One read-only connection per thread: SQLite connections are not shared across threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.local = threading.local()
        self.overviews: dict[tuple, tuple[float, Any]] = {}
        self.overviews_lock = threading.Lock()
        Store.read(path).close()  # fail at start-up, with the store's own message, rather than on the first page

    def overview(self, key: tuple, compute: Callable[[sqlite3.Connection], Any]) -> Any:
        """``compute(connection)``, or its answer for the same ``key`` from the last ``OVERVIEW_TTL_SECONDS``."""
        now = time.monotonic()
        found = self.overviews.get(key)
        if found is not None and now - found[0] <= OVERVIEW_TTL_SECONDS:
            return found[1]
        value = compute(self.connection())  # outside the lock: two threads may both compute, neither waits
        with self.overviews_lock:
            if len(self.overviews) >= OVERVIEW_CACHE_SIZE:
                del self.overviews[min(self.overviews, key=lambda k: self.overviews[k][0])]
            self.overviews[key] = (now, value)
        return value

    def choices(self) -> dict[str, list[str]]:
        return self.overview(("choices",), queries.choices)

    def event_count(self, filters: Filters) -> int:
        # The total above the events table: the same while one pages through a filter, so counted once.
        return self.overview(("event_count", filters), lambda connection: queries.event_count(connection, filters))

    def connection(self) -> sqlite3.Connection:
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = Store.read(self.path).connection
            connection.row_factory = None
            self.local.connection = connection
        return connection


def safe_link(url: str | None) -> str | None:
    """Only http(s) addresses become links: a stored ``javascript:`` or ``data:`` URL is shown as text."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def _templates() -> Jinja2Templates:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["safe_link"] = safe_link
    environment.globals["version"] = __version__
    environment.filters["query"] = lambda params, **changes: urlencode(
        {k: v for k, v in (params | changes).items() if v not in (None, "")}
    )
    return Jinja2Templates(env=environment)


def filters_dependency(
    date_from: Annotated[str | None, Query(description="first day, YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="last day, YYYY-MM-DD")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    country: Annotated[str | None, Query(description="ISO-3 country of the event's place")] = None,
    outlet: Annotated[str | None, Query(description="the article's source")] = None,
    q: Annotated[str | None, Query(description="words that must all occur in the title or text")] = None,
    modality: Annotated[str | None, Query(description="asserted, negated, threatened, ...")] = None,
    geonames_id: Annotated[int | None, Query(description="GeoNames id of the event's place")] = None,
) -> Filters:
    return Filters(date_from, date_to, type, country, outlet, q, modality, geonames_id)


FilterParams = Annotated[Filters, Depends(filters_dependency)]


def create_app(db: str | Path, tile_url: str | None = None) -> FastAPI:
    """The web application over one store file; ``tile_url`` ("https://host/{z}/{x}/{y}.png") adds map tiles."""
    store = ReadOnlyStore(Path(db))
    templates = _templates()
    policy = content_security_policy(tile_url)
    app = FastAPI(
        title="dateline",
        version=__version__,
        description="The records of a dateline store, read-only. Every page of the web view has its data here.",
        # FastAPI's interactive docs load scripts from a CDN; the schema itself is served, and /api lists it.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.add_middleware(SecurityHeaders, policy=policy)

    def page(request: Request, name: str, title: str, **context: Any) -> HTMLResponse:
        context |= {"title": title, "tile_url": tile_url or "", "path": request.url.path}
        return templates.TemplateResponse(request, name, context)

    def required(found: dict[str, Any] | None, what: str) -> dict[str, Any]:
        if found is None:
            raise HTTPException(status_code=404, detail=f"no {what} in {store.path}")
        return found

    # -- JSON API ------------------------------------------------------------------------------------------------

    @app.get("/api/corpus", tags=["corpus"])
    def api_corpus(filters: FilterParams) -> dict[str, Any]:
        """Counts, top actors, outlets, filter choices, and the articles matching the filters (FTS5 search)."""
        return store.overview(("corpus", filters), lambda c: queries.corpus(c, filters, menus=store.choices()))

    @app.get("/api/timeline", tags=["corpus"])
    def api_timeline(filters: FilterParams) -> dict[str, Any]:
        """Events per day (per month over long ranges) and PLOVER type: the corpus page's chart."""
        return store.overview(("timeline", filters), lambda c: queries.timeline(c, filters))

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One article with every record stored for it (offsets index the text), and its story."""
        return required(queries.article(store.connection(), article_id), f"article {article_id!r}")

    @app.get("/api/events", tags=["events"])
    def api_events(
        filters: FilterParams,
        sort: Annotated[str, Query(description="one of " + ", ".join(queries.EVENT_SORTS))] = "date",
        order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
    ) -> dict[str, Any]:
        """One page of events under the filters, sorted, with the total they match."""
        return queries.events(
            store.connection(), filters, sort, order == "desc", page, per_page, total=store.event_count(filters)
        )

    @app.get("/api/events.csv", tags=["events"], response_class=StreamingResponse)
    def api_events_csv(filters: FilterParams) -> StreamingResponse:
        """Every event the filters match, as CSV, with its evidence sentence."""
        return StreamingResponse(
            _csv_chunks(queries.events_for_export(store.connection(), filters)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="events.csv"'},
        )

    @app.get("/api/events.parquet", tags=["events"], response_class=Response)
    def api_events_parquet(filters: FilterParams) -> Response:
        """Every event the filters match, as Parquet, with its evidence sentence."""
        return Response(
            _parquet_bytes(queries.events_for_export(store.connection(), filters)),
            media_type="application/vnd.apache.parquet",
            headers={"Content-Disposition": 'attachment; filename="events.parquet"'},
        )

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(
        speaker: Annotated[str | None, Query(description="actor id, or the speaker as written")] = None,
        page: Annotated[int, Query(ge=1)] = 1,
    ) -> dict[str, Any]:
        """Speakers by how often they are quoted; with ``speaker``, that speaker's quotes."""
        return store.overview(("quotes", speaker, page), lambda c: queries.quotes(c, speaker, page))

    @app.get("/api/stories", tags=["stories"])
    def api_stories(page: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
        """Stories told by more than one article."""
        return queries.stories(store.connection(), page)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """One story: its articles side by side and, per field, the value each source gives."""
        return required(queries.story(store.connection(), story_id), f"story {story_id!r}")

    @app.get("/api/map", tags=["map"])
    def api_map(filters: FilterParams) -> dict[str, Any]:
        """Event places with coordinates, with the events of each type there, and how many events have no place."""
        return store.overview(("map", filters), lambda c: queries.map_points(c, filters))

    # -- pages ---------------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def corpus_page(request: Request, filters: FilterParams) -> HTMLResponse:
        data = store.overview(("corpus", filters), lambda c: queries.corpus(c, filters, menus=store.choices()))
        return page(request, "corpus.html", "Corpus", data=data, params=filters.as_params())

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        view = required(queries.article(store.connection(), article_id), f"article {article_id!r}")
        text = view["article"]["text"]
        pieces = segments(text, article_annotations(view))
        return page(
            request,
            "article.html",
            view["article"]["title"] or article_id,
            view=view,
            segments=pieces,
            text=text,
            mentions_per_event=Counter(row["event_id"] for row in view["event_mentions"]),
        )

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        request: Request,
        filters: FilterParams,
        sort: str = "date",
        order: str = "desc",
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = 50,
    ) -> HTMLResponse:
        data = queries.events(
            store.connection(), filters, sort, order != "asc", page_number, per_page, total=store.event_count(filters)
        )
        return page(
            request,
            "events.html",
            "Events",
            data=data,
            params=filters.as_params(),
            order="asc" if order == "asc" else "desc",
            choices=store.choices(),
            sorts=queries.EVENT_SORTS,
        )

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        request: Request, speaker: str | None = None, page_number: int = Query(1, alias="page")
    ) -> HTMLResponse:
        data = store.overview(
            ("quotes", speaker, max(1, page_number)), lambda c: queries.quotes(c, speaker, max(1, page_number))
        )
        return page(request, "quotes.html", "Quotes by speaker", data=data)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, page_number: int = Query(1, alias="page")) -> HTMLResponse:
        data = queries.stories(store.connection(), max(1, page_number))
        return page(request, "stories.html", "Stories", data=data)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        found = required(queries.story(store.connection(), story_id), f"story {story_id!r}")
        columns = [
            (article, segments(article["text"], difference_annotations(article["id"], found["difference_rows"])))
            for article in found["articles"]
        ]
        return page(request, "story.html", found["title"], story=found, columns=columns)

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def map_page(request: Request, filters: FilterParams) -> HTMLResponse:
        return page(request, "map.html", "Map", params=filters.as_params(), choices=store.choices())

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_index(request: Request) -> HTMLResponse:
        return page(request, "api.html", "JSON API", schema=app.openapi())

    return app


def _csv_chunks(chunks: Iterator[tuple[list[str], list[tuple]]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header_written = False
    for columns, rows in chunks:
        if not header_written:
            writer.writerow(columns)
            header_written = True
        writer.writerows(rows)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _parquet_bytes(chunks: Iterator[tuple[list[str], list[tuple]]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: list[str] = []
    rows: list[tuple] = []
    for names, chunk in chunks:
        columns = names
        rows.extend(chunk)
    table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def app_from_environment() -> FastAPI:
    """The application each ``dateline serve --workers N`` process builds: the store and tile URL come from the
    variables the command sets, as uvicorn starts workers by importing a factory."""
    return create_app(os.environ["DATELINE_SERVE_DB"], tile_url=os.environ.get("DATELINE_SERVE_TILE_URL") or None)
