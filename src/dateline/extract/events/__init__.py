"""Events coded to PLOVER v0.8: who did what to whom, where, when, how many, and who says so.

The stage, one concern a module: ``triggers`` finds the event lexicon's triggers in a sentence; ``recode`` makes
each a candidate and codes what the sentence does with it (aid halted is a SANCTION); ``non_events`` tells a
trigger that names no event (an earthquake, a video released); ``slots`` reads its source and target off the parse
(``party_phrase`` bounds a party's words, ``antecedents`` finds whom a pronoun stands for), ``parties`` lets the
trained role models choose better words, and ``filling`` fills them with the actors stage's mentions;
``modality`` says whether it happened; ``counts`` reads the tolls and crowds;
``merge`` joins the mentions of one happening. This module runs them per sentence, lets the trained event-type
model code a sentence the lexicon has no trigger for, lets the happening detector veto clauses that tell of no
happening, and makes the records, with their place and date and the basis of each (``when_where``) and their
ACLED sub-event (``acled``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import pairwise

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from dateline.extract import acled, event_place, happening, roles, when_where
from dateline.extract.events import outsiders, realness
from dateline.extract.events.candidates import Candidate, Context, context_of
from dateline.extract.events.filling import of_the_place, party_slot, slot_of, with_sector
from dateline.extract.events.merge import merge_across_sentences, merge_in_sentence
from dateline.extract.events.modality import OBLIGATION_AUX, told_as_unreal
from dateline.extract.events.non_events import act_of_nature, releases_a_thing, tells_an_accident
from dateline.extract.events.recode import MATERIAL, candidate_from, party_as_place, where_it_happened
from dateline.extract.events.syntax import (
    GENERIC_EVENT_HEADS,
    OBJECTS,
    SUBJECTS,
    depth,
    first_child,
    governs,
    lemma_forms,
    walk_arrays,
    word_arrays,
)
from dateline.extract.events.triggers import TriggerMatch, find_triggers
from dateline.model import Event, EventMention, Quote
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.event_model import EventTypeModel
from dateline.resources.events import QUAD_CLASS, EventLexicon, Trigger
from dateline.resources.happening_model import HappeningModel

# Protest verbs that mean something else when they take an object ("protested the ruling" still protests).
TRANSITIVE_NON_PROTEST = frozenset({"demonstrate", "rally", "march", "strike"})
# What a place "has seen" or "has witnessed" again and again, or over months, is its background (``_seen_over_time``).
WITNESS_VERBS = frozenset({"see", "witness", "experience"})
REPEATED_WORDS = frozenset(
    {"repeated", "frequent", "sporadic", "recurrent", "recurring", "regular", "intermittent", "persistent",
     "constant", "periodic", "occasional", "ongoing"}
)  # fmt: skip
SPAN_UNITS = frozenset({"week", "month", "year", "decade"})
# The trained model codes a sentence the rules found no event in when it is at least this sure of the type.
ADD_THRESHOLD = 0.5
# Verbs whose meaning lies in their object ("made clear", "made the announcement", "have a plan"): no act of their own
# for the model to code on them; an act they carry is a noun the lexicon reads ("made concessions").
SUPPORT_VERBS = frozenset({"make", "do", "have", "get"})
DEFINITE = frozenset({"the", "these", "those", "such"})
# What a host receives when hosting is a visit or a meeting: its guests or their gathering.
GATHERINGS = frozenset(
    {"visit", "visitor", "summit", "talk", "meeting", "conference", "delegation", "counterpart", "leader", "president",
     "minister", "king", "prince", "envoy", "ambassador", "official", "dignitary", "guest", "negotiation", "round",
     "forum", "dialogue", "session", "gathering", "chancellor", "premier", "secretary", "emir", "sheikh", "crown"}
)  # fmt: skip
# What makes "strike" an attack from the air: "air strike", "drone strikes", "warplanes struck two sites".
AIR_WORDS = frozenset({"air", "drone", "missile", "rocket", "aerial", "warplane", "jet", "aircraft", "bomber"})


def extract(parsed: ParsedArticle, resources: Resources) -> list[Event | EventMention]:
    return [record for record, _ in with_realness_features(parsed, resources)]


def with_realness_features(
    parsed: ParsedArticle, resources: Resources
) -> list[tuple[Event | EventMention, dict[str, float]]]:
    """The stage's records, each with what the realness model read of it (nothing for a mention): training reads
    this."""
    context = context_of(
        parsed, resources.events, resources.source_model, resources.target_model, resources.place_model
    )
    event_place.read_from(parsed.doc, context.text)
    sentences = list(parsed.doc.sents)
    # Each sentence's reported clause, found once: the demands and the type model both start from it.
    reported = [_reported_clause(sentence.root, resources.quote_cues.verbs) for sentence in sentences]
    found = [
        _sentence_candidates(sentence, context, resources, clause)
        for sentence, clause in zip(sentences, reported, strict=True)
    ]
    if resources.event_model:
        found = _arbitrate(sentences, reported, found, context, resources.event_model)
    candidates = [
        candidate
        for sentence, kept in zip(sentences, found, strict=True)
        for candidate in _happenings(sentence, kept, resources.happening_model)
    ]
    events = merge_across_sentences(candidates)
    coded = list(_records(parsed.article.id, events, len(sentences), context, resources))
    records = acled.recoded([record for record, _ in coded], parsed.doc, resources.acled_model, resources.events)
    return [(record, values) for record, (_, values) in zip(records, coded, strict=True)]


def features_by_sentence(parsed: ParsedArticle, resources: Resources) -> list[list[str]]:
    """What the event-type model sees of each sentence, given the rules' candidates there (training reads this)."""
    context = context_of(
        parsed, resources.events, resources.source_model, resources.target_model, resources.place_model
    )
    verbs = resources.quote_cues.verbs
    return [
        sentence_features(
            sentence, _sentence_candidates(sentence, context, resources, _reported_clause(sentence.root, verbs))
        )
        for sentence in parsed.doc.sents
    ]


