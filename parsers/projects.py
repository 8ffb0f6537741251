"""Project tables: department total → implementing units → projects."""

from __future__ import annotations

from decimal import Decimal

from budget_review.model import Row, Table
from budget_review.parsers.alignment import tolerance
from budget_review.parsers.catalogue import is_total_name
from budget_review.parsers.grid import is_total_column


def _amount(row: Row, column: str | None) -> Decimal:
    value = row.value(column) if column else None
    return value if value is not None else Decimal(0)


def group_projects(table: Table, department: str | None, warnings: list[str]) -> None:
    """Department total → implementing units → projects, using the unit subtotals."""
    total_col = next((c for c in table.columns if is_total_column(c)), None)
    if total_col is None or not table.rows:
        return
    rows = table.rows
    total: Row | None = None
    if rows[0].kind == "total" or (department and rows[0].name == department):
        total = rows[0]
        body = rows[1:]
    elif rows[-1].kind == "total":
        total = rows[-1]
        body = rows[:-1]
    else:
        body = rows
    units: list[tuple[Row, list[Row]]] = []
    i = 0
    while i < len(body):
        head = body[i]
        target = _amount(head, total_col)
        acc, j = Decimal(0), i + 1
        members: list[Row] = []
        while j < len(body) and acc < target:
            acc += _amount(body[j], total_col)
            members.append(body[j])
            j += 1
        printed = [_amount(r, total_col) for r in [head, *members]]
        if not members or abs(acc - target) > tolerance(printed):
            units = []
            break
        units.append((head, members))
        i = j
    grand = sum((_amount(u, total_col) for u, _ in units), Decimal(0))
    if (
        units
        and total is not None
        and abs(grand - _amount(total, total_col))
        > tolerance([_amount(u, total_col) for u, _ in units])
    ):
        units = []
    if total is not None:
        if not is_total_name(total.name):
            total.key = "合计"  # the department's own name also heads its first unit
        total.kind, total.level = "total", 0
        _rekey(total)
    if not units:
        if len(body) > 1:
            warnings.append(
                f"表{table.number}: unit subtotals do not add up to their projects; "
                "projects are listed without their implementing units"
            )
        for row in body:
            row.kind, row.level, row.parent = "project", 1, total.key if total else None
        return
    seen: dict[str, int] = {}
    for unit_row, members in units:
        unit_row.kind, unit_row.level = "unit", 1
        unit_row.key = _unique(unit_row.name, seen)
        unit_row.parent = total.key if total else None
        _rekey(unit_row)
        for project in members:
            project.kind, project.level, project.parent = "project", 2, unit_row.key
            project.key = _unique(f"{unit_row.name}/{project.name}", seen)
            _rekey(project)


def _unique(key: str, seen: dict[str, int]) -> str:
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key}#{seen[key]}"


def _rekey(row: Row) -> None:
    for column, figure in row.figures.items():
        prefix = figure.key.split("/", 2)[:2]
        figure.key = "/".join([*prefix, row.key, column])
