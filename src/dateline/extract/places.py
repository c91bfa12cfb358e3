"""Toponyms resolved offline to the gazetteer, each with its evidence span and a precision level.

Candidates come from NER (GPE, LOC, FAC), capitalised n-grams the gazetteer knows, border phrases
("the Iraqi-Syrian border") and "X neighborhood of City". Each name is resolved by a population
prior plus the article's context (dateline, countries and admin-1 regions named, "Paris, Texas").
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, POS, SENT_START
from spacy.symbols import PROPN
from spacy.tokens import Doc

from dateline.model import Actor, Entity, Place, Span
from dateline.model import Mention as ActorMention
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.gazetteer import Gazetteer, GazetteerEntry, bare_key, fold

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_NGRAM = 5
# Lower-case words that may stand inside a place name ("Isle of Man", "Abu al-Khasib").
CONNECTORS = frozenset({"of", "and", "de", "del", "da", "la", "le", "al", "el", "upon", "on", "sur", "-"})
# A gazetteer-only match of one word must be a strong name: the small model's NER misses few
# big places, and small towns named like common words ("Police", "Mobile") are false hits.
MIN_POPULATION_UNTAGGED = 50_000
PRIOR = {"country": 9.5, "continent": 9.0, "region": 9.0, "border": 9.0, "admin1": 7.5, "county": 7.0}
CURATED_PRIOR = 6.0
EMBEDDED_MIN_PRIOR = 5.0
# A town named like a street is not where the street is ("Orchard Street", "Dublin Road").
STREET_WORDS = frozenset({"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "drive", "way"})
# Lakes, rivers and parks the gazetteer lacks are rarely where the town inside their name is ("Lake Harriet",
# "Zion National Park", "James River"), and "Lake" alone is an old name of some town: leave them unplaced.
NATURAL_FEATURE_WORDS = frozenset(
    {"lake", "lakes", "river", "creek", "park", "island", "islands", "mountain", "mountains", "bay", "reservoir",
     "canyon", "forest", "falls", "swamp", "gulf", "sea", "ocean", "peninsula", "trail"}
)  # fmt: skip
# The small model calls some big cities ORG or NORP ("Erbil", "Aleppo"); above this size the name wins.
MIN_POPULATION_OVER_LABEL = 500_000
PREFERRED_BONUS = 2.0
# Each actor of a country counts (at most twice) toward that country's share of the context votes.
ACTOR_WEIGHT = 1.0
# Enough to put a country below a town of the same name: "a Palestine man" lives in Palestine, Texas.
LOCAL_PENALTY = 6.0
LOCAL_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:man|men|woman|women|teen|teenager|boy|girl|residents?|natives?|couple|family|homeowners|"
    r"police|firefighters|fire\s+department|mayor|city\s+(?:council|hall|manager|commission)|high\s+school|"
    r"middle\s+school|elementary|public\s+schools|school\s+(?:board|district)|communities|cities|county)\b"
)
LOCAL_BEFORE = re.compile(r"(?:\b(?:[Cc]ity|[Tt]own|[Vv]illage)\s+of|\b\d{1,3},\s+(?:of\s+)?)\s*$")
ALTERNATE_PENALTY = 1.5
COUNTRY_WEIGHT = 3.5
# Towns of one name differ mostly by state: a region the other names share is strong evidence.
ADMIN1_WEIGHT = 6.0
PRECISION = {
    "country": "country",
    "admin1": "admin",
    "county": "admin",
    "continent": "region",
    "region": "region",
    "border": "region",
}
# Entity labels whose whole span is a name of something else: "Hamas", "Toyota", "Lincoln".
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
DEMONYM = frozenset({"demonym"})
# Words after which a place may stand inside an organisation's name: "the Georgia Municipal Association",
# "Bank of Canada", "Northeast Georgia Medical Center".
OPENS_PLACE_IN_NAME = frozenset(
    {"the", "of", "in", "at", "for", "north", "south", "east", "west", "northeast", "northwest", "southeast",
     "southwest", "northern", "southern", "eastern", "western", "central", "greater", "downtown"}
)  # fmt: skip
SOURCE_CONFIDENCE = {"ner": 1.0, "gazetteer": 0.85, "pattern": 0.9, "embedded": 0.6}
# How much a name's place says about the rest of the article: "Hampton Hills" (a subdivision) or "Madison
# Creek" located by a town named inside them are often named after somewhere else altogether.
VOTE_WEIGHT = {"ner": 1.0, "gazetteer": 1.0, "pattern": 1.0, "embedded": 0.25}
# The dateline says where the story is told from: its place counts as much as several names.
DATELINE_WEIGHT = 2.5

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
REGION_WORD = re.compile(r"\s+(?:province|governorate|state|region|county|parish|oblast)\b", re.IGNORECASE)
QUALIFIER = re.compile(r",\s*(?P<q>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)")
DATELINE = re.compile(r"\A\s*(?P<place>[A-Z][A-Z.'’ -]{2,40}?)(?:,\s*[A-Za-z. ]+)?\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–)")


@dataclass(slots=True)
class Mention:
    span: Span
    text: str
    entries: list[GazetteerEntry]
    source: str
    within: GazetteerEntry | None = None
    is_dateline: bool = False


def extract(parsed: ParsedArticle, resources: Resources) -> list[Place]:
    gazetteer = resources.gazetteer
    if gazetteer.is_empty():
        return []
    text = parsed.article.text
    places: list[Place] = []
    taken = Occupied(len(text))
    for span, name, entry in _borders(text, gazetteer):
        taken.add(span)
        places.append(_place(parsed.article.id, span, name, entry, None, 0.9))
    districts = list(DISTRICT_PATTERN.finditer(text))
    for match in districts:
        taken.add(Span(*match.span("part")))
    for entity in parsed.of(Entity):
        # "Sri Lankan", "Iraqi": a people, not a place; no town inside the word either.
        if entity.label in PLACE_LABELS and resources.actors.lookup(entity.text, DEMONYM):
            taken.add(entity.evidence)
    mentions = _mentions(parsed, gazetteer, taken)
    opener = DATELINE.match(text)
    if opener is not None:
        # "MOSUL (Meridian) --": the agency in the dateline is not a place (Meridian, Mississippi).
        mentions = [m for m in mentions if not opener.end("place") <= m.span.start < opener.end()]
    dateline = _dateline(parsed, gazetteer, mentions)
    chosen = _resolve(text, mentions, gazetteer, dateline, _actor_countries(parsed, mentions))
    for mention in mentions:
        entry, margin = chosen[id(mention)]
        confidence = round(SOURCE_CONFIDENCE[mention.source] * (0.5 + 0.49 * math.tanh(margin / 2)), 3)
        places.append(_place(parsed.article.id, mention.span, mention.text, entry, mention, confidence))
    places.extend(_districts(parsed.article.id, text, districts, gazetteer, places))
    return sorted(places, key=lambda place: place.evidence)


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


class Occupied:
    """Characters already claimed by a place or a name, so overlap tests cost the same in any article."""

    def __init__(self, length: int) -> None:
        self.mask = bytearray(length)

    def add(self, span: Span) -> None:
        self.mask[span.start : span.end] = b"\x01" * len(span)

    def overlaps(self, span: Span) -> bool:
        return self.mask.find(1, span.start, span.end) >= 0

    def copy(self) -> Occupied:
        other = Occupied(0)
        other.mask = bytearray(self.mask)
        return other


def _mentions(parsed: ParsedArticle, gazetteer: Gazetteer, taken: Occupied) -> list[Mention]:
    text = parsed.article.text
    tokens = Tokens.of(parsed.doc, text)
    mentions: list[Mention] = []
    names = {e.evidence for e in parsed.of(Entity) if e.label in NOT_PLACE_LABELS}
    for entity in parsed.of(Entity):
        if entity.label not in PLACE_LABELS:
            continue
        for span in _trimmed_parts(text, entity.evidence):
            if taken.overlaps(span):
                continue
            name = text[span.start : span.end]
            entries = gazetteer.lookup(name)
            if entries:
                mentions.append(Mention(span, name, list(entries), "ner"))
                taken.add(span)
                continue
            # "Cottonport Fire Station": no entry of its own, located by the place named inside it; a weak
            # name further in is a head noun, not a place ("European Union", "Korean Peninsula").
            words = fold(name).split()
            if words[-1] in STREET_WORDS or words[0] in NATURAL_FEATURE_WORDS or words[-1] in NATURAL_FEATURE_WORDS:
                taken.add(span)
                continue
            inner = [
                mention
                for mention in _scan(tokens, gazetteer, span, None, strict=False)
                if mention.span.start == span.start
                or max(_prior(gazetteer, mention.text, e) for e in mention.entries) >= EMBEDDED_MIN_PRIOR
            ]
            inner.sort(key=lambda m: -max(_prior(gazetteer, m.text, e) for e in m.entries))
            for mention in inner[:1]:
                mention.source = "embedded"
                mention.span, mention.text = span, name
                mentions.append(mention)
            taken.add(span)
    blocked = taken.copy()
    for entity in parsed.of(Entity):
        if entity.label == "PERSON":
            blocked.add(entity.evidence)
    untagged = _scan(tokens, gazetteer, Span(0, len(text)), blocked, strict=True)
    mentions.extend(mention for mention in untagged if _free_of_names(text, mention, names) or _big(mention))
    mentions.sort(key=lambda mention: mention.span)
    _qualify(text, mentions, gazetteer)
    return mentions


def _free_of_names(text: str, mention: Mention, names: set[Span]) -> bool:
    """Whether an untagged match is not the whole of a name, nor a head word inside one.

    Inside an organisation's name a place opens it ("Indiana State Police"), follows "the", "of", "in" or a
    compass word ("Bank of Canada"); elsewhere it is a word of the name ("European Union" is not Union, NJ).
    """
    for name in names:
        if name == mention.span:
            return False
        if name.contains(mention.span) and mention.span.start != name.start:
            before = text[name.start : mention.span.start].rstrip().rsplit(" ", 1)[-1].lower()
            if before not in OPENS_PLACE_IN_NAME:
                return False
    return True


def _big(mention: Mention) -> bool:
    key = bare_key(mention.text)
    return any(
        e.feature in ("country", "admin1") or (e.population >= MIN_POPULATION_OVER_LABEL and bare_key(e.name) == key)
        for e in mention.entries
    )


def _trimmed_parts(text: str, span: Span) -> list[Span]:
    """The entity without a leading "the" or trailing possessive, split at a comma ("Paris, Texas")."""
    start, end = span.start, span.end
    if text[start : start + 4].lower() == "the ":
        start += 4
    if text[max(start, end - 2) : end] in ("'s", "’s"):
        end -= 2
    parts, cursor = [], start
    for piece in text[start:end].split(","):
        left = cursor + len(piece) - len(piece.lstrip())
        right = cursor + len(piece.rstrip())
        if right > left:
            parts.append(Span(left, right))
        cursor += len(piece) + 1
    return parts


def _name_like(word: str) -> bool:
    first = word[:1]
    # Caseless scripts (Arabic, Hebrew, CJK) have no capitals: any letter may start a name.
    return first.isupper() or (first.isalpha() and first.lower() == first.upper())


@dataclass(frozen=True, slots=True)
class Tokens:
    """The article's tokens as plain lists, read once from spaCy's arrays: a Token object per access is slow."""

    text: str
    starts: list[int]
    ends: list[int]
    proper: list[bool]  # tagged PROPN
    opens_sentence: list[bool]
    name_like: list[bool]
    # Words that may stand inside a name: capitalised, or a connector ("Isle of Man", "Abu al-Khasib").
    in_name: list[bool]

    @classmethod
    def of(cls, doc: Doc, text: str) -> Tokens:
        rows = doc.to_array([IDX, LENGTH, POS, SENT_START]).tolist() if len(doc) else []
        starts = [row[0] for row in rows]
        ends = [row[0] + row[1] for row in rows]
        opens = [row[3] == 1 for row in rows]
        if opens:
            opens[0] = True
        words = [text[start:end] for start, end in zip(starts, ends, strict=True)]
        name_like = [_name_like(word) for word in words]
        in_name = [
            like or word.lower() in CONNECTORS or word in "'’" for word, like in zip(words, name_like, strict=True)
        ]
        return cls(text, starts, ends, [row[2] == PROPN for row in rows], opens, name_like, in_name)

    def within(self, span: Span) -> range:
        """Indices of the tokens that overlap ``span``."""
        low = max(bisect.bisect_right(self.starts, span.start) - 1, 0)
        if low < len(self.starts) and self.ends[low] <= span.start:
            low += 1
        return range(low, bisect.bisect_left(self.starts, span.end))


def _scan(article: Tokens, gazetteer: Gazetteer, within: Span, taken: Occupied | None, strict: bool) -> list[Mention]:
    """Longest gazetteer matches over runs of capitalised tokens inside ``within``, avoiding ``taken``."""
    found: list[Mention] = []
    indices = article.within(within)
    name_like, in_name = article.name_like, article.in_name
    position, stop = indices.start, indices.stop
    while position < stop:
        if not name_like[position]:
            position += 1
            continue
        match = None
        for size in range(min(MAX_NGRAM, stop - position), 0, -1):
            last = position + size - 1
            if not name_like[last] or not all(in_name[position:last]):
                continue
            span = Span(article.starts[position], article.ends[last])
            if taken is not None and taken.overlaps(span):
                continue
            name = article.text[span.start : span.end]
            entries = gazetteer.lookup(name)
            if entries and (not strict or _plausible(article, range(position, last + 1), name, entries)):
                match = Mention(span, name, list(entries), "gazetteer")
                break
        if match is None:
            position += 1
            continue
        found.append(match)
        position += size
    return found


def _plausible(article: Tokens, indices: range, name: str, entries: list[GazetteerEntry]) -> bool:
    """Whether an untagged match is a place name rather than a capitalised word that happens to be one."""
    key = bare_key(name)
    strong = any(
        entry.feature != "city"
        or entry.curated
        or (entry.population >= MIN_POPULATION_UNTAGGED and bare_key(entry.name) == key)
        for entry in entries
    )
    if len(indices) > 1:
        return strong or any(entry.population >= 5_000 for entry in entries)
    index = indices[0]
    return strong and article.proper[index] and (not article.opens_sentence[index] or name.isupper())


def _qualify(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """ "Paris, Texas" and "Alexandria, La.": a following state or country constrains the place before it."""
    by_start = {mention.span.start: mention for mention in mentions}
    extra: list[Mention] = []
    for mention in mentions:
        match = QUALIFIER.match(text, mention.span.end)
        if not match:
            continue
        start = match.start("q")
        qualifier = by_start.get(start)
        if qualifier is not None:
            regions = [e for e in qualifier.entries if e.feature in ("admin1", "country")]
        else:
            regions = _abbreviated_region(gazetteer, match["q"])
            if regions:
                word = match["q"].split()[0]
                qualifier = Mention(Span(start, start + len(word)), word, regions, "pattern")
                extra.append(qualifier)
        inside = [e for e in mention.entries for r in regions if _inside(e, r)]
        if inside and qualifier is not None:
            mention.entries, mention.within = inside, regions[0]
            qualifier.entries = [r for r in regions if any(_inside(e, r) for e in inside)]
    mentions.extend(extra)
    mentions.sort(key=lambda mention: mention.span)


def _abbreviated_region(gazetteer: Gazetteer, word: str) -> list[GazetteerEntry]:
    word = word.split()[0]
    entry = gazetteer.abbreviation(word)
    if entry is None and len(word) == 2 and word.isupper():
        entry = gazetteer.admin1.get(f"US.{word}")  # the postal code: "Paris, TX"
    return [entry] if entry is not None else []


def _inside(entry: GazetteerEntry, region: GazetteerEntry) -> bool:
    if entry is region:
        return False
    if region.feature == "country":
        return entry.country == region.country and entry.feature != "country"
    return entry.admin1 is not None and entry.admin1 == region.admin1 and entry.feature != "admin1"


def _dateline(parsed: ParsedArticle, gazetteer: Gazetteer, mentions: list[Mention]) -> GazetteerEntry | None:
    """The dateline city: the reader's ``dateline_place``, else a "CITY (Agency) --" opening."""
    article = parsed.article
    name = article.dateline_place
    span = None
    match = DATELINE.match(article.text)
    if match and (name is None or fold(match["place"]) == fold(name)):
        name, span = (
            match["place"].strip(),
            Span(match.start("place"), match.start("place") + len(match["place"].strip())),
        )
    if not name:
        return None
    entries = gazetteer.lookup(name)
    if not entries:
        return None
    best = max(entries, key=lambda entry: _prior(gazetteer, name, entry))
    for mention in mentions:
        if span is not None and mention.span.overlaps(span):
            mention.is_dateline = True  # resolved in context like any name: MANSFIELD may be the Texas one
    return best