def _sentence_candidates(sentence: DocSpan, context: Context, resources: Resources, reported: Token) -> list[Candidate]:
    """The lexicon's triggers; what a speaker says another party must do is the speaker's demand, and an act
    inside that obligation ("must ensure security to allow supplies through") is its content, not an event.
    ``reported``: the sentence's reported clause (``_reported_clause``)."""
    found = _rule_candidates(sentence, context, resources.events)
    demand = _reported_obligation(sentence, reported, context)
    if not demand or any(candidate.head.i == demand[0].head.i for candidate in found):
        return found
    obliged = demand[0].head
    return [*demand, *(candidate for candidate in found if not governs(obliged, candidate.head))]


def _rule_candidates(sentence: DocSpan, context: Context, lexicon: EventLexicon) -> list[Candidate]:
    matches = [
        match
        for match in find_triggers(sentence, lexicon)
        if not _describes_speaker(match.head, context)
        and not _names_a_kind_of_thing(match, context)
        and not _shows_or_gathers(match)
        and not _test_of_nothing_named(match)
        and not _hosts_no_visit(match)
        and not _seen_over_time(match)
    ]
    found = [
        _forces_strike(candidate_from(match, sentence, context), match, sentence, context, lexicon) for match in matches
    ]
    found = [
        candidate for candidate in found if not act_of_nature(candidate, sentence) and not releases_a_thing(candidate)
    ]
    return merge_in_sentence(found)


