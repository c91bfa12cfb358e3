"""The event's own place in its sentence: which of the places the sentence names is where the event happened.

It is a trained choice, not the nearest name: every place the sentence names, resolved or only tagged as one ("the
village of Huwaysis"), is scored by the place model (``resources/place_model.npz``, ``make train-places``) from where
it stands against the trigger (its preposition and what that attaches to, the path between them in the parse,
whether it names an actor, how precise it is, and what the sentence says of the act as a whole: its object, the verb
it is told under), and the best one wins if it is likely enough. ``when_where.where`` falls back on the dateline and
the article's earlier places when the sentence states none.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import weakref
from collections.abc import Iterator, Sequence

import numpy as np
from spacy.tokens import Doc, Token

from dateline.extract.anchoring import (
    path_between,
)
from dateline.extract.events.syntax import (
    children_of,
    depth_at,
    governs,
    governs_at,
    lemma_forms,
    parse_arrays,
    word_arrays,
    word_end,
)
from dateline.model import Mention, Place, Quote, Span
from dateline.resources.place_model import PlaceModel
from dateline.resources.word_vectors import DIMENSIONS, word_vectors

PRECISION_RANK = {"exact": 0, "admin": 1, "country": 2}
NAME_WORD = re.compile(r"[a-z0-9]+")
VECTOR_FEATURES = {
    name: tuple(f"{name}={dimension}" for dimension in range(DIMENSIONS))
    for name in ("act_vector", "describes_vector", "name_vector", "object_vector", "root_vector")
}


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset(
    {"in", "at", "near", "inside", "outside", "around", "across", "along", "within", "throughout", "into", "over"}
)
# Prepositions kept as their own feature; any other is "other".
PREPOSITIONS = frozenset(
    {"in", "at", "near", "on", "over", "across", "along", "outside", "inside", "into", "around", "between", "within",
     "throughout", "from", "to", "of", "off", "against", "for", "toward", "towards", "by", "through", "with"}
)  # fmt: skip
DEPENDENCIES = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "compound", "amod", "nmod", "appos", "pobj", "conj"})
PARTY_DEPENDENCIES = frozenset({"nsubj", "nsubjpass", "dobj", "appos", "attr", "agent"})
MODIFIERS = frozenset({"compound", "poss", "amod", "nmod"})
# A name the small model does not tag, known by the word for a settlement or an area beside it: "the village of
# Huwaysis", "in Sinjar town", "the Kokrajhar district", "the Minyan Suburb", "the Balata refugee camp".
AREA_WORDS = (
    r"(?:village|town|city|district|province|governorate|region|area|neighbou?rhood|suburb|camp|county|sector|block|"
    r"locality|quarter|colony|community|valley|municipality)"
)
_NAME = r"[A-Z][\w'’-]*(?:[ \t]+(?:al-|el-)?[A-Z][\w'’-]*){0,3}"
# "the towns of Jubb Al-Jarrah", "the Jumla and Diwan villages": the plural names each place as well.
AREA_WORDS_PLURAL = rf"(?:{AREA_WORDS}(?:s|es)?|cities|communities|localities|colonies|municipalities)"
AREA_WORD = re.compile(AREA_WORDS, re.IGNORECASE)
AREA_OF = re.compile(rf"\b(?i:{AREA_WORDS_PLURAL})[ \t]+of[ \t]+(?P<name>{_NAME})")
NAME_AREA = re.compile(rf"(?P<name>{_NAME})[ \t]+(?:refugee[ \t]+)?(?i:{AREA_WORDS_PLURAL})\b")
# "some 100 km west of Mosul", "north of Kutum", "55 kilometers from the provincial capital of Sweida": a place
# named to say where another one lies, not where anything happened.
REFERENCE = re.compile(
    r"\b(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?|kms?|kilomet(?:er|re)s?|miles?)\)?[ \t]+"
    r"(?:of|from)[ \t]+(?:the[ \t]+)?(?:[\w'’-]+[ \t]+){0,3}$",
    re.IGNORECASE,
)
# "Khanasir town in the southern countryside of Aleppo", "Sani area, north of Kutum": what lies between a place
# and a wider one it is said to lie in.
WITHIN = re.compile(
    rf"\A[ \t]*(?:(?:refugee[ \t]+)?(?i:{AREA_WORDS})[ \t]*)?(?:,|in\b|of\b|near\b|outside\b)[^.;:]{{0,40}}\Z"
)
# What the small model tags as a people or a time is no place, even among proper nouns. What it tags as a person
# may be: it takes many a village for a man ("stormed Najarah", "inside Kafr Sousah", "at Zara"); such a run is a
# candidate of its own kind, and the chooser weighs it.
NOT_PLACE_NAMES = frozenset({"NORP", "DATE", "TIME"})
# The kinds of candidate found as runs of proper nouns alone (no tagger, gazetteer or area word took them for
# places): one that names an actor the dictionary knows is that actor.
PROPER_RUNS = frozenset({"proper", "object", "person_proper", "person_object"})
# "the West Bank town of Hebron", "Mexico's northern city of Monterrey": the wider place first, then the one in it.
# An area word right after the first name is that name's own ("the Sayidda Zaynab district of Damascus", "Paloch
# County of Western Lakes State"): the first lies in the second, unless the word names a settlement.
SETTLEMENT_WORDS = r"(?:town|city|village|province|governorate|capital)"
OF_AREA = re.compile(
    rf"\A(?:['’]s)?[ \t]+(?:(?:[\w-]+[ \t]+)?(?i:{SETTLEMENT_WORDS})|[\w-]+[ \t]+(?i:{AREA_WORDS}))[ \t]+of[ \t]+"
    r"(?:the[ \t]+)?\Z"
)
# The head words of a body's name: a run of proper nouns ending in one ("ARA News", "the Southern Front", "the
# Legislative Council") names who acted or was acted on, seldom where.
BODY_WORDS = frozenset(
    {"news", "force", "forces", "front", "party", "council", "brotherhood", "army", "alliance", "brigade", "brigades",
     "movement", "group", "government", "ministry", "agency", "committee", "organization", "organisation", "union",
     "press", "times", "post", "network", "corps", "navy", "court", "assembly", "congress", "parliament", "house"}
)  # fmt: skip
# Calendar words the small model or a locative sometimes hands over as a name: "in March", "on Thursday".
CALENDAR_LABELS = frozenset({"DATE", "TIME"})
# The steps of a dependency path kept as a feature, each side: a longer path is told as long.
PATH_STEPS = 4
# The act's object, whose word says what kind of act it is ("exercised pressure", "captured the silver").
OBJECTS = frozenset({"dobj", "attr", "oprd"})
# What parts a clause or an aside from the next: the place chooser counts them between a place and the act.
SEPARATORS = frozenset({",", ";", ":", "--", "—"})
NOT_NAMES = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "whole", "same", "one"})


def stated_place(
    anchor: Token,
    sentence: Span,
    places: list[Place],
    mentions: list[Mention],
    chants: list[Quote],
    model: PlaceModel,
) -> Place | None:
    """The place the sentence gives for the event whose trigger is ``anchor``, or ``None`` when it gives none.
    A capital the actors stage read as its government ("rejected by Washington", "Moscow warned") acts, and is no
    scene; it stays among the candidates the others are scored against."""
    if not model:
        return None
    candidates = sentence_places(anchor.doc, sentence, places, chants)
    if not candidates:
        return None
    acting = [mention.evidence for mention in mentions if mention.mention_kind == "metonym"]
    best = _likeliest(anchor, candidates, mentions, model, acting)
    if best is None and _adjunct(anchor) and not any(_governs(anchor, _root(anchor.doc, p)) for p in candidates):
        # "crashed in Logar province on Tuesday, killing five soldiers": a participle that names no place of its
        # own tells of the act it hangs from, where that act happened.
        return _likeliest(anchor.head, candidates, mentions, model, acting)
    return best


def _likeliest(
    anchor: Token, candidates: list[Place], mentions: list[Mention], model: PlaceModel, acting: list[Span]
) -> Place | None:
    scored = [
        (model.probability(values), place)
        for place, values in place_features(anchor, candidates, mentions)
        if not any(span.overlaps(place.evidence) for span in acting)
    ]
    if not scored:
        return None
    probability, best = max(scored, key=lambda pair: pair[0])
    return best if probability >= model.threshold else None


def _adjunct(anchor: Token) -> bool:
    return anchor.dep_ == "advcl" and anchor.tag_ == "VBG" and anchor.head.i != anchor.i


def _root(doc: Doc, place: Place) -> Token:
    return doc.char_span(place.evidence.start, place.evidence.end, alignment_mode="expand").root


def sentence_places(doc: Doc, sentence: Span, places: list[Place], chants: list[Quote]) -> list[Place]:
    """Every place the sentence names: the places stage's, then names tagged as places or standing beside an area
    word that the gazetteer could not resolve (kept with their text alone: no coordinates are invented)."""
    # Each trigger of a sentence asks for its places: they are found once per sentence (of the document in hand).
    by_sentence = _document_readings(doc)[2]
    kept = by_sentence.get(sentence)
    if kept is None or kept[0] is not places or kept[1] is not chants:
        kept = by_sentence[sentence] = (places, chants, _sentence_places(doc, sentence, places, chants))
    return list(kept[2])


def _sentence_places(doc: Doc, sentence: Span, places: list[Place], chants: list[Quote]) -> list[Place]:
    found = [
        place
        for place in places
        if sentence.start <= place.evidence.start
        and place.evidence.end <= sentence.end
        and not any(chant.evidence.contains(place.evidence) for chant in chants)
    ]
    words = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    text, entities, _ = _document_readings(doc)
    written = text[words.start_char : words.end_char]  # ``Span.text`` is rebuilt from every token on each ask
    if written == written.lower():
        return found  # written without capitals: what NER tags there is a guess ("ulama", "temple")
    taken = [place.evidence for place in found]
    spans = [(span, "tagged") for start, end, span in entities if start >= words.start and end <= words.end]
    for pattern in (AREA_OF, NAME_AREA):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            start = match.start("name")
            if text[start : match.end("name")].split()[0].lower() not in NOT_NAMES:
                spans.append((Span(start, match.end("name")), "area"))
    spans.extend((span, "named") for span in _names_after_locatives(doc, words.start, words.end))
    spans.extend(_proper_names(doc, words.start, words.end))
    for span, source in sorted(spans, key=lambda pair: pair[0]):
        # A name never runs across a line break: a tagged span that does holds a headline or a caption too.
        if (
            span.end > span.start
            and "\n" not in text[span.start : span.end]
            and not any(span.overlaps(other) for other in taken)
            and not _calendar(doc, span)
        ):
            taken.append(span)
            name = text[span.start : span.end]
            found.append(
                Place("", span, name, None, name, source, None, (), None, None, None, "none", False, False, 0.3)
            )
    return sorted((place for place in found if not _calendar(doc, place.evidence)), key=lambda place: place.evidence)


def _calendar(doc: Doc, span: Span) -> bool:
    """A month or a day taken for a name ("in late March", "on Thursday"): no place."""
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or len(words) == 0:
        return False
    entities = word_arrays(doc)[1]
    return all(entities[index] in CALENDAR_LABELS for index in range(words.start, words.end))


# Doc.text and Doc.ents are rebuilt from every token on each call, and a document's sentences ask for them once per
# event candidate: on long articles that cost more than the rest of the events stage. Each is built once per Doc,
# and kept for the Doc in hand only: an entity Span holds its Doc, so a cache keyed weakly by Doc kept every Doc of
# a run alive (a 30 MB text's parts grew the process by about 2 MB each until it passed its memory cap). Of the
# entities only the places' word bounds and names are kept ("the" left out of a name), and the places of each
# sentence beside them, with the lists they were found from. The Doc itself is held by a weak reference: held
# strongly, each article's parse (and every reading cached for it) lived on until the next article's events stage
# replaced it, and was torn down there, on that article's bill.
_SentencePlaces = dict[Span, tuple[list[Place], list[Quote], list[Place]]]
_PlaceEntities = tuple[tuple[int, int, Span], ...]
_LAST_DOC: list[tuple[weakref.ref[Doc], str, _PlaceEntities, _SentencePlaces]] = []


def read_from(doc: Doc, text: str) -> None:
    """Tell the readings below that ``doc`` was parsed from ``text`` (the article's, which the parse covers
    exactly): rebuilding ``Doc.text`` from its tokens cost about 4% of the events stage."""
    _document_readings(doc, text)


def _document_readings(doc: Doc, text: str | None = None) -> tuple[str, _PlaceEntities, _SentencePlaces]:
    kept = _LAST_DOC[0] if _LAST_DOC else None  # one read: another thread may replace the slot meanwhile
    if kept is None or kept[0]() is not doc:
        kept = (weakref.ref(doc), doc.text if text is None else text, _place_entities(doc), {})
        _LAST_DOC[:] = [kept]
    return kept[1], kept[2], kept[3]


def _place_entities(doc: Doc) -> _PlaceEntities:
    """The word bounds and the name of each entity tagged as a place, in text order ("the" left out of a name)."""
    found = []
    for entity in doc.ents:
        if entity.label_ in PLACE_LABELS:
            skipped = 4 if entity.text.lower().startswith("the ") else 0
            found.append((entity.start, entity.end, Span(entity.start_char + skipped, entity.end_char)))
    return tuple(found)


def _names_after_locatives(doc: Doc, start: int, end: int) -> Iterator[Span]:
    """Proper names a locative preposition governs among the words from ``start`` to ``end``, "in Kafr Sousah",
    "near the Kuweires Military Airport", as one span with their compound words, even those tagged as a person's
    (one is seldom "in" a man)."""
    # Read off the document's arrays: a Token per word, and per head and neighbour, cost more than the rest.
    heads, labels = parse_arrays(doc)
    parts, _, offsets, lowers = word_arrays(doc)
    for index in range(start, end):
        if parts[index] != "PROPN" or labels[index] != "pobj" or lowers[heads[index]] not in LOCATIVE:
            continue
        first = index
        while first > start and parts[first - 1] == "PROPN" and heads[first - 1] in (index, first):
            first -= 1
        yield Span(offsets[first], word_end(doc, index))


def _proper_names(doc: Doc, start: int, end: int) -> Iterator[tuple[Span, str]]:
    """Every other run of proper nouns among the words from ``start`` to ``end``, "stormed Najarah", "inside Kafr
    Sousah", "the streets of Al-Qamishli": a village the small model missed or took for an organisation or a person,
    or no place at all. The chooser weighs them (by what the model tagged, where they stand) against the names the
    sentence tags; those a verb acts on are told apart ("object"), and so are runs tagged as a person's name."""
    heads, labels = parse_arrays(doc)
    parts, entities, offsets, lowers = word_arrays(doc)
    run: list[int] = []
    for index in range(start, end + 1):
        if index < end and parts[index] == "PROPN" and entities[index] not in NOT_PLACE_NAMES:
            run.append(index)
            continue
        if run and index + 1 < end and _joins_name(doc, index, parts, entities, offsets, lowers):
            continue  # "Al-Mayadeen", "Kafr-Nabl": the tokenizer splits a name at its hyphen
        if run:
            root = min(run, key=lambda word: depth_at(heads, word))
            kind = "object" if labels[root] in ("dobj", "nsubjpass") else "proper"
            if any(entities[word] == "PERSON" for word in run):
                kind = f"person_{kind}"  # mostly a person's name: the chooser learns how seldom it is a place
            yield Span(offsets[run[0]], word_end(doc, run[-1])), kind
            run = []


