"""One trigger made a candidate event, and the code PLOVER gives what the sentence does rather than the action it
names: aid halted is a SANCTION, a protest prevented is COERCE, a strike threatened is THREATEN."""

from __future__ import annotations

import re
from functools import partial

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.extract import anchoring, event_place, roles, when_where
from dateline.extract.events import outsiders, parties
from dateline.extract.events.antecedents import RELATIVE_PRONOUNS, named_subject
from dateline.extract.events.candidates import Candidate, Context, Slot, time_rank
from dateline.extract.events.counts import count_of
from dateline.extract.events.filling import dateline_sentence_source, names_a_place_only, slot_of, speaker_slot
from dateline.extract.events.modality import (
    FUTURE_AUX,
    NOT_HAPPENINGS,
    OBLIGATION_AUX,
    auxiliaries_of,
    modality_of,
    quote_of,
)
from dateline.extract.events.slots import inherited_subject, subject_after_dateline
from dateline.extract.events.syntax import (
    LIGHT_VERBS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    conditioned,
    depth,
    first_child,
    governors_of,
    lemma_forms,
    lemma_of,
    light_verb_of,
    object_of,
    parse_arrays,
    prepositional_objects,
    verb_in,
    walk_arrays,
)
from dateline.extract.events.tolls import stated_tolls
from dateline.extract.events.triggers import TriggerMatch
from dateline.model import Place, Quote, Span
from dateline.resources.events import QUAD_CLASS

# Protest verbs that can tell what a party said: "protested that the vote was rigged", "chanted that ...".
SPOKEN_PROTESTS = frozenset({"protest", "chant"})
VERBAL_ATTACK_WORDS = frozenset({"attack", "assail", "hit", "slam", "blast"})
# Doers whose attack is never made in words: weapons, strikes and armed forces.
ARMED_DOERS = frozenset(
    {"strike", "airstrike", "raid", "missile", "rocket", "shell", "bomb", "drone", "mortar", "artillery", "warplane",
     "jet", "aircraft", "helicopter", "tank", "troop", "soldier", "force", "militant", "fighter", "gunman", "army"}
)  # fmt: skip
# Where an attack is made in words: "attacked Cruz during the debate", "in a speech", "on Twitter".
SPOKEN_OCCASIONS = frozenset(
    {"debate", "speech", "interview", "tweet", "twitter", "ad", "advertisement", "statement", "op-ed", "editorial",
     "podcast", "remark", "column", "letter"}
)  # fmt: skip
# What only words can attack: a record, a stand, what was said or decided.
ATTACKED_IN_WORDS = roles.SAID | frozenset(
    {"record", "policy", "position", "view", "stance", "speech", "ad", "agenda", "platform", "legacy", "credibility",
     "character", "integrity", "temperament"}
)  # fmt: skip
# What "over" spans when it is no grievance: a stretch of time or ground.
STRETCH_WORDS = frozenset(
    {"weekend", "night", "day", "week", "month", "year", "period", "course", "decade", "border", "area", "city",
     "town", "village", "region", "head", "territory", "line"}
)  # fmt: skip

LOCATIVE = frozenset(
    {"in", "at", "near", "on", "across", "along", "outside", "inside", "into", "around", "between", "within", "off"}
)
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
ADJUNCT_PREPOSITIONS = frozenset({"after", "before", "during", "amid", "following", "despite", "since", "until"})
WEAPON_WORDS = frozenset(
    {"weapons", "weapon", "arms", "ammunition", "rockets", "explosives", "ieds", "mines", "guns", "rifles",
     "grenades", "munitions", "bombs", "devices", "missiles"}
)  # fmt: skip
REFUSE_HEADS = frozenset({"refuse", "decline", "reject"})
# The content of a threat or demand, as PLOVER's THREATEN modes name it.
THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations", "PROTEST": "protest"}
SUPPRESS_VERBS = frozenset({"suppress", "crush", "quell", "repress", "quash"})
VIOLENT_WORDS = frozenset({"violent", "aggressive", "riotous", "unruly"})
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
FORMAL_WORDS = frozenset({"official", "formal", "diplomatic", "written", "strong", "strongly-worded"})
LODGE_VERBS = frozenset({"lodge", "file", "register", "deliver", "submit", "hand", "send", "issue"})
ORDER_VERBS = frozenset({"order", "force", "compel", "oblige", "instruct"})
POSTURE_HEADS = frozenset({"prepare", "poise", "gear"})
MATERIAL = frozenset({"material_conflict", "material_coop"})
UNLESS = frozenset({"unless"})
ACTED_ON = OBJECTS | PASSIVE_SUBJECTS  # what a verb acts on: its object, or its subject when passive


