"""Where the quotes stage loses indirect attributions on PolNeAR's ``tune`` part, by kind, read held out.

The whole stage is cross-validated as ``make train-quotes`` fits it (3 folds by article name: the tagger per fold,
the chooser per fold on the cross-fitted tagger's probabilities, at the shipped threshold; the kind model as
shipped), so no model reads an article it was fitted on. Each gold indirect content is then found, missed wholly,
found with another extent (too long, too short, shifted) or lies under a direct quote, and the counts are printed by
the content's shape, length, cue and position. Only ``tune`` is read (``splits/polnear.tsv``). Needs the ``train``
extra (scikit-learn). Usage: python scripts/quote_failures.py
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span
from train_quote_model import (
    ATTRIBUTION_FOLDS,
    C,
    _candidate_rows,
    _fold,
    _fold_chooser,
    _rows,
    held_out_tagging,
    tune_part,
)

from dateline.eval.quotes import NOT_ATTRIBUTIONS, Attribution, from_quote, match, score_predictions, words
from dateline.extract import quotes
from dateline.nlp import ParsedArticle
from dateline.resources import Resources, load_resources

OUTCOMES = ("found", "missed wholly", "too long", "too short", "shifted", "under direct")
# Words opening a clause that reports a question rather than a statement.
_QUESTION_WORDS = frozenset({"whether", "if", "how", "why", "what", "when", "who", "where"})
_NOUN_ROOTS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ"})


def main() -> int:
    tune = tune_part()
    if tune is None:
        return 1
    texts, golds, parsed = tune
    resources = load_resources()
    predicted = held_out_predictions(parsed, golds, resources)
    metrics = score_predictions(predicted, golds, texts)
    for bucket in ("direct", "indirect", "all"):
        figures = metrics[bucket]
        print(
            f"{bucket:<9} P {figures['strict_precision']:.3f}  R {figures['strict_recall']:.3f}  "
            f"F1 {figures['strict_f1']:.3f}  speaker {figures['strict_speaker_accuracy']:.3f}"
        )
    outcomes: list[dict[str, str]] = []
    spurious: Counter[str] = Counter()
    for one in parsed:
        name = one.article.id
        found, wrong = failures(one.doc, texts[name], golds[name], predicted[name])
        outcomes += found
        spurious.update(wrong)
    for title, key in (
        ("all", lambda row: "all"),
        ("content shape", lambda row: row["shape"]),
        ("length (words)", lambda row: row["length"]),
        ("shape, length (commonest 20)", lambda row: f"{row['shape']}, {row['length']}"),
        ("gold cue (commonest 20)", lambda row: row["cue"]),
        ("position", lambda row: row["position"]),
    ):
        print_table(title, outcomes, key)
    print("spurious:", ", ".join(f"{kind} {count}" for kind, count in spurious.most_common()))
    return 0


def held_out_predictions(
    parsed: list[ParsedArticle], golds: dict[str, list[Attribution]], resources: Resources
) -> dict[str, list[Attribution]]:
    """Each article's attributions from the stage with a tagger and a chooser fitted on the other folds."""
    rows = [_rows(one, golds[one.article.id], resources) for one in parsed]
    fold_of = [_fold(one.article.id, ATTRIBUTION_FOLDS) for one in parsed]
    taggers, tagged = held_out_tagging(rows, fold_of, ATTRIBUTION_FOLDS, C)
    candidates = [
        _candidate_rows(one, golds[one.article.id], resources, tags) for one, tags in zip(parsed, tagged, strict=True)
    ]
    predicted: dict[str, list[Attribution]] = {}
    for fold, tagger in enumerate(taggers):
        chooser = _fold_chooser([one for one, n in zip(candidates, fold_of, strict=True) if n != fold], resources)
        used = replace(resources, quote_model=tagger, attribution_model=chooser)
        for one in (one for one, n in zip(parsed, fold_of, strict=True) if n == fold):
            found = quotes.extract(one, used)
            predicted[one.article.id] = [from_quote(quote) for quote in found if quote.kind not in NOT_ATTRIBUTIONS]
        print(f"fold {fold + 1}/{ATTRIBUTION_FOLDS} scored", flush=True)
    return predicted


