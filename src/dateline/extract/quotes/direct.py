"""Quotes in marks: a direct quote whose marks sit beside a cue ("“…,” he said", "X said: “…”", a colon or a dash
credit with no speech verb), the quote that continues it after its attribution clause, chants and titles; then the
marks no cue explains: a paragraph of quotation going on from the speaker before, scare quotes, and quoted words no
one is said to have said."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from dateline.extract.quotes.finder import DASHES, SENTENCE_END, Draft, Finder
from dateline.extract.quotes.marks import CLOSERS, Marks
from dateline.extract.quotes.speakers import (
    NAME_LABELS,
    PERSON_PRONOUNS,
    attach_mention,
    attach_speaker,
    mention_span,
)
from dateline.model import Span

# An attribution clause is short; looking further only finds the next sentence's verbs.
REGION_TOKENS = 40
# Quoted fragments this short with no cue are marks of distance, not someone's statement.
SCARE_MAX_WORDS = 4
# A quote's cue, the head word of its speaker and the speaker's mention, found without a speech verb.
Attribution = tuple[Token, Token, Span]


def direct_quotes(finder: Finder) -> tuple[list[Draft], list[int]]:
    """Quotes whose marks sit beside a cue, chants and titles; the indices of marks still unexplained."""
    drafts: list[Draft] = []
    pending: list[int] = []
    kinds: dict[int, Draft] = {}
    # The last quote whose cue followed it, and where its attribution clause ends: "“…,” X said. “…”"
    # continues that quote when nothing but punctuation stands between the clause and the next mark.
    previous: tuple[Draft, int] | None = None
    for number, mark in enumerate(finder.marks):
        before, after = _region_before(finder, mark.start), _region_after(finder, mark)
        if not before and _opens_paragraph(finder, mark.start):
            # "Caddell continued:" alone on a line introduces the quotation set off below it.
            introduction = _region_before(finder, finder.paragraphs[_paragraph_number(finder, mark.start) - 1].end)
            before = introduction if introduction and introduction[-1].text == ":" else []
        classified = _chant_or_title(finder, number, before, after, kinds)
        if classified is not None:
            kinds[number] = classified
            drafts.append(classified)
            previous = None
            continue
        cue = _cue_before(finder, mark, before, after) or _cue_after(finder, mark, after)
        attribution = None
        if cue is None:
            attribution = _introduction(finder, before) or _credit(after)
        if previous is not None and (cue is None or cue == previous[0].cue) and _continues(finder, *previous, mark):
            previous[0].continuation = mark.inner
            previous = None
            continue
        if attribution is None and cue is None:
            pending.append(number)
            # A short title inside the attribution clause ("said on CNN’s “State of the Union” Sunday.
            # “…”") is part of the clause: the quote after it still continues the one before.
            embedded = previous is not None and _embedded(finder, previous[1], mark)
            previous = (previous[0], _clause_end(mark, after)) if embedded and previous else None
            continue
        if attribution is not None:
            cue, subject, mention = attribution
            draft = Draft(mark.inner, "direct", cue=cue, subject=subject, mention=mention)
        else:
            draft = Draft(mark.inner, "direct", cue=cue)
            attach_speaker(finder, draft, cue, after)
        finder.used_cues.add(cue.i)
        drafts.append(draft)
        previous = (draft, _clause_end(mark, after)) if cue.idx > mark.start else None
    return drafts, pending


def _region_before(finder: Finder, position: int) -> list[Token]:
    """Tokens of the clause ending at ``position``, back to a sentence end, quote or paragraph start."""
    paragraph = _paragraph(finder, max(position - 1, 0))
    starts, lower, inside = finder.starts, finder.words.lower, finder.inside
    end = bisect.bisect_left(starts, position)
    first, stop = end, max(end - REGION_TOKENS, 0)
    while first > stop and starts[first - 1] >= paragraph.start and inside[first - 1] == -1:
        if lower[first - 1] in SENTENCE_END:
            break
        first -= 1
    return _tokens(finder, first, end)


def _region_after(finder: Finder, mark: Marks) -> list[Token]:
    """Tokens of the clause after the closing mark, up to a sentence end, quote or paragraph end."""
    paragraph = _paragraph(finder, max(mark.end - 1, mark.start))
    starts, lower, inside = finder.starts, finder.words.lower, finder.inside
    first = bisect.bisect_left(starts, mark.end)
    end, stop = first, min(first + REGION_TOKENS, len(starts))
    while end < stop and starts[end] < paragraph.end and inside[end] == -1 and lower[end] not in SENTENCE_END:
        end += 1
    return _tokens(finder, first, end)


def _tokens(finder: Finder, first: int, end: int) -> list[Token]:
    """The tokens from ``first`` to ``end`` (exclusive) that are not space; the stopping checks read the word
    lists, so a Token is built only for a word kept."""
    space = finder.words.space
    return [finder.doc[index] for index in range(first, end) if not space[index]]


def _paragraph(finder: Finder, position: int) -> Span:
    number = max(bisect.bisect_right(finder.paragraph_starts, position) - 1, 0)
    return finder.paragraphs[number] if finder.paragraphs else Span(0, len(finder.text))


def _cue_before(finder: Finder, mark: Marks, before: list[Token], after: list[Token]) -> Token | None:
    # "X said: “…”" and "He said, “…”"; "X said that “…”" and "X said “…”" only when the quote ends
    # the sentence: a fragment with the clause going on after it is a mixed quote, found later.
    if not before:
        return None
    ends_sentence = not any(token.is_alpha for token in after)
    bare = (finder.is_cue(before[-1]) or before[-1].lower_ == "that") and ends_sentence
    if not (bare or before[-1].text in (":", ",")):
        return None
    clause = _after_dash(before) if before[-1].text == ":" else before
    return next((token for token in reversed(clause) if finder.is_cue(token)), None)


def _cue_after(finder: Finder, mark: Marks, after: list[Token]) -> Token | None:
    # The attribution clause follows at once: "“…,” he said", "“…,” said X", "“…,” the analyst said".
    inner = finder.text[mark.inner.start : mark.inner.end].rstrip()
    # "“…,” he said" and "“…?” asked X" go on the sentence; after "“….”" a new sentence starts,
    # unless what follows is only a short attribution ("“….” Smith said.").
    continues = inner[-1:] in (",", "?", "!", "—", "-", "–") or not mark.closed
    if not continues and _introduces_next(finder, after):
        # "“….” He adds, “…”": a clause opening a new sentence and ending in a comma or colon right before the
        # next quote introduces that quote, not the one whose sentence has ended.
        return None
    cue = next((token for token in after[:8] if finder.is_cue(token)), None)
    if cue is None and continues:
        # "“…,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said": a long
        # subject pushes the clause's own verb far out; it is the one the clause hangs on.
        region = {token.i for token in after}
        cue = next(
            (token for token in after if finder.is_cue(token) and (token.dep_ == "ROOT" or token.head.i not in region)),
            None,
        )
    if cue is None:
        return None
    reports = any(child.dep_ == "ccomp" and finder.inside[child.i] == -1 for child in cue.children)
    short = (len(after) <= 8 or cue.i <= after[min(2, len(after) - 1)].i) and not reports
    return cue if continues or short else None


def _introduces_next(finder: Finder, after: list[Token]) -> bool:
    """Whether the clause after a quote ends in a comma or colon with the next quote's opening mark right after."""
    if not after or after[-1].text not in (",", ":"):
        return False
    following = finder.text[after[-1].idx + 1 : after[-1].idx + 8].lstrip(" \t")
    return following[:1] in CLOSERS or following.startswith("''")


