"""The pdfium engine gives the page objects pdfminer would: PDFs made here, one detail each."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pypdfium2
import pytest
from budget_review.model.serialize import document_to_dict
from budget_review.parsers import parse_file
from budget_review.parsers.pdf import _Reader
from budget_review.parsers.pdf_fonts import FontTable
from budget_review.parsers.pdf_page import PageLines
from budget_review.parsers.pdfium_page import page_objects
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.synthetic_pdf import FONT, unruled_unit_budget

A4 = (595, 842)
# An embedded font (reportlab ships it): pdfium draws its glyphs whatever fonts the machine has.
# The CJK font (STSong-Light) is not embedded: pdfium knows its advances, not its outlines.
LATIN = "Vera"
pdfmetrics.registerFont(TTFont(LATIN, "Vera.ttf"))


def _objects(path: Path, number: int = 1) -> tuple[dict[str, Any], dict[str, Any]]:
    """(pdfminer's objects, pdfium's objects) of one page."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[number - 1]
        document = pypdfium2.PdfDocument(str(path))
        try:
            ours = page_objects(page, document, FontTable())
        finally:
            document.close()
        return page.objects, ours


def _printed(objects: dict[str, Any]) -> list[dict[str, Any]]:
    return [ch for ch in objects.get("char", []) if ch["text"].strip()]


def _read(path: Path, engine: str, number: int = 1) -> PageLines:
    reader = _Reader(str(path), engine)
    try:
        return reader.read(number)
    finally:
        reader.close()


def _lines(page: PageLines) -> list[tuple[str, bool]]:
    return [(line.text, line.tabbed) for line in page.lines]


def _same_boxes(
    ours: list[dict[str, Any]], theirs: list[dict[str, Any]], within: float = 0.01
) -> None:
    assert [ch["text"] for ch in ours] == [ch["text"] for ch in theirs]
    for mine, other in zip(ours, theirs, strict=True):
        for key in ("x0", "x1", "top", "bottom", "size"):
            assert mine[key] == pytest.approx(other[key], abs=within), (mine["text"], key)
        assert mine["upright"] == other["upright"]


def test_font_size_is_scaled_by_the_text_matrix(tmp_path: Path) -> None:
    """36-point text set as 720-point text under a 0.05 scale: pdfium's own size is 720."""
    path = tmp_path / "scaled.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.saveState()
    pdf.translate(60, 700)
    pdf.scale(0.05, 0.05)  # in the graphics state (cm)
    pdf.setFont(FONT, 720)
    pdf.drawString(0, 0, "合计   1,000.00")
    pdf.restoreState()
    text = pdf.beginText()
    text.setTextTransform(0.05, 0, 0, 0.05, 60, 600)  # in the text matrix (Tm)
    text.setFont(FONT, 720)
    text.textOut("合计   2,000.00")
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()

    theirs, ours = _objects(path)
    assert {round(ch["size"], 2) for ch in _printed(ours)} == {36.0}
    _same_boxes(_printed(ours), _printed(theirs))
    # word gaps are measured against the size: at 720 points the figure would join the name
    assert _lines(_read(path, "pdfium")) == [("合计 1,000.00", False), ("合计 2,000.00", False)]
    assert _lines(_read(path, "pdfium")) == _lines(_read(path, "pdfminer"))


def test_rise_and_horizontal_scaling_give_pdfminer_boxes(tmp_path: Path) -> None:
    path = tmp_path / "rise.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    text = pdf.beginText()
    text.setTextOrigin(60, 500)
    text.setFont(FONT, 12)
    text.setRise(3)
    text.textOut("上标")
    text.setRise(0)
    text.setHorizScale(80)
    text.textOut("压缩 3.00")
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    theirs, ours = _objects(path)
    _same_boxes(_printed(ours), _printed(theirs))


def test_two_close_title_lines_on_a_cover_stay_two_lines(tmp_path: Path) -> None:
    """Boxes are pdfium's origin plus pdfminer's convention (baseline + descent, the font
    size high); taller boxes (glyph outlines, ascent to descent) of two title lines set
    26.5 pt apart at 26 pt would overlap, and one line would swallow the other."""
    path = tmp_path / "cover.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 26)
    pdf.drawCentredString(297, 600, "某县人力资源和社会保障局")
    pdf.drawCentredString(297, 573.5, "2026年部门预算")
    pdf.showPage()
    pdf.save()

    theirs, ours = _objects(path)
    _same_boxes(_printed(ours), _printed(theirs))
    fonts = pypdf.PdfReader(path).pages[0]["/Resources"]["/Font"]
    cjk = next(f for f in fonts.values() if "/DescendantFonts" in f)
    descent = cjk["/DescendantFonts"][0]["/FontDescriptor"]["/Descent"] / 1000 * 26
    assert {round(ch["bottom"] - ch["top"], 3) for ch in _printed(ours)} == {26.0}
    baselines = {round(842 - ch["bottom"] - descent, 3) for ch in _printed(ours)}
    assert baselines == {600.0, 573.5}
    expected = [("某县人力资源和社会保障局", False), ("2026年部门预算", False)]
    assert _lines(_read(path, "pdfium")) == expected == _lines(_read(path, "pdfminer"))


