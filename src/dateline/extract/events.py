"""Events coded to PLOVER v0.8: who did what to whom, where, when, how many, and who says so.

A sentence's triggers come from the event lexicon (lemmas and lemma phrases, checked for part of speech and for
the context words an ambiguous trigger needs: "strike" is an air strike beside "missile", a labour strike beside
"workers"). Slots are read off the dependency parse: source from the subject or the "by" agent, target from the
object or the passive subject, counts from the numbers on the victim or the crowd, place and time from the
places and times stages, nearest to the trigger within its clause. Actors come from the actors stage's mentions,
so "he" and "the Prime Minister" carry the actor they refer to.

Mentions of one happening are merged: inside a sentence when one trigger governs the other ("were martyred in
U.S. airstrikes"), across sentences when type and slots agree and at least two slots, or a definite anaphor
("the attack"), tie them. Counts of merged mentions are the largest stated, never a sum.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.extract import acled, happening, roles, when_where
from dateline.extract.acled import mentions_word
from dateline.model import Actor, Event, EventMention, Mention, Place, Quote, Span, TimeRef
from dateline.nlp import ParsedArticle
from dateline.read.article import dateline_end
from dateline.resources import Resources
from dateline.resources.event_model import EventTypeModel
from dateline.resources.events import QUAD_CLASS, EventLexicon, Trigger
from dateline.resources.happening_model import HappeningModel

# Sentences longer than this are scanned for triggers but their slots are looked for only near the trigger:
# a 300-token run-on sentence must cost what its tokens cost, not their square.
MAX_SUBTREE = 60
MAX_SLOT_TOKENS = 12
SKIP_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "DATE", "TIME", "LOC"})
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "obj"})
TARGET_PREPOSITIONS = frozenset({"on", "against", "at", "upon", "toward", "towards", "of"})
SOURCE_PREPOSITIONS = frozenset({"by", "from"})
# Verbs whose object names the event and whose subject did it: "launched airstrikes", "staged a protest".
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "stage", "hold", "mount", "perpetrate", "commit", "make", "issue", "impose", "lead",
     "declare", "begin", "start", "continue", "open", "lodge", "announce", "extend", "order", "file", "resume",
     "renew", "reiterate", "intensify", "escalate", "organise", "organize", "offer", "provide", "deliver", "send",
     "grant", "express", "voice", "sign", "reach", "conclude", "lift", "tighten", "ease", "shorten", "complete",
     "call", "end", "suspend", "step", "press", "pursue", "threaten", "give", "undertake",
     "fire", "use", "drop", "lob", "hurl", "throw"}
)  # fmt: skip
# Pronouns that stand for a party named elsewhere in the sentence ("Palestinian leaders said they would boycott").
THIRD_PERSON = frozenset({"they", "them", "their", "it", "its", "he", "his", "him", "she", "her"})
# Events whose "of" names who acts, not who suffers: "the withdrawal of U.S. forces", "a protest of workers".
INTRANSITIVE = frozenset({"RETREAT", "PROTEST", "MOBILIZE", "CONSULT", "AGREE", "CONCEDE"})
# Who a toll or a crowd can count (lemmas); "destroyed two houses" is not a toll.
HUMAN_NOUNS = frozenset(
    {
        "people", "person", "civilian", "soldier", "troop", "fighter", "militant", "militiaman", "member",
        "protester", "demonstrator", "child", "woman", "man", "men", "women", "children", "officer", "policeman",
        "police", "worker", "student", "farmer", "villager", "resident", "rebel", "insurgent", "guard",
        "journalist", "activist", "supporter", "mourner", "pilgrim", "passenger", "refugee", "migrant",
        "prisoner", "detainee", "suspect", "gunman", "attacker", "bomber", "servicemen", "serviceman",
        "personnel", "staff", "employee", "doctor", "nurse", "teacher", "worshipper", "victim", "casualty",
        "militiamen", "jihadist", "combatant", "recruit", "cadet", "participant", "crowd", "family", "leader",
        "commander", "official", "policemen", "firefighter", "volunteer", "pedestrian", "driver", "boy", "girl",
    }
)  # fmt: skip
# People and bodies a noun trigger can classify: "aid agency", "riot police", "protest leaders".
KIND_HEADS = HUMAN_NOUNS | frozenset(
    {"group", "agency", "organization", "organisation", "official", "police", "unit", "squad", "worker", "team",
     "committee", "force", "camp", "leader", "organizer", "organiser", "movement", "activist", "coordinator"}
)  # fmt: skip
LOCATIVE = frozenset(
    {"in", "at", "near", "on", "across", "along", "outside", "inside", "into", "around", "between", "within", "off"}
)
PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
RECIPIENT_PREPOSITIONS = frozenset({"to", "with", "against", "on", "toward", "towards", "from", "upon"})
AGAINST = frozenset({"against", "toward", "towards"})
# A weapon or attack that is the subject of these harmed their object: "airstrikes killed five fighters".
HARM_VERBS = frozenset({"kill", "hit", "target", "destroy", "injure", "wound", "claim", "damage", "level", "martyr"})
GOVERNED_BY = frozenset({"xcomp", "ccomp", "conj", "pobj", "prep", "acl"})
COOPERATIVE = frozenset({"verbal_coop", "material_coop"})
CONFLICTUAL = frozenset({"material_conflict"})
STOP_VERBS = frozenset(
    {"halt", "suspend", "cut", "reduce", "stop", "end", "prohibit", "withhold", "freeze", "cancel", "terminate",
     "curtail", "break", "sever", "deny", "block", "ban"}
)  # fmt: skip
PREVENT_VERBS = frozenset({"prevent", "ban", "block", "disperse", "stop", "foil", "thwart", "prohibit", "break"})
PROMISE_HEADS = frozenset(
    {"ready", "prepared", "willing", "committed", "plan", "intend", "offer", "pledge", "promise", "agree",
     "vow", "expect", "propose"}
)  # fmt: skip
DISRUPT_VERBS = frozenset(
    {"find", "discover", "seize", "defuse", "recover", "dismantle", "confiscate", "uncover", "intercept",
     "neutralize", "neutralise", "detect", "locate", "unearth"}
)  # fmt: skip
WEAPON_WORDS = frozenset(
    {"weapons", "weapon", "arms", "ammunition", "rockets", "explosives", "ieds", "mines", "guns", "rifles",
     "grenades", "munitions", "bombs", "devices", "missiles"}
)  # fmt: skip
# An earthquake or an accident kills no one in PLOVER's sense: a toll with no agent beside these is no ASSAULT.
DISASTER_WORDS = frozenset(
    {"earthquake", "quake", "tremor", "volcano", "flood", "floods", "cyclone", "hurricane", "typhoon", "storm",
     "landslide", "avalanche", "tsunami", "crash", "collision", "accident", "derailment", "fire", "blaze",
     "collapse", "eruption", "erupt", "drown", "heatwave", "outbreak", "epidemic", "pandemic"}
)  # fmt: skip
GENERIC_EVENT_HEADS = frozenset(
    {"effort", "mission", "process", "bid", "campaign", "initiative", "operation", "programme", "program", "plan"}
)
DISASTER_VERBS = frozenset({"erupt", "drown", "collapse", "flood"})
REFUSE_HEADS = frozenset({"refuse", "decline", "reject"})
# "Failed to reach agreement": what a party failed to do did not happen.
FAIL_HEADS = frozenset({"fail"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
# The content of a threat or demand, as PLOVER's THREATEN modes name it.
THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "protest"}
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
FIRST_PERSON = frozenset({"we", "i", "us", "our", "me", "my"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
POSSIBILITY_AUX = frozenset({"could", "might", "may", "would"})
THREAT_HEADS = frozenset({"threaten", "threat", "vow", "pledge", "warn", "promise"})
INTENT_HEADS = frozenset(
    {"plan", "want", "seek", "try", "intend", "aim", "hope", "prepare", "call", "urge", "ask", "right", "readiness"}
)
SUPPRESS_VERBS = frozenset({"suppress", "crush", "quell", "repress", "quash"})
VIOLENT_WORDS = frozenset({"violent", "aggressive", "riotous", "unruly"})
# A weapon named as part of a place or a stock is no attack: "chemical weapons facilities", "bomb factory".
STOCK_HEADS = frozenset(
    {"facility", "site", "plant", "stockpile", "programme", "program", "depot", "factory", "arsenal", "storage"}
)
# A plant or warehouse that explodes is an accident, not an attack.
FACILITY_WORDS = frozenset(
    {"plant", "factory", "warehouse", "boiler", "pipeline", "refinery", "depot", "cylinder", "mill", "reactor"}
)
# Who attacks names the weapon when the verb does not: "a suicide bomber targeted", "warplanes struck".
ATTACKER_MODES = (
    (frozenset({"suicide", "kamikaze", "kamikazes"}), "suicide-attack"),
    (frozenset({"drone", "drones"}), "drone"),
    (frozenset({"warplane", "warplanes", "jet", "jets", "aircraft", "helicopter", "helicopters"}), "aerial"),
    (frozenset({"gunman", "gunmen", "sniper", "snipers"}), "firearms"),
    (frozenset({"airstrike", "airstrikes", "air-strike", "air-strikes"}), "aerial"),
    (
        frozenset({"missile", "missiles", "rocket", "rockets", "shell", "shells", "artillery", "mortar"}),
        "heavy-weapons",
    ),
    (frozenset({"bomber", "bombers"}), "explosives"),
)
PLACE_NOUNS = frozenset(
    {"village", "town", "city", "district", "territory", "region", "area", "province", "neighbourhood", "neighborhood"}
)
BLAST_WORDS = frozenset({"explosion", "explosions", "blast", "blasts", "fire", "fires", "leak"})
FORMAL_WORDS = frozenset({"official", "formal", "diplomatic", "written", "strong", "strongly-worded"})
LODGE_VERBS = frozenset({"lodge", "file", "register", "deliver", "submit", "hand", "send", "issue"})
ORDER_VERBS = frozenset({"order", "force", "compel", "oblige", "instruct"})
POSTURE_HEADS = frozenset({"prepare", "poise", "gear"})
UNREALISED_WORDS = frozenset(
    {"possible", "potential", "planned", "likely", "imminent", "expected", "proposed", "future", "threatened"}
)
EXPECTATION_HEADS = frozenset({"anticipation", "fear", "prospect", "possibility", "risk", "expectation"})
PLAN_HEADS = frozenset({"plan", "intend"})
DENIAL_HEADS = frozenset({"deny", "dismiss", "refute"})
CONDITION_MARKS = frozenset({"if", "unless"})
MATERIAL = frozenset({"material_conflict", "material_coop"})
PRECISION_RANK = {"exact": 0, "admin": 1, "region": 2, "country": 3}
GRANULARITY_RANK = {"day": 0, "time": 0, "week": 1, "month": 2, "year": 3}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}  # fmt: skip
# A plural unit states at least one unit: "thousands" -> 1000, "dozens" -> 12 (the convention).
UNIT_WORDS = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000}
MORE_THAN = frozenset({"more", "over"})
# The trained model codes a sentence the rules found no event in when it is at least this sure of the type.
ADD_THRESHOLD = 0.5


@dataclass(slots=True)
class _Slot:
    text: str | None = None
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None
    head: Token | None = None  # the word the slot was read from, for the roles check before the record is made


@dataclass(slots=True)
class _Candidate:
    """One trigger in one sentence, with its slots; merged candidates become one Event."""

    trigger: Trigger
    kind: str
    head: Token
    trigger_span: Span
    sentence: Span
    source: _Slot
    target: _Slot
    mode: str | None
    acled: str | None
    place: Place | None = None
    time: TimeRef | None = None
    counts: dict[str, int] = field(default_factory=dict)
    modality: str = "asserted"
    quote: Quote | None = None
    definite: bool = False
    mentions: list[tuple[Span, Span]] = field(default_factory=list)
    quoted: list[Quote | None] = field(default_factory=list)
    confidence: float = 0.5
    happening: float = 1.0  # the happening detector's probability that the clause reports a happening


@dataclass(frozen=True, slots=True)
class _Context:
    """What earlier stages found in the article, indexed for slot filling."""

    mentions: list[Mention]
    actors: dict[str, Actor]
    places: list[Place]
    times: list[TimeRef]
    quotes: list[Quote]
    chants: list[Quote]
    dateline: Place | None
    dateline_end: int
    published: datetime | None
    event_nouns: frozenset[str]  # nouns the lexicon reads as happenings: never an actor
    noun_chunks: list[tuple[int, int]]  # token bounds: spaCy rebuilds ``doc.noun_chunks`` on every ask
    text: str  # the article's text, which the parse covers exactly (``Doc.text`` is rebuilt on every ask)


def extract(parsed: ParsedArticle, resources: Resources) -> list[Event | EventMention]:
    context = _context_of(parsed, resources.events)
    candidates: list[_Candidate] = []
    for sentence in parsed.doc.sents:
        found = _sentence_candidates(sentence, context, resources)
        if resources.event_model:
            found = _arbitrate(sentence, found, context, resources.event_model, resources.quote_cues.verbs)
        candidates.extend(_happenings(sentence, found, resources.happening_model))
    events = _merge_across_sentences(candidates)
    records = list(_records(parsed.article.id, events, context, resources.events))
    return acled.recoded(records, parsed.doc, resources.acled_model, resources.events)


def features_by_sentence(parsed: ParsedArticle, resources: Resources) -> list[list[str]]:
    """What the event-type model sees of each sentence, given the rules' candidates there (training reads this)."""
    context = _context_of(parsed, resources.events)
    return [
        sentence_features(sentence, _sentence_candidates(sentence, context, resources)) for sentence in parsed.doc.sents
    ]


