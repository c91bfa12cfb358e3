"""The labelled clauses the happening detector learns from and is scored on, read from the gold root.

Each ``Example`` is one sentence, the word whose clause is meant (or none: the lexicon's first trigger, else the
main verb) and whether that clause reports a happening. Gold sets that are also scored (PentaClass, CASE-2021,
event_location, the India police-events corpus) are split by ``dateline.eval.split``: training reads their
``tune`` part only, the benchmark scores their ``report`` part. ACLED coder notes and NGEC synthetic stories are
training data, never scored, and are read whole (sampled for balance).
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.eval.parts import CASE_ACLED, EVENT_LOCATION, PENTACLASS, event_location_key, text_key
from dateline.eval.split import Part, part_of
from dateline.extract.events import find_triggers
from dateline.resources.events import EventLexicon

INDIA_POLICE_EVENTS = "india_police_events"  # split by article (doc_id): its sentences share their article's part
HAND_LABELLED = Path(__file__).resolve().parents[3] / "scripts" / "happening_clauses.tsv"
ACLED_PER_TYPE = 150  # coder notes per sub-event type: Peaceful protest alone is 24,806 of 41,006
NGEC_EVERY = 3  # one synthetic story in three
INDIA_NEGATIVE_WEIGHT = 0.15  # a sentence without police action may still tell of another happening
INDIA_MIN_WORDS = 6
INDIA_NEGATIVES_EVERY = 4  # one in four unlabelled sentences: 19,299 of 21,391 have no police action
ACLED_OPENER = re.compile(r"^(?:On|Between|Around|From)\b[^,]{0,60}\d{4},\s*")
BRACKETS = re.compile(r"\s*\[[^\]]*\]")
RELIABILITY_BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass(frozen=True, slots=True)
class Example:
    source: str  # the set it comes from
    record: str  # its record id in that set (the split's unit)
    text: str
    head: str | None  # the word whose clause is meant; None: the lexicon's first trigger, else the main verb
    happening: bool
    weight: float = 1.0
    head_char: int | None = None  # the head's character offset in ``text`` when the gold gives it


def clause_of(doc: Doc, example: Example, lexicon: EventLexicon) -> tuple[DocSpan, Token, str | None]:
    """The sentence, head token and lexicon reading an example means: the gold's word where it gives one, else
    the lexicon's first trigger in the first sentence, else that sentence's main verb (as the stage would)."""
    sentences = list(doc.sents)
    sentence, head = sentences[0], None
    if example.head_char is not None:
        head = next((token for token in doc if token.idx <= example.head_char < token.idx + len(token)), None)
    elif example.head is not None:
        head = next((token for token in doc if token.text == example.head), None)
    if head is not None:
        sentence = head.sent
    matches = list(find_triggers(sentence, lexicon))
    if head is None:
        head = matches[0].head if matches else sentence.root
    reading = next((match.trigger.event for match in matches if match.head.i == head.i), None)
    return sentence, head, reading


def training_examples(root: Path) -> list[Example]:
    """Everything the detector is fitted on: tune parts of scored sets, training-only sets, hand labels."""
    return [
        *acled_notes(root),
        *ngec_openings(root),
        *hand_labelled(),
        *pentaclass(root, "tune"),
        *case2021(root, "tune"),
        *event_location(root, "tune"),
        *india_sentences(root, "tune"),
    ]


def scored_examples(root: Path, part: Part) -> dict[str, list[Example]]:
    """The scored sets' examples in ``part``, by set."""
    return {
        "pentaclass": list(pentaclass(root, part)),
        "case2021": list(case2021(root, part)),
        "event_location": list(event_location(root, part)),
        INDIA_POLICE_EVENTS: list(india_sentences(root, part)),
    }


def training_files(root: Path) -> list[Path]:
    return [
        root / "acled" / "train" / "acled_notes.jsonl.gz",
        *sorted((root / "events" / "ngec_silver").glob("gpt_synthetic_events_*.csv.zip")),
        root / "events" / "conflibert_cameo" / "cameo_class_train.tsv",
        root / "acled" / "case2021_dev.tsv",
        root / "events" / "event_location" / "event_location.jsonl",
        root / "corpora" / "india_police_events" / "sents.jsonl",
        HAND_LABELLED,
    ]


def india_documents(root: Path) -> list[str]:
    """Every article id of the India police-events corpus: the records of its split."""
    with (root / "corpora" / "india_police_events" / "docs.jsonl").open(encoding="utf-8") as lines:
        return [str(json.loads(line)["doc_id"]) for line in lines]


