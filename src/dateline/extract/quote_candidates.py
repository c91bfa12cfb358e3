"""Candidate attributions read off the parse, and the features a trained model decides them by.

Every word that governs a clause, an infinitive, an object or a prepositional phrase is a possible cue, and
that complement a possible reported content ("said the strikes …", "refused to comment", "proposed a ban",
"called for a pause", "according to X, …"). The cue lexicon is one feature among many, so cues it lacks
("seems", "signed") can be learned from PolNeAR. The model (``resources/attribution_model.npz``) keeps a candidate
or not; the quotes stage attaches its speaker with the rules' own resolver.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.resources.quote_cues import QuoteCues

# Where a cue's reported content hangs: a clause (either side), an infinitive, an object, an object predicate.
CLAUSE_LINKS = frozenset({"ccomp"})
RIGHT_LINKS = frozenset({"xcomp", "dobj", "attr", "oprd", "advcl", "acl"})
CUE_TAGS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# How far up a participle or infinitive looks for the subject it shares ("…, saying …", "refused to say").
SUBJECT_HOPS = 3
_LENGTHS = (2, 4, 8, 16, 32)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A cue token and a token range (``low``, ``high`` inclusive) it may report, reached through ``link``."""

    cue: int
    link: str
    low: int
    high: int


def candidates(doc: Doc) -> list[Candidate]:
    """Each cue-like word's complements as candidate contents, by cue; one pass up from each complement."""
    found = []
    for token in doc:
        if token.lower_ == "according":
            found += _according(doc, token)
            continue
        head, dep = token.head, token.dep_
        if head.i == token.i or head.lower_ == "according":
            continue
        if dep in CLAUSE_LINKS or (dep in RIGHT_LINKS and token.i > head.i):
            if head.pos_ in CUE_TAGS:
                found.append(Candidate(head.i, dep, token.left_edge.i, token.right_edge.i))
        elif dep in ("pobj", "pcomp") and head.dep_ == "prep":
            cue = head.head
            if head.i > cue.i and cue.pos_ in CUE_TAGS and cue.lower_ != "according":
                found.append(Candidate(cue.i, f"prep:{head.lower_}", token.left_edge.i, token.right_edge.i))
    return sorted(found, key=lambda candidate: (candidate.cue, candidate.low))


def chosen(scored: list[tuple[Candidate, float]], threshold: float) -> list[tuple[Candidate, float]]:
    """The candidates kept, likeliest first: each cue's likeliest complement at or above ``threshold``, then
    the likelier of any two whose contents overlap. (Cutting a content before a kept cue it holds, to report
    "said X, saying Y" as two, lowered indirect F1 on tune from 0.58 to 0.56: it kept more wrong ones.)"""
    best: dict[int, tuple[Candidate, float]] = {}
    for candidate, probability in scored:
        if probability >= threshold and probability > best.get(candidate.cue, (candidate, 0.0))[1]:
            best[candidate.cue] = (candidate, probability)
    kept: list[tuple[Candidate, float]] = []
    for candidate, probability in sorted(best.values(), key=lambda item: (-item[1], item[0].cue)):
        if not any(candidate.low <= other.high and other.low <= candidate.high for other, _ in kept):
            kept.append((candidate, probability))
    return kept


def _according(doc: Doc, cue: Token) -> list[Candidate]:
    # The clause the phrase hangs on, on either side of "according to X" in its sentence.
    sentence = cue.sent
    low, high = cue.left_edge.i, cue.right_edge.i
    sides = [("according:left", sentence.start, low - 1), ("according:right", high + 1, sentence.end - 1)]
    return [Candidate(cue.i, link, first, last) for link, first, last in sides if last > first]


def features(doc: Doc, candidate: Candidate, cues: QuoteCues, inside: list[int], ruled: dict[int, str]) -> list[str]:
    """Binary features of one candidate (see ``features_of``)."""
    return features_of(doc, [candidate], cues, inside, ruled)[0]