def _event_nouns(lexicon: EventLexicon) -> frozenset[str]:
    """The lexicon's one-word noun triggers, worked out once per lexicon (kept beside it, so its id stays its)."""
    kept = _EVENT_NOUNS.get(id(lexicon))
    if kept is None or kept[0] is not lexicon:
        nouns = frozenset(
            entry.lemmas[0]
            for entries in lexicon.triggers.values()
            for entry in entries
            if entry.pos in ("noun", "any") and len(entry.lemmas) == 1
        )
        kept = _EVENT_NOUNS[id(lexicon)] = (lexicon, nouns - HUMAN_NOUNS - roles.BODIES)
    return kept[1]


_EVENT_NOUNS: dict[int, tuple[EventLexicon, frozenset[str]]] = {}


def _context_of(parsed: ParsedArticle, lexicon: EventLexicon) -> _Context:
    places, quotes = parsed.of(Place), parsed.of(Quote)
    dateline = next((place for place in places if place.is_dateline), None)
    return _Context(
        mentions=parsed.of(Mention),
        actors={actor.actor_id: actor for actor in parsed.of(Actor)},
        places=[place for place in places if not place.is_dateline],
        times=[time for time in parsed.of(TimeRef) if time.value and time.type in ("DATE", "TIME")],
        quotes=[quote for quote in quotes if quote.kind in ("direct", "indirect", "mixed")],
        chants=[quote for quote in quotes if quote.kind in ("chant", "title")],
        dateline=dateline,
        dateline_end=_dateline_end(parsed.article.text, dateline),
        published=parsed.article.published,
        event_nouns=_event_nouns(lexicon),
        noun_chunks=[(chunk.start, chunk.end) for chunk in parsed.doc.noun_chunks]
        if parsed.doc.has_annotation("DEP")
        else [],
        text=parsed.article.text,
    )


def _sentence_candidates(sentence: DocSpan, context: _Context, resources: Resources) -> list[_Candidate]:
    """The lexicon's triggers; what a speaker says another party must do is the speaker's demand, and an act
    inside that obligation ("must ensure security to allow supplies through") is its content, not an event."""
    found = _rule_candidates(sentence, context, resources.events)
    demand = _reported_obligation(sentence, context, resources.quote_cues.verbs)
    if not demand or any(candidate.head.i == demand[0].head.i for candidate in found):
        return found
    obliged = demand[0].head
    return [*demand, *(candidate for candidate in found if not _governs(obliged, candidate.head))]


def _rule_candidates(sentence: DocSpan, context: _Context, lexicon: EventLexicon) -> list[_Candidate]:
    matches = [match for match in find_triggers(sentence, lexicon) if not _describes_speaker(match.head, context)]
    found = [_candidate(match, sentence, context) for match in matches]
    found = [candidate for candidate in found if not _act_of_nature(candidate, sentence)]
    return _merge_in_sentence(found)


def _describes_speaker(head: Token, context: _Context) -> bool:
    """ "the meeting's co-chairman said", "according to a senator who acted as a go-between at the talks": a
    trigger in the phrase naming a speaker says who speaks, not what happened."""
    return any(
        quote.speaker_mention is not None and quote.speaker_mention.start <= head.idx < quote.speaker_mention.end
        for quote in context.quotes
    )


