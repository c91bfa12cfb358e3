"""Toponyms resolved offline to the gazetteer, each with its evidence span and a precision level.

Candidates come from the names ``place_names`` finds (NER's GPE, LOC and FAC, capitalised n-grams the gazetteer
knows), border phrases ("the Iraqi-Syrian border") and "X neighborhood of City". Each name is resolved by a population
prior plus the article's context (dateline, countries and admin-1 regions named, "Paris, Texas", the outlet's
web address).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from dateline.extract import caseless_places
from dateline.extract.outlet import host_of, outlet_of
from dateline.extract.place_names import PLACE_LABELS, Occupied, place_mentions
from dateline.extract.toponyms import NO_PROFILE, Context, Mention, Profile, prior, resolve
from dateline.model import Actor, Entity, Place, Span
from dateline.model import Mention as ActorMention
from dateline.nlp import ParsedArticle
from dateline.read.article import dateline_place_span
from dateline.resources import Resources
from dateline.resources.area_codes import phone_regions
from dateline.resources.gazetteer import Gazetteer, GazetteerEntry, fold
from dateline.resources.toponym_model import ToponymModel

PRECISION = {
    "country": "country",
    "admin1": "admin",
    "county": "admin",
    "continent": "region",
    "region": "region",
    "border": "region",
}
DEMONYM = frozenset({"demonym"})
SOURCE_CONFIDENCE = {"ner": 1.0, "gazetteer": 0.85, "pattern": 0.9, "embedded": 0.6}
# What of an outlet's other articles says where the outlet is: places resolved with a clear margin, no bigger
# than a state (a national story's "Iraq" says nothing of where a local paper is).
PROFILE_CONFIDENCE = 0.7
PROFILE_FEATURES = frozenset({"city", "admin1", "county", "landmark"})
PROFILE_PLACES = 2_000  # an outlet's newest stored places read for its profile
_NAME = r"[A-Z][\w'’]*(?:\s[A-Z][\w'’]*)?"
BORDER_PATTERNS = (
    re.compile(rf"\b(?P<a>{_NAME})\s?[-–/]\s?(?P<b>{_NAME})\s+(?:borders?|frontier|border\s+area)\b"),
    re.compile(rf"\bborders?\s+between\s+(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})"),
    re.compile(rf"\b(?P<a>{_NAME})(?:['’]s)?\s+borders?\s+with\s+(?P<b>{_NAME})"),
)
DISTRICT_PATTERN = re.compile(
    r"\b(?P<part>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3})\s+(?:neighbou?rhood|district|area|suburb|quarter)\s+of\s+"
    r"(?P<city>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})"
)
# Worlds and moons share their names with small towns (Earth, Texas; Mars, Pennsylvania): such a word is the
# town only when a region qualifies it ("Mars, Pa.").
CELESTIAL = frozenset(
    {"earth", "mars", "venus", "mercury", "jupiter", "saturn", "uranus", "neptune", "pluto", "titan", "europa",
     "ganymede", "callisto", "enceladus", "moon", "sun"}
)  # fmt: skip
# "860 BC", "AD 79": an era, not British Columbia nor Andorra.
ERA_REACH = 5
ERA = re.compile(r"\d\s*(?:BC|BCE|B\.C\.|AD|A\.D\.|CE)\b|\b(?:AD|A\.D\.)\s*\d")
# A place that opens the name of a dish or an event is not where anything is: "Brussels Sprouts", "the Los
# Angeles Auto Show", "Boston Marathon". (An organisation named after its place, "Indiana State Police", is.)
NAME_HEAD = re.compile(
    r"(?:\s+[A-Z][\w'’-]*){0,2}?\s+(?:Sprouts?|Cheese(?:steak)?|Wings?|Sauce|Salad|Chowder|Pie|Steak|Fries|Mustard|"
    r"Sausages?|Noodles|Show|Expo|Festival|Fair|Marathon|Open|Games|Cup|Olympics|Grand\s+Prix|Fashion\s+Week|"
    r"Championships?|Classic|Derby|Regatta)\b"
)
_OPENER = r"(?P<place>[A-Z][A-Z.'’ -]{2,40}?)(?:,\s*[A-Za-z0-9. ]+){0,2}\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–)"
DATELINE = re.compile(rf"\A\s*{_OPENER}")
# A dateline after a headline and a byline ("... March 24, 2009 MANSFIELD -- The mayor", "CLEVELAND, July 19 (UPI)
# —"): capitals, then a dash; a place in title case only with its agency, opening a line or following the headline's
# full stop ("... in US.  New York (AFP) –").
LATE_DATELINE = re.compile(
    rf"(?<!\S)(?:{_OPENER}|(?:(?<=\n)|(?<=[.!?] )|(?<=[.!?]  ))"
    r"(?P<titled>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?:,\s*[A-Za-z0-9. ]+){0,2}\s*"
    r"\([A-Z][^)]{0,38}\)\s*(?:--|—|–))\s"
)
LATE_DATELINE_WITHIN = 400


def extract(parsed: ParsedArticle, resources: Resources) -> list[Place]:
    if resources.gazetteer.is_empty():
        return []
    found = find(parsed, resources)
    # The outlet's profile from the articles the store already held when the run began (``stored_profiles``)
    profile = resources.outlet_profiles.get(host_of(parsed.article.url) or "")
    if profile:
        found = replace(found, context=replace(found.context, profile=profile))
    return placed(parsed.article.id, found, resources.gazetteer, resources.toponym_model)


def placed(article_id: str, found: Found, gazetteer: Gazetteer, model: ToponymModel) -> list[Place]:
    """The places of one article's toponyms as ``model`` resolves them in their context."""
    chosen = resolve(found.mentions, gazetteer, found.context, model)
    places = [_place(article_id, span, name, entry, None, 0.9) for span, name, entry in found.borders]
    for mention in found.mentions:
        entry, margin = chosen[id(mention)]
        confidence = round(SOURCE_CONFIDENCE[mention.source] * (0.5 + 0.49 * math.tanh(margin / 2)), 3)
        places.append(_place(article_id, mention.span, mention.text, entry, mention, confidence))
    places.extend(_districts(article_id, found.context.text, found.districts, gazetteer, places))
    return sorted(places, key=lambda place: place.evidence)


