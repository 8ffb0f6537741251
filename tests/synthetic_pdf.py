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


def ruled_table(
    pdf: canvas.Canvas, top: float, edges: list[float], rows: list[list[str]], height: float = 20
) -> float:
    """Draw a fully ruled grid whose top is at `top`; returns the y below its last row."""
    y = top
    for cells in rows:
        pdf.line(edges[0], y, edges[-1], y)
        for x in edges:
            pdf.line(x, y, x, y - height)
        for x0, x1, text in zip(edges, edges[1:], cells, strict=False):
            if text and text[0].isdigit() and any(ch in text for ch in ".,"):
                pdf.drawRightString(x1 - 4, y - 14, text)  # amounts to the right
            else:
                pdf.drawString(x0 + 4, y - 14, text)
        y -= height
    pdf.line(edges[0], y, edges[-1], y)
    return y


def _title(pdf: canvas.Canvas, y: float, *lines: str) -> float:
    pdf.setFont(FONT, 14)
    for text in lines:
        pdf.drawCentredString(297, y, text)
        y -= 20
    pdf.setFont(FONT, 10)
    return y


def final_accounts_with_row_numbers(path: Path) -> None:
    """A 决算 table with a 行次 column and a 栏次 row: numbers that are not money."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    y = _title(pdf, 800, "某市档案局2025年度部门决算", "收入支出决算总表")
    pdf.drawString(50, y, "部门：某市档案局")
    pdf.drawRightString(545, y, "金额单位：万元")
    ruled_table(
        pdf,
        y - 8,
        [50, 190, 225, 290, 430, 465, 545],
        [
            ["收入", "", "", "支出", "", ""],
            ["项目", "行次", "金额", "项目", "行次", "金额"],
            ["栏次", "", "1", "栏次", "", "2"],
            ["一、一般公共预算财政拨款收入", "1", "90.00", "一、一般公共服务支出", "31", "80.00"],
            ["二、事业收入", "2", "10.00", "二、社会保障和就业支出", "32", "20.00"],
            ["本年收入合计", "3", "100.00", "本年支出合计", "33", "100.00"],
        ],
    )
    pdf.showPage()
    pdf.save()


def unit_in_the_title_line(path: Path) -> None:
    """The unit printed at the end of the title line itself, nowhere else."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    pdf.setFont(FONT, 12)
    pdf.drawString(120, 800, "2026年部门收入总表")
    pdf.drawRightString(545, 800, "单位：万元")
    pdf.setFont(FONT, 10)
    ruled_table(
        pdf,
        780,
        [50, 120, 260, 350, 450, 545],
        [
            ["科目编码", "科目名称", "合计", "一般公共预算", "上年结转"],
            ["", "合计", "150.00", "140.00", "10.00"],
            ["201", "一般公共服务支出", "150.00", "140.00", "10.00"],
            ["20126", "档案事务", "150.00", "140.00", "10.00"],
        ],
    )
    pdf.showPage()
    pdf.save()


def renamed_expense_table(path: Path) -> None:
    """A table whose title names no known table: its header and rows say what it is."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    y = _title(pdf, 800, "2026年部门预算安排表")
    pdf.drawRightString(545, y, "单位：万元")
    ruled_table(
        pdf,
        y - 8,
        [50, 120, 260, 350, 450, 545],
        [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["", "合计", "300.00", "200.00", "100.00"],
            ["201", "一般公共服务支出", "250.00", "200.00", "50.00"],
            ["20126", "档案事务", "250.00", "200.00", "50.00"],
            ["208", "社会保障和就业支出", "50.00", "", "50.00"],
            ["20805", "行政事业单位养老支出", "50.00", "", "50.00"],
        ],
    )
    pdf.showPage()
    pdf.save()


def year_split_from_title(path: Path) -> None:
    """'2026' on a line of its own, '年部门收支总体情况表' on the next."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))
    y = _title(pdf, 800, "2026", "年部门收支总体情况表")
    pdf.drawRightString(545, y, "单位：万元")
    ruled_table(
        pdf,
        y - 8,
        [50, 200, 290, 450, 545],
        [
            ["收入", "", "支出", ""],
            ["项目", "预算数", "项目", "预算数"],
            ["一、一般公共预算拨款收入", "300.00", "一、一般公共服务支出", "250.00"],
            ["二、政府性基金预算拨款收入", "", "二、社会保障和就业支出", "50.00"],
            ["收入总计", "300.00", "支出总计", "300.00"],
        ],
    )
    pdf.showPage()
    pdf.save()


