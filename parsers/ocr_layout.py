"""OCR'd words → the page's lines, exactly as a text page gives them.

Words inside a ruled grid become a tabbed row per grid row, one box per cell
(None where a merged cell covers the column), as `pdf_page.read_page` makes
them; an unruled table's columns come from where its figures' words line up;
everything else becomes text lines. Each line and cell keeps the lowest
confidence of the words it was read from.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from budget_review.model.document import BBox
from budget_review.parsers.lines import Line
from budget_review.parsers.ocr import Word
from budget_review.parsers.ocr_rulings import Grid
from budget_review.parsers.ocr_titles import repair_title
from budget_review.parsers.pdf_page import (  # the text reader's own rules, shared on purpose
    PageLines,
    join_cell_text,
    row_caption,
    unruled_table_region,
)

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_CONTENTS_HEAD = re.compile(r"^目\s*录$")
# A detected box is taller than the characters in it (the detector pads it).
BOX_TO_CHAR = 0.8


@dataclass
class OcrPageLines(PageLines):
    """A page read by OCR keeps its words: claims look up their own characters' confidence."""

    words: list[Word] = field(default_factory=list)


def _centre(box: BBox) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def _inside(box: BBox, area: BBox) -> bool:
    x, y = _centre(box)
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words on one line: each joins the line whose first word it overlaps vertically."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box[1], w.box[0])):
        middle = _centre(word.box)[1]
        for line in reversed(lines[-3:]):
            top, bottom = line[0].box[1], line[0].box[3]
            if top <= middle <= bottom:
                line.append(word)
                break
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.box[0])
    lines.sort(key=lambda line: min(w.box[1] for w in line))
    return lines


def _joint(left: str, right: str) -> str:
    return "" if _CJK.search(left[-1:]) or _CJK.search(right[:1]) else " "


def line_text(words: list[Word], wide_gap: str = "   ") -> str:
    """A line's words joined: a wide gap (two characters or more) stays wide, as on a text page."""
    size = statistics.median(w.box[3] - w.box[1] for w in words) * BOX_TO_CHAR
    text = ""
    last: Word | None = None
    for word in words:
        if last is not None:
            gap = word.box[0] - last.box[2]
            text += wide_gap if gap > 2 * size else (" " if gap > 0.3 * size else "")
            if text and not text.endswith(" "):
                text += _joint(text, word.text)
        text += word.text
        last = word
    return text.strip()


def _box(words: list[Word]) -> BBox:
    return (
        min(w.box[0] for w in words),
        min(w.box[1] for w in words),
        max(w.box[2] for w in words),
        max(w.box[3] for w in words),
    )


def _lowest(words: list[Word]) -> float | None:
    return min((w.confidence for w in words), default=None)


def _cell_text(words: list[Word]) -> str:
    return join_cell_text("\n".join(line_text(line, " ") for line in group_lines(words)))


def _cell_of(grid: Grid, box: BBox) -> tuple[int, int] | None:
    for cell in grid.cells:
        if _inside(box, cell.box):
            return cell.row, cell.col
    return None


def _split(grid: Grid, word: Word) -> list[tuple[tuple[int, int] | None, Word]]:
    """A word in its cell; one the detector ran across a ruling, in a piece per cell."""
    spots = [_cell_of(grid, char.box) for char in word.chars]
    if len(set(spots)) <= 1:
        return [(_cell_of(grid, word.box), word)]
    pieces: list[tuple[tuple[int, int] | None, list[Word]]] = []
    for spot, char in zip(spots, word.chars, strict=True):
        if pieces and pieces[-1][0] == spot:
            pieces[-1][1].append(char)
        else:
            pieces.append((spot, [char]))
    return [
        (spot, Word(_box(chars), "".join(c.text for c in chars), _lowest(chars) or 0.0))
        for spot, chars in pieces
    ]


