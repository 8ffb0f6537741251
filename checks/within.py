"""表内: rules inside one table. Every table layout, every numeric column."""

from __future__ import annotations

from budget_review.checks.context import Cell, Context, Skip
from budget_review.checks.registry import rule
from budget_review.model import Row, Table, words
from budget_review.model.columns import column_identities
from budget_review.model.roles import FINAL
from budget_review.model.vocabulary import TOTAL_NAMES, squash


def _tables_with_rows(ctx: Context) -> list[Table]:
    tables = [t for t in ctx.doc.tables if t.rows and not t.empty]
    if not tables:
        raise Skip(words("reason.no_figures"))
    return tables


@rule(
    "W1",
    "表内",
    "每行合计等于各组成列之和（资金来源、基本+项目、人员+公用、小计=三类资金）",
    "Each row's total column equals the sum of its component columns",
)
def row_totals(ctx: Context) -> None:
    for table in _tables_with_rows(ctx):
        for segment in table.segments():
            for total, members in column_identities(table.columns, segment.num_cols):
                total_col = table.columns[total]
                member_cols = [table.columns[m] for m in members]
                names = "+".join(c.split("/")[-1] for c in member_cols)
                for row in table.rows:
                    if (
                        row.side is not None
                        and segment.side is not None
                        and row.side != segment.side
                    ):
                        continue
                    ctx.check_sum(
                        Cell(table, row, total_col),
                        [Cell(table, row, c) for c in member_cols],
                        f"{names} 之和",
                        f"the sum of {names}",
                    )


def _children(table: Table) -> dict[str, list[Row]]:
    """Direct children of each row: by code, by the parser's parent links, by group order."""
    children: dict[str, list[Row]] = {}
    group: Row | None = None
    for row in table.rows:
        if row.parent:
            children.setdefault(row.parent, []).append(row)
        elif row.kind == "group":
            group = row
        elif row.kind == "line" and group is not None and not row.code:
            children.setdefault(group.key, []).append(row)  # an uncoded E table
    return children


def _top_level(table: Table, side: str | None) -> list[Row]:
    rows = [r for r in table.rows if r.side == side and r.kind != "total" and not r.parent]
    if table.role and any(r.code for r in rows):
        return [r for r in rows if r.code and len(r.code) == 3]
    kinds = {"E": "group", "U": "unit", "P": "unit"}
    wanted = next((k for k in kinds.values() if any(r.kind == k for r in rows)), None)
    if wanted:
        return [r for r in rows if r.kind == wanted]
    return [r for r in rows if r.level == 1]


@rule(
    "W2",
    "表内",
    "分类层级相加：类等于所属款之和，款等于所属项之和；经济分类类等于所属款之和；单位小计等于所属项目之和",
    "The hierarchy adds up: each 类 is the sum of its 款, each 款 of its 项, each group of its "
    "lines, each unit of its projects",
)
def hierarchy(ctx: Context) -> None:
    for table in _tables_with_rows(ctx):
        if table.role is None:
            continue
        children = _children(table)
        by_key = {r.key: r for r in table.rows}
        for column in table.money_columns():
            for key, kids in children.items():
                parent = by_key.get(key)
                if parent is None or parent.kind == "total":
                    continue
                kids = [k for k in kids if k.side == parent.side]
                if kids:
                    ctx.check_sum(
                        Cell(table, parent, column),
                        [Cell(table, k, column) for k in kids],
                        "下级各行之和",
                        "the sum of the rows under it",
                    )


@rule(
    "W3",
    "表内",
    "合计行等于各类（功能分类）、各类（经济分类）、各单位之和",
    "The totals row equals the sum of the top-level rows (类, economic groups, units)",
)
def totals_row(ctx: Context) -> None:
    checked = 0
    for table in _tables_with_rows(ctx):
        if table.role is None or _two_sided(table):
            continue
        totals = [r for r in table.rows if r.kind == "total" and squash(r.key) in TOTAL_NAMES]
        if not totals:
            continue
        top = _top_level(table, None)
        if not top:
            continue
        checked += 1
        for column in table.money_columns():
            ctx.check_sum(
                Cell(table, totals[0], column),
                [Cell(table, r, column) for r in top],
                "各一级行之和",
                "the sum of the top-level rows",
            )
    if not checked:
        raise Skip(words("reason.no_totals_over_top"))


