"""One PDF page → lines: ruled tables as rows of boxed cells, everything else as text lines.

Runs in worker processes, so it takes a page number and returns plain data. The
stamp filter runs before anything reads a cell: a watermark drawn in large
rotated characters across the page would otherwise land inside table cells.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from budget_review.model.document import BBox
from budget_review.model.money import unit_from_text
from budget_review.parsers.cards import CARD_HEADING
from budget_review.parsers.catalogue import LABEL_LINE, match_title
from budget_review.parsers.grid import is_number_cell
from budget_review.parsers.lines import (
    CONTINUED,
    DEPT_LINE,
    NOTE,
    UNIT_LINE,
    Line,
)
from budget_review.parsers.pdf_grid import (
    GridCell,
    is_spaced_out,
    join_contained_text,
    join_nested_rows,
    join_stacked_header_text,
    join_wrapped_units,
    realign_columns,
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
    damage: str | None = None  # a content stream that could not be decompressed whole
    ocr: bool = False  # read from the page's picture (ocr_page.py)
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


def _boxes_on_their_baselines(chars: list[dict[str, Any]], height: float) -> list[dict[str, Any]]:
    """Characters of a font whose boxes stand off their baseline, moved to where the page's
    other fonts put theirs.

    Some embedded fonts declare metrics that put every glyph's box a line below the
    text (digits and punctuation in one font, Chinese in another): lines then split
    in two and figures fall into the row below. The baseline (the text matrix) is
    right; the box is taken from it.
    """
    offsets: dict[str, list[float]] = {}
    for ch in chars:
        if ch.get("upright", True) and ch["size"] > 0:
            base = height - ch["matrix"][5]
            offsets.setdefault(ch["fontname"], []).append((ch["top"] - base) / ch["size"])
    medians = {font: statistics.median(values) for font, values in offsets.items()}
    # A glyph's box holds its baseline about four fifths of the way down; a box that starts
    # at the baseline, or ends above it, is a font's misdeclared metrics.
    sound = [m for m in medians.values() if -1.2 <= m <= -0.3]
    off = {font for font, m in medians.items() if not -1.2 <= m <= -0.3 and len(offsets[font]) >= 3}
    if not off:
        return chars
    dominant = statistics.median(sound) if sound else -0.78
    moved = []
    for ch in chars:
        if ch["fontname"] in off and ch.get("upright", True):
            shift = (dominant - medians[ch["fontname"]]) * ch["size"]
            ch = {
                **ch,
                "top": ch["top"] + shift,
                "bottom": ch["bottom"] + shift,
                "doctop": ch.get("doctop", ch["top"]) + shift,
                "y0": ch["y0"] - shift,
                "y1": ch["y1"] - shift,
            }
        moved.append(ch)
    return moved


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
    first = next((r for r, row in enumerate(texts) if any(is_number_cell(t) for t in row)), None)
    if first:
        for c, text in enumerate(texts[first]):
            spill = _SPILL.match(text)
            heading = next((r for r in range(first - 1, -1, -1) if texts[r][c]), None)
            if spill and heading is not None:
                # a heading too long for its cell runs into the first figures' cells below it
                texts[heading][c] += spill.group("words")
                texts[first][c] = spill.group("figure")
    return texts


# '收入101,833.84': the end of the heading above, then the cell's own figure
_SPILL = re.compile(r"^(?P<words>[\u4e00-\u9fff]{1,4})(?P<figure>-?[\d,]+\.\d+)$")


# A title in a caption row: '预算表12 项目支出绩效目标表', '部门整体支出绩效目标表'
_TITLE_LIKE = re.compile(r"^(?:\S*表\d{1,2}|\S{0,6}\d{1,2}表)?[\u4e00-\u9fff“”（）()、]{4,40}表$")


def row_caption(values: list[str]) -> str | None:
    """A title, unit or caption row drawn inside the grid (as spreadsheets export it), as text."""
    filled = [v.strip() for v in values if v.strip()]
    if not filled or len(filled) > 2:
        return None
    text = "   ".join(filled)
    one = len(filled) == 1
    if one and (match_title(text) or LABEL_LINE.match(text) or NOTE.match(text)):
        return text
    if one and (CARD_HEADING.search(text) or _TITLE_LIKE.match(re.sub(r"\s+", "", text))):
        return text  # a card's heading, or a table title we do not know, stands alone
    if all(DEPT_LINE.match(v) or UNIT_LINE.match(v) for v in filled):
        return text
    return None


def _table_rows(
    table: PlumberTable,
    page: int,
    chars: list[dict[str, Any]],
    above: list[dict[str, Any]] | None = None,
) -> list[Line]:
    """The table's rows as lines; `above` are the characters of a row printed just above
    the grid's first ruling (a continuation page that leaves the row's top line out)."""
    rows = [
        [
            GridCell(text, tuple(cell) if cell else None)  # type: ignore[arg-type]
            for text, cell in zip(values, row.cells, strict=True)
        ]
        for row, values in zip(table.rows, _cell_texts(table, chars), strict=True)
    ]
    if above:
        rows.insert(0, _row_over_columns(table, above))
    rows = join_wrapped_units(join_nested_rows(join_contained_text(rows)))
    if is_spaced_out(rows):
        rows = realign_columns(join_stacked_header_text(rows))
    lines: list[Line] = []
    for cells in rows:
        values = [cell.text for cell in cells]
        if lines and _ends_caption(lines[-1], values):
            # '部门名称：江苏省高级人民法' / '院   单位：万元': a caption wrapped inside the grid
            rest = "   ".join(v.strip() for v in values if v.strip())
            glue = "   " if rest.startswith(("单位", "金额单位")) else ""
            lines[-1].text = lines[-1].text + glue + rest
            lines[-1].cells = [lines[-1].text]
            continue
        boxes: list[BBox | None] = [cell.box for cell in cells]
        present = [c.box for c in cells if c.box is not None and c.text] or [
            b for b in boxes if b is not None
        ]
        box: BBox = (
            (
                min(b[0] for b in present),
                min(b[1] for b in present),
                max(b[2] for b in present),
                max(b[3] for b in present),
            )
            if present
            else (0.0, 0.0, 0.0, 0.0)
        )
        caption = row_caption(values)
        if caption is not None:
            lines.append(Line(0, caption, [caption], page=page, bbox=box))
            continue
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


def _dangling_row(
    table: PlumberTable,
    plain: list[tuple[BBox, str, float]],
    body: list[dict[str, Any]],
) -> tuple[tuple[BBox, str, float], list[dict[str, Any]]] | None:
    """A text line right above a ruled table that is one of its rows: a label and figures
    standing over the table's columns, where the page left the row's top rule out."""
    x0, top, x1, _ = table.bbox
    for entry in plain:
        box, text, size = entry
        if not (top - 2.2 * size <= box[3] <= top + 1 and box[0] >= x0 - 2 and box[2] <= x1 + 2):
            continue
        if _amounts(text) < 1 or "   " not in text or re.search(r"[。：:]", text):
            continue
        chars = [
            ch
            for ch in body
            if box[0] - 1 <= ch["x0"]
            and ch["x1"] <= box[2] + 1
            and box[1] - 1 <= ch["top"]
            and ch["bottom"] <= box[3] + 1
        ]
        return entry, chars
    return None


def _row_over_columns(table: PlumberTable, chars: list[dict[str, Any]]) -> list[GridCell]:
    """The characters put into the table's grid columns by where they stand."""
    edges = sorted(
        {round(v, 1) for row in table.rows for c in row.cells if c for v in (c[0], c[2])}
    )
    columns = list(itertools.pairwise(edges))
    width = max(len(row.cells) for row in table.rows)
    if len(columns) != width:
        columns = columns[:width] + [(0.0, 0.0)] * max(0, width - len(columns))
    texts: list[list[dict[str, Any]]] = [[] for _ in columns]
    for ch in chars:
        middle = (ch["x0"] + ch["x1"]) / 2
        for i, (a, b) in enumerate(columns):
            if a <= middle <= b:
                texts[i].append(ch)
                break
    cells = []
    for (a, b), members in zip(columns, texts, strict=True):
        if members:
            line = _text_lines(members, wide_gap=" ")
            text = join_cell_text("\n".join(t for _, t, _ in line))
            box = (a, min(c["top"] for c in members), b, max(c["bottom"] for c in members))
            cells.append(GridCell(text, box))
        else:
            cells.append(GridCell("", None))
    return cells


