"""Loaded and evaluative language: lexicon matches on lemmas, whose voice each one is in, and a neutral wording.

Voice comes from quotation marks, reported-speech clauses after cue verbs and a headline first line
(``voice_regions``). Pronoun speakers stay pronouns, and a quote that runs on without marks is narration.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from dateline.model import Analysis, Article, Frame, Span
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.framing_lexicon import FramingLexicon, LexiconEntry

VoiceRegion = tuple[Span, str, str | None]

OUTLET_VOICES = frozenset({"narration", "headline", "scare_quote"})
QUOTE_VOICES = frozenset({"direct_quote", "indirect_quote"})
# Verbs that introduce what someone said, wrote or claimed.
CUE_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "claim",
        "insist",
        "warn",
        "declare",
        "announce",
        "stress",
        "assert",
        "argue",
        "allege",
        "accuse",
        "deny",
        "admit",
        "acknowledge",
        "confirm",
        "explain",
        "note",
        "report",
        "write",
        "tweet",
        "post",
        "vow",
        "pledge",
        "threaten",
        "promise",
        "urge",
        "charge",
        "contend",
        "maintain",
        "suggest",
        "reply",
        "respond",
        "answer",
        "comment",
        "remark",
        "predict",
        "boast",
        "complain",
        "lament",
        "describe",
        "call",
        "dub",
        "term",
        "label",
        "brand",
    }
)
NEGATORS = frozenset({"not", "n't", "no", "never", "nor"})
# Words that may sit between a negator and the loaded word: "not a terrorist", "not so heroic".
_NEGATION_GAP = frozenset({"a", "an", "the", "so", "very", "really", "at", "all"})
SCARE_QUOTE_MAX_WORDS = 3
OPENING_MARKS = {"“": "”", "«": "»", '"': '"', "‘": "’"}
# A name that contains a loaded word is a name, not framing: "Islamic Resistance in Iraq".
_NAME_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "PERSON"})
IRREGULAR_VERBS = {"take": ("took", "taken"), "say": ("said", "said"), "plan": ("planned", "planned")}
IRREGULAR_PLURALS = {"person": "people", "man": "men", "woman": "women", "child": "children"}


def extract(parsed: ParsedArticle, resources: Resources) -> list[Frame]:
    doc = parsed.doc
    regions = voice_regions(parsed)
    frames = []
    for entry, match in match_lexicon(doc, resources.framing):
        evidence = Span(match.start_char, match.end_char)
        voice, speaker = voice_of(evidence, regions)
        frames.append(
            Frame(
                article_id=parsed.article.id,
                evidence=evidence,
                text=match.text,
                lemma_key=entry.key,
                category=entry.category,
                technique=entry.technique,
                neutral=inflect(entry.neutral, match),
                favours=entry.favours,
                voice=voice,
                speaker_text=speaker,
                negated=is_negated(match),
                # Priors, not measured: a multi-word expression is rarely loaded by accident.
                confidence=0.8 if len(entry.tokens) > 1 else 0.6,
            )
        )
    return frames


# -- matching ---------------------------------------------------------------------------------


def match_lexicon(doc: Doc, lexicon: FramingLexicon) -> Iterator[tuple[LexiconEntry, TokenSpan]]:
    """Longest lexicon matches, left to right, without overlap; a token matches by its lemma or its form."""
    forms = [(token.lower_, token.lemma_.lower()) for token in doc]
    i = 0
    while i < len(doc):
        found = _match_at(doc, forms, i, lexicon)
        if found is None:
            i += 1
            continue
        entry, match = found
        if not _inside_name(match):
            yield entry, match
        i = match.end


def _match_at(
    doc: Doc, forms: list[tuple[str, str]], i: int, lexicon: FramingLexicon
) -> tuple[LexiconEntry, TokenSpan] | None:
    candidates = {entry: None for form in set(forms[i]) for entry in lexicon.by_first_token.get(form, ())}
    for entry in sorted(candidates, key=lambda entry: (-len(entry.tokens), entry.pos is None)):
        end = i + len(entry.tokens)
        if end > len(doc) or not all(entry.tokens[k] in forms[i + k] for k in range(len(entry.tokens))):
            continue
        if entry.pos is not None and _coarse_pos(doc[i]) != entry.pos:
            continue
        return entry, doc[i:end]
    return None


def _coarse_pos(token: Token) -> str:
    return "NOUN" if token.pos_ == "PROPN" else token.pos_


def _inside_name(match: TokenSpan) -> bool:
    first = match[0]
    if not first.ent_type_ or first.ent_type_ not in _NAME_LABELS or not first.is_title or first.is_sent_start:
        return False
    entity = next((ent for ent in match.doc.ents if ent.start <= first.i < ent.end), None)
    return entity is not None and len(entity) > len(match)


def is_negated(match: TokenSpan) -> bool:
    """True for "not a terrorist", "no heroes", "is not heroic": the label is denied, not applied."""
    root = match.root
    if any(child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") for child in root.children):
        return True
    if root.dep_ in {"attr", "acomp", "oprd"} and any(child.dep_ == "neg" for child in root.head.children):
        return True
    i = match.start - 1
    while i >= 0 and match.start - i <= 3 and match.doc[i].lower_ in _NEGATION_GAP:
        i -= 1
    return i >= 0 and match.start - i <= 3 and match.doc[i].lower_ in NEGATORS


# -- neutral wording ----------------------------------------------------------------------------


def inflect(neutral: str, match: TokenSpan) -> str:
    """The lemma-form neutral wording inflected like the match: "kill" for "martyred" gives "killed"."""
    if not neutral:
        return ""
    words = neutral.split()
    head = match.root
    tag = head.tag_
    if head.pos_ in {"VERB", "AUX"} and tag in {"VBD", "VBN", "VBG", "VBZ"}:
        words[0] = _verb_form(words[0], tag)
    elif tag in {"NNS", "NNPS"}:
        at = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
        words[at] = _plural(words[at])
    text = " ".join(words)
    if match.text[:1].isupper() and match[0].is_sent_start:
        text = text[:1].upper() + text[1:]
    return text


def _verb_form(verb: str, tag: str) -> str:
    if tag == "VBZ":
        return _plural(verb)
    if tag == "VBG":
        return (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"
    past, participle = IRREGULAR_VERBS.get(verb, (None, None))
    if past is not None:
        return past if tag == "VBD" else participle
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    return verb + "ed"


def _plural(word: str) -> str:
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if word.endswith("s") and not word.endswith("ss"):
        return word
    if re.search(r"(ss|sh|ch|x|z)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def neutral_rendering(text: str, frames: Iterable[Frame], sentence_span: Span) -> str:
    """The sentence with each loaded expression replaced by its neutral wording, for display only."""
    pieces = []
    cursor = sentence_span.start
    for frame in sorted(frames, key=lambda frame: frame.evidence):
        if not sentence_span.contains(frame.evidence) or frame.evidence.start < cursor:
            continue
        pieces.extend([text[cursor : frame.evidence.start], frame.neutral])
        cursor = frame.evidence.end
    pieces.append(text[cursor : sentence_span.end])
    rendered = re.sub(r"[ \t]{2,}", " ", "".join(pieces))
    # A dropped word may leave a space before punctuation or at the start: "was , he" -> "was, he".
    return re.sub(r" ([,.;:!?”’])", r"\1", rendered).strip()


# -- voice --------------------------------------------------------------------------------------


def voice_regions(parsed: ParsedArticle) -> list[VoiceRegion]:
    """Spans of text in a voice other than the outlet's narration, least specific first.

    A later region wins over an earlier one it overlaps: a quotation inside reported speech is a
    direct quote. The quote part is our own light detection; once the quotes stage lands, this is
    the one function that should read ``parsed.of(Quote)`` instead.
    """
    regions: list[VoiceRegion] = []
    headline = _headline(parsed.article)
    if headline is not None:
        regions.append((headline, "headline", None))
    regions.extend(_reported_speech(parsed.doc))
    regions.extend(_quotations(parsed.doc))
    return regions


def voice_of(evidence: Span, regions: list[VoiceRegion]) -> tuple[str, str | None]:
    for span, voice, speaker in reversed(regions):
        if span.contains(evidence):
            return voice, speaker
    return "narration", None


def _headline(article: Article) -> Span | None:
    # The title is not in Article.text unless the text starts with it (the PTC layout does).
    if not article.title:
        return None
    first_line = article.text.split("\n", 1)[0]
    if " ".join(first_line.split()).casefold() != " ".join(article.title.split()).casefold():
        return None
    start = len(first_line) - len(first_line.lstrip())
    return Span(start, len(first_line.rstrip()))


def _reported_speech(doc: Doc) -> Iterator[VoiceRegion]:
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_ in CUE_VERBS:
            for clause in token.children:
                if clause.dep_ == "ccomp":
                    region = Span(clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge))
                    yield region, "indirect_quote", _speaker_of(token, region)
        elif token.lower_ == "according" and token.nbor(1).lower_ == "to" if token.i + 1 < len(doc) else False:
            source = [child for child in token.nbor(1).children if child.dep_ == "pobj"]
            if source:
                sentence = token.sent
                yield Span(sentence.start_char, sentence.end_char), "indirect_quote", _subtree_text(source[0])


def _quotations(doc: Doc) -> Iterator[VoiceRegion]:
    last_speaker: str | None = None
    for region in quotation_spans(doc.text):
        content = doc.char_span(region.start, region.end, alignment_mode="expand")
        if content is None or not len(content):
            continue
        words = [token for token in content if not token.is_punct]
        cue = _cue_for(content)
        if len(words) <= SCARE_QUOTE_MAX_WORDS and (cue is None or _follows_so_called(doc.text, region)):
            yield region, "scare_quote", None
            continue
        speaker = _speaker_of(cue, region) if cue is not None else last_speaker
        last_speaker = speaker or last_speaker
        yield region, "direct_quote", speaker


def quotation_spans(text: str) -> Iterator[Span]:
    """The text between quotation marks, paragraph by paragraph; a quote left open ends with its paragraph."""
    offset = 0
    for paragraph in text.split("\n"):
        closing: str | None = None
        start = 0
        for i, char in enumerate(paragraph):
            if closing is None and char in OPENING_MARKS and _opens(paragraph, i):
                closing, start = OPENING_MARKS[char], i + 1
            elif closing is not None and char == closing and _closes(paragraph, i):
                if i > start:
                    yield Span(offset + start, offset + i)
                closing = None
        if closing is not None and len(paragraph.rstrip()) > start:
            yield Span(offset + start, offset + len(paragraph.rstrip()))
        offset += len(paragraph) + 1


def _opens(paragraph: str, i: int) -> bool:
    # A single mark opens only after a space or bracket; otherwise it is an apostrophe.
    return paragraph[i] != "‘" or i == 0 or not paragraph[i - 1].isalnum()


def _closes(paragraph: str, i: int) -> bool:
    return paragraph[i] != "’" or i + 1 == len(paragraph) or not paragraph[i + 1].isalpha()


def _cue_for(content: TokenSpan) -> Token | None:
    """The speech verb a quotation belongs to: one it depends on, else one in its sentence outside it."""
    for ancestor in content.root.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_ in CUE_VERBS:
            return ancestor
    sentences = {token.sent.start: token.sent for token in (content[0], content[-1])}
    outside = [
        token
        for sentence in sentences.values()
        for token in sentence
        if not content.start <= token.i < content.end and token.pos_ == "VERB" and token.lemma_ in CUE_VERBS
    ]
    return min(outside, key=lambda token: min(abs(token.i - content.start), abs(token.i - content.end)), default=None)


def _follows_so_called(text: str, region: Span) -> bool:
    before = text[max(region.start - 12, 0) : region.start].lower()
    return "so-called" in before or "so called" in before


def _speaker_of(verb: Token, region: Span) -> str | None:
    # "calling them a 'flagrant violation'" has no subject of its own: take the clause it hangs on.
    for candidate in (verb, verb.head):
        for child in candidate.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                subject = Span(child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                if not subject.overlaps(region):
                    return _subtree_text(child)
        if verb.dep_ not in {"advcl", "xcomp", "conj"}:
            break
    return None


def _subtree_text(token: Token) -> str:
    return token.doc[token.left_edge.i : token.right_edge.i + 1].text


# -- summaries ----------------------------------------------------------------------------------


def loaded_per_1000_words(analyses: Analysis | Iterable[Analysis]) -> dict[str, float]:
    """Loaded expressions per 1,000 words of text, in the outlet's own voice and inside quotes.

    Pass one analysis for an article or all of one outlet's for the outlet. Negated expressions
    ("not a terrorist") do not count. Both rates are over all the words, so they add up.
    """
    analyses = [analyses] if isinstance(analyses, Analysis) else list(analyses)
    words = sum(len(re.findall(r"\w+", analysis.article.text)) for analysis in analyses)
    frames = [frame for analysis in analyses for frame in analysis.of(Frame) if not frame.negated]
    outlet = sum(frame.voice in OUTLET_VOICES for frame in frames)
    quoted = sum(frame.voice in QUOTE_VOICES for frame in frames)
    per = 1000 / words if words else 0.0
    return {"words": float(words), "outlet_voice": outlet * per, "quotes": quoted * per}


def top_categories(analyses: Analysis | Iterable[Analysis], limit: int = 5) -> list[tuple[str, int]]:
    """The most frequent framing categories, not counting negated expressions."""
    analyses = [analyses] if isinstance(analyses, Analysis) else list(analyses)
    counts = Counter(frame.category for analysis in analyses for frame in analysis.of(Frame) if not frame.negated)
    return counts.most_common(limit)
