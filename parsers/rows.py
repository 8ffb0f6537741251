"""Turn a table's header and data lines into keyed, hierarchical rows.

Shared by every reader. Each row gets a stable key (its code, its name, or
unit/project), a kind and a level, and each figure its provenance; a figure
moved by the alignment repair says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_review.model import Figure, Provenance, Row, Table, Text, figure_key, words
from budget_review.model.columns import (
    Segment,
    column_kind,
    is_other_code_column,
    leaf,
    row_identities,
    segments_of,
)
from budget_review.model.document import Side
from budget_review.model.i18n import place
from budget_review.model.money import Unit
from budget_review.model.numerals import has_ordinal, ordinal_depth, ordinal_rank, strip_ordinal
from budget_review.model.roles import TableRole
from budget_review.model.vocabulary import ECONOMIC_GROUPS, EXPENSE_CLASSES, is_total_name
from budget_review.parsers.alignment import align_cells
from budget_review.parsers.grid import (
    Cell,
    GridLine,
    cell_amount,
    dedupe,
    flatten_headers,
    is_blank,
    is_number_cell,
)
from budget_review.parsers.projects import group_projects

_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff）)、])\s+(?=[\u4e00-\u9fff（(])")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# A classification code (functional 2…, economic 3… or 5…) printed before the name
_CODE_AND_NAME = re.compile(
    r"^[\[【]?(?P<code>[235]\d{2}(?:\d{2}){0,2})[\]】]?\s*(?:[-－—_]\s*|\s+|(?<=[\]】]))"
    r"(?P<name>[^\d\s].*)$"
)
_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")
_SUB_ITEM = re.compile(r"^\s*(?:[①②③④⑤⑥⑦⑧⑨⑩]|其中\s*[:：])")


def clean_name(text: str) -> str:
    """Join a name split by a stray space or line break inside a cell."""
    return _CJK_GAP.sub("", text.replace("\n", " ").strip())


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
    spec: TableRole | None
    layout: str  # the role's layout, or 2S when the header shows two sides
    unit: Unit | None
    label: str | None
    department: str | None
    where: Provenance


def build_table(
    ctx: TableContext,
    header_lines: list[GridLine],
    data_lines: list[GridLine],
    warnings: list[Text],
) -> Table:
    header_lines, data_lines = _without_empty_columns(header_lines, data_lines)
    covered = [[c.covered for c in line.cells] if line.boxed else None for line in header_lines]
    columns = flatten_headers([line.texts() for line in header_lines], covered)
    width = max([len(columns)] + [len(line.cells) for line in data_lines[:1]])
    if len(columns) < width:
        columns += [f"列{i + 1}" for i in range(len(columns), width)]
    columns = _amounts_under_their_names(columns)
    columns, data_lines, blocks = _fold_wrapped_blocks(columns, data_lines, ctx.layout)
    table = Table(
        number=ctx.number,
        title=ctx.title,
        role=ctx.spec.id if ctx.spec else None,
        unit=ctx.unit,
        columns=columns,
        label=ctx.label,
        where=ctx.where,
        text_columns=_text_columns(columns, data_lines),
    )
    segments = table.segments()
    layout = ctx.layout
    identities = [i for s in segments for i in row_identities(columns, s)]
    money = [False] * len(columns)
    for segment in segments:
        for col in segment.num_cols:
            money[col] = True
    table_ref = ctx.number if ctx.number is not None else ctx.title
    last_code_parts: dict[int, list[str]] = {}
    keys_seen: dict[tuple[Side | None, str], int] = {}
    group_for_side: dict[str | None, str | None] = {}
    economic_group: str | None = None
    tree_last: dict[tuple[int, int], str] = {}  # (segment, name column) → the last row there
    ditto: dict[int, tuple[int, str]] = {}  # segment → the depth and name of its last row
    top_is_unit: dict[int, bool] = {}  # segment → its last top row names a unit
    row_blocks: dict[str, int] = {}  # row key → the block of a list printed in blocks
    periods = _period_columns(data_lines, segments)
    period_of: dict[int, str] = {}  # segment → the name the last row with a period gave
    unit_rows: dict[int, list[tuple[str, Row]]] = {}  # segment → (unit code, row) seen so far
    for line in data_lines:
        aligned = align_cells(line, columns, identities, money)
        if aligned.note and not aligned.moved:
            warnings.append(
                words("read.row_note", n=table_ref, where=_line_of(line), note=aligned.note)
            )
        texts = [c.text for c in aligned.cells]
        for seg_index, segment in enumerate(segments):
            names = [clean_name(texts[i]) for i in segment.name_cols]
            codes_raw = [texts[i] for i in segment.code_cols]
            numbers = [texts[i] for i in segment.num_cols]
            has_numbers = any(n.strip() for n in numbers)
            # A column of years (2025年 | 2026年 | 增减) says which year a row is, not its place.
            period = next((texts[i].strip() for i in segment.name_cols if i in periods), "")
            names = [clean_name(texts[i]) for i in segment.name_cols if i not in periods]
            # Several name columns make a tree. A row is the deepest node it names (the
            # names to its left head its branch); a 小计 there is the branch's own total.
            filled = [k for k, n in enumerate(names) if n and not (is_total_name(n) or n == "小计")]
            depth = filled[-1] if filled else next((k for k, n in enumerate(names) if n), 0)
            tree = len(names) >= 2 and layout not in {"E", "2S"}
            name = names[depth] if tree else "".join(names[:1]) if names else ""
            if period:
                if name:
                    period_of[seg_index] = name
                name = f"{name or period_of.get(seg_index, '')}/{period}".lstrip("/")
            last = last_code_parts.setdefault(seg_index, [""] * len(codes_raw))
            code = _join_code(codes_raw, last) if codes_raw else None
            label_in_code = [c for c in codes_raw if c.strip() and not c.strip().isdigit()]
            # 合计 in a cell merged across 部门代码 and 部门名称 stands in the code's column.
            label_in_code += [
                texts[i]
                for i in segment.other_cols
                if is_other_code_column(columns[i])
                and texts[i].strip()
                and not re.fullmatch(r"[\dA-Za-z.\-]+", texts[i].strip())
            ]
            if code is None and label_in_code:
                # A code column holding a label (合计 in the 科目编码 or 类 column).
                name = name or clean_name(label_in_code[0])
            if code is None and not segment.code_cols and (joined := _CODE_AND_NAME.match(name)):
                # '2010801-行政运行', '[2010301]行政运行': the code printed in the name's cell
                code, name = joined.group("code"), joined.group("name")
            if not name and not code and not has_numbers:
                continue
            if not filled and tree and has_numbers and seg_index in ditto:
                # a row whose names are left blank repeats the row above's (its 组织形式 differs)
                depth, name = ditto[seg_index]
                depth = depth // 2
            if (
                layout in {"F", "P", "U", "R"}
                and not tree
                and not code
                and not has_numbers
                and table.rows
                and name
                and not is_total_name(name)
                and not has_ordinal(name)
            ):
                table.rows[-1].name += name  # a name wrapped onto the next line
                continue
            row = Row(key="", name=name or (code or ""), code=code, side=segment.side)
            row.where = line.where
            _classify(row, names, layout, segment.side, group_for_side)
            if tree and row.kind != "total" and not code:
                # Depths count in halves: a unit printed in the first column under a
                # category there (货物 / 苏州市审计局 / items) sits between the two.
                depth = depth * 2
                if depth == 0 and _ORGANISATION.search(name) and not top_is_unit.get(seg_index):
                    depth = 1 if (seg_index, 0) in tree_last else 0
                if depth == 0:
                    top_is_unit[seg_index] = bool(_ORGANISATION.search(name))
                row.level = depth + 1
                above = [d for (seg, d) in tree_last if seg == seg_index and d < depth]
                row.parent = tree_last[(seg_index, max(above))] if above else None
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
                        words(
                            "read.not_number",
                            n=table_ref,
                            where=_line_of(line),
                            raw=raw,
                            column=columns[col],
                        )
                    )
                figure = Figure(
                    key=figure_key(ctx.doc_sha, table_ref, row.key, columns[col]),
                    raw=raw,
                    value=value,
                    where=cell.where if raw else line.where,
                )
                if col in aligned.moved and raw:
                    figure.repair = words(
                        "read.repaired_from", note=aligned.note, column=columns[aligned.moved[col]]
                    )
                row.figures[columns[col]] = figure
            table.rows.append(row)
            unit_code = next(
                (
                    texts[i].strip()
                    for i in segment.other_cols
                    if is_other_code_column(columns[i]) and texts[i].strip().isdigit()
                ),
                None,
            )
            if unit_code and layout != "P" and not code and row.kind != "total":
                _under_its_department(row, unit_code, unit_rows.setdefault(seg_index, []))
            if id(line) in blocks:
                row_blocks[row.key] = blocks[id(line)]
            if tree and row.kind != "total" and not code:
                ditto[seg_index] = (depth, name)
                for deeper in [k for k in tree_last if k[0] == seg_index and k[1] > depth]:
                    del tree_last[deeper]  # a new branch: the rows below it are its own
                tree_last[(seg_index, depth)] = row.key
    _name_a_lone_total(table, ctx.doc_sha, table_ref)
    if blocks:
        _groups_under_block_totals(table, row_blocks)
    _link_hierarchy(table, layout)
    if layout == "P":
        group_projects(table, ctx.department, warnings)
    return table


def _under_its_department(row: Row, unit_code: str, seen: list[tuple[str, Row]]) -> None:
    """A unit under the department its code extends: 024001 (a unit) under 024 (the
    department), as the page lists the department's own row and then its units'."""
    if row.parent is None:
        heads = [(c, r) for c, r in seen if len(c) < len(unit_code) and unit_code.startswith(c)]
        if heads:
            _, head = max(heads, key=lambda item: len(item[0]))
            row.parent = head.key
            row.level = head.level + 1
    seen.append((unit_code, row))


def _fold_wrapped_blocks(
    columns: list[str], data: list[GridLine], layout: str
) -> tuple[list[str], list[GridLine], dict[int, int]]:
    """One list printed in blocks side by side (人员经费 | 公用经费 | 公用经费) read as one list.

    Each block has the same columns (code, name, amount); the rows of the first block
    come first, then the next block's. A footer whose label stands in one block and its
    figure in the next (公用经费合计 … 2,266.65) is one row. Returns the block of each
    line (by id), so that a block's groups can be put under its footer total.
    """
    segments = segments_of(columns)
    if layout != "E" or len(segments) < 2:
        return columns, data, {}
    shapes = [
        tuple(leaf(columns[i]) for i in [*s.code_cols, *s.name_cols, *s.num_cols]) for s in segments
    ]
    if len(set(shapes)) != 1 or any(not s.num_cols for s in segments):
        return columns, data, {}
    first = segments[0]
    order = [*first.code_cols, *first.name_cols, *first.num_cols]
    amounts = len(first.num_cols)
    pieces: list[list[GridLine]] = [[] for _ in segments]
    for line in data:
        parts = [
            [line.cells[i] if i < len(line.cells) else Cell("", line.where) for i in wanted]
            for wanted in ([*g.code_cols, *g.name_cols, *g.num_cols] for g in segments)
        ]
        for k in range(len(parts) - 1):
            label = any(c.text for c in parts[k][:-amounts])
            figure = any(c.text for c in parts[k][-amounts:])
            if label and not figure and not any(c.text for c in parts[k + 1][:-amounts]):
                parts[k][-amounts:] = parts[k + 1][-amounts:]
                parts[k + 1] = [Cell("", line.where) for _ in parts[k + 1]]
        for k, part in enumerate(parts):
            if any(c.text for c in part):
                pieces[k].append(GridLine(part, line.where, line.boxed))
    block_of = {id(line): k for k, block in enumerate(pieces) for line in block}
    return [leaf(columns[i]) for i in order], [line for block in pieces for line in block], block_of


def _groups_under_block_totals(table: Table, row_blocks: dict[str, int]) -> None:
    """Each block's footer (人员经费合计, 公用经费合计) heads the groups of its block, and of
    the blocks after it that print no footer of their own."""
    footers: dict[int, str] = {}
    for row in table.rows:
        if row.kind == "total" and row.key in row_blocks:
            footers.setdefault(row_blocks[row.key], row.key)
    if not footers:
        return
    for row in table.rows:
        block = row_blocks.get(row.key)
        if row.code and len(row.code) == 3 and not row.parent and block is not None:
            owners = [b for b in footers if b <= block]
            if owners:
                row.parent = footers[max(owners)]


def _amounts_under_their_names(columns: list[str]) -> list[str]:
    """Each side's amounts belong to the heading of its names.

    A header cell drawn too wide ('支出用途' over the 功能分类 amounts too) would
    otherwise put one side's amounts under the next side's heading.
    """
    renamed = list(columns)
    segments = segments_of(columns)
    if len(segments) < 2:
        return columns
    for segment in segments:
        labels = segment.code_cols + segment.name_cols
        if not labels:
            continue
        base = columns[labels[0]].split("/")[:-1]
        for col in segment.num_cols:
            path = columns[col].split("/")
            # only within one side: 支出/支出用途/金额 → 支出/功能分类/金额
            if len(base) >= 2 and len(path) == len(base) + 1 and path[0] == base[0]:
                if path[:-1] != base:
                    renamed[col] = "/".join([*base, path[-1]])
    bare = [re.sub(r"#\d+$", "", c) for c in renamed]
    if len(set(bare)) < len(set(re.sub(r"#\d+$", "", c) for c in columns)):
        return columns  # the renaming would merge two columns: keep the header as printed
    return dedupe(bare)


_PERIOD = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年(?:度)?(?:预算数?|执行数|决算数)?|增减.*|变化.*|比上年.*)$"
)


def _period_columns(data: list[GridLine], segments: list[Segment]) -> set[int]:
    """Name columns whose cells are years or their difference: 2025年, 2026年, 增减变化金额."""
    found = set()
    for segment in segments:
        for index in segment.name_cols:
            cells = [
                line.cells[index].text.strip()
                for line in data
                if index < len(line.cells) and line.cells[index].text.strip()
            ]
            if len(cells) >= 2 and sum(bool(_PERIOD.match(c)) for c in cells) * 2 > len(cells):
                found.add(index)
    return found


def _without_empty_columns(
    header: list[GridLine], data: list[GridLine]
) -> tuple[list[GridLine], list[GridLine]]:
    """Drop columns blank in every header and data row (spreadsheet exports print spacers)."""
    lines = header + data
    width = max((len(line.cells) for line in lines), default=0)
    used = [
        any(i < len(line.cells) and line.cells[i].text.strip() for line in lines)
        for i in range(width)
    ]
    if all(used):
        return header, data

    def keep(line: GridLine) -> GridLine:
        cells = [cell for i, cell in enumerate(line.cells) if i >= width or used[i]]
        return GridLine(cells, line.where, line.boxed)

    return [keep(line) for line in header], [keep(line) for line in data]


def _text_columns(columns: list[str], data: list[GridLine]) -> list[str]:
    """Columns whose header reads like money but whose cells are mostly words."""
    found = []
    for index, column in enumerate(columns):
        if column_kind(column) != "money":
            continue
        cells = [
            line.cells[index].text.strip()
            for line in data
            if index < len(line.cells) and line.cells[index].text.strip()
        ]
        words_only = [c for c in cells if not is_number_cell(c) and not is_blank(c)]
        if len(words_only) >= 2 and len(words_only) * 2 > len(cells):
            found.append(column)
    return found


def _name_a_lone_total(table: Table, doc_sha: str, table_ref: int | str) -> None:
    """A table of one unlabelled row of figures (收入总表 as one line): that row is the total."""
    if len(table.rows) == 1 and table.rows[0].key in ("", "?") and not table.rows[0].code:
        row = table.rows[0]
        row.key, row.name, row.kind, row.level = "合计", "合计", "total", 0
        for column, figure in row.figures.items():
            figure.key = figure_key(doc_sha, table_ref, row.key, column)


def _line_of(line: GridLine) -> Text:
    return place(line.where.page, line.where.line) or Text("", "")


def _classify(
    row: Row,
    names: list[str],
    layout: str,
    side: Side | None,
    group_for_side: dict[str | None, str | None],
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
    if is_total_name(bare) or is_total_name(name):
        row.key = re.sub(r"\s+", "", bare)
        row.kind = "total"
        row.level = 0
        if side == "income":
            group_for_side["income_item"] = None
        return
    if layout == "2S":
        row.key = bare
        if side == "expense" and bare in EXPENSE_CLASSES:
            row.code = EXPENSE_CLASSES[bare]
            row.key = row.code
            row.kind = "class"
            row.level = 1
        elif side == "income":
            depth = ordinal_depth(name)
            heading = group_for_side.get("income_item") or ""
            if depth == 0 and bare.startswith(_FUNDS) and re.search(r"结转|结余", heading):
                # 一般公共预算财政拨款 under 年初财政拨款结转和结余: the carry-over of one fund
                row.parent, row.level = heading, 2
                return
            if depth == 0:
                # a heading without an ordinal (上年结余、结转) takes the numbered items after it
                group_for_side["income"] = bare
                group_for_side["income_item"] = bare
            elif depth == 1:
                group_for_side["income_item"] = bare
            elif group_for_side.get("income_item"):
                # '1. 一般公共预算资金' under '一、财政拨款收入'
                row.parent = group_for_side["income_item"]
            row.level = depth
        return
    if layout == "E" and len(names) >= 2:
        first, second = names[0], names[1]
        if not second and (first in ECONOMIC_GROUPS or first.endswith(("支出", "补助"))):
            row.key, row.kind, row.level = first, "group", 1
        else:
            row.key, row.kind, row.level = f"{first}/{second}", "line", 2
        return
    row.key = bare
    row.kind = {"U": "unit", "P": "project", "S": "entry", "E": "line"}.get(layout, "entry")
    row.level = 1


def _link_hierarchy(table: Table, layout: str) -> None:
    present = {row.code: row.key for row in table.rows if row.code}
    for row in table.rows:
        # A single list (政府采购 by 功能科目) nests its 类/款/项 as a functional table does.
        if row.code and layout in {"F", "R", "E", "S"}:
            for cut in (5, 3) if len(row.code) == 7 else (3,) if len(row.code) == 5 else ():
                if row.code[:cut] in present:
                    row.parent = present[row.code[:cut]]
                    break
    if layout == "S" and not any(r.parent for r in table.rows):
        _nest_by_ordinals(table)  # unless the name columns made a tree already
    elif layout == "E" and not any(r.code for r in table.rows):
        _units_over_groups(table)


def _nest_by_ordinals(table: Table) -> None:
    """A list of items: 一、 > （一） > 1. > （1） > ①, and a '其中' row under the one above it.

    A row without an ordinal is at the top unless it opens with 其中 (a part of the
    row before it).
    """
    stack: list[tuple[int, str]] = []  # (rank, key) of the open rows, shallowest first
    for row in table.rows:
        if row.kind == "total":
            stack = []
            continue
        rank = ordinal_rank(row.name)
        if rank == 0 and _SUB_ITEM.match(row.name):
            rank = (stack[-1][0] + 1) if stack else 1
        while stack and stack[-1][0] >= rank:
            stack.pop()
        if stack and rank:
            row.parent = stack[-1][1]
            row.kind = "line"
        row.level = len(stack) + 1
        stack.append((rank, row.key))


def _units_over_groups(table: Table) -> None:
    """Economic groups listed under the units that spend them: each unit heads its groups."""
    groups = [r for r in table.rows if r.kind != "total" and _is_economic_group(r.name)]
    heads = [r for r in table.rows if r.kind != "total" and not _is_economic_group(r.name)]
    if not groups or not heads or not all(_ORGANISATION.search(r.name) for r in heads):
        return
    head: Row | None = None
    for row in table.rows:
        if row.kind == "total":
            continue
        if _is_economic_group(row.name):
            if head is not None:
                row.parent, row.level, row.kind = head.key, 2, "group"
        else:
            head = row
            row.kind, row.level = "unit", 1


# A unit or department: what a budget row names when it is not an account
_ORGANISATION = re.compile(
    r"(?:局|委员会|委|院|办公室|办|厅|中心|部|站|馆|所|校|队|会|处|社|编辑部)(?:[（(][^）)]*[)）])?$"
)


def _is_economic_group(name: str) -> bool:
    return strip_ordinal(name) in ECONOMIC_GROUPS
