"""Forms the samples lack, built by the tests: row and column numbers that are not money,
a unit in the title line, a table known only by its header and rows, a year split from
its title, and a publication printed as two files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from budget_review.checks import run_checks
from budget_review.model import Severity
from budget_review.model.money import Unit
from budget_review.parsers import parse_file

from tests import synthetic_pdf
from tests.test_cli import run


def test_row_and_column_numbers_are_not_money(tmp_path: Path) -> None:
    path = tmp_path / "final.pdf"
    synthetic_pdf.final_accounts_with_row_numbers(path)
    doc = parse_file(path, jobs=1)
    table = doc.table_by_role("fa_summary")
    assert table is not None and table.unit == Unit.WAN_YUAN
    assert "行次" in table.columns and "行次" not in table.money_columns()
    assert not any("行次" in c for c in table.money_columns())
    # the 栏次 row (1, 2) is not a row of figures
    assert [r.name for r in table.rows if r.side == "income"] == [
        "一、一般公共预算财政拨款收入",
        "二、事业收入",
        "本年收入合计",
    ]
    total = table.row("本年收入合计", side="income") or next(
        r for r in table.rows if r.name == "本年收入合计"
    )
    assert total.value("金额") == Decimal("100.00")
    report = run_checks(doc)
    assert report.comparisons.get("W4", 0) >= 1
    assert not [f for f in report.findings if f.rule.startswith("W")]


def test_a_unit_only_in_the_title_line(tmp_path: Path) -> None:
    path = tmp_path / "unit.pdf"
    synthetic_pdf.unit_in_the_title_line(path)
    doc = parse_file(path, jobs=1)
    table = doc.table_by_role("budget_income")
    assert table is not None
    assert table.unit == Unit.WAN_YUAN
    assert table.title == "2026年部门收入总表"
    assert not [w for w in doc.warnings if "unit" in w.en]


def test_a_table_known_only_by_its_header_and_rows(tmp_path: Path) -> None:
    path = tmp_path / "renamed.pdf"
    synthetic_pdf.renamed_expense_table(path)
    doc = parse_file(path, jobs=1)
    (table,) = doc.tables
    assert table.role == "budget_expense"
    assert table.role_evidence is not None
    assert "基本支出、项目支出" in table.role_evidence.zh
    assert "4 rows of functional classes" in table.role_evidence.en
    assert table.row("20805").value("项目支出") == Decimal("50.00")  # type: ignore[union-attr]
    assert doc.unrecognised() == []


def test_a_year_printed_apart_from_its_title(tmp_path: Path) -> None:
    path = tmp_path / "split.pdf"
    synthetic_pdf.year_split_from_title(path)
    doc = parse_file(path, jobs=1)
    (table,) = doc.tables
    assert table.role == "budget_summary"
    assert table.title == "2026年部门收支总体情况表"
    assert doc.meta.year == 2026


@pytest.fixture()
def two_files(tmp_path: Path) -> tuple[Path, Path]:
    tables, text = tmp_path / "tables.pdf", tmp_path / "text.pdf"
    synthetic_pdf.two_file_publication(tables, text, typo=True)
    return tables, text


def test_two_files_are_one_publication(two_files: tuple[Path, Path], tmp_path: Path) -> None:
    tables, text = two_files
    result = run("check", str(text), str(tables), "--lang", "en", "--fail-on", "never", db=tmp_path)
    assert result.returncode == 0, result.stderr
    # one document, named by both files
    assert result.stdout.count("某市档案局 2026") == 1
    assert f"{tables} + {text}" in result.stdout
    # the text's total was compared with the tables' and the evidence names each file
    assert (
        "the narrative gives 2026年度收入预算 as 350.00万元; 表1 gives 300.00 万元"
        " (text.pdf p.1, tables.pdf p.1)" in result.stdout
    )
    assert "预算02表部门整体支出绩效目标表 (tables.pdf page 2)" in result.stdout


def test_two_files_are_stored_as_one_and_reopened(
    two_files: tuple[Path, Path], tmp_path: Path
) -> None:
    from budget_review.review import open_all_for_review
    from budget_review.store import Store

    tables, text = two_files
    with Store(tmp_path / "db") as store:
        (first,) = open_all_for_review(store, [tables, text], jobs=1)
        assert not first.cached
        assert [s.sha256 for s in store.list()] == [first.sha]
        (again,) = open_all_for_review(store, [text, tables], jobs=1)
        assert again.cached and again.sha == first.sha
        errors = [f for f in again.report.findings if f.severity == Severity.ERROR]
        assert any(f.rule == "N1" for f in errors)
        assert {r.part for f in errors if f.rule == "N1" for r in f.refs} == {0, 1}


def test_one_half_alone_is_still_read(two_files: tuple[Path, Path], tmp_path: Path) -> None:
    _, text = two_files
    result = run("check", str(text), "--lang", "en", "--fail-on", "never", db=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "this file has no tables: if they are published as another file" in result.stdout