def _forces_strike(
    candidate: Candidate, match: TriggerMatch, sentence: DocSpan, context: Context, lexicon: EventLexicon
) -> Candidate:
    """ "A Turkish strike hit a village": a strike named after armed forces is no labour strike but the lexicon's
    attack of the same word ("soldiers went on strike" is still a strike). So is "the strikes" in an article that
    has already told of air strikes: the definite article points back to them ("called the strikes a violation")."""
    if candidate.kind != "PROTEST" or candidate.mode != "strike":
        return candidate
    named_after_forces = candidate.source.sector == "MIL" and any(
        child.dep_ in ("amod", "compound", "poss", "nmod") and child.i in context.actor_words
        for child in candidate.head.children
    )
    if not named_after_forces and not _points_back_to_air_strikes(candidate.head):
        return candidate
    same_word = lexicon.triggers.get(match.trigger.lemmas[0], ())
    attack = next(
        (
            trigger
            for trigger in same_word
            if trigger.event == "ASSAULT" and (trigger.lemmas, trigger.pos) == (match.trigger.lemmas, match.trigger.pos)
        ),
        None,
    )
    if attack is None:
        return candidate
    return candidate_from(TriggerMatch(attack, match.head, match.tokens), sentence, context)


def _points_back_to_air_strikes(head: Token) -> bool:
    """ "The strikes", "these strikes" after "U.S. airstrikes hit two sites" or "warplanes struck the camp": one
    word keeps one sense through a story, so a definite noun refers back to the attacks told before it."""
    children, labels, lowers = walk_arrays(head.doc)
    if head.pos_ != "NOUN" or not any(
        labels[child] == "det" and lowers[child] in DEFINITE for child in children[head.i]
    ):
        return False
    lemmas = lemma_forms(head.doc)
    return any(
        lemmas[word] == "airstrike"
        or (lemmas[word] == "strike" and any(lemmas[child] in AIR_WORDS for child in children[word]))
        for word in range(head.i)
    )


def _seen_over_time(match: TriggerMatch) -> bool:
    """ "The district has seen repeated clashes in recent years", "the town has witnessed bombings": what a place has
    seen or witnessed, again and again or over months, is its background, not one happening of the day told ("the
    capital has seen its deadliest bombing in a decade" still tells one)."""
    head = match.head
    verb = head.head
    if head.pos_ != "NOUN" or head.dep_ != "dobj" or verb.lemma_.lower() not in WITNESS_VERBS:
        return False
    if not any(child.dep_ == "aux" and child.lemma_.lower() == "have" for child in verb.children):
        return False
    repeated = head.tag_ == "NNS" or any(
        child.dep_ == "amod" and child.lower_ in REPEATED_WORDS for child in head.children
    )
    spans = [grand for child in (*verb.children, *head.children) if child.dep_ == "prep" for grand in child.children]
    # Over months or years ("in recent months", "for years"), not within one ("its deadliest bombing in a decade").
    return repeated or any(noun.tag_ == "NNS" and noun.lemma_.lower() in SPAN_UNITS for noun in spans)


def _test_of_nothing_named(match: TriggerMatch) -> bool:
    """ "a test of its defences", the "test" of "test-fired": a test is a weapons test only when its own phrase names
    the weapon ("a missile test", "a nuclear test", "a test of a new rocket")."""
    head = match.head
    if head.pos_ != "NOUN" or match.trigger.lemmas != ("test",):
        return False
    named = [child for child in head.children if child.dep_ in ("compound", "amod")]
    named += [grand for child in head.children if child.lower_ == "of" for grand in child.children]
    return not any(word.lemma_.lower() in match.trigger.needs for word in named)


def _hosts_no_visit(match: TriggerMatch) -> bool:
    """ "Bases hosting U.S. troops", "the country hosts two million refugees", "hosted the World Cup": to host is a
    visit or a meeting only when what is hosted is a party ("hosted Modi", "will host the Iranian delegation") or a
    gathering of them ("hosted talks", "hosts a summit")."""
    head = match.head
    if head.pos_ != "VERB" or match.trigger.lemmas != ("host",):
        return False
    hosted = first_child(list(head.children), OBJECTS)
    if hosted is None:
        return False  # "the talks were hosted by Qatar", "Oman hosted": nothing says what else was hosted
    gathering = hosted.lemma_.lower() in GATHERINGS or hosted.ent_type_ in roles.PARTY_ENTITIES
    return not gathering


