"""What the PDF reader recognises in each sample PDF.

Expectations come from reading the documents: their contents pages, covers,
unit lines and printed totals.
"""

from __future__ import annotations

from decimal import Decimal

import pdfplumber
import pytest
from budget_review.model import Document, Table
from budget_review.model.money import Unit

from tests.conftest import SHANGHAI_BUDGET

WAN = Unit.WAN_YUAN
YUAN = Unit.YUAN

# (fixture, contents tables, unit of each table by number, kind, scope, year, department)
DOCUMENTS = {
    "jincheng_pdf": (
        13,
        dict.fromkeys(range(1, 14), WAN),
        ("budget", "department", 2026, "晋城市人力资源和社会保障局"),
    ),
    "jincheng_stamped": (
        13,
        dict.fromkeys(range(1, 14), WAN),
        ("budget", "department", 2026, "晋城市人力资源和社会保障局"),
    ),
    "shanghai_budget": (
        9,
        {**dict.fromkeys(range(1, 9), YUAN), 9: WAN},  # 表9 says 单位:万元
        ("budget", "department", 2025, "上海市普陀区商务委员会"),
    ),
    "shanghai_final": (
        9,
        dict.fromkeys(range(1, 10), WAN),
        ("final_accounts", "department", 2024, "中共上海市普陀区委社会工作部"),
    ),
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xdist_group(n))
        for n in ("jincheng_pdf", "jincheng_stamped", "shanghai_budget", "shanghai_final")
    ],
)
def test_every_table_in_the_contents_is_recognised_with_its_unit(
    name: str, request: pytest.FixtureRequest
) -> None:
    doc: Document = request.getfixturevalue(name)
    listed, units, (kind, scope, year, department) = DOCUMENTS[name]
    entries = [entry for entry in doc.contents if entry.role]
    assert len(entries) == listed
    for entry in entries:
        table = doc.table(entry.number) if entry.number else None
        assert table is not None, f"contents lists {entry.title} but no such table was read"
        assert table.role == entry.role
        assert table.unit == units[table.number], table.title
    assert (doc.meta.kind, doc.meta.scope, doc.meta.year) == (kind, scope, year)
    assert doc.meta.department == department
    assert doc.source.format == "pdf"


@pytest.mark.xdist_group("shanghai_budget")
def test_nine_table_budget_reads_split_codes_and_amounts_in_yuan(shanghai_budget: Document) -> None:
    income = shanghai_budget.table_by_role("budget_income")
    assert income is not None
    # 类/款/项 in three columns join into one code: 201 13 01 行政运行 9,389,913.00 元
    row = income.row("2011301")
    assert row is not None and row.name == "行政运行"
    assert row.value("收入预算/合计") == Decimal("9389913.00")
    assert row.parent == "20113"
    summary = shanghai_budget.table_by_role("budget_summary")
    assert summary is not None
    total = summary.row("收入总计", "income")
    assert total is not None and total.value("本年收入/预算数") == Decimal("371514655.00")


@pytest.mark.xdist_group("shanghai_budget")
def test_a_table_continued_on_the_next_page_is_one_table(shanghai_budget: Document) -> None:
    gpb = shanghai_budget.table_by_role("gpb_expense")
    assert gpb is not None
    assert gpb.pages == [15, 16]  # the header is printed again on page 16
    assert {f.where.page for f in gpb.figures()} == {15, 16}
    assert not [w for w in (t.en for t in shanghai_budget.warnings) if "not a number" in w]
    assert [r.key for r in gpb.rows if r.kind == "total"] == ["合计"]


@pytest.mark.parametrize(
    ("name", "empty"),
    [
        pytest.param("shanghai_budget", {6, 7}, marks=pytest.mark.xdist_group("shanghai_budget")),
        pytest.param("shanghai_final", {7, 8, 9}, marks=pytest.mark.xdist_group("shanghai_final")),
    ],
)
def test_empty_tables_are_recognised_by_their_note(
    name: str, empty: set[int], request: pytest.FixtureRequest
) -> None:
    doc: Document = request.getfixturevalue(name)
    assert {t.number for t in doc.tables if t.empty} == empty
    for number in empty:
        table = doc.table(number)
        assert table is not None and table.note


