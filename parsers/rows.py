"""Turn a table's header and data lines into keyed, hierarchical rows.

Shared by the text-dump and PDF readers. Cells that a page break dropped are
put back only where the row's own arithmetic shows where they belong, and the
moved figures say so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from budget_review.model import Figure, Provenance, Row, Table
from budget_review.model.document import Side, figure_key
from budget_review.model.money import Unit
from budget_review.parsers.catalogue import (
    ECONOMIC_GROUPS,
    EXPENSE_CLASSES,
    TOTAL_NAMES,
    TableSpec,
)
from budget_review.parsers.grid import (
    Cell,
    GridLine,
    cell_amount,
    flatten_headers,
    is_blank,
    is_code_column,
    is_label_column,
    is_number_cell,
    is_total_column,
)
from budget_review.parsers.numerals import has_ordinal, strip_ordinal

_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff）)、])\s+(?=[\u4e00-\u9fff（(])")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SUB_ITEM = re.compile(r"^\s*(?:[①②③④⑤⑥⑦⑧⑨⑩]|其中\s*[:：])")


def clean_name(text: str) -> str:
    """Join a name split by a stray space or line break inside a cell."""
    return _CJK_GAP.sub("", text.replace("\n", " ").strip())


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
        for segment, default in zip(segments, ("income", "expense"), strict=True):
            first = columns[(segment.code_cols + segment.name_cols + segment.num_cols)[0]]
            top = first.split("/")[0]
            segment.side = "expense" if "支出" in top else "income" if "收入" in top else default  # type: ignore[assignment]
    return segments


# ---------------------------------------------------------------- arithmetic


def _tolerance(values: list[Decimal]) -> Decimal:
    """Rounding allowance for a sum of printed figures: ⌊n/2⌋ units of the last digit."""
    exponent = min((v.as_tuple().exponent for v in values), default=0)
    unit = Decimal(1).scaleb(int(exponent))
    return unit * (len(values) // 2)


def row_identities(columns: list[str], segment: Segment) -> list[tuple[int, list[int]]]:
    """(total column, component columns) pairs that each row of the segment must satisfy."""
    result = []
    for col in segment.num_cols:
        if not is_total_column(columns[col]):
            continue
        parent = columns[col].rsplit("/", 1)[0] if "/" in columns[col] else ""
        members = [
            c
            for c in segment.num_cols
            if c != col and (not parent or columns[c].startswith(parent + "/"))
        ]
        # A subgroup with its own subtotal counts once, through that subtotal.
        subtotals = [c for c in members if is_total_column(columns[c])]
        for sub in subtotals:
            sub_parent = columns[sub].rsplit("/", 1)[0]
            members = [
                c for c in members if c == sub or not columns[c].startswith(sub_parent + "/")
            ]
        if members:
            result.append((col, members))
    return result


def _holds(values: list[str], total: int, members: list[int]) -> bool | None:
    total_value = cell_amount(values[total]) if values[total] else None
    parts = [cell_amount(values[m]) if values[m] else None for m in members]
    if total_value is None and all(p is None for p in parts):
        return None
    printed = [v for v in [total_value, *parts] if v is not None]
    difference = (total_value or Decimal(0)) - sum((p or Decimal(0) for p in parts), Decimal(0))
    return abs(difference) <= _tolerance(printed)


# ---------------------------------------------------------------- alignment


@dataclass
class Aligned:
    cells: list[Cell]
    moved: dict[int, int]  # new column → column the plain reading would have given
    note: str | None = None


def _types_fit(texts: list[str], columns: list[str]) -> bool:
    for text, column in zip(texts, columns, strict=True):
        if not text.strip():
            continue
        if is_code_column(column):
            if not re.fullmatch(r"[\dA-Za-z\s]+", text.strip()) and not is_label_column(column):
                return False
        elif not is_label_column(column) and not (is_number_cell(text) or is_blank(text)):
            return False
    return True


def _all_hold(texts: list[str], identities: list[tuple[int, list[int]]]) -> tuple[int, bool]:
    checked, ok = 0, True
    for total, members in identities:
        verdict = _holds(texts, total, members)
        if verdict is None:
            continue
        checked += 1
        ok = ok and verdict
    return checked, ok


def align_cells(
    line: GridLine,
    columns: list[str],
    identities: list[tuple[int, list[int]]],
) -> Aligned:
    cells = list(line.cells)
    width = len(columns)
    while len(cells) > width and not cells[-1].text.strip():
        cells.pop()
    while len(cells) > width:
        # A name split over two cells: join the first text cell after a label cell.
        for i in range(min(len(cells) - 1, width - 1)):
            if (
                is_label_column(columns[i])
                and cells[i].text.strip()
                and cells[i + 1].text.strip()
                and not is_number_cell(cells[i + 1].text)
            ):
                cells[i] = Cell(cells[i].text + cells[i + 1].text, cells[i].where)
                del cells[i + 1]
                break
        else:
            cells = cells[:width]
    missing = width - len(cells)
    blank = Cell("", line.where)
    plain = cells + [blank] * missing
    if missing == 0:
        return Aligned(plain, {})
    texts = [c.text for c in plain]
    checked, ok = _all_hold(texts, identities)
    if _types_fit(texts, columns) and (ok or checked == 0):
        return Aligned(plain, {})
    # The plain reading breaks the row's arithmetic: find the placements of the
    # missing blanks that mend it, and keep those that move the fewest figures.
    layouts: dict[tuple[str, ...], tuple[int, ...]] = {}
    if missing <= 3:
        for gaps in itertools.combinations(range(width), missing):
            it = iter(cells)
            candidate = [blank if i in gaps else next(it) for i in range(width)]
            candidate_texts = [c.text for c in candidate]
            if not _types_fit(candidate_texts, columns):
                continue
            _, holds = _all_hold(candidate_texts, identities)
            if holds:
                layouts.setdefault(tuple(candidate_texts), gaps)
    if layouts:

        def moved_figures(layout: tuple[str, ...]) -> int:
            return sum(1 for a, b in zip(layout, texts, strict=True) if a != b and a.strip())

        fewest = min(moved_figures(layout) for layout in layouts)
        layouts = {k: v for k, v in layouts.items() if moved_figures(k) == fewest}
    if len(layouts) != 1:
        note = (
            f"{len(cells)} cells for {width} columns; no placement of the missing cells"
            " satisfies the row's totals, read as printed"
            if not layouts
            else f"{len(cells)} cells for {width} columns; several placements fit, read as printed"
        )
        return Aligned(plain, {}, note)
    gaps = next(iter(layouts.values()))
    positions = iter(range(len(cells)))
    source = [None if i in gaps else next(positions) for i in range(width)]
    repaired = [blank if s is None else cells[s] for s in source]
    moved = {new: old for new, old in enumerate(source) if old is not None and old != new}
    dropped = "、".join(columns[g] for g in gaps)
    note = (
        f"row has {len(cells)} cells for {width} columns: a blank cell was dropped "
        f"(restored at {dropped}): the placement that moves fewest figures and makes the"
        " row's totals agree"
    )
    return Aligned(repaired, moved, note)


# ---------------------------------------------------------------- rows


def _is_total_name(name: str) -> bool:
    bare = re.sub(r"\s+", "", name)
    return bare in {n.replace(" ", "") for n in TOTAL_NAMES} or bare.endswith(("合计", "总计"))


def _join_code(parts: list[str], last: list[str]) -> str | None:
    """类/款/项 columns → one code; blank parents repeat the row above."""
    parts = [re.sub(r"\s+", "", p) for p in parts]
    if len(parts) == 1:
        code = parts[0]
        return code if _CODE.match(code) else None
    if not any(parts):
        return None
    for i, part in enumerate(parts):
        if part:
            last[i] = part
            for j in range(i + 1, len(last)):
                if not parts[j]:
                    last[j] = ""
        elif any(parts[i + 1 :]):
            parts[i] = last[i]
    code = "".join(p for p in parts if p)
    return code if _CODE.match(code) else None


@dataclass
class TableContext:
    doc_sha: str
    number: int | None
    title: str
    spec: TableSpec | None
    unit: Unit | None
    label: str | None
    department: str | None
    where: Provenance


def build_table(
    ctx: TableContext,
    header_lines: list[GridLine],
    data_lines: list[GridLine],
    warnings: list[str],
) -> Table:
    columns = flatten_headers([line.texts() for line in header_lines])
    width = max([len(columns)] + [len(line.cells) for line in data_lines[:1]])
    if len(columns) < width:
        columns += [f"列{i + 1}" for i in range(len(columns), width)]
    segments = segments_of(columns)
    table = Table(
        number=ctx.number,
        title=ctx.title,
        catalogue_id=ctx.spec.id if ctx.spec else None,
        unit=ctx.unit,
        columns=columns,
        label=ctx.label,
        where=ctx.where,
    )
    layout = ctx.spec.layout if ctx.spec else "F"
    identities = [i for s in segments for i in row_identities(columns, s)]
    table_ref = ctx.number if ctx.number is not None else ctx.title
    last_code_parts: dict[int, list[str]] = {}
    keys_seen: dict[tuple[Side | None, str], int] = {}
    group_for_side: dict[Side | None, str | None] = {}
    economic_group: str | None = None
    for line in data_lines:
        aligned = align_cells(line, columns, identities)
        if aligned.note and not aligned.moved:
            warnings.append(f"表{table_ref} line {_line_of(line)}: {aligned.note}")
        texts = [c.text for c in aligned.cells]
        for seg_index, segment in enumerate(segments):
            names = [clean_name(texts[i]) for i in segment.name_cols]
            codes_raw = [texts[i] for i in segment.code_cols]
            numbers = [texts[i] for i in segment.num_cols]
            has_numbers = any(n.strip() for n in numbers)
            name = "".join(names[:1]) if names else ""
            last = last_code_parts.setdefault(seg_index, [""] * len(codes_raw))
            code = _join_code(codes_raw, last) if codes_raw else None
            label_in_code = [c for c in codes_raw if c.strip() and not c.strip().isdigit()]
            if code is None and label_in_code:
                # A code column holding a label (合计 in the 科目编码 or 类 column).
                name = name or clean_name(label_in_code[0])
            if not name and not code and not has_numbers:
                continue
            if (
                layout in {"F", "P", "U", "R"}
                and not code
                and not has_numbers
                and table.rows
                and name
                and not _is_total_name(name)
                and not has_ordinal(name)
            ):
                table.rows[-1].name += name  # a name wrapped onto the next line
                continue
            row = Row(key="", name=name or (code or ""), code=code, side=segment.side)
            row.where = line.where
            _classify(row, names, layout, segment.side, group_for_side)
            if layout == "E" and not code:
                if row.kind == "group":
                    economic_group = row.key
                elif economic_group and row.kind == "line":
                    row.parent = economic_group
            base = row.key or name or "?"
            count = keys_seen.get((segment.side, base), 0) + 1
            keys_seen[(segment.side, base)] = count
            if count > 1 and segment.side == "income" and group_for_side.get("income"):
                row.key = f"{group_for_side['income']}/{base}"
            elif count > 1:
                row.key = f"{base}#{count}"
            for col in segment.num_cols:
                cell = aligned.cells[col]
                raw = cell.text.strip()
                try:
                    value = cell_amount(raw) if raw else None
                except ValueError:
                    value = None
                if raw and value is None and not is_blank(raw):
                    warnings.append(
                        f"表{table_ref} line {_line_of(line)}: "
                        f"'{raw}' in {columns[col]} is not a number"
                    )
                figure = Figure(
                    key=figure_key(ctx.doc_sha, table_ref, row.key, columns[col]),
                    raw=raw,
                    value=value,
                    where=cell.where if raw else line.where,
                )
                if col in aligned.moved and raw:
                    figure.repair = (
                        f"{aligned.note}; read as '{columns[aligned.moved[col]]}' before repair"
                    )
                row.figures[columns[col]] = figure
            table.rows.append(row)
    _link_hierarchy(table, layout)
    if layout == "P":
        _group_projects(table, ctx.department, warnings)
    return table


def _line_of(line: GridLine) -> str:
    where = line.where
    return str(where.line) if where.line is not None else f"p.{where.page}"


def _classify(
    row: Row,
    names: list[str],
    layout: str,
    side: Side | None,
    group_for_side: dict[Side | None, str | None],
) -> None:
    name = row.name
    bare = strip_ordinal(name)
    if row.code:
        row.key = row.code
        row.kind = {3: "class", 5: "section", 7: "item"}.get(len(row.code), "entry")
        row.level = {3: 1, 5: 2, 7: 3}.get(len(row.code), 1)
        if layout == "E":
            row.kind = "group" if len(row.code) == 3 else "line"
        return
    if _is_total_name(bare) or _is_total_name(name):
        row.key = re.sub(r"\s+", "", bare)
        row.kind = "total"
        row.level = 0
        return
    if layout == "2S":
        row.key = bare
        if side == "expense" and bare in EXPENSE_CLASSES:
            row.code = EXPENSE_CLASSES[bare]
            row.key = row.code
            row.kind = "class"
            row.level = 1
        elif side == "income":
            if not has_ordinal(name):
                group_for_side["income"] = bare
            row.level = 1 if has_ordinal(name) else 0
        return
    if layout == "E" and len(names) >= 2:
        first, second = names[0], names[1]
        if not second and (first in ECONOMIC_GROUPS or first.endswith(("支出", "补助"))):
            row.key, row.kind, row.level = first, "group", 1
        else:
            row.key, row.kind, row.level = f"{first}/{second}", "line", 2
        return
    if layout == "S" and _SUB_ITEM.match(name):
        row.key, row.kind, row.level = bare, "line", 2
        return
    row.key = bare
    row.kind = {"U": "unit", "P": "project", "S": "entry", "E": "line"}.get(layout, "entry")
    row.level = 1


def _link_hierarchy(table: Table, layout: str) -> None:
    present = {row.code: row.key for row in table.rows if row.code}
    last_item_at_level: dict[int, str] = {}
    for row in table.rows:
        if row.code and layout in {"F", "R", "E"}:
            for cut in (5, 3) if len(row.code) == 7 else (3,) if len(row.code) == 5 else ():
                if row.code[:cut] in present:
                    row.parent = present[row.code[:cut]]
                    break
        elif layout == "S":
            if row.level == 1:
                last_item_at_level[1] = row.key
            elif row.level == 2 and 1 in last_item_at_level:
                row.parent = last_item_at_level[1]


def _amount(row: Row, column: str | None) -> Decimal:
    value = row.value(column) if column else None
    return value if value is not None else Decimal(0)


def _group_projects(table: Table, department: str | None, warnings: list[str]) -> None:
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
        if not members or abs(acc - target) > _tolerance(printed):
            units = []
            break
        units.append((head, members))
        i = j
    grand = sum((_amount(u, total_col) for u, _ in units), Decimal(0))
    if (
        units
        and total is not None
        and abs(grand - _amount(total, total_col))
        > _tolerance([_amount(u, total_col) for u, _ in units])
    ):
        units = []
    if total is not None:
        if not _is_total_name(total.name):
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
