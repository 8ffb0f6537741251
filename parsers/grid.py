"""A table as cells on lines, before it becomes rows: shared by the text and PDF readers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from budget_review.model import Provenance
from budget_review.model.money import is_empty_mark, looks_like_amount, parse_amount


@dataclass
class Cell:
    text: str
    where: Provenance = field(default_factory=Provenance)
    # A place a merged cell to its left or above covers (known only for ruled PDF grids)
    covered: bool = False


@dataclass
class GridLine:
    cells: list[Cell]
    where: Provenance = field(default_factory=Provenance)
    boxed: bool = False  # read off a ruled grid: `covered` says where merged cells reach

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


GENERIC_PARENTS = {"项目"}


def clean_header(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def flatten_headers(
    rows: list[list[str]], covered: list[list[bool] | None] | None = None
) -> list[str]:
    """Merged header rows → one path per column ('本年收入/一般公共预算').

    A blank cell continues the label to its left, but only inside the span of
    its parent in the row above: a merge never crosses a parent's border. Where
    the grid says which places a merged cell covers (`covered`, per row), only
    those continue it: a blank cell of its own is a blank heading.
    """
    width = max((len(r) for r in rows), default=0)
    filled: list[list[str]] = []
    parent_starts = [0] * width  # start column of each column's parent span
    for number, raw in enumerate(rows):
        row = [clean_header(raw[i]) if i < len(raw) else "" for i in range(width)]
        spans = covered[number] if covered and number < len(covered) else None
        out = [""] * width
        starts = [0] * width
        current, start = "", 0
        for col in range(width):
            new_parent = col == 0 or parent_starts[col] != parent_starts[col - 1]
            own_blank = spans is not None and col < len(spans) and not spans[col]
            if row[col]:
                current, start = row[col], col
            elif new_parent or own_blank:
                current, start = "", col
            out[col] = current
            starts[col] = start
        filled.append(out)
        parent_starts = [max(a, b) for a, b in zip(parent_starts, starts, strict=True)]
    columns = []
    for col in range(width):
        parts: list[str] = []
        for row in filled:
            if row[col] and (not parts or parts[-1] != row[col]):
                parts.append(row[col])
        if len(parts) > 1 and parts[0] in GENERIC_PARENTS:
            parts = parts[1:]
        columns.append("/".join(parts))
    return dedupe(columns)


def dedupe(columns: list[str]) -> list[str]:
    """Unique column names: a second 金额 is 金额#2."""
    seen: dict[str, int] = {}
    result = []
    for col in columns:
        name = col or "列"
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return result


def is_column_numbers(texts: list[str]) -> bool:
    """A header row of column numbers: '1 2 3 …', '栏次 … 1 栏次 … 2', '** ** 1 2 3'."""
    values = [re.sub(r"\s+", "", t) for t in texts if t.strip()]
    if not values:
        return False
    if values[0] in {"栏次", "行次"}:
        return True
    numbers = [v for v in values if not re.fullmatch(r"[*＊]+|栏次|行次", v)]
    return (
        len(numbers) >= 2
        and all(re.fullmatch(r"\d{1,2}", v) for v in numbers)
        and [int(v) for v in numbers]
        == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))
    )


def cell_amount(text: str) -> Decimal | None:
    return parse_amount(text) if looks_like_amount(text) else None


def is_number_cell(text: str) -> bool:
    return looks_like_amount(text)


def is_blank(text: str) -> bool:
    return is_empty_mark(text)
