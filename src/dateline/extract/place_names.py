"""Where an article names places: spans the recogniser tags GPE, LOC or FAC, capitalised word runs the gazetteer
knows, names the text itself calls a town or a district, and the qualifiers that narrow them ("Paris, Texas").

``place_mentions`` finds them, each with its gazetteer candidates; ``dateline.extract.places`` resolves them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, POS, SENT_START
from spacy.symbols import PROPN
from spacy.tokens import Doc

from dateline.extract.toponyms import Mention, prior
from dateline.model import Entity, Span
from dateline.nlp import ParsedArticle
from dateline.resources.gazetteer import Gazetteer, GazetteerEntry, bare_key, fold

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAX_NGRAM = 5
# Lower-case words that may stand inside a place name ("Isle of Man", "Abu al-Khasib").
CONNECTORS = frozenset({"of", "and", "de", "del", "da", "la", "le", "al", "el", "upon", "on", "sur", "-"})
# A gazetteer-only match of one word must be a strong name: the small model's NER misses few
# big places, and small towns named like common words ("Police", "Mobile") are false hits.
MIN_POPULATION_UNTAGGED = 50_000
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
METROPOLIS = 1_000_000
# Entity labels whose whole span is a name of something else: "Hamas", "Toyota", "Lincoln".
NOT_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
# "the border town of al-Qaim": what the text itself calls a settlement is a place, whatever the recogniser called it.
SETTLEMENT_WORDS = frozenset(
    {"town", "city", "village", "hamlet", "suburb", "district", "province", "governorate", "county", "municipality",
     "port", "neighbourhood", "neighborhood"}
)  # fmt: skip
# Words after which a place may stand inside an organisation's name: "the Georgia Municipal Association",
# "Bank of Canada", "Northeast Georgia Medical Center".
OPENS_PLACE_IN_NAME = frozenset(
    {"the", "of", "in", "at", "for", "north", "south", "east", "west", "northeast", "northwest", "southeast",
     "southwest", "northern", "southern", "eastern", "western", "central", "greater", "downtown"}
)  # fmt: skip
# The bodies of a town that follow its name and "City": "Dublin City Council", "Springfield City Schools".
LOCAL_BODIES = frozenset({"Council", "Hall", "Schools", "Commission", "Manager", "Attorney", "Clerk", "Court"})
QUALIFIER = re.compile(r",\s*(?P<q>[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)")


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


def place_mentions(parsed: ParsedArticle, gazetteer: Gazetteer, taken: Occupied) -> list[Mention]:
    text = parsed.article.text
    tokens = Tokens.of(parsed.doc, text)
    mentions: list[Mention] = []
    names = {
        e.evidence
        for e in parsed.of(Entity)
        if e.label in NOT_PLACE_LABELS and not _called_a_settlement(text, e.evidence)
    }
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
                or max(prior(gazetteer, mention.text, e) for e in mention.entries) >= EMBEDDED_MIN_PRIOR
            ]
            inner.sort(key=lambda m: -max(prior(gazetteer, m.text, e) for e in m.entries))
            for mention in inner[:1]:
                mention.source = "embedded"
                mention.span, mention.text = span, name
                mentions.append(mention)
            taken.add(span)
    blocked = taken.copy()
    for entity in parsed.of(Entity):
        person = entity.label == "PERSON" and entity.evidence in names
        if person and not _metropolis_mistaken_for_a_person(parsed, gazetteer, entity.evidence):
            blocked.add(entity.evidence)
    untagged = _scan(tokens, gazetteer, Span(0, len(text)), blocked, strict=True)
    mentions.extend(mention for mention in untagged if _free_of_names(text, mention, names) or _big(mention))
    mentions.sort(key=lambda mention: mention.span)
    _qualify(text, mentions, gazetteer)
    return mentions


def _called_a_settlement(text: str, span: Span) -> bool:
    """The name follows "town of", "village of", "province of"...: the text says what it is."""
    before = text[max(0, span.start - 30) : span.start].split()
    return len(before) >= 2 and before[-1] == "of" and before[-2].lower() in SETTLEMENT_WORDS


def _metropolis_mistaken_for_a_person(parsed: ParsedArticle, gazetteer: Gazetteer, span: Span) -> bool:
    """ "Russian missiles struck Kyiv": the parser often calls a great city a person. One word, spelt as a city of a
    million or more, and not what a clause is said of (a metropolis can be a first name: "Sofia said") is the city."""
    words = parsed.doc.char_span(span.start, span.end)
    if words is None or len(words) != 1 or words[0].dep_ in ("nsubj", "nsubjpass", "poss", "appos", "compound"):
        return False
    written = parsed.article.text[span.start : span.end]
    return any(entry.population >= METROPOLIS and entry.name == written for entry in gazetteer.lookup(written))


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

    def text_of(self, first: int, last: int) -> str:
        """The text from token ``first`` to token ``last``, both included."""
        return self.text[self.starts[first] : self.ends[last]]

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
            name = article.text_of(position, last)
            if size > 1 and _city_of_a_local_body(article, last):
                continue  # "Dublin City Council" is Dublin's council, not Dublin City
            entries = gazetteer.lookup(name)
            first = position
            if entries and size > 1 and _opens_with_the(name, entries):
                # "The Athens Police Department": the name is Athens, not an old or foreign "The Athens"; and it is
                # judged as the one word it is ("The Justice Department" is no town of Justice).
                first = position + 1
                span, name = Span(article.starts[first], span.end), article.text_of(first, last)
            if entries and (not strict or _plausible(article, range(first, last + 1), name, entries)):
                match = Mention(span, name, list(entries), "gazetteer")
                break
        if match is None:
            position += 1
            continue
        found.append(match)
        position += size
    return found


def _city_of_a_local_body(article: Tokens, last: int) -> bool:
    """ "Dublin City Council", "Springfield City Schools": "City" here names the town's body, not the place."""
    following = last + 1
    return (
        article.text_of(last, last) == "City"
        and following < len(article.starts)
        and article.text_of(following, following) in LOCAL_BODIES
    )


def _opens_with_the(name: str, entries: list[GazetteerEntry]) -> bool:
    """A match read through a leading "The" that no candidate's own name has ("The Hague" keeps it)."""
    return fold(name).startswith("the ") and not any(fold(entry.name).startswith("the ") for entry in entries)


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
