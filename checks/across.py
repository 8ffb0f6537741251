"""表间: the same money printed in two tables must agree."""

from __future__ import annotations

import re
from functools import lru_cache

from budget_review.checks.context import Cell, Context, Skip
from budget_review.checks.registry import rule
from budget_review.model import Row, Severity, Table, words
from budget_review.model.columns import is_total_column
from budget_review.model.numerals import strip_ordinal
from budget_review.model.roles import BUDGET
from budget_review.model.vocabulary import TOTAL_NAMES, squash

SUMMARY = ("budget_summary", "fa_summary")
INCOME = ("budget_income", "fa_income")
EXPENSE = ("budget_expense", "fa_expense")
FISCAL = ("fiscal_summary", "fa_fiscal_summary")
GPB = ("gpb_expense", "fa_gpb_expense")
ECONOMIC = ("gpb_basic_economic", "fa_gpb_basic")
PROJECTS = ("projects_current",)
CARRIED = ("projects_carryover",)


def grand_total(table: Table) -> Row | None:
    return next((r for r in table.rows if r.kind == "total" and squash(r.key) in TOTAL_NAMES), None)


def column(table: Table, name: str, side: str | None = None) -> str | None:
    """The money column named `name`: its leaf, or 合计 for the first total column."""
    money = tuple(
        table.columns[i]
        for segment in table.segments()
        if side is None or segment.side in (side, None)
        for i in segment.num_cols
    )
    return _column(money, name)


@lru_cache(maxsize=4096)
def _column(columns: tuple[str, ...], name: str) -> str | None:
    """The column whose leaf is `name`; else the total (合计/小计/总计) of a group of columns
    headed `name`: 基本支出/小计 over 基本支出/人员经费 and 基本支出/公用经费."""
    bare = _bare(name)

    def names(part: str) -> bool:
        return part == name or part.startswith(name) or bool(bare and _bare(part) == bare)

    for col in columns:
        leaf = re.sub(r"#\d+$", "", col.split("/")[-1])
        if name == "合计" and is_total_column(col):
            return col
        if name != "合计" and names(leaf):
            return col
    if name == "合计":
        return None
    for col in columns:
        parts = [re.sub(r"#\d+$", "", part) for part in col.split("/")]
        if len(parts) >= 2 and is_total_column(col) and names(parts[-2]):
            return col
    return None


def _bare(name: str) -> str:
    """The fund a name means: '政府性基金预算' and '政府性基金' name the same one."""
    return re.sub(r"(?:预算)?(?:拨款)?(?:资金|收入)?$|预算$", "", squash(strip_ordinal(name)))


def current_income_total(income: Table) -> str | None:
    """This year's income column: 本年收入/合计, or 合计 when there is no carry-over."""
    money = income.money_columns()
    this_year = [c for c in money if c.startswith("本年收入") and is_total_column(c)]
    if this_year:
        return this_year[0]
    if any("结转" in c or "结余" in c for c in money):
        return None
    return column(income, "合计")


def carryover_columns(table: Table, fund: str) -> list[str]:
    """The carry-over columns of one fund: 上年结转结余/一般公共预算资金 (or 上年结转 itself)."""
    money = table.money_columns()
    carried = [c for c in money if c.split("/")[0].startswith(("上年结转", "上年结余"))]
    of_fund = [c for c in carried if "/" in c and _bare(fund) in _bare(c.split("/")[-1])]
    return of_fund


def _row(table: Table, *names: str, side: str | None = None) -> Row | None:
    for name in names:
        for row in table.rows:
            if (side is None or row.side == side) and (row.key == name or row.name == name):
                return row
    return None


def _code_rows(table: Table) -> dict[str, Row]:
    return {r.code: r for r in table.rows if r.code}