def two_file_publication(tables: Path, narrative: Path, typo: bool = False) -> None:
    """One department's budget as two files: the tables (which name the department only in
    a cell) and the 情况说明. With `typo`, the text misstates the total."""
    pdf = canvas.Canvas(str(tables), pagesize=(595, 842))
    y = _title(pdf, 800, "预算01表 收支总表")
    pdf.drawRightString(545, y, "金额单位：万元")
    ruled_table(
        pdf,
        y - 8,
        [50, 200, 290, 450, 545],
        [
            ["收入", "", "支出", ""],
            ["项目", "预算数", "项目", "预算数"],
            ["一、一般公共预算拨款收入", "300.00", "一、一般公共服务支出", "250.00"],
            ["二、事业收入", "", "二、社会保障和就业支出", "50.00"],
            ["收入总计", "300.00", "支出总计", "300.00"],
        ],
    )
    pdf.showPage()
    y = _title(pdf, 800, "预算02表 部门整体支出绩效目标表")
    ruled_table(
        pdf,
        y - 8,
        [50, 150, 350, 545],
        [
            ["（2026年度）", "", ""],
            ["部门名称", "某市档案局", ""],
            ["整体绩效目标", "保障运转", ""],
        ],
    )
    pdf.showPage()
    pdf.save()

    total = "350.00" if typo else "300.00"
    pdf = canvas.Canvas(str(narrative), pagesize=(595, 842))
    pdf.setFont(FONT, 16)
    pdf.drawCentredString(297, 800, "某市档案局2026年度部门预算信息公开")
    pdf.setFont(FONT, 11)
    lines = [
        "第一部分 2026年度部门预算情况说明",
        "一、部门情况说明",
        "某市档案局负责全市档案工作。",
        "二、收入预算情况说明",
        f"2026年度收入预算{total}万元，其中一般公共预算拨款收入300.00万元。",
        "三、支出预算情况说明",
        "2026年度支出预算300.00万元，其中一般公共服务支出250.00万元，",
        "社会保障和就业支出50.00万元。",
    ]
    y = 760.0
    for text in lines:
        pdf.drawString(60, y, text)
        y -= 24
    pdf.showPage()
    pdf.save()


# A cell of a grid drawn box by box: (row, column, rows spanned, columns spanned, text).
Box = tuple[int, int, int, int, str]


def boxed_grid(
    pdf: canvas.Canvas, top: float, edges: list[float], boxes: list[Box], height: float = 20
) -> None:
    """Draw every cell as its own rectangle, a merged cell as one over the places it spans
    (no ruling between 单位编码 and 单位名称 in a 合计 row that spans both)."""
    for row, col, rows, cols, text in boxes:
        x0, x1 = edges[col], edges[col + cols]
        y1 = top - row * height
        y0 = y1 - rows * height
        pdf.rect(x0, y0, x1 - x0, y1 - y0)
        if text and text[0].isdigit() and any(ch in text for ch in ".,"):
            pdf.drawRightString(x1 - 4, (y0 + y1) / 2 - 3, text)
        else:
            pdf.drawString(x0 + 4, (y0 + y1) / 2 - 3, text)


def _grid_rows(rows: list[list[str]], first: int = 0) -> list[Box]:
    return [
        (first + r, c, 1, 1, text) for r, cells in enumerate(rows) for c, text in enumerate(cells)
    ]