def _shows_or_gathers(match: TriggerMatch) -> bool:
    """ "demonstrated his commitment", "rallied support", "marched the prisoners to the camp", "struck a deal": a
    protest verb that takes an object means showing, gathering, leading or making something, not protesting; so
    does one that takes a clause ("demonstrated that it helps", "struggling to demonstrate how ...")."""
    head = match.head
    return (
        match.trigger.event == "PROTEST"
        and head.pos_ == "VERB"
        and head.lemma_.lower() in TRANSITIVE_NON_PROTEST
        and any(child.dep_ in OBJECTS or child.dep_ == "ccomp" for child in head.children)
    )


def _names_a_kind_of_thing(match: TriggerMatch, context: Context) -> bool:
    """ "riot police", "attack helicopters", "a talk-show host", "ambush journalism": an event noun that only says
    what kind of thing another noun is tells of no happening ("a bomb attack", "a protest march", "mediation
    efforts", "fired artillery shells", "fired tear gas shells" still do: a crowd-control weapon is used in its
    shells and canisters)."""
    head = match.head
    if head.dep_ != "compound" or head.pos_ != "NOUN" or match.trigger.mode == "crowd-control":
        return False
    owner = head.head
    kind = owner.lemma_.lower()
    if kind in roles.WEAPONS and head.lemma_.lower() in roles.WEAPONS:
        return False  # "fired two artillery shells": the weapon is told by its kind
    return owner.pos_ == "NOUN" and kind not in context.event_nouns and kind not in GENERIC_EVENT_HEADS


def _describes_speaker(head: Token, context: Context) -> bool:
    """ "the meeting's co-chairman said", "according to a senator who acted as a go-between at the talks": a
    trigger in the phrase naming a speaker says who speaks, not what happened."""
    at = head.idx
    return any(start <= at < end for start, end in context.speaker_spans)


def _reported_obligation(sentence: DocSpan, reported: Token, context: Context) -> list[Candidate]:
    """ "Russia said Sudan must return the helicopter": what a speaker says another party must do is a demand
    (CAMEO 10), made by the speaker of the party in the reported clause (``reported``), whatever the reported verb."""
    said = sentence.root
    if reported.i == said.i:
        return []
    children, labels, lowers = walk_arrays(sentence.doc)
    if not any(labels[child] == "aux" and lowers[child] in OBLIGATION_AUX for child in children[reported.i]):
        return []
    trigger = Trigger((reported.lemma_.lower(),), "verb", "REQUEST", None, None, frozenset(), None, None, line=0)
    demand = candidate_from(TriggerMatch(trigger, reported, (reported,)), sentence, context)
    demand.source, demand.target = slot_of(first_child(said.children, SUBJECTS), context, None), demand.source
    return [demand]


def sentence_features(sentence: DocSpan, candidates: list[Candidate]) -> list[str]:
    """The sentence's words and the rules' reading of it, as the event-type model's binary features.

    Names, numbers and dates are replaced by their entity label, so the model learns "<GPE> troops shelled",
    not which country did; the rules' main candidate contributes its type, trigger and modality, so the model
    learns when to trust them.
    """
    words = happening.words_of(sentence)
    words = [word for position, word in enumerate(words) if position == 0 or word != words[position - 1]]
    features = list(map("w=".__add__, words))  # the words' names joined in C
    features += [f"b={left}_{right}" for left, right in pairwise(words)]
    doc, root = sentence.doc, sentence.root
    children, labels, _ = walk_arrays(doc)
    features.append(f"root={root.lemma_.lower()}")
    features += [
        f"root_{labels[child]}={happening.feature_word(doc[child])}"
        for child in children[root.i]
        if labels[child] in OBJECTS
    ]
    if "neg" in labels[sentence.start : sentence.end]:
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
    doc = root.doc
    children, labels, _ = walk_arrays(doc)
    parts = word_arrays(doc)[0]
    for child in children[root.i]:  # a loop: asked of every sentence, two generators per ask cost more
        if labels[child] == "ccomp" and parts[child] in ("VERB", "AUX"):
            return doc[child]
    return root