@rule(
    "X1",
    "表间",
    "收支总表各收入项等于收入总表合计行相应列",
    "Each income source in the 收支总表 equals that column's total in the 收入总表",
)
def income_sources(ctx: Context) -> None:
    summary, income = ctx.need(*SUMMARY), ctx.need(*INCOME)
    total_row = grand_total(income)
    if total_row is None:
        raise Skip(words("reason.no_total_row", n=income.number))
    amount = summary.money_columns()
    summary_col = next((c for c in amount if c.startswith(("收入", "本年收入"))), None)
    if summary_col is None:
        raise Skip(words("reason.no_income_column", n=summary.number))
    matched = 0
    for row in summary.rows:
        if row.side != "income" or row.parent:
            continue
        if row.kind == "total" and row.key not in {"本年收入合计"}:
            continue
        target = (
            current_income_total(income) if row.key == "本年收入合计" else column(income, row.key)
        )
        if target is None:
            continue
        matched += 1
        ctx.check_same(
            Cell(summary, row, summary_col),
            Cell(income, total_row, target),
            f"表{income.number}合计行",
            f"表{income.number} totals row",
        )
    if _row(summary, "本年收入合计", side="income") is None:
        grand = _row(summary, "收入总计", "总计", side="income")
        total_col = column(income, "合计")
        if grand is not None and total_col:
            matched += 1
            ctx.check_same(
                Cell(summary, grand, summary_col),
                Cell(income, total_row, total_col),
                f"表{income.number}合计",
                f"表{income.number} total",
            )
    if not matched:
        raise Skip(words("reason.no_shared_income"))


@rule(
    "X2",
    "表间",
    "收支总表各类支出及合计等于支出总表相应类及合计",
    "The 收支总表 and the 支出总表 agree by function class and in total",
)
def expense_classes(ctx: Context) -> None:
    summary, expense = ctx.need(*SUMMARY), ctx.need(*EXPENSE)
    summary_col = column(summary, "合计", "expense") or next(
        (c for c in summary.money_columns() if c.startswith(("支出", "本年支出"))), None
    )
    expense_col = column(expense, "合计")
    if summary_col is None or expense_col is None:
        raise Skip(words("reason.no_expense_total"))
    codes = _code_rows(expense)
    for row in summary.rows:
        if row.side == "expense" and row.code and row.code in codes:
            ctx.check_same(
                Cell(summary, row, summary_col),
                Cell(expense, codes[row.code], expense_col),
                f"表{expense.number}同类",
                f"the same 类 in 表{expense.number}",
            )
    head = _row(summary, "本年支出合计", side="expense") or _row(
        summary, "支出总计", "总计", side="expense"
    )
    total = grand_total(expense)
    if head is not None and total is not None:
        ctx.check_same(
            Cell(summary, head, summary_col),
            Cell(expense, total, expense_col),
            f"表{expense.number}合计",
            f"表{expense.number} total",
        )


@rule(
    "X3",
    "表间",
    "支出总表各科目合计等于收入总表本年收入合计加上年结转",
    "For each code, the 支出总表 total equals the 收入总表's income this year plus carry-over",
    families=(BUDGET,),
)
def expense_equals_income(ctx: Context) -> None:
    income, expense = ctx.need(*INCOME), ctx.need(*EXPENSE)
    income_total = column(income, "合计")
    carried = column(income, "上年结转")
    expense_total = column(expense, "合计")
    if income_total is None or expense_total is None:
        raise Skip(words("reason.no_total_column"))
    # A 合计 over the whole table already holds the carry-over; 本年收入/合计 does not.
    if carried and "/" not in income_total:
        carried = None
    incomes = _code_rows(income)
    expenses = _code_rows(expense)
    pairs = [(incomes[c], expenses[c]) for c in incomes if c in expenses]
    total_in, total_out = grand_total(income), grand_total(expense)
    if total_in is not None and total_out is not None:
        pairs.append((total_in, total_out))
    for income_row, expense_row in pairs:
        addends = [Cell(income, income_row, income_total)]
        if carried:
            addends.append(Cell(income, income_row, carried))
        ctx.check_sum(
            Cell(expense, expense_row, expense_total),
            addends,
            f"表{income.number}本年收入与上年结转之和",
            f"表{income.number} income this year plus carry-over",
        )
    missing = sorted(set(incomes) ^ set(expenses)) if incomes and expenses else []
    if missing:
        refs = [
            Cell(t, r, column(t, "合计") or "").ref()
            for t, rows in ((income, incomes), (expense, expenses))
            for code, r in rows.items()
            if code in missing
        ]
        ctx.add(
            Severity.WARNING,
            f"收入总表与支出总表的科目不一致：{', '.join(missing)}",
            f"codes in only one of the 收入总表 and 支出总表: {', '.join(missing)}",
            refs,
        )


