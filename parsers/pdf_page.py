"""One PDF page → lines: ruled tables as rows of boxed cells, everything else as text lines.

Runs in worker processes, so it takes a page number and returns plain data. The
stamp filter runs before anything reads a cell: a watermark drawn in large
rotated characters across the page would otherwise land inside table cells.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from budget_review.model.document import BBox
from budget_review.parsers.catalogue import match_title
from budget_review.parsers.grid import is_number_cell
from budget_review.parsers.lines import (
    CONTINUED,
    DEPT_LINE,
    LABEL_LINE,
    NOTE,
    UNIT_LINE,
    Line,
)

if TYPE_CHECKING:
    from pdfplumber.page import Page
    from pdfplumber.table import Table as PlumberTable

_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{_CJK}]")
# Spaces pdf text puts between Chinese and figures or inside Chinese ('2024 年', '307.82 万元');
# three or more are a gap between two things on one line and stay.
_STRAY_SPACE = re.compile(
    rf"(?<=[{_CJK}])[ \u3000]{{1,2}}(?=[{_CJK}\d])|(?<=[\d%.])[ \u3000]{{1,2}}(?=[{_CJK}])"
)
_CONTENTS_HEAD = re.compile(r"^目\s*录$")

LINES_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
TEXT_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "text",
    "horizontal_strategy": "text",
    "min_words_vertical": 2,
    "text_x_tolerance": 2,
}


@dataclass
class PageLines:
    """What one page gave: its lines in reading order, and whether it could be read."""

    page: int
    lines: list[Line] = field(default_factory=list)
    has_text: bool = True
    has_images: bool = False
    tables: int = 0
    contents: bool = False  # holds the 目录 heading
    problem: str | None = None
    fallback: str | None = None  # why pdfminer read the page in pdfium's place
    width: float = 0.0
    left: float = 0.0  # left and right edges of the text, for joining wrapped prose lines
    right: float = 0.0
    char_size: float = 10.0


def _is_stamp(char: dict[str, Any], typical: float) -> bool:
    """Watermark characters: rotated, or drawn far larger than the page's text."""
    _, b, c, _ = char["matrix"][:4]
    if abs(b) > 1e-3 or abs(c) > 1e-3 or not char.get("upright", True):
        return True
    return bool(char["size"] > 3.5 * typical and char["size"] > 30)


def join_cell_text(text: str) -> str:
    """Join the lines of a wrapped cell: no space between Chinese characters."""
    parts = [p.strip() for p in text.split("\n")]
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (_CJK_CHAR.search(out[-1]) or _CJK_CHAR.search(part[0])):
            out += " "
        out += part
    return out


def clean_prose(text: str) -> str:
    return _STRAY_SPACE.sub("", text).strip()


def _text_lines(
    chars: list[dict[str, Any]], wide_gap: str = "   "
) -> list[tuple[BBox, str, float]]:
    """Cluster characters into lines: (box, text, char size), top to bottom."""
    rows: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda ch: (round(ch["top"]), ch["x0"])):
        middle = (char["top"] + char["bottom"]) / 2
        for row in reversed(rows[-3:]):
            top, bottom = row[0]["top"], row[0]["bottom"]
            if top - 1 <= middle <= bottom + 1:
                row.append(char)
                break
        else:
            rows.append([char])
    result = []
    for row in rows:
        row.sort(key=lambda ch: ch["x0"])
        size = statistics.median(ch["size"] for ch in row)
        text = ""
        last_x1 = None
        for ch in row:
            if last_x1 is not None and ch["x0"] - last_x1 > 0.3 * size and not text.endswith(" "):
                gap = ch["x0"] - last_x1
                text += wide_gap if gap > 2 * size else " "
            text += ch["text"]
            last_x1 = ch["x1"]
        box = (
            min(ch["x0"] for ch in row),
            min(ch["top"] for ch in row),
            max(ch["x1"] for ch in row),
            max(ch["bottom"] for ch in row),
        )
        if text.strip():
            result.append((box, text.rstrip(), size))
    return result


def _outside(chars: list[dict[str, Any]], tables: list[PlumberTable]) -> list[dict[str, Any]]:
    """The characters that are not in any of the tables."""
    boxes = [table.bbox for table in tables]
    if not boxes:
        return chars
    kept = []
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        if not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes):
            kept.append(char)
    return kept


def _cell_texts(table: PlumberTable, chars: list[dict[str, Any]]) -> list[list[str]]:
    """Every cell's text from one pass over the characters (a crop per cell costs far more).

    A character belongs to the cell holding its centre; a merged cell is looked up
    in every row band it spans.
    """
    rows = table.rows
    tops = [row.bbox[1] for row in rows]
    bands: list[list[tuple[int, int, tuple[float, float, float, float]]]] = [[] for _ in rows]
    for r, row in enumerate(rows):
        for c, box in enumerate(row.cells):
            if box is None:
                continue
            for k in range(r, len(rows)):
                if k > r and tops[k] >= box[3] - 0.5:
                    break
                bands[k].append((r, c, box))
    content: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        band = bisect.bisect_right(tops, y) - 1
        if band < 0:
            continue
        for r, c, (x0, top, x1, bottom) in bands[band]:
            if x0 <= x <= x1 and top <= y <= bottom:
                content.setdefault((r, c), []).append(char)
                break
    texts = [[""] * len(row.cells) for row in rows]
    for (r, c), members in content.items():
        lines = _text_lines(members, wide_gap=" ")
        texts[r][c] = join_cell_text("\n".join(text for _, text, _ in lines))
    return texts


