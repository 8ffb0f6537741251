"""Project tables: department total → implementing units → projects."""

from __future__ import annotations

from decimal import Decimal

from budget_review.model import Row, Table, Text, words
from budget_review.model.columns import is_total_column
from budget_review.model.vocabulary import is_total_name
from budget_review.parsers.alignment import tolerance


def _amount(row: Row, column: str | None) -> Decimal:
    value = row.value(column) if column else None
    return value if value is not None else Decimal(0)


def group_projects(table: Table, department: str | None, warnings: list[Text]) -> None:
    """Department total → implementing units → projects, using the unit subtotals."""
    total_col = next((c for c in table.columns if is_total_column(c)), None)
    if not table.rows:
        return
    if total_col is None:
        # Nothing to group by (项目金额, no 合计 column): the rows stand under the total row
        # that heads or ends them, their own tree unread, not beside it as its parts.
        ends = [r for r in (table.rows[0], table.rows[-1]) if r.kind == "total"]
        if ends:
            for row in table.rows:
                if row is not ends[0] and row.kind != "total":
                    row.parent = ends[0].key
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
    walked = _walk(body, 0, total_col, allow_bad=True)
    if walked and not any(ok for _, _, ok in walked):
        walked = None  # no unit adds up: nothing says these rows are units at all
    units = [(head, members) for head, members, _ok in walked or []]
    for head, members, ok in walked or []:
        if not ok:
            warnings.append(
                words("read.unit_subtotal", n=table.number, unit=head.name, count=len(members))
            )
    grand = sum((_amount(u, total_col) for u, _ in units), Decimal(0))
    perfect = all(ok for _, _, ok in walked or [])
    if (
        units
        and total is not None
        and perfect
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
            warnings.append(words("read.no_units", n=table.number))
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


Unit = tuple[Row, list[Row], bool]  # the unit's row, its projects, whether they add up


def _walk(body: list[Row], start: int, column: str, allow_bad: bool) -> list[Unit] | None:
    """Split rows into units whose subtotal equals the sum of the projects below them.

    With `allow_bad`, one unit may miss its sum (a misprint, or a figure a reviewer is
    about to be told about) as long as every other unit adds up exactly: the grouping,
    and so every row key, stays the same when one figure is wrong.
    """
    if start == len(body):
        return []
    head = body[start]
    target = _amount(head, column)
    acc = Decimal(0)
    printed = [target]
    for end in range(start + 1, len(body)):
        acc += _amount(body[end], column)
        printed.append(_amount(body[end], column))
        if abs(acc - target) <= tolerance(printed):
            rest = _walk(body, end + 1, column, allow_bad)
            if rest is not None:
                return [(head, body[start + 1 : end + 1], True), *rest]
        elif acc > target + tolerance(printed) and target >= 0 and not allow_bad:
            break
    if not allow_bad:
        return None
    for end in range(start + 1, len(body)):
        rest = _walk(body, end + 1, column, allow_bad=False)
        if rest is not None:
            return [(head, body[start + 1 : end + 1], False), *rest]
    return None


def _unique(key: str, seen: dict[str, int]) -> str:
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key}#{seen[key]}"


def _rekey(row: Row) -> None:
    for column, figure in row.figures.items():
        prefix = figure.key.split("/", 2)[:2]
        figure.key = "/".join([*prefix, row.key, column])