def _prior(gazetteer: Gazetteer, name: str, entry: GazetteerEntry) -> float:
    if entry.feature in PRIOR:
        score = PRIOR[entry.feature]
    elif entry.curated:
        score = CURATED_PRIOR
    else:
        score = math.log10(entry.population + 10)
    if gazetteer.is_preferred(name, entry):
        return score + PREFERRED_BONUS
    if not entry.curated and bare_key(entry.name) != bare_key(name):
        score -= ALTERNATE_PENALTY  # GeoNames' alternate names include old and foreign names of other places
    return score


def _candidates(mention: Mention, text: str) -> list[GazetteerEntry]:
    entries = mention.entries
    admin = [e for e in entries if e.feature == "admin1"]
    if not admin:
        return entries
    if REGION_WORD.match(text, mention.span.end):
        return admin
    # "Baghdad", "New York": the region of that name is meant only when it is called a region.
    cities = [e for e in entries if e.feature == "city" and e.population >= 10_000]
    shadowed = {e.admin1 for e in cities}
    return [e for e in entries if not (e.feature == "admin1" and e.admin1 in shadowed)]


Votes = tuple[Counter[str], Counter[str]]  # (countries, admin-1 regions) one name or one anchor speaks for


def _resolve(
    text: str,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    dateline: GazetteerEntry | None,
    actor_countries: Counter[str],
) -> dict[int, tuple[GazetteerEntry | None, float]]:
    """Pick one entry per mention: prior plus the share of context votes for its country and admin-1.

    Each distinct name votes once, and never for itself: four "Richmond"s must not outvote the one
    "Indiana" that says which Richmond it is. The dateline and the countries of the article's actors vote
    too. A first pass votes with every candidate of a name, weighted by its prior; a second votes with the
    place each name was resolved to, so that "Georgia" resolved to the state (not the country its prior
    prefers) settles which "Atlanta" the story means.
    """
    candidates = {id(m): _candidates(m, text) for m in mentions}
    priors = {id(m): [_prior(gazetteer, m.text, e) for e in candidates[id(m)]] for m in mentions}
    by_key: dict[str, Mention] = {}
    for mention in mentions:
        key = fold(mention.text)
        # A qualified mention ("Paris, Texas") speaks for its name better than a bare one.
        if candidates[id(mention)] and (key not in by_key or (mention.within and not by_key[key].within)):
            by_key[key] = mention
    anchors: Votes = (Counter(), Counter())
    for country, count in actor_countries.items():
        anchors[0][country] += ACTOR_WEIGHT * min(count, 3)
    # A dateline written in the text votes as its name, louder, and like any name never for itself:
    # "MANSFIELD —" followed by Louisiana parishes is the Louisiana town, not the English one its prior prefers.
    in_text = next((m for m in by_key.values() if m.is_dateline), None)
    if in_text is None and dateline is not None:
        anchors[0][dateline.country or ""] += DATELINE_WEIGHT
        anchors[1][dateline.admin1 or ""] += DATELINE_WEIGHT

    def weight(mention: Mention) -> float:
        return VOTE_WEIGHT[mention.source] * (DATELINE_WEIGHT if mention is in_text else 1.0)

    soft = {key: _prior_votes(candidates[id(m)], priors[id(m)], weight(m)) for key, m in by_key.items()}
    chosen = _choose(text, mentions, candidates, priors, soft, anchors)
    resolved = {
        key: _entry_votes(entry, weight(m)) for key, m in by_key.items() if (entry := chosen[id(m)][0]) is not None
    }
    return _choose(text, mentions, candidates, priors, resolved, anchors)