def _main_candidate(candidates: list[Candidate]) -> Candidate | None:
    """The candidate a one-sentence reading is about: asserted, in the outlet's voice, highest in the parse."""
    return min(
        candidates,
        key=lambda c: (c.modality != "asserted", c.quote is not None, depth(c.head), c.trigger_span.start),
        default=None,
    )


def _arbitrate(
    sentences: list[DocSpan],
    roots: list[Token],
    found: list[list[Candidate]],
    context: Context,
    model: EventTypeModel,
) -> list[list[Candidate]]:
    """Code an event the lexicon has no trigger for, on the sentence's main verb (``roots``: the reported one when
    the main verb only reports: "X has opened an embassy, the ministry said"), when the trained model is sure of its
    type. The rules' own types stand: re-typing them by the model lowered every gold score we measured. The
    sentences the model is asked about are scored together, each as it would be alone."""
    asked = [
        number
        for number, (candidates, root) in enumerate(zip(found, roots, strict=True))
        if not candidates and root.pos_ in ("VERB", "AUX") and root.lemma_.lower() not in SUPPORT_VERBS
    ]
    scored = model.probabilities_of_rows([sentence_features(sentences[number], []) for number in asked])
    arbitrated = list(found)
    for number, probabilities in zip(asked, scored, strict=True):
        sentence, root = sentences[number], roots[number]
        best = max(probabilities, key=probabilities.__getitem__)
        if probabilities[best] < ADD_THRESHOLD or tells_an_accident(sentence):
            continue  # the rules set aside a toll from a disaster: the model must not code it back
        trigger = Trigger((root.lemma_.lower(),), "verb", best, None, None, frozenset(), None, None, line=0)
        added = candidate_from(TriggerMatch(trigger, root, (root,)), sentence, context)
        added.confidence = round(0.5 * probabilities[best], 2)
        arbitrated[number] = [added]
    return arbitrated


def _happenings(sentence: DocSpan, candidates: list[Candidate], model: HappeningModel) -> list[Candidate]:
    """The candidates whose clause the happening detector does not rule out, each with its probability.
    The probability still lowers the confidence of a negated, threatened or conditional event."""
    kept = []
    for candidate in candidates:
        # The detector learnt the lexicon's reading of a trigger; a verb the type model added has none.
        if told_as_unreal(candidate.modality, candidate.kind, candidate.head, candidate.quote):
            continue
        reading = candidate.trigger.event if candidate.trigger.line else None
        candidate.happening = happening.probability(model, candidate.head, sentence, reading)
        # What the text says did not happen, or a party threatens or promises, is kept with its modality: the
        # detector vetoes only what is told as having happened.
        if candidate.happening >= model.threshold or candidate.modality != "asserted":
            kept.append(candidate)
    return kept


def _threat_said(event: Candidate, quotes: list[Quote]) -> Token | None:
    """The word that utters a quoted threat its speaker makes (not what others might do), or None for any other
    event: its quote's cue, or for a quote that runs on with no cue of its own (a paragraph of the same speech) the
    cue of the speaker's last quote before it."""
    quote = event.quote if event.kind == "THREATEN" and event.modality in realness.COMMITMENTS else None
    if quote is None:
        return None
    cue, speaker = quote.cue, quote.speaker_actor_id or quote.speaker_text
    if cue is None and speaker is not None:
        earlier = [
            other.cue
            for other in quotes
            if other.cue is not None
            and (other.speaker_actor_id or other.speaker_text) == speaker
            and other.evidence.end <= quote.evidence.start
        ]
        cue = earlier[-1] if earlier else None
    if cue is None:
        return None
    words = event.head.doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return words.root if words is not None and len(words) else None


