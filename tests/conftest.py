"""Shared fixtures: the real spaCy pipeline, loaded once per test session, and paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.config import DEFAULT_SPACY_MODEL
from dateline.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_07dcd8d47dd2376f.txt"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline(DEFAULT_SPACY_MODEL)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (clone the repository beside shared/)")
    return SEED
