"""Reading a table row against its header: which column each cell belongs to.

A page break can drop a blank cell and shift the rest of the row left. The
missing blank is put back only where the row's own totals show it belongs,
choosing the placement that moves the fewest figures; otherwise the row is
read as printed and a warning says why.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from budget_review.model import Text, words
from budget_review.parsers.grid import Cell, GridLine, cell_amount, is_blank, is_number_cell


def tolerance(values: list[Decimal]) -> Decimal:
    """Rounding allowance for a sum of printed figures: ⌊n/2⌋ units of the last digit."""
    exponent = min((v.as_tuple().exponent for v in values), default=0)
    unit = Decimal(1).scaleb(int(exponent))
    return unit * (len(values) // 2)


def _holds(values: list[str], total: int, members: list[int]) -> bool | None:
    total_value = cell_amount(values[total]) if values[total] else None
    parts = [cell_amount(values[m]) if values[m] else None for m in members]
    if total_value is None and all(p is None for p in parts):
        return None
    printed = [v for v in [total_value, *parts] if v is not None]
    difference = (total_value or Decimal(0)) - sum((p or Decimal(0) for p in parts), Decimal(0))
    return abs(difference) <= tolerance(printed)


@dataclass
class Aligned:
    cells: list[Cell]
    moved: dict[int, int]  # new column → column the plain reading would have given
    note: Text | None = None


def _types_fit(texts: list[str], money: list[bool]) -> bool:
    """Every money column holds a number or a blank."""
    return all(
        not is_money or not text.strip() or is_number_cell(text) or is_blank(text)
        for text, is_money in zip(texts, money, strict=True)
    )


def _all_hold(texts: list[str], identities: list[tuple[int, list[int]]]) -> tuple[int, bool]:
    checked, ok = 0, True
    for total, members in identities:
        verdict = _holds(texts, total, members)
        if verdict is None:
            continue
        checked += 1
        ok = ok and verdict
    return checked, ok


def align_cells(
    line: GridLine,
    columns: list[str],
    identities: list[tuple[int, list[int]]],
    money: list[bool],
) -> Aligned:
    """`money[i]` says whether column i holds money (else a code, name or other label)."""
    cells = list(line.cells)
    width = len(columns)
    while len(cells) > width and not cells[-1].text.strip():
        cells.pop()
    while len(cells) > width:
        # A name split over two cells: join the first text cell after a label cell.
        for i in range(min(len(cells) - 1, width - 1)):
            if (
                not money[i]
                and cells[i].text.strip()
                and cells[i + 1].text.strip()
                and not is_number_cell(cells[i + 1].text)
            ):
                cells[i] = Cell(cells[i].text + cells[i + 1].text, cells[i].where)
                del cells[i + 1]
                break
        else:
            cells = cells[:width]
    missing = width - len(cells)
    blank = Cell("", line.where)
    plain = cells + [blank] * missing
    if missing == 0:
        return Aligned(plain, {})
    texts = [c.text for c in plain]
    checked, ok = _all_hold(texts, identities)
    if _types_fit(texts, money) and (ok or checked == 0):
        return Aligned(plain, {})
    # The plain reading breaks the row's arithmetic: find the placements of the
    # missing blanks that mend it, and keep those that move the fewest figures.
    layouts: dict[tuple[str, ...], tuple[int, ...]] = {}
    if missing <= 3:
        for gaps in itertools.combinations(range(width), missing):
            it = iter(cells)
            candidate = [blank if i in gaps else next(it) for i in range(width)]
            candidate_texts = [c.text for c in candidate]
            if not _types_fit(candidate_texts, money):
                continue
            _, holds = _all_hold(candidate_texts, identities)
            if holds:
                layouts.setdefault(tuple(candidate_texts), gaps)
    if layouts:

        def moved_figures(layout: tuple[str, ...]) -> int:
            return sum(1 for a, b in zip(layout, texts, strict=True) if a != b and a.strip())

        fewest = min(moved_figures(layout) for layout in layouts)
        layouts = {k: v for k, v in layouts.items() if moved_figures(k) == fewest}
    if len(layouts) != 1:
        key = "read.align_ambiguous" if layouts else "read.align_unplaced"
        return Aligned(plain, {}, words(key, cells=len(cells), width=width))
    gaps = next(iter(layouts.values()))
    positions = iter(range(len(cells)))
    source = [None if i in gaps else next(positions) for i in range(width)]
    repaired = [blank if s is None else cells[s] for s in source]
    moved = {new: old for new, old in enumerate(source) if old is not None and old != new}
    dropped = "、".join(columns[g] for g in gaps)
    note = words("read.align_repaired", cells=len(cells), width=width, columns=dropped)
    return Aligned(repaired, moved, note)
