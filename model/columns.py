"""What a table's columns mean: labels, codes, money, and the totals they must add up to.

Computed from the flattened header paths ('本年收入/一般公共预算'), once per table
(`Table.segments`), and shared by the readers, the checks and the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budget_review.model.document import Side

_LABEL_LEAVES = {"项目", "类", "款", "项", "单位名称", "项目名称", "科目", "摘要"}


def leaf(column: str) -> str:
    return column.split("/")[-1].split("#")[0]


def is_code_column(column: str) -> bool:
    name = leaf(column)
    return name.endswith("编码") or name in {"类", "款", "项"} or "编码/" in column


def is_label_column(column: str) -> bool:
    name = leaf(column)
    return (
        is_code_column(column)
        or name in _LABEL_LEAVES
        or name.endswith("名称")
        or name.endswith("科目")
        or name == "列"
    )


def is_total_column(column: str) -> bool:
    name = leaf(column)
    return name in {"合计", "小计", "总计"} or name.endswith("合计")


@dataclass
class Segment:
    """One side of a table: its label columns and the numeric columns after them."""

    code_cols: list[int]
    name_cols: list[int]
    num_cols: list[int]
    side: Side | None = None


def segments_of(columns: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    current: Segment | None = None
    for index, column in enumerate(columns):
        if is_label_column(column):
            if current is None or current.num_cols:
                current = Segment([], [], [])
                segments.append(current)
            (current.code_cols if is_code_column(column) else current.name_cols).append(index)
        else:
            if current is None:
                current = Segment([], [], [])
                segments.append(current)
            current.num_cols.append(index)
    if len(segments) == 2:
        defaults: tuple[Side, Side] = ("income", "expense")
        for segment, default in zip(segments, defaults, strict=True):
            first = columns[(segment.code_cols + segment.name_cols + segment.num_cols)[0]]
            top = first.split("/")[0]
            segment.side = "expense" if "支出" in top else "income" if "收入" in top else default
    return segments


def _is_total_part(part: str) -> bool:
    return part in {"合计", "小计", "总计"} or part.endswith("合计")


def column_identities(columns: list[str], num_cols: list[int]) -> list[tuple[int, list[int]]]:
    """(total column, component columns) pairs that every row must satisfy.

    A total is the column whose path has 合计/小计 at some level: '本年收入/合计' sums
    the other columns under 本年收入, '三公/合计/预算数' the 预算数 of the other groups
    under 三公. A subgroup with its own 小计 counts once, through that 小计.
    """
    paths = {c: re.sub(r"#\d+$", "", columns[c]).split("/") for c in num_cols}
    result = []
    for col in num_cols:
        path = paths[col]
        level = next((i for i, part in enumerate(path) if _is_total_part(part)), None)
        if level is None:
            continue
        parent, suffix = path[:level], path[level + 1 :]
        groups: dict[str, list[int]] = {}
        for other in num_cols:
            p = paths[other]
            if other == col or len(p) <= level or p[:level] != parent:
                continue
            if _is_total_part(p[level]) or (suffix and p[-len(suffix) :] != suffix):
                continue
            groups.setdefault(p[level], []).append(other)
        members: list[int] = []
        for group in groups.values():
            subtotal = [
                c
                for c in group
                if len(paths[c]) > level + 1 and _is_total_part(paths[c][level + 1])
            ]
            members.extend(subtotal[:1] or group)
        if members:
            result.append((col, sorted(members)))
    return result


def row_identities(columns: list[str], segment: Segment) -> list[tuple[int, list[int]]]:
    """The column identities inside one side of a table."""
    return column_identities(columns, segment.num_cols)
