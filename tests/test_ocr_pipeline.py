"""`ocr` goes from every reading command through the pipeline to the reader, as `engine` does.

A white scanned page tells the modes apart without running the OCR models: `never`
refuses it for having no text layer, `auto` says OCR found nothing on it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from budget_review.model import InputError
from budget_review.review import InputErrors, open_all_for_review, open_for_review
from budget_review.review.pipeline import read_for_review
from budget_review.review.survey import survey
from budget_review.store import Store

from tests.test_cli import SCRIPT, run
from tests.test_ocr_pages import _blank_scan

NEVER = "no text layer: OCR the file first"
AUTO = "OCR found none on any page"
READING = ("ingest", "dump", "check", "checklist", "open", "survey")


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ocr") / "blank-scan.pdf"
    path.write_bytes(_blank_scan())
    return path


@pytest.mark.parametrize("command", READING)
def test_every_reading_command_takes_ocr_beside_the_engine(command: str) -> None:
    result = subprocess.run([SCRIPT, command, "--help"], capture_output=True, text=True, check=True)
    assert "--ocr {auto,always,never}" in result.stdout
    assert "--pdf-engine {pdfium,pdfminer}" in result.stdout


@pytest.mark.parametrize("command", ["dump", "check", "checklist", "ingest"])
def test_the_mode_reaches_the_reader(command: str, blank: Path, tmp_path: Path) -> None:
    for mode, said in (("never", NEVER), ("auto", AUTO)):
        result = run(command, str(blank), "--ocr", mode, "--lang", "en", db=tmp_path / "db")
        assert result.returncode == 2, result.stdout
        assert said in result.stderr


def test_survey_takes_the_mode(blank: Path, tmp_path: Path) -> None:
    result = run("survey", str(blank), "--ocr", "never", "--lang", "en", db=tmp_path / "db")
    assert result.returncode == 0, result.stderr
    assert NEVER in result.stdout
    [row] = survey(None, [blank], jobs=1)
    assert row.problem is not None and AUTO in row.problem.en
    [row] = survey(None, [blank], jobs=1, ocr="never")
    assert row.problem is not None and NEVER in row.problem.en


def test_the_pipeline_passes_the_mode_on(blank: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=NEVER):
        read_for_review(blank, None, jobs=1, ocr="never")
    with Store(tmp_path / "db") as store, pytest.raises(InputError, match=AUTO):
        open_for_review(store, blank, jobs=1, ocr="auto")
    with pytest.raises(InputErrors, match=NEVER):
        open_all_for_review(None, [blank], jobs=1, keep=False, ocr="never")


def test_an_unknown_mode_is_refused(blank: Path, tmp_path: Path) -> None:
    result = run("dump", str(blank), "--ocr", "sometimes", db=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'sometimes'" in result.stderr
    with pytest.raises(ValueError, match="unknown OCR mode"):
        read_for_review(blank, None, jobs=1, ocr="sometimes")


def test_the_app_reads_with_the_mode() -> None:
    from budget_review.tui.app import make_review_app

    app = make_review_app([], None, "en", 1, "pdfminer", "never")
    assert (app.engine, app.ocr) == ("pdfminer", "never")