def extract_batch(found: list[tuple[str, str | None, Found]], resources: Resources) -> list[list[Place]]:
    """The places of a batch of articles (each its id, its outlet's host and what ``find`` read in it), each
    article's names read beside its outlet's profile from the batch's other articles.

    Every article is first resolved alone; an article with no other article of its host keeps that reading, so a
    batch of one gives what ``extract`` gives. The profiles are read off the first readings only, so the result
    does not depend on the order of the batch, only on which articles are in it.
    """
    gazetteer, model = resources.gazetteer, resources.toponym_model
    if gazetteer.is_empty():
        return [[] for _ in found]
    alone = [placed(article_id, article, gazetteer, model) for article_id, _, article in found]
    profiles = outlet_profiles([(host, places) for (_, host, _), places in zip(found, alone, strict=True)])
    return [
        placed(article_id, replace(article, context=replace(article.context, profile=profile)), gazetteer, model)
        if profile
        else places
        for (article_id, _, article), places, profile in zip(found, alone, profiles, strict=True)
    ]


def outlet_profiles(articles: list[tuple[str | None, list[Place]]]) -> list[Profile]:
    """Per article (its outlet's host and its places), the profile of its outlet from its OTHER articles.

    Only places resolved confidently, of a town's or a region's size, speak for the outlet; an article with no
    other article of its host (or no host) gets no profile, so it is resolved as it would be alone.
    """
    kept = [[_profile_row(p) for p in places if speaks_for_outlet(p)] for _, places in articles]
    by_host: dict[str, list[int]] = {}
    for number, (host, _) in enumerate(articles):
        if host:
            by_host.setdefault(host, []).append(number)
    return [
        profile_of([p for other in by_host.get(host or "", ()) if other != number for p in kept[other]])
        for number, (host, _) in enumerate(articles)
    ]


# A stored place as a run reads it for its outlet's profile: host, admin-1 region, country, latitude, longitude.
StoredPlace = tuple[str | None, str, str | None, float | None, float | None]


def stored_profiles(places: Iterable[StoredPlace]) -> dict[str, Profile]:
    """Per host, the profile of its stored articles' places (each as its article's host, admin-1 region, country,
    latitude and longitude, newest first, already of the kind that speaks for an outlet: ``speaks_for_outlet``):
    what ``dateline analyze`` hands the places stage, so that a new article of an outlet the store already holds is
    read beside the outlet's other articles, as ``extract_batch`` reads a batch. An outlet's newest
    ``PROFILE_PLACES`` places are enough to say where it is, and keep a run's start quick on a large store."""
    by_host: dict[str, list[ProfileRow]] = {}
    for host, admin1, country, latitude, longitude in places:
        kept = by_host.setdefault(host, []) if host else None
        if kept is not None and len(kept) < PROFILE_PLACES:
            kept.append((admin1, country or "", latitude or 0.0, longitude or 0.0))
    return {host: profile_of(kept) for host, kept in by_host.items()}


