"""Build small disclosure PDFs that no sample has: unruled tables, another region's wording.

Uses reportlab's built-in Adobe CJK font, so no font file is needed.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# x of each column's left edge (text) or right edge (amounts) on an A4 page
_COLUMNS = [(60, "left"), (130, "left"), (360, "right"), (450, "right"), (530, "right")]


def _row(pdf: canvas.Canvas, y: float, cells: list[str]) -> None:
    for (x, align), text in zip(_COLUMNS, cells, strict=False):
        if align == "left":
            pdf.drawString(x, y, text)
        else:
            pdf.drawRightString(x, y, text)


def unruled_unit_budget(path: Path) -> None:
    """A 单位预算 whose tables have no rules at all, continued over two pages."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont(FONT, 22)
    pdf.drawCentredString(297, 600, "某县社会福利中心")
    pdf.drawCentredString(297, 560, "2025年单位预算")
    pdf.showPage()

    pdf.setFont(FONT, 16)
    pdf.drawCentredString(297, 780, "2025年单位收入预算总表")
    pdf.setFont(FONT, 10)
    pdf.drawString(60, 750, "编制单位：某县社会福利中心")
    pdf.drawRightString(530, 750, "单位：元")
    _row(pdf, 725, ["科目编码", "科目名称", "合计", "一般公共预算", "单位资金"])
    rows = [
        ["", "合计", "1,250,000.00", "1,050,000.00", "200,000.00"],
        ["208", "社会保障和就业支出", "1,000,000.00", "800,000.00", "200,000.00"],
        ["20810", "社会福利", "1,000,000.00", "800,000.00", "200,000.00"],
        ["2081002", "老年福利", "700,000.00", "500,000.00", "200,000.00"],
        ["2081004", "殡葬", "300,000.00", "300,000.00", ""],
    ]
    y = 700.0
    for cells in rows:
        _row(pdf, y, cells)
        y -= 22
    pdf.drawCentredString(297, 40, "- 2 -")
    pdf.showPage()

    pdf.setFont(FONT, 10)  # the table goes on under '续表' and its unit, without a header
    pdf.drawString(60, 805, "续表")
    pdf.drawRightString(530, 805, "单位：元")
    rows = [
        ["210", "卫生健康支出", "250,000.00", "250,000.00", ""],
        ["21011", "行政事业单位医疗", "250,000.00", "250,000.00", ""],
        ["2101102", "事业单位医疗", "250,000.00", "250,000.00", ""],
    ]
    y = 780.0
    for cells in rows:
        _row(pdf, y, cells)
        y -= 22
    pdf.drawString(60, y - 20, "注：本表反映单位本年度收入预算。")
    pdf.drawCentredString(297, 40, "- 3 -")
    pdf.showPage()
    pdf.save()


def wrapped_title_budget(path: Path) -> None:
    """A title too long for one line, wrapped under itself, over a ruled table."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont(FONT, 14)
    pdf.drawCentredString(297, 800, "2025年单位一般公共预算基本支出部门预算经济")
    pdf.drawCentredString(297, 782, "分类预算表")
    pdf.setFont(FONT, 10)
    pdf.drawString(50, 760, "编制单位：某县档案馆")
    pdf.drawRightString(545, 760, "单位：元")
    edges = [50, 110, 300, 380, 460, 545]
    rows = [
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
        ["301", "工资福利支出", "800.00", "800.00", ""],
        ["30101", "基本工资", "800.00", "800.00", ""],
        ["302", "商品和服务支出", "200.00", "", "200.00"],
        ["30201", "办公费", "200.00", "", "200.00"],
        ["", "合计", "1,000.00", "800.00", "200.00"],
    ]
    y = 750.0
    for cells in rows:
        pdf.line(50, y, 545, y)
        for x in edges:
            pdf.line(x, y, x, y - 22)
        for x0, text in zip(edges, cells, strict=False):
            pdf.drawString(x0 + 4, y - 15, text)
        y -= 22
    pdf.line(50, y, 545, y)
    pdf.showPage()
    pdf.save()


def titled_grid_budget(path: Path) -> None:
    """A spreadsheet-style export: title, caption and note rows drawn inside the table's rules."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont(FONT, 10)
    left, right = 50, 545
    edges = [50, 130, 300, 380, 460, 545]
    rows = [
        ("title", ["2025年单位支出预算总表"]),
        ("caption", ["编制单位：某县档案馆", "单位：万元"]),
        ("cells", ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]),
        ("cells", ["", "合计", "120.00", "100.00", "20.00"]),
        ("cells", ["201", "一般公共服务支出", "120.00", "100.00", "20.00"]),
        ("cells", ["20126", "档案事务", "120.00", "100.00", "20.00"]),
        ("cells", ["2012601", "行政运行", "100.00", "100.00", ""]),
        ("cells", ["2012604", "档案馆", "20.00", "", "20.00"]),
        ("title", ["注：本表反映单位本年度支出预算。"]),
    ]
    top, height = 780.0, 22.0
    y = top
    for kind, cells in rows:
        pdf.line(left, y, right, y)
        if kind == "cells":
            for x in edges:
                pdf.line(x, y, x, y - height)
            for x0, text in zip(edges, cells, strict=False):
                pdf.drawString(x0 + 4, y - 15, text)
        else:
            pdf.line(left, y, left, y - height)
            pdf.line(right, y, right, y - height)
            if kind == "title":
                pdf.drawCentredString((left + right) / 2, y - 15, cells[0])
            else:
                pdf.drawString(left + 4, y - 15, cells[0])
                pdf.drawRightString(right - 4, y - 15, cells[1])
        y -= height
    pdf.line(left, y, right, y)
    pdf.showPage()
    pdf.save()
