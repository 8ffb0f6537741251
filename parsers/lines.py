"""The line stream every reader produces: a text-dump line or a line read off a PDF page.

Readers differ only in how they make lines; `BlockReader` turns any line stream
into tables, cards and prose. Page furniture is recognised here, once for both.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from budget_review.model import Provenance, Text, words
from budget_review.model.document import BBox
from budget_review.parsers.cards import CARD_HEADING
from budget_review.parsers.catalogue import LABEL_LINE, match_title
from budget_review.parsers.grid import Cell, GridLine

# Stamps and watermarks that sit on every page and are never content.
STAMP = re.compile(r"^(仅供内部审核|内部资料|内部审核|审核稿|征求意见稿|草稿|样稿|注意保密)$")
PAGE_NUMBER = re.compile(
    r"^(?:[-－—]?\s*(?:\d\s*){1,3}[-－—]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}(?:\s*/\s*\d{1,3})?)$"
)
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
SECTION_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、.．](?!\d))"
)
# '续表', '续表1', '（续）': the page continues the table above
CONTINUED = re.compile(r"^(?:续表\s*[\d一二三四五六七八九十]{0,3}|[（(]续表?[)）])$")
NOTE = re.compile(r"^[（(]?\s*(?:注|说明|备注)\s*\d?\s*[:：]")
# '部门名称：…', '部门（单位）：…', '单位名称 …' (its colon lost), never '单位：万元'
DEPT_LINE = re.compile(
    r"^(?:部门名称|编制部门|编制单位|单位名称|预算单位|资金主管部门|主管部门|部门[（(]单位[)）]|部门)"
    r"\s*(?:[:：]|(?<=名称)\s)\s*(?P<name>(?!(?:金额)?(?:亿元|万元|元)(?:$|\s)).+)$"
)
UNIT_LINE = re.compile(r"^(?:金额)?单位\s*[:：]?\s*(?:亿元|万元|元)$")
YEAR_LINE = re.compile(r"^[(（]\s*(\d{4})\s*年度?\s*[)）]$")


@dataclass
class Line:
    """One line of the document, in reading order.

    `number` orders lines across the whole document; for a text dump it is the
    line number in the file. PDF lines carry their page and box instead, and a
    table row carries one box per cell.
    """

    number: int
    text: str
    cells: list[str] = field(default_factory=list)
    tabbed: bool = False
    page: int | None = None
    bbox: BBox | None = None
    cell_boxes: list[BBox | None] | None = None
    # "contents" for lines of a contents page the PDF reader recognised
    role: str | None = None
    # OCR'd lines: the lowest confidence of the line's text, and of each cell's
    confidence: float | None = None
    cell_confidences: list[float | None] | None = None

    @property
    def where(self) -> Provenance:
        if self.page is None:
            return Provenance(line=self.number)
        return Provenance(page=self.page, bbox=self.bbox, confidence=self.confidence)

    @property
    def place(self) -> Text:
        """Where to look, for messages: 第12行 / line 12, or 第3页 / page 3."""
        return (
            words("where.line", n=self.number)
            if self.page is None
            else words("where.page", n=self.page)
        )

    def grid(self) -> GridLine:
        where = self.where
        cells = []
        boxed = self.cell_boxes is not None
        for i, text in enumerate(self.cells):
            box = self.cell_boxes[i] if self.cell_boxes and i < len(self.cell_boxes) else None
            sure = self.cell_confidences
            confidence = sure[i] if sure and i < len(sure) else None
            cell_where = (
                Provenance(page=self.page, bbox=box or self.bbox, confidence=confidence)
                if self.page
                else where
            )
            cells.append(Cell(text.strip(), cell_where, covered=boxed and box is None))
        return GridLine(cells, where, boxed=boxed)


_TITLED_SECTION = re.compile(r"(?:情况说明|编制说明|名词解释|主要职能|机构设置)$")


def is_heading(text: str) -> bool:
    if PART_HEADING.match(text):
        return True
    # '科技创新专项经费情况说明': a section titled without an ordinal
    if len(text) <= 30 and _TITLED_SECTION.search(text) and not re.search(r"[，。；：,;:]", text):
        return True
    return bool(SECTION_HEADING.match(text)) and len(text) <= 40 and "。" not in text[:-1]


def _structural(text: str) -> bool:
    """Lines that repeat on purpose: units, department captions, headings, card years."""
    return bool(
        YEAR_LINE.match(text)
        or CARD_HEADING.search(text)
        or DEPT_LINE.match(text)
        or UNIT_LINE.match(text)
        or NOTE.match(text)
        or is_heading(text)
        or LABEL_LINE.match(text)
        or match_title(text)
        # a table's title, known or not, is printed again on each page of the table
        or (len(text) <= 40 and text.endswith("表"))
    )


def furniture(lines: list[Line], repeats: int = 8) -> set[int]:
    """Numbers of the stamp, page-number and running-header lines repeated across pages."""
    drop = {ln.number for ln in lines if STAMP.match(ln.text.strip())}
    drop |= {ln.number for ln in lines if not ln.tabbed and PAGE_NUMBER.match(ln.text.strip())}
    plain = Counter(ln.text.strip() for ln in lines if ln.text.strip() and not ln.tabbed)
    for ln in lines:
        text = ln.text.strip()
        # A short line repeated on many pages that is neither a heading nor a card's year line.
        if (
            text
            and not ln.tabbed
            and plain[text] >= repeats
            and len(text) <= 30
            and not _structural(text)
        ):
            drop.add(ln.number)
    return drop
