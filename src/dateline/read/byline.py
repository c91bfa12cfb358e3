"""Bylines as the people who wrote the article: roles, outlets, dates and credentials dropped.

A byline arrives as one string (trafilatura joins what it found with "; ") or as the names a page lists
in its JSON-LD. Each part is cut where the name ends: at a role word ("News reporter"), a date word
("Monday; November"), a credential ("MS; RDN") or a lower-case word; a part naming an outlet ("Condé
Nast", the site's own name) is no person. What is left must look like a name: two to five capitalised
words. Several authors stay apart, joined by "; ".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Separators between authors, and between an author and the role or credential after it.
_SEPARATORS = re.compile(r"\s*(?:[;|/,\n]|\band\b|&|\bwith\b)\s*", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:written|reported|reporting|words|text|story|edited|compiled)\s+)?by\b[:\s]*", re.I)
_ROLES = frozenset({
    "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "writer", "writers", "staff",
    "contributor", "contributors", "columnist", "journalist", "journalists", "producer", "producers", "news",
    "senior", "chief", "political", "foreign", "deputy", "associate", "managing", "digital", "bureau", "desk",
    "team", "author", "photographer", "photographers", "special", "international", "economics", "economy",
    "business", "health", "science", "technology", "tech", "sports", "sport", "local", "national", "security",
    "defence", "defense", "affairs", "intern", "freelance", "investigations", "investigative", "data", "video",
    "audio", "live", "weekend", "breaking", "wire", "agencies", "agency", "opinion", "contributing", "executive",
    "assistant", "head", "lead", "features", "feature", "culture", "arts", "travel", "politics", "markets",
    "analyst", "commentator", "presenter", "anchor", "host", "graphics", "photo", "photos", "images"
})  # fmt: skip
# Months that are also names (April, May, June, August; Jan) are left out: a date in a byline has a number too.
_DATE_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "january", "february", "march", "july", "september", "october",
    "november", "december", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "updated", "published", "posted", "today", "yesterday"
})  # fmt: skip
# Words that make a part an organisation, not a person ("Condé Nast", "Reuters Staff", "Press Association").
_OUTLET_WORDS = frozenset({
    "nast", "news", "media", "press", "agency", "agencies", "times", "post", "journal", "reuters", "afp", "ap",
    "associated", "network", "group", "inc", "ltd", "llc", "newsroom", "desk", "tv", "radio", "online", "daily",
    "herald", "tribune", "guardian", "bbc", "cnn", "insider", "wire", "service", "services", "magazine",
    "gazette", "telegraph", "chronicle", "observer", "express", "mail", "review", "weekly", "broadcasting",
    "corporation"
})  # fmt: skip
# Name particles written in lower case inside a name ("Ursula von der Leyen", "Ahmed bin Salem").
_PARTICLES = frozenset({
    "de", "del", "della", "der", "di", "da", "das", "dos", "du", "van", "von", "den", "ten", "ter", "bin", "ibn",
    "ben", "al", "el", "la", "le", "y"
})  # fmt: skip
# Credentials are short capitals after a name (MS, RDN, MD, PhD, M.D.); a generational suffix stays.
_CREDENTIAL = re.compile(r"[A-Z]{2,5}|(?:[A-Z]\.){2,4}|Ph\.?D\.?|Esq\.?")
_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
_MAX_NAME_WORDS = 5


def people(bylines: Iterable[str], site_name: str | None = None) -> str | None:
    """The persons named in ``bylines``, in order, without repeats, joined by "; "; None when there are none."""
    site = (site_name or "").casefold()
    found: list[str] = []
    for byline in bylines:
        for part in _SEPARATORS.split(byline or ""):
            name = _name(part, site)
            if name and name.casefold() not in {seen.casefold() for seen in found}:
                found.append(name)
    return "; ".join(found) or None


def _name(part: str, site: str) -> str | None:
    part = _LEADING.sub("", part.strip()).strip(" .:-–—()[]")
    if not part or (site and part.casefold() in site):
        return None
    words = part.split()
    if part.isupper() and len(words) > 1 and all(len(word) > 2 for word in words):
        words = [word.capitalize() for word in words]  # "JOHN SMITH", a capitalised byline
    name: list[str] = []
    for word in words:
        bare = word.strip(".,:'’\"").casefold()
        if bare in _ROLES or bare in _DATE_WORDS or any(char.isdigit() for char in word):
            break
        if word in _SUFFIXES and name:
            name.append(word)
            continue
        if bare in _PARTICLES and name:
            name.append(word)
            continue
        if not word[:1].isupper() or (_CREDENTIAL.fullmatch(word) and len(name) >= 2):
            break
        name.append(word)
    while name and name[-1].casefold() in _PARTICLES:
        name.pop()
    if not 2 <= len(name) <= _MAX_NAME_WORDS or any(word.casefold().strip(".") in _OUTLET_WORDS for word in name):
        return None
    return " ".join(name)