def _ends_caption(previous: Line, values: list[str]) -> bool:
    """The rest of a department caption the grid wrapped: a few characters, perhaps a unit."""
    if previous.tabbed or not DEPT_LINE.match(previous.text) or unit_from_text(previous.text):
        return False
    filled = [v.strip() for v in values if v.strip()]
    if not filled or len(filled) > 3 or is_number_cell(filled[0]):
        return False
    joined = "".join(filled)
    return len(filled[0]) <= 8 and (unit_from_text(joined) is not None or len(joined) <= 8)


def _amounts(text: str) -> int:
    return sum(is_number_cell(word) for word in text.split())


def unruled_table_region(
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
    body = _boxes_on_their_baselines([ch for ch in chars if ch["text"].strip()], float(page.height))
    result.char_size = statistics.median(ch["size"] for ch in body) if body else typical

    tables: list[PlumberTable] = []
    if page.lines or page.rects or page.curves:
        tables = [t for t in page.find_tables(LINES_SETTINGS) if _is_grid(t)]
        tables = [t for t in tables if not _drawn_behind_prose(t, page)]
    plain = _text_lines(_outside(body, tables))
    region = None if tables else unruled_table_region(plain, float(page.width))
    if region is not None:
        # Columns from the alignment of words, only inside the table's own region, so
        # that captions above it cannot shift the column edges.
        tables = [t for t in page.crop(region).find_tables(TEXT_SETTINGS) if _is_grid(t)]
        if tables:
            plain = _text_lines(_outside(body, tables))
    result.tables = len(tables)

    placed: list[tuple[float, Line]] = []
    dangling = {id(t): _dangling_row(t, plain, body) for t in tables}
    taken = {id(row[0]) for row in dangling.values() if row is not None}
    for entry in plain:
        box, text, _size = entry
        if id(entry) in taken:
            continue
        line = Line(number=0, text=text, cells=[text], page=number, bbox=box)
        placed.append((box[1], line))
        if _CONTENTS_HEAD.match(text.strip()):
            result.contents = True
    for table in tables:
        row = dangling[id(table)]
        for line in _table_rows(table, number, body, row[1] if row else None):
            placed.append((line.bbox[1] if line.bbox else 0.0, line))
    placed.sort(key=lambda item: item[0])
    result.lines = [line for _, line in placed]
    result.left = min((box[0] for box, _, _ in plain), default=0.0)
    result.right = max((box[2] for box, _, _ in plain), default=0.0)
    return result


def _invisible(rect: dict[str, Any]) -> bool:
    """A white box with no border, as word processors draw behind runs of text: it rules
    nothing, and read as cell edges it shreds a page of prose into one-line tables."""
    if rect.get("stroke") or not rect.get("fill"):
        return False
    if "white_fill" in rect:  # pdfium
        return bool(rect["white_fill"])
    colour = rect.get("non_stroking_color")
    if isinstance(colour, (int, float)):
        return float(colour) == 1.0
    if isinstance(colour, (tuple, list)):
        return (len(colour) == 3 and all(float(c) == 1.0 for c in colour)) or (
            len(colour) == 4 and all(float(c) == 0.0 for c in colour)  # CMYK: no ink
        )
    return False


def _drawn_behind_prose(table: PlumberTable, page: Page) -> bool:
    """A one-row "table" whose every edge is an invisible box: the white backgrounds a
    word processor draws behind runs of prose, not a grid."""
    if len(table.rows) > 1:
        return False
    x0, top, x1, bottom = table.bbox
    slack = 1.0
    for obj in (*page.lines, *page.rects, *page.curves):
        if obj.get("object_type") == "rect" and _invisible(obj):
            continue
        if (
            obj["x0"] <= x1 + slack
            and obj["x1"] >= x0 - slack
            and obj["top"] <= bottom + slack
            and obj["bottom"] >= top - slack
        ):
            return False  # something visible rules it
    return True


def _is_grid(table: PlumberTable) -> bool:
    """A real table has two columns or more; a one-column box is framed text (a contents box)."""
    widest = max((len(row.cells) for row in table.rows), default=0)
    return widest >= 2 and len(table.rows) >= 1
