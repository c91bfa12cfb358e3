"""Who speaks: the cue's subject (or the object of "according to", or a passive's agent) read off the parse with
the parser's usual misses mended, the phrase that names them, and the name it stands for, resolved in text order
through pronouns, relative pronouns and descriptions to the people and groups the article named before (within
the article only; the actors stage links speakers to actors later)."""

from __future__ import annotations

import bisect

import numpy as np
from spacy.tokens import Token

from dateline.extract.quotes.finder import DASHES, SENTENCE_END, Draft, Finder
from dateline.model import Span

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
DEFINITE = frozenset({"the", "this", "that"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
# How far back a pronoun or description looks for its name: about three short news paragraphs.
RESOLUTION_WINDOW = 1500
# A name a later pronoun may point at: where it stands in the text, and the named span it stands for.
Candidate = tuple[int, Span]


def attach_speaker(finder: Finder, draft: Draft, cue: Token, after: list[Token]) -> None:
    subject = _subject(finder, cue)
    if subject is None and after:
        # The small parser often misses the subject of an attribution clause: "“…,” added a Democrat"
        # makes it an object, "“…,” Ramos, 58, told AFP" loses it; take the first noun on its side.
        if cue.i == after[0].i:
            candidates = [child for child in cue.rights if child.pos_ in ("PROPN", "PRON", "NOUN")]
        else:
            candidates = [token for token in after if token.i < cue.i and token.pos_ in ("PROPN", "PRON", "NOUN")]
        subject = next((token for token in candidates if finder.inside[token.i] == -1), None)
    if subject is None and draft.kind == "direct" and cue.idx < draft.content.start:
        subject = _person_before(finder, cue)
    draft.subject = subject
    if subject is not None:
        draft.mention = mention_span(finder, subject)


def _person_before(finder: Finder, cue: Token) -> Token | None:
    """The parser loses the subject of "Rep. Paul Ryan (R-WI) said “…”" and of "Flea shared the news,
    writing “…”": the nearest person before the cue, through the one verb a participle hangs on."""
    verbs = 1 if cue.tag_ == "VBG" else 0
    for token in reversed(finder.doc[cue.sent.start : cue.i]):
        if finder.inside[token.i] != -1 or token.text in SENTENCE_END:
            break
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "amod"):
            if verbs == 0:
                break
            verbs -= 1
        elif token.ent_type_ == "PERSON" or token.lower_ in PERSON_PRONOUNS:
            return token
    return None


def attach_mention(finder: Finder, draft: Draft, cue: Token) -> None:
    draft.subject = _subject(finder, cue)
    if draft.subject is not None:
        draft.mention = mention_span(finder, draft.subject)


def _subject(finder: Finder, cue: Token) -> Token | None:
    """Who speaks: the cue's subject (or the object of "according to", or a passive's agent); a
    participle or conjoined verb ("…, saying …") borrows its head's subject."""
    if cue.lower_ == "according":
        to = next((child for child in cue.children if child.lower_ == "to"), None)
        objects = [child for child in to.children if child.dep_ == "pobj"] if to is not None else []
        return objects[0] if objects else None
    words, head = finder.words, cue.i
    for _ in range(4):
        for child in finder.speaking.get(head, ()):
            if words.dep[child] != "agent":
                if words.starts[child] < finder.dateline_end:
                    return _subject_after_dateline(finder, cue)
                return _misread_victims(finder, finder.doc[child])
            objects = [grand for grand in finder.doc[child].children if grand.dep_ == "pobj"]
            if objects:
                return objects[0]
        if words.dep[head] not in ("advcl", "xcomp", "conj", "pcomp", "prep") or words.heads[head] == head:
            return None
        head = words.heads[head]
    return None


def _misread_victims(finder: Finder, subject: Token) -> Token:
    """ "…, killing at least five fighters, a senior official said": the parser takes the counted victims right after
    the participle for who speaks, with the speaker in apposition to them; the apposition speaks. The participle is
    looked for first, in the word lists: most subjects follow none, and their children need not be walked."""
    before = subject.left_edge.i - 1
    if before < 0 or finder.words.tag[before] != "VBG":
        return subject
    counted = any(child.dep_ == "nummod" for child in subject.children)
    speaker = next((child for child in subject.children if child.dep_ == "appos"), None)
    return speaker if counted and speaker is not None else subject


def _glued(finder: Finder, index: int) -> bool:
    words = finder.words
    touching = words.starts[index + 1] == words.ends[index]
    return touching and (words.lower[index + 1] == "-" or (words.alpha[index + 1] and words.lower[index] == "-"))


def _subject_after_dateline(finder: Finder, cue: Token) -> Token | None:
    """The parser makes "BAGHDAD" in "BAGHDAD (Agency) -- Leader of X NAME has pledged" the subject; the
    speaker is the name after the dash: the last person named before the cue, else the top noun there."""
    between = [token for token in finder.doc[: cue.i] if token.idx >= finder.dateline_end]
    people = [token for token in between if token.ent_type_ == "PERSON"]
    if people:
        return people[-1]
    nouns = [token for token in between if token.pos_ in ("NOUN", "PROPN")]
    return min(nouns, key=lambda token: len(list(token.ancestors)), default=None)


def mention_span(finder: Finder, subject: Token) -> Span:
    """The subject's phrase, cut where it would run into quote marks, trimmed of punctuation."""
    words, inside, at = finder.words, finder.inside, subject.i
    if inside[at] != -1:
        return Span(words.starts[at], words.ends[at])  # the subject itself is quoted: keep just it
    low, high = subject.left_edge.i, subject.right_edge.i
    for index in range(at, low - 1, -1):
        if inside[index] != -1:
            low = index + 1
            break
    for index in range(at, high + 1):
        if inside[index] != -1:
            high = index - 1
            break
    punct, space = words.punct, words.space
    while low < at and (punct[low] or space[low]):
        low += 1
    while high > at and (punct[high] or space[high]):
        high -= 1
    # The parser may cut a hyphenated name ("al-Jaburi") into pieces; the written word is whole.
    while high + 1 < len(inside) and _glued(finder, high) and inside[high + 1] == -1:
        high += 1
    return Span(words.starts[low], words.ends[high])


def resolve_speakers(finder: Finder, drafts: list[Draft]) -> None:
    """Name each draft's speaker in text order, so a later "he" can point at an earlier speaker.

    Candidates are people named outside any quoted or reported content, and for "it" and "they"
    the groups that are a clause's subject; a resolved speaker stands where its mention stands.
    """
    named = sorted((d for d in drafts if d.mention is not None and d.kind != "title"), key=lambda d: d.mention.start)
    if not named:
        return
    contents = np.array(
        sorted([(draft.content.start, draft.content.end) for draft in drafts] + finder.mark_bounds), dtype=np.int64
    )
    # The furthest end of the contents starting at or before each: a span lies within one of them when
    # that reach, at its start, passes its end.
    reach = np.maximum.accumulate(contents[:, 1])
    if finder.pools is None:
        finder.pools = _pools(finder)
    kinds, entity_starts, entity_ends = finder.pools
    index = np.searchsorted(contents[:, 0], entity_starts, side="right")
    within = ((index > 0) & (reach[np.maximum(index - 1, 0)] >= entity_ends)).tolist()
    people, groups = [], []
    for entity, kind, inside in zip(finder.entities, kinds, within, strict=True):
        if kind is not None and not inside:
            (people if kind == "person" else groups).append((entity.evidence.start, entity.evidence))
    for draft in named:
        speaker, how = _name(finder, draft, people, groups)
        if speaker is None:
            continue
        if draft.kind == "chant" or (how == "description" and draft.subject.tag_ in ("NNS", "NNPS")):
            # "The participants chanted …. They also called …": a group named by its description.
            bisect.insort(groups, (draft.mention.start, speaker))
        elif how == "resolved":
            bisect.insort(people, (draft.mention.start, speaker))
        if draft.kind != "chant":
            draft.speaker, draft.how = speaker, how


def _root(finder: Finder, span: Span) -> int:
    return max(bisect.bisect_left(finder.starts, span.end) - 1, 0)


def _pools(finder: Finder) -> tuple[list[str | None], np.ndarray, np.ndarray]:
    """Which pool of names each entity may join, whatever the drafts (a person, a group that is a clause's
    subject, or none), and the entities' bounds, worked out once for the article's three rounds of resolving."""
    kinds: list[str | None] = []
    for entity in finder.entities:
        if entity.label == "PERSON":
            kinds.append("person")
        elif entity.label in GROUP_LABELS and finder.words.dep[_root(finder, entity.evidence)] in (
            "nsubj",
            "nsubjpass",
        ):
            kinds.append("group")
        else:
            kinds.append(None)
    bounds = np.array([(entity.evidence.start, entity.evidence.end) for entity in finder.entities], dtype=np.int64)
    return kinds, bounds[:, 0] if len(bounds) else bounds, bounds[:, 1] if len(bounds) else bounds


def _name(finder: Finder, draft: Draft, people: list[Candidate], groups: list[Candidate]) -> tuple[Span | None, str]:
    subject, mention = draft.subject, draft.mention
    if subject is None or mention is None:
        return None, "unattributed"
    if draft.cue is not None and draft.cue.text in DASHES:
        return mention, "named"  # the name a dash credits is the speaker as written
    named = finder.entity_within(mention, NAME_LABELS, containing=subject.idx)
    if named is not None:
        return named, "named"
    lower = subject.lower_
    if lower in RELATIVE_PRONOUNS and draft.cue is not None and draft.cue.dep_ == "relcl":
        antecedent = mention_span(finder, draft.cue.head)
        found = finder.entity_within(antecedent, NAME_LABELS)
        return (found, "resolved") if found is not None else (antecedent, "description")
    if subject.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
        pool = people if lower in PERSON_PRONOUNS else groups if lower in GROUP_PRONOUNS else []
        found = _nearest_before(pool, mention.start)
        return (found, "resolved") if found is not None else (None, "unresolved")
    if subject.pos_ == "PROPN":
        return _proper_name(finder, subject), "named"
    # "Leader of the … group Qais al-Khazali": a person in apposition names the subject; a person in
    # any other attachment ("a spokesman for Senator X") does not. Read last first, among the entities starting
    # within the mention.
    first, stop = (bisect.bisect_left(finder.entity_starts, edge) for edge in (mention.start, mention.end))
    for entity in reversed(finder.entities[first:stop]):
        if (
            mention.contains(entity.evidence)
            and entity.label == "PERSON"
            and finder.words.dep[_root(finder, entity.evidence)] == "appos"
        ):
            return entity.evidence, "named"
    definite = any(child.dep_ == "det" and child.lower_ in DEFINITE for child in subject.children)
    if definite and subject.tag_ == "NN" and subject.lemma_.lower() not in finder.cues.of_role("organisation"):
        # "the Brussels-based analyst" after "Elijah Magnier": the nearest person named before.
        found = _nearest_before(people, mention.start)
        if found is not None:
            return found, "resolved"
    return mention, "description"


def _proper_name(finder: Finder, head: Token) -> Span:
    low = head.i
    while low > 0 and finder.doc[low - 1].pos_ == "PROPN" and finder.doc[low - 1].head.i in (head.i, low):
        low -= 1
    return Span(finder.doc[low].idx, head.idx + len(head))


def _nearest_before(candidates: list[Candidate], position: int) -> Span | None:
    index = bisect.bisect_left(candidates, (position,)) - 1
    if index >= 0 and position - candidates[index][0] <= RESOLUTION_WINDOW:
        return candidates[index][1]
    return None