def _joins_name(
    doc: Doc, index: int, parts: list[str], entities: list[str], offsets: list[int], lowers: list[str]
) -> bool:
    """Whether the word at ``index`` is a hyphen inside a name, between two proper nouns with no space around it."""
    return (
        lowers[index] == "-"
        and parts[index + 1] == "PROPN"
        and entities[index + 1] not in NOT_PLACE_NAMES
        and word_end(doc, index - 1) == offsets[index]
        and offsets[index] + 1 == offsets[index + 1]
    )


@functools.lru_cache(maxsize=1 << 14)
def vector_features(kind: str, text: str) -> tuple[tuple[str, float], ...]:
    """A word's (or, for ``name_vector``, a name's) GloVe vector as features ``kind=0`` .. ``kind=49``; none for a
    text GloVe does not know (zeros weigh nothing). Kept per text: the chooser meets the same acts and names again."""
    vector = _name_vector(text) if kind == "name_vector" else word_vectors([text])[0]
    return tuple(zip(VECTOR_FEATURES[kind], vector.tolist(), strict=True)) if vector.any() else ()


def _name_vector(name: str) -> np.ndarray:
    """The mean of the unit vectors of a name's words that GloVe knows, at unit length (zeros if it knows none)."""
    known = [vector for vector in word_vectors(NAME_WORD.findall(name.lower())) if vector.any()]
    if not known:
        return np.zeros(DIMENSIONS, dtype=np.float32)
    mean = np.mean(known, axis=0)
    return mean / (np.linalg.norm(mean) or 1.0)


