"""Ruling lines in a page picture → table grids with merged cells, in PDF points.

A picture has no drawing operators to read the rules from, so they are found
the way a scan is cleaned: opening the ink with long thin kernels keeps the
strokes longer than any character's and drops the text. Rules that meet form a
grid; a rule missing between two cells merges them, as a drawn grid does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from budget_review.model.document import BBox

if TYPE_CHECKING:
    import numpy as np

# In points: longer than any stroke of body text (a 10.5 pt character's strokes are
# shorter than 11 pt), shorter than a table row or a narrow column.
VERTICAL_MIN = 11.0
HORIZONTAL_MIN = 20.0
INK = 170  # gray level below which a pixel is ink; header shading is lighter
PRESENT = 0.6  # share of an edge that must be drawn for two cells to stay apart


@dataclass
class GridCell:
    row: int
    col: int
    box: BBox  # points


@dataclass
class Grid:
    """A ruled table: row and column edges, and its cells after merging."""

    xs: list[float]
    ys: list[float]
    cells: list[GridCell] = field(default_factory=list)

    @property
    def box(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    @property
    def cols(self) -> int:
        return len(self.xs) - 1


def _positions(mask: np.ndarray, axis: int, tolerance: int) -> list[int]:
    """Centres of the rules in `mask` along an axis (0: rows of horizontal rules)."""
    import numpy as np

    marked = np.flatnonzero(mask.any(axis=1 - axis))
    groups: list[list[int]] = []
    for index in marked.tolist():
        if groups and index - groups[-1][-1] <= tolerance:
            groups[-1].append(index)
        else:
            groups.append([index])
    return [round(sum(g) / len(g)) for g in groups]


def _drawn(mask: np.ndarray, along: slice, across: slice, vertical: bool) -> bool:
    """Whether a rule is drawn over most of one cell edge."""
    strip = mask[along, across] if vertical else mask[across, along]
    if strip.size == 0:
        return False
    hits = strip.any(axis=1 if vertical else 0)
    return bool(hits.mean() >= PRESENT)


def find_grids(gray: np.ndarray, scale: float) -> list[Grid]:
    """The ruled tables in a grayscale page picture rendered at `scale` pixels per point."""
    return read_rulings(gray, scale)[0]


def read_rulings(gray: np.ndarray, scale: float) -> tuple[list[Grid], np.ndarray]:
    """The ruled tables, and the picture with its rules whitened for the recogniser.

    A character drawn against a rule ('一' touching the cell's left edge) reads as
    part of the rule: without the rules, it reads as itself.
    """
    import cv2
    import numpy as np

    ink = np.where(gray < INK, 255, 0).astype(np.uint8)
    long_h = cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, int(HORIZONTAL_MIN * scale)), 1))
    long_v = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8, int(VERTICAL_MIN * scale))))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, long_h)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, long_v)
    del ink
    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    clean = gray.copy()
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    grids = []
    tolerance = max(2, int(1.5 * scale))
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index][:4])
        if w < 60 * scale or h < 12 * scale:
            continue
        region = (slice(y, y + h), slice(x, x + w))
        ys = [y + p for p in _positions(horizontal[region], 0, tolerance)]
        xs = [x + p for p in _positions(vertical[region], 1, tolerance)]
        if len(ys) < 2 or len(xs) < 2:
            continue
        # A table open at its sides or bottom: its frame is where its rules end.
        if xs[0] - x > 3 * scale:
            xs.insert(0, x)
        if x + w - xs[-1] > 3 * scale:
            xs.append(x + w)
        if y + h - ys[-1] > 3 * scale:
            ys.append(y + h)
        grid = _merge(xs, ys, horizontal, vertical, scale)
        if grid.cols >= 2:
            grids.append(grid)
            # Only a grid's own rules: a title's long strokes are not rules.
            area = clean[region]
            area[joined[region] > 0] = 255
    return grids, clean


def _merge(
    xs: list[int], ys: list[int], horizontal: np.ndarray, vertical: np.ndarray, scale: float
) -> Grid:
    """Cells of the grid, joined where the rule between them is not drawn."""
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    pad = max(2, int(2 * scale))
    reach = max(2, int(1.5 * scale))
    for r in range(rows):
        along = slice(ys[r] + pad, ys[r + 1] - pad)
        for c in range(1, cols):
            across = slice(xs[c] - reach, xs[c] + reach + 1)
            if not _drawn(vertical, along, across, vertical=True):
                union(r * cols + c - 1, r * cols + c)
    for c in range(cols):
        along = slice(xs[c] + pad, xs[c + 1] - pad)
        for r in range(1, rows):
            across = slice(ys[r] - reach, ys[r] + reach + 1)
            if not _drawn(horizontal, along, across, vertical=False):
                union((r - 1) * cols + c, r * cols + c)
    members: dict[int, list[tuple[int, int]]] = {}
    for i in range(rows * cols):
        members.setdefault(find(i), []).append(divmod(i, cols))
    grid = Grid([x / scale for x in xs], [y / scale for y in ys])
    for spots in members.values():
        top = min(r for r, _ in spots)
        left = min(c for r, c in spots if r == top)
        bottom = max(r for r, _ in spots) + 1
        right = max(c for _, c in spots) + 1
        box = (xs[left] / scale, ys[top] / scale, xs[right] / scale, ys[bottom] / scale)
        grid.cells.append(GridCell(top, left, box))
    grid.cells.sort(key=lambda cell: (cell.row, cell.col))
    return grid
