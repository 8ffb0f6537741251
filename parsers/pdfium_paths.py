"""pdfium's path objects as pdfminer sees them: a line, a rectangle or a curve per subpath.

pdfplumber's table finder reads its rulings from those three kinds, so a path must
land in the kind pdfminer gives it: the same shape test (`mlh` a line, `mlllh` with
square corners a rectangle, anything else a curve) on the same points.
"""

from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
_LINETO = pdfium_c.FPDF_SEGMENT_LINETO
_BEZIERTO = pdfium_c.FPDF_SEGMENT_BEZIERTO


@dataclass
class Shape:
    """One painted subpath, in pdfminer's device space."""

    kind: str  # "line", "rect" or "curve"
    pts: list[Point]
    stroke: bool
    fill: bool
    evenodd: bool
    linewidth: float
    white_fill: bool = False  # painted white: on paper it draws nothing


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention (as pdfminer's mult_matrix)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c * a1 + d * c1,
        c * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def object_matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def path_shapes(obj: Any, to_device: Matrix) -> list[Shape]:
    """The subpaths of one path object; `to_device` takes the object's space to pdfminer's."""
    matrix = multiply(object_matrix(obj), to_device)
    fillmode = ctypes.c_int()
    stroke = ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fillmode, stroke)
    width = ctypes.c_float()
    pdfium_c.FPDFPageObj_GetStrokeWidth(obj, width)
    fill = fillmode.value != pdfium_c.FPDF_FILLMODE_NONE
    evenodd = fillmode.value == pdfium_c.FPDF_FILLMODE_ALTERNATE
    white = False
    if fill:
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            white = r.value == g.value == b.value == 255
    shapes = []
    for ops in _subpaths(_operators(obj)):
        kind_pts = _classify(ops, matrix)
        if kind_pts is not None:
            kind, pts = kind_pts
            shapes.append(Shape(kind, pts, bool(stroke.value), fill, evenodd, width.value, white))
    return shapes


def _operators(obj: Any) -> list[tuple[str, float, float]]:
    """The path as pdfminer's operators: m, l, c (end point only) and h (close)."""
    x = ctypes.c_float()
    y = ctypes.c_float()
    ops: list[tuple[str, float, float]] = []
    count = pdfium_c.FPDFPath_CountSegments(obj)
    bezier = 0
    for i in range(max(count, 0)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        if kind == _BEZIERTO:
            bezier += 1
            if bezier % 3:  # the two control points: pdfminer keeps only the end point
                continue
            ops.append(("c", x.value, y.value))
        else:
            bezier = 0
            ops.append(("m" if kind == _MOVETO else "l", x.value, y.value))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            ops.append(("h", 0.0, 0.0))
    return ops


def _subpaths(ops: list[tuple[str, float, float]]) -> list[list[tuple[str, float, float]]]:
    """Split at each m, as pdfminer does; a lone m with nothing after it paints nothing."""
    if not ops or ops[0][0] != "m":
        return []
    starts = [i for i, op in enumerate(ops) if op[0] == "m"]
    if len(starts) == 1:
        return [ops]
    bounds = [*starts, len(ops)]
    return [ops[s:e] for s, e in itertools.pairwise(bounds) if e - s > 1]


Op = tuple[str, float, float]


def _classify(ops: list[Op], matrix: Matrix) -> tuple[str, list[Point]] | None:
    shape = "".join(op[0] for op in ops)
    start = ops[0]
    pts = [apply(matrix, *(start[1:] if op[0] == "h" else op[1:])) for op in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in {"mlh", "ml"}:
        return "line", pts[:2]
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            return "rect", pts
    return "curve", pts