def _grid_rows(grid: Grid, words: list[Word], page: int) -> list[Line]:
    """One tabbed line per grid row; a merged cell's words belong to its top-left spot."""
    rows: list[Line] = []
    by_cell: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        for spot, piece in _split(grid, word):
            if spot is not None:
                by_cell.setdefault(spot, []).append(piece)
    for r in range(grid.rows):
        values = [""] * grid.cols
        boxes: list[BBox | None] = [None] * grid.cols
        sure: list[float | None] = [None] * grid.cols
        for cell in (c for c in grid.cells if c.row == r):
            members = by_cell.get((cell.row, cell.col), [])
            values[cell.col] = _cell_text(members)
            boxes[cell.col] = cell.box
            sure[cell.col] = _lowest(members)
        box = (grid.xs[0], grid.ys[r], grid.xs[-1], grid.ys[r + 1])
        row_words = [w for (row, _), ws in by_cell.items() if row == r for w in ws]
        caption = row_caption(values)
        if caption is not None:
            rows.append(
                Line(0, caption, [caption], page=page, bbox=box, confidence=_lowest(row_words))
            )
            continue
        if not any(values):
            continue  # a spacer row between rules
        rows.append(
            Line(
                number=0,
                text="\t".join(values),
                cells=values,
                tabbed=True,
                page=page,
                bbox=box,
                cell_boxes=boxes,
                confidence=_lowest(row_words),
                cell_confidences=sure,
            )
        )
    return rows


def _amounts(text: str) -> int:
    from budget_review.parsers.grid import is_number_cell

    return sum(is_number_cell(word) for word in text.split())


def _columns(lines: list[list[Word]]) -> list[tuple[float, float]]:
    """Column spans of an unruled table: where its data rows' words overlap, left to right."""
    spans = sorted(
        (w.box[0], w.box[2])
        for line in lines
        if _amounts(" ".join(w.text for w in line)) >= 2
        for w in line
    )
    columns: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1] + 1:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _aligned_rows(lines: list[list[Word]], page: int) -> list[Line]:
    """An unruled table: each word goes to the column it overlaps most."""
    columns = _columns(lines)
    rows = []
    for line in lines:
        members: list[list[Word]] = [[] for _ in columns]
        for word in line:
            overlaps = [min(word.box[2], b) - max(word.box[0], a) for a, b in columns]
            members[max(range(len(columns)), key=lambda i: overlaps[i])].append(word)
        top, bottom = _box(line)[1], _box(line)[3]
        values = [line_text(m, " ") if m else "" for m in members]
        boxes: list[BBox | None] = [
            (a, top, b, bottom) if m else None for (a, b), m in zip(columns, members, strict=True)
        ]
        rows.append(
            Line(
                number=0,
                text="\t".join(values),
                cells=values,
                tabbed=True,
                page=page,
                bbox=_box(line),
                cell_boxes=boxes,
                confidence=_lowest(line),
                cell_confidences=[_lowest(m) for m in members],
            )
        )
    return rows


def page_lines(words: list[Word], grids: list[Grid], number: int, width: float) -> PageLines:
    """The page's lines in reading order, from its words and its ruled grids."""
    result = OcrPageLines(page=number, width=width, ocr=True, words=words)
    if not words:
        result.has_text = False
        return result
    placed: list[tuple[float, Line]] = []
    loose = words
    for grid in grids:
        inside = [w for w in loose if _inside(w.box, grid.box)]
        if not inside:
            continue
        loose = [w for w in loose if not _inside(w.box, grid.box)]
        for row in _grid_rows(grid, inside, number):
            placed.append((row.bbox[1] if row.bbox else 0.0, row))
        result.tables += 1
    lines = group_lines(loose)
    plain = [(_box(line), line_text(line), 0.0) for line in lines]
    region = None if result.tables else unruled_table_region(plain, width)
    table_lines: list[list[Word]] = []
    if region is not None:
        table_lines = [ln for ln in lines if _inside(_box(ln), region)]
        lines = [ln for ln in lines if not _inside(_box(ln), region)]
        if len(_columns(table_lines)) >= 2:
            placed += [
                (row.bbox[1] if row.bbox else 0.0, row)
                for row in _aligned_rows(table_lines, number)
            ]
            result.tables += 1
        else:
            lines += table_lines
            lines.sort(key=lambda ln: _box(ln)[1])
    for line in lines:
        text = repair_title(line_text(line))
        placed.append(
            (
                _box(line)[1],
                Line(0, text, [text], page=number, bbox=_box(line), confidence=_lowest(line)),
            )
        )
        if _CONTENTS_HEAD.match(text):
            result.contents = True
    placed.sort(key=lambda item: item[0])
    result.lines = [line for _, line in placed]
    boxes = [_box(line) for line in lines]
    result.left = min((b[0] for b in boxes), default=0.0)
    result.right = max((b[2] for b in boxes), default=0.0)
    heights = [w.box[3] - w.box[1] for w in words]
    result.char_size = statistics.median(heights) * BOX_TO_CHAR
    return result
