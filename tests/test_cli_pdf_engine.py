"""`--pdf-engine`: either engine from the command line, the same document from both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.synthetic_pdf import unruled_unit_budget
from tests.test_cli import SCRIPT, run


@pytest.fixture(scope="module")
def budget(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("engine") / "unruled.pdf"
    unruled_unit_budget(path)
    return path


def test_dump_reads_the_same_document_with_either_engine(budget: Path, tmp_path: Path) -> None:
    dumps = {}
    for engine in ("pdfium", "pdfminer"):
        result = run("dump", str(budget), "--pdf-engine", engine, "--jobs", "1", db=tmp_path)
        assert result.returncode == 0, result.stderr
        dumps[engine] = json.loads(result.stdout)
    assert dumps["pdfium"] == dumps["pdfminer"]
    assert dumps["pdfium"]["tables"]


def test_ingest_and_check_take_the_option(budget: Path, tmp_path: Path) -> None:
    result = run(
        "ingest",
        str(budget),
        "--pdf-engine",
        "pdfminer",
        "--no-progress",
        "--lang",
        "en",
        db=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "stored unruled.pdf" in result.stdout
    result = run("check", str(budget), "--pdf-engine", "pdfium", "--fail-on", "never", db=tmp_path)
    assert result.returncode == 0, result.stderr


def test_an_unknown_engine_is_refused(budget: Path, tmp_path: Path) -> None:
    result = run("dump", str(budget), "--pdf-engine", "mupdf", db=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'mupdf'" in result.stderr


def test_open_takes_the_option() -> None:
    import subprocess

    result = subprocess.run([SCRIPT, "open", "--help"], capture_output=True, text=True, check=True)
    assert "--pdf-engine {pdfium,pdfminer}" in result.stdout