def _where_it_happened(source: Token | None, head: Token, context: Context) -> bool:
    """ "the Paris attacks", "the Kabul bombing": a town that names an event noun, and no actor, tells where it
    happened, not who did it (a state does: "Iran attacks")."""
    return (
        source is not None
        and source.dep_ == "compound"
        and source.head.i == head.i
        and names_a_place_only(source, context)
    )


def candidate_from(match: TriggerMatch, sentence: DocSpan, context: Context) -> Candidate:
    head, trigger = match.head, match.trigger
    first, last = match.tokens[0], match.tokens[-1]
    trigger_span = Span(first.idx, last.idx + len(last))
    sentence_span = Span(sentence.start_char, sentence.end_char)
    quote = quote_of(trigger_span, context.quote_parts)
    if quote is not None and _announced_act(head, quote):
        quote = None
    source_token, target_token = parties.chosen_parties(match, sentence, context, *parties.rule_slots(match))
    if _where_it_happened(source_token, head, context):
        source_token = None
    after_dateline = source_token is not None and source_token.idx < context.dateline_end
    verb = source_token.head if source_token is not None else head
    if after_dateline and (verb.i == head.i or verb in light_verb_of(head)):
        # "GAZA (AFP) -- ..., a day after militants fired rockets": the parser gave the trigger's verb two subjects,
        # the dateline and its own; its own one acts
        own = [child for child in verb.children if child.dep_ in SUBJECTS and child.idx >= context.dateline_end]
        if own:
            source_token, after_dateline = own[0], False
    if after_dateline:
        source_token = subject_after_dateline(sentence, head, context.dateline_end)
    elif source_token is not None:
        source_token = named_subject(source_token, head, quote)
    if target_token is not None:
        target_token = parties.teller_undergoing(target_token, head, context) or target_token
    if target_token is not None and target_token.idx < context.dateline_end:
        # "KANO, Nigeria – Two worshippers were shot dead": the parser made the dateline city a passive subject too
        target_token = subject_after_dateline(sentence, head, context.dateline_end)
    candidate = Candidate(
        trigger=trigger,
        kind=trigger.event,
        head=head,
        trigger_span=trigger_span,
        sentence=sentence_span,
        source=dateline_sentence_source(head, source_token, context, quote)
        if after_dateline
        else slot_of(source_token, context, quote, act=_cut_from_source(source_token, target_token, head)),
        target=slot_of(target_token, context, quote, place_country=True, act=head),
        mode=trigger.mode,
        acled=trigger.acled,
        modality=modality_of(head, trigger, quote),
        quote=quote,
        definite=head.pos_ == "NOUN"
        and any(child.lower_ in ("the", "this", "that", "these") for child in head.children),
    )
    if trigger.count is not None:
        counted = source_token if trigger.count == "participants" else target_token
        number = count_of(counted) if counted is not None else None
        if number is None and trigger.count == "participants" and target_token is not None:
            number = count_of(target_token)
        if number is not None:
            candidate.counts[trigger.count] = number
    if QUAD_CLASS[candidate.kind] == "material_conflict" or candidate.kind == "PROTEST":
        for role, number in stated_tolls(head):
            candidate.counts.setdefault(role, number)
    # "Police fired tear gas at crowds in Khartoum": a weapon or act named by the object of a light verb happened
    # where and when that verb's clause says.
    anchor = next(iter(light_verb_of(head)), head)
    candidate.find_place = partial(
        event_place.stated_place,
        anchor,
        sentence_span,
        context.places,
        context.mentions,
        context.chants,
        context.place_model,
    )
    times = outsiders.times_of_its_own(anchor, sentence_span, context.clause_times, context.event_nouns)
    own_time = when_where.clause_time(anchor, sentence_span, times)
    candidate.time = own_time or nearest_in_phrase(anchor, sentence_span, times, time_rank)
    ahead = own_time is not None and anchoring.after_publication(own_time.value, context.published)
    if candidate.modality == "asserted" and ahead:
        # "invited the leaders to a summit next month": what the clause dates after publication has not happened;
        # force planned for then is a threat, as with "will"
        candidate.modality = "threatened" if QUAD_CLASS[candidate.kind] == "material_conflict" else "hypothetical"
    candidate.mentions.append((sentence_span, trigger_span))
    candidate.quoted.append(quote)
    if candidate.kind == "ASSAULT" and candidate.mode in (None, "destroy"):
        # "a suicide bomber targeted", "an airstrike destroyed a clinic": the weapon is the mode, destruction only
        # its result (PLOVER's "destroy" is for an assault of unknown weapon).
        weapon = _attacker_mode(candidate.source.text) or _delivered_with(head)
        if weapon is not None:
            candidate.mode, candidate.acled = weapon, None
    _recode(candidate, context)
    described = source_token is not None and candidate.source.actor_id is None
    if not candidate.definite and described and QUAD_CLASS[candidate.kind] in MATERIAL:
        # "The participants chanted": a definite description with no name points back to a happening told before.
        candidate.doer_described = any(child.lower_ == "the" for child in source_token.children)
    return candidate


