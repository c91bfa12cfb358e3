"""Which time an event happened at: a trained choice among the times around it, the publication day, or no day.

Each asserted event's candidates are every dated time of its sentence and of the two sentences before it, the
publication day, and "no day" (what the text reports as done before the day it was published, or yet to come,
without saying when). A conditional logit (a softmax over one event's candidates; ``resources/anchor_model.npz``,
``make train-dates``), trained on the event-time and event-to-document-time links of TempEval-3, scores each from
the parse: the tense and aspect of the event's verb (a pluperfect is not news of the day), the time's path to the
event in the parse, whether it lies in the event's own clause and how many words apart they are, the temporal
preposition or subordinator between them, the words that place a clause in the past ("recently", "last year's",
"ago"), the time's granularity, where its day, year and month stand against the publication's and how many days
before it the day lies, whether the sentence is the lead, whether the verb only reports. The rules' own pick
(``rule_date``) is one more feature, and stands alone when no model ships.
Only ISO dates are stored: TIMEX3 placeholders such as ``PAST_REF`` are never a date, only a reading.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

import numpy as np
from spacy.attrs import IS_ALPHA
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.extract.events.syntax import (
    children_of,
    parse_arrays,
    per_doc_in_hand,
    per_word,
    sentence_bounds,
    sentence_of,
    token_column,
    word_arrays,
    word_end,
)
from dateline.extract.times.tense import NOUN_MODIFIERS
from dateline.model import Span, TimeRef
from dateline.resources.anchor_model import AnchorModel

# A stored date is an ISO day, time, week, month or year; nothing else (PAST_REF, PRESENT_REF) is a date.
ISO_DATE = re.compile(r"\d{4}(?:-W\d\d|-\d\d(?:-\d\d(?:T[\d:]+)?)?)?")
ISO_WEEK = re.compile(r"(?P<year>\d{4})-W(?P<week>\d\d)")
# TimeML's part of a day ("tuesday afternoon": 2002-03-26TAF) dates the day.
PART_OF_DAY = re.compile(r"(?P<day>\d{4}-\d\d-\d\d)T(?:MO|AF|EV|NI|DT)")
DAY_GRANULARITIES = frozenset({"day", "time", "part_of_day"})
# How far back, in characters, an earlier time may be to stand in for one the clause does not state (the rules):
# about two sentences of news prose, the span over which a report keeps talking of the same scene.
INHERIT_CHARS = 320
# How many sentences before the event's own the trained choice looks for a time.
SENTENCES_BACK = 2
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should"})
NOT_OF_THE_DAY = frozenset({"future", "pluperfect", "conditional"})
# Dependencies that open another clause: a time or place beyond one belongs to that clause's happening.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})
# Words that say when a clause's happening stands against the day of the report; kept as their own features.
TIME_WORDS = frozenset(
    {"recently", "earlier", "ago", "last", "already", "previously", "before", "after", "yet", "ever", "once",
     "formerly", "past", "today", "tonight", "yesterday", "now", "currently", "still", "just", "later", "next",
     "soon", "since", "year", "years", "month", "months", "week", "weeks", "when", "while", "until", "then"}
)  # fmt: skip
# The upper bounds of the buckets of the number of words between a time and the event (the last is open).
WORDS_APART = (3, 6, 12, 25, math.inf)
Ordered = TypeVar("Ordered", int, str)
SUBORDINATORS = frozenset({"when", "after", "before", "since", "until", "while", "as", "once", "if", "because"})
TIME_PREPOSITIONS = frozenset(
    {"on", "in", "at", "since", "by", "until", "till", "before", "after", "during", "from", "over", "for", "within",
     "through", "throughout", "between", "of", "to", "around", "about"}
)  # fmt: skip
REPORTING = frozenset(
    {"say", "tell", "report", "announce", "add", "state", "claim", "allege", "confirm", "deny", "note", "write",
     "quote", "explain", "insist", "warn", "acknowledge", "disclose", "reveal", "declare"}
)  # fmt: skip
DEPENDENCIES = frozenset(
    {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "pcomp", "pobj", "dobj", "nsubj", "nsubjpass",
     "npadvmod", "compound", "nmod", "appos", "prep", "amod", "nummod", "poss", "attr", "advmod", "parataxis"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Anchor:
    """One answer to "when": a time of the text, the publication day, or no day (``kind`` time/published/none)."""

    kind: str
    time: TimeRef | None = None


PUBLISHED = Anchor("published")
NO_DAY = Anchor("none")


def is_date(value: str | None) -> bool:
    return value is not None and (ISO_DATE.fullmatch(value) is not None or PART_OF_DAY.fullmatch(value) is not None)


def stored_date(time: TimeRef) -> tuple[str, str]:
    """(ISO value, precision) of a time to store: a part of a day is stored as its day."""
    part = PART_OF_DAY.fullmatch(time.value or "")
    return (part["day"], "day") if part else (time.value, time.granularity)


def clause_of(token: Token) -> Token:
    """The head of the clause a token belongs to: the nearest verb opening a clause above it, or the root."""
    # Walked on the document's arrays: ``Token.head`` builds a Token per step.
    doc, index = token.doc, token.i
    heads, labels = parse_arrays(doc)
    parts = word_arrays(doc)[0]
    for _ in range(50):
        opens = labels[index] in CLAUSE_DEPS or (labels[index] == "conj" and parts[index] in ("VERB", "AUX"))
        if opens or heads[index] == index:
            break
        index = heads[index]
    return token if index == token.i else doc[index]


def clause_words(own: Token) -> list[int]:
    """The indices of the words of the clause headed by ``own``, without the clauses that open below it (those
    whose ``clause_of`` is ``own``), found by one walk down the parse (on the document's arrays: ``Token.children``
    builds a Token per child)."""
    doc = own.doc
    children, labels, parts = children_of(doc), parse_arrays(doc)[1], word_arrays(doc)[0]
    found, stack = [own.i], [own.i]
    while stack:
        for child in children[stack.pop()]:
            if labels[child] in CLAUSE_DEPS or (labels[child] == "conj" and parts[child] in ("VERB", "AUX")):
                continue
            found.append(child)
            stack.append(child)
    return found


def verb_of(head: Token) -> Token:
    """The verb whose tense a trigger has: a noun's is its governing verb's ("had arrested them after a rally")."""
    doc, index = head.doc, head.i
    heads, parts = parse_arrays(doc)[0], word_arrays(doc)[0]
    while parts[index] not in ("VERB", "AUX") and heads[index] != index:
        index = heads[index]
    return head if index == head.i else doc[index]


def tense_of(head: Token) -> str:
    """``future``, ``pluperfect``, ``conditional`` or ``reported`` (past or present) for the trigger's verb."""
    verb = verb_of(head)
    auxiliaries = _auxiliaries(verb)
    lemmas = {child.lower_ for child in auxiliaries}
    if lemmas & FUTURE_AUX or any(child.lower_ == "going" for child in auxiliaries):
        return "future"
    if lemmas & CONDITIONAL_AUX:
        return "conditional"
    if "had" in lemmas and verb.tag_ == "VBN":
        return "pluperfect"
    return "reported"