def place_features(
    anchor: Token, candidates: list[Place], mentions: list[Mention]
) -> list[tuple[Place, dict[str, float]]]:
    """Each candidate that may be a place of happening, with what the chooser reads of it (training computes
    exactly these)."""
    # The words around the candidates are read off the document's arrays: a Token per head and
    # preposition cost more than the rest of the features.
    doc = anchor.doc
    heads, labels = parse_arrays(doc)
    parts, entities, _, lowers = word_arrays(doc)
    at = anchor.i
    spans = [doc.char_span(place.evidence.start, place.evidence.end, alignment_mode="expand") for place in candidates]
    roots = [words.root for words in spans]
    distances = [abs(root.i - at) for root in roots]
    nearest = min(distances)
    anchor_depth = depth_at(heads, at)
    anchor_pos = parts[at] if parts[at] in ("VERB", "NOUN", "AUX") else "other"
    lemmas = lemma_forms(doc)
    act = lemmas[at]
    act_vector = vector_features("act_vector", act)
    ranks = sorted(set(distances))
    sharpest = min(PRECISION_RANK.get(place.precision, 3) for place in candidates)
    text = _document_readings(doc)[0]
    inner, outer = _nesting(doc, text, candidates)
    inside = [root.i == at or governs_at(heads, at, root.i, 50) for root in roots]
    paths = [path_between(root, anchor) for root in roots]
    nearness = _nearness(at, [root.i for root in roots], paths)
    # The article's mentions that can overlap a candidate, found in one pass: each candidate asks twice.
    low, high = min(place.evidence.start for place in candidates), max(place.evidence.end for place in candidates)
    nearby = [mention for mention in mentions if mention.evidence.start < high and low < mention.evidence.end]
    named = [any(mention.evidence.overlaps(place.evidence) for mention in nearby) for place in candidates]
    shared = _sentence_values(at, children_of(doc)[at], heads, labels, lemmas, candidates, named)
    rows = []
    for place, words, root, distance, own, path, near, names_actor in zip(
        candidates, spans, roots, distances, inside, paths, nearness, named, strict=True
    ):
        index = root.i
        preposition = _preposition(index, heads, labels)
        lemma = "none" if preposition < 0 else lowers[preposition] if lowers[preposition] in PREPOSITIONS else "other"
        label = labels[index]
        values = {
            f"prep={lemma}": 1.0,
            f"dep={label if label in DEPENDENCIES else 'other'}": 1.0,
            f"precision={place.precision}": 1.0,
            f"source={'gazetteer' if place.geonames_id is not None else place.feature}": 1.0,
            f"label={entities[index] or 'none'}": 1.0,
            f"anchor={anchor_pos}": 1.0,
            f"candidates={min(len(candidates), 3)}": 1.0,
            "anchor_depth": min(anchor_depth, 4) / 4,
            "distance": math.log1p(distance) / 3,
            "after": float(index > at),
            "nearest": float(distance == nearest),
            "names_actor": float(names_actor),
            "possessive": float(index + 1 < len(lowers) and lowers[index + 1] in ("'s", "’s")),
            f"rank={min(ranks.index(distance), 3)}": 1.0,
            "most_precise": float(PRECISION_RANK.get(place.precision, 3) == sharpest),
            "reference": float(
                REFERENCE.search(text, max(0, place.evidence.start - 60), place.evidence.start) is not None
            ),
            "inner": float(place in inner),
            "outer": float(place in outer),
            # A resolved place in a country no other place of the sentence lies in, beside places that agree with
            # each other: often a homonym the gazetteer chose ("Mission", Texas, in a story on Somalia).
            "stray_country": float(_stray(place, candidates)),
            f"shape={_shape(place.text)}": 1.0,
            "body_word": float(place.text.split()[-1].lower() in BODY_WORDS),
        }
        lowest, up_place, up_anchor, broken = path
        # How many clauses lie between the place and the act, told by the commas and verbs between them: "killed
        # in Homs" against "in Homs, where ..., the army shelled ...".
        between = range(words.end, at) if index < at else range(at + 1, words.start)
        commas = sum(lowers[word] in SEPARATORS for word in between)
        verbs = sum(parts[word] in ("VERB", "AUX") and labels[word] not in ("aux", "auxpass") for word in between)
        values[f"commas_between={min(commas, 3)}"] = 1.0
        values[f"verbs_between={min(verbs, 3)}"] = 1.0
        values.update(near)
        values["in_anchor_subtree"] = float(lowest == at)
        # "launched an offensive in Hama, targeting the village of Ma'ardes": a place of the act's own phrase
        # outranks one of the clause it hangs from; without one ("crashed in Logar, killing five") it does not.
        values["rival_in_subtree"] = float(not own and any(inside))
        values["up_from_place"] = min(up_place, 6) / 6
        values["up_from_anchor"] = min(up_anchor, 6) / 6
        values["clause_break"] = float(broken)
        values[f"path={_path(heads, labels, lowers, index, at, lowest)}"] = 1.0
        # "the head of ISIS forces in Tabqa town was killed", "a cab driver from Abidjan": a place that
        # describes a party of the act, not the act.
        described = heads[preposition] if preposition >= 0 else heads[index]
        values["describes_party"] = float(
            described != at and parts[described] in ("NOUN", "PROPN") and labels[described] in PARTY_DEPENDENCIES
        )
        # The word a place qualifies says whether it is a scene: "the Tuwaitha plant", "Katarko village", "a
        # hospital in Misrata" are places of happening; "a source in Damascus", "the governor of Manbij" are not.
        qualified = heads[index] if label in MODIFIERS else described
        if qualified not in (at, index):
            values[f"describes={lemmas[qualified]}"] = 1.0
        if preposition >= 0:
            attached = heads[preposition]
            # "crashed in Logar province, killing five": a participle told of an act is where that act is.
            where = (
                "anchor"
                if attached == at
                else "subtree"
                if governs_at(heads, at, attached, 50)
                else "head"
                if attached == heads[at] and labels[at] == "advcl"
                else "elsewhere"
            )
            values[f"prep_on={where}"] = 1.0
            values[f"prep={lemma}&on={where}"] = 1.0
        values[f"prep={lemma}&subtree={lowest == at}"] = 1.0
        # What the act is says which of its places is where: one protests against a place, fights in it, marches
        # to it; the verb's own lemma (the model knows those it was trained on, and nothing of the others).
        values[f"act={act}"] = 1.0
        values[f"act={act}&prep={lemma}"] = 1.0
        # The same three words as GloVe vectors, which carry what the chooser learnt of one word to the words
        # near it in meaning: an act it never saw ("bombarded" beside "shelled"), a scene word ("compound" beside
        # "base"), and a name that reads as a person's or a people's rather than a place's ("Sheehan", "Croats").
        # The training sentences are few, and these generalise where the words themselves cannot.
        values.update(act_vector)
        if qualified not in (at, index):
            values.update(vector_features("describes_vector", lemmas[qualified]))
        values.update(vector_features("name_vector", place.text))
        values.update(shared)
        others = [other.i for other in roots if other.i != index]
        values["qualifies_another"] = float(any(governs_at(heads, other, index, 3) for other in others))
        values["qualified_by_another"] = float(any(governs_at(heads, index, other, 3) for other in others))
        # "a funeral for those killed in air raids" did not happen where the funeral did: a trigger describing
        # a noun mostly takes only a place inside its own phrase.
        values["buried_outside"] = float(lowest != at and labels[at] in ("acl", "relcl"))
        # A place naming an actor that modifies a noun is mostly that actor ("U.S. airstrikes", "Iraq's army"),
        # even where a preposition governs the noun ("killed in U.S. airstrikes"); a run of proper nouns no tagger
        # or gazetteer took for a place that names one mostly is too ("attacks on Hashd al-Sha'abi fighters").
        # Only an actor the dictionary knows: a name the actors stage merely took for one may be a village, and
        # a settlement or an area never is one ("the Sayidda Zaynab district"). Yet "Liberia's capital", "near
        # Pakistan's parliament" say where: such a name stays a candidate, told apart by the noun it modifies.
        known = any(
            mention.evidence.overlaps(place.evidence) and not mention.actor_id.startswith("name:") for mention in nearby
        )
        if known and label in MODIFIERS and not AREA_WORD.fullmatch(lowers[heads[index]]):
            values["actor_modifier"] = 1.0
            values[f"actor_modifier&dep={label}"] = 1.0
            values[f"actor_modifier&head={lemmas[heads[index]]}"] = 1.0
        if known and place.feature in PROPER_RUNS:
            values["actor_run"] = 1.0
        rows.append((place, values))
    return rows


