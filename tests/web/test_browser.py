"""The web view as a person uses it, in Debian's Chromium against a real ``dateline serve`` on loopback."""

from __future__ import annotations

import csv
import io
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_the_corpus_page_shows_counts_a_drawn_timeline_and_finds_articles_by_their_words(server, page):
    page.goto(server.url + "/")
    assert page.locator(".counts").inner_text().count("articles") == 1
    page.wait_for_selector("#timeline svg rect.bar")
    assert page.locator("#timeline rect.bar").count() > 3
    assert "ASSAULT" in page.locator("#timeline .legend").inner_text()
    page.fill("input[name=q]", "Basra market")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*q=Basra*")
    titles = page.locator("ol.articles li > a").all_inner_texts()
    assert titles and any("Basra" in title for title in titles)
    assert page.locator("ol.articles mark").count() >= 1
    assert page.errors == []


def test_clicking_an_event_in_the_seed_like_article_opens_its_record_with_every_slot(server, page):
    page.goto(server.url + "/")
    page.click("ol.articles a:has-text('Five Martyred as Takfiri Terrorists Bomb Crowded Basra Market')")
    page.wait_for_url("**/article/103907")
    trigger = page.locator("#text .seg.k-event").first
    trigger.click()
    record = page.locator("details.record.event[open]")
    assert record.count() == 1
    slots = record.locator("table.slots").inner_text()
    for slot in ("type", "source_text", "target_text", "place_text", "date", "killed", "modality", "attribution"):
        assert slot in slots
    # The clicked trigger and its sentence are lit, and the record links back to its evidence.
    assert page.locator("#text .seg.lit").count() >= 1
    record.locator("a.to-evidence").click()
    assert page.locator("#text .seg.lit").count() >= 1
    assert page.errors == []


def test_hovering_a_quote_names_its_speaker_and_a_loaded_word_its_neutral_wording(server, page):
    page.goto(server.url + "/article/103907")
    quote_titles = page.locator("#text .seg.k-quote").evaluate_all("els => els.map(e => e.title)")
    assert any("al-Saadi" in title for title in quote_titles)
    frame_titles = page.locator("#text .seg.k-frame").evaluate_all("els => els.map(e => e.title)")
    assert any("martyred" in page.locator("#text").inner_text() and "neutral wording" in t for t in frame_titles)


def test_the_events_table_downloads_exactly_the_filtered_rows_as_csv(server, page):
    page.goto(server.url + "/events")
    page.select_option("select[name=type]", "ASSAULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*type=ASSAULT*")
    shown = int(page.locator("h1 .muted").inner_text().strip("()").replace(",", ""))
    assert shown > 0
    with page.expect_download() as download_info:
        page.click("#download-csv")
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == shown
    assert {row["type"] for row in rows} == {"ASSAULT"}
    assert all(row["evidence_text"] for row in rows)
    # Sorting by deaths puts the largest toll first.
    page.click("th a.sort:has-text('killed')")
    first = page.locator("table.events tbody tr").first.locator("td").nth(5).inner_text()
    assert first and int(first) == max(int(row["killed"]) for row in rows if row["killed"])


def test_a_story_shows_its_sources_side_by_side_with_the_differences_highlighted(server, page):
    page.goto(server.url + "/stories")
    page.locator("table.stories a").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator(".side-by-side section.source").count() >= 2
    assert page.locator("table.differences tr.difference").count() >= 1
    assert page.locator("table.differences td.differs").count() >= 2
    assert page.locator(".side-by-side .seg.k-difference").count() >= 1
    page.locator("table.differences td.differs a.to-evidence").first.click()
    assert page.locator(".side-by-side .seg.lit").count() >= 1
    assert page.errors == []


def test_the_map_draws_country_outlines_and_event_places_offline(server, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + "/map")
    page.wait_for_selector("#map svg circle.point")
    assert page.locator("#map path.land").count() > 150
    assert page.locator("#map circle.point").count() >= 3
    assert all(url.startswith(server.url) or url.startswith("data:") for url in requests)


def test_the_quotes_page_lists_a_speakers_quotes_with_links_to_their_evidence(server, page):
    page.goto(server.url + "/quotes")
    page.locator("aside table a").first.click()
    assert page.locator("ul.quotes li").count() >= 1
    page.locator("ul.quotes li a").first.click()
    page.wait_for_url("**/article/**#at-q*")
    assert page.locator("li.record.lit").count() == 1


def test_no_payload_planted_in_an_article_runs_anywhere(server, page):
    pages = ["/article/hostile-1", "/", "/?q=Gunmen", "/events?q=Gunmen", "/quotes", "/map", "/stories"]
    for path in pages:
        page.goto(server.url + path)
        page.wait_for_load_state("networkidle")
        for link in page.locator("a[href^='javascript:']").all():
            link.click()
        assert page.evaluate("window.__pwned === undefined"), path
    page.goto(server.url + "/article/hostile-1")
    # The payloads are there, as text a reader can see.
    assert "<script>window.__pwned='title'</script>" in page.locator("h1.article-title").inner_text()
    assert "<script>window.__pwned='text'</script>" in page.locator("#text").inner_text()
    assert "javascript:window.__pwned='url'" in page.locator(".meta").first.inner_text()
    assert page.locator("#text script, #text img, #text iframe, h1 img, .meta svg").count() == 0
    assert page.errors == []


def test_the_policy_would_block_a_script_that_slipped_into_a_page(server, page):
    # Proof that the header is live in the browser, not only sent: an inline script added to the page is refused.
    page.goto(server.url + "/article/hostile-1")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("window.__pwned === undefined")
    assert any("Content Security Policy" in error for error in page.errors)


def _png() -> bytes:
    """A 1x1 grey PNG, the smallest honest tile."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")
    )


def test_a_configured_tile_server_draws_tiles_under_the_outlines(web_store, start_server, page):
    requested: list[str] = []
    tile = _png()

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            requested.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    tiles = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=tiles.serve_forever, daemon=True).start()
    server = start_server(web_store, "--tile-url", f"http://127.0.0.1:{tiles.server_port}/{{z}}/{{x}}/{{y}}.png")
    try:
        page.goto(server.url + "/map")
        page.wait_for_selector("#map svg circle.point")
        page.wait_for_load_state("networkidle")
        assert page.locator("#map svg image").count() == 16
        assert sorted(requested) == sorted(f"/2/{x}/{y}.png" for x in range(4) for y in range(4))
        assert page.errors == []
    finally:
        server.stop()
        tiles.shutdown()