def _prior_votes(entries: list[GazetteerEntry], scores: list[float], weight: float) -> Votes:
    """A name's votes spread over its candidates by their prior: "Georgia" mostly for the country."""
    top = max(scores)
    shares = [math.exp(s - top) for s in scores]
    total = sum(shares)
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    for entry, share in zip(entries, shares, strict=True):
        _vote(countries, regions, entry, weight * share / total)
    return countries, regions


def _entry_votes(entry: GazetteerEntry, weight: float) -> Votes:
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    _vote(countries, regions, entry, weight)
    return countries, regions


def _vote(countries: Counter[str], regions: Counter[str], entry: GazetteerEntry, share: float) -> None:
    countries[entry.country or ""] += share * (2 if entry.feature == "country" else 1)
    regions[entry.admin1 or ""] += share * (2 if entry.feature == "admin1" else 1)


def _choose(
    text: str,
    mentions: list[Mention],
    candidates: dict[int, list[GazetteerEntry]],
    priors: dict[int, list[float]],
    votes: dict[str, Votes],
    anchors: Votes,
) -> dict[int, tuple[GazetteerEntry | None, float]]:
    """Each mention's best entry and its margin over the next, given every other name's votes."""
    countries, regions = Counter(anchors[0]), Counter(anchors[1])
    for own_countries, own_regions in votes.values():
        countries.update(own_countries)
        regions.update(own_regions)
    chosen: dict[int, tuple[GazetteerEntry | None, float]] = {}
    settled: dict[str, GazetteerEntry] = {}
    for mention in sorted(mentions, key=lambda m: m.within is None):
        entries = candidates[id(mention)]
        key = fold(mention.text)
        if not entries:
            chosen[id(mention)] = (None, 0.0)
            continue
        if mention.within is None and key in settled and any(e is settled[key] for e in entries):
            chosen[id(mention)] = (settled[key], 2.0)  # one sense per article: "Paris, Texas" ... "Paris"
            continue
        own_countries, own_regions = votes.get(key, (Counter(), Counter()))
        country_total = sum(countries.values()) - sum(own_countries.values())
        region_total = sum(regions.values()) - sum(own_regions.values())
        local = _used_locally(text, mention.span)

        def score(entry: GazetteerEntry, prior: float, own_countries=own_countries, own_regions=own_regions,
                  ct=country_total, rt=region_total, local=local) -> float:  # fmt: skip
            value = prior
            if entry.country and ct > 0:
                value += COUNTRY_WEIGHT * (countries[entry.country] - own_countries[entry.country]) / ct
            if entry.admin1 and rt > 0:
                value += ADMIN1_WEIGHT * (regions[entry.admin1] - own_regions[entry.admin1]) / rt
            if local and entry.feature in ("country", "continent", "region"):
                value -= LOCAL_PENALTY
            return value

        ranked = sorted(
            ((score(e, prior), i) for i, (e, prior) in enumerate(zip(entries, priors[id(mention)], strict=True))),
            reverse=True,
        )
        best = entries[ranked[0][1]]
        margin = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else 4.0
        chosen[id(mention)] = (best, margin)
        settled.setdefault(key, best)
    return chosen


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


def _used_locally(text: str, span: Span) -> bool:
    """ "a Palestine man", "Georgia residents", "the Paris Police Department", "City of Norfolk": a town's name.

    English qualifies people and local bodies of a country by its demonym ("a Palestinian man"), so a bare
    name in these uses is a town, county or state ("Georgia residents") rather than a country or region.
    """
    return bool(LOCAL_AFTER.match(text, span.end) or LOCAL_BEFORE.search(text, max(0, span.start - 12), span.start))


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
