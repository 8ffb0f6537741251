"""What a narrative number is about: its subject resolved to the table figures that print it.

A subject resolves only without doubt; when it names a total printed in several
tables, every one of them is a candidate. Unresolved numbers are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from budget_review.checks.across import (
    ECONOMIC,
    EXPENSE,
    FISCAL,
    GPB,
    INCOME,
    PROJECTS,
    SUMMARY,
    column,
    grand_total,
)
from budget_review.checks.context import Cell, Context
from budget_review.model import Claim, Row, Table
from budget_review.model.columns import is_total_column
from budget_review.model.vocabulary import EXPENSE_CLASSES, squash

THREE_PUBLIC = ("three_public", "three_public_admin", "fa_three_public")
GPB_AND_EXPENSE = (GPB, EXPENSE)
ADMIN = ("admin_operating", "three_public_admin", "fa_admin_operating")


def paragraph_of(ctx: Context, sentence: str) -> str:
    for section in ctx.doc.sections:
        for paragraph in section.paragraphs:
            if sentence in paragraph:
                return paragraph
    return sentence


Resolver = Callable[[Context], list[Cell]]


def _cells(table: Table | None, rows: list[Row | None], *names: str) -> list[Cell]:
    if table is None:
        return []
    columns = [c for c in (column(table, n) for n in names) if c] if names else []
    if not names:
        columns = table.money_columns()
    return [Cell(table, r, c) for r in rows if r is not None for c in columns]


def _named_rows(table: Table | None, *names: str) -> list[Row | None]:
    if table is None:
        return []
    wanted = {squash(n) for n in names}
    return [r for r in table.rows if squash(r.key) in wanted or squash(r.name) in wanted]


def totals(ctx: Context, ids: tuple[str, ...], *columns: str) -> list[Cell]:
    table = ctx.table(*ids)
    return _cells(table, [grand_total(table)] if table else [], *columns)


def summary_rows(ctx: Context, *names: str) -> list[Cell]:
    cells = []
    for ids in (SUMMARY, FISCAL):
        table = ctx.table(*ids)
        cells += _cells(table, _named_rows(table, *names))
    return cells


def _projects_total(ctx: Context) -> list[Cell]:
    return totals(ctx, PROJECTS, "合计")


# (pattern the words before the number end with, where the number may be printed)
VOCABULARY: list[tuple[re.Pattern[str], Resolver]] = [
    (
        re.compile(r"(?:收入支出总计|收支总计|收支总预算|预算收入总计|收入总计|支出总计)$"),
        lambda ctx: summary_rows(ctx, "收入总计", "支出总计", "总计"),
    ),
    (
        re.compile(r"^一般公共预算(?:当年|财政拨款|拨款)?支出(?:预算)?$"),
        lambda ctx: totals(ctx, GPB, "合计") + _summary_named(ctx, "一般公共预算"),
    ),
    (
        re.compile(r"部门预算资金$"),
        lambda ctx: summary_rows(ctx, "本年收入合计", "本年支出合计"),
    ),
    (
        # only the whole: '2026年收入预算', '本部门支出预算', not '项目支出预算' or
        # '政府性基金预算收入' (those name a part, resolved below or not at all)
        re.compile(r"^(?:收入预算|支出预算|预算收入|预算支出|收支预算)(?:总额|总计|合计)?$"),
        lambda ctx: summary_rows(ctx, "收入总计", "支出总计", "总计", "本年收入合计"),
    ),
    (
        re.compile(r"本年(?:收入|支出)(?:合计)?$|本年预算安排$"),
        lambda ctx: summary_rows(ctx, "本年收入合计", "本年支出合计"),
    ),
    (
        re.compile(r"上年结转(?:收入)?$"),
        lambda ctx: (
            summary_rows(ctx, "上年结转", "上年财政拨款结转") + totals(ctx, INCOME, "上年结转")
        ),
    ),
    (
        re.compile(r"(?<!项目)基本支出(?:预算)?(?:数)?$"),
        lambda ctx: (
            totals(ctx, EXPENSE, "基本支出")
            + totals(ctx, GPB, "基本支出")
            + totals(ctx, ECONOMIC, "合计")
        ),
    ),
    (
        re.compile(r"(?<!基本)项目支出(?:预算)?(?:数)?$"),
        lambda ctx: (
            totals(ctx, EXPENSE, "项目支出")
            + totals(ctx, GPB, "项目支出")
            + totals(ctx, PROJECTS, "合计")
        ),
    ),
    (
        re.compile(r"人员经费$"),
        lambda ctx: (
            totals(ctx, ECONOMIC, "人员经费")
            + _cells(ctx.table(*ECONOMIC), _named_rows(ctx.table(*ECONOMIC), "人员经费合计"))
        ),
    ),
    (
        re.compile(r"公用经费$"),
        lambda ctx: (
            totals(ctx, ECONOMIC, "公用经费")
            + _cells(ctx.table(*ECONOMIC), _named_rows(ctx.table(*ECONOMIC), "公用经费合计"))
        ),
    ),
    (
        re.compile(r"三公[”\"]?经费(?:财政拨款)?(?:预算)?(?:支出)?(?:预算|决算)?(?:数)?为?$"),
        lambda ctx: three_public_cells(ctx, "合计"),
    ),
    (
        re.compile(r"会议费(?:预算)?(?:支出)?(?:预算|决算)?(?:数)?$"),
        lambda ctx: three_public_cells(ctx, "会议"),
    ),
    (
        re.compile(r"培训费(?:预算)?(?:支出)?(?:预算|决算)?(?:数)?$"),
        lambda ctx: three_public_cells(ctx, "培训"),
    ),
    (
        re.compile(r"因公出国[（(]境[）)]费$|境[）)]费$"),
        lambda ctx: three_public_cells(ctx, "出国"),
    ),
    (re.compile(r"公务接待费$"), lambda ctx: three_public_cells(ctx, "接待")),
    (
        re.compile(r"公务用车购置及运行(?:维护)?费$"),
        lambda ctx: three_public_cells(ctx, "车"),
    ),
    (re.compile(r"公务用车购置费$"), lambda ctx: three_public_cells(ctx, "购置")),
    (re.compile(r"公务用车运行(?:维护)?费$"), lambda ctx: three_public_cells(ctx, "运行")),
    (
        re.compile(r"机关运行经费(?:财政拨款)?(?:预算|支出)?(?:为)?$"),
        lambda ctx: _admin(ctx),
    ),
    (
        re.compile(r"(?:纳入绩效目标管理的二级项目.*共计金额|涉及项目金额)$"),
        _projects_total,
    ),
]


_THREE_PUBLIC_ITEMS: dict[str, Callable[[str], bool]] = {
    "会议": lambda name: "会议费" in name,
    "培训": lambda name: "培训费" in name,
    "合计": lambda name: name in {"合计", "小计"} or name.endswith("合计"),
    "出国": lambda name: "出国" in name,
    "接待": lambda name: "接待" in name,
    "车": lambda name: "购置及运行" in name,
    "购置": lambda name: "购置" in name and "购置及运行" not in name,
    "运行": lambda name: "运行" in name and "购置及运行" not in name,
}


def three_public_cells(ctx: Context, item: str) -> list[Cell]:
    """A 三公 item, whether the table lists the items as rows (13-table) or as columns."""
    table = ctx.table(*THREE_PUBLIC)
    if table is None:
        return []
    wanted = _THREE_PUBLIC_ITEMS[item]
    columns = [c for c in table.money_columns() if "机关运行" not in c]
    rows = [r for r in table.rows if r.kind != "total" or item == "合计"]
    item_rows = [
        r for r in table.rows if (r.kind == "total" if item == "合计" else wanted(squash(r.name)))
    ]
    # The items as rows: some row names one. Rows of units (单位代码 | 单位名称) under a
    # 合计 row list the items as columns.
    items = [test for key, test in _THREE_PUBLIC_ITEMS.items() if key != "合计"]
    if item_rows and any(
        r.kind != "total" and any(test(squash(r.name)) for test in items) for r in table.rows
    ):
        total_col = column(table, "合计") or (columns[0] if columns else None)
        return [Cell(table, r, total_col) for r in item_rows if total_col]
    if item == "合计":
        return [Cell(table, r, c) for r in rows or table.rows for c in _three_public_totals(table)]
    item_cols = []
    for col in columns:
        path = col.split("/")
        for index, part in enumerate(path):
            if index == 0 and len(path) > 1 and "三公" in part:
                continue  # the heading over the items, not an item
            last = index == len(path) - 1
            if wanted(squash(part)) and (last or path[index + 1] in {"小计", "预算数", "决算数"}):
                item_cols.append(col)
                break
    return [Cell(table, r, c) for r in rows or table.rows for c in item_cols]


# What may stand above a 三公 total column: the 三公 heading, a period, a fund.
_ABOVE_TOTAL = re.compile(
    r"三公|^(?:(?:19|20)\d{2}年)?(?:上年|本年|当年|本期|上期)?(?:预算|决算|财政拨款)*数?$"
)
_EARLIER = re.compile(r"上年|上期|增减|变化|比较")


def _three_public_totals(table: Table) -> list[str]:
    """The columns that give the 三公 total: '“三公”经费合计', '“三公”经费/小计',
    '2026年预算数/合计'; a plain 合计 only when the table holds nothing but 三公 (no
    会议费 or 培训费 beside them); never the 小计 under 公务用车购置及运行费. Of several
    periods, the latest year's."""
    columns = table.money_columns()
    others = any(word in c for c in columns for word in ("会议费", "培训费"))
    found = []
    for col in columns:
        path = [squash(p) for p in col.split("/")]
        at = next((i for i, p in enumerate(path) if is_total_column(p) or p.endswith("总额")), None)
        if at is None:
            continue
        named = any("三公" in p for p in path[: at + 1])
        if others and not named:
            continue  # the whole table's 合计, 会议费 and 培训费 included
        if all(_ABOVE_TOTAL.search(p) for p in path[:at]):
            found.append(col)
    current = [c for c in found if not _EARLIER.search(c)] or found
    years = {c: _year_of(c) for c in current}
    latest = max((y for y in years.values() if y is not None), default=None)
    return [c for c in current if latest is None or years[c] == latest]


