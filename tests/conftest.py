"""Each sample is parsed once per test session; the samples are the repository's own
(samples/, samples/national/), so a clean clone runs every test."""

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


JINCHENG_PDF = SAMPLES / "jincheng-hrss-2026-budget.pdf"
JINCHENG_STAMPED = SAMPLES / "jincheng-hrss-2026-budget.stamped.pdf"
SHANGHAI_BUDGET = SAMPLES / "shanghai-putuo-commerce-2025-budget.pdf"
SHANGHAI_FINAL = SAMPLES / "shanghai-putuo-social-work-2024-final-accounts.pdf"

# Tests that use one of the large PDFs carry @pytest.mark.xdist_group(<fixture name>), and
# `make test` runs with --dist loadgroup, so that each PDF is parsed by one worker only.


@pytest.fixture(scope="session")
def jincheng_pdf() -> Document:
    return parse_file(JINCHENG_PDF, jobs=1)


@pytest.fixture(scope="session")
def jincheng_stamped() -> Document:
    return parse_file(JINCHENG_STAMPED, jobs=1)


@pytest.fixture(scope="session")
def shanghai_budget() -> Document:
    return parse_file(SHANGHAI_BUDGET, jobs=1)


@pytest.fixture(scope="session")
def shanghai_final() -> Document:
    return parse_file(SHANGHAI_FINAL, jobs=1)
