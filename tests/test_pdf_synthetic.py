"""Layouts no sample has, built on the fly: the reader must not depend on the samples' look."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from budget_review.checks import run_checks
from budget_review.model import Document
from budget_review.model.money import Unit
from budget_review.parsers import parse_file

from tests.synthetic_pdf import unruled_unit_budget


@pytest.fixture(scope="module")
def unruled(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = tmp_path_factory.mktemp("synthetic") / "unruled-unit-budget.pdf"
    unruled_unit_budget(path)
    return parse_file(path, jobs=1)


def test_unruled_table_is_read_from_word_alignment(unruled: Document) -> None:
    assert (unruled.meta.kind, unruled.meta.scope, unruled.meta.year) == ("budget", "unit", 2025)
    assert unruled.meta.department == "某县社会福利中心"
    table = unruled.table_by_role("budget_income")
    assert table is not None
    assert table.unit == Unit.YUAN
    assert table.columns == ["科目编码", "科目名称", "合计", "一般公共预算", "单位资金"]
    elderly = table.row("2081002")
    assert elderly is not None and elderly.name == "老年福利" and elderly.parent == "20810"
    assert elderly.value("合计") == Decimal("700000.00")
    assert elderly.value("单位资金") == Decimal("200000.00")
    # a blank cell stays blank: 殡葬 has no 单位资金
    funeral = table.row("2081004")
    assert funeral is not None and funeral.value("单位资金") is None
    assert unruled.warnings == []


def test_unruled_table_continues_on_a_page_without_title_or_header(unruled: Document) -> None:
    table = unruled.table_by_role("budget_income")
    assert table is not None
    assert table.pages == [2, 3]
    medical = table.row("2101102")
    assert medical is not None and medical.where.page == 3
    total = table.row("合计")
    assert total is not None
    classes = [r for r in table.rows if r.code and len(r.code) == 3]
    assert sum((r.value("合计") or Decimal(0) for r in classes), Decimal(0)) == total.value("合计")
    assert table.footnotes == ["注：本表反映单位本年度收入预算。"]


def test_title_and_caption_rows_inside_the_grid(tmp_path: Path) -> None:
    from tests.synthetic_pdf import titled_grid_budget

    path = tmp_path / "titled-grid.pdf"
    titled_grid_budget(path)
    doc = parse_file(path, jobs=1)
    table = doc.table_by_role("budget_expense")
    assert table is not None, doc.warnings
    assert table.unit == Unit.WAN_YUAN
    assert table.columns == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert [r.key for r in table.rows] == ["合计", "201", "20126", "2012601", "2012604"]
    assert table.row("2012604").value("项目支出") == Decimal("20.00")  # type: ignore[union-attr]
    assert table.footnotes == ["注：本表反映单位本年度支出预算。"]
    assert doc.meta.scope == "unit"


def test_a_title_wrapped_over_two_lines(tmp_path: Path) -> None:
    from tests.synthetic_pdf import wrapped_title_budget

    path = tmp_path / "wrapped-title.pdf"
    wrapped_title_budget(path)
    doc = parse_file(path, jobs=1)
    table = doc.table_by_role("gpb_basic_economic")
    assert table is not None, doc.warnings
    assert table.unit == Unit.YUAN
    assert table.row("30201").parent == "302"  # type: ignore[union-attr]
    assert table.row("合计").value("合计") == Decimal("1000.00")  # type: ignore[union-attr]


def test_a_page_printed_sideways_keeps_its_text(tmp_path: Path) -> None:
    import pdfplumber
    from budget_review.parsers.pdf_page import read_page
    from reportlab.pdfgen import canvas

    from tests.synthetic_pdf import FONT

    path = tmp_path / "sideways.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont(FONT, 10)
    pdf.translate(300, 100)
    pdf.rotate(90)  # every character turned: the whole page is sideways, not stamped
    for i, text in enumerate(["2025年部门收入预算总表", "单位：元", "合计 1,000.00 800.00"]):
        pdf.drawString(0, -20 * i, text)
    pdf.showPage()
    pdf.save()
    with pdfplumber.open(path) as document:
        lines = read_page(document.pages[0], 1).lines
    kept = sum(1 for line in lines for ch in line.text if not ch.isspace())
    drawn = sum(
        1
        for text in ["2025年部门收入预算总表", "单位：元", "合计 1,000.00 800.00"]
        for ch in text
        if not ch.isspace()
    )
    assert kept == drawn  # nothing was taken for a stamp


@pytest.fixture(scope="module")
def prose_under_a_header(tmp_path_factory: pytest.TempPathFactory) -> Document:
    from tests.synthetic_pdf import prose_under_a_wide_header

    path = tmp_path_factory.mktemp("synthetic") / "prose-under-a-wide-header.pdf"
    prose_under_a_wide_header(path)
    return parse_file(path, jobs=1)


def _paragraphs(doc: Document, heading: str) -> list[str]:
    section = next(s for s in doc.sections if s.heading.startswith(heading))
    return section.paragraphs


def test_wrapped_prose_joins_though_the_running_header_is_wider(
    prose_under_a_header: Document,
) -> None:
    # the header, dropped as furniture, starts left of the text block: the wrapped lines,
    # flush with the block, are not taken for lines set in from the header's edge
    first, second = _paragraphs(prose_under_a_header, "一、")
    assert first.startswith("某市档案馆2026年度收入、支出预算总计1,234.56万元，与上年相比")
    assert first.endswith("专项工作所需经费相应增加。")
    assert "“档案数字化”" in first
    assert second.startswith("2026年本部门一般公共预算机关运行经费预算支出的数额为78.9万元，")
    assert second.endswith("一般性支出。")
    amounts = {(c.value, c.unit) for c in prose_under_a_header.claims if c.kind == "amount"}
    assert (Decimal("78.9"), "万元") in amounts
    report = run_checks(prose_under_a_header)
    assert not [f for f in report.findings if f.rule in {"T4", "T5"}], [
        f.message.zh for f in report.findings if f.rule in {"T4", "T5"}
    ]


def test_a_page_of_short_indented_items_keeps_them_apart(prose_under_a_header: Document) -> None:
    # no line on the page shows its margins: the page's block is its neighbour's
    items = _paragraphs(prose_under_a_header, "二、")
    assert items == [
        "本年一般公共预算收入1,234.56万元，占100%；",
        "本年政府性基金预算收入0万元，占0%；",
        "本年国有资本经营预算收入0万元，占0%；",
        "本年事业收入0万元，占0%；",
        "上年结转结余的一般公共预算收入0万元，占0%；",
    ]


def test_an_amount_cut_from_its_unit_by_the_wrap_is_one(prose_under_a_header: Document) -> None:
    # '…拟采购服务支出183万' / '元。': the line stops short, but a figure's 万 and its 元
    # are one word
    purchase, cars = _paragraphs(prose_under_a_header, "三、")
    assert purchase.endswith("拟采购服务支出183万元。")
    assert cars == "本部门共有车辆1辆，其中，其他用车1辆。"
    amounts = {(c.value, c.unit) for c in prose_under_a_header.claims if c.kind == "amount"}
    assert (Decimal("183"), "万元") in amounts
