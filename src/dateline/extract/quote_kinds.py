"""What a passage in quote marks is: someone's own sentence (direct), a fragment the writer's clause holds (mixed),
or no one's attributed words at all, read from the marks' surroundings.

The rules call marks beside a cue direct. PolNeAR's annotators, and so the strict scorer, call "Others are “having
to be leaner,” she said" and "tells reporters that “if there's a large turnout …”" reported clauses holding a
fragment: the content runs outside the marks, so it is not direct. A trained model
(``resources/quote_kind_model.npz``) reads where the marks stand (what precedes the opening mark, the case of the
first word, which side the cue is on, how the quoted words hang in the parse) and the quotes stage re-kinds a rule
reading only when the model is sure. Features are plain strings, built once per quoted draft.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from dateline.model import Span
from dateline.resources.quote_kind_model import QuoteKindModel

# Words closing the writer's clause right before a fragment opens: kept by name, all others by part of speech.
_NAMED_BEFORE = frozenset({"that", "as", "is", "are", "was", "were", "be", "of", "a", "the", "and", "but", "to"})
_LENGTHS = (1, 2, 3, 6, 12, 25)


def kind_features(
    doc: Doc,
    text: str,
    starts: Sequence[int],
    content: Span,
    cue: Token | None,
    has_continuation: bool,
    how: str,
) -> list[str]:
    """The features of one quoted passage (``content`` is the words inside the marks; ``starts`` the tokens'
    character offsets, ascending)."""
    first = bisect.bisect_left(starts, content.start)
    last = max(bisect.bisect_left(starts, content.end) - 1, first)
    before = _before(text, content.start)
    case = _case(text[content.start : content.start + 1])
    words = len(text[content.start : content.end].split())
    length = next((str(bound) for bound in _LENGTHS if words <= bound), "long")
    inner_end = text[content.start : content.end].rstrip("\"“”'’‘» ")[-1:]
    end = inner_end if inner_end in ",.?!-—:;" else "w"
    side = "none" if cue is None else "before" if cue.idx < content.start else "after"
    previous = _token_before(doc, first)
    following = _token_after(doc, text, content.end, last)
    root = _root(doc, first, last)
    features = [
        f"before={before}",
        f"case={case}",
        f"len={length}",
        f"end={end}",
        f"cue={side}",
        f"how={how}",
        f"continued={has_continuation}",
        f"before_case={before}|{case}",
        f"before_cue={before}|{side}",
        f"case_cue={case}|{side}",
        f"end_cue={end}|{side}",
        f"root_dep={root.dep_ if root is not None else '-'}",
        f"root_pos={root.pos_ if root is not None else '-'}",
        f"root_head_cue={root is not None and cue is not None and root.head.i == cue.i}",
        f"root_case={root.dep_ if root is not None else '-'}|{case}",
    ]
    if cue is not None:
        features.append(f"cue_lemma={cue.lemma_.lower()}")
    if previous is not None:
        word = previous.lower_ if previous.lower_ in _NAMED_BEFORE else previous.pos_
        features += [f"prev={word}", f"prev_dep={previous.dep_}", f"prev_case={word}|{case}"]
    if following is not None:
        features += [f"next={following.pos_}", f"next_end={following.pos_}|{end}"]
    else:
        features.append("next=end")
    return features


def may_be_fragment(text: str, content: Span) -> bool:
    """Whether quoted words could be a fragment of the writer's clause: marks opening a paragraph or following a
    sentence's end enclose whole sentences, so only the others are the model's to judge."""
    return _before(text, content.start) not in ("paragraph", "sentence")


def _before(text: str, start: int) -> str:
    """What stands before the opening mark: the paragraph's start, a sentence's end, a punctuation mark or a word."""
    preceding = text[:start].rstrip()
    if preceding[-2:] == "''":
        preceding = preceding[:-2]
    elif preceding[-1:] in "\"“«'‘„":
        preceding = preceding[:-1]
    line = preceding.rstrip(" \t")
    if not line or line[-1] == "\n":
        return "paragraph"
    mark = line[-1]
    if mark in ".!?":
        return "sentence"
    if mark in ":,;([":
        return mark
    if mark in "-—–":
        return "dash"
    if mark in "\"”’'»":
        return "quote"
    return "word" if mark.isalnum() else "other"


def _case(char: str) -> str:
    return "upper" if char.isupper() else "lower" if char.islower() else "other"


def _token_before(doc: Doc, first: int) -> Token | None:
    # The last word before the quote's first token that is not a mark or a space.
    index = first - 1
    while index >= 0 and (doc[index].is_quote or doc[index].is_space):
        index -= 1
    return doc[index] if index >= 0 and not doc[index].is_punct else None


def _token_after(doc: Doc, text: str, end: int, last: int) -> Token | None:
    index = last + 1
    while index < len(doc) and (doc[index].idx < end or doc[index].is_quote or doc[index].is_space):
        index += 1
    return doc[index] if index < len(doc) else None


def _root(doc: Doc, first: int, last: int) -> Token | None:
    """The quoted token highest in the tree: the one whose head lies outside the quote (the fragment's link)."""
    best = None
    for token in doc[first : last + 1]:
        if token.is_punct or token.is_space:
            continue
        outside = not first <= token.head.i <= last or token.head.i == token.i
        if outside and (best is None or len(list(token.ancestors)) < len(list(best.ancestors))):
            best = token
    return best


def fragments(
    doc: Doc,
    text: str,
    starts: Sequence[int],
    quoted: Sequence[tuple[Span, Token | None, bool, str]],
    model: QuoteKindModel,
) -> list[bool]:
    """For each quoted passage that may be a fragment (content, cue, whether it has a continuation, how its speaker
    was found), whether the model reads it as a fragment of a reported clause rather than a direct quote."""
    rows = [kind_features(doc, text, starts, *one) for one in quoted]
    return [probability < model.threshold for probability in model.probabilities_of(rows).tolist()]
