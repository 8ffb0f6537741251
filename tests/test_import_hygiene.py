"""The core runs without the UI: model, parsers, checks and store never import textual."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ["model", "parsers", "checks", "store", "review", "reports", "cli"]


def test_core_modules_load_without_textual() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "import budget_review.model, budget_review.parsers, budget_review.checks\n"
        "import budget_review.store, budget_review.review, budget_review.reports\n"
        "import budget_review.cli.main\n"
        "for pkg in (budget_review.model, budget_review.parsers, budget_review.checks,\n"
        "            budget_review.store, budget_review.review, budget_review.reports):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_no_core_source_file_mentions_textual() -> None:
    pattern = re.compile(r"^\s*(from|import)\s+textual", re.M)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in CORE
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_text_layer_pdf_never_loads_the_ocr_engine() -> None:
    sample = ROOT / "samples" / "shanghai-putuo-commerce-2025-budget.pdf"
    code = (
        "import sys\n"
        "from budget_review.parsers import parse_file\n"
        f"parse_file({str(sample)!r}, jobs=1)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "             {'onnxruntime', 'rapidocr_onnxruntime', 'cv2'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