def _year_of(column: str) -> int | None:
    found = re.match(r"((?:19|20)\d{2})年", column)
    return int(found.group(1)) if found else None


def _admin(ctx: Context) -> list[Cell]:
    table = ctx.table(*ADMIN)
    if table is None:
        return []
    columns = [c for c in table.money_columns() if "机关运行" in c] or [
        c for c in (column(table, "合计"),) if c
    ]
    rows = [grand_total(table)] if grand_total(table) else table.rows[:1]
    return [Cell(table, r, c) for r in rows if r is not None for c in columns]


def _class_cells(ctx: Context, name: str) -> list[Cell]:
    """A 类 named in the prose, in every table that lists 类."""
    code = EXPENSE_CLASSES.get(squash(name))
    if code is None:
        return []
    cells = []
    for ids in (SUMMARY, FISCAL, EXPENSE, GPB):
        table = ctx.table(*ids)
        if table is None:
            continue
        for row in table.rows:
            if row.code == code:
                cells += [Cell(table, row, c) for c in table.money_columns()]
    return cells


# 'A（类）B（款）C（项）', each level may print its code: '一般公共服务支出（201类）'.
ITEM_PATTERN = (
    r"(?P<cls>[\u4e00-\u9fff、]+?)[（(](?P<cc>\d{3})?类[)）]"
    r"(?:(?P<sec>[\u4e00-\u9fff、（）()]+?)[（(](?P<sc>\d{2})?款[)）])?"
    r"(?:(?P<item>[\u4e00-\u9fff、（）()]+?)[（(](?P<ic>\d{2})?项[)）])?"
)
_ITEM = re.compile(ITEM_PATTERN)


