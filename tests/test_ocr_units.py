"""OCR's pieces on small inputs made here: garbage text layers, words → lines, rulings → grids."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
from budget_review.model import (
    Address,
    Document,
    Figure,
    Finding,
    Provenance,
    Ref,
    Report,
    Row,
    Section,
    Severity,
    Source,
    Table,
    Text,
)
from budget_review.model.doubts import Doubts
from budget_review.model.serialize import document_from_dict, document_to_dict
from budget_review.parsers.ocr import Word, clean
from budget_review.parsers.ocr_layout import group_lines, line_text, page_lines
from budget_review.parsers.ocr_page import garbage_text, needs_ocr
from budget_review.parsers.ocr_rulings import find_grids, read_rulings
from budget_review.parsers.ocr_titles import repair_title
from budget_review.parsers.pdf_page import PageLines
from budget_review.reports import findings as report
from budget_review.tui.format import MISREAD_MARK, figure_cell

SCALE = 2.0


def word(x0: float, top: float, text: str, confidence: float = 0.99, size: float = 10) -> Word:
    """A word as OCR gives it: box in points, one character box per character."""
    width = size * sum(1.0 if ord(c) > 0x2E80 else 0.5 for c in text)
    step = width / len(text)
    chars = tuple(
        Word((x0 + i * step, top, x0 + (i + 1) * step, top + size), c, confidence)
        for i, c in enumerate(text)
    )
    return Word((x0, top, x0 + width, top + size), text, confidence, chars)


# ------------------------------------------------------------ when to OCR


def test_cid_runs_and_unmapped_glyphs_are_garbage() -> None:
    assert garbage_text("(cid:12)(cid:345)(cid:7) (cid:88)(cid:9)(cid:10) 2026")
    assert garbage_text("\ue001\ue002\ue003\ufffd\ufffd 部门")


def test_a_mapping_that_yields_no_chinese_is_garbage() -> None:
    assert garbage_text("Ãþ¸ÅÈ¤ÍÂ Ñ¹Öµ ¾ÅÓ¡ÄË " * 10)


def test_chinese_text_and_a_page_of_figures_are_not_garbage() -> None:
    assert not garbage_text("2026年部门预算收支总表 单位：万元 一般公共预算 31,217.80")
    # A continued table page prints codes and figures only: no Chinese, yet sound.
    assert not garbage_text("2050303 8662.21 5911.73 2750.48\n" * 20)
    assert not garbage_text("Page 3")  # too little to judge


def test_which_pages_are_ocrd() -> None:
    scanned = PageLines(page=1, has_text=False, has_images=True)
    blank = PageLines(page=2, has_text=False)
    text = PageLines(page=3)
    assert needs_ocr(scanned, "auto") and not needs_ocr(scanned, "never")
    assert not needs_ocr(blank, "auto")
    assert not needs_ocr(text, "auto") and needs_ocr(text, "always")


def test_ocr_spellings_of_figures_are_cleaned() -> None:
    assert clean("１２．５万元") == "12.5万元"
    assert clean("本年其他资金收入〇万元") == "本年其他资金收入0万元"
    assert clean("二〇二六年") == "二〇二六年"


# ------------------------------------------------------------ words → lines


def test_words_group_into_lines_by_vertical_overlap() -> None:
    words = [word(200, 101, "万元"), word(50, 100, "收入预算"), word(50, 130, "第二行")]
    lines = group_lines(words)
    assert [[w.text for w in line] for line in lines] == [["收入预算", "万元"], ["第二行"]]
    # A gap of more than two characters stays a wide gap, as on a text page.
    assert line_text(lines[0]) == "收入预算   万元"
    assert line_text([word(50, 100, "收入预算"), word(92, 100, "1,000.00")]) == "收入预算1,000.00"


def test_prose_lines_keep_boxes_and_the_least_sure_confidence() -> None:
    words = [word(50, 100, "收入预算", 0.99), word(92, 100, "100.00万元", 0.7)]
    page = page_lines(words, [], 3, 595)
    [line] = page.lines
    assert line.page == 3 and not line.tabbed
    assert line.bbox == (50, 100, words[1].box[2], 110)
    assert line.confidence == 0.7


# ------------------------------------------------------------ rulings → grid


def _ruled(rows: list[float], cols: list[float], skip: tuple[int, int] | None = None) -> np.ndarray:
    """A white page with a grid drawn in points; `skip` leaves out one vertical rule in a row."""
    import cv2

    image = np.full((int(400 * SCALE), int(500 * SCALE)), 255, np.uint8)
    px = [int(v * SCALE) for v in cols]
    py = [int(v * SCALE) for v in rows]
    for y in py:
        cv2.line(image, (px[0], y), (px[-1], y), 0, 2)
    for c, x in enumerate(px):
        for r in range(len(py) - 1):
            if skip != (r, c):
                cv2.line(image, (x, py[r]), (x, py[r + 1]), 0, 2)
    # Text-like strokes outside the grid are not rules.
    for x in range(60, 300, 12):
        cv2.line(image, (x, 700), (x + 8, 700), 0, 2)
        cv2.line(image, (x, 690), (x, 708), 0, 2)
    return image


def test_a_ruled_grid_is_found_with_its_merged_cell() -> None:
    rows, cols = [50, 70, 90, 110], [40, 140, 240, 340]
    [grid] = find_grids(_ruled(rows, cols, skip=(0, 2)), SCALE)
    assert grid.rows == 3 and grid.cols == 3
    assert all(abs(a - b) <= 1 for a, b in zip(grid.xs, cols, strict=True))
    assert all(abs(a - b) <= 1 for a, b in zip(grid.ys, rows, strict=True))
    first_row = [c for c in grid.cells if c.row == 0]
    assert [c.col for c in first_row] == [0, 1]  # columns 1 and 2 merged in the header
    assert abs(first_row[1].box[2] - 340) <= 1


def test_a_grids_rules_are_whitened_for_the_recogniser_and_other_strokes_kept() -> None:
    image = _ruled([50, 70, 90, 110], [40, 140, 240, 340])
    _, clean = read_rulings(image, SCALE)
    assert (clean[int(50 * SCALE), 100:600] == 255).all()  # a rule of the grid
    assert (clean[700, 60:68] == 0).all()  # a stroke outside any grid


def test_a_title_misread_by_one_character_is_repaired() -> None:
    assert repair_title("2026年预算支比总表") == "2026年预算支出总表"
    assert repair_title("2026年预算收支总表") == "2026年预算收支总表"
    assert repair_title("本表为空表的说明文字") == "本表为空表的说明文字"


def test_no_grid_on_text_alone() -> None:
    image = np.full((400, 500), 255, np.uint8)
    image[100:120:4, 50:60] = 0
    assert find_grids(image, SCALE) == []


def test_words_in_a_grid_become_tabbed_rows_with_cell_boxes() -> None:
    rows, cols = [50, 70, 90, 110], [40, 140, 240, 340]
    [grid] = find_grids(_ruled(rows, cols, skip=(0, 2)), SCALE)
    words = [
        word(45, 55, "科目名称"),
        word(150, 55, "2026年预算数"),
        word(45, 75, "合计"),
        # One box the detector ran across the rule at x=240: split at its characters.
        word(210, 75, "100.00200.00", 0.8),
        word(45, 95, "教育支出"),
        word(200, 95, "60.00", 0.99),
        word(300, 95, "40.00", 0.95),
    ]
    page = page_lines(words, [grid], 7, 595)
    header, total, education = page.lines
    assert header.tabbed and header.cells == ["科目名称", "2026年预算数", ""]
    assert header.cell_boxes is not None and header.cell_boxes[2] is None  # under the merge
    assert total.cells == ["合计", "100.00", "200.00"]
    assert total.cell_confidences == [0.99, 0.8, 0.8]
    assert education.cells == ["教育支出", "60.00", "40.00"]
    assert education.cell_boxes is not None
    box = education.cell_boxes[1]
    assert box is not None and abs(box[0] - 140) <= 1 and abs(box[3] - 110) <= 1
    assert page.tables == 1


def test_an_unruled_table_takes_its_columns_from_its_figures() -> None:
    words = [word(50, 60, "单位：万元")]
    for i, (name, a, b) in enumerate([("合计", "300.00", "100.00"), ("教育", "200.00", "80.00")]):
        top = 100 + 20 * i
        words += [word(50, top, name), word(200, top, a), word(320, top, b)]
    words.append(word(50, 140, "科技"))
    words += [word(205, 140, "100.00"), word(325, 140, "20.00")]
    page = page_lines(words, [], 1, 595)
    rows = [ln for ln in page.lines if ln.tabbed]
    assert [r.cells for r in rows] == [
        ["合计", "300.00", "100.00"],
        ["教育", "200.00", "80.00"],
        ["科技", "100.00", "20.00"],
    ]
    assert not page.lines[0].tabbed


# ------------------------------------------------------------ confidence downstream


def _doc(confidence: float | None) -> tuple[Document, Report]:
    where = Provenance(page=1, bbox=(1, 2, 3, 4), confidence=confidence)
    figure = Figure(key="abc/1/合计/金额", raw="10.00", value=Decimal("10.00"), where=where)
    table = Table(1, "收支总表", "budget_summary", None, ["金额"])
    table.rows.append(Row(key="合计", name="合计", figures={"金额": figure}))
    doc = Document(source=Source(path="scan.pdf", sha256="abc", format="pdf"))
    doc.tables.append(table)
    finding = Finding(
        "W1",
        Severity.ERROR,
        Text("合计不符", "the total differs"),
        refs=[Ref(Address(1, "合计", "金额"), key=figure.key)],
    )
    return doc, Report(document="abc", findings=[finding])


def test_confidence_is_stored_only_when_ocr_read_the_figure() -> None:
    doc, _ = _doc(0.5)
    data = document_to_dict(doc)
    assert data["tables"][0]["rows"][0]["figures"]["金额"]["confidence"] == 0.5
    again = document_from_dict(data).tables[0].rows[0].figures["金额"].where
    assert again.confidence == 0.5 and again.uncertain
    plain, _ = _doc(None)
    assert "confidence" not in document_to_dict(plain)["tables"][0]["rows"][0]["figures"]["金额"]


def test_a_later_files_figures_and_claims_keep_part_and_confidence() -> None:
    from budget_review.model import Claim

    doc, _ = _doc(None)
    where = Provenance(page=3, bbox=(1, 2, 3, 4), part=1, confidence=0.7)
    row = doc.tables[0].rows[0]
    row.figures["金额"] = replace(row.figures["金额"], where=where)
    doc.claims.append(Claim("10.00万元", "amount", Decimal("10.00"), "万元", "", where=where))
    again = document_from_dict(document_to_dict(doc))
    figure = again.tables[0].rows[0].figures["金额"].where
    assert (figure.part, figure.confidence, figure.page) == (1, 0.7, 3)
    claim = again.claims[0].where
    assert (claim.part, claim.confidence, claim.page) == (1, 0.7, 3)


def test_check_output_marks_findings_on_doubtful_figures() -> None:
    import json

    doc, findings = _doc(0.5)
    assert "(OCR: may be misread)" in report.text(doc, findings, "en")
    assert "可能识别有误" in report.markdown(doc, findings, "zh")
    [out] = json.loads(report.as_json([(doc, findings)], "en"))["documents"][0]["findings"]
    assert out["low_confidence"] is True and out["refs"][0]["low_confidence"] is True
    sure, sure_findings = _doc(0.99)
    assert "misread" not in report.text(sure, sure_findings, "en")
    [out] = json.loads(report.as_json([(sure, sure_findings)], "en"))["documents"][0]["findings"]
    assert out["low_confidence"] is False


def test_the_grid_marks_a_doubtful_figure_without_colour() -> None:
    assert MISREAD_MARK in figure_cell("10.00", None, doubtful=True).plain
    assert MISREAD_MARK not in figure_cell("10.00", None).plain


def test_a_wording_finding_on_an_ocrd_page_may_be_a_misreading() -> None:
    doc, _ = _doc(None)
    where = Provenance(page=2, confidence=0.99)
    doc.sections.append(Section("一、概况", 2, ["（三)公务用车"], where, [where], number=1))
    doubts = Doubts(doc)
    quoted = "（三)公务用车"
    assert doubts.of(Ref(Address(paragraph="s1p1", field="text"), text=quoted, page=2))
    assert doubts.of(Ref(Address(field="text"), text=quoted, page=2))
    assert not doubts.of(Ref(Address(field="text"), text=quoted, page=5))
    plain, _ = _doc(None)
    plain.sections.append(
        Section("一、概况", 2, [quoted], Provenance(page=2), [Provenance(page=2)])
    )
    assert not Doubts(plain)
    assert not Doubts(plain).of(Ref(Address(paragraph="s1p1", field="text"), page=2))


def test_a_claim_ocr_was_unsure_of_is_in_doubt_by_its_key() -> None:
    from budget_review.model import Claim

    doc, _ = _doc(None)
    unsure = Provenance(page=1, confidence=0.6)
    doc.claims.append(
        Claim("10.00万元", "amount", Decimal("10.00"), "万元", "", where=unsure, key="s1p1c1")
    )
    doubts = Doubts(doc)
    assert doubts.of(Ref(Address(paragraph="s1p1", claim="s1p1c1", field="amount")))
    assert not doubts.of(Ref(Address(paragraph="s1p1", claim="s1p1c2", field="amount")))
