"""Tidy a ruled grid before its rows become lines: nested rows joined, hairline spacers removed.

Some report tools draw every cell as its own rectangle, with hairline spacer rows and
columns and inner boxes a little smaller than the cell around them. pdfplumber then
sees a grid far finer than the table: a label in an inner box lands in a row of its
own beside the figure it names, and header and data cells sit in different columns
though one stands above the other. A reader of the page sees neither; nor should we.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from budget_review.model.document import BBox
from budget_review.parsers.grid import is_number_cell

_SLACK = 1.0  # points: boxes drawn by hand are not exact
_SPACER = 8.0  # points: narrower empty columns are the gaps between inner boxes


@dataclass
class GridCell:
    text: str
    box: BBox | None  # None where a merged cell to the left or above covers this place


GridRow = list[GridCell]


def _inside(inner: BBox, outer: BBox) -> bool:
    return inner[1] >= outer[1] - _SLACK and inner[3] <= outer[3] + _SLACK


def _covering(row: GridRow, index: int) -> GridCell | None:
    """The cell of `row` over column `index`: its own, or a merged cell from the left."""
    for j in range(min(index, len(row) - 1), -1, -1):
        if row[j].box is not None:
            return row[j]
    return None


def join_nested_rows(rows: list[GridRow]) -> list[GridRow]:
    """A row drawn inside the row above (an inner box a little smaller than the cell around
    it) joins that row: pdfplumber sees two rows where the page has one.

    It joins only where the row above is empty over its cells and one of that row's
    filled cells spans it from top to bottom. A header row under a merged header cell is
    not joined: the merged cell over it has text.
    """
    out: list[GridRow] = []
    for row in rows:
        above = out[-1] if out else None
        filled = [i for i, cell in enumerate(row) if cell.text and cell.box is not None]
        if above is not None and filled and len(above) == len(row):
            spans = [c.box for c in above if c.text and c.box is not None]
            fits = all(
                (cover := _covering(above, i)) is not None
                and not cover.text
                and any(_inside(row[i].box, span) for span in spans)  # type: ignore[arg-type]
                for i in filled
            )
            if fits:
                for i in filled:
                    above[i] = GridCell(row[i].text, row[i].box)
                continue
        out.append(list(row))
    return out


_UNIT_CUT = re.compile(r"单位\s*[:：]\s*(万|亿)$")


def _contains(outer: BBox, inner: BBox) -> bool:
    return (
        inner[0] >= outer[0] - _SLACK
        and inner[2] <= outer[2] + _SLACK
        and inner[1] >= outer[1] - _SLACK
        and inner[3] <= outer[3] + _SLACK
    )


def join_contained_text(rows: list[GridRow], reach: int = 4) -> list[GridRow]:
    """Text in an inner box drawn inside a merged cell above continues that cell's text.

    '采购品目大' / '类' in two grid rows is one header, '采购品目大类', wrapped inside one cell.
    """
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            if not cell.text or cell.box is None:
                continue
            for earlier in reversed(rows[max(0, r - reach) : r]):
                outer = next(
                    (
                        (j, c)
                        for j, c in enumerate(earlier)
                        if c.text
                        and c.box is not None
                        and c.box != cell.box
                        and _contains(c.box, cell.box)
                    ),
                    None,
                )
                if outer is not None:
                    j, host = outer
                    earlier[j] = GridCell(host.text + cell.text, host.box)
                    row[i] = GridCell("", cell.box)
                    break
    return [row for row in rows if any(c.text for c in row) or not any(c.box for c in row)]


def join_stacked_header_text(rows: list[GridRow]) -> list[GridRow]:
    """In a hairline grid a wrapped header cell is two boxes, one on the other, of one width:
    '采购品目大' over '类' is the heading '采购品目大类'."""
    end = next((n for n, r in enumerate(rows) if any(is_number_cell(c.text) for c in r)), len(rows))
    for r in range(1, end):
        for i, cell in enumerate(rows[r]):
            box = cell.box
            if not cell.text or box is None:
                continue
            for earlier in reversed(rows[max(0, r - 2) : r]):
                host = next(
                    (
                        (j, c)
                        for j, c in enumerate(earlier)
                        if c.text
                        and c.box is not None
                        and abs(c.box[0] - box[0]) <= _SLACK
                        and abs(c.box[2] - box[2]) <= _SLACK
                        and abs(c.box[3] - box[1]) <= _SLACK
                    ),
                    None,
                )
                if host is not None:
                    j, top = host
                    assert top.box is not None  # chosen for its box
                    earlier[j] = GridCell(top.text + cell.text, (*top.box[:3], box[3]))
                    rows[r][i] = GridCell("", box)
                    break
    return [row for row in rows if any(c.text for c in row) or not any(c.box for c in row)]


def join_wrapped_units(rows: list[GridRow]) -> list[GridRow]:
    """'单位：万' over '元' in the row below: a unit the cell wrapped."""
    for above, below in itertools.pairwise(rows):
        for i, cell in enumerate(above):
            if not _UNIT_CUT.search(cell.text) or cell.box is None:
                continue
            x0, x1 = cell.box[0], cell.box[2]
            for j, other in enumerate(below):
                if other.text.strip() == "元" and other.box is not None:
                    if x0 - 20 <= _centre(other.box) <= x1 + 20:
                        above[i] = GridCell(cell.text + "元", cell.box)
                        below[j] = GridCell("", other.box)
                        break
    return rows


def _centre(box: BBox) -> float:
    return (box[0] + box[2]) / 2


def is_spaced_out(rows: list[GridRow]) -> bool:
    """The grid has hairline spacers (empty columns a few points wide) between its columns.

    One narrow empty column (a margin some exports print at the edge) is not enough.
    """
    width = max((len(row) for row in rows), default=0)
    spacers = 0
    for i in range(width):
        cells = [row[i] for row in rows if i < len(row) and row[i].box is not None]
        if cells and not any(c.text for c in cells):
            if all(c.box[2] - c.box[0] < _SPACER for c in cells):  # type: ignore[index]
                spacers += 1
    return spacers >= 2


def realign_columns(rows: list[GridRow]) -> list[GridRow]:
    """Put every cell under the column it stands over, by position rather than by grid index.

    The columns are those of the cells with figures; a cell spanning several of them
    (a merged header) is repeated over each, so that a header path reads as printed.
    """
    figures = _cluster(
        [
            _centre(cell.box)
            for row in rows
            for cell in row
            if cell.text and cell.box is not None and is_number_cell(cell.text)
        ]
    )
    # Label columns: the narrowest label cells beside figures; a merged label over columns
    # already found (收入总计 across the group and item columns) makes none of its own.
    boxes = sorted(
        (
            cell.box
            for row in rows
            if any(is_number_cell(c.text) for c in row)
            for cell in row
            if cell.text and cell.box is not None and not is_number_cell(cell.text)
        ),
        key=lambda box: box[2] - box[0],
    )
    chosen = list(figures)
    labels: list[float] = []
    for box in boxes:
        if not any(box[0] <= c <= box[2] for c in chosen):
            chosen.append(_centre(box))
            labels.append(_centre(box))
    # A header over a column left blank throughout (结转下年资金 with no figure) still names it.
    header = sorted(
        (
            cell.box
            for row in rows[: _first_figures(rows)]
            for cell in row
            if cell.text and cell.box is not None
        ),
        key=lambda box: box[2] - box[0],
    )
    for box in header:
        if not any(box[0] <= c <= box[2] for c in chosen):
            chosen.append(_centre(box))
            labels.append(_centre(box))
    columns = _cluster([*figures, *labels])
    if len(columns) < 2:
        return rows
    spans = _spans(columns, rows)
    first_figures = _first_figures(rows)
    out: list[GridRow] = []
    for number, row in enumerate(rows):
        in_header = number < first_figures
        new = [GridCell("", span) for span in spans]
        for cell in row:
            place = cell.box
            if not cell.text or place is None:
                continue
            centre = _centre(place)
            covered = [
                i for i, c in enumerate(columns) if place[0] - _SLACK <= c <= place[2] + _SLACK
            ]
            if not covered:
                covered = [min(range(len(columns)), key=lambda i: abs(columns[i] - centre))]
            if is_number_cell(cell.text):
                # a figure belongs to one column: the one nearest its centre
                best = min(covered, key=lambda i: abs(columns[i] - centre))
                covered = [best]
            elif not in_header or (len(covered) == len(columns) and len(columns) >= 3):
                # a merged label beside the figures names its row once; a caption across
                # the whole table (its title, its unit) stays one cell
                covered = covered[:1]
            for i in covered:
                if not new[i].text:
                    new[i] = GridCell(cell.text, cell.box)
        out.append(new)
    return out


def _first_figures(rows: list[GridRow]) -> int:
    """The first row with a figure: the rows above it are the header."""
    return next(
        (n for n, r in enumerate(rows) if any(is_number_cell(c.text) for c in r)), len(rows)
    )


def _cluster(values: list[float], gap: float = 8.0) -> list[float]:
    """Column centres: positions closer than `gap` points are one column."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= gap:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _spans(columns: list[float], rows: list[GridRow]) -> list[BBox | None]:
    """A box for each logical column, from the cells with figures in it (for provenance)."""
    boxes: list[BBox | None] = [None] * len(columns)
    for row in rows:
        for cell in row:
            if cell.box is None or not cell.text:
                continue
            nearest = min(range(len(columns)), key=lambda i: abs(columns[i] - _centre(cell.box)))  # type: ignore[arg-type]
            if boxes[nearest] is None:
                boxes[nearest] = cell.box
    return boxes