def _auxiliaries(verb: Token) -> list[Token]:
    """The verb's auxiliaries, in text order (found on the document's arrays: a Token only for each of them)."""
    doc = verb.doc
    labels = parse_arrays(doc)[1]
    return [doc[child] for child in children_of(doc)[verb.i] if labels[child] in ("aux", "auxpass")]


@per_word  # an event's date chooser and its realness model both ask it of the trigger
def tense_aspect(head: Token) -> str:
    """The finer tense and aspect the model reads: past, present, present_perfect, pluperfect, future, modal,
    progressive forms, or the bare form of an infinitive, participle or noun with no finite verb above it."""
    verb = verb_of(head)
    auxiliaries = _auxiliaries(verb)  # in text order
    lemmas = [child.lower_ for child in auxiliaries]
    if any(lemma in FUTURE_AUX for lemma in lemmas) or "going" in lemmas:
        return "future"
    if any(child.tag_ == "MD" for child in auxiliaries):
        return "modal"
    perfect = [child for child in auxiliaries if child.lemma_ == "have"]
    if perfect:
        return "pluperfect" if perfect[0].tag_ == "VBD" else "present_perfect"
    finite = next((child for child in auxiliaries if child.tag_ in ("VBD", "VBZ", "VBP")), None)
    tag = finite.tag_ if finite is not None else verb.tag_
    progressive = verb.tag_ == "VBG" and finite is not None
    if tag == "VBD":
        return "past_progressive" if progressive else "past"
    if tag in ("VBZ", "VBP"):
        return "present_progressive" if progressive else "present"
    return f"bare_{verb.tag_ or 'none'}"