def test_page_rotation_and_an_offset_mediabox(tmp_path: Path) -> None:
    path = tmp_path / "turned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 12)
    pdf.drawString(60, 700, "单位：万元")
    pdf.drawString(60, 680, "合计   100.00")
    pdf.rect(50, 660, 300, 60)
    pdf.line(50, 690, 350, 690)
    pdf.showPage()
    pdf.save()
    reader = pypdf.PdfReader(path)
    writer = pypdf.PdfWriter()
    for rotation, box in [(90, None), (180, None), (270, None), (0, (-20, -30, 575, 812))]:
        page = writer.add_page(reader.pages[0])
        page.rotate(rotation)
        if box:
            page.mediabox = pypdf.generic.RectangleObject(box)
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())
    for number in range(1, 5):
        theirs, ours = _objects(path, number)
        _same_boxes(_printed(ours), _printed(theirs))
        for kind in ("line", "rect"):
            assert len(ours.get(kind, [])) == len(theirs.get(kind, [])), (number, kind)
            for mine, other in zip(ours.get(kind, []), theirs.get(kind, []), strict=True):
                for key in ("x0", "x1", "top", "bottom"):
                    assert mine[key] == pytest.approx(other[key], abs=0.01), (number, kind, key)


def test_real_spaces_are_kept_and_made_up_ones_left_out(tmp_path: Path) -> None:
    """pdfium adds a space between two strings set apart and keeps one of a run of spaces;
    a char list holds only what is printed, and blanks never decide a page's text size."""
    path = tmp_path / "spaces.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 12)
    pdf.drawString(60, 700, "合计")
    pdf.drawString(120, 700, "1,000.00")  # apart: pdfium makes up a space between them
    pdf.drawString(60, 680, "项目 A B")  # real spaces
    pdf.setFont(FONT, 40)
    pdf.drawString(60, 760, "部门预算")  # a heading, not a stamp
    pdf.setFont(LATIN, 4)
    for i in range(80):  # blank text objects, which pdfium does not read at all
        pdf.drawString(60 + 6 * (i % 40), 640 - 10 * (i // 40), " ")
    pdf.showPage()
    pdf.save()

    theirs, ours = _objects(path)
    assert [ch["text"] for ch in _printed(ours)] == [ch["text"] for ch in _printed(theirs)]
    assert sum(1 for ch in ours["char"] if ch["text"] == " ") >= 2  # the real ones in 项目 A B
    assert len(ours["char"]) < len(theirs["char"])  # the blank objects are missing
    lines = _lines(_read(path, "pdfium"))
    assert ("部门预算", False) in lines  # 40 pt among text of 12 pt: kept, whatever the blanks
    assert lines == _lines(_read(path, "pdfminer"))


def test_a_page_of_blanks_is_not_a_blank_page(tmp_path: Path) -> None:
    path = tmp_path / "blanks.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 12)
    pdf.drawString(60, 700, "   ")
    pdf.showPage()
    pdf.save()
    ours, theirs = _read(path, "pdfium"), _read(path, "pdfminer")
    assert (ours.has_text, ours.lines) == (theirs.has_text, theirs.lines) == (True, [])


def test_rotated_stamp_characters_are_dropped_and_a_sideways_page_kept(tmp_path: Path) -> None:
    path = tmp_path / "stamp.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 12)
    for i, text in enumerate(["2025年部门收入预算总表", "单位：元", "合计   1,000.00   800.00"]):
        pdf.drawString(60, 700 - 20 * i, text)
    pdf.saveState()
    pdf.translate(300, 420)
    pdf.rotate(45)
    pdf.setFont(LATIN, 60)
    pdf.drawCentredString(0, 0, "INTERNAL")
    pdf.restoreState()
    pdf.showPage()
    sideways = ["Budget 2025", "Unit: yuan", "Total 1,000.00 800.00"]
    cjk_sideways = ["2025年部门收入预算总表", "单位：元", "合计 1,000.00 800.00"]
    for font, texts in ((LATIN, sideways), (FONT, cjk_sideways)):  # every character turned
        pdf.setFont(font, 10)
        pdf.translate(300, 100)
        pdf.rotate(90)
        for i, text in enumerate(texts):
            pdf.drawString(0, -20 * i, text)
        pdf.showPage()
    pdf.save()

    theirs, ours = _objects(path)
    # pdfium keeps a simple font's widths in whole thousandths of an em and Vera's are not:
    # each letter of the 60 pt stamp moves the next by up to 0.06 pt
    _same_boxes(_printed(ours), _printed(theirs), within=0.5)
    turned = [ch for ch in _printed(ours) if ch["size"] > 30]
    assert len(turned) == 8 and all(abs(ch["matrix"][1]) > 0.5 for ch in turned)
    stamped = _read(path, "pdfium")
    assert stamped.fallback is None
    assert not any("N" in line.text for line in stamped.lines)
    assert _lines(stamped) == _lines(_read(path, "pdfminer"))

    turned_page = _read(path, "pdfium", 2)
    assert turned_page.fallback is None
    kept = sum(len(line.text.replace(" ", "")) for line in turned_page.lines)
    assert kept == sum(len(text.replace(" ", "")) for text in sideways)
    assert _lines(turned_page) == _lines(_read(path, "pdfminer", 2))
    # Turned text in a CJK font that is not embedded: pdfium has no outlines for its letters,
    # and takes a turned string for a blank one, so pdfminer reads the page.
    cjk = _read(path, "pdfium", 3)
    assert cjk.fallback == "text in a font pdfium cannot draw (STSong-Light)"
    assert _lines(cjk) == _lines(_read(path, "pdfminer", 3))


# ---------------------------------------------------------------------- pdfminer's pages


def _type3_pdf() -> bytes:
    """One page of text in a Type3 font (glyphs drawn as squares), written by hand."""
    square = b"1000 0 0 0 1000 1000 d1 0 0 800 800 re f"
    content = b"BT /T3 12 Tf 100 700 Td (AB) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /T3 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000]"
        b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /A 6 0 R /B 6 0 R >>"
        b" /Encoding << /Type /Encoding /Differences [65 /A /B] >>"
        b" /FirstChar 65 /LastChar 66 /Widths [1000 1000] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(square), square),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_type3_page_is_read_with_pdfminer(tmp_path: Path) -> None:
    path = tmp_path / "type3.pdf"
    path.write_bytes(_type3_pdf())
    ours = _read(path, "pdfium")
    assert ours.fallback is not None and "Type3" in ours.fallback
    assert _lines(ours) == _lines(_read(path, "pdfminer")) == [("AB", False)]


def test_text_drawn_twice_is_read_with_pdfminer(tmp_path: Path) -> None:
    """Bold made by printing a string again a hair to the right: pdfium reads it once,
    pdfminer twice, so pdfminer reads the page, as it always did."""
    path = tmp_path / "bold.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 16)
    pdf.drawString(60, 700, "部门收入总表")
    pdf.drawString(60.3, 700, "部门收入总表")
    pdf.showPage()
    pdf.save()
    ours = _read(path, "pdfium")
    assert ours.fallback == "text drawn twice over itself"
    assert _lines(ours) == _lines(_read(path, "pdfminer"))


@pytest.fixture(scope="module")
def unruled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdfium") / "unruled.pdf"
    unruled_unit_budget(path)
    return path


def test_a_page_pdfium_fails_on_is_read_with_pdfminer_and_named(
    unruled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from budget_review.parsers import pdfium_page

    real = pdfium_page.page_objects

    def failing(page: Any, document: Any, fonts: Any) -> Any:
        if page.page_number == 2:
            raise RuntimeError("cannot load page")
        return real(page, document, fonts)

    monkeypatch.setattr(pdfium_page, "page_objects", failing)
    doc = parse_file(unruled, jobs=1, engine="pdfium")
    assert [w.en for w in doc.warnings] == [
        "page 2: read with pdfminer (pdfium: RuntimeError: cannot load page)"
    ]
    doc.warnings = []
    reference = document_to_dict(parse_file(unruled, jobs=1, engine="pdfminer"))
    assert document_to_dict(doc) == reference


def test_a_file_pdfium_cannot_open_is_read_with_pdfminer(
    unruled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: Any) -> Any:
        raise pypdfium2.PdfiumError("Failed to load document")

    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)
    doc = parse_file(unruled, jobs=1, engine="pdfium")
    assert [w.en for w in doc.warnings] == [
        "every page read with pdfminer (pdfium could not open the file: "
        "PdfiumError: Failed to load document)"
    ]
    assert len(doc.tables) == 1


def test_the_engine_is_a_parameter_and_an_unknown_one_is_refused(
    unruled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdfium = document_to_dict(parse_file(unruled, jobs=2, engine="pdfium"))
    monkeypatch.setenv("BUDGET_REVIEW_PDF_ENGINE", "pdfminer")
    assert document_to_dict(parse_file(unruled, jobs=2)) == pdfium
    with pytest.raises(ValueError, match="unknown PDF engine 'mupdf'"):
        parse_file(unruled, jobs=1, engine="mupdf")
