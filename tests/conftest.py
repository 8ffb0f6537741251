"""Each sample is parsed once per test session; tests never read ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest
from budget_review.model import Document
from budget_review.parsers import parse_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
JINCHENG_TXT = SAMPLES / "jincheng-hrss-2026-budget.txt"


@pytest.fixture(scope="session")
def jincheng() -> Document:
    return parse_file(JINCHENG_TXT)


@pytest.fixture(scope="session")
def jincheng_lines() -> list[str]:
    return JINCHENG_TXT.read_text(encoding="utf-8").splitlines()