def party_as_place(candidate: Candidate) -> bool:
    """ "Sanctions on Iran", "endorsed Kasich", "thanked the United States": the party a statement, sanction or
    endorsement is aimed at is no place where it happened (a visit's host is: "visited France")."""
    place, target = candidate.place, candidate.target.text
    return (
        place is not None
        and target is not None
        and QUAD_CLASS[candidate.kind] in ("verbal_coop", "verbal_conflict")
        and candidate.kind != "CONSULT"
        and re.search(rf"(?<!\w){re.escape(place.text)}(?!\w)", target) is not None
    )


def _announced_act(head: Token, quote: Quote) -> bool:
    """ "Italy announced a suspension of air links": an act its doer announces is told in the outlet's voice, as
    the act itself ("declared a ceasefire", "issued a warning"), not as words about something else."""
    cue = quote.cue
    return (
        cue is not None
        and head.dep_ in OBJECTS
        and cue.start <= head.head.idx < cue.end
        and verb_in(head.head, LIGHT_VERBS)
    )


def _attack_in_words(head: Token) -> bool:
    """ "Trump attacked Clinton over her emails", "attacked Obama as a job killer": an attack over a grievance or
    under a label, or on a record or a stand, is made in words. "Over" a time or a place ("over the weekend", "over the
    border") is not one."""
    if lemma_of(head) not in VERBAL_ATTACK_WORDS:
        return False
    doer = first_child(list(head.children), SUBJECTS)
    if doer is not None and lemma_of(doer) in ARMED_DOERS:
        return False  # "the strikes hit positions of the militia", "troops attacked its positions"
    reasons = prepositional_objects(head, ("over", "as"))
    if any(
        reason.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC") and lemma_of(reason) not in STRETCH_WORDS
        for reason in reasons
    ):
        return True
    attacked = first_child(list(head.children), ACTED_ON)
    if attacked is not None and lemma_of(attacked) in ATTACKED_IN_WORDS:
        return True  # "attacking Rubio's record"
    # "attacked Cruz during the debate", "attacked him in a speech": made where words are the means
    occasions = prepositional_objects(head, ("during", "in", "at", "on"))
    return any(lemma_of(occasion) in SPOKEN_OCCASIONS for occasion in occasions)