def speaks_for_outlet(place: Place) -> bool:
    """Only places resolved confidently, of a town's or a region's size, say where an outlet is."""
    return place.confidence >= PROFILE_CONFIDENCE and place.feature in PROFILE_FEATURES and bool(place.admin1)


# What a profile keeps of a place: admin-1 region, country, latitude, longitude.
ProfileRow = tuple[str, str, float, float]


def _profile_row(place: Place) -> ProfileRow:
    return place.admin1 or "", place.country or "", place.latitude or 0.0, place.longitude or 0.0


def profile_of(rows: list[ProfileRow]) -> Profile:
    return Profile(*map(tuple, zip(*rows, strict=True))) if rows else NO_PROFILE


@dataclass(frozen=True, slots=True)
class Found:
    """The toponyms of one article before resolution, and what the article says around them."""

    borders: list[tuple[Span, str, GazetteerEntry]]
    districts: list[re.Match[str]]  # "Al-Jadriya neighborhood of Baghdad", placed once the city is
    mentions: list[Mention]
    context: Context


def find(parsed: ParsedArticle, resources: Resources) -> Found:
    """Border phrases, district phrases and every other toponym with its candidates (read by training too)."""
    gazetteer = resources.gazetteer
    text = parsed.article.text
    taken = Occupied(len(text))
    borders = _borders(text, gazetteer)
    for span, _, _ in borders:
        taken.add(span)
    districts = list(DISTRICT_PATTERN.finditer(text))
    for match in districts:
        taken.add(Span(*match.span("part")))
    for entity in parsed.of(Entity):
        # "Sri Lankan", "Iraqi": a people, not a place; no town inside the word either.
        if entity.label in PLACE_LABELS and resources.actors.lookup(entity.text, DEMONYM):
            taken.add(entity.evidence)
    mentions = place_mentions(parsed, gazetteer, taken)
    opener = DATELINE.match(text)
    if opener is not None:
        # "MOSUL (Meridian) --": the agency in the dateline is not a place (Meridian, Mississippi).
        mentions = [m for m in mentions if not opener.end("place") <= m.span.start < opener.end()]
    mentions = [mention for mention in mentions if not _not_a_place(text, mention)]
    caseless = caseless_places.is_caseless(parsed.doc, text)
    if caseless:  # "lucknow: police arrested ...": no capitals for NER or the name scan to go by
        for mention in mentions:
            taken.add(mention.span)
        free = [not taken.overlaps(Span(token.idx, token.idx + len(token))) for token in parsed.doc]
        mentions = caseless_places.mentions(parsed.doc, gazetteer, free, mentions)
    dateline = _dateline(parsed, gazetteer, mentions)
    if dateline is None and caseless:
        dateline = caseless_places.dateline(mentions)
    outlet = outlet_of(parsed.article.url, gazetteer)
    context = Context(text, dateline, _actor_countries(parsed, mentions), outlet, phone_regions=phone_regions(text))
    return Found(borders, districts, mentions, context)


def _not_a_place(text: str, mention: Mention) -> bool:
    """A name that is not a place where it stands: a world, an era, the opening of a dish's or an event's name."""
    if fold(mention.text) in CELESTIAL and mention.within is None:
        return True
    start, end = mention.span.start, mention.span.end
    # The era's abbreviation is the mention itself; the window holds the number beside it.
    window = ERA.finditer(text, max(0, start - ERA_REACH), min(len(text), end + ERA_REACH))
    if any(match.start() < end and start < match.end() for match in window):
        return True
    return bool(NAME_HEAD.match(text, end))


def _place(
    article_id: str,
    span: Span,
    text: str,
    entry: GazetteerEntry | None,
    mention: Mention | None,
    confidence: float,
) -> Place:
    if entry is None:
        return Place(article_id, span, text, None, text, "unknown", None, (), None, None, None, "none", False,
                     False, round(confidence * 0.5, 3))  # fmt: skip
    precision = PRECISION.get(entry.feature, "exact")
    if mention is not None and mention.source == "embedded":
        precision = "admin"  # located only by a place named inside it ("Cottonport Fire Station")
    countries = entry.countries or ((entry.country,) if entry.country else ())
    return Place(
        article_id,
        span,
        text,
        entry.geonames_id,
        entry.name,
        entry.feature if mention is None or mention.source != "embedded" else "landmark",
        entry.country,
        countries,
        entry.admin1,
        entry.latitude,
        entry.longitude,
        precision,
        entry.feature == "border",
        mention.is_dateline if mention else False,
        confidence,
    )


