"""Take the README's screenshots of the web view with Debian's Chromium: python scripts/web_screenshots.py URL.

Run against ``dateline serve --db demo.db`` (the bundled examples and the seed article); writes docs/web-*.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main(base: str) -> None:
    DOCS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1360, "height": 820})
        page.goto(base + "/article/103907")
        page.locator("#text .seg.k-event", has_text="bombing").first.click()
        page.wait_for_timeout(600)
        page.screenshot(path=DOCS / "web-article.png")
        page.goto(base + "/stories")
        page.locator("table.stories a", has_text="Iraqi-Syrian").first.click()
        page.wait_for_timeout(600)
        page.screenshot(path=DOCS / "web-story.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
