"""A scan of the sample's table pages, OCR'd, gives the text layer's figures at the same places."""

from __future__ import annotations

import statistics

import pytest
from budget_review.model import Document, Figure
from budget_review.parsers import parse_bytes

from tests.conftest import JINCHENG_PDF
from tests.ocr_samples import extracted, scanned

# 表3, 表4 (over two pages, its continuation without a header) and 表5: 195 printed figures,
# ruled tables with merged header cells and rows 10 pt high. Four pages keep the test near
# 15 s on two cores.
PAGES = [11, 12, 13, 14]

Place = tuple[int | None, str, str]


def _figures(doc: Document) -> dict[Place, Figure]:
    return {
        (table.number, row.key, column): figure
        for table in doc.tables
        for row in table.rows
        for column, figure in row.figures.items()
        if figure.raw
    }


@pytest.fixture(scope="module")
def both() -> tuple[dict[Place, Figure], dict[Place, Figure], Document]:
    source = JINCHENG_PDF.read_bytes()
    text = parse_bytes("pages.pdf", extracted(source, PAGES), jobs=1, ocr="never")
    scan = parse_bytes("scan.pdf", scanned(source, PAGES), jobs=2)
    return _figures(text), _figures(scan), scan


@pytest.mark.xdist_group("ocr")
def test_ocr_finds_99_percent_of_the_figures_at_the_same_table_row_and_column(
    both: tuple[dict[Place, Figure], dict[Place, Figure], Document],
) -> None:
    text, scan, _ = both
    assert len(text) >= 190
    same = [
        place
        for place, figure in text.items()
        if place in scan and scan[place].value == figure.value
    ]
    missed = {p: text[p].raw for p in text if p not in same}
    assert len(same) / len(text) >= 0.99, missed


@pytest.mark.xdist_group("ocr")
def test_ocr_figures_keep_page_box_and_confidence_in_pdf_points(
    both: tuple[dict[Place, Figure], dict[Place, Figure], Document],
) -> None:
    text, scan, doc = both
    assert doc.warnings[0].en.startswith("pages 1–4 read by OCR")
    offsets = []
    for place, figure in scan.items():
        assert figure.where.page in (1, 2, 3, 4) and figure.where.bbox is not None
        assert figure.where.confidence is not None and 0 < figure.where.confidence <= 1
        if place in text and text[place].where.bbox is not None:
            ours, theirs = figure.where.bbox, text[place].where.bbox
            assert figure.where.page == text[place].where.page
            offsets += [abs(a - b) for a, b in zip(ours, theirs, strict=True)]
    # The cells' boxes come from the rules in the picture, the text layer's from the drawing.
    assert statistics.median(offsets) < 1.5
    assert max(offsets) < 6