def rule_date(
    stated: TimeRef | None, head: Token, sentence_start: int, times: list[TimeRef], published: datetime | None
) -> Anchor:
    """The rules' pick: a day stated in the clause; else, for what is told as done or doing, a day the article
    stated shortly before; else the publication day (a pluperfect never takes it); else no day."""
    if stated is not None and is_date(stated.value) and _same_paragraph(head, stated.evidence):
        return Anchor("time", stated)
    tense = tense_of(head)
    if tense in NOT_OF_THE_DAY and tense != "pluperfect":
        return NO_DAY
    earlier = [
        time
        for time in times
        if sentence_start - INHERIT_CHARS <= time.evidence.start < sentence_start
        and time.granularity in DAY_GRANULARITIES
        and is_date(time.value)
        and not after_publication(time.value, published)  # a day after the report cannot date what it reports as done
    ]
    if earlier:
        return Anchor("time", max(earlier, key=lambda time: time.evidence.start))
    if published is not None and tense != "pluperfect":
        return PUBLISHED
    return NO_DAY


def candidates(head: Token, times: list[TimeRef], published: datetime | None) -> list[Anchor]:
    """Every dated time of the event's sentence and the two before it, the publication day when there is one,
    and no day."""
    # On the document's sentence bounds and word offsets: each ``sentence_of`` builds a Span.
    doc = head.doc
    starts, ends = sentence_bounds(doc)
    first = starts[head.i]
    for _ in range(SENTENCES_BACK):
        if first == 0:
            break
        first = starts[first - 1]
    low, high = word_arrays(doc)[2][first], word_end(doc, ends[head.i] - 1)
    found = [Anchor("time", time) for time in times if low <= time.evidence.start < high and is_date(time.value)]
    return [*found, *([PUBLISHED] if published is not None else []), NO_DAY]


def choose(
    model: AnchorModel,
    stated: TimeRef | None,
    head: Token,
    times: list[TimeRef],
    published: datetime | None,
) -> tuple[Anchor, float]:
    """The likeliest anchor of the event headed by ``head`` and its probability among the candidates (the model is
    a conditional logit: a softmax over the event's candidates)."""
    options = candidates(head, times, published)
    rule = rule_date(stated, head, _sentence_start(head), times, published)
    described = features(head, options, stated, rule, times, published)
    scores = [model.score(values) for _, values in described]
    top = max(scores)
    best = scores.index(top)  # the first of equals, as ``max`` over the candidates gave it
    return described[best][0], 1.0 / sum(math.exp(score - top) for score in scores)


def _sentence_start(head: Token) -> int:
    """``sentence_of(head).start_char``, without building the Span."""
    return word_arrays(head.doc)[2][sentence_bounds(head.doc)[0][head.i]]