def acled_notes(root: Path) -> Iterator[Example]:
    """Coder notes are happenings by construction; the house style's date opener and size bracket go."""
    taken: dict[str, int] = defaultdict(int)
    with gzip.open(root / "acled" / "train" / "acled_notes.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            kind = row["sub_event_type"]
            text = BRACKETS.sub("", ACLED_OPENER.sub("", row["notes"].strip()))
            if taken[kind] >= ACLED_PER_TYPE or len(text.split()) < 4:
                continue
            taken[kind] += 1
            yield Example("acled_notes", row["event_id_cnty"], text[:1].upper() + text[1:], None, True)


def ngec_openings(root: Path) -> Iterator[Example]:
    """The opening sentence of a synthetic story reports its event."""
    for archive in sorted((root / "events" / "ngec_silver").glob("gpt_synthetic_events_*.csv.zip")):
        with zipfile.ZipFile(archive) as bundle:
            for name in bundle.namelist():
                with bundle.open(name) as handle:
                    for number, row in enumerate(csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8"))):
                        opening = row["text"].strip().split("\n")[0][:600]
                        if number % NGEC_EVERY == 0 and row["label"] and opening:
                            yield Example("ngec", f"{name}#{number}", opening, None, True)


def hand_labelled(path: Path = HAND_LABELLED) -> Iterator[Example]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t")):
        yield Example("hand", str(number), row["text"], row["head"], row["label"] == "happening")


def pentaclass(root: Path, part: Part) -> Iterator[Example]:
    """CAMEO PentaClass: class 0 (public statements and appeals, which PLOVER drops) is no happening."""
    path = root / "events" / "conflibert_cameo" / "cameo_class_train.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if text and label.strip().isdigit() and part_of(PENTACLASS, text_key(text)) == part:
            yield Example("pentaclass", text_key(text), text, None, label.strip() != "0")


def case2021(root: Path, part: Part) -> Iterator[Example]:
    """CASE-2021 snippets of an ACLED type are happenings. Its ``none`` snippets are not used: they are
    disasters, crimes and diplomacy, happenings outside ACLED's typology, not the non-events this detects."""
    with (root / "acled" / "case2021_dev.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["sub_event_type"] != "none" and part_of(CASE_ACLED, row["id"]) == part:
                yield Example("case2021", row["id"], row["text"], None, True)


def event_location(root: Path, part: Part) -> Iterator[Example]:
    """An annotated verb with the places where it happened is a happening; a verb with none may be a state
    ("located", "was"), so those sentences are not used."""
    with (root / "events" / "event_location" / "event_location.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            key = event_location_key(row)
            if row["locations"] and row["verb"] and part_of(EVENT_LOCATION, key) == part:
                verb = row["verb"][0]
                yield Example("event_location", key, row["text"], verb["text"], True, head_char=verb["start"])


def india_sentences(root: Path, part: Part) -> Iterator[Example]:
    """Sentences labelled with a police action are happenings; the others are weak negatives (lower weight):
    they tell of no police action, though some tell of another happening."""
    with (root / "corpora" / "india_police_events" / "sents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = row["sent_text"].strip()
            document = str(row["doc_id"])
            if len(text.split()) < INDIA_MIN_WORDS or part_of(INDIA_POLICE_EVENTS, document) != part:
                continue
            labels = [label for label in row["sent_labels"] if label != "FAIL"]
            if not labels and row["sent_id"] % INDIA_NEGATIVES_EVERY:
                continue
            weight = 1.0 if labels else INDIA_NEGATIVE_WEIGHT
            yield Example("india_police_events", f"{document}:{row['sent_id']}", text, None, bool(labels), weight)


def reliability_table(labels: np.ndarray, predicted: np.ndarray) -> str:
    """Rows of predicted-probability bins: how many clauses, their mean probability, the share that were
    happenings; then the expected calibration error (the count-weighted gap between the two)."""
    lines = ["  predicted      n   mean p   observed share of happenings"]
    error = 0.0
    for low, high in itertools.pairwise(RELIABILITY_BINS):
        rows = (predicted >= low) & (predicted < high)
        if rows.any():
            mean, observed = predicted[rows].mean(), labels[rows].mean()
            error += abs(mean - observed) * rows.sum() / len(labels)
            lines.append(f"  {low:.1f}-{min(high, 1.0):.1f} {rows.sum():8} {mean:8.3f} {observed:10.3f}")
    lines.append(f"  expected calibration error {error:.3f}")
    return "\n".join(lines)