def merged_total_budget(path: Path) -> None:
    """A 部门预算 whose tables print their 合计 in one cell across 单位编码 and 单位名称,
    list the department (301) and then its units (301001, 301002), head 基本支出 over its
    own 小计, and list 政府采购 by 功能科目 with a 款 its 项 do not add up to."""
    pdf = canvas.Canvas(str(path), pagesize=(842, 595))
    pdf.setFont(FONT, 22)
    pdf.drawCentredString(421, 400, "某市档案局2026年部门预算")
    pdf.showPage()

    y = _title(pdf, 560, "收入总表")
    pdf.drawString(50, y, "部门：某市档案局")
    pdf.drawRightString(790, y, "单位：万元")
    edges = [50, 120, 300, 400, 500, 600, 700, 790]
    header: list[Box] = [
        (0, 0, 2, 1, "单位编码"),
        (0, 1, 2, 1, "单位名称"),
        (0, 2, 2, 1, "合计"),
        (0, 3, 1, 3, "本年收入"),
        (1, 3, 1, 1, "小计"),
        (1, 4, 1, 1, "一般公共预算"),
        (1, 5, 1, 1, "事业收入"),
        (0, 6, 2, 1, "上年结转"),
    ]
    total: list[Box] = [(2, 0, 1, 2, "合计")] + [
        (2, 2 + i, 1, 1, v) for i, v in enumerate(["100.00", "90.00", "80.00", "10.00", "10.00"])
    ]
    body = _grid_rows(
        [
            ["301", "某市档案局", "100.00", "90.00", "80.00", "10.00", "10.00"],
            ["301001", "某市档案局本级", "60.00", "55.00", "50.00", "5.00", "5.00"],
            ["301002", "某市档案馆", "40.00", "35.00", "30.00", "5.00", "5.00"],
        ],
        first=3,
    )
    boxed_grid(pdf, y - 8, edges, header + total + body)
    pdf.showPage()

    y = _title(pdf, 560, "一般公共预算支出表")
    pdf.drawString(50, y, "部门：某市档案局")
    pdf.drawRightString(790, y, "单位：万元")
    edges = [50, 120, 300, 400, 500, 600, 700, 790]
    header = [
        (0, 0, 2, 1, "科目编码"),
        (0, 1, 2, 1, "科目名称"),
        (0, 2, 2, 1, "合计"),
        (0, 3, 1, 3, "基本支出"),
        (1, 3, 1, 1, "小计"),
        (1, 4, 1, 1, "人员经费"),
        (1, 5, 1, 1, "公用经费"),
        (0, 6, 2, 1, "项目支出"),
    ]
    body = _grid_rows(
        [
            ["", "合计", "80.00", "70.00", "60.00", "10.00", "10.00"],
            ["201", "一般公共服务支出", "80.00", "70.00", "60.00", "10.00", "10.00"],
            ["20126", "档案事务", "80.00", "70.00", "60.00", "10.00", "10.00"],
            ["2012601", "行政运行", "70.00", "70.00", "60.00", "10.00", ""],
            ["2012604", "档案馆", "10.00", "", "", "", "10.00"],
        ],
        first=2,
    )
    boxed_grid(pdf, y - 8, edges, header + body)
    pdf.showPage()

    y = _title(pdf, 560, "一般公共预算基本支出表")
    pdf.drawString(50, y, "部门：某市档案局")
    pdf.drawRightString(790, y, "单位：万元")
    rows = [
        ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
        ["", "合计", "70.00", "60.00", "10.00"],
        ["301", "工资福利支出", "60.00", "60.00", ""],
        ["30101", "基本工资", "60.00", "60.00", ""],
        ["302", "商品和服务支出", "10.00", "", "10.00"],
        ["30201", "办公费", "10.00", "", "10.00"],
    ]
    ruled_table(pdf, y - 8, [50, 120, 300, 400, 500, 600], rows)
    pdf.showPage()

    y = _title(pdf, 560, "政府采购预算表")
    pdf.drawString(50, y, "部门：某市档案局")
    pdf.drawRightString(790, y, "单位：万元")
    rows = [
        ["科目编码", "科目名称", "合计", "一般公共预算"],
        ["", "合计", "8.00", "8.00"],
        ["201", "一般公共服务支出", "8.00", "8.00"],
        ["20126", "档案事务", "8.00", "8.00"],
        ["2012601", "行政运行", "3.00", "3.00"],
    ]
    ruled_table(pdf, y - 8, [50, 120, 300, 400, 500], rows)
    pdf.showPage()
    pdf.save()


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF written by hand from its objects (numbered from 1), with a correct xref table:
    for files no PDF library would write (loops, broken streams)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def looping_pdf() -> bytes:
    """A small PDF whose page tree refers to itself through objects that are only
    references to each other: pdfminer's resolve1 follows them round for ever."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"3 0 R",
            b"2 0 R",
        ]
    )


def with_damaged_page(source: bytes, page: int, how: str = "garbled") -> bytes:
    """`source` with page `page`'s content stream recompressed and then damaged: cut in
    half ("truncated") or with bytes overwritten in its middle ("garbled")."""
    import io
    import zlib

    import pypdf
    from pypdf.generic import EncodedStreamObject, NameObject

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(source))
    target = writer.pages[page - 1]
    content = target.get_contents()
    assert content is not None
    packed = zlib.compress(content.get_data())
    if how == "truncated":
        broken = packed[: len(packed) // 2]
    else:
        middle = len(packed) // 3
        broken = packed[:middle] + bytes(64) + b"\xff" * 64 + packed[middle + 128 :]
    stream = EncodedStreamObject()
    stream._data = broken
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    target[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fill(text: str, first: float, width: float, size: float) -> list[str]:
    """`text` cut into lines as a word processor wraps it: each as full as the width allows,
    the first `first` points narrower (its indent)."""
    lines: list[str] = []
    line = ""
    for char in text:
        room = width - (first if not lines else 0.0)
        if line and pdfmetrics.stringWidth(line + char, FONT, size) > room:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


def prose_under_a_wide_header(path: Path) -> None:
    """A 情况说明 whose running header starts left of the text block (and ends right of it),
    paragraphs indented two characters and wrapped flush with the block's left edge, one
    amount cut from its unit by the wrap; and a page of short indented items."""
    size, left, right = 15.0, 70.0, 520.0
    width, indent, leading = right - left, 2 * size, 30.0
    pdf = canvas.Canvas(str(path), pagesize=(595, 842))

    def header() -> None:
        pdf.setFont(FONT, 10)
        pdf.drawString(40, 815, "某市档案馆2026年度部门预算公开")
        pdf.drawRightString(555, 815, "部门预算公开")
        pdf.setFont(FONT, size)

    def paragraphs(y: float, texts: list[str]) -> float:
        for text in texts:
            for i, line in enumerate(_fill(text, indent, width, size)):
                pdf.drawString(left + (indent if i == 0 else 0), y, line)
                y -= leading
        return y

    header()
    pdf.drawCentredString(297, 760, "第三部分 2026年度部门预算情况说明")
    pdf.drawString(left + indent, 720, "一、收支预算总体情况说明")
    paragraphs(
        690,
        [
            "某市档案馆2026年度收入、支出预算总计1,234.56万元，与上年相比收、支预算总计"
            "各增加12.5万元，增长1.02%。主要原因是人员经费有所增加，开展“档案数字化”"
            "专项工作所需经费相应增加。",
            "2026年本部门一般公共预算机关运行经费预算支出的数额为78.9万元，与上年相比"
            "减少3.61万元，减少4.4%。主要原因是严格落实过紧日子要求，压减“三公”经费和"
            "一般性支出。",
        ],
    )
    pdf.showPage()

    header()
    pdf.drawString(left + indent, 780, "二、收入预算情况说明")
    y = 750.0
    for item in (
        "本年一般公共预算收入1,234.56万元，占100%；",
        "本年政府性基金预算收入0万元，占0%；",
        "本年国有资本经营预算收入0万元，占0%；",
        "本年事业收入0万元，占0%；",
        "上年结转结余的一般公共预算收入0万元，占0%；",
    ):
        pdf.drawString(left + indent, y, item)
        y -= leading
    pdf.showPage()

    header()
    pdf.drawString(left + indent, 780, "三、政府采购支出预算情况说明")
    # the line breaks inside '183万元': '…拟采购服务支出183万' / '元。'
    cut = "2026年度政府采购支出预算总额188.5万元，其中：拟采购货物支出5.5万元、拟采购服务支出183万"
    lines = _fill(cut, indent, width, size)
    y = 750.0
    for i, line in enumerate(lines):
        pdf.drawString(left + (indent if i == 0 else 0), y, line)
        y -= leading
    pdf.drawString(left, y, "元。")
    y -= leading
    paragraphs(y, ["本部门共有车辆1辆，其中，其他用车1辆。"])
    pdf.showPage()
    pdf.save()
