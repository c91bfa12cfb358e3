"""Where an outlet is, as far as its web address says: the place names inside its domain and its country code.

A local paper's pages rarely name their own town's state ("Dublin" in a Columbus paper is Dublin, Ohio), but
its address often names the town ("columbuslocalnews.com", "chronicle.augusta.com") and a country-code domain
names the country ("thisisoxfordshire.co.uk"). Only the address is read: every page a reader fetches has one.
Which of the same-named towns the outlet is in stays for the toponym ranker to weigh against the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from dateline.resources.gazetteer import Gazetteer, GazetteerEntry, fold

# A name inside a domain is the outlet's town only when it is a real town's name: short words ("post", "star",
# "item") are also names of hamlets, so a name must be this long and some place of that name this populous.
MIN_NAME_CHARS = 5
MIN_POPULATION = 10_000
# Labels of the host that are no part of the outlet's name.
SKIP_LABELS = frozenset({"www", "m", "mobile", "news", "com", "org", "net", "co", "ac", "gov", "edu"})
GENERIC_TLD = frozenset({"com", "org", "net", "info", "biz", "edu", "gov", "mil", "int", "news", "online", "tv"})
# Country-code domains that differ from the ISO 3166 alpha-2 code.
CCTLD_ALIAS = {"uk": "GB"}


@dataclass(frozen=True, slots=True)
class Outlet:
    """The outlet's place names (folded) and its country (ISO-3) as its address gives them."""

    names: tuple[str, ...] = ()
    country: str | None = None


NO_OUTLET = Outlet()


def outlet_of(url: str | None, gazetteer: Gazetteer) -> Outlet:
    """The names and country an article's address gives its outlet; empty when there is no address."""
    host = host_of(url)
    return _outlet_of_host(host, gazetteer) if host else NO_OUTLET


def host_of(url: str | None) -> str | None:
    """The outlet an address names, as its lower-cased host ("www.star-telegram.com"); None without one."""
    host = urlsplit(url).hostname if url else None
    return host.lower() if host else None


def _outlet_of_host(host: str, gazetteer: Gazetteer) -> Outlet:
    labels = host.split(".")
    country = _country_of_tld(labels[-1], gazetteer)
    names: list[str] = []
    for label in labels[:-1]:
        if label in SKIP_LABELS:
            continue
        for part in label.split("-"):
            names.extend(name for name in _names_in(part, gazetteer) if name not in names)
    return Outlet(tuple(names), country)


def _names_in(word: str, gazetteer: Gazetteer) -> list[str]:
    """The longest town name that opens the word and the longest that closes it ("richmond"+"register")."""
    if word.startswith("the"):
        word = word[3:]
    found: list[str] = []
    for cut in range(len(word), MIN_NAME_CHARS - 1, -1):
        if _is_town(word[:cut], gazetteer):
            found.append(word[:cut])
            break
    for cut in range(0, len(word) - MIN_NAME_CHARS + 1):
        if _is_town(word[cut:], gazetteer):
            if word[cut:] not in found:
                found.append(word[cut:])
            break
    return found


def _is_town(key: str, gazetteer: Gazetteer) -> bool:
    """A town or region of this very name (not an alternate one: "philly", "senti"), big enough to matter."""
    return any(
        (entry.population >= MIN_POPULATION or entry.feature == "admin1") and _joined(entry.name) == key
        for entry in _places(key, gazetteer)
    )


def _joined(name: str) -> str:
    return fold(name).replace(" ", "").replace("-", "")


def _places(key: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    return [entry for entry in gazetteer.entries(key) if entry.feature in ("city", "admin1", "county")]


def _country_of_tld(tld: str, gazetteer: Gazetteer) -> str | None:
    if tld in GENERIC_TLD or len(tld) != 2:
        return None
    return gazetteer.country_of_alpha2(CCTLD_ALIAS.get(tld, tld))


def outlet_candidates(outlet: Outlet, gazetteer: Gazetteer) -> dict[str, list[GazetteerEntry]]:
    """Each outlet name's towns and regions: the places the outlet may be in, each of that very name (a Paris
    paper is in a Paris, not in Kosciusko, Mississippi, which GeoNames says was once called so)."""
    return {name: [e for e in _places(name, gazetteer) if _joined(e.name) == name] for name in outlet.names}