def features(
    head: Token,
    options: list[Anchor],
    stated: TimeRef | None,
    rule: Anchor,
    times: list[TimeRef],
    published: datetime | None,
) -> list[tuple[Anchor, dict[str, float]]]:
    """What the chooser reads of each candidate (training computes exactly these)."""
    doc, sentence = head.doc, sentence_of(head)
    own = clause_of(head)
    verb = verb_of(head)
    tense = tense_aspect(head)
    lowers = word_arrays(doc)[3]
    words = {lowers[index] for index in clause_words(own)} & TIME_WORDS
    sentence_words = set(lowers[sentence.start : sentence.end]) & TIME_WORDS
    children, labels = children_of(doc)[own.i], parse_arrays(doc)[1]
    mark = next(
        (lowers[child] for child in children if labels[child] in ("mark", "advmod") and lowers[child] in SUBORDINATORS),
        "none",
    )
    reported_by = own.head.lemma_.lower() in REPORTING and own.dep_ in ("ccomp", "parataxis") and own.head.i != own.i
    lead = _is_lead(sentence)
    # "recently" (PAST_REF) or "now" (PRESENT_REF) in the sentence dates nothing, but says when its clause was.
    refs = {
        time.value
        for time in times
        if sentence.start_char <= time.evidence.start < sentence.end_char and not is_date(time.value)
    }
    times_here = [option.time for option in options if option.time is not None]
    # Each time's word, found once for all its features (a character span and its root per ask).
    roots = {id(time): _root(doc, time) for time in times_here}
    day_here = any(
        sentence.start_char <= time.evidence.start < sentence.end_char and time.granularity in DAY_GRANULARITIES
        for time in times_here
    )
    shared = {
        f"tense={tense}": 1.0,
        f"pos={head.pos_ if head.pos_ in ('VERB', 'NOUN', 'AUX', 'PROPN', 'ADJ') else 'other'}": 1.0,
        f"dep={head.dep_ if head.dep_ in DEPENDENCIES else 'other'}": 1.0,
        f"clause_dep={own.dep_ if own.dep_ in DEPENDENCIES else 'other'}": 1.0,
        f"mark={mark}": 1.0,
        "reporting": float(verb.lemma_.lower() in REPORTING),
        "reported": float(reported_by),
        "lead": float(lead),
        "day_in_sentence": float(day_here),
        "day_in_clause": float(any(_in_clause(sentence, own, time, roots[id(time)]) for time in times_here)),
        "stated_day": float(stated is not None and is_date(stated.value)),
        f"times={min(len(times_here), 3)}": 1.0,
        **{f"word={word}": 1.0 for word in words},
        **{f"sentence_word={word}": 1.0 for word in sentence_words},
        **{f"ref={value}": 1.0 for value in refs},
    }
    nearest = min((abs(root.i - head.i) for root in roots.values()), default=0)
    rows = []
    for option in options:
        names = _kind_names(option.kind)
        values = {names[name]: value for name, value in shared.items()}
        values[f"kind={option.kind}"] = 1.0
        values[f"kind={option.kind}&tense={tense}"] = 1.0
        values["rule"] = float(option == rule)
        values[f"rule&tense={tense}"] = float(option == rule)
        values[f"rule&kind={option.kind}"] = float(option == rule)
        if option.time is not None:
            root = roots[id(option.time)]
            values.update(_time_features(head, own, sentence, option.time, root, stated, nearest, tense))
            values[f"time|day={_against(option.time, published)}"] = 1.0
            values.update(_year_and_month(option.time, published))
            if (days := _days_before(option.time, published)) is not None:
                values[f"time|days_before={days}"] = 1.0
        rows.append((option, values))
    return rows


