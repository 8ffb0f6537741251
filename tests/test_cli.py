"""The installed console script, as a reviewer runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import JINCHENG_TXT

SCRIPT = shutil.which("budget-review", path=str(Path(sys.executable).parent)) or "budget-review"


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BUDGET_REVIEW_DB": str(db)}
    env.pop("BUDGET_REVIEW_DEBUG", None)
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def dumped(tmp_path_factory: pytest.TempPathFactory) -> dict:
    result = run("dump", str(JINCHENG_TXT), "--format", "json", db=tmp_path_factory.mktemp("db"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_dump_has_the_promised_shape(dumped: dict) -> None:
    assert dumped["schema_version"] == 2
    assert set(dumped["source"]) >= {"path", "sha256", "format", "pages"}
    assert dumped["source"]["format"] == "text"
    assert dumped["meta"]["kind"] == "budget" and dumped["meta"]["scope"] == "department"
    table = dumped["tables"][1]
    assert set(table) >= {"number", "title", "unit", "empty", "columns", "rows"}
    row = next(r for r in table["rows"] if r["key"] == "20807")
    assert set(row) >= {"key", "code", "name", "side", "values", "page", "line"}
    assert row["values"]["上年结转"] == "861.78"
    assert row["values"]["本年收入/单位资金"] is None
    assert (
        next(r for r in table["rows"] if r["key"] == "合计")["values"]["本年收入/单位资金"]
        == "400.00"
    )
    card = dumped["cards"][0]
    assert set(card) >= {
        "name",
        "unit",
        "department_code",
        "year",
        "annual_total",
        "period_total",
        "currency_unit",
        "pages",
        "lines",
        "table_row",
    }
    claim = dumped["claims"][0]
    assert set(claim) >= {"text", "kind", "value", "page", "line"}


def test_ingest_then_ingest_again(tmp_path: Path) -> None:
    first = run("ingest", "--lang", "en", str(JINCHENG_TXT), db=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("stored jincheng-hrss-2026-budget.txt")
    second = run("ingest", "--lang", "en", str(JINCHENG_TXT), db=tmp_path)
    assert second.stdout.startswith("already stored")
    listing = run("list", db=tmp_path)
    assert "晋城市人力资源和社会保障局" in listing.stdout and listing.stdout.count("\n") == 1
    assert run(
        "--db", str(tmp_path / "other"), "list", "--lang", "en", db=tmp_path
    ).stdout.startswith("no documents")


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp / "blank.txt"
    blank.write_text("\n\n   \n", encoding="utf-8")
    binary = tmp / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    prose = tmp / "novel.txt"
    prose.write_text("第一章\n从前有座山，山里有座庙。\n", encoding="utf-8")
    latin1 = tmp / "latin1.txt"
    latin1.write_bytes("caf\xe9 \xff\xfe".encode("latin-1") * 3)
    folder = tmp / "folder"
    folder.mkdir()
    return {
        "missing": (tmp / "nope.txt", "no such file"),
        "empty": (empty, "empty"),
        "blank": (blank, "empty"),
        "binary": (binary, "binary"),
        "not a disclosure": (prose, "not a disclosure"),
        "undecodable": (latin1, "neither UTF-8 nor GB18030"),
        "folder": (folder, "folder"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "empty", "blank", "binary", "not a disclosure", "undecodable", "folder"]
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    path, words = _bad_inputs(tmp_path)[case]
    for command in ("dump", "ingest"):
        result = run(command, "--lang", "en", str(path), db=tmp_path / "db")
        assert result.returncode == 2, (case, command, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert str(path) in lines[0] and words in lines[0]
        assert "Traceback" not in result.stderr


def test_one_bad_file_leaves_the_store_unchanged(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("ingest", str(JINCHENG_TXT), str(bad), db=tmp_path / "db")
    assert result.returncode == 2
    assert run("list", "--lang", "en", db=tmp_path / "db").stdout.startswith("no documents")


def test_partly_understood_document_loads_with_warnings(tmp_path: Path) -> None:
    lines = JINCHENG_TXT.read_text(encoding="utf-8").splitlines()
    # Keep only the first tables, and damage one of them.
    partial = tmp_path / "partial.txt"
    partial.write_text(
        "\n".join([*lines[:250], "Some unreadable OCR output of a chart goes here"]),
        encoding="utf-8",
    )
    result = run("ingest", "--lang", "en", str(partial), db=tmp_path / "db")
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stdout


def test_check_reports_and_exits_by_severity(tmp_path: Path) -> None:
    db = tmp_path / "db"
    result = run("check", str(JINCHENG_TXT), "--lang", "en", db=db)
    assert result.returncode == 1  # the card whose amount differs from its project
    assert "Errors 1" in result.stdout
    assert "[C2] card '人才中心大楼维修费'" in result.stdout
    assert "Not checked:" in result.stdout
    assert run("check", str(JINCHENG_TXT), "--fail-on", "never", db=db).returncode == 0
    assert not (db / "index.json").exists()  # checking does not create a store


def test_check_json_has_the_promised_shape(tmp_path: Path) -> None:
    result = run("check", str(JINCHENG_TXT), "--format", "json", db=tmp_path / "db")
    assert result.returncode == 1
    document = json.loads(result.stdout)["documents"][0]
    assert set(document) >= {"source", "findings", "not_checked"}
    finding = next(f for f in document["findings"] if f["rule"] == "C2")
    assert set(finding) >= {
        "id",
        "rule",
        "severity",
        "message",
        "expected",
        "actual",
        "difference",
        "unit",
        "refs",
    }
    assert finding["severity"] == "error" and finding["message"].startswith("绩效目标表")
    assert finding["difference"] == "-95000.00"
    refs = finding["refs"]
    assert {"table", "row", "column", "card", "claim", "page", "line"} <= set(refs[0])
    assert refs[0]["card"] == "人才中心大楼维修费"
    assert refs[1]["table"] == 12 and refs[1]["column"] == "合计"


def test_check_markdown_report(tmp_path: Path) -> None:
    result = run("check", str(JINCHENG_TXT), "--format", "md", "--lang", "en", db=tmp_path)
    assert result.stdout.startswith("# 晋城市人力资源和社会保障局")
    assert "## Errors" in result.stdout and "| C2 |" in result.stdout
    assert "## Rounding tails (尾差)" in result.stdout


def test_ingest_stores_the_findings_with_the_document(tmp_path: Path) -> None:
    from budget_review.model import Severity
    from budget_review.store import Store

    db = tmp_path / "db"
    result = run("ingest", "--lang", "en", str(JINCHENG_TXT), db=db)
    assert result.returncode == 0
    assert "1 errors" in result.stdout
    with Store(db) as store:
        (summary,) = store.list()
        report = store.load_with_report(summary.sha256)[1]
        assert summary.errors == 1
    assert report is not None and report.count(Severity.ERROR) == 1
    assert any(f.rule == "C2" for f in report.findings)


def test_notes_export_from_the_command_line(tmp_path: Path) -> None:
    from budget_review.model import Address
    from budget_review.parsers import parse_file
    from budget_review.store import Category, NoteBook, Target, new_note

    db = tmp_path / "db"
    assert run("ingest", str(JINCHENG_TXT), db=db).returncode == 0
    doc = parse_file(JINCHENG_TXT)
    NoteBook(db).save(
        new_note(doc, Target.of(Address(table=3)), "标题 | 不一致", Category.PROBLEM, None)
    )
    out = tmp_path / "review.md"
    result = run("notes", "export", "-o", str(out), "--include-findings", "--lang", "zh", db=db)
    assert result.returncode == 0, result.stderr
    assert f"写入 {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 审查意见")
    # a pipe is no markup outside a table: it is written as it is, with no backslash
    assert "> 标题 | 不一致" in text and "### 尚未批注的问题" in text
    english = run("notes", "export", "--lang", "en", "--doc", doc.source.sha256[:10], db=db)
    assert english.stdout.startswith("# Review notes")
    missing = run("notes", "export", "--doc", "ffff", "--lang", "en", db=db)
    assert missing.returncode == 2 and "no single document" in missing.stderr