def _sentence_values(
    at: int,
    children: Sequence[int],
    heads: list[int],
    labels: list[str],
    lemmas: list[str],
    candidates: list[Place],
    named: list[bool],
) -> dict[str, float]:
    """What every place of the sentence shares, and so what weighs its places together against "none" (a feature
    all of them carry is a score of "none" with the sign turned): the act's object and the sentence's main verb as
    word vectors, and how many of its places can be places at all. "put pressure on the regime" or "won the gold"
    seldom has a place of happening however many the sentence names, an act under "believed" or "told reporters" is
    told of rather than placed, and a sentence naming two towns besides its actors is likelier to say where than one
    whose only candidate is a run of proper nouns or an actor's name."""
    values = {}
    obj = next((child for child in children if labels[child] in OBJECTS), None)
    if obj is not None:
        values.update(vector_features("object_vector", lemmas[obj]))
    top = at
    while heads[top] != top:
        top = heads[top]
    if top != at:
        values.update(vector_features("root_vector", lemmas[top]))
    plausible = sum(
        not names_actor and (place.geonames_id is not None or place.feature not in PROPER_RUNS)
        for place, names_actor in zip(candidates, named, strict=True)
    )
    values[f"places={min(plausible, 3)}"] = 1.0
    return values


def _nearness(at: int, roots: list[int], paths: list[tuple[int, int, int, bool]]) -> list[dict[str, float]]:
    """Where each candidate ranks against the sentence's others: the nearest to the act on its side of it, and its
    rank by the steps between them in the parse. A place's own features say little of this alone: "in Homs" a
    clause away is still the act's place when it names no other."""
    first_after = min((root for root in roots if root > at), default=None)
    last_before = max((root for root in roots if root < at), default=None)
    steps = [up_place + up_anchor for _, up_place, up_anchor, _ in paths]
    levels = sorted(set(steps))
    return [
        {
            "nearest_after": float(root == first_after),
            "nearest_before": float(root == last_before),
            "parse_nearest": float(length == levels[0]),
            f"parse_rank={min(levels.index(length), 2)}": 1.0,
        }
        for root, length in zip(roots, steps, strict=True)
    ]


