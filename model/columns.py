"""What a table's columns mean: codes, names, other labels, money, and the totals money adds up to.

Computed from the flattened header paths ('本年收入/一般公共预算'), once per table
(`Table.segments`), and shared by the readers, the checks and the app. Columns
that are not money (行次, 栏次, 序号, 单位编码, 采购组织形式, rates in %) never enter a
sum; subset columns (其中…, 扣除…后, 增减) are money but never the parts of a total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from budget_review.model.document import Side

ColumnKind = Literal["code", "name", "other", "money"]

# Columns that name a row.
_NAME_LEAVES = {
    "项目",
    "类",
    "款",
    "项",
    "单位名称",
    "项目名称",
    "科目",
    "摘要",
    "预算单位",
    "年度",
}
# Columns that are neither a row's code or name nor money: numbers, codes and words beside them.
_OTHER_LEAVES = {
    "行次",
    "栏次",
    "序号",
    "备注",
    "说明",
    "数量",
    "人数",
    "项目类别",
    "项目简介",
    "项目概述",
    "绩效目标",
    "当年绩效目标",
    "采购组织形式",
    "采购目录",
    "购买服务内容",
    "规格型号",
    "实施采购时间",
    "指标值",
    "指标名称",
    "指标性质",
    "计量单位",
    "度量单位",
    "指标权重",
    "分值",
}
# Codes that are not classification codes: of units, departments and projects.
_OTHER_CODE = re.compile(r"(?:单位|部门|项目)(?:编码|代码|编号)$")
_RATE = re.compile(r"[%％]|比例|增长率|增减率|执行率|完成率")
# Money that is a part of some other figure, or another reckoning of it: never a component.
# '其中：基本支出' opens a split of the total into its parts, and is one of them.
_SUBSET = re.compile(
    r"^(?:其中(?![:：]?(?:基本支出|项目支出|人员经费|公用经费)$)|扣除|增减|比上年|较上年|比\d{4}年)"
)


def leaf(column: str) -> str:
    return column.split("/")[-1].split("#")[0]


def column_kind(column: str) -> ColumnKind:
    name = leaf(column)
    if name in _OTHER_LEAVES or _OTHER_CODE.search(name) or _RATE.search(column):
        return "other"
    if (
        name.endswith(("编码", "代码"))
        or name in {"类", "款", "项"}
        or "编码/" in column
        or "代码/" in column
    ):
        return "code"
    if name in _NAME_LEAVES or name.endswith("名称") or name.endswith("科目") or name == "列":
        return "name"
    return "money"


def is_code_column(column: str) -> bool:
    return column_kind(column) == "code"


def is_other_code_column(column: str) -> bool:
    """A column of unit, department or project codes (单位代码, 部门编码): labels, not money,
    and not classification codes."""
    return bool(_OTHER_CODE.search(leaf(column)))


def is_label_column(column: str) -> bool:
    """Not money: a code, a name, or another label."""
    return column_kind(column) != "money"


def is_total_column(column: str) -> bool:
    name = leaf(column)
    return name in {"合计", "小计", "总计"} or name.endswith(("合计", "总计", "总额"))


def is_subset_column(column: str) -> bool:
    return any(_SUBSET.match(part) for part in column.split("/"))


@dataclass
class Segment:
    """One side of a table: its label columns and the money columns after them."""

    code_cols: list[int]
    name_cols: list[int]
    num_cols: list[int]
    side: Side | None = None
    other_cols: list[int] = field(default_factory=list)
    # For a side beside another expense side: what it classifies by (支出用途, 经济分类 …).
    view: str | None = None


def segments_of(columns: list[str], text_columns: frozenset[str] = frozenset()) -> list[Segment]:
    """The sides of a table. `text_columns` are columns whose cells the reader found to be
    words, not figures, whatever their header says (a 采购类别 under a plain heading)."""
    segments: list[Segment] = []
    current: Segment | None = None
    for index, column in enumerate(columns):
        kind = column_kind(column)
        if kind == "money" and column in text_columns:
            kind = "name"
        if kind == "other":
            if current is None:
                current = Segment([], [], [])
                segments.append(current)
            current.other_cols.append(index)
            continue
        if kind in ("code", "name"):
            if current is None or current.num_cols:
                current = Segment([], [], [])
                segments.append(current)
            (current.code_cols if kind == "code" else current.name_cols).append(index)
        else:
            if current is None:
                current = Segment([], [], [])
                segments.append(current)
            current.num_cols.append(index)
    if len(segments) >= 2:
        _name_sides(columns, segments)
    return segments


def _name_sides(columns: list[str], segments: list[Segment]) -> None:
    """收入 | 支出, and further expense sides (功能分类 | 支出用途 | 经济分类) beside them."""
    expense_seen = 0
    for index, segment in enumerate(segments):
        first = columns[(segment.code_cols + segment.name_cols + segment.num_cols)[0]]
        path = first.split("/")
        top = path[0]
        if "收入" in top or (index == 0 and "支出" not in top):
            segment.side = "income"
            continue
        expense_seen += 1
        if expense_seen == 1:
            segment.side = "expense"
        else:
            view = path[1] if len(path) > 2 else leaf(first)
            segment.side = f"expense:{view}"
            segment.view = view


# A breakdown beside the total's parts but across them: of the spending, what is procured.
_CROSSCUTTING = ("政府采购", "中小企业", "小微企业", "小型、微型")


def _crosscuts(group: str, total: list[str]) -> bool:
    return any(word in group for word in _CROSSCUTTING) and not any(
        word in part for part in total for word in _CROSSCUTTING
    )


# What a total named after a topic adds up: "三公"经费合计 = 出国 + 用车 + 接待, not 会议费.
_TOPIC_PARTS = {"三公": ("因公出国", "公务用车", "公务接待")}


def _part_of(total: str, group: str) -> bool:
    for topic, parts in _TOPIC_PARTS.items():
        if topic in total and topic not in group:
            return any(part in group for part in parts)
    return True


def _is_total_part(part: str) -> bool:
    return part in {"合计", "小计", "总计"} or part.endswith(("合计", "总计", "总额"))


def column_identities(columns: list[str], num_cols: list[int]) -> list[tuple[int, list[int]]]:
    """(total column, component columns) pairs that every row must satisfy.

    A total is the column whose path has 合计/小计 at some level: '本年收入/合计' sums
    the other columns under 本年收入, '三公/合计/预算数' the 预算数 of the other groups
    under 三公. A subgroup with its own 小计 counts once, through that 小计. Subset
    columns (其中…) are never a total's parts.
    """
    paths = {c: re.sub(r"#\d+$", "", columns[c]).split("/") for c in num_cols}
    result = []
    for col in num_cols:
        path = paths[col]
        level = next((i for i, part in enumerate(path) if _is_total_part(part)), None)
        if level is None or is_subset_column(columns[col]):
            continue
        parent, suffix = path[:level], path[level + 1 :]
        groups: dict[str, list[int]] = {}
        for other in num_cols:
            p = paths[other]
            if other == col or len(p) <= level or p[:level] != parent:
                continue
            if _is_total_part(p[level]) or (suffix and p[-len(suffix) :] != suffix):
                continue
            if is_subset_column(columns[other]) or _crosscuts(p[level], path):
                continue
            if not _part_of(path[level], p[level]):
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