def _reported_obligation(sentence: DocSpan, context: _Context, speech_verbs: Collection[str]) -> list[_Candidate]:
    """ "Russia said Sudan must return the helicopter": what a speaker says another party must do is a demand
    (CAMEO 10), made by the speaker of the party in the reported clause, whatever the reported verb."""
    said, reported = sentence.root, _reported_clause(sentence.root, speech_verbs)
    if reported.i == said.i or not any(
        child.dep_ == "aux" and child.lower_ in OBLIGATION_AUX for child in reported.children
    ):
        return []
    trigger = Trigger((reported.lemma_.lower(),), "verb", "REQUEST", None, None, frozenset(), None, None, line=0)
    demand = _candidate(TriggerMatch(trigger, reported, (reported,)), sentence, context)
    demand.source, demand.target = _slot(_first(said.children, SUBJECTS), context, None), demand.source
    return [demand]


def _dateline_end(text: str, dateline: Place | None) -> int:
    """Where the dateline opener ("BAGHDAD (Dispatches) --", "KHARTOUM, June 30 (Meridian) -") ends: nothing
    before it is a slot. The reader's pattern finds openers with a date or country; the resolved dateline place
    covers those it does not (a title-case city)."""
    end = dateline_end(text)
    if dateline is None:
        return end
    dash = re.compile(r"\s*(?:\([^()\n]{0,40}\))?\s*(?:--?|[–—])\s*").match(text, dateline.evidence.end)
    return max(end, dash.end() if dash else dateline.evidence.end)


# -- triggers ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    head: Token
    tokens: tuple[Token, ...]


def find_triggers(sentence: DocSpan, lexicon: EventLexicon) -> Iterator[TriggerMatch]:
    """Lexicon triggers in a sentence, left to right, longest phrase first, none overlapping."""
    words = {token.lemma_.lower() for token in sentence} | {token.lower_ for token in sentence}
    used: set[int] = set()
    tokens = list(sentence)
    for position, token in enumerate(tokens):
        if token.i in used or (token.ent_type_ in SKIP_ENTITY_LABELS and token.pos_ == "PROPN"):
            continue
        entries = next((lexicon.triggers[form] for form in _forms(token) if form in lexicon.triggers), ())
        for entry in entries:
            span = tokens[position : position + len(entry.lemmas)]
            if len(span) < len(entry.lemmas) or any(
                lemma not in _forms(word) for word, lemma in zip(span, entry.lemmas, strict=True)
            ):
                continue
            head = _phrase_head(span, entry)
            if not _pos_fits(head, entry.pos) or head.ent_type_ in ("DATE", "TIME"):
                continue
            moved = entry.event == "MOBILIZE" and entry.pos == "verb"
            if entry.needs and not entry.needs & (_argument_words(head) if moved else words):
                continue
            if _names_a_kind(head, entry):
                continue
            used.update(word.i for word in span)
            yield TriggerMatch(entry, head, tuple(span))
            break