def features_of(
    doc: Doc, found: list[Candidate], cues: QuoteCues, inside: list[int], ruled: dict[int, str]
) -> list[list[str]]:
    """Binary features of each candidate: the cue word and its lexicon entry, how the content hangs on it, who
    its subject is, the content's shape, quote marks around both, and what the rules made of the cue
    (``ruled``: a token index to the kind of the rule draft it cues). A cue's own features are read once."""
    by_cue: dict[int, tuple[str, str, str, list[str]]] = {}
    rows = []
    for candidate in found:
        if candidate.cue not in by_cue:
            by_cue[candidate.cue] = _cue_features(doc, candidate.cue, cues, inside, ruled)
        lemma, lexicon, who, shared = by_cue[candidate.cue]
        link, rule = candidate.link, ruled.get(candidate.cue, "none")
        first, root = doc[candidate.low], _root(doc, candidate)
        length = sum(candidate.high - candidate.low + 1 > bound for bound in _LENGTHS)
        quoted = set(inside[candidate.low : candidate.high + 1]) - {-1}
        content_marks = "none" if not quoted else "all" if inside[candidate.low] in quoted else "some"
        rows.append(
            [
                *shared,
                f"link={link}",
                f"lemma|link={lemma}|{link}",
                f"lexicon|link={lexicon}|{link}",
                f"dep|link={doc[candidate.cue].dep_}|{link}",
                f"link|who={link}|{who}",
                f"first={first.lower_}",
                f"first_pos={first.pos_}",
                f"link|first_pos={link}|{first.pos_}",
                f"root_tag={root.tag_}",
                f"link|root_tag={link}|{root.tag_}",
                f"root_subject={any(child.dep_ in SUBJECTS for child in root.children)}",
                f"length={length}",
                f"link|length={link}|{length}",
                f"content_marks={content_marks}",
                f"rule|link={rule}|{link}",
                f"side={'before' if candidate.high < candidate.cue else 'after'}",
            ]
        )
    return rows


def _cue_features(
    doc: Doc, index: int, cues: QuoteCues, inside: list[int], ruled: dict[int, str]
) -> tuple[str, str, str, list[str]]:
    """The cue's lemma, lexicon role and subject kind, and the features every candidate of the cue shares."""
    cue = doc[index]
    lemma = cue.lemma_.lower()
    entry = cues.verbs.get(lemma)
    lexicon = entry.role if entry is not None else "none"
    who = _who(_subject(cue))
    head = cue.head.lemma_.lower() if cue.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl") else "-"
    deps = {child.dep_ for child in cue.children}
    shared = [
        "bias",
        f"lemma={lemma}",
        f"pos={cue.pos_}",
        f"tag={cue.tag_}",
        f"lexicon={lexicon}",
        f"lexicon|who={lexicon}|{who}",
        f"dep={cue.dep_}",
        f"head={head}",
        f"head|lemma={head}|{lemma}",
        f"who={who}",
        f"lemma|who={lemma}|{who}",
        f"cue_quoted={inside[index] != -1}",
        f"rule={ruled.get(index, 'none')}",
        f"negated={'neg' in deps}",
        f"passive={bool(deps & {'auxpass', 'nsubjpass'})}",
        f"previous={doc[index - 1].lower_ if index else '-'}",
        f"next={doc[index + 1].lower_ if index + 1 < len(doc) else '-'}",
    ]
    return lemma, lexicon, who, shared


def _root(doc: Doc, candidate: Candidate) -> Token:
    """The content's head: its one token whose head lies outside it."""
    span = doc[candidate.low : candidate.high + 1]
    return span.root


def _subject(cue: Token) -> Token | None:
    head = cue
    for _ in range(SUBJECT_HOPS):
        subject = next((child for child in head.children if child.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if head.dep_ not in ("xcomp", "advcl", "conj", "acl") or head.head.i == head.i:
            return None
        head = head.head
    return None


def _who(subject: Token | None) -> str:
    """What kind of speaker the cue's subject is: a named kind, a pronoun, a noun, or none."""
    if subject is None:
        return "none"
    if subject.ent_type_:
        return f"entity:{subject.ent_type_}"
    if subject.pos_ == "PRON":
        return f"pronoun:{subject.lower_}"
    return f"{subject.pos_}:{subject.tag_}"