@rule(
    "X4",
    "表间",
    "一般公共预算支出表合计及各科目等于收入总表一般公共预算列",
    "The 一般公共预算支出表 equals the 一般公共预算 income of the 收入总表, in total and per code",
    families=(BUDGET,),
)
def general_budget_income(ctx: Context) -> None:
    income, gpb = ctx.need(*INCOME), ctx.need(*GPB)
    source = column(income, "一般公共预算")
    target = column(gpb, "合计")
    if source is None or target is None:
        raise Skip(words("reason.no_column", n=income.number, column="一般公共预算"))
    # A table 不含上年结转 compares with this year's money only; otherwise the fund's
    # carry-over, where the income table prints one, is spent through it too.
    carried = [] if "不含上年结转" in gpb.title else carryover_columns(income, "一般公共预算")
    incomes = _code_rows(income)
    pairs = [(r, incomes[r.code]) for r in gpb.rows if r.code and r.code in incomes]
    totals = (grand_total(gpb), grand_total(income))
    if totals[0] is not None and totals[1] is not None:
        pairs.append((totals[0], totals[1]))
    for gpb_row, income_row in pairs:
        if carried:
            ctx.check_sum(
                Cell(gpb, gpb_row, target),
                [Cell(income, income_row, c) for c in [source, *carried]],
                f"表{income.number}一般公共预算本年收入与上年结转结余之和",
                f"表{income.number} 一般公共预算 income and carry-over",
            )
            continue
        ctx.check_same(
            Cell(gpb, gpb_row, target),
            Cell(income, income_row, source),
            f"表{income.number}一般公共预算",
            f"表{income.number} 一般公共预算",
        )


@rule(
    "X5",
    "表间",
    "财政拨款收支总表一般公共预算各类等于一般公共预算支出表（加该类上年结转）",
    "Each 类 of the 财政拨款收支总表's 一般公共预算 column equals the 一般公共预算支出表 "
    "(plus that 类's carry-over)",
)
def fiscal_by_class(ctx: Context) -> None:
    fiscal, gpb = ctx.need(*FISCAL), ctx.need(*GPB)
    fund = column(fiscal, "一般公共预算", "expense")
    target = column(gpb, "合计")
    if fund is None or target is None:
        raise Skip(words("reason.no_column", n=fiscal.number, column="一般公共预算（支出）"))
    income = ctx.table(*INCOME)
    carried = column(income, "上年结转") if income is not None else None
    carried_rows = _code_rows(income) if income is not None and carried else {}
    gpb_rows = _code_rows(gpb)
    for row in fiscal.rows:
        if row.side != "expense" or not row.code or row.code not in gpb_rows:
            continue
        addends = [Cell(gpb, gpb_rows[row.code], target)]
        if income is not None and carried and row.code in carried_rows:
            addends.append(Cell(income, carried_rows[row.code], carried))
        ctx.check_sum(
            Cell(fiscal, row, fund),
            addends,
            f"表{gpb.number}同类" + ("加上年结转" if len(addends) > 1 else ""),
            f"the same 类 in 表{gpb.number}" + (" plus carry-over" if len(addends) > 1 else ""),
        )


