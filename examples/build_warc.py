"""Rebuild northern-ledger/crawl-2021-07-06.warc.gz, the example web archive, byte for byte.

The archive is a small crawl of The Northern Ledger (a fictional outlet): robots.txt, two
article pages and the site logo, with request records beside the responses. Every WARC-Date
and WARC-Record-ID is fixed, so rerunning this script with the same warcio and zlib gives the
same bytes. Run it from anywhere: ``python examples/build_warc.py``.
"""

from __future__ import annotations

import html
import struct
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "northern-ledger" / "crawl-2021-07-06.warc.gz"
SITE = "https://www.northernledger.example"
CRAWL_DATE = "2021-07-06T09:12:04Z"
HTTP_DATE = "Tue, 06 Jul 2021 09:12:04 GMT"
SERVER_IP = "192.0.2.44"  # TEST-NET-1: documentation address, never routed
USER_AGENT = "dateline-examples/0.1"

ROBOTS = """\
User-agent: *
Disallow: /search
Disallow: /signin
Disallow: /subscribe
Crawl-delay: 5

Sitemap: https://www.northernledger.example/sitemaps/news.xml
"""

BASRA = {
    "path": "/world/middle-east/2021/jul/05/basra-electricity-protest-three-shot-dead",
    "title": "Three shot dead at Basra electricity protest as Iraq’s summer of anger begins",
    "standfirst": "Security forces fire on crowds outside the provincial government headquarters as "
    "temperatures pass 50C and power cuts stretch through the day",
    "section": "World news",
    "author": "Jonathan Reeve",
    "where": "Baghdad",
    "published": "2021-07-05T07:00:00+01:00",
    "shown": "Mon 5 Jul 2021 07.00 BST",
    "paragraphs": [
        "Three people were shot dead when Iraqi security forces opened fire on protesters in the southern city "
        "of Basra on Sunday, according to a local health official, as anger over chronic power cuts spilled on "
        "to the streets at the height of summer.",
        "Dr Haidar Abdulwahid, a spokesman for Basra’s health directorate, said that three protesters had died "
        "of gunshot wounds and that 41 people, including 11 members of the security forces, had been treated in "
        "the city’s hospitals.",
        "Several hundred demonstrators had gathered outside the provincial government headquarters in the "
        "afternoon, when the temperature reached 51C, to demand an end to power cuts that have left many homes "
        "with electricity for only a few hours a day.",
        "“We are not asking for luxury. We are asking for a fan that works,” one protester, a 34-year-old "
        "teacher who gave his name as Abu Zahraa, told the Ledger by telephone. “My mother is sick and the "
        "generator owner wants more money every week.”",
        "The violence came hours after a car bomb tore through a market in the city’s al-Ashar district, "
        "killing at least four people. No group has claimed that attack, and officials said the two incidents "
        "were not connected.",
        "Iraq’s electricity grid, starved of investment after decades of war and sanctions, depends on gas and "
        "power imports from Iran, which has cut supplies this summer over billions of dollars in unpaid debts.",
        "Protests over services have become a summer ritual in southern Iraq, and the 2019 protest movement, in "
        "which hundreds of demonstrators were killed, began in part over the same grievances. With "
        "parliamentary elections due on 10 October, the government can ill afford a repeat.",
        "The interior ministry said it had opened an investigation into Sunday’s shooting.",
    ],
}

SUDAN = {
    "path": "/world/africa/2021/jul/01/sudan-june-30-marches-transition",
    "title": "Sudan’s anniversary marches expose a transition running out of patience",
    "standfirst": "A second protester has died after Wednesday’s rallies, doctors say, as neighbourhood "
    "committees give the government two weeks to deliver justice",
    "section": "World news",
    "author": "Harriet Mensah",
    "where": "Nairobi",
    "published": "2021-07-01T18:10:00+01:00",
    "shown": "Thu 1 Jul 2021 18.10 BST",
    "paragraphs": [
        "A second protester has died of wounds sustained during Wednesday’s mass marches in Sudan, doctors said "
        "on Thursday, bringing to two the number of people killed as tens of thousands took to the streets to "
        "mark the anniversary of the 2019 uprising.",
        "The Central Committee of Sudan Doctors said that the man, whom it did not name, died in hospital in "
        "Omdurman on Thursday morning. A day earlier, Mohamed Osman, 22, was shot in the chest in Khartoum "
        "North.",
        "Police said 23 officers had been injured and 37 people arrested, and described many of the marchers as "
        "“rioters”.",
        "“The street is telling both the generals and the civilians in government that patience is running "
        "out,” said Amal Idris, a political scientist at the University of Khartoum. “The transition promised "
        "justice and bread, and people feel they have received neither.”",
        "Sudan has been governed since August 2019 by a council of military and civilian leaders that is due "
        "to hand power to an elected government. The removal of fuel subsidies and the floating of the Sudanese "
        "pound in February, demanded by the International Monetary Fund in return for debt relief, have doubled "
        "the cost of living for many families.",
        "A spokesman for the sovereign council said the military had not ordered the use of live ammunition and "
        "that the deaths would be investigated.",
        "The resistance committees, the neighbourhood groups that organised Wednesday’s marches, said they would "
        "return to the streets if those responsible for killing protesters were not brought to trial within "
        "two weeks.",
    ],
}

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {section} | The Northern Ledger</title>
<meta name="description" content="{standfirst}">
<meta property="og:site_name" content="The Northern Ledger">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="{published}">
<meta property="article:section" content="{section}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/css/ledger.4f2a1c.css">
<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({{"section": "world"}});</script>
</head>
<body class="article-page">
<div id="cookie-banner" role="dialog">
  <p>We use cookies to improve your experience. <a href="/help/cookies">Find out more</a></p>
  <button type="button">Accept all</button>
