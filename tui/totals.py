"""The key totals of a document and where each is printed: no widgets here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budget_review.checks.across import EXPENSE, GPB, SUMMARY, column, grand_total
from budget_review.checks.context import Context
from budget_review.checks.subjects import THREE_PUBLIC, three_public_cells
from budget_review.model import Address, Document, Report, Row, Table
from budget_review.model.money import Unit

ADMIN = ("admin_operating", "fa_admin_operating")


@dataclass
class Total:
    zh: str
    en: str
    value: Decimal | None
    unit: Unit | None
    place: Address | None


def _table(doc: Document, ids: tuple[str, ...]) -> Table | None:
    return next((t for role in ids if (t := doc.table_by_role(role)) is not None), None)


def _row(table: Table, names: tuple[str, ...], side: str | None) -> Row | None:
    for name in names:
        for row in table.rows:
            if row.key == name and (side is None or row.side == side):
                return row
    return None


def _cell(
    table: Table | None, row: Row | None, col: str | None
) -> tuple[Decimal | None, Address | None]:
    if table is None or row is None or col is None:
        return None, None
    return row.value(col), Address(table.number, row.key, col)


def key_totals(doc: Document) -> list[Total]:
    totals: list[Total] = []

    def add(zh: str, en: str, table: Table | None, row: Row | None, col: str | None) -> None:
        value, place = _cell(table, row, col)
        if row is not None and zh == "上年结转":
            zh = row.name or zh  # as the document words it: 年初结转和结余 in 决算
        totals.append(Total(zh, en, value, table.unit if table else None, place))

    summary = _table(doc, SUMMARY)
    if summary is not None:
        income_col = next(
            (c for c in summary.columns if c.startswith(("收入", "本年收入")) and "项目" not in c),
            None,
        )
        expense_col = column(summary, "合计", "expense") or next(
            (c for c in summary.columns if c.startswith(("支出", "本年支出")) and "项目" not in c),
            None,
        )
        add(
            "收入总计",
            "total revenue",
            summary,
            _row(summary, ("收入总计", "总计"), "income"),
            income_col,
        )
        add(
            "本年收入合计",
            "revenue this year",
            summary,
            _row(summary, ("本年收入合计",), "income"),
            income_col,
        )
        add(
            "上年结转",
            "carry-over from the previous year",
            summary,
            _row(summary, ("上年结转", "年初结转和结余"), "income"),
            income_col,
        )
        add(
            "支出总计",
            "total expenditure",
            summary,
            _row(summary, ("支出总计", "总计"), "expense"),
            expense_col,
        )
    expense = _table(doc, EXPENSE)
    if expense is not None:
        total = grand_total(expense)
        add("基本支出", "basic expenditure", expense, total, column(expense, "基本支出"))
        add("项目支出", "project expenditure", expense, total, column(expense, "项目支出"))
    gpb = _table(doc, GPB)
    if gpb is not None:
        add(
            "一般公共预算支出",
            "general public budget expenditure",
            gpb,
            grand_total(gpb),
            column(gpb, "合计"),
        )
    three = _table(doc, THREE_PUBLIC)
    if three is not None:
        ctx = Context(doc, Report(doc.source.sha256))
        for zh, en, wanted in (
            ("“三公”经费", '"three public expenses"', "合计"),
            ("因公出国（境）费", "official overseas travel", "出国"),
            ("公务接待费", "official reception expenses", "接待"),
            ("公务用车购置及运行费", "official vehicles", "车"),
        ):
            # the same lookup the narrative checks use: items as rows or as columns
            cells = three_public_cells(ctx, wanted)
            cell = cells[0] if cells else None
            add(zh, en, three, cell.row if cell else None, cell.column if cell else None)
    admin = _table(doc, ADMIN)
    if admin is not None:
        add(
            "机关运行经费",
            "operating expenses of government agencies",
            admin,
            grand_total(admin),
            column(admin, "合计"),
        )
    elif three is not None:
        col = next((c for c in three.columns if "机关运行" in c), None)
        add(
            "机关运行经费",
            "operating expenses of government agencies",
            three,
            three.rows[0] if three.rows else None,
            col,
        )
    procurement = next(
        (c for c in doc.claims if c.kind == "amount" and "政府采购" in c.subject), None
    )
    if procurement is not None:
        totals.append(
            Total(
                "政府采购（说明）",
                "government procurement (narrative)",
                procurement.value,
                Unit(procurement.unit) if procurement.unit in {"元", "万元", "亿元"} else None,
                None,
            )
        )
    return totals


def class_structure(doc: Document) -> list[tuple[str, Decimal]]:
    """(类 name, amount) from the expense table, largest first."""
    table = _table(doc, EXPENSE) or _table(doc, GPB)
    if table is None:
        return []
    col = column(table, "合计")
    if col is None:
        return []
    classes = [
        (row.name, row.value(col) or Decimal(0))
        for row in table.rows
        if row.code and len(row.code) == 3
    ]
    return sorted((c for c in classes if c[1]), key=lambda c: -c[1])


def basic_project_split(doc: Document) -> tuple[Decimal, Decimal] | None:
    table = _table(doc, EXPENSE)
    if table is None:
        return None
    total = grand_total(table)
    basic, project = column(table, "基本支出"), column(table, "项目支出")
    if total is None or basic is None or project is None:
        return None
    return total.value(basic) or Decimal(0), total.value(project) or Decimal(0)
