"""Totals the checks must find wherever a table prints them: a 合计 in one cell across the
code and name columns, units listed under their department by code, 基本支出's own 小计,
and 政府采购 listed by 功能科目 (its 类/款/项 add up as in any functional table)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from budget_review.checks import run_checks
from budget_review.checks.across import column
from budget_review.model import Document, Report, Severity, Table
from budget_review.parsers import parse_file

from tests.synthetic_pdf import merged_total_budget

NATIONAL = Path(__file__).resolve().parent.parent / "samples" / "national"


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Report]:
    path = tmp_path_factory.mktemp("synthetic") / "merged-total-budget.pdf"
    merged_total_budget(path)
    document = parse_file(path, jobs=1)
    return document, run_checks(document)


def _table(document: Document, role: str) -> Table:
    table = document.table_by_role(role)
    assert table is not None, [t.role for t in document.tables]
    return table


def _not_checked(report: Report) -> set[str]:
    return {n.rule for n in report.not_checked}


def test_a_total_in_one_cell_across_code_and_name_names_its_row(
    merged: tuple[Document, Report],
) -> None:
    document, _ = merged
    income = _table(document, "budget_income")
    assert income.columns[:2] == ["单位编码", "单位名称"]
    first = income.rows[0]
    assert (first.key, first.name, first.kind) == ("合计", "合计", "total")
    assert first.value("合计") == Decimal("100.00")
    assert first.code is None  # 单位编码 is no 功能科目 code


def test_units_stand_under_the_department_their_code_extends(
    merged: tuple[Document, Report],
) -> None:
    document, report = merged
    income = _table(document, "budget_income")
    department, own, archive = income.rows[1:]
    assert department.name == "某市档案局" and department.parent is None
    assert (own.parent, own.level) == (department.key, department.level + 1)
    assert (archive.parent, archive.level) == (department.key, department.level + 1)
    # 合计 = the department, not the department and its units counted again
    findings = [f for f in report.findings if f.rule in {"W2", "W3"} and "表1" in f.message.zh]
    assert findings == []
    assert report.comparisons.get("W3", 0) > 0


def test_a_group_of_columns_names_its_own_subtotal() -> None:
    columns = ("合计", "基本支出/小计", "基本支出/人员经费", "基本支出/公用经费", "项目支出")
    table = Table(1, "一般公共预算支出表", "gpb_expense", None, ["科目编码", "科目名称", *columns])
    assert column(table, "基本支出") == "基本支出/小计"
    assert column(table, "项目支出") == "项目支出"
    assert column(table, "人员经费") == "基本支出/人员经费"
    for total in ("合计", "总计"):
        table.columns = ["科目编码", "科目名称", "合计", f"基本支出/{total}", "基本支出/人员经费"]
        assert column(table, "基本支出") == f"基本支出/{total}"
    table.columns = ["科目编码", "科目名称", "合计", "人员经费", "公用经费"]
    assert column(table, "基本支出") is None


def test_x6_compares_the_basic_spending_subtotal(merged: tuple[Document, Report]) -> None:
    _, report = merged
    assert "X6" not in _not_checked(report)
    assert report.comparisons.get("X6") == 1
    assert not [f for f in report.findings if f.rule == "X6"]


def test_procurement_by_function_adds_up_its_classes(merged: tuple[Document, Report]) -> None:
    document, report = merged
    procurement = _table(document, "procurement")
    item = procurement.row("2012601")
    assert item is not None and item.parent == "20126"
    gaps = [
        f
        for f in report.findings
        if f.rule == "W2" and f.severity == Severity.ERROR and "表4" in f.message.zh
    ]
    assert gaps and all("档案事务" in f.message.zh and "5.00" in f.message.zh for f in gaps)


# ---------------------------------------------------------------- the samples

national = pytest.mark.skipif(not NATIONAL.is_dir(), reason="no samples/national")


@national
@pytest.mark.xdist_group("suzhou-city-audit-2026-dept-budget.pdf")
def test_suzhou_income_total_row_and_basic_subtotal() -> None:
    document = parse_file(NATIONAL / "suzhou-city-audit-2026-dept-budget.pdf", jobs=1)
    report = run_checks(document)
    income = _table(document, "budget_income")
    total = income.rows[0]
    assert (total.name, total.kind) == ("合计", "total")
    assert total.figures["合计"].raw == "4,651.67"
    department, unit = income.rows[1:3]
    assert unit.parent == department.key
    assert {"X1", "X6"}.isdisjoint(_not_checked(report))
    assert report.comparisons.get("X1", 0) > 0 and report.comparisons.get("X6") == 1
    assert not [f for f in report.findings if f.rule[0] in "WX" and f.severity == Severity.ERROR]


@national
@pytest.mark.xdist_group("yantai-city-petition-2026-dept-budget.pdf")
def test_yantai_procurement_item_missing_under_its_section() -> None:
    document = parse_file(NATIONAL / "yantai-city-petition-2026-dept-budget.pdf", jobs=1)
    report = run_checks(document)
    procurement = _table(document, "procurement")
    assert procurement.number == 12
    gaps = [f for f in report.findings if f.rule == "W2" and "表12" in f.message.zh]
    assert gaps and all("信访事务" in f.message.zh and "70.33" in f.message.zh for f in gaps)


@national
@pytest.mark.xdist_group("xian-city-petition-2026-dept-budget.pdf")
def test_xian_totals_of_unit_rows() -> None:
    document = parse_file(NATIONAL / "xian-city-petition-2026-dept-budget.pdf", jobs=1)
    report = run_checks(document)
    for role in ("budget_income", "budget_expense", "three_public", "projects_current"):
        first = _table(document, role).rows[0]
        assert (first.name, first.kind) == ("合计", "total"), role
    # a project list with one amount column and no grouping it can read: under its total
    projects = _table(document, "projects_current")
    assert all(r.parent == "合计" for r in projects.rows[1:])
    assert "X1" not in _not_checked(report)
    # the 三公 total is the 当年 三公 小计 (10.10 万元 = 101,000 元), not 上年 合计 with 会议费
    assert not [f for f in report.findings if f.rule == "N1" and "三公" in f.message.zh]
    assert not [f for f in report.findings if f.rule[0] in "WX" and f.severity == Severity.ERROR]