@rule(
    "X6",
    "表间",
    "基本支出经济分类表合计等于一般公共预算支出表基本支出合计",
    "The economic-classification table's total equals the 基本支出 total of the 一般公共预算支出表",
)
def basic_spending(ctx: Context) -> None:
    economic, gpb = ctx.need(*ECONOMIC), ctx.need(*GPB)
    basic = column(gpb, "基本支出")
    gpb_total = grand_total(gpb)
    if basic is None or gpb_total is None:
        raise Skip(words("reason.no_basic_total", n=gpb.number))
    total = grand_total(economic)
    if total is not None and column(economic, "合计"):
        ctx.check_same(
            Cell(economic, total, column(economic, "合计") or ""),
            Cell(gpb, gpb_total, basic),
            f"表{gpb.number}基本支出合计",
            f"表{gpb.number} 基本支出 total",
        )
        return
    # 决算 tables list the groups in blocks side by side and no grand total
    groups = [
        Cell(economic, r, c)
        for c in economic.money_columns()
        for r in economic.rows
        if r.code and len(r.code) == 3 and r.figures.get(c) is not None
    ]
    if not groups:
        raise Skip(words("reason.no_groups", n=economic.number))
    ctx.check_sum(
        Cell(gpb, gpb_total, basic),
        groups,
        f"表{economic.number}各经济分类类之和",
        f"the sum of the groups of 表{economic.number}",
    )


@rule(
    "X7",
    "表间",
    "项目支出表：本年项目一般公共预算合计等于一般公共预算支出表项目支出；本年与上年结转项目合计等于支出总表项目支出",
    "Project tables: the current-year 一般公共预算 total equals the 一般公共预算支出表's 项目支出; "
    "current plus carried-over projects equal the 支出总表's 项目支出",
    families=(BUDGET,),
)
def project_tables(ctx: Context) -> None:
    projects = ctx.need(*PROJECTS)
    total = grand_total(projects)
    if total is None:
        raise Skip(words("reason.no_totals_row", n=projects.number))
    gpb = ctx.table(*GPB)
    fund = column(projects, "一般公共预算")
    gpb_total = grand_total(gpb) if gpb is not None else None
    gpb_projects = column(gpb, "项目支出") if gpb is not None else None
    if gpb is not None and gpb_total is not None and fund and gpb_projects:
        ctx.check_same(
            Cell(projects, total, fund),
            Cell(gpb, gpb_total, gpb_projects),
            f"表{gpb.number}项目支出",
            f"表{gpb.number} 项目支出",
        )
    expense = ctx.table(*EXPENSE)
    expense_total = grand_total(expense) if expense is not None else None
    expense_projects = column(expense, "项目支出") if expense is not None else None
    projects_total = column(projects, "合计")
    if expense is None or expense_total is None or not expense_projects or not projects_total:
        return
    addends = [Cell(projects, total, projects_total)]
    carried = ctx.table(*CARRIED)
    carried_total = grand_total(carried) if carried is not None else None
    carried_column = column(carried, "合计") if carried is not None else None
    if carried is not None and carried_total is not None and carried_column:
        addends.append(Cell(carried, carried_total, carried_column))
    ctx.check_sum(
        Cell(expense, expense_total, expense_projects),
        addends,
        "本年与上年结转项目合计之和",
        "current and carried-over project totals",
    )


# The lines of a 收支总表's expense side that another table prints by economic class.
_BY_USE = {
    "基本支出": ("basic", "基本支出"),
    "项目支出": ("basic", "项目支出"),
    "人员经费": ("personnel", "人员经费"),
    "公用经费": ("personnel", "公用经费"),
    "工资福利支出": ("group", "工资福利支出"),
    "商品和服务支出": ("group", "商品和服务支出"),
    "对个人和家庭的补助": ("group", "对个人和家庭的补助"),
    "对个人和家庭补助": ("group", "对个人和家庭的补助"),
    "资本性支出": ("group", "资本性支出"),
}
GPB_ECONOMIC = ("gpb_economic",)
_OTHER_FUNDS = (
    "政府性基金",
    "国有资本经营",
    "财政专户",
    "事业收入",
    "经营收入",
    "其他收入",
    "单位资金",
)