def _caption(values: list[str]) -> str | None:
    """A title, unit or caption row drawn inside the grid (as spreadsheets export it), as text."""
    filled = [v.strip() for v in values if v.strip()]
    if not filled or len(filled) > 2:
        return None
    text = "   ".join(filled)
    if len(filled) == 1 and (match_title(text) or LABEL_LINE.match(text) or NOTE.match(text)):
        return text
    if all(DEPT_LINE.match(v) or UNIT_LINE.match(v) for v in filled):
        return text
    return None


def _table_rows(table: PlumberTable, page: int, chars: list[dict[str, Any]]) -> list[Line]:
    lines = []
    for row, values in zip(table.rows, _cell_texts(table, chars), strict=True):
        box = tuple(row.bbox)
        caption = _caption(values)
        if caption is not None:
            lines.append(Line(0, caption, [caption], page=page, bbox=box))
            continue
        boxes: list[BBox | None] = [tuple(box) if box else None for box in row.cells]  # type: ignore[misc]
        lines.append(
            Line(
                number=0,
                text="\t".join(values),
                cells=values,
                tabbed=True,
                page=page,
                bbox=box,
                cell_boxes=boxes,
            )
        )
    return lines


def _amounts(text: str) -> int:
    return sum(is_number_cell(word) for word in text.split())


def _unruled_table_region(
    lines: list[tuple[BBox, str, float]], width: float
) -> tuple[float, float, float, float] | None:
    """Where an unruled table sits: the run of lines with figures, and its header above.

    Three lines with two figures or more make a table; the header is the few
    lines just above the first of them that are not a title, unit or caption.
    """
    numeric = [i for i, (_, text, _) in enumerate(lines) if _amounts(text) >= 2]
    if len(numeric) < 3:
        return None
    first, last = numeric[0], numeric[-1]
    start = first
    while start > 0 and first - start < 4:
        text = lines[start - 1][1].strip()
        if (
            match_title(text)
            or UNIT_LINE.search(text)
            or CONTINUED.match(text)
            or re.search(r"[:：。]", text)
        ):
            break
        start -= 1
    top = lines[start][0][1] - 1
    bottom = lines[last][0][3] + 1
    left = min(box[0] for box, _, _ in lines[start : last + 1]) - 2
    return (max(0.0, left), max(0.0, top), width, bottom)


def read_page(page: Page, number: int) -> PageLines:
    """Read one page; never raises for a page's content, records the problem instead."""
    result = PageLines(page=number, width=float(page.width))
    chars = page.chars
    result.has_images = bool(page.images)
    if not chars:
        result.has_text = False
        return result
    # Sizes and counts leave blanks out: pdfium reports only some of a page's spaces.
    printed = [ch for ch in chars if ch["text"].strip()]
    typical = statistics.median(ch["size"] for ch in printed or chars)
    stamp = [ch for ch in chars if _is_stamp(ch, typical)]
    if sum(1 for ch in stamp if ch["text"].strip()) > 0.3 * len(printed):
        # Most of the page is turned: a rotated page, not a stamp. Keep its text.
        stamp = [ch for ch in stamp if ch["size"] > 3.5 * typical and ch["size"] > 30]
    if stamp:
        ids = {id(ch) for ch in stamp}
        page = page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in ids)
        chars = [ch for ch in chars if id(ch) not in ids]
    body = [ch for ch in chars if ch["text"].strip()]
    result.char_size = statistics.median(ch["size"] for ch in body) if body else typical

    tables: list[PlumberTable] = []
    if page.lines or page.rects:
        tables = [t for t in page.find_tables(LINES_SETTINGS) if _is_grid(t)]
    plain = _text_lines(_outside(body, tables))
    region = None if tables else _unruled_table_region(plain, float(page.width))
    if region is not None:
        # Columns from the alignment of words, only inside the table's own region, so
        # that captions above it cannot shift the column edges.
        tables = [t for t in page.crop(region).find_tables(TEXT_SETTINGS) if _is_grid(t)]
        if tables:
            plain = _text_lines(_outside(body, tables))
    result.tables = len(tables)

    placed: list[tuple[float, Line]] = []
    for box, text, _size in plain:
        line = Line(number=0, text=text, cells=[text], page=number, bbox=box)
        placed.append((box[1], line))
        if _CONTENTS_HEAD.match(text.strip()):
            result.contents = True
    for table in tables:
        for line in _table_rows(table, number, body):
            placed.append((line.bbox[1] if line.bbox else 0.0, line))
    placed.sort(key=lambda item: item[0])
    result.lines = [line for _, line in placed]
    result.left = min((box[0] for box, _, _ in plain), default=0.0)
    result.right = max((box[2] for box, _, _ in plain), default=0.0)
    return result


def _is_grid(table: PlumberTable) -> bool:
    """A real table has two columns or more; a one-column box is framed text (a contents box)."""
    widest = max((len(row.cells) for row in table.rows), default=0)
    return widest >= 2 and len(table.rows) >= 1