def failures(
    doc: Doc, text: str, gold: list[Attribution], predicted: list[Attribution]
) -> tuple[list[dict[str, str]], Counter[str]]:
    """Per gold indirect content, its outcome and kinds; and the kinds of the unmatched indirect predictions."""
    gold_in = [item for item in gold if not item.direct]
    found = [item for item in predicted if not item.direct]
    direct_words = [words(text, item.content) for item in predicted if item.direct]
    pairs = match(text, gold_in, found)
    matched_gold, matched_found = {g for g, _, _ in pairs}, {p for _, p, _ in pairs}
    gold_words = [words(text, item.content) for item in gold_in]
    found_words = [words(text, item.content) for item in found]
    rows = []
    for number, item in enumerate(gold_in):
        own = gold_words[number]
        if number in matched_gold:
            outcome = "found"
        elif overlapping := [other for other in found_words if own & other]:
            outcome = _extent(own, max(overlapping, key=lambda other: len(own & other)))
        else:
            outcome = "under direct" if any(own & other for other in direct_words) else "missed wholly"
        rows.append(
            {
                "outcome": outcome,
                "shape": _shape(doc, text, item),
                "length": _length(len(own)),
                "cue": _cue(doc, text, item),
                "position": _position(doc, item),
            }
        )
    all_gold = [words(text, item.content) for item in gold]
    spurious = Counter(
        "another extent of indirect gold"
        if any(found_words[p] & other for other in gold_words)
        else "overlapping direct gold only"
        if any(found_words[p] & other for other in all_gold)
        else "overlapping no gold"
        for p in range(len(found))
        if p not in matched_found
    )
    return rows, spurious


def _extent(gold: frozenset[int], found: frozenset[int]) -> str:
    # Most of the shorter side within the longer one: one extends the other; otherwise they are shifted.
    shared = len(gold & found)
    if len(found) > len(gold) and shared >= 0.8 * len(gold):
        return "too long"
    if len(found) < len(gold) and shared >= 0.8 * len(found):
        return "too short"
    return "shifted"


def _covering(doc: Doc, item: Attribution) -> Span | None:
    return doc.char_span(item.content[0].start, item.content[-1].end, alignment_mode="expand")


def _shape(doc: Doc, text: str, item: Attribution) -> str:
    """What the content is, read off its parse: a that-clause, a to-infinitive, a noun phrase, ..."""
    span = _covering(doc, item)
    cue = " ".join(text[part.start : part.end].lower() for part in item.cue).strip()
    if span is None or not len(span):
        return "unaligned"
    if "according" in cue or cue == ":":
        return "according to" if "according" in cue else "after a colon"
    first = span[0].lower_
    if first == "that":
        return "that-clause"
    if first == "to" and len(span) > 1 and span[1].pos_ in ("VERB", "AUX"):
        return "to-infinitive"
    if first in _QUESTION_WORDS:
        return "wh- or whether clause"
    if len({token.sent.start for token in span}) > 1:
        return "across sentences"
    root = span.root
    if root.pos_ in ("VERB", "AUX") and any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in root.children):
        return "bare clause"
    return "noun phrase" if root.pos_ in _NOUN_ROOTS else f"other ({root.pos_})"


def _length(count: int) -> str:
    return "1-4" if count <= 4 else "5-15" if count <= 15 else "16-30" if count <= 30 else "31+"


def _cue(doc: Doc, text: str, item: Attribution) -> str:
    """The lemma of the gold cue's main verb, or its words when it has no verb."""
    if not item.cue:
        return "-"
    span = doc.char_span(item.cue[0].start, item.cue[-1].end, alignment_mode="expand")
    if span is None:
        return text[item.cue[0].start : item.cue[0].end].lower()
    # "has said", "is expected to": the main verb, not its auxiliary.
    verbs = [token for token in span if token.pos_ == "VERB"] or [token for token in span if token.pos_ == "AUX"]
    return verbs[0].lemma_.lower() if verbs else span.text.lower()


def _position(doc: Doc, item: Attribution) -> str:
    span = _covering(doc, item)
    if span is None or not item.cue:
        return "-"
    if item.cue[0].start < item.content[0].start:
        return "cue first"
    before = [token for token in doc[doc[span.start].sent.start : span.start] if not (token.is_punct or token.is_space)]
    return "content first, after other words" if before else "content first, opening its sentence"


def print_table(title: str, rows: list[dict[str, str]], key: Callable[[dict[str, str]], str]) -> None:
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        by_key[key(row)][row["outcome"]] += 1
    print(f"\n{title:<36}{'gold':>7}{'recall':>8}" + "".join(f"{outcome:>15}" for outcome in OUTCOMES[1:]))
    for name, counts in sorted(by_key.items(), key=lambda item: -sum(item[1].values()))[:20]:
        total = sum(counts.values())
        cells = "".join(f"{counts[outcome]:>15}" for outcome in OUTCOMES[1:])
        print(f"{name[:36]:<36}{total:>7}{counts['found'] / total:>8.3f}{cells}")


if __name__ == "__main__":
    sys.exit(main())