def item_names(match: re.Match[str]) -> list[str]:
    """The 类, 款 and 项 names of an item, without quotes or list numbers before them."""
    names = [squash(match.group(g)) for g in ("cls", "sec", "item") if match.group(g)]
    return [re.sub(r"^(?:[“\"、]|\d+[.、．])+", "", n) for n in names]


def printed_code(match: re.Match[str]) -> str | None:
    """The code the text prints beside the names, to the deepest level it gives."""
    code = ""
    for part in ("cc", "sc", "ic"):
        if match.group(part) is None:
            break
        code += match.group(part)
    return code or None


def _item_cells(ctx: Context, claim: Claim) -> list[Cell] | None:
    """'A（类）B（款）C（项）X万元': the row named by the nested names, or None if not that form."""
    head = claim.sentence[: claim.sentence.find(claim.text)]
    matches = list(_ITEM.finditer(head))
    if not matches and re.search(r"(?:支出)?决算(?:数)?为?$", squash(claim.subject)):
        # 决算: '…（项）。主要用于…。全年预算为A，支出决算为B' names the item sentences earlier
        paragraph = paragraph_of(ctx, claim.sentence)
        position = paragraph.find(claim.sentence)
        matches = list(_ITEM.finditer(paragraph[: max(position, 0)]))[-1:]
    if not matches:
        return None
    match = matches[-1]
    code = printed_code(match)
    if code is not None:
        # '（201类）（13款）（01项）': the code itself, in every table that carries it
        return [
            Cell(table, row, c)
            for ids in (GPB, EXPENSE, INCOME, FISCAL, SUMMARY)
            if (table := ctx.table(*ids)) is not None
            for row in table.rows
            if row.code == code
            for c in table.money_columns()
        ]
    names = item_names(match)
    found: list[Cell] = []
    for ids in (GPB, EXPENSE):
        table = ctx.table(*ids)
        if table is None:
            continue
        rows = [r for r in table.rows if r.code and len(r.code) == 3]
        row = next((r for r in rows if squash(r.name) == names[0]), None)
        for depth, name in enumerate(names[1:], start=1):
            if row is None:
                break
            kids = [
                r for r in table.rows if r.parent == row.key and len(r.code or "") == 3 + 2 * depth
            ]
            row = next((r for r in kids if squash(r.name) == name), None)
        if row is not None:
            found += [Cell(table, row, c) for c in table.money_columns()]
    return found


