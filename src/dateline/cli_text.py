"""The plain text the ``dateline`` command prints for people (``--json`` prints the records themselves): one
article with every record and its evidence, and a table of named figures."""

from __future__ import annotations

from typing import Any

import click

from dateline.model import RECORD_TABLES, Analysis

SHOWN_EVIDENCE = 240


def render_analysis(analysis: Analysis) -> str:
    article = analysis.article
    published = article.published_text or "unknown"
    if article.published_precision == "day":
        published += " (day only, no time stated)"
    elif article.published and not article.published_has_zone:
        published += " (local time, zone not stated)"
    lines = [
        f"{article.id}  {article.title or '(no title)'}",
        f"  source: {article.source or 'unknown'}    published: {published}",
        f"  dateline: {article.dateline_place or '-'} ({article.dateline_agency or '-'})    url: {article.url or '-'}",
        f"  read from: {article.origin} [{article.format}]" + ("  (feed summary only)" if article.summary_only else ""),
        "",
        article.text,
        "",
    ]
    for kind, table in RECORD_TABLES.items():
        records = analysis.of(kind)
        lines.append(f"{table} ({len(records)})")
        for record in records:
            span = record.evidence
            quoted = article.text[span.start : span.end].replace("\n", " ")
            # A record over the whole text (word counts) would print the article again.
            quoted = quoted if len(quoted) <= SHOWN_EVIDENCE else quoted[:SHOWN_EVIDENCE] + "…"
            label = getattr(record, "label", "")
            lines.append(f"  [{span.start}:{span.end}] {label} {quoted!r}  conf={record.confidence:.2f}".rstrip())
    lines.extend(_neutral_renderings(analysis))
    return "\n".join(lines)


def _neutral_renderings(analysis: Analysis) -> list[str]:
    """Each sentence with loaded wording beside its neutral rendering (shown here, never stored)."""
    from dateline.extract.framing import neutral_renderings

    renderings = neutral_renderings(analysis)
    lines = [f"neutral renderings ({len(renderings)}; shown, never stored)"]
    for span, rendered in renderings:
        original = " ".join(analysis.article.text[span.start : span.end].split())
        lines.extend([f"  [{span.start}:{span.end}] {original}", f"    -> {rendered}"])
    return lines


def print_stats(figures: dict[str, Any]) -> None:
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{key}={item}" for key, item in value.items())
        click.echo(f"{name:<{width}}  {value}")
