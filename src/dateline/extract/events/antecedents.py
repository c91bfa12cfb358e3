"""Whom a pronoun in a slot stands for: a relative pronoun, the noun its clause is about; a third-person pronoun,
the named subject of a clause above the trigger (never the speaker of a direct quote, who is "I" or "we")."""

from __future__ import annotations

from spacy.tokens import Token

from dateline.extract.events.counts import HUMAN_NOUNS
from dateline.extract.events.syntax import PASSIVE_SUBJECTS, SUBJECTS, first_child, lemma_of
from dateline.model import Quote

# Pronouns that stand for a party named elsewhere in the sentence ("Palestinian leaders said they would boycott").
THIRD_PERSON = frozenset({"they", "them", "their", "it", "its", "he", "his", "him", "she", "her"})
PERSONAL_PRONOUNS = frozenset({"he", "his", "him", "she", "her"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})


def antecedent(source: Token | None) -> Token | None:
    """A relative pronoun names whom its clause is about: "the committees that organised the marches" are the
    committees, also through a verb it governs ("clashes that medics say killed"), and "the forces, which they
    accuse of ..." are the forces; one outside such a clause names no one."""
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


def named_subject(token: Token, head: Token, quote: Quote | None = None) -> Token:
    """A third-person pronoun in a slot stands for the named subject of a clause above ("Bouteflika said he is
    prepared to lift the ban"), more surely than a resolution across sentences; other words stand for themselves.
    In a speaker's own words the speaker is "I" or "we": ""They attacked us," the commander said" was not done by
    the commander."""
    if token.lower_ not in THIRD_PERSON:
        return token
    if quote is not None and quote.kind == "direct" and quote.content.start <= token.idx < quote.content.end:
        return token
    return _antecedent_subject(token, head) or token


def _antecedent_subject(pronoun: Token, head: Token) -> Token | None:
    """The named subject of a clause above the trigger, which a pronoun in its slot stands for: "Bosnian Serbs said
    their forces had completed their withdrawal", "the union reiterated its demand"."""
    current, steps = head, 0
    while steps < 4:
        subject = first_child(list(current.children), SUBJECTS | PASSIVE_SUBJECTS)
        # "Police arrested him for attacking a guard": a verb's object is never its own subject; "her talks with the
        # envoy had been useful": nor is the act itself
        own_object = pronoun.head.i == current.i and pronoun.dep_ not in SUBJECTS | PASSIVE_SUBJECTS
        itself = subject is not None and subject.i in (head.i, pronoun.head.i)
        if (
            subject is not None
            and subject.i != pronoun.i
            and subject.pos_ != "PRON"
            and not own_object
            and not itself
            and _agrees(pronoun, subject)
        ):
            return subject
        if current.head.i == current.i:
            return None
        # a preposition is a step of the phrase, not of the clauses: "after snapping ... following his summit"
        steps += current.pos_ != "ADP"
        current = current.head
    return None


def _agrees(pronoun: Token, subject: Token) -> bool:
    """Whether the pronoun can stand for the subject: "its deployment" is never a spokesman's, "his summit" never a
    state's or a people's."""
    if pronoun.lower_ in ("it", "its"):
        return lemma_of(subject) not in HUMAN_NOUNS  # (the small model takes many a state for a man: "Chad")
    if pronoun.lower_ in PERSONAL_PRONOUNS:
        return subject.ent_type_ not in ("GPE", "NORP")  # (the small model takes many a man for an organisation)
    return True
