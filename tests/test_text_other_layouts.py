"""A text dump in a layout the 晋城 sample does not use: 单位决算, amounts in 元,
codes split over 类/款/项 columns, labels 表N on their own line, totals last."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from budget_review.model import Document
from budget_review.parsers import parse_file

D = Decimal
SYNTHETIC = Path(__file__).parent / "data" / "synthetic-unit-final-accounts.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return parse_file(SYNTHETIC)


def test_kind_scope_year_and_department(doc: Document) -> None:
    assert (doc.meta.kind, doc.meta.scope, doc.meta.year) == ("final_accounts", "unit", 2024)
    assert doc.meta.department == "某某县教育局第一中学"


def test_final_accounts_tables_recognised_with_units(doc: Document) -> None:
    assert [(t.number, t.role) for t in doc.tables] == [
        (1, "fa_summary"),
        (2, "fa_income"),
        (3, "fa_expense"),
        (4, "fa_three_public"),
    ]
    assert all(t.unit is not None and t.unit.value == "元" for t in doc.tables)
    assert doc.contents_mismatches == []


def test_split_codes_join_and_nest(doc: Document) -> None:
    income = doc.table(2)
    assert income is not None
    assert [r.key for r in income.rows] == [
        "205",
        "20502",
        "2050204",
        "221",
        "22102",
        "2210201",
        "合计",
    ]
    assert income.row("2050204").parent == "20502"  # type: ignore[union-attr]
    assert income.row("合计").value("财政拨款收入") == D("1000000.00")  # type: ignore[union-attr]


def test_separators_stripped_two_sides_kept_apart(doc: Document) -> None:
    summary = doc.table(1)
    assert summary is not None
    assert summary.row("205", "expense").value("支出/决算数") == D("1050000.00")  # type: ignore[union-attr]
    assert summary.row("总计", "income").value("收入/决算数") == D("1100000.00")  # type: ignore[union-attr]
    assert summary.row("总计", "expense") is not None


def test_claims_in_yuan(doc: Document) -> None:
    change = next(c for c in doc.claims if c.kind == "change")
    assert (change.value, change.unit, change.direction) == (D("100000.00"), "元", "increase")


def test_label_on_its_own_line_numbers_the_table_even_as_a_numeral() -> None:
    from budget_review.parsers import parse_bytes

    text = "\n".join(
        [
            "表十",
            "2026年财政拨款安排“三公”经费支出预算表",
            "单位：万元",
            "项目\t合计\t一般公共预算",
            "公务接待费\t1.00\t1.00",
            "合计\t1.00\t1.00",
        ]
    )
    doc = parse_bytes("made-up.txt", text.encode("utf-8"))
    assert [(t.number, t.label) for t in doc.tables] == [(10, "表十")]