class _KindNames(dict[str, str]):
    """Each shared feature's name for one kind of anchor ("time|tense=past"), spelt on first ask: every event's
    candidates spell the same few hundred names."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def __missing__(self, name: str) -> str:
        value = self[name] = f"{self.kind}|{name}"
        return value


_KIND_NAMES: dict[str, _KindNames] = {}
MAX_KIND_NAMES = 10_000  # started afresh past this many (the names a text can give are bounded, but not by us)


def _kind_names(kind: str) -> _KindNames:
    names = _KIND_NAMES.get(kind)
    if names is None or len(names) > MAX_KIND_NAMES:
        names = _KIND_NAMES[kind] = _KindNames(kind)
    return names


def _time_features(
    head: Token,
    own: Token,
    sentence: DocSpan,
    time: TimeRef,
    root: Token,
    stated: TimeRef | None,
    nearest: int,
    tense: str,
) -> dict[str, float]:
    doc = head.doc
    starts, offsets = sentence_bounds(doc)[0], word_arrays(doc)[2]
    back, first = 0, sentence.start
    while time.evidence.start < offsets[first] and first > 0 and back < SENTENCES_BACK:
        first, back = starts[first - 1], back + 1
    distance = abs(root.i - head.i)
    words_apart = next(bucket for bucket, bound in enumerate(WORDS_APART) if distance < bound)
    lowest, up_time, up_head, broken = path_between(root, head)
    preposition = root.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else None
    lemma = "none" if preposition is None else preposition.lower_
    lemma = lemma if lemma in TIME_PREPOSITIONS or lemma == "none" else "other"
    values = {
        f"time|back={back}": 1.0,
        f"time|back={back}&tense={tense}": 1.0,
        # How many words apart the time and the event are, in the sentences before as in the event's own.
        f"time|words_apart={words_apart}": 1.0,
        f"time|granularity={time.granularity}": 1.0,
        f"time|type={time.type}": 1.0,
        f"time|anchor={time.anchor}": 1.0,
        f"time|prep={lemma}": 1.0,
        f"time|dep={root.dep_ if root.dep_ in DEPENDENCIES else 'other'}": 1.0,
        "time|stated": float(stated is not None and stated.evidence == time.evidence),
        # "the Jan. 6 committee", "the 1987 crash", "Monday's meeting": a time that qualifies a noun says when that
        # noun's occasion was, which dates the event only when the noun is the event itself.
        f"time|qualifies={_qualified(root, head)}": 1.0,
    }
    if back == 0:
        same_clause = clause_of(root).i == own.i
        values.update(
            {
                "time|same_clause": float(same_clause),
                f"time|same_clause&tense={tense}": float(same_clause),
                f"time|same_clause&granularity={time.granularity}": float(same_clause),
                "time|in_subtree": float(lowest == head.i),
                "time|up_from_time": min(up_time, 6) / 6,
                "time|up_from_head": min(up_head, 6) / 6,
                "time|clause_break": float(broken),
                "time|distance": math.log1p(distance) / 3,
                "time|after": float(root.i > head.i),
                "time|nearest": float(distance == nearest),
            }
        )
        if preposition is not None:
            attached = preposition.head
            where = "head" if attached.i == head.i else "clause" if clause_of(attached).i == own.i else "other"
            values[f"time|prep={lemma}&on={where}"] = 1.0
    return values


def _qualified(root: Token, head: Token) -> str:
    """Whether a time's word qualifies a noun ("the Jan. 6 riot"): the event's own word, another noun, or none."""
    if root.dep_ not in NOUN_MODIFIERS or root.head.pos_ not in ("NOUN", "PROPN") or root.head.i == root.i:
        return "none"
    return "event" if root.head.i == head.i else "other_noun"


def _root(doc, time: TimeRef) -> Token:  # type: ignore[no-untyped-def]
    words = doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
    return words.root if words is not None and len(words) else doc[0]


def _is_lead(sentence: DocSpan) -> bool:
    """Whether no sentence with a word comes before this one (a header of punctuation or numbers does not count)."""
    # The sentences before this one hold exactly the words before its first: no word among those.
    return sentence.start <= _first_word(sentence.doc)


@per_doc_in_hand
def _first_word(doc: Doc) -> int:
    """The index of the document's first word of letters (its length when it has none), read once per Doc: every
    event asks whether its sentence leads, and walking back a Token at a time cost more than its date."""
    alphabetic = np.flatnonzero(token_column(doc, IS_ALPHA))
    return int(alphabetic[0]) if len(alphabetic) else len(doc)


def in_clause(head: Token, time: TimeRef) -> bool:
    """Whether ``time`` lies in the clause of the event headed by ``head``."""
    return _in_clause(sentence_of(head), clause_of(head), time, _root(head.doc, time))


def _in_clause(sentence: DocSpan, own: Token, time: TimeRef, root: Token) -> bool:
    """``in_clause`` with the event's sentence, its clause's head and the time's word known."""
    inside = sentence.start_char <= time.evidence.start < sentence.end_char
    return inside and clause_of(root).i == own.i


