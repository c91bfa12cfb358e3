"""The event lexicon: PLOVER triggers, the ontology's quad classes, and the mapping to ACLED's codebook.

``event_triggers.tsv`` and ``acled_mapping.tsv`` beside this module are the data; their headers say how to read
and extend them. The loader checks every line and names the file and line of any fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import ResourceError

TRIGGERS_PATH = Path(__file__).with_name("event_triggers.tsv")
ACLED_PATH = Path(__file__).with_name("acled_mapping.tsv")

# PLOVER v0.8's summary table (SANCTION is verbal conflict there; its chapter says material: we follow the table).
QUAD_CLASS: dict[str, str] = {
    "AGREE": "verbal_coop",
    "CONSULT": "verbal_coop",
    "SUPPORT": "verbal_coop",
    "CONCEDE": "verbal_coop",
    "COOPERATE": "material_coop",
    "AID": "material_coop",
    "RETREAT": "material_coop",
    "REQUEST": "verbal_conflict",
    "ACCUSE": "verbal_conflict",
    "REJECT": "verbal_conflict",
    "THREATEN": "verbal_conflict",
    "SANCTION": "verbal_conflict",
    "PROTEST": "material_conflict",
    "MOBILIZE": "material_conflict",
    "COERCE": "material_conflict",
    "ASSAULT": "material_conflict",
}
# CAMEO's PentaClass of each quad class (0, statements and appeals, comes from a trigger's own ``penta``).
PENTA_CLASS: dict[str, int] = {"verbal_coop": 1, "material_coop": 2, "verbal_conflict": 3, "material_conflict": 4}
COUNT_ROLES = frozenset({"killed", "injured", "arrested", "participants"})
POS_KINDS = frozenset({"verb", "noun", "any"})
# A needs cell opening with this says one of its words must name the verb's doer ("doer:force,army").
DOER = "doer:"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon line: a lemma or lemma phrase that reports an event of ``event`` type."""

    lemmas: tuple[str, ...]
    pos: str
    event: str
    mode: str | None
    count: str | None
    needs: frozenset[str]
    acled: str | None
    penta: int | None
    line: int
    # The needed word must name the verb's doer (its subject, or a passive's agent), not stand anywhere in the
    # sentence: "forces hit the plant" is an attack where "rising prices hit soldiers' families" is none.
    needs_doer: bool = False

    @property
    def term(self) -> str:
        return " ".join(self.lemmas)


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Triggers by their first lemma (phrases longest first), and the ACLED mapping."""

    triggers: dict[str, tuple[Trigger, ...]] = field(default_factory=dict)
    acled_map: tuple[tuple[str, str, str | None], ...] = ()
    acled_types: dict[str, str] = field(default_factory=dict)

    def acled_sub_event(self, event: str, mode: str | None, override: str | None = None) -> str | None:
        """The ACLED sub-event type of a PLOVER event and mode, or None when it is not an ACLED event."""
        if override:
            return override
        for map_event, map_mode, sub_event in self.acled_map:
            if map_event == event and map_mode in ("*", mode):
                return sub_event
        return None


def load_event_lexicon(triggers_path: Path = TRIGGERS_PATH, acled_path: Path = ACLED_PATH) -> EventLexicon:
    """Read and validate both files; raise ``ResourceError`` naming the line at fault."""
    acled_map, acled_types = _read_acled(acled_path)
    by_first: dict[str, list[Trigger]] = {}
    for number, cells in _rows(triggers_path):
        where = f"{triggers_path}:{number}"
        if len(cells) != 8:
            raise ResourceError(f"{where}: expected 8 TAB-separated cells (term ... penta), got {len(cells)}")
        term, pos, event, mode, count, needs, acled, penta = cells
        if term != term.lower() or not term.strip():
            raise ResourceError(f"{where}: terms are lower-case lemmas, got {term!r}")
        if pos not in POS_KINDS:
            raise ResourceError(f"{where}: pos must be one of {sorted(POS_KINDS)}, got {pos!r}")
        if event not in QUAD_CLASS:
            raise ResourceError(f"{where}: {event!r} is not a PLOVER v0.8 event type")
        if count != "-" and count not in COUNT_ROLES:
            raise ResourceError(f"{where}: count must be one of {sorted(COUNT_ROLES)} or -, got {count!r}")
        if acled != "-" and acled not in acled_types:
            raise ResourceError(f"{where}: {acled!r} is not an ACLED sub-event type named in {acled_path.name}")
        if penta != "-" and penta not in ("0", "1", "2", "3", "4"):
            raise ResourceError(f"{where}: penta must be 0-4 or -, got {penta!r}")
        trigger = Trigger(
            lemmas=tuple(term.split()),
            pos=pos,
            event=event,
            mode=None if mode == "-" else mode,
            count=None if count == "-" else count,
            needs=frozenset() if needs == "-" else frozenset(needs.removeprefix(DOER).split(",")),
            acled=None if acled == "-" else acled,
            penta=None if penta == "-" else int(penta),
            line=number,
            needs_doer=needs.startswith(DOER),
        )
        by_first.setdefault(trigger.lemmas[0], []).append(trigger)
    # Longest phrase first, file order kept among equals: "air strike" is tried before "air".
    triggers = {
        first: tuple(sorted(entries, key=lambda entry: -len(entry.lemmas))) for first, entries in by_first.items()
    }
    return EventLexicon(triggers=triggers, acled_map=acled_map, acled_types=acled_types)


def _read_acled(path: Path) -> tuple[tuple[tuple[str, str, str | None], ...], dict[str, str]]:
    mapping: list[tuple[str, str, str | None]] = []
    types: dict[str, str] = {}
    for number, cells in _rows(path):
        where = f"{path}:{number}"
        if cells[0] == "type" and len(cells) == 3:
            types[cells[1]] = cells[2]
        elif cells[0] == "map" and len(cells) == 4:
            if cells[1] not in QUAD_CLASS:
                raise ResourceError(f"{where}: {cells[1]!r} is not a PLOVER v0.8 event type")
            mapping.append((cells[1], cells[2], None if cells[3] == "-" else cells[3]))
        else:
            raise ResourceError(f"{where}: expected 'map EVENT MODE SUB_EVENT' or 'type SUB_EVENT EVENT_TYPE'")
    for _, _, sub_event in mapping:
        if sub_event is not None and sub_event not in types:
            raise ResourceError(f"{path}: sub-event type {sub_event!r} has no 'type' line")
    return tuple(mapping), types


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ResourceError(f"cannot read the event lexicon {path}: {error}") from error
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not all(cell and cell.strip() == cell for cell in cells):
            raise ResourceError(f"{path}:{number}: empty cell or stray space in {line!r}")
        rows.append((number, cells))
    return rows
