"""Bytes to one normalised text, done once per article.

Decoding trusts a byte-order mark, then strict UTF-8, then charset detection; a file that
decodes to mostly control characters is binary, not text. Normalisation repairs mojibake
(ftfy), unifies line breaks and applies NFC, but keeps curly quotes and dashes as printed:
offsets everywhere point into the text this returns.
"""

from __future__ import annotations

import codecs
import unicodedata

import charset_normalizer
import ftfy

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    normalization="NFC",
    explain=False,
)


class NotText(ValueError):
    """The bytes are not text in any encoding we can detect."""


def decode(data: bytes) -> str:
    """Decode bytes of unknown encoding, or raise NotText saying why."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue  # FF FE 00 00 opens UTF-32, and UTF-16 text whose first character is NUL: try the next
    if b"\x00" in data[:4096]:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise NotText("binary content (NUL bytes), not text")
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None:
        raise NotText("undetectable text encoding")
    text = data.decode(best.encoding, errors="replace")
    if _control_ratio(text) > 0.05:
        raise NotText("binary content, not text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    # BOM-less UTF-16 of mostly Latin text has a NUL in every other byte, on one side only.
    sample = data[:4096]
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd_nuls > half * 0.6 and even_nuls < half * 0.1:
        return "utf-16-le"
    if even_nuls > half * 0.6 and odd_nuls < half * 0.1:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / len(sample)


def normalise(text: str) -> str:
    """Repair mojibake, unify line breaks, apply NFC. Idempotent."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ftfy.fix_text(text, config=_FTFY_CONFIG)
