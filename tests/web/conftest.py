"""Fixtures for the web view: a store built by really analysing the bundled examples, the seed article and a
hostile article, and a real ``dateline serve`` process on a free loopback port."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dateline.config import Settings
from dateline.run import analyze_paths

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SEED = REPO.parent / "shared" / "seed" / "000_07dcd8d47dd2376f.txt"
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")

# Each payload would set window.__pwned if it ever ran; escaping and the CSP must keep every one of them inert.
HOSTILE = {
    "id": "hostile-1",
    "title": "<script>window.__pwned='title'</script>Gunmen attack <img src=x onerror=\"window.__pwned='img'\">",
    "source": 'Evil Wire"><svg onload="window.__pwned=\'source\'">',
    "url": "javascript:window.__pwned='url'",
    "published": "2021-07-20T10:00:00",
    "text": (
        "BASRA (Evil Wire) -- Gunmen killed five people in Basra on Monday, police said. "
        "<script>window.__pwned='text'</script>\n"
        '"<img src=x onerror=\\"window.__pwned=\'quote\'\\"> We will respond," the commander said.\n'
        "Read more: <a href=\"javascript:window.__pwned='link'\">here</a> and "
        "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>.\n"
    ),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, nlp) -> Path:
    folder = tmp_path_factory.mktemp("web")
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    if SEED.exists():
        shutil.copy(SEED, inputs / SEED.name)
    db = folder / "web.db"
    analyze_paths([*(str(path) for path in sorted(EXAMPLES.glob("*/"))), str(inputs)], Settings(db=db))
    return db


class Server:
    """``dateline serve`` in its own process, as a user starts it."""

    def __init__(self, db: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = os.environ | {"PYTHONPATH": str(REPO / "src")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(self.port), *extra],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dateline serve exited: {self.process.stdout.read().decode()}")
            try:
                if httpx.get(self.url + "/api/openapi.json", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("dateline serve did not answer within 90 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def start_server() -> type[Server]:
    """Start another server (on another store): ``start_server(db)``; the test stops it."""
    return Server


@pytest.fixture(scope="session")
def hostile_article() -> dict[str, str]:
    return HOSTILE


@pytest.fixture(scope="session")
def server(web_store) -> Iterator[Server]:
    running = Server(web_store)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a browser build of Playwright's own."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium: `make test` installs it with apt when run as root")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (a dev dependency) is not installed")
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        except sync_api.Error as error:
            pytest.skip(f"Chromium at {CHROMIUM} does not start headless: {error}")
        yield launched
        launched.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records script errors and CSP violations, and leaves a screenshot as a test artifact."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("dialog", lambda dialog: (tab.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    # Chromium reports what the Content-Security-Policy blocked on the console: our own pages must never trip it.
    tab.on(
        "console",
        lambda message: tab.errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False)
    finally:
        context.close()