def _borders(text: str, gazetteer: Gazetteer) -> list[tuple[Span, str, GazetteerEntry]]:
    """Border phrases: a named border area when the supplement has one, else the two countries' midpoint."""
    found: list[tuple[Span, str, GazetteerEntry]] = []
    for pattern in BORDER_PATTERNS:
        for match in pattern.finditer(text):
            first, second = gazetteer.country_of_word(match["a"]), gazetteer.country_of_word(match["b"])
            span = Span(*match.span())
            if not first or not second or first == second or any(span.overlaps(s) for s, _, _ in found):
                continue
            known = [e for e in gazetteer.borders if set(e.countries) == {first, second}]
            entry = known[0] if known else _midpoint(gazetteer, first, second)
            if entry is not None:
                found.append((span, match.group(), entry))
    return found


def _midpoint(gazetteer: Gazetteer, first: str, second: str) -> GazetteerEntry | None:
    a, b = gazetteer.countries.get(first), gazetteer.countries.get(second)
    if a is None or b is None:
        return None
    return GazetteerEntry(
        None, f"{a.name}–{b.name} border", "border", first, None, round((a.latitude + b.latitude) / 2, 4),
        round((a.longitude + b.longitude) / 2, 4), 0, (first, second),
    )  # fmt: skip


def _dateline(parsed: ParsedArticle, gazetteer: Gazetteer, mentions: list[Mention]) -> GazetteerEntry | None:
    """The dateline city: the reader's ``dateline_place``, else a "CITY (Agency) --" opening."""
    article = parsed.article
    name = article.dateline_place
    span = None
    match = DATELINE.match(article.text) or LATE_DATELINE.search(article.text, 0, LATE_DATELINE_WITHIN)
    group = "place" if match is None or match["place"] else "titled"
    if match and (name is None or fold(match[group]) == fold(name)):
        name, span = match[group].strip(), Span(match.start(group), match.start(group) + len(match[group].strip()))
    elif name and (found := dateline_place_span(article.text)):
        span = Span(*found)  # an opener the reader knows and the pattern above does not: "KYIV, March 3 (Reuters) -"
    if not name:
        return None
    entries = gazetteer.lookup(name)
    if not entries:
        return None
    best = max(entries, key=lambda entry: prior(gazetteer, name, entry))
    if span is None:
        return best
    marked = [mention for mention in mentions if mention.span.overlaps(span)]
    whole = [mention for mention in marked if mention.span.start <= span.start and span.end <= mention.span.end]
    for mention in whole:
        mention.is_dateline = True  # resolved in context like any name: MANSFIELD may be the Texas one
    if not whole:
        # The parser often takes a capitalised opener for no name at all ("DEIR EZ-ZOR (Agency) --"), or for a part
        # of one ("ST. LOUIS --", whose "ST." it ends a sentence on: LOUIS alone is some other town); the opener is
        # still where the story is told from, and a place of the article like any other.
        for mention in marked:
            mentions.remove(mention)
        mentions.append(Mention(span, name, list(entries), "gazetteer", is_dateline=True))
        mentions.sort(key=lambda mention: mention.span)
    return best


def _actor_countries(parsed: ParsedArticle, mentions: list[Mention]) -> Counter[str]:
    """Countries of the article's actors, from mentions that are not place names already voting themselves.

    "Iraqi officials", "the Pentagon", "Prime Minister Kadhimi" say where a story is; "Georgia" as an actor
    is the place mention "Georgia" again, and would only repeat the gazetteer's first guess.
    """
    places = Occupied(len(parsed.article.text))
    for mention in mentions:
        places.add(mention.span)
    countries = {actor.actor_id: actor.country for actor in parsed.of(Actor) if actor.country}
    voters = {
        mention.actor_id
        for mention in parsed.of(ActorMention)
        if mention.actor_id in countries and not places.overlaps(mention.evidence)
    }
    return Counter(countries[actor_id] for actor_id in voters)


def _districts(
    article_id: str, text: str, matches: list[re.Match[str]], gazetteer: Gazetteer, places: list[Place]
) -> list[Place]:
    """ "Al-Jadriya neighborhood of Baghdad": the curated district when known, else the city's position."""
    found = []
    for match in matches:
        city_span = Span(*match.span("city"))
        city = next((p for p in places if p.evidence.overlaps(city_span) and p.latitude is not None), None)
        if city is None:
            continue
        span = Span(*match.span("part"))
        known = [e for e in gazetteer.lookup(match["part"]) if e.admin1 == city.admin1 and e.feature != "admin1"]
        if known:
            found.append(_place(article_id, span, match["part"], known[0], None, 0.9))
            continue
        found.append(
            Place(article_id, span, match["part"], None, match["part"], "district", city.country, city.countries,
                  city.admin1, city.latitude, city.longitude, "admin", False, False, 0.6)
        )  # fmt: skip
    return found
