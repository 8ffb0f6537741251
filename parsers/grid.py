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


@dataclass
class GridLine:
    cells: list[Cell]
    where: Provenance = field(default_factory=Provenance)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


GENERIC_PARENTS = {"项目"}


def clean_header(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def flatten_headers(rows: list[list[str]]) -> list[str]:
    """Merged header rows → one path per column ('本年收入/一般公共预算').

    A blank cell continues the label to its left, but only inside the span of
    its parent in the row above: a merge never crosses a parent's border.
    """
    width = max((len(r) for r in rows), default=0)
    filled: list[list[str]] = []
    parent_starts = [0] * width  # start column of each column's parent span
    for raw in rows:
        row = [clean_header(raw[i]) if i < len(raw) else "" for i in range(width)]
        out = [""] * width
        starts = [0] * width
        current, start = "", 0
        for col in range(width):
            new_parent = col == 0 or parent_starts[col] != parent_starts[col - 1]
            if row[col]:
                current, start = row[col], col
            elif new_parent:
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
    return _dedupe(columns)


def _dedupe(columns: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for col in columns:
        name = col or "列"
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return result


def is_column_numbers(texts: list[str]) -> bool:
    """A header row of column numbers ('1 2 3 …' or '栏次')."""
    values = [t.strip() for t in texts if t.strip()]
    if not values:
        return False
    if values[0] in {"栏次", "行次"}:
        return True
    return (
        all(re.fullmatch(r"\d{1,2}", v) for v in values)
        and len(values) >= 2
        and [int(v) for v in values] == list(range(int(values[0]), int(values[0]) + len(values)))
    )


def cell_amount(text: str) -> Decimal | None:
    return parse_amount(text) if looks_like_amount(text) else None


def is_number_cell(text: str) -> bool:
    return looks_like_amount(text)


def is_blank(text: str) -> bool:
    return is_empty_mark(text)