def _frees_a_place(head: Token) -> bool:
    freed = first_child(list(head.children), OBJECTS)
    return freed is not None and (lemma_of(freed) in PLACE_NOUNS or freed.ent_type_ in ("GPE", "LOC"))


def _violent(head: Token) -> bool:
    """ "violent protests", "the protests turned violent", "aggressive protesters marched"."""
    # Read off the document's arrays: ``Token.children`` builds a Token per child.
    doc, index = head.doc, head.i
    children, labels, _ = walk_arrays(doc)
    lemmas = lemma_forms(doc)
    described = [index, *(child for child in children[index] if labels[child] in SUBJECTS)]
    modifiers = [child for word in described for child in children[word] if labels[child] == "amod"]
    if any(lemmas[child] in VIOLENT_WORDS for child in modifiers):
        return True
    verb = parse_arrays(doc)[0][index]
    return labels[index] in SUBJECTS and any(lemmas[child] in VIOLENT_WORDS for child in children[verb])


def _complaint(head: Token, quote: Quote | None) -> bool:
    """A protest in words, not in the street: "lodged an official protest with Albania", "a rights group
    protested" as the cue of what it said. CAMEO's 'complain officially' is an ACCUSE."""
    if quote is not None and quote.cue is not None and quote.cue.start <= head.idx < quote.cue.end:
        # the cue of what a party said, when it can be one: "protested that", not "blocked main roads" (a
        # reported-speech reading the quotes stage may make of any verb with an object), nor what a protest was
        # against or at, which the quotes stage also reads as an attitude reported ("to protest at the settlements")
        return lemma_of(head) in SPOKEN_PROTESTS and (quote.kind == "direct" or _reports_a_clause(head.doc, quote))
    if head.pos_ != "NOUN":
        return False
    formal = any(child.lower_ in FORMAL_WORDS for child in head.children if child.dep_ == "amod")
    return formal or any(verb_in(verb, LODGE_VERBS) for verb in object_of(head))


def _reports_a_clause(doc: Doc, quote: Quote) -> bool:
    """Whether a reported content is words said (a clause, rooted in a verb) rather than a noun phrase."""
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    return content is not None and content.root.pos_ in ("VERB", "AUX")


def _state_body(candidate: Candidate, context: Context) -> bool:
    """A ministry, a government or an international body protests in words, never in the street: "the foreign
    ministry summoned the ambassador to protest against the visit" is CAMEO's official complaint, an ACCUSE."""
    actor = context.actors.get(candidate.source.actor_id or "")
    if actor is None:
        return False
    # A state named as such ("China protested"), not its people ("ethnic Turks", "Iraqis": the state's id too).
    by_name = actor.kind == "state" and actor.sector is None and candidate.source.text == actor.name
    return actor.kind == "igo" or actor.sector == "GOV" or by_name


def _counted_crowd(head: Token) -> bool:
    """Whether the subject of ``head`` counts people ("thousands of students", "about 200 workers")."""
    subject = first_child(list(head.children), SUBJECTS)
    return subject is not None and count_of(subject) is not None


def _attacker_mode(source: str | None) -> str | None:
    """The weapon an attacker's name implies, the most specific first."""
    words = {word.strip(".,'’").casefold() for word in (source or "").split()}
    return next((mode for names, mode in ATTACKER_MODES if words & names), None)