_NOISE = re.compile(r"拨款|收入|资金|财政|当年|支出")


def _norm(text: str) -> str:
    """'一般公共预算拨款收入', '一般公共预算资金' and '一般公共预算' name one fund."""
    return re.sub(r"预算$", "", _NOISE.sub("", squash(text)))


def _summary_named(ctx: Context, subject: str) -> list[Cell]:
    """Rows and total columns of the summary tables named like the subject."""
    wanted, loose = squash(subject), _norm(subject)
    names = _summary_names(ctx)
    cells = list(names.get(("exact", wanted), []))
    if len(loose) >= 4:
        cells += names.get(("loose", loose), [])
    return cells


def _summary_names(ctx: Context) -> dict[tuple[str, str], list[Cell]]:
    """Summary-table cells by the exact and the loose form of their row or column name."""
    index = ctx.memo.get("summary_names")
    if index is not None:
        return index  # type: ignore[return-value]
    built: dict[tuple[str, str], list[Cell]] = {}
    for ids in (SUMMARY, FISCAL):
        table = ctx.table(*ids)
        if table is None:
            continue
        columns = table.money_columns()
        for row in table.rows:
            key = squash(row.key.split("/")[-1])
            row_cells = [Cell(table, row, c) for c in columns]
            built.setdefault(("exact", key), []).extend(row_cells)
            built.setdefault(("loose", _norm(key)), []).extend(row_cells)
            if row.kind == "total":
                for col in columns:
                    leaf = _norm(col.split("/")[-1])
                    built.setdefault(("loose", leaf), []).append(Cell(table, row, col))
    ctx.memo["summary_names"] = built
    return built


# Words that place a subject in the document without naming what it is.
_GENERIC = re.compile(
    r"^(?:(?:19|20)\d{2}年度?|本年度?|当年|全年|年度|本部门|本单位|本机关|部门|单位|我局|我委|我院"
    r"|我单位|本局|本委|本院|共|总体|总|的)+"
)
# Subjects that say only when or what kind of figure: '2026年预算数' names no line.
_NO_SUBJECT = re.compile(r"^(?:预算数|决算数|执行数|金额|合计|预算|决算|安排|为)?$")


def _bare_subject(ctx: Context, subject: str) -> str:
    """The subject without the department's name, years and words like 本部门."""
    name = squash(ctx.doc.meta.department or "")
    if name and subject.startswith(name):
        subject = subject[len(name) :]
    return _GENERIC.sub("", subject)


def resolve(ctx: Context, claim: Claim) -> list[Cell]:
    item = _item_cells(ctx, claim)
    if item is not None:
        return item
    subject = squash(claim.subject).rstrip("为：:")
    if subject.startswith(("含", "涉及", "其中含", "用于", "安排用于")):
        return []  # a part of the amount before it ('（含上年结转750万元）'), not a table line
    subject = _bare_subject(ctx, subject)
    if _NO_SUBJECT.match(subject):
        return []
    subject = (
        re.sub(r"(?:拨款)?(?:收入|支出|预算)?$", "", subject)
        if subject in EXPENSE_CLASSES
        else subject
    )
    if squash(claim.subject) in EXPENSE_CLASSES:
        return _class_cells(ctx, claim.subject)
    named = _summary_named(ctx, subject)
    if named:
        return named
    for pattern, resolver in VOCABULARY:
        if pattern.search(subject):
            if resolver is _projects_total and "类项目" in claim.sentence:
                return []  # a category's share of the projects, not their total
            return resolver(ctx)
    return []


def code_rows(ctx: Context, groups: tuple[tuple[str, ...], ...]) -> dict[str, Row]:
    """Rows by functional code, from the first table of each group that has the code."""
    rows: dict[str, Row] = {}
    for ids in groups:
        table = ctx.table(*ids)
        if table is None:
            continue
        for row in table.rows:
            if row.code and row.code not in rows:
                rows[row.code] = row
    return rows