def _argument_words(verb: Token) -> set[str]:
    """The words naming what a verb acts on or with: its subject's and object's head nouns, their compounds and
    the noun after their "of" ("sent two battalions of troops"). A deployment verb that needs a word ("moved" needs
    troops) needs it there: "operations have moved to a new stage ... its occupying soldiers" moved no soldiers.
    (Other triggers' needs are context, anywhere in the sentence: "pledged ... to avenge".)"""
    arguments = [child for child in verb.children if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS]
    arguments += [child for child in verb.children if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN")]
    nouns = list(arguments)
    for argument in arguments:
        nouns += [child for child in argument.children if child.dep_ in ("compound", "amod")]
        nouns += [grand for child in argument.children if child.lower_ == "of" for grand in child.children]
    return {form for noun in nouns for form in (noun.lemma_.lower(), noun.lower_)}


def _forms(token: Token) -> tuple[str, ...]:
    """The lemma and the word, and for a verb the stems the lemmatiser sometimes misses ("raped" -> "rap")."""
    lemma, word = token.lemma_.lower(), token.lower_
    if token.pos_ != "VERB" or not word.endswith("ed"):
        return (lemma, word)
    return (lemma, word, word[:-1], word[:-2])


def _names_a_kind(head: Token, entry: Trigger) -> bool:
    """A noun trigger that classifies people or a body names a kind of them, not a happening: "aid groups",
    "riot police", "relief officials" ("arrest warrants", "rape incidents" still tell of one); a participle
    modifying a noun names the state it is in."""
    if head.pos_ == "VERB":
        return head.dep_ == "amod"  # "the besieged town", "Israeli-occupied territory": a state, not an act
    return head.dep_ == "compound" and head.head.lemma_.lower() in KIND_HEADS | STOCK_HEADS


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _phrase_head(span: list[Token], entry: Trigger) -> Token:
    # "air strike": the noun at the end; "open fire", "call on": the verb at the start.
    return span[-1] if entry.pos == "noun" or span[0].pos_ not in ("VERB", "AUX") else span[0]


def _pos_fits(token: Token, pos: str) -> bool:
    if pos == "verb":
        return token.pos_ == "VERB"
    if pos == "noun":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ in ("VERB", "NOUN", "PROPN")


# -- one candidate: slots, counts, modality ----------------------------------------------------------------------


def _candidate(match: TriggerMatch, sentence: DocSpan, context: _Context) -> _Candidate:
    head, trigger = match.head, match.trigger
    first, last = match.tokens[0], match.tokens[-1]
    trigger_span = Span(first.idx, last.idx + len(last))
    sentence_span = Span(sentence.start_char, sentence.end_char)
    quote = _quote_of(trigger_span, context.quotes)
    if quote is not None and _announced_act(head, quote):
        quote = None
    source_token, target_token = _slot_tokens(head, trigger.event)
    if target_token is not None and any(target_token.i == word.i for word in match.tokens):
        # "opened fire on demonstrators", "held talks with the rebels": the phrase's own noun is no target.
        inner = target_token
        target_token = _not_a_date(
            _prepositional(inner, RECIPIENT_PREPOSITIONS | {"at"}) or _prepositional(head, TARGET_PREPOSITIONS)
        )
    if target_token is None and roles.reduced_passive(head):
        source_token, target_token = None, source_token  # "helicopter shot down": the subject is the victim
    after_dateline = source_token is not None and source_token.idx < context.dateline_end
    if after_dateline:
        source_token = _subject_after_dateline(sentence, head, context.dateline_end)
    elif source_token is not None:
        source_token = _named_subject(source_token, head)
    candidate = _Candidate(
        trigger=trigger,
        kind=trigger.event,
        head=head,
        trigger_span=trigger_span,
        sentence=sentence_span,
        source=_dateline_sentence_source(head, source_token, context, quote)
        if after_dateline
        else _slot(source_token, context, quote),
        target=_slot(target_token, context, quote),
        mode=trigger.mode,
        acled=trigger.acled,
        modality=_modality(head, trigger, quote),
        quote=quote,
        definite=head.pos_ == "NOUN"
        and any(child.lower_ in ("the", "this", "that", "these") for child in head.children),
    )
    if trigger.count is not None:
        counted = source_token if trigger.count == "participants" else target_token
        number = _count(counted) if counted is not None else None
        if number is None and trigger.count == "participants" and target_token is not None:
            number = _count(target_token)
        if number is not None:
            candidate.counts[trigger.count] = number
    places = [place for place in context.places if _where_it_happened(place, head.doc, context)]
    # "Police fired tear gas at crowds in Khartoum": a weapon or act named by the object of a light verb happened
    # where and when that verb's clause says.
    anchor = next(iter(_light_verb_of(head)), head)
    candidate.place = _nearest(anchor, sentence_span, places, _place_rank)
    candidate.time = _nearest(anchor, sentence_span, context.times, _time_rank)
    candidate.mentions.append((sentence_span, trigger_span))
    candidate.quoted.append(quote)
    if candidate.kind == "ASSAULT" and candidate.mode in (None, "destroy"):
        # "a suicide bomber targeted", "an airstrike destroyed a clinic": the weapon is the mode, destruction only
        # its result (PLOVER's "destroy" is for an assault of unknown weapon).
        weapon = _attacker_mode(candidate.source.text)
        if weapon is not None:
            candidate.mode, candidate.acled = weapon, None
    _recode(candidate, context)
    described = source_token is not None and candidate.source.actor_id is None
    if not candidate.definite and described and QUAD_CLASS[candidate.kind] in MATERIAL:
        # "The participants chanted": a definite description with no name points back to a happening told before.
        candidate.definite = any(child.lower_ == "the" for child in source_token.children)
    return candidate


def _announced_act(head: Token, quote: Quote) -> bool:
    """ "Italy announced a suspension of air links": an act its doer announces is told in the outlet's voice, as
    the act itself ("declared a ceasefire", "issued a warning"), not as words about something else."""
    cue = quote.cue
    return (
        cue is not None
        and head.dep_ in OBJECTS
        and cue.start <= head.head.idx < cue.end
        and _verb_in(head.head, LIGHT_VERBS)
    )


def _frees_a_place(head: Token) -> bool:
    freed = _first(list(head.children), OBJECTS)
    return freed is not None and (_lemma(freed) in PLACE_NOUNS or freed.ent_type_ in ("GPE", "LOC"))


def _violent(head: Token) -> bool:
    """ "violent protests", "the protests turned violent", "aggressive protesters marched"."""
    described = [head, *(child for child in head.children if child.dep_ in SUBJECTS)]
    if any(child.dep_ == "amod" and _lemma(child) in VIOLENT_WORDS for word in described for child in word.children):
        return True
    verb = head.head
    return head.dep_ in SUBJECTS and any(_lemma(child) in VIOLENT_WORDS for child in verb.children)


def _complaint(head: Token, quote: Quote | None) -> bool:
    """A protest in words, not in the street: "lodged an official protest with Albania", "a rights group
    protested" as the cue of what it said. CAMEO's 'complain officially' is an ACCUSE."""
    if quote is not None and quote.cue is not None and quote.cue.start <= head.idx < quote.cue.end:
        return True
    if head.pos_ != "NOUN":
        return False
    formal = any(child.lower_ in FORMAL_WORDS for child in head.children if child.dep_ == "amod")
    return formal or any(_verb_in(verb, LODGE_VERBS) for verb in _object_of(head))


def _attacker_mode(source: str | None) -> str | None:
    """The weapon an attacker's name implies, the most specific first."""
    words = {word.strip(".,'’").casefold() for word in (source or "").split()}
    return next((mode for names, mode in ATTACKER_MODES if words & names), None)


def _act_of_nature(candidate: _Candidate, sentence: DocSpan) -> bool:
    if candidate.kind != "ASSAULT" or candidate.source.actor_id is not None:
        return False
    if candidate.source.text is not None and mentions_word(candidate.source.text, DISASTER_WORDS):
        return True  # "an earthquake struck"
    if mentions_word(candidate.source.text, FACILITY_WORDS) and mentions_word(candidate.source.text, BLAST_WORDS):
        return True  # "demolished by a fertilizer plant explosion"
    return _accident(sentence, exploded_only=candidate.source.text is not None)


def _accident(sentence: DocSpan, exploded_only: bool = False) -> bool:
    """A disaster or an accident is told in the sentence: "an earthquake", "when a chemical plant exploded"."""
    exploded = [token for token in sentence if _lemma(token) in ("explode", "blow")]
    if any(_lemma(child) in FACILITY_WORDS for verb in exploded for child in verb.children if child.dep_ in SUBJECTS):
        return True
    if exploded_only:
        return False
    # "a fire", not "fired four shells"
    return any(
        (_lemma(token) in DISASTER_WORDS and token.pos_ != "VERB") or _lemma(token) in DISASTER_VERBS
        for token in sentence
    )


def _recode(candidate: _Candidate, context: _Context) -> None:
    """PLOVER codes what a sentence does, not the action it names: aid halted is a SANCTION, a protest prevented
    is COERCE, a strike threatened is THREATEN, cooperation promised is AGREE, an action someone "must" take is
    REQUEST."""
    head, quad = candidate.head, QUAD_CLASS[candidate.kind]
    governors = [(word.lemma_.lower(), word) for word in _governors(head, with_objects=True)]
    lemmas = {lemma for lemma, _ in governors}
    if any(lemma == "rule" and any(child.lower_ == "out" for child in word.children) for lemma, word in governors):
        lemmas.add("refuse")  # "ruled out talks"
    own_aux = {child.lower_ for child in head.children if child.dep_ == "aux"}
    # Whose tense a trigger shares: the clauses above it, and a light verb it is the object of ("will send aid"),
    # not a verb of another act ("would boycott the talks" promises no talks).
    aux = _auxiliaries([head, *_governors(head), *_light_verb_of(head)], candidate.quote)
    unless = any(_conditioned(word, frozenset({"unless"})) for word in [head, *(word for _, word in governors)])
    destroyed = next((child for child in head.children if child.dep_ in OBJECTS | PASSIVE_SUBJECTS), None)
    # "destroyed dozens of heavy machine guns, rockets and explosives", not "destroyed arms depots"
    destroyed_arms = (
        candidate.trigger.lemmas[0] == "destroy"
        and destroyed is not None
        and any(word.lower_ in WEAPON_WORDS and word.dep_ != "compound" for word in destroyed.subtree)
    )
    weapon = head.lower_ in WEAPON_WORDS or f"{_lemma(head)}s" in WEAPON_WORDS
    found_arms = weapon and any(_lemma(word) in DISRUPT_VERBS for word in head.ancestors)
    if candidate.kind == "ASSAULT" and (lemmas & DISRUPT_VERBS or destroyed_arms or found_arms):
        # Weapons found, defused or destroyed: the attack they were for was disrupted.
        candidate.kind, candidate.mode, candidate.acled = "COERCE", "seize", "Disrupted weapons use"
        return
    if candidate.kind == "RETREAT" and candidate.mode == "release" and _frees_a_place(head):
        # "security forces freed several villages from the militants": territory retaken, not captives let go.
        candidate.kind, candidate.mode, candidate.acled = "ASSAULT", None, "Government regains territory"
        return
    if candidate.kind == "PROTEST" and lemmas & SUPPRESS_VERBS:
        # "authorities suppressed the peaceful protests": force used on the protest, ACLED's excessive force.
        candidate.kind, candidate.mode, candidate.acled = "COERCE", "restrict", "Excessive force against protesters"
        _done_by(candidate, governors, SUPPRESS_VERBS, context, victim=True)
        return
    if candidate.kind == "PROTEST" and _violent(head):
        candidate.mode, candidate.acled = "riot", None  # "violent protests erupted", "protests turned violent"
        return
    if candidate.kind == "PROTEST" and _complaint(head, candidate.quote):
        candidate.kind, candidate.mode = "ACCUSE", "disapprove"
    elif (quad in COOPERATIVE and candidate.modality in ("negated", "denied")) or lemmas & REFUSE_HEADS:
        candidate.kind, candidate.mode = "REJECT", candidate.kind.lower()
        candidate.modality = "asserted"  # refusing is itself what happened
    elif candidate.kind == "SANCTION" and (ordered := _ordered_party(head)) is not None:
        # "The government ordered the newspaper to suspend publication": a halt imposed on another is coercion.
        candidate.kind, candidate.mode = "COERCE", "restrict"
        _done_by(candidate, governors, ORDER_VERBS, context)
        candidate.target = _slot(ordered, context, candidate.quote)
    elif candidate.kind == "ASSAULT" and lemmas & POSTURE_HEADS and candidate.modality == "hypothetical":
        # "The army prepared to resume shelling": readiness for force, not force used.
        candidate.kind, candidate.mode, candidate.modality = "MOBILIZE", "troops", "asserted"
    elif quad in COOPERATIVE and lemmas & STOP_VERBS:
        candidate.kind, candidate.mode = "SANCTION", "discontinue"
        _done_by(candidate, governors, STOP_VERBS, context)
    elif candidate.kind == "PROTEST" and lemmas & PREVENT_VERBS:
        candidate.kind, candidate.mode = "COERCE", "ban"
        _done_by(candidate, governors, PREVENT_VERBS, context, victim=True)
    elif own_aux & OBLIGATION_AUX and candidate.kind not in ("REQUEST", "THREATEN"):
        candidate.source, candidate.target = _speaker_slot(candidate, context), candidate.source
        candidate.kind, candidate.mode = "REQUEST", THREAT_MODES.get(candidate.kind, candidate.kind.lower())
    elif (
        candidate.modality in ("threatened", "conditional")
        and (quad in CONFLICTUAL or candidate.kind == "SANCTION" or (quad in COOPERATIVE and unless))
        and candidate.kind != "THREATEN"
    ):
        # "will withdraw its troops unless the rebels disarm": cooperation withheld on a condition is a threat.
        candidate.kind, candidate.mode = "THREATEN", THREAT_MODES.get(candidate.kind, candidate.kind.lower())
    elif quad in COOPERATIVE and candidate.kind != "AGREE" and (aux & FUTURE_AUX or lemmas & PROMISE_HEADS):
        candidate.kind, candidate.mode = "AGREE", candidate.kind.lower()
    else:
        return
    candidate.acled = None  # a sub-event implied by the trigger word no longer describes what happened


def _ordered_party(head: Token) -> Token | None:
    """Who a verb of command makes do the trigger: "ordered the newspaper to suspend publication"."""
    if head.dep_ != "xcomp" or not _verb_in(head.head, ORDER_VERBS):
        return None
    return _first(list(head.head.children), OBJECTS)


def _done_by(
    candidate: _Candidate,
    governors: list[tuple[str, Token]],
    lemmas: frozenset[str],
    context: _Context,
    victim: bool = False,
) -> None:
    """ "Police prevented the demonstration", "the United States said it would prohibit all aid": who halts or
    prevents an act does the act the sentence codes; with ``victim`` those who were to act become its target."""
    verb = next((word for lemma, word in governors if lemma in lemmas), None)
    if verb is None:
        return
    subject = _first(list(verb.children), SUBJECTS) or _inherited_subject(verb)
    if subject is not None:
        subject = _named_subject(subject, verb)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS:
        return
    doer = _slot(subject, context, candidate.quote)
    if victim and candidate.source.text is not None and candidate.source.text != doer.text:
        candidate.target = candidate.source
    candidate.source = doer


def _speaker_slot(candidate: _Candidate, context: _Context) -> _Slot:
    quote = candidate.quote
    if quote is not None and quote.speaker_actor_id is not None:
        return _actor_slot(quote.speaker_actor_id, quote.speaker_text, context)
    return _Slot(text=quote.speaker_text) if quote is not None else _Slot()


def _named_before(head: Token, context: _Context) -> _Slot:
    """The subject of a dateline's opening sentence: the person named between the dash and the trigger (the
    leader, not the group he leads), else the first actor named there."""
    between = [m for m in context.mentions if context.dateline_end <= m.evidence.start and m.evidence.end <= head.idx]
    people = [m for m in between if (actor := context.actors.get(m.actor_id)) is not None and actor.kind == "person"]
    chosen = (people or between or [None])[0]
    if chosen is None:
        return _Slot()
    return _actor_slot(chosen.actor_id, chosen.text, context)


def _dateline_sentence_source(head: Token, subject: Token | None, context: _Context, quote: Quote | None) -> _Slot:
    """Who acts in a dateline's opening sentence: an actor named after the dash, else the top noun there
    ("Leaders of Masalit and Arab communities signed"); a passive with no agent ("one protester was killed")
    names no one."""
    named = _named_before(head, context)
    if named.text:
        return named
    passive = any(child.dep_ in PASSIVE_SUBJECTS or child.dep_ == "auxpass" for child in head.children)
    return _Slot() if passive else _slot(subject, context, quote)


def _where_it_happened(place: Place, doc: Doc, context: _Context) -> bool:
    """A place can be an event's place unless it only names an actor ("U.S. airstrikes", "Iraq's army") or
    sits in a chant; a place after a locative preposition always can ("in Baghdad", "near the border")."""
    if any(chant.evidence.contains(place.evidence) for chant in context.chants):
        return False
    span = doc.char_span(place.evidence.start, place.evidence.end, alignment_mode="expand")
    if span is None:
        return False
    word = span.root
    for _ in range(3):
        if word.dep_ == "pobj" and word.head.lower_ in LOCATIVE:
            return True
        if word.head.i == word.i:
            break
        word = word.head
    return not any(
        m.evidence.start < place.evidence.end and place.evidence.start < m.evidence.end for m in context.mentions
    )


def _has_actor(token: Token | None, context: _Context) -> bool:
    """Whether the actors stage found an actor in the words ``token`` heads."""
    if token is None:
        return False
    start, end = token.idx, token.idx + len(token)
    return any(mention.evidence.start < end and start < mention.evidence.end for mention in context.mentions)


def _subject_after_dateline(sentence: DocSpan, head: Token, dateline_end: int) -> Token | None:
    """The parser often makes the dateline city the subject; the real one is the top noun after the dash."""
    nouns = [
        token
        for token in sentence
        if dateline_end <= token.idx < head.idx and token.pos_ in ("NOUN", "PROPN") and token.ent_type_ != "DATE"
    ]
    return min(nouns, key=_depth, default=None)


def _slot_tokens(head: Token, event: str) -> tuple[Token | None, Token | None]:
    """The tokens that name who did it and to whom, by the trigger's syntax."""
    children = list(head.children)
    intransitive = event in INTRANSITIVE
    if head.pos_ == "VERB":
        passive = any(child.dep_ in PASSIVE_SUBJECTS or child.dep_ == "auxpass" for child in children)
        source = _first(children, SUBJECTS) or _agent(head)
        target = _first(children, PASSIVE_SUBJECTS) if passive else _first(children, OBJECTS)
        if passive:
            source = _agent(head)
        if source is None:
            source = _inherited_subject(head)
        if target is None and head.dep_ == "acl" and head.tag_ == "VBN":
            target = head.head  # "fighters killed in the strike"
        if target is None or (event == "PROTEST" and target.dep_ in OBJECTS):
            target = _prepositional(head, AGAINST if event == "PROTEST" else TARGET_PREPOSITIONS)
        if not passive and (target is None or not _names_someone(target)) and event != "PROTEST":
            # PLOVER's recipient is a party, not a thing: "give Tanzania a grant", "offered troops to Lebanon".
            target = _party_recipient(head) or target
        return _antecedent(source), _not_a_date(target)
    source = _first(children, frozenset({"poss"})) or _not_a_date(
        _prepositional(head, SOURCE_PREPOSITIONS | {"of"} if intransitive else SOURCE_PREPOSITIONS)
    )
    if source is None:
        modifiers = [child for child in children if child.dep_ in ("compound", "amod", "nmod")]
        source = next((child for child in modifiers if child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")), None)
    named = _named_through(head)  # "launched a mediation effort"
    if source is None and named.dep_ in OBJECTS and _verb_in(named.head, LIGHT_VERBS):
        source = _first(list(named.head.children), SUBJECTS) or _inherited_subject(named.head)
    if source is None and head.dep_ in OBJECTS:
        source = _prepositional(head.head, frozenset({"from"}))  # "drawing condemnation from the government"
    if source is None and intransitive and head.dep_ == "pobj" and head.head.head.pos_ == "VERB":
        # Who takes part in the talks, the visit or the strike is who went to it: "arrived on a visit".
        source = _first(list(head.head.head.children), SUBJECTS)
    target = _prepositional(head, AGAINST if intransitive else TARGET_PREPOSITIONS)
    if target is None and head.dep_ in SUBJECTS and head.head.lemma_.lower() in HARM_VERBS:
        target = _first(list(head.head.children), OBJECTS)  # "airstrikes killed five fighters"
    return _antecedent(source), _not_a_date(target)


def _antecedent(source: Token | None) -> Token | None:
    """A relative pronoun names whom its clause is about: "the committees that organised the marches" are the
    committees, also through a verb it governs ("clashes that medics say killed"); one outside such a clause
    names no one."""
    if source is None or source.lower_ not in RELATIVE_PRONOUNS or source.tag_ not in ("WDT", "WP"):
        return source
    clause = source.head
    for _ in range(3):
        if clause.dep_ == "relcl":
            return clause.head
        if clause.dep_ not in ("xcomp", "ccomp", "conj") or clause.head is clause:
            break
        clause = clause.head
    return None


def _verb_in(verb: Token, lemmas: frozenset[str]) -> bool:
    """The verb's lemma is one of ``lemmas``, also when the lemmatiser clipped it ("staged" -> "stag")."""
    word = verb.lower_
    forms = {verb.lemma_.lower(), word, word[:-1], word[:-2], word[:-3] + "e" if word.endswith("ing") else word}
    return bool(forms & lemmas)


def _names_someone(token: Token) -> bool:
    return token.ent_type_ in PARTY_ENTITIES or any(word.ent_type_ in PARTY_ENTITIES for word in token.children)


def _party_recipient(head: Token) -> Token | None:
    """The first named party an action is directed at: a dative, an object, or the object of "to", "with",
    "against"... on the verb, on its object, or on the verb it governs ("agreed to lift embargoes on Iran")."""
    verbs = [head, *[child for child in head.children if child.dep_ in ("xcomp", "ccomp")]]
    for verb in verbs:
        for child in verb.children:
            candidates = []
            if child.dep_ in ("dative", "dobj", "obj"):
                candidates.append(child)
                candidates += [grand for prep in child.children if prep.dep_ == "prep" for grand in prep.children]
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS:
                candidates += [grand for grand in child.children if grand.dep_ == "pobj"]
            for candidate in candidates:
                if _names_someone(candidate) and candidate.ent_type_ not in ("DATE", "TIME"):
                    return candidate
    return None


def _not_a_date(token: Token | None) -> Token | None:
    numbers = [child for child in token.children if child.dep_ == "nummod"] if token is not None else []
    if token is None or any(word.ent_type_ in ("DATE", "TIME") for word in (token, *numbers)):
        return None  # "from 1 May"
    return token


def _first(tokens: Iterable[Token], deps: frozenset[str]) -> Token | None:
    return next((token for token in tokens if token.dep_ in deps), None)


def _agent(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "agent":
            return _first(list(child.children), frozenset({"pobj"}))
    return None


def _prepositional(head: Token, prepositions: frozenset[str]) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            return _first(list(child.children), frozenset({"pobj"}))
    return None


def _inherited_subject(head: Token) -> Token | None:
    """ "pledged to avenge", "continue to respond", "gathered ... and chanted", "is willing to withdraw": the
    governing verb's subject."""
    current = head
    for _ in range(4):
        if current.dep_ not in ("xcomp", "conj", "advcl", "acomp") or current.head.i == current.i:
            return None
        current = current.head
        subject = _first(list(current.children), SUBJECTS)
        if subject is not None:
            return subject
    return None


def _named_subject(token: Token, head: Token) -> Token:
    """A third-person pronoun in a slot stands for the named subject of a clause above ("Bouteflika said he is
    prepared to lift the ban"), more surely than a resolution across sentences; other words stand for themselves."""
    if token.lower_ not in THIRD_PERSON:
        return token
    return _antecedent_subject(token, head) or token


def _antecedent_subject(pronoun: Token, head: Token) -> Token | None:
    """The named subject of a clause above the trigger, which a pronoun in its slot stands for: "Bosnian Serbs said
    their forces had completed their withdrawal", "the union reiterated its demand"."""
    current = head
    for _ in range(4):
        subject = _first(list(current.children), SUBJECTS)
        if subject is not None and subject.i != pronoun.i and subject.pos_ != "PRON":
            return subject
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _slot(token: Token | None, context: _Context, quote: Quote | None) -> _Slot:
    if token is None:
        return _Slot()
    if token.lower_ in FIRST_PERSON and quote is not None and quote.speaker_actor_id is not None:
        return _actor_slot(quote.speaker_actor_id, quote.speaker_text, context)
    left, right = _bounded_subtree(token, context.noun_chunks)
    text = context.text[left.idx : right.idx + len(right)]
    mention = _mention_for(token, left, right, context.mentions)
    if mention is None and token.pos_ == "PRON":
        return _Slot()  # a pronoun the actors stage could not resolve names no one
    if mention is None:
        return _Slot(text=text, head=token)
    return _actor_slot(mention.actor_id, text, context)


def _actor_slot(actor_id: str, text: str | None, context: _Context) -> _Slot:
    actor = context.actors.get(actor_id)
    return _Slot(
        text=text,
        actor_id=actor_id,
        country=actor.country if actor else None,
        sector=actor.sector if actor else None,
    )


def _bounded_subtree(token: Token, noun_chunks: list[tuple[int, int]]) -> tuple[Token, Token]:
    left, right = token.left_edge, token.right_edge
    if right.i - left.i >= MAX_SLOT_TOKENS:
        chunk = next(((start, end) for start, end in noun_chunks if start <= token.i < end), None)
        if chunk is None:
            return token, token
        left, right = token.doc[chunk[0]], token.doc[chunk[1] - 1]
    while left.i < right.i and left.dep_ in ("det", "punct", "cc"):
        left = left.doc[left.i + 1]
    while right.i > left.i and right.dep_ in ("punct", "cc"):
        right = right.doc[right.i - 1]
    return left, right


def _mention_for(token: Token, left: Token, right: Token, mentions: list[Mention]) -> Mention | None:
    """The actor a slot names: the mention on its head, then an apposition, then a modifier, then the first
    mention in the phrase outside its prepositional attachments ("leader of X, NAME" is NAME)."""
    start, end = left.idx, right.idx + len(right)
    inside = [mention for mention in mentions if start <= mention.evidence.start and mention.evidence.end <= end]
    if not inside:
        return None

    def covering(word: Token) -> Mention | None:
        return next((m for m in inside if m.evidence.start <= word.idx < m.evidence.end), None)

    on_head = covering(token)
    if on_head is not None:
        return on_head
    for child in token.children:
        if child.dep_ == "appos":
            found = covering(child) or next(
                (m for m in inside if child.left_edge.idx <= m.evidence.start < child.right_edge.idx + 1), None
            )
            if found is not None:
                return found
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and (found := covering(child)) is not None:
            return found
    in_prepositions = [
        (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
        for child in token.children
        if child.dep_ == "prep"
    ]
    outside = [m for m in inside if not any(a <= m.evidence.start < b for a, b in in_prepositions)]
    return (outside or inside)[0]


def _count(token: Token) -> int | None:
    """The least number a phrase states: "at least five fighters" -> 5, "thousands of people" -> 1000.

    Only people are counted: "destroyed two houses" states no toll."""
    if not _people(token):
        return None
    candidates = [token, *[child for child in token.children if child.dep_ in ("nummod", "quantmod", "amod")]]
    for word in candidates:
        value = None if word.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT") else _number(word)
        if value is not None:
            if any(child.lower_ in MORE_THAN for child in word.subtree if child.i < word.i):
                value += 1
            return value
    return None


def _people(token: Token) -> bool:
    if token.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"):
        return False  # "the 2019 uprising" counts no one
    if token.like_num or token.lower_.rstrip("s") in UNIT_WORDS or token.pos_ == "PRON":
        return True
    if token.ent_type_ in ("PERSON", "NORP"):
        return True
    nouns = [token, *[child for child in token.children if child.dep_ == "prep" and child.lower_ == "of"]]
    lemmas = {token.lemma_.lower()} | {pobj.lemma_.lower() for prep in nouns[1:] for pobj in prep.children}
    return bool(lemmas & HUMAN_NOUNS)


def _number(token: Token) -> int | None:
    word = token.lower_.replace(",", "")
    if re.fullmatch(r"\d{1,9}", word):
        following = token.nbor(1).lower_.rstrip("s") if token.i + 1 < len(token.doc) else ""
        return int(word) * UNIT_WORDS.get(following, 1)  # "5 million"
    if word in NUMBER_WORDS:
        following = token.nbor(1).lower_.rstrip("s") if token.i + 1 < len(token.doc) else ""
        return NUMBER_WORDS[word] * UNIT_WORDS.get(following, 1)
    singular = word[:-1] if word.endswith("s") else word
    if singular in UNIT_WORDS and word.endswith("s"):
        return UNIT_WORDS[singular]  # "thousands", "dozens"
    return None


def _modality(head: Token, trigger: Trigger, quote: Quote | None = None) -> str:
    # A noun's modality is also that of the light verb it is the object of: "will extend the curfew", "did not
    # hold talks", "plans to impose restrictions", "if he gave them a veto".
    light = _light_verb_of(head)
    negators = [child for word in [head, *light] for child in word.children]
    if any(child.dep_ == "neg" or (child.lower_ == "no" and child.dep_ == "det") for child in negators):
        return "negated"
    if head.dep_ in ("pobj", "pcomp") and head.head.lower_ == "without":
        return "negated"  # "entered the town without fighting"
    if any(child.dep_ == "amod" and _lemma(child) in UNREALISED_WORDS for child in head.children):
        return "hypothetical"  # "a possible ground invasion", "the planned march"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and _lemma(head.head.head) in EXPECTATION_HEADS:
        return "hypothetical"  # "deployed forces in anticipation of more demonstrations"
    governors = [*_governors(head), *(word for verb in light for word in _governors(verb))]
    if any(governor.lemma_.lower() in DENIAL_HEADS for governor in governors):
        return "denied"
    if any(_lemma(governor) in FAIL_HEADS for governor in governors):
        return "negated"
    clause = [head, *light, *governors]
    if any(_conditioned(word) for word in clause):
        return "conditional"
    if trigger.event != "THREATEN" and any(governor.lemma_.lower() in THREAT_HEADS for governor in governors):
        return "threatened"
    auxiliaries = _auxiliaries(clause, quote)
    planned = any(_lemma(governor) in PLAN_HEADS for governor in governors)
    if (auxiliaries & FUTURE_AUX or planned) and QUAD_CLASS[trigger.event] == "material_conflict":
        return "threatened"  # force or coercion a party says it will or plans to use
    # "tried to hold demonstrations": an attempt under a light verb still took place.
    if auxiliaries & POSSIBILITY_AUX or any(g.lemma_.lower() in INTENT_HEADS for g in _governors(head)):
        return "hypothetical"
    return "asserted"


def _object_of(head: Token) -> list[Token]:
    """The verb a noun trigger is the object of, through a generic head it names ("halted mediation efforts")."""
    word = _named_through(head)
    if word.pos_ in ("NOUN", "PROPN") and word.dep_ in OBJECTS | {"nsubjpass"} and word.head.pos_ in ("VERB", "AUX"):
        return [word.head]
    return []


def _light_verb_of(head: Token) -> list[Token]:
    return [verb for verb in _object_of(head) if _verb_in(verb, LIGHT_VERBS)]


def _auxiliaries(clause: Iterable[Token], quote: Quote | None) -> set[str]:
    """The auxiliaries of a trigger's clause; a reported "would" ("said they would strike") is a future."""
    found = {child.lower_ for word in clause for child in word.children if child.dep_ == "aux"}
    if quote is not None and quote.kind in ("indirect", "mixed") and "would" in found:
        found.add("will")
    return found


def _named_through(head: Token) -> Token:
    """ "mediation efforts", "peace talks": a trigger noun compounded onto a generic noun acts through it."""
    if head.dep_ == "compound" and head.head.lemma_.lower() in GENERIC_EVENT_HEADS:
        return head.head
    return head


def _governors(head: Token, with_objects: bool = False) -> Iterator[Token]:
    """The verbs a trigger is the complement of ("pledged to avenge", "denied that it attacked"), and with
    ``with_objects`` the verbs it is the object of ("halted aid")."""
    current = _named_through(head) if with_objects else head
    walked = GOVERNED_BY | {"dobj", "nsubjpass"} if with_objects else GOVERNED_BY
    for _ in range(3):
        if current.dep_ not in walked or current.head.i == current.i:
            return
        current = current.head
        yield current


def _conditioned(word: Token, marks: frozenset[str] = CONDITION_MARKS) -> bool:
    return any(
        child.dep_ == "advcl" and any(mark.lower_ in marks for mark in child.children if mark.dep_ == "mark")
        for child in word.children
    ) or (word.dep_ == "advcl" and any(mark.lower_ in marks for mark in word.children if mark.dep_ == "mark"))


def _quote_of(trigger: Span, quotes: list[Quote]) -> Quote | None:
    """The quote that carries the trigger: in its words, or as its cue ("pledged", "accused")."""
    for quote in quotes:
        parts = [quote.content, quote.continuation, quote.cue]
        if any(part is not None and part.start <= trigger.start and trigger.end <= part.end for part in parts):
            return quote
    return None


def _nearest(head: Token, sentence: Span, items: list, rank) -> object | None:  # type: ignore[no-untyped-def]
    """The place or time nearest the trigger in its own phrase; a trigger of the main clause may also take one
    elsewhere in the sentence ("On Tuesday, thousands gathered"), a buried one may not ("a funeral for those
    killed in air raids" did not happen on the day of the funeral)."""
    inside = [item for item in items if sentence.start <= item.evidence.start and item.evidence.end <= sentence.end]
    subtree_start = head.left_edge.idx
    subtree_end = head.right_edge.idx + len(head.right_edge)
    if _depth(head) > 1:
        inside = [item for item in inside if subtree_start <= item.evidence.start < subtree_end]
    if not inside:
        return None

    def key(item) -> tuple:  # type: ignore[no-untyped-def]
        in_subtree = subtree_start <= item.evidence.start < subtree_end
        return (not in_subtree, rank(item), abs(item.evidence.start - head.idx))

    return min(inside, key=key)


def _place_rank(place: Place) -> int:
    return PRECISION_RANK.get(place.precision, 4)


def _time_rank(time: TimeRef) -> int:
    return GRANULARITY_RANK.get(time.granularity, 4)


# -- merging ----------------------------------------------------------------------------------------------------


def _merge_in_sentence(candidates: list[_Candidate]) -> list[_Candidate]:
    """One trigger governing another of the same type is one happening: "martyred in U.S. airstrikes",
    "pledged to avenge"; so is a weapon fired and what its firing did ("fired rockets at the base, killing six")."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: _depth(c.head)):
        host = next(
            (
                other
                for other in kept
                if other.kind == candidate.kind
                and any(_governs(word, candidate.head) for word in (other.head, *_light_verb_of(other.head)))
                and _slots_compatible(other, candidate, same_clause=True)
            ),
            None,
        )
        if host is None:
            kept.append(candidate)
        else:
            _absorb(host, candidate, same_sentence=True)
    return sorted(kept, key=lambda c: c.trigger_span.start)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < MAX_SUBTREE:
        token, depth = token.head, depth + 1
    return depth


def _governs(ancestor: Token, token: Token) -> bool:
    return any(word.i == ancestor.i for word in token.ancestors)


def _merge_across_sentences(candidates: list[_Candidate]) -> list[_Candidate]:
    events: list[_Candidate] = []
    for candidate in candidates:
        # The most told compatible happening first: "the attack" is the strike the article is about.
        ranked = sorted(reversed(events), key=lambda event: -len(event.mentions))
        host = next((event for event in ranked if _same_happening(event, candidate)), None)
        if host is None:
            events.append(candidate)
        else:
            _absorb(host, candidate, same_sentence=False)
    return events


def _same_happening(event: _Candidate, candidate: _Candidate) -> bool:
    if event.kind != candidate.kind or not _slots_compatible(event, candidate):
        return False
    ties = sum(
        (
            _both_equal(event.source.actor_id, candidate.source.actor_id),
            _both_equal(event.target.actor_id, candidate.target.actor_id),
            event.time is not None and candidate.time is not None and _dates_compatible(event.time, candidate.time),
            event.place is not None
            and candidate.place is not None
            and _places_compatible(event.place, candidate.place),
            bool(set(event.counts.items()) & set(candidate.counts.items())),
        )
    )
    return ties >= 2 or candidate.definite


def _same_mode(event: _Candidate, candidate: _Candidate) -> bool:
    return candidate.mode is None or event.mode is None or candidate.mode == event.mode


def _both_equal(left: str | None, right: str | None) -> bool:
    return left is not None and left == right


def _slots_compatible(event: _Candidate, candidate: _Candidate, same_clause: bool = False) -> bool:
    if (event.modality == "asserted") != (candidate.modality == "asserted"):
        return False  # a threatened strike is not the strike that happened
    for mine, theirs in ((event.source, candidate.source), (event.target, candidate.target)):
        if mine.actor_id and theirs.actor_id and mine.actor_id != theirs.actor_id and mine.country != theirs.country:
            return False
    if event.time and candidate.time and not _dates_compatible(event.time, candidate.time):
        return False
    if event.place and candidate.place and not _places_compatible(event.place, candidate.place):
        return False
    # In one clause a "missile strike" may name two modes; "the attack" refers back whatever weapon it was.
    return same_clause or candidate.definite or _same_mode(event, candidate) or event.kind != "ASSAULT"


def _dates_compatible(left: TimeRef, right: TimeRef) -> bool:
    a, b = left.value or "", right.value or ""
    if a.startswith(b) or b.startswith(a):
        return True
    return _week_of(a) == b or _week_of(b) == a


def _week_of(value: str) -> str | None:
    from datetime import date

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    year, week, _ = date.fromisoformat(value).isocalendar()
    return f"{year}-W{week:02d}"


def _places_compatible(left: Place, right: Place) -> bool:
    if left.geonames_id is not None and left.geonames_id == right.geonames_id:
        return True
    shared = set(left.countries or (left.country,)) & set(right.countries or (right.country,))
    return bool(shared - {None})


def _absorb(host: _Candidate, other: _Candidate, same_sentence: bool) -> None:
    for name in ("source", "target"):
        mine, theirs = getattr(host, name), getattr(other, name)
        if (mine.actor_id is None and theirs.actor_id is not None) or (mine.text is None and theirs.text is not None):
            setattr(host, name, theirs)
    # A weapon's mode and ACLED type are more specific than a verb's: "martyred in airstrikes" is aerial.
    if other.mode is not None and (host.mode is None or (other.acled and not host.acled) or other.mode == "riot"):
        host.mode = other.mode  # "rallied in aggressive demonstrations": the riot is what the rally was
        host.acled = None if other.mode == "riot" else host.acled
    host.acled = host.acled or other.acled
    for role, value in other.counts.items():
        host.counts[role] = max(host.counts.get(role, 0), value)
    if other.place is not None and (host.place is None or _place_rank(other.place) < _place_rank(host.place)):
        host.place = other.place
    if other.time is not None and (host.time is None or _time_rank(other.time) < _time_rank(host.time)):
        host.time = other.time
    host.definite = host.definite or other.definite
    if not same_sentence:
        host.mentions.extend(other.mentions)
        host.quoted.extend(other.quoted)
    host.confidence = min(0.95, host.confidence + 0.05)
    host.happening = max(host.happening, other.happening)


# -- the trained model ------------------------------------------------------------------------------------------


def sentence_features(sentence: DocSpan, candidates: list[_Candidate]) -> list[str]:
    """The sentence's words and the rules' reading of it, as the event-type model's binary features.

    Names, numbers and dates are replaced by their entity label, so the model learns "<GPE> troops shelled",
    not which country did; the rules' main candidate contributes its type, trigger and modality, so the model
    learns when to trust them.
    """
    words = [happening.feature_word(token) for token in sentence if not (token.is_punct or token.is_space)]
    words = [word for position, word in enumerate(words) if position == 0 or word != words[position - 1]]
    features = [f"w={word}" for word in words]
    features += [f"b={left}_{right}" for left, right in pairwise(words)]
    root = sentence.root
    features.append(f"root={root.lemma_.lower()}")
    features += [
        f"root_{child.dep_}={happening.feature_word(child)}" for child in root.children if child.dep_ in OBJECTS
    ]
    if any(token.dep_ == "neg" for token in sentence):
        features.append("negated")
    main = _main_candidate(candidates)
    if main is None:
        return [*features, "rule=none"]
    trigger = " ".join(main.trigger.lemmas)
    features += [f"rule={main.kind}", f"trigger={trigger}", f"rule_trigger={main.kind}|{trigger}"]
    features += [f"modality={main.modality}", f"voice={'quote' if main.quote else 'outlet'}"]
    features += [f"also={candidate.kind}" for candidate in candidates if candidate is not main]
    return features


def _reported_clause(root: Token, speech_verbs: Collection[str]) -> Token:
    if root.lemma_.lower() not in speech_verbs:
        return root
    return next((child for child in root.children if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX")), root)


def _main_candidate(candidates: list[_Candidate]) -> _Candidate | None:
    """The candidate a one-sentence reading is about: asserted, in the outlet's voice, highest in the parse."""
    return min(
        candidates,
        key=lambda c: (c.modality != "asserted", c.quote is not None, _depth(c.head), c.trigger_span.start),
        default=None,
    )


def _arbitrate(
    sentence: DocSpan,
    candidates: list[_Candidate],
    context: _Context,
    model: EventTypeModel,
    speech_verbs: Collection[str],
) -> list[_Candidate]:
    """Code an event the lexicon has no trigger for, on the sentence's main verb (the reported one when the main
    verb only reports: "X has opened an embassy, the ministry said"), when the trained model is sure of its type.
    The rules' own types stand: re-typing them by the model lowered every gold score we measured."""
    root = _reported_clause(sentence.root, speech_verbs)
    if candidates or root.pos_ not in ("VERB", "AUX") or _accident(sentence):
        return candidates  # the rules set aside a toll from a disaster: the model must not code it back
    probabilities = model.probabilities(sentence_features(sentence, candidates))
    best = max(probabilities, key=probabilities.__getitem__)
    if probabilities[best] < ADD_THRESHOLD:
        return candidates
    trigger = Trigger((root.lemma_.lower(),), "verb", best, None, None, frozenset(), None, None, line=0)
    added = _candidate(TriggerMatch(trigger, root, (root,)), sentence, context)
    added.confidence = round(0.5 * probabilities[best], 2)
    return [added]


def _happenings(sentence: DocSpan, candidates: list[_Candidate], model: HappeningModel) -> list[_Candidate]:
    """The candidates whose clause the happening detector does not rule out, each with its probability.
    The probability still lowers the confidence of a negated, threatened or hypothetical event."""
    kept = []
    for candidate in candidates:
        # The detector learnt the lexicon's reading of a trigger; a verb the type model added has none.
        reading = candidate.trigger.event if candidate.trigger.line else None
        candidate.happening = happening.probability(model, candidate.head, sentence, reading)
        # What the text says did not (or may not) happen is kept with its modality: the detector vetoes only
        # what is told as having happened.
        if candidate.happening >= model.threshold or candidate.modality != "asserted":
            kept.append(candidate)
    return kept


# -- records ----------------------------------------------------------------------------------------------------


def _records(
    article_id: str, events: list[_Candidate], context: _Context, lexicon: EventLexicon
) -> Iterator[Event | EventMention]:
    settings = [event.head.doc for event in events[:1]]
    places = [place for doc in settings for place in context.places if _where_it_happened(place, doc, context)]
    for number, event in enumerate(events, start=1):
        event_id = f"{article_id}:e{number}"
        quad = QUAD_CLASS[event.kind]
        if event.modality == "asserted":
            place, place_basis = when_where.where(event.place, event.sentence.start, places, context.dateline)
            date, time_precision, date_basis = when_where.when(
                event.time, event.head, event.sentence.start, context.times, context.published
            )
        else:  # what did not happen (yet) has only the time and place its own clause gives it
            stated = event.time if event.time is not None and when_where.is_date(event.time.value) else None
            date, time_precision = (stated.value, stated.granularity) if stated else (None, None)
            date_basis = "clause" if stated else None
            place, place_basis = event.place, "clause" if event.place else None
            if place is None and quad in MATERIAL and context.dateline is not None:
                place, place_basis = context.dateline, "dateline"
        # Told in the outlet's own voice once is enough: a strike a speaker also mentions is the outlet's report.
        outlet_voice = any(quote is None for quote in event.quoted)
        # The weapon or the crowd in a slot still tells the ACLED type ("an airstrike destroyed"); the record's
        # slots then keep only parties.
        sub_event = acled.sub_event(
            event.kind,
            event.mode,
            event.acled,
            event.head,
            _with_sector(event.source, event, context),
            event.target,
            lexicon,
        )
        source = _with_sector(_party_slot(event.source, event, context, roles.party), event, context)
        aimed_at = roles.addressee if quad in roles.VERBAL_QUADS else roles.party
        target = _party_slot(event.target, event, context, aimed_at)
        filled = sum(value is not None for value in (source.text, target.text, event.place, event.time))
        coded = min(0.95, event.confidence + 0.08 * filled - (0.1 if event.modality != "asserted" else 0))
        # Half how well the slots are coded, half the detector's calibrated belief that it happened at all.
        confidence = round(0.5 * coded + 0.5 * event.happening, 2)
        yield Event(
            article_id=article_id,
            event_id=event_id,
            evidence=event.sentence,
            trigger=event.trigger_span,
            trigger_text=context.text[event.trigger_span.start : event.trigger_span.end],
            type=event.kind,
            mode=event.mode,
            quad_class=quad,
            source_actor_id=source.actor_id,
            source_text=source.text,
            source_country=source.country,
            source_sector=source.sector,
            target_actor_id=target.actor_id,
            target_text=target.text,
            target_country=target.country,
            target_sector=target.sector,
            place_text=place.text if place else None,
            geonames_id=place.geonames_id if place else None,
            country=place.country if place else None,
            admin1=place.admin1 if place else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            geo_precision=place.precision if place else None,
            date=date,
            time_precision=time_precision,
            killed=event.counts.get("killed"),
            injured=event.counts.get("injured"),
            arrested=event.counts.get("arrested"),
            participants=event.counts.get("participants"),
            modality=event.modality,
            attribution="outlet" if outlet_voice else "quote",
            quote_evidence=None if outlet_voice or event.quoted[0] is None else event.quoted[0].evidence,
            acled_sub_event=sub_event,
            acled_event_type=lexicon.acled_types.get(sub_event) if sub_event else None,
            confidence=max(0.05, confidence),
            date_basis=date_basis,
            place_basis=place_basis,
        )
        for sentence, trigger in event.mentions:
            yield EventMention(article_id, event_id, sentence, trigger, confidence=max(0.05, confidence))


def _party_slot(slot: _Slot, event: _Candidate, context: _Context, check) -> _Slot:  # type: ignore[no-untyped-def]
    """The slot when it names a party; for a weapon, a happening, a date or a thing, the party modifying it
    ("U.S. airstrikes" -> U.S.), else an empty slot. An actor the actors stage found always stays."""
    if slot.head is None or slot.actor_id is not None:
        return slot
    kept = check(slot.head, context.event_nouns, _has_actor(slot.head, context))
    if kept is slot.head:
        return slot
    return _slot(kept, context, event.quote)


def _with_sector(slot: _Slot, event: _Candidate, context: _Context) -> _Slot:
    """A state that strikes, shells, deploys or takes a town acts through its military: "U.S. airstrikes" -> USA-MIL,
    "Niger recaptured the town" -> NER-MIL."""
    actor = context.actors.get(slot.actor_id or "")
    if actor is None or actor.kind != "state" or slot.sector is not None:
        return slot
    territorial = event.acled in ("Government regains territory", "Non-state actor overtakes territory")
    if event.kind in ("ASSAULT", "MOBILIZE") and (
        event.mode in ("aerial", "drone", "heavy-weapons", "troops") or territorial
    ):
        return _Slot(text=slot.text, actor_id=f"{actor.country}-MIL", country=actor.country, sector="MIL")
    return slot