def _delivered_with(head: Token) -> str | None:
    """The weapon the clause says the harm was delivered with, when the trigger names none: "sending drones into the
    depot and wounding four guards", "pounded the town with rockets, killing two" (the head noun alone: "kamikaze
    drones" are drones)."""
    verbs = [head, head.head] if head.dep_ in ("conj", "advcl", "xcomp") else [head]
    delivered = [child for verb in verbs for child in verb.children if child.dep_ in OBJECTS]
    means = [child for verb in verbs for child in verb.children if child.lower_ == "with"]
    delivered += [grand for child in means for grand in child.children]
    words = {token.lower_ for token in delivered}
    # a suicide attack is told by its attacker, not by what was sent
    return next((mode for names, mode in ATTACKER_MODES if words & names and mode != "suicide-attack"), None)


def _recode(candidate: Candidate, context: Context) -> None:
    """PLOVER codes what a sentence does, not the action it names: aid halted is a SANCTION, a protest prevented
    is COERCE, a strike threatened is THREATEN, cooperation promised is AGREE, an action someone "must" take is
    REQUEST."""
    if candidate.modality in NOT_HAPPENINGS:
        return  # no happening to recode: "declined to comment on the attack" refuses nothing
    head, quad = candidate.head, QUAD_CLASS[candidate.kind]
    forms = lemma_forms(head.doc)
    governors = [(forms[word.i], word) for word in governors_of(head, with_objects=True)]
    lemmas = {lemma for lemma, _ in governors}
    if "rule" in lemmas and any(
        lemma == "rule" and any(child.lower_ == "out" for child in word.children) for lemma, word in governors
    ):
        lemmas.add("refuse")  # "ruled out talks"
    children, labels, lowers = walk_arrays(head.doc)
    own_aux = {lowers[child] for child in children[head.i] if labels[child] == "aux"}
    # Whose tense a trigger shares: the clauses above it, and a light verb it is the object of ("will send aid"),
    # not a verb of another act ("would boycott the talks" promises no talks).
    aux = auxiliaries_of([head, *governors_of(head), *light_verb_of(head)], candidate.quote)
    unless = conditioned(head, UNLESS) or any(conditioned(word, UNLESS) for _, word in governors)
    # "destroyed dozens of heavy machine guns, rockets and explosives", not "destroyed arms depots" (what was
    # destroyed looked for only then: asked of every trigger, the search cost more than the check)
    destroyed = (
        next((head.doc[child] for child in children[head.i] if labels[child] in ACTED_ON), None)
        if candidate.trigger.lemmas[0] == "destroy"
        else None
    )
    destroyed_arms = destroyed is not None and any(
        word.lower_ in WEAPON_WORDS and word.dep_ != "compound" for word in destroyed.subtree
    )
    weapon = lowers[head.i] in WEAPON_WORDS or f"{forms[head.i]}s" in WEAPON_WORDS
    found_arms = weapon and any(lemma_of(word) in DISRUPT_VERBS for word in head.ancestors)
    # "seized control of the town after heavy fighting": a time or cause adjunct is not what was seized
    adjunct = labels[head.i] == "pobj" and lowers[parse_arrays(head.doc)[0][head.i]] in ADJUNCT_PREPOSITIONS
    disrupted = bool(lemmas & DISRUPT_VERBS) and not adjunct
    if candidate.kind == "ASSAULT" and (disrupted or destroyed_arms or found_arms):
        # Weapons found, defused or destroyed: the attack they were for was disrupted.
        candidate.kind, candidate.mode, candidate.acled = "COERCE", "seize", "Disrupted weapons use"
        return
    if candidate.kind == "ASSAULT" and _test_fired(head):
        # "North Korea test-fired two ballistic missiles": a weapons test shows force, at no one.
        candidate.kind, candidate.mode, candidate.acled = "MOBILIZE", "weapons", None
        candidate.target = Slot()
        return
    if candidate.kind == "ASSAULT" and _attack_in_words(head):
        candidate.kind, candidate.mode, candidate.acled = "ACCUSE", "disapprove", None
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
    # "Thousands of students protested against the government": a counted crowd protests in the street, whatever
    # it said
    if candidate.kind == "PROTEST" and (
        (_complaint(head, candidate.quote) and not _counted_crowd(head)) or _state_body(candidate, context)
    ):
        candidate.kind, candidate.mode = "ACCUSE", "disapprove"
    elif (quad in COOPERATIVE and candidate.modality in ("negated", "denied")) or lemmas & REFUSE_HEADS:
        candidate.kind, candidate.mode = "REJECT", candidate.kind.lower()
        candidate.modality = "asserted"  # refusing is itself what happened
    elif candidate.kind == "SANCTION" and (ordered := _ordered_party(head)) is not None:
        # "The government ordered the newspaper to suspend publication": a halt imposed on another is coercion.
        candidate.kind, candidate.mode = "COERCE", "restrict"
        _done_by(candidate, governors, ORDER_VERBS, context)
        candidate.target = slot_of(ordered, context, candidate.quote)
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
        candidate.source, candidate.target = speaker_slot(candidate, context), candidate.source
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


