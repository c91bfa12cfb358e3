"""What a trigger names that is no event in PLOVER's sense: an act of nature or an accident ("an earthquake struck",
"a chemical plant exploded"), and a thing released ("released a video"), which only people are. The coder drops
a candidate these tell of, and adds no model-coded event in a sentence that tells of an accident."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span as DocSpan

from dateline.extract import roles
from dateline.extract.acled import mentions_word
from dateline.extract.events.candidates import Candidate
from dateline.extract.events.recode import ACTED_ON
from dateline.extract.events.syntax import (
    SUBJECTS,
    first_child,
    lemma_forms,
    lemma_of,
    parse_arrays,
    walk_arrays,
    word_arrays,
)

# What is released when nobody is: words, recordings, figures and documents.
RELEASED_THINGS = roles.SAID | frozenset(
    {"video", "footage", "photo", "photograph", "image", "picture", "book", "album", "song", "film", "movie",
     "documentary", "recording", "tape", "audio", "transcript", "data", "figure", "number", "statistic", "poll",
     "survey", "list", "document", "paper", "memo", "letter", "email", "ad", "advertisement", "budget", "detail",
     "name", "information", "schedule", "guideline", "update", "trailer", "manifesto", "agenda", "study", "record",
     "fund", "money", "tax", "return", "text", "note", "edition", "issue", "episode", "product"}
)  # fmt: skip
# An earthquake or an accident kills no one in PLOVER's sense: a toll with no agent beside these is no ASSAULT.
DISASTER_WORDS = frozenset(
    {"earthquake", "quake", "tremor", "volcano", "flood", "floods", "cyclone", "hurricane", "typhoon", "storm",
     "landslide", "avalanche", "tsunami", "crash", "collision", "accident", "derailment", "fire", "blaze",
     "collapse", "eruption", "erupt", "drown", "heatwave", "outbreak", "epidemic", "pandemic"}
)  # fmt: skip
DISASTER_VERBS = frozenset({"erupt", "drown", "collapse", "flood"})
GUNFIRE_HEADS = frozenset({"open", "return", "exchange", "trade", "draw", "under", "of", "hold", "cease"})
# A plant or warehouse that explodes is an accident, not an attack.
FACILITY_WORDS = frozenset(
    {"plant", "factory", "warehouse", "boiler", "pipeline", "refinery", "depot", "cylinder", "mill", "reactor"}
)
BLAST_WORDS = frozenset({"explosion", "explosions", "blast", "blasts", "fire", "fires", "leak"})


def releases_a_thing(candidate: Candidate) -> bool:
    """ "Released a video", "freed up funds": only people are released in PLOVER's sense (RETREAT), not
    statements, recordings or things."""
    if candidate.kind != "RETREAT" or candidate.mode != "release":
        return False
    released = first_child(list(candidate.head.children), ACTED_ON)
    return released is not None and (lemma_of(released) in RELEASED_THINGS or roles.is_thing(released, frozenset()))


def act_of_nature(candidate: Candidate, sentence: DocSpan) -> bool:
    if candidate.kind != "ASSAULT" or candidate.source.actor_id is not None:
        return False
    if candidate.source.text is not None and mentions_word(candidate.source.text, DISASTER_WORDS):
        return True  # "an earthquake struck"
    if mentions_word(candidate.source.text, FACILITY_WORDS) and mentions_word(candidate.source.text, BLAST_WORDS):
        return True  # "demolished by a fertilizer plant explosion"
    return tells_an_accident(sentence, exploded_only=candidate.source.text is not None)


def tells_an_accident(sentence: DocSpan, exploded_only: bool = False) -> bool:
    """A disaster or an accident is told in the sentence: "an earthquake", "when a chemical plant exploded"."""
    # Read off the document's arrays: a Token per word of the sentence, for every candidate in it, cost more.
    doc, words = sentence.doc, range(sentence.start, sentence.end)
    lemmas, parts, (children, labels, _) = lemma_forms(doc), word_arrays(doc)[0], walk_arrays(doc)
    exploded = [index for index in words if lemmas[index] in ("explode", "blow")]
    if any(
        lemmas[child] in FACILITY_WORDS for verb in exploded for child in children[verb] if labels[child] in SUBJECTS
    ):
        return True
    if exploded_only:
        return False
    # "a fire", not "fired four shells", nor the gunfire of "opened fire" or "an exchange of fire"
    heads = parse_arrays(doc)[0]
    return any(
        (lemmas[index] in DISASTER_WORDS and parts[index] != "VERB" and not _gunfire(index, heads, lemmas, children))
        or lemmas[index] in DISASTER_VERBS
        for index in words
    )


def _gunfire(index: int, heads: list[int], lemmas: list[str], children: list[Sequence[int]]) -> bool:
    """ "opened fire", "returned fire", "came under fire", "an exchange of fire": shots, not a blaze (which has
    an article or acts: "a fire broke out", "fire engulfed")."""
    if lemmas[index] != "fire" or any(lemmas[child] in ("a", "the") for child in children[index]):
        return False
    return lemmas[heads[index]] in GUNFIRE_HEADS