def _path(heads: list[int], labels: list[str], lowers: list[str], index: int, at: int, lowest: int) -> str:
    """The dependency labels from the place up to where it meets the act, then from the act up to there, each
    preposition on the way by its word: "pobj<prep=in|", "pobj<prep=of<pobj<prep=in|dobj"."""
    return f"{_climb(heads, labels, lowers, index, lowest)}|{_climb(heads, labels, lowers, at, lowest)}"


def _climb(heads: list[int], labels: list[str], lowers: list[str], index: int, top: int) -> str:
    steps = []
    while index != top and heads[index] != index:
        if len(steps) == PATH_STEPS:
            return "<".join(steps) + "<..."
        if labels[index] == "prep":
            steps.append(f"prep={lowers[index] if lowers[index] in PREPOSITIONS else 'other'}")
        else:
            steps.append(labels[index])
        index = heads[index]
    return "<".join(steps)


def _shape(name: str) -> str:
    """ "acronym" (SAA, BJP, US), "abbreviated" (Mr., Gov.), "one" word or "several"."""
    letters = name.replace(".", "")
    if letters.isalpha() and letters.isupper() and len(letters) <= 6:
        return "acronym"
    if name.endswith("."):
        return "abbreviated"
    return "one" if len(name.split()) == 1 else "several"


