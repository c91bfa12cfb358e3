"""Scorers against public gold data, one per stage, run by ``dateline eval STAGE``.

A stage registers its scorer with ``@scorer("quotes", gold="quotes/polnear/dev")``: the
function takes the gold folder and returns a flat, JSON-ready dict of metrics named as its
issue names them. ``--gold`` defaults to that folder under ``../shared/data`` (or
``$DATELINE_GOLD_ROOT``); any folder laid out the same way can be scored instead. A scorer of split gold
sets also takes ``part`` ("tune" or "report", see ``dateline.eval.split``) for ``dateline eval --part``.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import GoldDataError

Metrics = dict[str, Any]
Scorer = Callable[..., Metrics]  # (gold folder) or (gold folder, part=...)

# Modules that register scorers when imported; a new scorer module adds one line here.
SCORER_MODULES: tuple[str, ...] = (
    "dateline.eval.time",
    "dateline.eval.framing",
    "dateline.eval.geo",
    "dateline.eval.quotes",
    "dateline.eval.events",
    "dateline.eval.stories",
)


@dataclass(frozen=True, slots=True)
class RegisteredScorer:
    stage: str
    default_gold: str
    score: Scorer
    description: str


_REGISTRY: dict[str, RegisteredScorer] = {}


def scorer(stage: str, gold: str, description: str = "") -> Callable[[Scorer], Scorer]:
    """Register ``function`` as the scorer of ``stage``, reading gold under ``gold`` by default."""

    def register(function: Scorer) -> Scorer:
        _REGISTRY[stage] = RegisteredScorer(stage, gold, function, description or (function.__doc__ or "").strip())
        return function

    return register


def scorers() -> dict[str, RegisteredScorer]:
    for module in SCORER_MODULES:
        importlib.import_module(module)
    return dict(sorted(_REGISTRY.items()))


def gold_root() -> Path:
    """Where the public gold sets live: ``$DATELINE_GOLD_ROOT``, else ``../shared/data``."""
    return Path(os.environ.get("DATELINE_GOLD_ROOT", Path.cwd().parent / "shared" / "data"))


def default_gold(stage: str) -> Path:
    return gold_root() / scorers()[stage].default_gold


def gold_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """The records of a JSON Lines gold file with their line numbers; blank lines skipped, a broken line
    refused with its file and line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldDataError(f"{path}:{number}: not JSON ({error})") from error