def _two_sided(table: Table) -> bool:
    return any(r.side == "income" for r in table.rows) and any(
        r.side == "expense" for r in table.rows
    )


def _side_columns(table: Table, side: str) -> list[str]:
    return [
        table.columns[i]
        for segment in table.segments()
        if segment.side == side
        for i in segment.num_cols
    ]


def _find(rows: list[Row], *names: str) -> Row | None:
    for name in names:
        for row in rows:
            if row.key == name or row.name == name:
                return row
    return None


@rule(
    "W4",
    "表内",
    "收支总表：本年收入合计等于各收入项之和，收入总计等于本年收入合计加结转，支出同理，收入总计等于支出总计",
    "Two-sided tables: the income and expense sides each add up, and 收入总计 = 支出总计",
)
def two_sided(ctx: Context) -> None:
    tables = [t for t in ctx.doc.tables if _two_sided(t) and not t.empty]
    if not tables:
        raise Skip(words("reason.no_two_sided"))
    for table in tables:
        for side, subtotal_names, total_names in (
            ("income", ("本年收入合计",), ("收入总计", "总计")),
            ("expense", ("本年支出合计",), ("支出总计", "总计")),
        ):
            rows = [r for r in table.rows if r.side == side]
            columns = _side_columns(table, side)
            subtotal = _find(rows, *subtotal_names)
            total = _find(rows, *total_names)
            if side == "expense":
                items = [r for r in rows if r.code and len(r.code) == 3]
            else:
                items = [r for r in rows if r.level == 1 and not r.parent and r.kind != "total"]
            head = subtotal or total
            if head is not None and items:
                if side == "income":
                    # items listed above the subtotal; carry-overs come after it
                    position = rows.index(head)
                    items = [r for r in items if rows.index(r) < position]
                for column in columns:
                    ctx.check_sum(
                        Cell(table, head, column),
                        [Cell(table, r, column) for r in items],
                        "各收入项之和" if side == "income" else "各类支出之和",
                        "the sum of the income items" if side == "income" else "the sum of the 类",
                    )
            if subtotal is not None and total is not None:
                start, end = rows.index(subtotal), rows.index(total)
                extras = [r for r in rows[start + 1 : end] if r.level == 0 and r.kind != "total"]
                for column in columns:
                    ctx.check_sum(
                        Cell(table, total, column),
                        [Cell(table, r, column) for r in [subtotal, *extras]],
                        "本年合计与结转之和",
                        "this year's total plus the carry-overs",
                    )
        income = _find([r for r in table.rows if r.side == "income"], "收入总计", "总计")
        expense = _find([r for r in table.rows if r.side == "expense"], "支出总计", "总计")
        income_cols = _side_columns(table, "income")
        expense_cols = _side_columns(table, "expense")
        if income and expense and income_cols and expense_cols:
            ctx.check_same(
                Cell(table, income, income_cols[0]),
                Cell(table, expense, expense_cols[0]),
                "收入总计应等于支出总计",
                "收入总计 must equal 支出总计",
            )


@rule(
    "W5",
    "表内",
    "结转结余：年末结转和结余等于年初结转和结余加本年收入减本年支出",
    "Balances roll forward: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出",
    families=(FINAL,),
)
def balances(ctx: Context) -> None:
    checked = 0
    for table in _tables_with_rows(ctx):
        columns = table.money_columns()
        opening = _column(columns, "年初结转和结余")
        income = _column(columns, "本年收入")
        spending = _column(columns, "本年支出/合计", "本年支出")
        closing = _column(columns, "年末结转和结余")
        if not (opening and income and spending and closing):
            continue
        checked += 1
        for row in table.rows:
            ctx.check_sum(
                Cell(table, row, closing),
                [Cell(table, row, c) for c in (opening, income, spending)],
                "年初加收入减支出",
                "opening balance plus income minus spending",
                signs=[1, 1, -1],
            )
    if not checked:
        raise Skip(words("reason.no_balances"))


def _column(columns: list[str], *names: str) -> str | None:
    for name in names:
        for column in columns:
            if column == name:
                return column
    return None