def _stray(place: Place, candidates: list[Place]) -> bool:
    countries = [other.country for other in candidates if other is not place and other.country is not None]
    return place.country is not None and len(countries) > 0 and place.country not in countries


def _nesting(doc: Doc, text: str, candidates: list[Place]) -> tuple[list[Place], list[Place]]:
    """The candidates said to lie in a wider one named beside them ("Khanasir town in the countryside of Aleppo",
    "Sani area, north of Kutum", "the West Bank town of Hebron"), and those wider ones."""
    inner, outer = [], []
    ordered = sorted(candidates, key=lambda place: place.evidence)
    for first, second in itertools.pairwise(ordered):
        gap = text[first.evidence.end : second.evidence.start]
        words = doc.char_span(first.evidence.end, second.evidence.start, alignment_mode="contract")
        if OF_AREA.match(gap) and second.precision != "country":  # "the Ghazni province of Afghanistan"
            inner.append(second)
            outer.append(first)
        elif WITHIN.match(gap) and (words is None or not any(word.pos_ in ("VERB", "AUX") for word in words)):
            inner.append(first)
            outer.append(second)
    return inner, outer


def _preposition(index: int, heads: list[int], labels: list[str]) -> int:
    """The index of the preposition the place whose root is at ``index`` hangs from, through coordination and a
    head noun ("in Sinjar town", "in A and B"), or -1."""
    for _ in range(3):
        if labels[index] == "pobj" and labels[heads[index]] in ("prep", "agent", "dative"):
            return heads[index]
        if labels[index] not in ("conj", "compound", "appos", "nmod", "amod") or heads[index] == index:
            return -1
        index = heads[index]
    return -1


def _governs(ancestor: Token, token: Token, reach: int = 50) -> bool:
    return governs(ancestor, token, reach)
