"""Actors: every mention of a person, organisation, state or group, grouped into one actor per article.

Known names resolve through the actor dictionary (its entity ruler has already fixed their NER labels);
unknown names keep their NER label as kind. Grouping is by rule, not by a neural model: surnames, acronyms
defined in the text, titles ("the Prime Minister"), demonyms and capitals with an institution noun ("Iraqi
army", "the Baghdad government"), and he/she/they to the previous sentence's subject when it is a
compatible actor. What the rules cannot place is left unlinked rather than guessed.

The article's actors as they are found are ``actor_grouping``; a state and the institution it modifies,
``state_mentions``; titles, bare acronyms, pronouns and descriptions that refer back, ``actor_references``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from dateline.extract.actor_grouping import ACRONYM, ArticleActor, Grouping, known_actor
from dateline.extract.actor_references import TITLE_SECTOR, quote_spans, resolve_references, resolve_titles_and_acronyms
from dateline.extract.caseless_places import is_caseless
from dateline.extract.roles import DISEASE
from dateline.extract.state_mentions import HEAD_SECTOR, agentive, locative, state_body, state_mention, state_named_by
from dateline.model import Actor, Mention
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.actors import ActorDictionary, KnownActor, compact_key, name_key
from dateline.resources.gazetteer import Gazetteer, fold, strip_article

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan

NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
NEAR_MATCH_SCORE = 90
TOWN_POPULATION = 10_000
AREA_WORDS = frozenset({"area", "district", "town", "city", "village", "region", "province", "neighbourhood"})
TOWN_SPELLING = 80  # rapidfuzz ratio of the folded spellings: "Nasiriya" for "Nasiriyah", "Fallujah" for "Al Fallujah"


def extract(parsed: ParsedArticle, resources: Resources) -> list[Actor | Mention]:
    doc = parsed.doc
    grouping = Grouping(parsed.article.id, doc, resources.actors, resources.gazetteer)
    deferred: list[tuple[DocSpan, str]] = []
    cased = not is_caseless(doc, parsed.article.text)
    for ent in doc.ents:
        span = _trim(ent) if ent.label_ in NAMED_LABELS else None
        if cased and span is not None and ent.label_ in ("PERSON", "ORG") and span.text == span.text.lower():
            continue  # edited text capitalises names: "decided to jettison talks" names no one called Jettison
        if span is not None and _capitalised_for_standing_first(span, ent.ent_id_, resources.events.triggers):
            continue
        if span is not None and not _resolve(grouping, span, ent.label_, ent.ent_id_):
            deferred.append((span, ent.label_))
    # Single words wait until every full name is known: "Khazali" may come before "Qais al-Khazali".
    for span, label in deferred:
        if not _resolve_shared(grouping, span):
            _resolve_single_word(grouping, span, label)
    resolve_titles_and_acronyms(grouping)
    resolve_references(grouping, quote_spans(parsed.article.text))
    return grouping.records()


def _capitalised_for_standing_first(span: DocSpan, ruler_id: str, event_words: Collection[str]) -> bool:
    """A sentence's first word, capitalised only for standing first, is no name whatever the recogniser says: one the
    event lexicon knows that modifies a common noun ("Riot police fired tear gas"), or one the tagger reads as a
    common noun that the actor dictionary does not know ("Warplanes struck the town", tagged ORG)."""
    word = span[0]
    if len(span) != 1 or not word.is_sent_start:
        return False
    modifier = (
        word.dep_ in ("compound", "amod")
        and word.head.pos_ == "NOUN"
        and word.head.is_lower
        and word.lower_ in event_words
    )
    return modifier or (word.pos_ == "NOUN" and not ruler_id)


def _trim(ent: DocSpan) -> DocSpan | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    return doc[start:end] if end > start else None


def _resolve(grouping: Grouping, span: DocSpan, label: str, ruler_id: str) -> bool:
    """Place one entity; False when it is a single unknown word that must wait for the full names."""
    dictionary = grouping.dictionary
    key = compact_key(span.text)
    if not key or DISEASE.fullmatch(span.text):
        return True  # a disease is no party ("a vaccine against COVID-19", "probe into the origins of COVID-19")
    if ruler_id in dictionary.actors:
        actor = dictionary.actors[ruler_id]
        grouping.add(known_actor(actor), span, _spelling_kind(actor, span.text), 0.95)
        return True
    if key in grouping.acronyms:
        grouping.add(grouping.actors[grouping.acronyms[key]], span, "acronym", 0.9)
        return True
    forms = dictionary.forms.get(key, ())
    for roles, via in ((("name", "alias"), "name"), (("demonym",), "demonym"), (("metonym",), "metonym")):
        claims = [form for form in forms if form.role in roles]
        if via == "metonym":
            # A capital stands for its government only as written: the key's vowel folding makes "Bernie" "Berne".
            claims = [form for form in claims if form.text.casefold() == span.text.casefold()]
        if not claims:
            continue
        actor = grouping.choose(claims)
        if actor is None and label in ("ORG", "PERSON"):
            return False  # a spelling two actors share waits until the whole article has named its countries
        if actor is None:
            break
        if actor.kind == "state":
            state_mention(grouping, span, actor, via)
        elif via == "name":
            grouping.add(known_actor(actor), span, _spelling_kind(actor, span.text), 0.9)
        elif via == "metonym" and agentive(span.root):
            grouping.add(known_actor(actor), span, "metonym", 0.75)
        return True
    body = state_body(grouping.dictionary, span) if label in ("ORG", "FAC") else None
    if body is not None:
        grouping.add(body, span, "name", 0.85)  # "the French Embassy", "the Iraqi Foreign Ministry"
        return True
    if label in ("GPE", "FAC", "LOC"):
        return True  # a place, not an actor: the places stage resolves it
    if label == "NORP":
        _group_mention(grouping, span)
        return True
    if _names_a_town(grouping.gazetteer, span):
        return True  # the parser's organisation or person is the places stage's town
    near = _near_match(dictionary, key, label)
    if near is not None:
        grouping.add(known_actor(near), span, "alias", 0.8)
        return True
    if len(span) == 1 and label in ("PERSON", "ORG"):
        return False
    grouping.add(_unknown(grouping, span, label), span, "name", 0.7)
    return True


def _resolve_shared(grouping: Grouping, span: DocSpan) -> bool:
    """A spelling two actors share ("Congress": the US legislature, India's party), once every other name of the
    article is known: the actor whose country the article names most, if one does."""
    forms = grouping.dictionary.forms.get(compact_key(span.text), ())
    claims = [form for form in forms if form.role in ("name", "alias")]
    actor = grouping.choose(claims) if claims else None
    if actor is None:
        return False
    grouping.add(known_actor(actor), span, _spelling_kind(actor, span.text), 0.8)
    return True


def _resolve_single_word(grouping: Grouping, span: DocSpan, label: str) -> None:
    key = compact_key(span.text)
    if key in grouping.acronyms:
        grouping.add(grouping.actors[grouping.acronyms[key]], span, "acronym", 0.85)
        return
    people = grouping.surnames.get(name_key(span.text), set())
    if len(people) == 1:
        # The model sometimes calls a surname an ORG ("Khazali said"); a full name in the article settles it.
        grouping.add(grouping.actors[next(iter(people))], span, "name", 0.85)
        return
    if label == "ORG" and ACRONYM.match(span.text):
        letters = span.text.replace(".", "")
        for actor in grouping.actors.values():
            if actor.kind != "person" and _initials(actor.name) == letters:
                grouping.add(actor, span, "acronym", 0.75)
                return
    grouping.add(_unknown(grouping, span, label), span, "name", 0.65)


def _spelling_kind(actor: KnownActor, text: str) -> str:
    if text == actor.name:
        return "name"
    return "acronym" if ACRONYM.match(text) and text.replace(".", "").isupper() else "alias"


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z][\w'’-]*", name) if word[0].isupper())


def _unknown(grouping: Grouping, span: DocSpan, label: str) -> ArticleActor:
    """A name the dictionary does not know, with the country and sector its neighbours give away."""
    country, sector = _context_of_name(grouping, span)
    actor_id = "name:" + name_key(span.text).replace(" ", "-")
    return ArticleActor(actor_id, span.text, KIND_OF_LABEL.get(label, "group"), country, sector)


def _context_of_name(grouping: Grouping, span: DocSpan) -> tuple[str | None, str | None]:
    # "Iraqi official Ahmed Ali", "Iraq's foreign minister X", "the Iraqi Communist Party".
    doc, country, sector = grouping.doc, None, None
    start = span.start
    while start > grouping.sentence_start[span.start] and span.start - start < 5:
        token = doc[start - 1]
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "DET", "PRON"):
            break
        start -= 1
    for token in [*doc[start : span.start], *span]:
        state = state_named_by(grouping.dictionary, token.text)
        if state is not None and country is None:
            country = state.id
        if token.i < span.start:
            sector = TITLE_SECTOR.get(token.lower_) or HEAD_SECTOR.get(token.lemma_.lower()) or sector
    return country, sector


def _names_a_town(gazetteer: Gazetteer, span: DocSpan) -> bool:
    """ "security forces in Nasiriya", "leaders in Erbil": a name after a locative preposition that the gazetteer
    knows, spelt about so, as a town of some size. The parser often calls such a town an organisation, which would
    then stand as a party; a small namesake ("Congress", Arizona) or an alternate name ("Google" for Topeka) does not
    count."""
    root = span.root
    if root.dep_ == "compound" and root.head.lemma_.lower() in AREA_WORDS:
        root = root.head  # "in Shahpur area", "in the Kurram district"
    if not locative(root):
        return False
    written = fold(span.text)
    return any(
        entry.population >= TOWN_POPULATION and fuzz.ratio(written, strip_article(fold(entry.name))) >= TOWN_SPELLING
        for entry in gazetteer.lookup(span.text)
    )


def _near_match(dictionary: ActorDictionary, key: str, label: str) -> KnownActor | None:
    """A dictionary actor whose spelling is within a letter or two of ``key`` ("Abdel-Fatah Burhan")."""
    if len(key) < 6 or label not in ("PERSON", "ORG"):
        return None
    best = process.extractOne(key, dictionary.blocks.get(key[:2], ()), scorer=fuzz.ratio, score_cutoff=NEAR_MATCH_SCORE)
    if best is None:
        return None
    claims = {form.actor_id for form in dictionary.forms[best[0]] if not form.shared}
    if len(claims) != 1:
        return None
    actor = dictionary.actors[claims.pop()]
    return actor if (actor.kind == "person") == (label == "PERSON") else None


def _group_mention(grouping: Grouping, span: DocSpan) -> None:
    # "the Kurds", "Shiites": an unknown people or community named by a plural noun.
    root = span.root
    if root.tag_ in ("NNPS", "NNS") and root.dep_ not in ("amod", "compound"):
        grouping.add(_unknown(grouping, span, "NORP"), span, "name", 0.6)