def _only_general_budget(table: Table) -> bool:
    """The summary's income is all 一般公共预算: its other sources are blank or 0."""
    other = [
        r for r in table.rows if r.side == "income" and any(word in r.name for word in _OTHER_FUNDS)
    ]
    return all(not f.value for r in other for f in r.figures.values())


def _group_row(table: Table, name: str, scheme: str) -> Row | None:
    """The economic group `name` in the scheme its codes start with (3: 部门, 5: 政府)."""
    for row in table.rows:
        code = row.code or ""
        if len(code) == 3 and code[0] == scheme and squash(strip_ordinal(row.name)) == name:
            return row
    return None


@rule(
    "X8",
    "表间",
    "收支总表按支出用途列出的基本支出、项目支出、人员经费、公用经费及经济分类类级数，"
    "等于支出表和经济分类表的相应合计",
    "A 收支总表's lines by use (基本支出, 项目支出, 人员经费, 公用经费, economic groups) "
    "equal the same totals in the expenditure and economic-classification tables",
    families=(BUDGET,),
)
def summary_by_use(ctx: Context) -> None:
    # (our cells, theirs): a use printed under several headings (基本 and 项目 each list
    # 商品和服务支出) adds up to the other table's one line
    lines: dict[tuple[int, str], tuple[list[Cell], Cell]] = {}  # by table, side and line
    for ids in (SUMMARY, FISCAL):
        summary = ctx.table(*ids)
        if summary is None or summary.unit is None:
            continue
        general_only = _only_general_budget(summary)
        for row in summary.rows:
            if not (row.side or "").startswith("expense"):
                continue
            target = _BY_USE.get(squash(strip_ordinal(row.name)))
            if target is None:
                continue
            own = next((c for c in summary.money_columns() if row.figures.get(c)), None)
            scheme = "5" if "政府" in (row.side or "") else "3"  # 政府 or 部门 economic codes
            theirs = _same_line(ctx, ids, target, general_only, scheme)
            if own is None or theirs is None:
                continue
            key = (id(summary), f"{row.side}/{target[1]}")
            mine = lines.setdefault(key, ([], theirs))[0]
            mine.append(Cell(summary, row, own))
    if not lines:
        raise Skip(words("reason.no_lines_by_use"))
    for mine, theirs in lines.values():
        what = (f"表{theirs.table.number}同项", f"the same line of 表{theirs.table.number}")
        if len(mine) == 1:
            ctx.check_same(mine[0], theirs, *what)
        else:
            ctx.check_sum(
                theirs,
                mine,
                f"表{mine[0].table.number}各处同项之和",
                f"the sum of that line's parts in 表{mine[0].table.number}",
            )


def _same_line(
    ctx: Context,
    ids: tuple[str, ...],
    target: tuple[str, str],
    general_only: bool,
    scheme: str,
) -> Cell | None:
    """Where the other tables print the line: 基本/项目支出 in the 支出总表 (or, for 财政拨款
    when it is all 一般公共预算, the 一般公共预算支出表); 人员/公用经费 in the basic
    economic table; an economic group in the 一般公共预算 economic table."""
    kind, name = target
    if kind == "basic":
        if ids == FISCAL and not general_only:
            return None
        other = ctx.table(*(EXPENSE if ids == SUMMARY else GPB))
        total = grand_total(other) if other is not None else None
        col = column(other, name) if other is not None else None
        return Cell(other, total, col) if other is not None and total and col else None
    if not general_only:
        return None
    other = ctx.table(*(ECONOMIC if kind == "personnel" else GPB_ECONOMIC))
    if other is None:
        return None
    row = grand_total(other) if kind == "personnel" else _group_row(other, name, scheme)
    col = column(other, name if kind == "personnel" else "合计")
    return Cell(other, row, col) if row is not None and col else None
