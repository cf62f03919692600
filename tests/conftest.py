"""Shared fixtures: the seed article and the shared data folder (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "tass-2022-02-12.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared data folder beside the project")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def seed_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")
