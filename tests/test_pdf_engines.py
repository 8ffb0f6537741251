"""Both PDF engines read every sample alike: tables, figures, cards, claims, findings."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from budget_review.checks import run_checks
from budget_review.model import Document
from budget_review.model.serialize import document_to_dict
from budget_review.parsers import InputError, parse_file

SHARED = Path(__file__).resolve().parent.parent / "samples"
SAMPLES = sorted(SHARED.rglob("*.pdf"))
BOX = 0.5  # points: pdfium works in single precision, pdfminer in double

pytestmark = pytest.mark.skipif(not SAMPLES, reason=f"no samples in {SHARED}")


@cache
def _read(path: Path, engine: str) -> dict[str, Any]:
    """What the reader makes of the file, or the one line it refuses it with (once per run)."""
    try:
        doc = parse_file(path, jobs=1, engine=engine)
    except InputError as exc:
        return {"error": str(exc)}
    return {"doc": doc, "findings": _findings(doc)}


def _findings(doc: Document) -> list[tuple[object, ...]]:
    report = run_checks(doc)
    found = [
        (f.rule, f.severity.value, f.message.en, [r.key for r in f.refs], f.expected, f.actual)
        for f in report.findings
    ]
    return [*found, *((n.rule, n.reason) for n in report.not_checked)]


def _params() -> list[Any]:
    # Each sample's two reads go to one worker (make test runs --dist loadgroup).
    return [
        pytest.param(p, id=p.name, marks=pytest.mark.xdist_group(f"shared-{p.name}"))
        for p in SAMPLES
    ]


def _both(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    return _read(path, "pdfium"), _read(path, "pdfminer")


def _same(ours: Any, theirs: Any, where: str = "") -> None:
    """Equal, boxes to within BOX."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        assert ours.keys() == theirs.keys(), where
        for key in ours:
            _same(ours[key], theirs[key], f"{where}/{key}")
    elif isinstance(ours, list) and isinstance(theirs, list):
        assert len(ours) == len(theirs), where
        for i, (mine, other) in enumerate(zip(ours, theirs, strict=True)):
            _same(mine, other, f"{where}[{i}]")
    elif isinstance(ours, float) and isinstance(theirs, float):
        assert ours == pytest.approx(theirs, abs=BOX), where
    else:
        assert ours == theirs, where


@pytest.mark.parametrize("path", _params())
def test_the_same_document_or_the_same_refusal(path: Path) -> None:
    ours, theirs = _both(path)
    assert ours.get("error") == theirs.get("error")
    if "doc" in ours:
        assert [w for w in ours["doc"].warnings if "with pdfminer" not in w.en] == theirs[
            "doc"
        ].warnings
        _same(document_to_dict(ours["doc"])["meta"], document_to_dict(theirs["doc"])["meta"])


@pytest.mark.parametrize("path", _params())
def test_tables_and_figures(path: Path) -> None:
    """Titles, units, columns, rows, and every figure as printed, its value and its box."""
    ours, theirs = _both(path)
    if "doc" not in ours or "doc" not in theirs:
        return  # both refused it: the first test compares the refusals
    _same(document_to_dict(ours["doc"])["tables"], document_to_dict(theirs["doc"])["tables"])


@pytest.mark.parametrize("path", _params())
def test_cards_claims_and_findings(path: Path) -> None:
    ours, theirs = _both(path)
    if "doc" not in ours or "doc" not in theirs:
        return  # both refused it: the first test compares the refusals
    mine, other = document_to_dict(ours["doc"]), document_to_dict(theirs["doc"])
    _same(mine["cards"], other["cards"], "cards")
    _same(mine["claims"], other["claims"], "claims")
    assert ours["findings"] == theirs["findings"]