def _sum_checks(table: Table, tails: list[str]) -> int:
    """Assert that every coded parent row equals the sum of its children and the total
    the sum of the top level, in every column; returns how many sums were checked.

    A table in 万元 may miss by rounding (尾差, 0.01 per two rows summed); such sums
    are collected in `tails` rather than failed.
    """
    checked = 0
    columns = [c for c in table.columns if any(r.value(c) is not None for r in table.rows)]
    coded = [r for r in table.rows if r.code]
    grand = [r for r in table.rows if r.kind == "total" and r.side is None]
    # A total that heads groups of its own (人员经费合计, 公用经费合计) sums those.
    heads = [t for t in grand if any(r.parent == t.key for r in coded)]
    for column in columns:
        for parent in [*coded, *heads, None]:
            if parent is None:
                if heads:
                    continue
                totals = grand
                children = [r for r in coded if len(r.code or "") == 3]
            else:
                totals = [parent]
                children = [r for r in coded if r.parent == parent.key]
            printed = totals[0].value(column) if totals else None
            if printed is None or not children:
                continue
            expected = sum((r.value(column) or Decimal(0) for r in children), Decimal(0))
            checked += 1
            if printed == expected:
                continue
            tail = Decimal("0.01") * ((len(children) + 1) // 2)
            assert table.unit == WAN and abs(printed - expected) <= tail, (
                table.title,
                totals[0].key,
                column,
            )
            tails.append(f"{table.title}/{totals[0].key}/{column}")
    return checked


@pytest.mark.parametrize(
    ("name", "least", "known_tails"),
    [
        pytest.param("shanghai_budget", 60, [], marks=pytest.mark.xdist_group("shanghai_budget")),
        # page 13 prints 商品和服务支出 10.23 万元 over items that add up to 10.22
        pytest.param(
            "shanghai_final",
            30,
            ["一般公共预算财政拨款基本支出决算表/302/决算数"],
            marks=pytest.mark.xdist_group("shanghai_final"),
        ),
    ],
)
def test_shanghai_totals_equal_the_sums_of_their_rows(
    name: str, least: int, known_tails: list[str], request: pytest.FixtureRequest
) -> None:
    doc: Document = request.getfixturevalue(name)
    tails: list[str] = []
    checked = sum(_sum_checks(t, tails) for t in doc.tables)
    assert checked >= least
    assert tails == known_tails


@pytest.mark.xdist_group("shanghai_budget")
def test_two_sided_summary_sides_add_up(shanghai_budget: Document) -> None:
    table = shanghai_budget.table_by_role("budget_summary")
    assert table is not None
    column_in, column_out = "本年收入/预算数", "本年支出/预算数"
    income_items = [r for r in table.rows if r.side == "income" and r.level == 1]
    expense_items = [r for r in table.rows if r.side == "expense" and r.level == 1]
    assert len(income_items) == 4  # 一、财政拨款收入 … 四、其他收入
    assert len(expense_items) == 7  # 一、一般公共服务支出 … 七、住房保障支出
    income_total = table.row("收入总计", "income")
    expense_total = table.row("支出总计", "expense")
    assert income_total is not None and expense_total is not None
    assert sum((r.value(column_in) or 0 for r in income_items), Decimal(0)) == (
        income_total.value(column_in)
    )
    assert sum((r.value(column_out) or 0 for r in expense_items), Decimal(0)) == (
        expense_total.value(column_out)
    )
    sub = table.row("一般公共预算资金", "income")
    assert sub is not None and sub.level == 2 and sub.parent == "财政拨款收入"


@pytest.mark.xdist_group("shanghai_budget")
def test_figure_boxes_point_at_the_printed_number(shanghai_budget: Document) -> None:
    figures = [f for t in shanghai_budget.tables for f in t.figures() if f.value is not None]
    assert len(figures) > 200
    with pdfplumber.open(SHANGHAI_BUDGET) as pdf:
        for figure in figures:
            assert figure.where.page is not None and figure.where.bbox is not None
            page = pdf.pages[figure.where.page - 1]
            x0, top, x1, bottom = figure.where.bbox
            printed = page.crop((x0, top, x1, bottom)).extract_text().replace("\n", "")
            assert figure.raw in printed, (figure.key, figure.where)


@pytest.mark.xdist_group("shanghai_final")
def test_final_accounts_columns_and_wrapped_prose(shanghai_final: Document) -> None:
    fund = shanghai_final.table_by_role("fa_gf")
    assert fund is not None
    assert {"年初结转和结余", "本年收入", "年末结转和结余"} <= set(fund.columns)
    summary = shanghai_final.table_by_role("fa_summary")
    assert summary is not None and summary.unit == WAN
    # '…收入支出总计307.82' and '万元。' sit on two lines of the PDF; the claim joins them.
    amounts = {(c.value, c.unit) for c in shanghai_final.claims if c.kind == "amount"}
    assert (Decimal("307.82"), "万元") in amounts


@pytest.mark.xdist_group("shanghai_budget")
def test_budget_narrative_in_wan_yuan_gives_claims(shanghai_budget: Document) -> None:
    amounts = {(c.value, c.unit) for c in shanghai_budget.claims if c.kind == "amount"}
    assert (Decimal("37151.47"), "万元") in amounts  # 收入预算37,151.47万元
    assert not shanghai_budget.cards  # 项目经费情况说明 pages are prose, not cards
    headings = [s.heading for s in shanghai_budget.sections]
    assert any("经费情况说明" in h for h in headings)


@pytest.mark.xdist_group("shanghai_final")
def test_a_table_under_an_unknown_title_is_reported(shanghai_final: Document) -> None:
    # page 4 lists the department's units in a small table that is no standard table
    assert any(
        w.startswith("page 4: a table under") and "matches no known table title" in w
        for w in (t.en for t in shanghai_final.warnings)
    )


def test_stray_spaces_in_pdf_prose_are_removed() -> None:
    from budget_review.parsers.pdf_page import clean_prose, join_cell_text

    assert clean_prose("社会工作部 2024 年度收入支出总计 307.82 万元") == (
        "社会工作部2024年度收入支出总计307.82万元"
    )
    assert clean_prose("增长 100.00%。主要原因") == "增长100.00%。主要原因"
    assert join_cell_text("国有资本经营预\n算") == "国有资本经营预算"
    assert join_cell_text("Budget\ntotal") == "Budget total"
