"""The quote-cue lexicon: verbs that report speech or thought, and the words that classify quote marks.

``quote_cues.tsv`` beside this module is the data; its header says how to read and extend it. The loader
checks every line and names the file and line of any fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import ResourceError

QUOTE_CUES_PATH = Path(__file__).with_name("quote_cues.tsv")
VERB_ROLES = frozenset({"speech", "thought"})
WORD_ROLES = frozenset({"according", "medium", "chant", "title", "organisation"})
DEPENDENCY_SLOTS = frozenset({"ccomp", "xcomp", "dobj", "dative", "oprd"})
PREPOSITION_SLOTS = frozenset({"of", "for", "on", "about", "against", "as"})
DEFAULT_FRAMES: tuple[frozenset[str], ...] = (frozenset({"ccomp"}),)


@dataclass(frozen=True, slots=True)
class CueVerb:
    """A reporting verb: its role and where its reported content may sit (alternatives, tried in order)."""

    lemma: str
    role: str
    frames: tuple[frozenset[str], ...] = DEFAULT_FRAMES


@dataclass(frozen=True, slots=True)
class QuoteCues:
    """Reporting verbs by lemma, and the classifying words by role (``medium``, ``chant``, ...)."""

    verbs: dict[str, CueVerb] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def of_role(self, role: str) -> frozenset[str]:
        return self.words.get(role, frozenset())


def load_quote_cues(path: Path = QUOTE_CUES_PATH) -> QuoteCues:
    """Read and validate the lexicon; raise ``ResourceError`` naming the line at fault."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ResourceError(f"cannot read the quote-cue lexicon {path}: {error}") from error
    verbs: dict[str, CueVerb] = {}
    words: dict[str, set[str]] = {role: set() for role in WORD_ROLES}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{path}:{number}"
        if len(cells) not in (2, 3) or not all(cell.strip() == cell and cell for cell in cells):
            raise ResourceError(f"{where}: expected 'term<TAB>role[<TAB>complements]', got {line!r}")
        term, role = cells[0], cells[1]
        if term != term.lower():
            raise ResourceError(f"{where}: terms are lower-case lemmas; write {term.lower()!r}")
        if role in VERB_ROLES:
            if term in verbs:
                raise ResourceError(f"{where}: {term!r} is already listed as a {verbs[term].role} verb")
            frames = _frames(cells[2], where) if len(cells) == 3 else DEFAULT_FRAMES
            verbs[term] = CueVerb(term, role, frames)
        elif role in WORD_ROLES:
            if len(cells) == 3:
                raise ResourceError(f"{where}: only speech and thought verbs take complements")
            if term in words[role]:
                raise ResourceError(f"{where}: {term!r} is listed twice as {role}")
            words[role].add(term)
        else:
            roles = ", ".join(sorted(VERB_ROLES | WORD_ROLES))
            raise ResourceError(f"{where}: unknown role {role!r}; choose from {roles}")
    if not verbs:
        raise ResourceError(f"{path} lists no speech or thought verbs")
    return QuoteCues(verbs, {role: frozenset(terms) for role, terms in words.items()})


def _frames(cell: str, where: str) -> tuple[frozenset[str], ...]:
    frames = []
    for alternative in cell.split("|"):
        slots = frozenset(slot.strip() for slot in alternative.split("+"))
        unknown = slots - DEPENDENCY_SLOTS - PREPOSITION_SLOTS
        if unknown or "" in slots:
            known = ", ".join(sorted(DEPENDENCY_SLOTS | PREPOSITION_SLOTS))
            raise ResourceError(f"{where}: unknown complement {sorted(unknown) or ['']}; choose from {known}")
        frames.append(slots)
    return tuple(frames)