def _test_fired(head: Token) -> bool:
    """The weapon was fired or launched as a test ("test-fired missiles", "test-launched a rocket")."""
    children, _, lowers = walk_arrays(head.doc)  # ``Token.children`` builds a Token per child
    verbs = [head.i, *(verb.i for verb in light_verb_of(head))]
    return any(lowers[child] == "test" and child < verb for verb in verbs for child in children[verb])


def _ordered_party(head: Token) -> Token | None:
    """Who a verb of command makes do the trigger: "ordered the newspaper to suspend publication"."""
    if head.dep_ != "xcomp" or not verb_in(head.head, ORDER_VERBS):
        return None
    return first_child(list(head.head.children), OBJECTS)


def _done_by(
    candidate: Candidate,
    governors: list[tuple[str, Token]],
    lemmas: frozenset[str],
    context: Context,
    victim: bool = False,
) -> None:
    """ "Police prevented the demonstration", "the United States said it would prohibit all aid": who halts or
    prevents an act does the act the sentence codes; with ``victim`` those who were to act become its target."""
    verb = next((word for lemma, word in governors if lemma in lemmas), None)
    if verb is None:
        return
    subject = first_child(list(verb.children), SUBJECTS) or inherited_subject(verb)
    if subject is not None:
        subject = named_subject(subject, verb)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS:
        return
    doer = slot_of(subject, context, candidate.quote)
    if victim and candidate.source.text is not None and candidate.source.text != doer.text:
        candidate.target = candidate.source
    candidate.source = doer


def where_it_happened(place: Place, doc: Doc, context: Context) -> bool:
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


def _cut_from_source(source: Token | None, target: Token | None, head: Token) -> Token:
    """The word the source's phrase stops short of: the target when it is the source's coordinated partner ("Army
    troops and Houthi rebels clashed": the troops, not both), else the event's own word."""
    if source is not None and target is not None and target.dep_ == "conj" and target.head.i == source.i:
        return target
    return head


def nearest_in_phrase(head: Token, sentence: Span, items: list, rank) -> object | None:  # type: ignore[no-untyped-def]
    """The place or time nearest the trigger in its own phrase; a trigger of the main clause may also take one
    elsewhere in the sentence ("On Tuesday, thousands gathered"), a buried one may not ("a funeral for those
    killed in air raids" did not happen on the day of the funeral)."""
    inside = [item for item in items if sentence.start <= item.evidence.start and item.evidence.end <= sentence.end]
    if not inside:
        return None  # most sentences state none: the trigger's phrase is not looked at
    subtree_start = head.left_edge.idx
    subtree_end = head.right_edge.idx + len(head.right_edge)
    if depth(head) > 1:
        inside = [item for item in inside if subtree_start <= item.evidence.start < subtree_end]
    if not inside:
        return None

    def key(item) -> tuple:  # type: ignore[no-untyped-def]
        in_subtree = subtree_start <= item.evidence.start < subtree_end
        return (not in_subtree, rank(item), abs(item.evidence.start - head.idx))

    return min(inside, key=key)
