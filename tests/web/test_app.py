"""The web application over a store built from the bundled examples: headers, escaping, API, read-only access,
and serving while ``dateline analyze`` writes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from dateline.web import create_app
from dateline.web.app import ReadOnlyStore, content_security_policy, safe_link

SRC = Path(__file__).resolve().parents[2] / "src"
PAGES = ["/", "/article/103907", "/events", "/quotes", "/stories", "/map", "/api"]


def _event_handler_attributes(html: str) -> list[str]:
    """Attributes such as onclick= or onerror= on any element, as a browser would parse the page."""
    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(f"{tag} {name}" for name, _ in attrs if name.startswith("on"))

    Parser().feed(html)
    return found


@pytest.fixture(scope="module")
def client(web_store):
    return TestClient(create_app(web_store))


def test_every_page_carries_a_strict_content_security_policy(client):
    for path in [*PAGES, "/api/corpus", "/static/app.js"]:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy and "default-src 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client):
    for path in PAGES:
        html = client.get(path).text
        assert "<script>" not in html and " style=" not in html and "<style" not in html, path
        assert _event_handler_attributes(html) == [], path


def test_hostile_titles_texts_outlets_and_urls_reach_the_page_only_as_escaped_text(client):
    html = client.get("/article/hostile-1").text
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned=&#39;title&#39;&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<svg onload" not in html and "<iframe" not in html
    assert 'href="javascript:' not in html
    corpus = client.get("/", params={"q": "Gunmen"}).text
    assert "<script>window.__pwned" not in corpus and "<img src=x" not in corpus


def test_only_web_addresses_become_links(hostile_article):
    assert safe_link("https://news.example/a") == "https://news.example/a"
    for url in [hostile_article["url"], " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "", None]:
        assert safe_link(url) is None


def test_a_configured_tile_server_may_serve_images_and_nothing_else():
    policy = content_security_policy("https://tiles.example/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://tiles.example;" in policy
    assert "tiles.example" not in policy.split("img-src")[0]


def test_the_openapi_schema_documents_an_api_route_for_every_page(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for route in [
        "/api/corpus",
        "/api/timeline",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/events.csv",
        "/api/events.parquet",
        "/api/quotes",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/map",
    ]:
        assert route in paths
    assert "/article/{article_id}" not in paths  # pages are HTML, not API


def test_the_article_api_returns_the_records_the_page_highlights(client):
    data = client.get("/api/articles/103907").json()
    assert data["article"]["id"] == "103907"
    text = data["article"]["text"]
    assert any(text[e["trigger_start"] : e["trigger_end"]] == e["trigger_text"] for e in data["events"])
    assert data["quotes"] and data["frames"] and data["mentions"]
    assert client.get("/api/articles/no-such-article").status_code == 404


def test_a_story_s_differences_say_their_kind_and_link_only_stated_values(client):
    stories = client.get("/api/stories").json()
    story_ids = [story["id"] for story in (stories["stories"] if isinstance(stories, dict) else stories)]
    per_story = [client.get(f"/api/stories/{sid}").json()["differences"] for sid in story_ids]
    assert any(per_story) and all(d["kind"] for differences in per_story for d in differences)
    page = client.get(f"/stories/{story_ids[0]}").text
    assert 'href="#at-dNone"' not in page


def test_the_parquet_download_holds_the_same_rows_as_the_csv(client):
    # A quoted CSV field may hold a newline (an evidence sentence across a line break): count records, not lines.
    csv_rows = list(csv.reader(io.StringIO(client.get("/api/events.csv", params={"type": "ASSAULT"}).text)))
    table = pq.read_table(io.BytesIO(client.get("/api/events.parquet", params={"type": "ASSAULT"}).content))
    assert table.num_rows == len(csv_rows) - 1 > 0
    assert set(table.column("type").to_pylist()) == {"ASSAULT"}


def test_the_server_cannot_write_to_the_store(web_store):
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        ReadOnlyStore(web_store).connection().execute("DELETE FROM articles")


def test_serve_binds_to_loopback_unless_told_otherwise():
    from click.testing import CliRunner

    from dateline.cli import cli

    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "--host TEXT" in help_text and "127.0.0.1" in help_text


def test_serve_on_a_missing_store_says_so_and_exits_3(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "dateline", "serve", "--db", str(tmp_path / "none.db"), "--port", "0"],
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3
    assert "no store at" in result.stderr and "dateline analyze" in result.stderr


@pytest.mark.slow
def test_the_view_keeps_serving_while_analyze_writes_to_the_same_store(web_store, tmp_path, start_server):
    db = tmp_path / "busy.db"
    source = sqlite3.connect(web_store)
    with sqlite3.connect(db) as copy:
        source.backup(copy)
    source.close()
    # The events table's rows are read afresh on every request (totals and overviews are reused for a while).
    protests = "/api/events?q=protested+power+cuts&per_page=500"
    before = len(TestClient(create_app(db)).get(protests).json()["rows"])
    feed = tmp_path / "more.jsonl"
    feed.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"busy-{n}",
                    "title": f"Protest number {n}",
                    "text": f"Hundreds protested in Basra on Sunday over power cuts, police said. Report {n}.",
                }
            )
            + "\n"
            for n in range(40)
        ),
        encoding="utf-8",
    )
    server = start_server(db)
    try:
        writer = subprocess.Popen(
            [sys.executable, "-m", "dateline", "analyze", str(feed), "--db", str(db), "-q"],
            env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
        )
        statuses, seen = [], set()
        while writer.poll() is None:
            for path in ["/", "/events", "/article/103907", protests]:
                response = httpx.get(server.url + path, timeout=30)
                statuses.append(response.status_code)
                if path == protests:
                    seen.add(len(response.json()["rows"]))
            time.sleep(0.05)
        assert writer.returncode == 0
        after = len(httpx.get(server.url + protests, timeout=30).json()["rows"])
        last_article = httpx.get(server.url + "/article/busy-39", timeout=30).status_code
    finally:
        server.stop()
    assert statuses and set(statuses) == {200}
    assert last_article == 200
    assert after > before and before <= min(seen) <= max(seen) <= after