def _introduction(finder: Finder, before: list[Token]) -> Attribution | None:
    """A quote introduced by a colon with no speech verb: "Trump went even further:", "Pew Research:".
    The clause's verb is the cue when its subject is a person; a bare name before the colon is the
    speaker, and the colon the cue."""
    if not before or before[-1].text != ":":
        return None
    colon, clause = before[-1], _after_dash(before[:-1])
    inside = {token.i for token in clause}
    verbs = [token for token in clause if token.pos_ in ("VERB", "AUX") and token.head.i not in inside]
    verbs += [token for token in clause if token.dep_ == "ROOT" and token.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
        if subject is not None and _personal(subject):
            return verb, subject, mention_span(finder, subject)
    if verbs or not clause:
        return None
    heads = [token for token in clause if token.head.i not in inside or token.dep_ == "ROOT"]
    head = next((token for token in heads if token.pos_ in ("PROPN", "NOUN")), None)
    if head is None or not _personal(head):
        return None
    mention = mention_span(finder, head)
    return colon, head, Span(max(mention.start, clause[0].idx), mention.end)


def _credit(after: list[Token]) -> Attribution | None:
    """A quote credited by a dash and a name, as under a reader's comment: "“…” ― Carla Sanchez"."""
    if not after or after[0].text not in DASHES:
        return None
    name = after[1:]
    if not name or len(name) > 6 or any(token.pos_ not in ("PROPN", "PUNCT") for token in name):
        return None
    head = max((token for token in name if token.pos_ == "PROPN"), key=lambda token: token.i)
    return after[0], head, Span(name[0].idx, head.idx + len(head))


def _personal(token: Token) -> bool:
    """Whether a subject can be someone who speaks: a name, a personal pronoun, a named body."""
    return (
        token.pos_ == "PROPN" or token.lower_ in PERSON_PRONOUNS | {"i", "we", "they"} or token.ent_type_ in NAME_LABELS
    )


def _opens_paragraph(finder: Finder, position: int) -> bool:
    number = _paragraph_number(finder, position)
    return number > 0 and finder.paragraphs[number].start == position


def _continues(finder: Finder, previous: Draft, clause_end: int, mark: Marks) -> bool:
    if previous.continuation is not None:
        return False
    gap = finder.text[clause_end : mark.start]
    # Punctuation must close the clause: marks right after its last word are a title within it.
    # A title closing the clause holds its period ("said on “Meet the Press.” “…”"), as American style puts it.
    closed = finder.text[: mark.start].rstrip().rstrip("”\"’'»")[-1:] in (".", ",", ";", ":", "—", "–", "-")
    return "\n" not in gap and closed and not "".join(gap.split()).strip(".,;:—–-")


def _embedded(finder: Finder, clause_end: int, mark: Marks) -> bool:
    gap = finder.text[clause_end : mark.start]
    words = len(finder.text[mark.inner.start : mark.inner.end].split())
    return not gap.strip() and words <= SCARE_MAX_WORDS


def _clause_end(mark: Marks, after: list[Token]) -> int:
    return after[-1].idx + len(after[-1]) if after else mark.end


def _chant_or_title(
    finder: Finder, number: int, before: list[Token], after: list[Token], kinds: dict[int, Draft]
) -> Draft | None:
    chant, title = finder.cues.of_role("chant"), finder.cues.of_role("title")
    near = [token for token in before[-3:] if not token.is_punct and token.pos_ not in ("DET", "CCONJ")]
    words = [(token, token.lemma_.lower(), token.lower_) for token in near[-2:]]
    for token, lemma, lower in reversed(words):
        if lemma in chant or lower in chant:
            draft = Draft(finder.marks[number].inner, "chant", cue=token)
            attach_mention(finder, draft, token)
            return draft
        if lemma in title or lower in title:
            return Draft(finder.marks[number].inner, "title", cue=token)
    # "chanted “Death to America” and “Death to Israel”": a list of marks shares its first's kind.
    last = kinds.get(number - 1)
    if last is not None and before and all(token.lower_ in ("and", "or", ",") for token in before):
        return Draft(finder.marks[number].inner, last.kind, cue=last.cue)
    cue = next((token for token in after[:4] if token.lemma_.lower() in chant), None)
    if cue is not None:
        draft = Draft(finder.marks[number].inner, "chant", cue=cue)
        attach_mention(finder, draft, cue)
        return draft
    return None


def uncued_quotes(finder: Finder, pending: list[int], drafts: list[Draft]) -> list[Draft]:
    """Marks with no cue: fragments of a mixed quote (already taken), a paragraph of quotation that
    goes on from the speaker of the paragraph before, scare quotes and titles, or unattributed ones."""
    by_paragraph: dict[int, Draft] = {}
    for draft in sorted(drafts, key=lambda d: d.content.start):
        if draft.speaker is not None and draft.kind not in ("chant", "title", "scare"):
            by_paragraph[_paragraph_number(finder, draft.content.start)] = draft
    found = []
    for number in pending:
        if number in finder.consumed:
            continue
        mark = finder.marks[number]
        paragraph = _paragraph_number(finder, mark.start)
        words = len(finder.text[mark.inner.start : mark.inner.end].split())
        leads = finder.paragraphs[paragraph].start == mark.start if finder.paragraphs else False
        earlier = by_paragraph.get(paragraph - 1)
        if leads and earlier is not None and earlier.content.start < mark.start:
            draft = Draft(mark.inner, "direct", speaker=earlier.speaker, how="inherited")
            by_paragraph[paragraph] = draft
        elif words <= SCARE_MAX_WORDS and not leads:
            draft = Draft(mark.inner, "title" if _title_case(finder.text, mark.inner) else "scare")
            draft.how = draft.kind
        else:
            # No cue, no speaker before it: quoted words no one is said to have said (PolNeAR has no
            # attribution for them), kept apart from direct quotes so "direct" means someone said it.
            draft = Draft(mark.inner, "unattributed")
        found.append(draft)
    return found


def _paragraph_number(finder: Finder, position: int) -> int:
    return max(bisect.bisect_right(finder.paragraph_starts, position) - 1, 0)


def _title_case(text: str, span: Span) -> bool:
    words = [word for word in text[span.start : span.end].split() if len(word) > 3]
    return len(words) >= 2 and all(word[:1].isupper() for word in words)


def _after_dash(tokens: list[Token]) -> list[Token]:
    """What follows the last free-standing dash: "HEADLINE - Mark Blumenthal and Jon Cohen" names two people."""
    dashes = [number for number, token in enumerate(tokens) if token.text in DASHES | {"-"} and token.whitespace_]
    return tokens[dashes[-1] + 1 :] if dashes else tokens
