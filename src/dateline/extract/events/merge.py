"""Mentions of one happening merged: inside a sentence when one trigger governs the other ("were martyred in
U.S. airstrikes"), across sentences when type and slots agree and at least two slots, or a definite anaphor
("the attack"), tie them. Counts of merged mentions are the largest stated, never a sum."""

from __future__ import annotations

import re

from spacy.tokens import Token

from dateline.extract.events.candidates import Candidate, place_rank, time_rank
from dateline.extract.events.syntax import depth, governs, light_verb_of
from dateline.model import Place, TimeRef


def merge_in_sentence(candidates: list[Candidate]) -> list[Candidate]:
    """One trigger governing another of the same type is one happening: "martyred in U.S. airstrikes",
    "pledged to avenge"; so is a weapon fired and what its firing did ("fired rockets at the base, killing six")."""
    if len(candidates) < 2:
        return list(candidates)  # most sentences: nothing to merge, and nothing to sort
    kept: list[Candidate] = []
    # A noun trigger stands where its light verb does: "launched a wave of drone attacks, injuring nine" hosts the
    # injuring, whose clause hangs from "launched".
    for candidate in sorted(candidates, key=lambda c: min(depth(word) for word in (c.head, *light_verb_of(c.head)))):
        host = next(
            (
                other
                for other in kept
                if _one_kind(other, candidate)
                and not _told_in_sequence(candidate.head)
                and any(governs(word, candidate.head) for word in (other.head, *light_verb_of(other.head)))
                and (_slots_compatible(other, candidate, same_clause=True) or _threat_and_content(other, candidate))
            ),
            None,
        )
        if host is None:
            kept.append(candidate)
        else:
            _absorb(host, candidate, same_sentence=True)
    return sorted(kept, key=lambda c: c.trigger_span.start)


# Words that tell one act after or before another: "opened fire after they were attacked by gunmen" is two.
SEQUENCE_WORDS = frozenset({"after", "before", "since", "following", "until"})


def _told_in_sequence(head: Token) -> bool:
    """The trigger hangs from another act by a word of sequence ("after being attacked", "before they fled")."""
    if head.dep_ in ("pcomp", "pobj") and head.head.lower_ in SEQUENCE_WORDS:
        return True
    return any(child.dep_ == "mark" and child.lower_ in SEQUENCE_WORDS for child in head.children)


def _one_kind(host: Candidate, other: Candidate) -> bool:
    """Of one type; or a protest and the protesting or demanding it was done to do ("took to the streets to protest
    against the law", "rallied to demand the release of the hostages": what a crowd demands is what it protests
    for), which the recoder may have read as a complaint in words ("in protest of" names another party's act)."""
    return host.kind == other.kind or (
        host.kind == "PROTEST"
        and other.trigger.event in ("PROTEST", "REQUEST")
        and other.head.pos_ == "VERB"
        and other.head.dep_ in ("xcomp", "advcl")
    )


def _threat_and_content(threat: Candidate, content: Candidate) -> bool:
    """ "threatened to bomb a mosque": the threat made (asserted) and the attack it threatens (told as threatened)
    are one THREATEN, the threat, with the attack's mode and target."""
    return threat.kind == "THREATEN" and threat.modality == "asserted" and content.modality == "threatened"


def merge_across_sentences(candidates: list[Candidate]) -> list[Candidate]:
    events: list[Candidate] = []
    for candidate in candidates:
        # The most told compatible happening first: "the attack" is the strike the article is about. (Only one of the
        # same type can be; the sort is stable, so leaving the others out first ranks the rest as before.)
        same_kind = [event for event in reversed(events) if event.kind == candidate.kind]
        ranked = sorted(same_kind, key=lambda event: -len(event.mentions))
        host = next((event for event in ranked if _same_happening(event, candidate)), None)
        if host is None:
            events.append(candidate)
        else:
            _absorb(host, candidate, same_sentence=False)
    return events


