"""Actors: every mention of a person, organisation, state or group, grouped into one actor per article.

Known names resolve through the actor dictionary (its entity ruler has already fixed their NER labels);
unknown names keep their NER label as kind. Grouping is by rule, not by a neural model: surnames, acronyms
defined in the text, titles ("the Prime Minister"), demonyms and capitals with an institution noun ("Iraqi
army", "the Baghdad government"), and he/she/they to the previous sentence's subject when it is a
compatible actor. What the rules cannot place is left unlinked rather than guessed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from dateline.extract.caseless_places import is_caseless
from dateline.extract.roles import DATE_ENTITIES, DISEASE
from dateline.model import Actor, Mention, Span
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.actors import ActorDictionary, Form, KnownActor, compact_key, name_key
from dateline.resources.gazetteer import Gazetteer, fold, strip_article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
# A state's warplanes, missiles and strikes act for its military ("Turkish jets bombed", "Israeli air strikes"); the
# mention is the state's word alone, since the weapon is no actor.
WEAPON_HEADS = frozenset(
    {"warplane", "jet", "bomber", "drone", "missile", "rocket", "tank", "warship", "gunboat", "helicopter",
     "airstrike", "bombardment", "shelling", "artillery", "howitzer", "mortar", "aircraft", "fighter-jet"}
)  # fmt: skip
# The noun a demonym, state name or capital modifies says which institution acts ("Iraqi army" -> MIL).
HEAD_SECTOR = {
    **dict.fromkeys(("government", "administration", "authority", "cabinet", "ministry", "regime"), "GOV"),
    **dict.fromkeys(("official", "leadership", "presidency", "diplomat", "embassy", "envoy", "state"), "GOV"),
    **dict.fromkeys(("army", "military", "force", "troop", "soldier", "navy", "marine", "airforce"), "MIL"),
    **dict.fromkeys(WEAPON_HEADS, "MIL"),
    **dict.fromkeys(("police", "policeman", "gendarmerie"), "COP"),
    **dict.fromkeys(("parliament", "lawmaker", "legislator", "legislature", "mp", "congress", "senate"), "LEG"),
    **dict.fromkeys(("court", "judiciary", "judge", "prosecutor"), "JUD"),
    **dict.fromkeys(("intelligence",), "SPY"),
    **dict.fromkeys(("rebel", "insurgent", "militant", "militia", "guerrilla", "jihadist", "resistance"), "REB"),
    **dict.fromkeys(("opposition", "dissident"), "OPP"),
    **dict.fromkeys(("civilian", "resident", "villager", "citizen", "protester", "demonstrator"), "CVL"),
    **dict.fromkeys(("journalist", "reporter"), "JRN"),
    **dict.fromkeys(("media", "press"), "MED"),
    **dict.fromkeys(("refugee",), "REF"),
    **dict.fromkeys(("cleric", "clergy"), "REL"),
}
# A state's civil bodies, whose names the dictionary need not list: "the U.S. Embassy", "Iraq's Foreign Ministry".
STATE_BODIES = frozenset({"embassy", "consulate", "ministry", "government", "cabinet", "presidency"})
# People a state's name or demonym describes by age, sex or trade: its civilians unless told otherwise ("two
# Palestinian teenagers", "a British man"). Only after a state: "family spokesman X" is no civilian by that word.
CIVILIAN_NOUNS = frozenset(
    {"teenager", "child", "boy", "girl", "woman", "man", "people", "person", "family", "student", "worker", "farmer",
     "fisherman", "shepherd", "pilgrim", "passenger", "tourist"}
)  # fmt: skip
STRIKE_WEAPONS = frozenset({"air", "drone", "missile", "rocket", "artillery"})
# What a state's strike does when it is a military one: a labour strike kills, wounds or flattens nobody.
STRIKE_HARMS = frozenset(
    {"kill", "wound", "injure", "hit", "destroy", "damage", "flatten", "level", "raze", "pound", "target", "die"}
)
# What a state does, told as a noun its demonym modifies: "the Israeli raid", "Russian aggression", "Iranian threats".
# The demonym names the doer; which institution acts the noun does not say, so the state itself is the actor.
STATE_DEEDS = frozenset(
    {"raid", "attack", "assault", "invasion", "offensive", "incursion", "bombing", "occupation", "aggression", "siege",
     "ambush", "blockade", "operation", "crackdown", "intervention", "annexation", "sanction", "threat", "warning",
     "ultimatum", "proposal", "demand", "veto", "deployment", "withdrawal", "retaliation"}
)  # fmt: skip
# Verbs whose object is someone spoken to, asked, judged or dealt with: a capital there stands for its government.
ADDRESSEE_VERBS = frozenset(
    {"warn", "urge", "ask", "accuse", "blame", "criticise", "criticize", "condemn", "denounce", "thank", "praise",
     "invite", "tell", "press", "pressure", "call", "sanction", "recognise", "recognize", "support", "back", "defy",
     "reassure", "assure", "persuade", "convince", "lobby", "advise", "inform", "notify", "summon", "reject"}
)  # fmt: skip
# A modifier that overrides the head: "resistance forces" are not the army, a "defence ministry" is.
MODIFIER_SECTOR = {
    **dict.fromkeys(("resistance", "rebel", "insurgent", "militia", "militant", "jihadist"), "REB"),
    **dict.fromkeys(("defence", "defense", "army", "military"), "MIL"),
    "opposition": "OPP",
    "police": "COP",
    "intelligence": "SPY",
}
# Heads that name people or bodies without saying which: only a modifier gives them a sector.
COLLECTIVE_HEADS = frozenset({"group", "faction", "movement", "fighter", "member", "unit", "organization"})
SECTOR_NAMES = {
    "GOV": "government", "MIL": "armed forces", "COP": "police", "LEG": "legislature", "JUD": "judiciary",
    "SPY": "intelligence services", "REB": "armed groups", "OPP": "opposition", "CVL": "civilians",
    "JRN": "journalists", "MED": "media", "REF": "refugees", "REL": "clergy",
}  # fmt: skip
KIND_OF_SECTOR = {**dict.fromkeys(("GOV", "MIL", "COP", "LEG", "JUD", "SPY"), "state"), "REB": "armed_group"}
TITLE_WORDS = frozenset(
    {
        "prime", "minister", "president", "vice", "deputy", "foreign", "defence", "defense", "interior",
        "king", "queen", "crown", "prince", "emir", "sheikh", "ayatollah", "grand", "general", "gen.",
        "lieutenant", "colonel", "col.", "brigadier", "commander", "chief", "secretary", "secretary-general",
        "speaker", "spokesman", "spokeswoman", "leader", "ambassador", "envoy", "governor", "mayor", "premier",
        "chancellor",
    }
)  # fmt: skip
TITLE_SECTOR = {
    **dict.fromkeys(("minister", "president", "king", "queen", "prince", "emir", "premier", "chancellor"), "GOV"),
    **dict.fromkeys(("secretary", "ambassador", "envoy", "governor", "mayor"), "GOV"),
    **dict.fromkeys(("general", "gen.", "colonel", "col.", "brigadier", "commander"), "MIL"),
    "speaker": "LEG",
}
TITLE_HEADS = frozenset(TITLE_SECTOR) - {"gen.", "col.", "brigadier", "colonel"} | {"spokesman", "leader"}
# Nouns that, definite and a main clause's subject, describe the person the previous sentence was about.
ROLE_NOUNS = frozenset(
    {"analyst", "commentator", "journalist", "expert", "official", "spokesman", "spokeswoman", "cleric",
     "researcher", "correspondent", "diplomat", "lawmaker", "commander", "activist", "professor"}
)  # fmt: skip
# ... and those that describe the body it was about: "Merck said ... The company said it will ask".
BODY_DESCRIPTIONS = frozenset(
    {"company", "firm", "group", "organization", "organisation", "agency", "bank", "airline", "carrier", "automaker",
     "manufacturer", "retailer", "network", "newspaper", "university", "drugmaker", "insurer", "charity"}
)  # fmt: skip
PRONOUNS = {"he": "person", "she": "person", "they": "collective"}
# The grammatical gender a pronoun or a title gives the person it refers to: once "she" or "Mrs." has named
# someone, a later "he" is someone else.
GENDER = {"he": "m", "she": "f", "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f"}
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "into", "inside", "across", "throughout", "within", "around", "outside", "between",
     "from", "over", "toward", "towards", "along", "beyond", "via", "through"}
)  # fmt: skip
# How far back a pronoun or description may look for its antecedent, in sentences.
LOOKBACK_SENTENCES = 3
NEAR_MATCH_SCORE = 90
TOWN_POPULATION = 10_000
AREA_WORDS = frozenset({"area", "district", "town", "city", "village", "region", "province", "neighbourhood"})
TOWN_SPELLING = 80  # rapidfuzz ratio of the folded spellings: "Nasiriya" for "Nasiriyah", "Fallujah" for "Al Fallujah"
_QUOTE = re.compile(r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.MULTILINE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")


@dataclass(slots=True)
class _Actor:
    actor_id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None = None
    evidence: Span | None = None
    named: bool = False
    confidence: float = 0.0
    last_seen: int = -1
    gender: str | None = None


class _Grouping:
    """The actors and mentions of one article as they are found; a token belongs to one mention at most."""

    def __init__(self, article_id: str, doc: Doc, dictionary: ActorDictionary, gazetteer: Gazetteer) -> None:
        self.article_id = article_id
        self.doc = doc
        self.dictionary = dictionary
        self.gazetteer = gazetteer
        self.actors: dict[str, _Actor] = {}
        self.mentions: list[Mention] = []
        self.owner: dict[int, str] = {}
        self.titles: dict[str, list[str]] = {}
        self.surnames: dict[str, set[str]] = {}
        self.acronyms: dict[str, str] = {}
        self.countries: Counter[str] = Counter()
        # Where each token's sentence starts: a span's `.sent` walks the sentence, which a list of five thousand
        # names in one sentence turns quadratic.
        self.sentence_start = [0] * len(doc)
        for sentence in doc.sents:
            self.sentence_start[sentence.start : sentence.end] = [sentence.start] * len(sentence)

    def add(self, actor: _Actor, span: DocSpan, mention_kind: str, confidence: float) -> bool:
        if span.start >= span.end or any(i in self.owner for i in range(span.start, span.end)):
            return False
        actor = self.actors.setdefault(actor.actor_id, actor)
        evidence = Span(span.start_char, span.end_char)
        named = mention_kind in ("name", "alias", "acronym")
        if actor.evidence is None or (named and not actor.named):
            actor.evidence, actor.named = evidence, named
        actor.confidence = max(actor.confidence, confidence)
        actor.last_seen = max(actor.last_seen, span.start)
        if actor.kind == "person" and actor.gender is None:
            actor.gender = next((GENDER[token.lower_] for token in span if token.lower_ in GENDER), None)
            if actor.gender is None and span.start > 0:
                actor.gender = GENDER.get(self.doc[span.start - 1].lower_)  # "Mr. Sadr": the title stands outside
        self.mentions.append(Mention(self.article_id, actor.actor_id, evidence, span.text, mention_kind, confidence))
        self.owner.update(dict.fromkeys(range(span.start, span.end), actor.actor_id))
        if actor.country:
            self.countries[actor.country] += 1
        if actor.kind == "person" and mention_kind in ("name", "alias"):
            for name in (actor.name, span.text):
                words = name_key(name).split()
                if words:
                    self.surnames.setdefault(words[-1], set()).add(actor.actor_id)
            self._note_title(actor, span)
        self._note_acronym(actor, span)
        return True

    def choose(self, forms: list[Form]) -> KnownActor | None:
        """The actor a spelling names; for a shared spelling, the one whose country the article mentions most."""
        claimants = list(dict.fromkeys(form.actor_id for form in forms))
        if len(claimants) == 1:
            return self.dictionary.actors[claimants[0]]
        scores = [(self.countries[self.dictionary.actors[c].country or c], c) for c in claimants]
        scores.sort(reverse=True)
        if scores[0][0] == 0 or scores[0][0] == scores[1][0]:
            return None
        return self.dictionary.actors[scores[0][1]]

    def _note_title(self, actor: _Actor, span: DocSpan) -> None:
        # "Prime Minister Mustafa al-Kadhemi": the title lets a later "the prime minister" find him.
        start = span.start
        while start > self.sentence_start[span.start] and self.doc[start - 1].lower_ in TITLE_WORDS:
            start -= 1
        if start < span.start:
            title = " ".join(token.lower_ for token in self.doc[start : span.start])
            self.titles.setdefault(title, [])
            if actor.actor_id not in self.titles[title]:
                self.titles[title].append(actor.actor_id)

    def _note_acronym(self, actor: _Actor, span: DocSpan) -> None:
        # "Popular Mobilization Units (PMU)": the acronym names the same actor from here on.
        doc = self.doc
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            acronym = doc[span.end + 1].text
            if _ACRONYM.match(acronym):
                self.acronyms.setdefault(compact_key(acronym), actor.actor_id)

    def records(self) -> list[Actor | Mention]:
        actors = [
            Actor(
                self.article_id, a.actor_id, a.name, a.kind, a.country, a.sector, a.wikidata, a.evidence, a.confidence
            )
            for a in self.actors.values()
            if a.evidence is not None
        ]
        actors.sort(key=lambda actor: actor.evidence)
        return [*actors, *sorted(self.mentions, key=lambda mention: mention.evidence)]


def extract(parsed: ParsedArticle, resources: Resources) -> list[Actor | Mention]:
    doc = parsed.doc
    grouping = _Grouping(parsed.article.id, doc, resources.actors, resources.gazetteer)
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
    _resolve_titles_and_acronyms(grouping)
    _resolve_references(grouping, _quote_spans(parsed.article.text))
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


def _resolve(grouping: _Grouping, span: DocSpan, label: str, ruler_id: str) -> bool:
    """Place one entity; False when it is a single unknown word that must wait for the full names."""
    dictionary = grouping.dictionary
    key = compact_key(span.text)
    if not key or DISEASE.fullmatch(span.text):
        return True  # a disease is no party ("a vaccine against COVID-19", "probe into the origins of COVID-19")
    if ruler_id in dictionary.actors:
        actor = dictionary.actors[ruler_id]
        grouping.add(_known(actor), span, _spelling_kind(actor, span.text), 0.95)
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
            _state_mention(grouping, span, actor, via)
        elif via == "name":
            grouping.add(_known(actor), span, _spelling_kind(actor, span.text), 0.9)
        elif via == "metonym" and _agentive(span.root):
            grouping.add(_known(actor), span, "metonym", 0.75)
        return True
    body = _state_body(grouping.dictionary, span) if label in ("ORG", "FAC") else None
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
        grouping.add(_known(near), span, "alias", 0.8)
        return True
    if len(span) == 1 and label in ("PERSON", "ORG"):
        return False
    grouping.add(_unknown(grouping, span, label), span, "name", 0.7)
    return True


def _resolve_shared(grouping: _Grouping, span: DocSpan) -> bool:
    """A spelling two actors share ("Congress": the US legislature, India's party), once every other name of the
    article is known: the actor whose country the article names most, if one does."""
    forms = grouping.dictionary.forms.get(compact_key(span.text), ())
    claims = [form for form in forms if form.role in ("name", "alias")]
    actor = grouping.choose(claims) if claims else None
    if actor is None:
        return False
    grouping.add(_known(actor), span, _spelling_kind(actor, span.text), 0.8)
    return True


def _resolve_single_word(grouping: _Grouping, span: DocSpan, label: str) -> None:
    key = compact_key(span.text)
    if key in grouping.acronyms:
        grouping.add(grouping.actors[grouping.acronyms[key]], span, "acronym", 0.85)
        return
    people = grouping.surnames.get(name_key(span.text), set())
    if len(people) == 1:
        # The model sometimes calls a surname an ORG ("Khazali said"); a full name in the article settles it.
        grouping.add(grouping.actors[next(iter(people))], span, "name", 0.85)
        return
    if label == "ORG" and _ACRONYM.match(span.text):
        letters = span.text.replace(".", "")
        for actor in grouping.actors.values():
            if actor.kind != "person" and _initials(actor.name) == letters:
                grouping.add(actor, span, "acronym", 0.75)
                return
    grouping.add(_unknown(grouping, span, label), span, "name", 0.65)


def _known(actor: KnownActor) -> _Actor:
    return _Actor(actor.id, actor.name, actor.kind, actor.country, actor.sector, actor.wikidata)


def _spelling_kind(actor: KnownActor, text: str) -> str:
    if text == actor.name:
        return "name"
    return "acronym" if _ACRONYM.match(text) and text.replace(".", "").isupper() else "alias"


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z][\w'’-]*", name) if word[0].isupper())


def _unknown(grouping: _Grouping, span: DocSpan, label: str) -> _Actor:
    """A name the dictionary does not know, with the country and sector its neighbours give away."""
    country, sector = _context_of_name(grouping, span)
    actor_id = "name:" + name_key(span.text).replace(" ", "-")
    return _Actor(actor_id, span.text, KIND_OF_LABEL.get(label, "group"), country, sector)


def _context_of_name(grouping: _Grouping, span: DocSpan) -> tuple[str | None, str | None]:
    # "Iraqi official Ahmed Ali", "Iraq's foreign minister X", "the Iraqi Communist Party".
    doc, country, sector = grouping.doc, None, None
    start = span.start
    while start > grouping.sentence_start[span.start] and span.start - start < 5:
        token = doc[start - 1]
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "DET", "PRON"):
            break
        start -= 1
    for token in [*doc[start : span.start], *span]:
        state = _state_named_by(grouping.dictionary, token.text)
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
    if not _locative(root):
        return False
    written = fold(span.text)
    return any(
        entry.population >= TOWN_POPULATION and fuzz.ratio(written, strip_article(fold(entry.name))) >= TOWN_SPELLING
        for entry in gazetteer.lookup(span.text)
    )


def _state_body(dictionary: ActorDictionary, span: DocSpan) -> _Actor | None:
    """A name the dictionary lacks made of a state's name and the word for one of its bodies ("the U.S. Embassy", "the
    Iraqi Foreign Ministry", "Iraq's Defence Ministry"): that state's government, or the sector its modifier says.
    Only civil bodies: "Free Syrian Army" names a state but is none of its forces."""
    root = span.root
    if root.lemma_.lower() not in STATE_BODIES:
        return None
    words = [token for token in span if token.i < root.i and not token.is_punct and token.dep_ != "det"]
    states = [state for token in words if (state := _state_named_by(dictionary, token.text)) is not None]
    if len(states) != 1:
        return None
    modifier = next((MODIFIER_SECTOR[t.lemma_.lower()] for t in words if t.lemma_.lower() in MODIFIER_SECTOR), None)
    return _state_sector(states[0], modifier or "GOV")


def _state_named_by(dictionary: ActorDictionary, text: str) -> KnownActor | None:
    claims = {form.actor_id for form in dictionary.lookup(text, frozenset({"name", "alias", "demonym"}))}
    if len(claims) == 1:
        actor = dictionary.actors[claims.pop()]
        return actor if actor.kind == "state" else None
    return None


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


def _state_sector(state: KnownActor, sector: str) -> _Actor:
    return _Actor(
        f"{state.id}-{sector}", f"{state.name} ({SECTOR_NAMES[sector]})", KIND_OF_SECTOR.get(sector, "group"),
        state.id, sector,
    )  # fmt: skip


def _state_mention(grouping: _Grouping, span: DocSpan, state: KnownActor, via: str) -> None:
    """A state by name, demonym or capital: an institution when it modifies one, else the state itself."""
    doc = grouping.doc
    institution = _institution(span)
    if institution is not None:
        head, sector = institution
        between = doc[span.end : head.i]
        # A coordinated state keeps the institution noun for itself: "Hungarian and Romanian officials".
        coordinated = any(token.pos_ == "CCONJ" or token.is_punct for token in between)
        weapon = head.lemma_.lower() in WEAPON_HEADS | {"strike"}
        end = span.end if coordinated or weapon else head.i + 1
        if grouping.add(_state_sector(state, sector), doc[span.start : end], via, 0.85):
            for other in head.conjuncts:
                # "the Iraqi government, army and ...": the army is Iraq's too.
                other_sector = HEAD_SECTOR.get(other.lemma_.lower())
                own_modifier = any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in other.children)
                if other.i > head.i and other_sector and not own_modifier:
                    grouping.add(_state_sector(state, other_sector), doc[other.i : other.i + 1], via, 0.75)
        return
    root = span.root
    if via == "metonym":
        # "Washington is exerting pressure": a capital acts only as a subject, possessor or agent; an
        # upper-case one is a dateline ("BAGHDAD (Dispatches) --"), which says where, not who.
        if (_agentive(root) or _addressed(root)) and not span.text.isupper():
            grouping.add(_state_sector(state, "GOV"), span, "metonym", 0.75)
    elif via == "demonym":
        # "the Americans", "Iraqis": a plural demonym that is a noun in its own right.
        if root.tag_ in ("NNPS", "NNS") and root.dep_ not in ("amod", "compound"):
            grouping.add(_known(state), span, "demonym", 0.8)
        elif root.dep_ in ("amod", "compound") and _describes_a_deed(span, root.head):
            grouping.add(_known(state), span, "demonym", 0.75)
    else:
        # "shelled villages in Lebanon" may still make Lebanon the target: kept, but with less confidence.
        grouping.add(_known(state), span, "name", 0.5 if _locative(root) else 0.9)


def _describes_a_deed(span: DocSpan, noun: Token) -> bool:
    """The noun is a state's deed and only adjectives stand between the words and it: "the Israeli military raid",
    but not "the american center attack", where the noun between them is what the demonym names."""
    return noun.lemma_.lower() in STATE_DEEDS and all(
        token.pos_ in ("ADJ", "ADV", "PUNCT") for token in span.doc[span.end : noun.i]
    )


def _institution(span: DocSpan) -> tuple[Token, str] | None:
    """The institution noun a state reference modifies and its sector: "Iraqi army troops" -> (troops, MIL)."""
    anchor = span.root
    while anchor.dep_ == "conj" and anchor.head.i < anchor.i:
        anchor = anchor.head  # "Hungarian and Romanian officials": Romanian modifies what Hungarian does
    if anchor.dep_ not in ("amod", "compound", "poss", "nmod"):
        return None
    head = anchor.head
    while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
        head = head.head
    if head.i < span.end or head.pos_ not in ("NOUN", "PROPN"):
        return None
    between = [token for token in span.doc[span.end : head.i]]
    modifier = next((MODIFIER_SECTOR[t.lemma_.lower()] for t in between if t.lemma_.lower() in MODIFIER_SECTOR), None)
    lemma = head.lemma_.lower()
    head_sector = HEAD_SECTOR.get(lemma) or ("CVL" if lemma in CIVILIAN_NOUNS else None)
    if lemma == "strike" and (any(token.lemma_.lower() in STRIKE_WEAPONS for token in between) or _harms(head)):
        head_sector = "MIL"  # "Israeli air strikes", "US drone strikes"; a "French strike" is a labour one
    sector = modifier if lemma in COLLECTIVE_HEADS else head_sector and (modifier or head_sector)
    return (head, sector) if sector else None


def _harms(strike: Token) -> bool:
    """A strike told as harming or aimed at a place or people: "an Israeli strike killed five", "killed in a Turkish
    strike", "Russian strikes on Kharkiv" (a strike "on Monday" or "over pay" is still a labour one)."""
    governor = strike.head
    if strike.dep_ == "nsubj" and governor.lemma_.lower() in STRIKE_HARMS:
        return True
    if strike.dep_ == "pobj" and governor.lower_ in ("in", "by") and governor.head.lemma_.lower() in STRIKE_HARMS:
        return True
    return any(
        object_.dep_ == "pobj" and object_.ent_type_ not in DATE_ENTITIES
        for child in strike.children
        if child.dep_ == "prep" and child.lower_ == "on"
        for object_ in child.children
    )


def _agentive(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass", "poss") or (token.dep_ == "pobj" and token.head.lower_ == "by")


def _addressed(token: Token) -> bool:
    """The object of a verb said, asked or done to a government: "warned Kyiv", "urged Washington to act",
    "accused Tehran of" ("shelled Kyiv" is the city)."""
    return token.dep_ in ("dobj", "obj", "dative") and token.head.lemma_.lower() in ADDRESSEE_VERBS


def _locative(token: Token) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def _group_mention(grouping: _Grouping, span: DocSpan) -> None:
    # "the Kurds", "Shiites": an unknown people or community named by a plural noun.
    root = span.root
    if root.tag_ in ("NNPS", "NNS") and root.dep_ not in ("amod", "compound"):
        grouping.add(_unknown(grouping, span, "NORP"), span, "name", 0.6)


def _resolve_titles_and_acronyms(grouping: _Grouping) -> None:
    """ "the Prime Minister", "the Iraqi prime minister" -> the last person of that title; bare acronyms."""
    doc = grouping.doc
    for token in doc:
        if token.i in grouping.owner:
            continue
        if _ACRONYM.match(token.text) and compact_key(token.text) in grouping.acronyms:
            actor = grouping.actors[grouping.acronyms[compact_key(token.text)]]
            grouping.add(actor, doc[token.i : token.i + 1], "acronym", 0.8)
            continue
        if token.lower_ not in TITLE_HEADS or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
            continue
        start = token.i
        while start > 0 and doc[start - 1].lower_ in TITLE_WORDS and start - 1 not in grouping.owner:
            start -= 1
        before = start - 1
        state = _state_named_by(grouping.dictionary, doc[before].text) if before >= 0 else None
        if state is not None:
            before -= 1
        possessor = _possessing_state(grouping, before) if state is None else None
        if possessor is not None:
            # "Ukraine's foreign minister": the possessive is as definite as "the"; the state keeps its own mention
            state, before = possessor, start
        elif before < 0 or doc[before].lower_ != "the" or before in grouping.owner:
            continue
        title = " ".join(t.lower_ for t in doc[start : token.i + 1])
        holders = [
            grouping.actors[actor_id]
            for actor_id in grouping.titles.get(title, ())
            if state is None or grouping.actors[actor_id].country == state.id
        ]
        holders = [actor for actor in holders if actor.last_seen < token.i]
        span = doc[before : token.i + 1]
        if holders:
            grouping.add(max(holders, key=lambda actor: actor.last_seen), span, "description", 0.75)
        elif state is not None and TITLE_SECTOR.get(token.lower_) == "GOV":
            grouping.add(_state_sector(state, "GOV"), span, "description", 0.6)


def _possessing_state(grouping: _Grouping, at: int) -> KnownActor | None:
    """The state whose possessive ends at token ``at`` ("Ukraine 's"), if one does."""
    if at < 1 or grouping.doc[at].tag_ != "POS":
        return None
    return _state_named_by(grouping.dictionary, grouping.doc[at - 1].text)


def _resolve_references(grouping: _Grouping, quotes: list[tuple[int, int]]) -> None:
    """he/she/they and "the analyst" -> the actor that was the main subject of the sentence before.

    Only references outside quotation marks are resolved (inside, "he" is the speaker's, not the
    outlet's), and only when the nearest earlier sentence with a subject outside quotes has a
    compatible actor as that subject; a sentence whose subject is not an actor stops the search.
    """
    starts = [start for start, _ in quotes]

    def quoted(token: Token) -> bool:
        at = bisect.bisect_right(starts, token.idx) - 1
        return at >= 0 and token.idx < quotes[at][1]

    history: list[str | None] = []  # per sentence: its subject's actor id, None if not an actor, "" if none
    for sent in grouping.doc.sents:
        subject = next(
            (c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted(c)),
            None,
        )
        if subject is not None and subject.i not in grouping.owner:
            _resolve_reference(grouping, subject, history)
        main = grouping.owner.get(subject.i) if subject is not None else None
        for token in sent:
            want = PRONOUNS.get(token.lower_)
            if want is None or token is subject or token.i in grouping.owner or quoted(token):
                continue
            # "Khazali said he would ...": an embedded pronoun refers to its own sentence's subject.
            if token.dep_ in ("nsubj", "nsubjpass") and main and _compatible(grouping.actors[main], want, token):
                grouping.add(grouping.actors[main], grouping.doc[token.i : token.i + 1], "pronoun", 0.55)
        history.append(main if subject is not None else "")


def _resolve_reference(grouping: _Grouping, token: Token, history: list[str | None]) -> None:
    want = PRONOUNS.get(token.lower_)
    span = grouping.doc[token.i : token.i + 1]
    kind, confidence = "pronoun", 0.6
    if want is None:
        first, lemma = token.left_edge, token.lemma_.lower()
        if (lemma not in ROLE_NOUNS and lemma not in BODY_DESCRIPTIONS) or first.lower_ not in ("the", "this", "that"):
            return
        want = "person" if lemma in ROLE_NOUNS else "body"
        span, kind, confidence = grouping.doc[first.i : token.i + 1], "description", 0.5
    for previous in reversed(history[-LOOKBACK_SENTENCES:]):
        if previous == "":
            continue
        if previous is not None and _compatible(grouping.actors[previous], want, token):
            grouping.add(grouping.actors[previous], span, kind, confidence)
        return


def _compatible(actor: _Actor, want: str, reference: Token) -> bool:
    """Whether ``reference`` (a pronoun or a description asking for ``want``) can stand for ``actor``: a person for
    he/she, a group for they, a body for "the company", and no "he" for someone already called "she" or "Mrs." (nor
    the reverse)."""
    if want == "body":
        return actor.kind not in ("person", "state")  # "the company" is no man and no state
    gender = GENDER.get(reference.lower_)
    agrees = actor.gender is None or gender is None or actor.gender == gender
    return (actor.kind == "person") == (want == "person") and agrees


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in _QUOTE.finditer(text)]