def path_between(lower: Token, head: Token) -> tuple[int, int, int, bool]:
    """The index of the lowest common ancestor of the two, the steps up to it from each, and whether the first's
    side crosses into another clause on the way (walked on the document's head indices: ``Token.head`` and
    ``Token.ancestors`` build a Token per step)."""
    heads, labels = parse_arrays(head.doc)
    above, index, steps = {head.i: 0}, head.i, 0
    while heads[index] != index and steps < len(heads):
        index, steps = heads[index], steps + 1
        above[index] = steps
    index, steps, broken = lower.i, 0, False
    while index not in above and heads[index] != index:
        broken = broken or labels[index] in CLAUSE_DEPS
        index, steps = heads[index], steps + 1
    return index, steps, above.get(index, len(above)), broken


def _against(time: TimeRef, published: datetime | None) -> str:
    """Where a time stands against the publication day: same, before, after, or coarse (a month, a year)."""
    day = stored_date(time)[0]
    if published is None or len(day) < 10:
        return "coarse"
    today = published.date().isoformat()
    return _order(day[:10], today)


def _year_and_month(time: TimeRef, published: datetime | None) -> dict[str, float]:
    """Where a time's year stands against the publication's (same, before, after) and, in the same year, its month:
    "in March" read in a December article, or last year's election, dates what is told as done long before."""
    value = stored_date(time)[0] or ""
    if published is None or not value[:4].isdigit():
        return {}
    year = int(value[:4])
    found = {f"time|year={_order(year, published.year)}": 1.0}
    if year == published.year and value[5:7].isdigit():
        found[f"time|month={_order(int(value[5:7]), published.month)}"] = 1.0
    return found


def _days_before(time: TimeRef, published: datetime | None) -> str | None:
    """How many days a time's day lies before the publication day, in buckets (0, 1, 2-7, 8+, or after): news is
    mostly of the day before, and a day a week or more back was told as done long before."""
    day = (stored_date(time)[0] or "")[:10]
    if published is None or len(day) < 10:
        return None
    try:
        gap = (published.date() - date.fromisoformat(day)).days
    except ValueError:
        return None
    return "after" if gap < 0 else "0" if gap == 0 else "1" if gap == 1 else "2-7" if gap <= 7 else "8+"


def _order(mine: Ordered, theirs: Ordered) -> str:
    # Years and months as numbers, ISO days as text: both order as their values do.
    return "same" if mine == theirs else "before" if mine < theirs else "after"


def after_publication(value: str | None, published: datetime | None) -> bool:
    """Whether a resolved date (a year, month, ISO week, day, part of a day or time) begins after the publication
    day, read at its own precision: "June 2021" is not after 30 June 2021, nor is the week that holds it."""
    if value is None or published is None:
        return False
    part = PART_OF_DAY.fullmatch(value)
    value = part["day"] if part else value
    if not ISO_DATE.fullmatch(value):
        return False
    today = published.date()
    if week := ISO_WEEK.fullmatch(value):
        try:
            return date.fromisocalendar(int(week["year"]), int(week["week"]), 1) > today
        except ValueError:  # week 0, or a 53rd week the year lacks: no date
            return False
    day = value[:10]
    return day > today.isoformat()[: len(day)]


def _same_paragraph(head: Token, span: Span) -> bool:
    """Whether no blank line parts the trigger from ``span``: a header line ("This story is from March 2, 2002")
    run into the first sentence dates the page, not the event."""
    doc = head.doc
    words = doc.char_span(min(head.idx, span.start), max(head.idx, span.end), alignment_mode="expand")
    return words is None or not any("\n\n" in word.text_with_ws for word in words[:-1])
