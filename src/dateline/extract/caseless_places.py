"""Toponyms of an article written without capitals ("lucknow: police arrested ..."), where NER and the
capitalised-name scan of the places stage find nothing.

Every run of one to three nouns the gazetteer knows is a candidate, but only a strong one (a country, an admin-1
region, or a town of 100,000 people or more) and only in the article's own country, the one most of its
candidates lie in: "ban" (Turkey) and "apex" (North Carolina) are words, "godhra" beside "gujarat" is a place.
A name opening the body before a colon ("lucknow: ...") is the article's dateline, as papers in this style write it.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import IDX, IS_ALPHA
from spacy.tokens import Doc

from dateline.extract.toponyms import Mention
from dateline.model import Span
from dateline.resources.gazetteer import Gazetteer, GazetteerEntry

# An article is caseless when almost none of its words open with a capital (a header line may still have some).
CAPITALISED_SHARE = 0.05
MIN_WORDS = 20
MIN_POPULATION = 100_000
MAX_WORDS = 3
MIN_HOME_NAMES = 2
STRONG_FEATURES = frozenset({"country", "admin1"})
NOUNS = frozenset({"NOUN", "PROPN"})
DATELINE_OPENER = re.compile(r"(?:\A|\n)\s*(?P<place>[a-z][a-z .'-]{1,30}):\s", re.MULTILINE)
DATELINE_WITHIN = 400


def is_caseless(doc: Doc, text: str) -> bool:
    """``text`` is the document's own: each word's first letter is read there at its offset, from two arrays, instead
    of through a Token per word (a few milliseconds a long article)."""
    starts = doc.to_array(IDX)[doc.to_array(IS_ALPHA).astype(bool)].tolist()
    if len(starts) < MIN_WORDS:
        return False
    return sum(text[start].isupper() for start in starts) / len(starts) < CAPITALISED_SHARE


def mentions(doc: Doc, gazetteer: Gazetteer, free: list[bool], tagged: list[Mention]) -> list[Mention]:
    """Strong gazetteer names among the article's nouns, with the names found already (``tagged``; ``free[i]``
    says token ``i`` is not part of one), all kept to the article's own country: NER guesses on lower-case text
    too ("apex court" is no town in North Carolina)."""
    found: list[Mention] = list(tagged)
    # Each token's attributes are read once: every window of up to three words read them again through a new
    # Span, three million token look-ups on 200 caseless articles.
    usable = [free[token.i] and token.is_alpha and not token.is_stop for token in doc]
    noun = [token.pos_ in NOUNS for token in doc]
    starts = [token.idx for token in doc]
    ends = [token.idx + len(token) for token in doc]
    text = doc.text  # built anew from the tokens at each reading
    position = 0
    while position < len(doc):
        match = None
        for size in range(min(MAX_WORDS, len(doc) - position), 0, -1):
            last = position + size - 1
            if not all(usable[position : last + 1]) or not noun[last]:
                continue
            name = text[starts[position] : ends[last]]
            entries = [entry for entry in gazetteer.lookup(name) if _strong(entry)]
            if entries:
                match = Mention(Span(starts[position], ends[last]), name, entries, "gazetteer")
                break
        position += len(match.text.split()) if match else 1
        if match:
            found.append(match)
    found.sort(key=lambda mention: mention.span)
    country = _home_country(found)
    kept = []
    for mention in found:
        home = [entry for entry in mention.entries if entry.country == country]
        countries = [entry for entry in mention.entries if entry.feature == "country"]
        if home or countries:
            mention.entries = home or countries
            kept.append(mention)
    return _with_dateline(text, kept, gazetteer, country)


def _with_dateline(text: str, found: list[Mention], gazetteer: Gazetteer, country: str | None) -> list[Mention]:
    """Mark the place a "city:" opener names as the dateline; a town too small to be found as a strong name
    ("ayodhya:") is taken there, in the article's country, on the strength of the opener."""
    opener = DATELINE_OPENER.search(text, 0, DATELINE_WITHIN)
    if opener is None:
        return found
    span = Span(opener.start("place"), opener.end("place"))
    for mention in found:
        if mention.span.overlaps(span):
            mention.is_dateline = True
            return found
    entries = [entry for entry in gazetteer.lookup(opener["place"]) if entry.country == country]
    if not entries:
        return found
    opening = Mention(span, opener["place"], entries, "gazetteer", is_dateline=True)
    return sorted([*found, opening], key=lambda mention: mention.span)


def dateline(found: list[Mention]) -> GazetteerEntry | None:
    """The entry of the mention marked as the dateline, the likeliest by size."""
    for mention in found:
        if mention.is_dateline:
            return max(mention.entries, key=lambda entry: entry.population)
    return None


def _strong(entry: GazetteerEntry) -> bool:
    return entry.feature in STRONG_FEATURES or entry.curated or entry.population >= MIN_POPULATION


def _home_country(found: list[Mention]) -> str | None:
    """The country most distinct names can lie in; none when fewer than two do, since one word alone ("apex",
    in "the apex court") is as likely a word as a town."""
    votes = Counter(
        country
        for text in {mention.text.lower(): mention for mention in found}.values()
        for country in {entry.country for entry in text.entries}
    )
    votes.pop(None, None)
    if not votes:
        return None
    count = max(votes.values())
    # A tie goes to the country whose readings of the names hold more people ("delhi" is Delhi before Delingha).
    # Taking the first counted, as before, left it to the order of a set of strings, which changes from process to
    # process: the same article was placed in India on one run and in China on the next.
    people: Counter[str] = Counter()
    for mention in found:
        for entry in mention.entries:
            if entry.country is not None:
                people[entry.country] += entry.population
    country = max((each for each, votes_for in votes.items() if votes_for == count), key=lambda c: (people[c], c))
    return country if count >= MIN_HOME_NAMES else None
