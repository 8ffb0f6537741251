"""`budget-review survey`: a folder of a year's disclosures, one row each."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests import synthetic_pdf
from tests.conftest import JINCHENG_TXT
from tests.test_cli import run


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year's folder: a text dump, a publication printed as two files, a file that is not
    a disclosure, and one that is not a PDF although named so."""
    root = tmp_path_factory.mktemp("year")
    shutil.copy(JINCHENG_TXT, root / "a-jincheng.txt")
    (root / "b").mkdir()
    synthetic_pdf.two_file_publication(root / "b" / "tables.pdf", root / "b" / "text.pdf")
    (root / "c-notes.txt").write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    (root / "d-broken.pdf").write_bytes(b"not a pdf at all")
    (root / "e-picture.png").write_bytes(b"\x89PNG")  # not a disclosure's suffix: not surveyed
    return root


def test_one_row_per_disclosure_and_the_survey_goes_on(folder: Path, tmp_path: Path) -> None:
    result = run("survey", str(folder), "--jobs", "2", "--lang", "en", db=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "晋城市人力资源和社会保障局" in out
    assert "tables.pdf + text.pdf" in out  # two files, one publication, one row
    assert out.count("某市档案局") == 1
    # the files it cannot read get their reason, in one line each
    assert "c-notes.txt: not read: no budget or final-accounts table was recognised" in out
    assert "d-broken.pdf: not read: not a PDF" in out
    assert "e-picture.png" not in out
    assert "5 files, 4 disclosures: 2 read, 2 not read" in out


def test_json_gives_every_count(folder: Path, tmp_path: Path) -> None:
    result = run("survey", str(folder), "--format", "json", "--lang", "en", db=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    rows = {Path(d["path"]).name: d for d in data["documents"]}
    jincheng = rows["a-jincheng.txt"]
    assert (jincheng["year"], jincheng["kind"], jincheng["tables"]) == (2026, "budget", 13)
    assert jincheng["tables_listed"] == 13
    assert "budget_summary" in jincheng["roles"]
    assert jincheng["comparisons"] > 500 and jincheng["identity_errors"] == 0
    pair = rows["tables.pdf"]
    assert [Path(f).name for f in pair["files"]] == ["tables.pdf", "text.pdf"]
    assert pair["failures"]["error"] >= 1  # the text's 收入预算 has no 收入总表 to match
    assert rows["d-broken.pdf"]["problem"].startswith("not a PDF")


def test_csv_for_a_spreadsheet(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "survey.csv"
    result = run("survey", str(folder), "--format", "csv", "-o", str(out), db=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0][0] == "文件" and rows[0][-1] == "无法读取的原因"
    assert len(rows) == 1 + 4


def test_a_second_survey_reads_from_the_store(folder: Path, tmp_path: Path) -> None:
    run("survey", str(folder), "--format", "json", db=tmp_path)
    again = json.loads(run("survey", str(folder), "--format", "json", db=tmp_path).stdout)
    read = [d for d in again["documents"] if d["problem"] is None]
    assert read and all(d["cached"] for d in read)


def test_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("survey", str(tmp_path / "nowhere"), "--lang", "en", db=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nowhere" in result.stderr


def test_pages_read_in_the_workers_are_reported_as_they_come() -> None:
    """A survey's workers say each page they read, so a slow (scanned) file shows it moves."""
    from budget_review.review.survey import survey

    pdf = (
        Path(__file__).parents[1] / "samples" / "shanghai-putuo-social-work-2024-final-accounts.pdf"
    )
    seen: list[tuple[str, int, int]] = []
    (row,) = list(survey(None, [pdf], jobs=1, pages=lambda *page: seen.append(page)))
    assert row.problem is None
    assert seen and {path for path, _, _ in seen} == {str(pdf)}
    assert seen[-1][1] == seen[-1][2] == row.pages
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