</div>
<header class="site-header">
  <a class="logo" href="/"><img src="/static/img/ledger-logo.png" alt="The Northern Ledger" width="16" height="16"></a>
  <nav class="primary-nav">
    <ul>
      <li><a href="/uk-news">UK</a></li>
      <li><a href="/world">World</a></li>
      <li><a href="/business">Business</a></li>
      <li><a href="/politics">Politics</a></li>
      <li><a href="/sport">Sport</a></li>
      <li><a href="/opinion">Opinion</a></li>
    </ul>
  </nav>
  <a class="button subscribe" href="/subscribe?ref=header">Subscribe</a>
</header>
<main>
  <article class="article">
    <header class="article-header">
      <h1>{title}</h1>
      <p class="standfirst">{standfirst}</p>
      <div class="byline">By <a rel="author" href="/profile/{author_slug}">{author}</a> in {where}</div>
      <time datetime="{published}">{shown}</time>
    </header>
    <div class="article-body">
{body}
    </div>
    <footer class="article-footer">
      <p class="topics">Topics: <a href="/world">World news</a></p>
    </footer>
  </article>
  <aside class="sidebar">
    <section class="most-viewed">
      <h2>Most viewed</h2>
      <ol>
        <li><a href="/uk-news/2021/jul/05/rail-strike-talks">Rail talks resume as weekend strike looms</a></li>
        <li><a href="/football/2021/jul/05/euro-semis">Euro 2020: five things to watch in the semi-finals</a></li>
        <li><a href="/science/2021/jul/05/heat-dome">Canada’s heat dome: what scientists know so far</a></li>
      </ol>
    </section>
    <div class="ad-slot" data-slot="right-mpu">Advertisement</div>
  </aside>
</main>
<footer class="site-footer">
  <ul>
    <li><a href="/about">About us</a></li>
    <li><a href="/help/privacy-policy">Privacy policy</a></li>
  </ul>
  <p>© 2021 Northern Ledger Media Ltd. All rights reserved.</p>
</footer>
</body>
</html>
"""


def page(article: dict) -> bytes:
    body = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in article["paragraphs"])
    return PAGE.format(
        title=html.escape(article["title"], quote=False),
        standfirst=html.escape(article["standfirst"]),
        section=article["section"],
        url=SITE + article["path"],
        author=article["author"],
        author_slug=article["author"].lower().replace(" ", "-"),
        where=article["where"],
        published=article["published"],
        shown=article["shown"],
        body=body,
    ).encode("utf-8")


def logo_png() -> bytes:
    """A 16x16 navy square: a real PNG, made here so the archive needs no binary input."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((0x1B, 0x2A, 0x4A)) * 16 for _ in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def record_id(n: int) -> str:
    return f"<urn:uuid:5d1e7a90-0000-4000-8000-{n:012d}>"


def build() -> bytes:
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    number = 0

    def write(
        uri: str | None,
        kind: str,
        payload: bytes,
        http: StatusAndHeaders | None = None,
        content_type: str = "",
        extra: dict[str, str] | None = None,
    ) -> str:
        nonlocal number
        number += 1
        headers = {"WARC-Record-ID": record_id(number), "WARC-Date": CRAWL_DATE}
        if kind in ("request", "response"):
            headers["WARC-IP-Address"] = SERVER_IP
        headers.update(extra or {})
        record = writer.create_warc_record(
            uri,
            kind,
            payload=BytesIO(payload),
            length=len(payload),
            http_headers=http,
            warc_content_type=content_type,
            warc_headers_dict=headers,
        )
        writer.write_record(record)
        return headers["WARC-Record-ID"]

    info = (
        "software: dateline examples/build_warc.py (warcio)\r\n"
        "format: WARC File Format 1.1\r\n"
        "description: Example crawl of a fictional outlet for dateline's tests\r\n"
        f"robots: obey\r\nhttp-header-user-agent: {USER_AGENT}\r\n"
    ).encode()
    write(None, "warcinfo", info, content_type="application/warc-fields", extra={"WARC-Filename": OUT.name})

    def fetch(path: str, content_type: str, payload: bytes, with_request: bool = True) -> None:
        uri = SITE + path
        response_id = record_id(number + (2 if with_request else 1))
        if with_request:
            request = StatusAndHeaders(
                f"GET {path} HTTP/1.1",
                [
                    ("Host", "www.northernledger.example"),
                    ("User-Agent", USER_AGENT),
                    ("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
                    ("Accept-Encoding", "identity"),
                ],
                is_http_request=True,
            )
            write(uri, "request", b"", http=request, extra={"WARC-Concurrent-To": response_id})
        response = StatusAndHeaders(
            "200 OK",
            [
                ("Date", HTTP_DATE),
                ("Server", "nginx"),
                ("Content-Type", content_type),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "max-age=60"),
            ],
            protocol="HTTP/1.1",
        )
        write(uri, "response", payload, http=response)

    fetch("/robots.txt", "text/plain; charset=utf-8", ROBOTS.encode())
    fetch(BASRA["path"], "text/html; charset=utf-8", page(BASRA))
    fetch(SUDAN["path"], "text/html; charset=utf-8", page(SUDAN))
    fetch("/static/img/ledger-logo.png", "image/png", logo_png(), with_request=False)
    return buffer.getvalue()


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
