"""A slot filled: the party a word names, as the actors stage found it (its mention on the word, an apposition
or a modifier; a pronoun carries the actor it refers to, one left unresolved names no one), with the text its name
spans in the article, and its country and sector.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.extract.actor_references import TITLE_HEADS
from dateline.extract.events.antecedents import RELATIVE_PRONOUNS, named_subject
from dateline.extract.events.candidates import Candidate, Context, Slot
from dateline.extract.events.party_phrase import bounded_subtree
from dateline.extract.events.slots import agent_of
from dateline.extract.events.syntax import DOING_VERBS, SUBJECTS, is_passive, verb_in
from dateline.extract.place_names import PLACE_LABELS
from dateline.extract.roles import WEAPONS
from dateline.model import Mention, Place, Quote

# A state's bodies that act at home: named with no state, they are the state of the place they act in.
LOCAL_BODIES = frozenset(
    {"police", "policeman", "cop", "constable", "gendarmerie", "authority", "government", "administration", "official"}
)
FIRST_PERSON = frozenset({"we", "i", "us", "our", "me", "my"})


def speaker_slot(candidate: Candidate, context: Context) -> Slot:
    quote = candidate.quote
    if quote is not None and quote.speaker_actor_id is not None:
        return _actor_slot(quote.speaker_actor_id, quote.speaker_text, context)
    return Slot(text=quote.speaker_text) if quote is not None else Slot()


def _named_before(head: Token, context: Context) -> Slot:
    """The subject of a dateline's opening sentence: the person named between the dash and the trigger (the
    leader, not the group he leads), else the first actor named there."""
    between = [m for m in context.mentions if context.dateline_end <= m.evidence.start and m.evidence.end <= head.idx]
    people = [m for m in between if (actor := context.actors.get(m.actor_id)) is not None and actor.kind == "person"]
    chosen = (people or between or [None])[0]
    if chosen is None:
        return Slot()
    return _actor_slot(chosen.actor_id, chosen.text, context)


def dateline_sentence_source(head: Token, subject: Token | None, context: Context, quote: Quote | None) -> Slot:
    """Who acts in a dateline's opening sentence: an actor named after the dash, else the top noun there
    ("Leaders of Masalit and Arab communities signed"); a passive with no agent ("one protester was killed")
    names no one."""
    named = _named_before(head, context)
    if named.text:
        return named
    return Slot() if is_passive(head) else slot_of(subject, context, quote)


def names_a_place_only(token: Token, context: Context) -> bool:
    """A town or region the actors stage knows as no actor (a state's name is one: "Iran attacks")."""
    return token.ent_type_ in PLACE_LABELS and not has_actor(token, context)


def has_actor(token: Token | None, context: Context) -> bool:
    """Whether the actors stage found an actor in the words ``token`` heads."""
    return token is not None and token.i in context.actor_words


def named_doer(token: Token | None, context: Context) -> Token | None:
    """The modifier of an event noun that names who did it: "Russian" in "the Russian invasion of Ukraine", "U.S."
    in "U.S. airstrikes". Whoever reacts to the deed reacts to its doer. (A weapon is a thing of its own: the "US
    Chinook helicopter" shot down is the helicopter.)"""
    if token is None or token.i in context.actor_words:
        return None
    lemma = token.lemma_.lower()
    if lemma not in context.event_nouns or lemma in WEAPONS:
        return None
    return next(
        (
            child
            for child in token.children
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i in context.actor_words
        ),
        None,
    )


def slot_of(
    token: Token | None, context: Context, quote: Quote | None, place_country: bool = False, act: Token | None = None
) -> Slot:
    """The slot ``token`` heads. ``place_country``: a place that names no actor stands for its country (a target's
    town does; a doer's rarely is one, and "the Paris attacks" were not France's). ``act``: the event's own word,
    left out of the party's phrase ("the hostages [released on Tuesday]")."""
    if token is None:
        return Slot()
    # the speaker's "we", "us" (never "the US", which the parser tags a proper noun)
    if token.lower_ in FIRST_PERSON and token.pos_ == "PRON" and quote is not None and quote.speaker_actor_id:
        return _actor_slot(quote.speaker_actor_id, quote.speaker_text, context)
    left, right = bounded_subtree(token, act)
    if token.lemma_.lower() in context.event_nouns:
        # "investigating the attack on the Iraqi embassy": a happening's own parties, after its prepositions, are not
        # the slot's; the party modifying it ("the Taliban attack") is
        after = [child.i for child in token.children if child.dep_ == "prep" and child.i > token.i]
        if after:
            right = token.doc[max(token.i, min(right.i, after[0] - 1))]
    if left.idx < context.dateline_end <= token.idx:
        # "NIAMEY, July 15 (Wire) - Gunmen killed ...": the parser hung the dateline from the first noun after it
        left = next(word for word in token.doc[left.i : token.i + 1] if word.idx >= context.dateline_end)
    text = context.text[left.idx : right.idx + len(right)]
    mention = _mention_for(token, left, right, context.mentions)
    on_head = mention is not None and mention.evidence.start <= token.idx < mention.evidence.end
    if not on_head and (holder := _title_holder(token, context)) is not None:
        return _actor_slot(holder.actor_id, holder.text, context)
    if mention is None and token.pos_ == "PRON":
        return Slot()  # a pronoun the actors stage could not resolve names no one
    if mention is None:
        # A town or region struck, entered or spoken for stands for its country, as event coders code it ("bombed
        # Beirut" -> LBN); it names no actor of its own. The place must lie within the phrase, not run past it.
        start, end = left.idx, right.idx + len(right)
        places = context.places if place_country else ()
        place = next((p for p in places if start <= p.evidence.start <= token.idx < p.evidence.end <= end), None)
        return Slot(text=text, head=token, country=place.country if place is not None else None)
    if named_doer(token, context) is not None:
        # "the Israeli raid on the flotilla": the party is the doer its modifier names, not the deed
        text = context.text[mention.evidence.start : mention.evidence.end]
    return _actor_slot(mention.actor_id, text, context)


def _title_holder(token: Token, context: Context) -> Mention | None:
    """ "Leader of the Asa'ib Ahl al-Haq resistance group Qais al-Khazali": the person a title's phrase ends on, in
    apposition, holds the title (the parser hangs the name from the group; the phrase is too long to read whole)."""
    if token.lemma_.lower() not in TITLE_HEADS:
        return None
    for word in token.subtree:
        if word.i > token.i and word.dep_ == "appos" and word.ent_type_ == "PERSON":
            between = word.head
            while between.i != token.i and between.pos_ in ("NOUN", "PROPN", "ADP"):
                between = between.head
            if between.i == token.i:
                return next((m for m in context.mentions if m.evidence.start <= word.idx < m.evidence.end), None)
    return None


def _actor_slot(actor_id: str, text: str | None, context: Context) -> Slot:
    actor = context.actors.get(actor_id)
    return Slot(
        text=text,
        actor_id=actor_id,
        country=actor.country if actor else None,
        sector=actor.sector if actor else None,
    )


def _other_doer(clause: Token) -> bool:
    """The clause names who does its verb: an agent, or a subject other than a relative pronoun."""
    return agent_of(clause) is not None or any(
        child.dep_ in SUBJECTS and child.lower_ not in RELATIVE_PRONOUNS for child in clause.children
    )


def _mention_for(token: Token, left: Token, right: Token, mentions: list[Mention]) -> Mention | None:
    """The actor a slot names: the mention on its head, then an apposition, then a modifier, then the first
    mention in the phrase outside its prepositional attachments ("leader of X, NAME" is NAME). A clause inside the
    phrase with a doer of its own names no one for it unless it tells who did the act ("the attack, condemned by the
    UN" and "the attack, which the UN condemned" are not the UN's; "the attack carried out by Daesh" is Daesh's), nor
    does the object of a clause inside it ("a teenager who supports Trump" is no Trump)."""
    start, end = left.idx, right.idx + len(right)
    if left.i > 0 and left.nbor(-1).dep_ == "det":
        start = left.nbor(-1).idx  # the actors stage may keep the article the slot drops: "the Kenyan ambassador"
    clauses = [
        (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
        for child in token.children
        if child.dep_ in ("relcl", "acl") and _other_doer(child) and not verb_in(child, DOING_VERBS)
    ]
    # "a teenager who supports President Trump": whom the phrase's own clause acts on is another party
    clauses += [
        (done_to.left_edge.idx, done_to.right_edge.idx + len(done_to.right_edge))
        for child in token.children
        if child.dep_ in ("relcl", "acl")
        for done_to in child.children
        if done_to.dep_ in ("dobj", "obj")
    ]
    inside = [
        mention
        for mention in mentions
        if start <= mention.evidence.start
        and mention.evidence.end <= end
        and not any(a <= mention.evidence.start < b for a, b in clauses)
    ]
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


def party_slot(slot: Slot, event: Candidate, context: Context, check) -> Slot:  # type: ignore[no-untyped-def]
    """The slot when it names a party; for a weapon, a happening, a date or a thing, the party modifying it
    ("U.S. airstrikes" -> U.S.), else an empty slot. An actor the actors stage found always stays."""
    if slot.head is None or slot.actor_id is not None:
        return slot
    kept = check(slot.head, context.event_nouns, has_actor(slot.head, context))
    if kept is slot.head:
        return slot
    if kept is not None and names_a_place_only(kept, context):
        return Slot()  # "the Paris attacks", "the Kabul bombing": a town naming the happening tells where, not who
    if kept is not None and kept.pos_ == "PRON":
        # "criticized his handling": the "he" of a clause above, never the act's own doer
        named = named_subject(kept, event.head, event.quote)
        doer = event.source.head
        kept = kept if doer is not None and named.i == doer.i else named
    return slot_of(kept, context, event.quote)


def of_the_place(slot: Slot, place: Place | None) -> Slot:
    """A state's police or government named by no state acts where the event happened: "police arrested two men in
    Meerut" are India's police (an army or troops may be a foreign one, and keep no country). Only the country is
    given: the sector stays what the actors stage found, as the ACLED and realness models were fitted on it."""
    if slot.head is None or slot.actor_id is not None or slot.country is not None or place is None:
        return slot
    local = slot.head.lemma_.lower() in LOCAL_BODIES
    owner = any(child.ent_type_ in ("GPE", "NORP", "ORG") for child in slot.head.children)
    if not local or owner or place.country is None:
        return slot
    return Slot(text=slot.text, country=place.country, sector=slot.sector, head=slot.head)


def with_sector(slot: Slot, event: Candidate, context: Context) -> Slot:
    """A state that strikes, shells, deploys or takes a town acts through its military: "U.S. airstrikes" -> USA-MIL,
    "Niger recaptured the town" -> NER-MIL."""
    actor = context.actors.get(slot.actor_id or "")
    if actor is None or actor.kind != "state" or slot.sector is not None:
        return slot
    territorial = event.acled in ("Government regains territory", "Non-state actor overtakes territory")
    if event.kind in ("ASSAULT", "MOBILIZE") and (
        event.mode in ("aerial", "drone", "heavy-weapons", "troops") or territorial
    ):
        return Slot(text=slot.text, actor_id=f"{actor.country}-MIL", country=actor.country, sector="MIL")
    return slot