def _same_happening(event: Candidate, candidate: Candidate) -> bool:
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
    # "The attack" refers back to a happening; so may an act whose doer is a definite description ("The participants
    # chanted"), though in its own sentence only to one done by the same doer: "The army responded to the rebel
    # attack by shelling the town" tells two.
    anaphor = candidate.definite or (
        candidate.doer_described and (candidate.sentence != event.sentence or _same_doer(event, candidate))
    )
    return ties >= 2 or anaphor or _more_of_the_same(event, candidate)


def _same_doer(event: Candidate, candidate: Candidate) -> bool:
    """Both told as done by the same words, or the event by no one named."""
    if event.source.text is None:
        return True
    return candidate.source.text is not None and event.source.text.lower() == candidate.source.text.lower()


def _more_of_the_same(event: Candidate, candidate: Candidate) -> bool:
    """ "Three other fighters were wounded", "two more soldiers died": others harmed after a count of the same
    happening are its further toll."""
    harmed = candidate.target.head
    return (
        bool(event.counts)
        and bool(candidate.counts)
        and harmed is not None
        and any(child.lower_ in ("other", "more") and child.dep_ == "amod" for child in harmed.children)
    )


def _same_mode(event: Candidate, candidate: Candidate) -> bool:
    return candidate.mode is None or event.mode is None or candidate.mode == event.mode


def _both_equal(left: str | None, right: str | None) -> bool:
    return left is not None and left == right


def _slots_compatible(event: Candidate, candidate: Candidate, same_clause: bool = False) -> bool:
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
    definite = candidate.definite or candidate.doer_described
    return same_clause or definite or _same_mode(event, candidate) or event.kind != "ASSAULT"


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
    left_countries, right_countries = _countries(left), _countries(right)
    if (left.geonames_id is None and not left_countries) or (right.geonames_id is None and not right_countries):
        return True  # a place the gazetteer could not resolve says nothing against the other
    return bool(left_countries & right_countries)


def _countries(place: Place) -> set[str]:
    return set(place.countries or (place.country,)) - {None}  # type: ignore[arg-type]


def _absorb(host: Candidate, other: Candidate, same_sentence: bool) -> None:
    for name in ("source", "target"):
        mine, theirs = getattr(host, name), getattr(other, name)
        # "A militant attack killed four soldiers": the attack the host's slot names is no party; its doer is
        named_event = name == "source" and mine.head is not None and mine.head.i == other.head.i
        if other.kind != host.kind and theirs.actor_id is None:
            continue  # what a crowd demanded ("the release of the hostages") is no party its protest is aimed at
        if (
            (mine.actor_id is None and theirs.actor_id is not None)
            or (mine.text is None and theirs.text is not None)
            or (named_event and theirs.text is not None)
        ):
            setattr(host, name, theirs)
    # A weapon's mode and ACLED type are more specific than a verb's: "martyred in airstrikes" is aerial.
    if other.mode is not None and (host.mode is None or (other.acled and not host.acled) or other.mode == "riot"):
        host.mode = other.mode  # "rallied in aggressive demonstrations": the riot is what the rally was
        host.acled = None if other.mode == "riot" else host.acled
    host.acled = host.acled or other.acled
    for role, value in other.counts.items():
        host.counts[role] = max(host.counts.get(role, 0), value)
    # In one sentence the host's own place was chosen for it among the same names, and stands; across sentences
    # the more precise of two tellings' places wins.
    if other.place is not None and (
        host.place is None or (not same_sentence and place_rank(other.place) < place_rank(host.place))
    ):
        host.place = other.place
    if other.time is not None and (host.time is None or time_rank(other.time) < time_rank(host.time)):
        host.time = other.time
    host.definite = host.definite or other.definite
    host.doer_described = host.doer_described or other.doer_described
    if not same_sentence:
        host.mentions.extend(other.mentions)
        host.quoted.extend(other.quoted)
    host.confidence = min(0.95, host.confidence + 0.05)
    host.happening = max(host.happening, other.happening)