def _records(
    article_id: str, events: list[Candidate], sentences: int, context: Context, resources: Resources
) -> Iterator[tuple[Event | EventMention, dict[str, float]]]:
    lexicon = resources.events
    settings = [event.head.doc for event in events[:1]]
    # Only a place where an earlier act happened is a scene a later one may inherit: any place named before ("a
    # virus first found in Wuhan", "a statue of Independence") stood in for the place of the next act in fewer than
    # half of the events judged by hand. Few of the article's places are scenes: only those are read off the parse.
    scenes = {(event.place.evidence.start, event.place.evidence.end) for event in events if event.place is not None}
    places = [
        place
        for doc in settings
        for place in context.places
        if (place.evidence.start, place.evidence.end) in scenes and where_it_happened(place, doc, context)
    ]
    setting = realness.article_features(events, sentences)
    for number, event in enumerate(events, start=1):
        event_id = f"{article_id}:e{number}"
        quad = QUAD_CLASS[event.kind]
        if event.modality == "asserted":
            stated = None if party_as_place(event) else event.place
            place, place_basis = when_where.where(stated, event.sentence.start, places, context.dateline)
            times = outsiders.times_of_its_own(event.head, event.sentence, context.times, context.event_nouns)
            date, time_precision, date_basis = when_where.when(
                event.time, event.head, event.sentence.start, times, context.published, resources.anchor_model
            )
        else:  # what did not happen (yet) has only the time and place its own clause gives it (a threat: when said)
            stated = event.time if event.time is not None and when_where.is_date(event.time.value) else None
            date, time_precision = when_where.stored_date(stated) if stated else (None, None)
            date_basis = "clause" if stated else None
            if stated is None and (said := _threat_said(event, context.quotes)) is not None:
                # A threat is made when it is uttered: "we will continue to respond", said on Tuesday, is Tuesday's
                # threat, whenever (and whether) the response comes.
                date, time_precision, date_basis = when_where.when(
                    None, said, event.sentence.start, context.times, context.published, resources.anchor_model
                )
            place, place_basis = event.place, "clause" if event.place else None
            if place is None and quad in MATERIAL and context.dateline is not None:
                place, place_basis = context.dateline, "dateline"
        # Told in the outlet's own voice once is enough: a strike a speaker also mentions is the outlet's report.
        outlet_voice = any(quote is None for quote in event.quoted)
        source = of_the_place(with_sector(party_slot(event.source, event, context, roles.party), event, context), place)
        aimed_at = roles.addressee if quad in roles.VERBAL_QUADS else roles.party
        target = of_the_place(party_slot(event.target, event, context, aimed_at), place)
        filled = sum(value is not None for value in (source.text, target.text, event.place, event.time))
        coded = min(0.95, event.confidence + 0.08 * filled - (0.1 if event.modality != "asserted" else 0))
        values = realness.features(event, source, target, coded, date_basis) | setting
        if resources.realness_model:
            # A model's belief, never certainty: a probability that rounds to 1.00 is stored as 0.99.
            confidence = max(0.05, min(0.99, round(resources.realness_model.probability(values), 2)))
            if confidence < resources.realness_model.threshold:
                # Below the floor (the model's own, or one a user set with `--min-event-confidence`) an event is
                # left out, with its mentions: a generic, habitual or counterfactual statement is no event. Its
                # number stays taken, and its ACLED sub-event is never asked.
                continue
        else:  # half how well the slots are coded, half the detector's calibrated belief that it happened at all
            confidence = max(0.05, round(0.5 * coded + 0.5 * event.happening, 2))
        # The weapon or the crowd in a slot still tells the ACLED type ("an airstrike destroyed"); the record's
        # slots then keep only parties.
        sub_event = acled.sub_event(
            event.kind,
            event.mode,
            event.acled,
            event.head,
            with_sector(event.source, event, context),
            event.target,
            lexicon,
        )
        yield (
            Event(
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
                confidence=confidence,
                date_basis=date_basis,
                place_basis=place_basis,
            ),
            values,
        )
        for sentence, trigger in event.mentions:
            yield EventMention(article_id, event_id, sentence, trigger, confidence=confidence), {}
