"""A table of the document as a grid: real headers, indented names, highlighted figures.

The code and name columns stay in place while the figures scroll; a column that does
not fit whole is not drawn at all (never a figure cut to "12,345"), and the status
line below says how many columns are out of sight on each side. A two-sided table
(收入 | 支出) is shown as printed: each printed line one row, the left side's
columns then the right side's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from budget_review.model import Address, Row, Severity, Table
from budget_review.model.document import Provenance
from budget_review.tui.format import (
    CULPRIT_MARK,
    INVOLVED_MARK,
    MARKERS,
    NOTE_MARK,
    PLAIN_ROLE_STYLES,
    PLAIN_STYLES,
    ROLE_STYLES,
    STYLES,
    figure_cell,
    printed,
)
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument
from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.message import Message
from textual.strip import Strip
from textual.widgets import DataTable, Static

# A name column is never wider than this share of the grid, so that figures fit beside it.
NAME_SHARE = 0.5
MIN_NAME = 8


def row_id(side: str | None, key: str) -> str:
    return f"{side or ''}:{key}"


def header(column: str) -> str:
    """A column's header as printed, one line per level of the printed header, without the
    '#2' that tells repeated headers apart."""
    return "\n".join(re.sub(r"#\d+$", "", part) for part in column.split("/"))


@dataclass
class GridColumn:
    """One column of the grid: a code, a name, or the money of one table column."""

    key: str
    label: str
    kind: str  # code | name | money
    side: str | None = None
    column: str | None = None  # the table's column, for a money column


@dataclass
class GridLine:
    """One printed line: a row of each side found on it."""

    rows: dict[str | None, Row] = field(default_factory=dict)
    where: Provenance | None = None


@dataclass
class Layout:
    """How a table is drawn: its columns, its lines, and which columns stay fixed."""

    columns: list[GridColumn]
    lines: list[GridLine]
    fixed: int  # the label columns that stay while the figures scroll
    two_sided: bool


def layout(table: Table, lang: str = "zh") -> Layout:
    """The grid of a table: its columns and its printed lines."""
    segments = table.segments()
    sides = [s.side for s in segments]
    if len(segments) >= 2 and _sides_hold(table, segments):
        columns: list[GridColumn] = []
        for index, segment in enumerate(segments):
            side = segment.side
            for col in segment.code_cols[:1]:
                columns.append(
                    GridColumn(f"__code:{index}", header(table.columns[col]), "code", side)
                )
            name = segment.name_cols[:1]
            label = header(table.columns[name[0]]) if name else text("grid.name", lang)
            columns.append(GridColumn(f"__name:{index}", label, "name", side))
            for col in segment.num_cols:
                column = table.columns[col]
                columns.append(GridColumn(column, header(column), "money", side, column))
        first = segments[0]
        fixed = min(len(first.code_cols), 1) + 1
        return Layout(columns, _printed_lines(table.rows, sides), fixed, True)
    columns = [
        GridColumn("__code", text("grid.code", lang), "code"),
        GridColumn("__name", text("grid.name", lang), "name"),
    ]
    columns += [GridColumn(c, header(c), "money", None, c) for c in table.money_columns()]
    lines = [GridLine({None: row}, row.where) for row in table.rows]
    return Layout(columns, lines, 2, False)


def _sides_hold(table: Table, segments: list) -> bool:  # type: ignore[type-arg]
    """Every row belongs to one side and has figures only in that side's columns."""
    owned = {s.side: {table.columns[i] for i in s.num_cols} for s in segments}
    if None in owned or len(owned) != len(segments):
        return False
    first = segments[0].side
    return all(set(row.figures) <= owned.get(row.side or first, set()) for row in table.rows)


def _printed_lines(rows: list[Row], sides: list[str | None]) -> list[GridLine]:
    """Rows read from one printed line of a two-sided table share it again."""
    lines: list[GridLine] = []
    for row in rows:
        side = row.side or sides[0]
        last = lines[-1] if lines else None
        if (
            last is not None
            and side not in last.rows
            and sides.index(side) > max(sides.index(s) for s in last.rows)
            and _same_line(last.where, row.where)
        ):
            last.rows[side] = row
        else:
            lines.append(GridLine({side: row}, row.where))
    return lines


def _same_line(a: Provenance | None, b: Provenance) -> bool:
    if a is None:
        return False
    if (a.part, a.page, a.line) != (b.part, b.page, b.line):
        return False
    if a.bbox is not None and b.bbox is not None:
        return abs(a.bbox[1] - b.bbox[1]) < 2 and abs(a.bbox[3] - b.bbox[3]) < 2
    return a.bbox is None and b.bbox is None


def _plain(cell: Text | str) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _fit(cell: Text, width: int) -> Text:
    """A name cut to `width` cells with an ellipsis (figures are never cut)."""
    if cell_len(cell.plain) <= width:
        return cell
    cut = cell.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


class FigureGrid(DataTable[Text | str]):
    """One disclosure table; moving onto a figure posts `FigureGrid.FigureFocused`."""

    DEFAULT_CSS = """
    FigureGrid { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "cursor_left", "Left", show=False, id="grid.left"),
        Binding("j", "cursor_down", "Down", show=False, id="grid.down"),
        Binding("k", "cursor_up", "Up", show=False, id="grid.up"),
        Binding("l", "cursor_right", "Right", show=False, id="grid.right"),
        Binding("g", "scroll_top", "Top", show=False, id="grid.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="grid.bottom"),
    ]

    @dataclass
    class FigureFocused(Message):
        """The cursor came to a figure (None: to a line with none)."""

        place: Address | None

    @dataclass
    class Scrolled(Message):
        """The columns in sight changed (see `columns_in_sight`)."""

        span: tuple[int, int, int, int, int]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.table_number: int | None = None
        self.layout_: Layout | None = None
        self._places: list[list[Address | None]] = []
        self._row_index: dict[tuple[str | None, str], int] = {}
        self._column_index: dict[str, int] = {}
        self._shown: tuple[OpenDocument, Table, bool | None, set[Address] | None] | None = None
        self._name_width = 0
        self._span: tuple[int, int, int, int, int] | None = None
        # A table given before the grid has a size is filled at its first resize: the
        # room for names depends on the width (`unfilled`, and where to put the cursor).
        self._place_when_filled: Address | None = None
        self._when_filled: list[Callable[[], None]] = []
        self._filled_width = 0  # the width the table was laid out for; 0: never yet

    @property
    def unfilled(self) -> bool:
        """A table was given, but the grid has never had a width to lay it out in."""
        return self._shown is not None and not self._filled_width

    @property
    def plain(self) -> bool:
        """NO_COLOR: marks and bold/underline, never colour alone."""
        return bool(getattr(self.app, "no_color", False))

    @property
    def lang(self) -> str:
        return str(getattr(self.app, "lang", "zh"))

    def show(
        self,
        opened: OpenDocument,
        table: Table,
        separators: bool | None,
        notes: set[Address] | None = None,
    ) -> None:
        """Fill the grid with one table; keeps nothing from the table shown before."""
        self._shown = (opened, table, separators, notes)
        self.clear(columns=True)
        self.table_number = table.number
        width = self.size.width or self._filled_width  # hidden: as when last in sight
        if not width:  # never laid out yet: filled once it is (`on_resize`)
            self.layout_ = None
            self._places = []
            return
        self._filled_width = width
        grid = layout(table, self.lang)
        self.layout_ = grid
        self._name_width = self._name_cap(grid)
        notes = notes or set()
        plain = self.plain
        body: list[list[Text | str]] = []
        self._places = []
        self._row_index = {}
        for index, line in enumerate(grid.lines):
            cells: list[Text | str] = []
            places: list[Address | None] = []
            for column in grid.columns:
                row = line.rows.get(column.side)
                place = None
                if row is None:
                    cell: Text | str = ""
                elif column.kind == "code":
                    cell = row.code or ""
                elif column.kind == "name":
                    level = "  " * max(row.level - 1, 0) if row.kind != "total" else ""
                    style = "bold" if row.kind == "total" else ""
                    cell = Text(level + (row.name or row.key), style=style)  # fitted below
                else:
                    figure = row.figures.get(column.column or "")
                    if figure is not None:
                        place = Address(table.number, row.key, column.column)
                        severity, role = opened.mark(place)
                        cell = figure_cell(
                            printed(figure, separators),
                            severity,
                            place in notes,
                            figure.where.uncertain,
                            role,
                            plain,
                        )
                    else:
                        cell = figure_cell("", None)
                cells.append(cell)
                places.append(place)
            body.append(cells)
            self._places.append(places)
            for row in line.rows.values():
                self._row_index[(row.side, row.key)] = index
                self._row_index.setdefault((None, row.key), index)
        self._name_width = self._name_room(grid, body)
        names = [i for i, c in enumerate(grid.columns) if c.kind == "name"]
        for cells in body:
            for i in names:
                if isinstance(cells[i], Text):
                    cells[i] = _fit(cells[i], self._name_width)  # type: ignore[arg-type]
        self._column_index = {c.column: i for i, c in enumerate(grid.columns) if c.column}
        for position, column in enumerate(grid.columns):
            label = column.label
            if column.kind == "name":  # a name and its header are cut with "…", never a figure
                parts = label.split("\n")
                label = "\n".join(_fit(Text(p), self._name_width).plain for p in parts)
            widths = [cell_len(part) for part in label.split("\n")]
            widths += [
                cell_len(c.plain if isinstance(c, Text) else c) for c in (r[position] for r in body)
            ]
            self.add_column(Text(label), key=column.key, width=max(widths))
        self.fixed_columns = grid.fixed
        self.header_height = max((c.label.count("\n") + 1 for c in grid.columns), default=1)
        for index, (cells, line) in enumerate(zip(body, grid.lines, strict=True)):
            first = next(iter(line.rows.values()))
            self.add_row(*cells, key=row_id(first.side, first.key) + f"#{index}")
        first_money = next((i for i, c in enumerate(grid.columns) if c.kind == "money"), None)
        if first_money is not None and grid.lines:
            self.move_cursor(row=0, column=first_money)  # start on a figure, not on a name
        self.call_after_refresh(self._report_span)
        waiting, self._when_filled = self._when_filled, []
        for callback in waiting:
            callback()

    def _name_room(self, grid: Layout, body: list[list[Text | str]]) -> int:
        """Names take what the figures leave of the grid's width, at least their share:
        a name is cut only when the whole row would not fit otherwise."""
        cap = self._name_cap(grid)
        names = [i for i, c in enumerate(grid.columns) if c.kind == "name"]
        if not names:
            return cap
        width = self._filled_width

        def widest(i: int) -> int:
            column = grid.columns[i]
            cells = [cell_len(_plain(r[i])) for r in body]
            return max([*cells, *(cell_len(p) for p in column.label.split("\n"))], default=0)

        others = sum(widest(i) + 2 for i in range(len(grid.columns)) if i not in names)
        room = (width - others - 2 * len(names) - 2) // len(names)
        longest = max(widest(i) for i in names)
        return max(cap, min(room, longest))

    def _name_cap(self, grid: Layout) -> int:
        width = self._filled_width
        share = NAME_SHARE / 2 if grid.two_sided else NAME_SHARE  # a side's names and figures
        return max(MIN_NAME, int(width * share) - 2)

    def on_resize(self, event: Resize) -> None:
        # Filled again only when the width changed: it sets the room for the names.
        width = self.size.width
        if self._shown is not None and width and (self.unfilled or width != self._filled_width):
            place = self._place_when_filled if self.unfilled else self.place_at_cursor()
            self.show(*self._shown)
            self._place_when_filled = None
            if place is not None:
                self.move_to(place)
        self.call_after_refresh(self._report_span)

    def when_filled(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the table given is in the grid (at once if it is)."""
        if self.unfilled:
            self._when_filled.append(callback)
        else:
            callback()

    def relabel(self) -> None:
        """Show the same table again in the interface language, the cursor where it was."""
        if self._shown is not None:
            place = self.place_at_cursor()
            self.show(*self._shown)
            if place is not None:
                self.move_to(place)

    def place_at_cursor(self) -> Address | None:
        row, column = self.cursor_coordinate
        if 0 <= row < len(self._places) and 0 <= column < len(self._places[row]):
            return self._places[row][column]
        return None

    def row_place_at_cursor(self) -> Address | None:
        """The figure under the cursor, else the first figure of the cursor's line."""
        place = self.place_at_cursor()
        row = self.cursor_coordinate.row
        if place is None and 0 <= row < len(self._places):
            place = next((p for p in self._places[row] if p is not None), None)
        return place

    def move_to(self, place: Address) -> bool:
        if self.unfilled and place.table == self.table_number:
            self._place_when_filled = place
            return True
        if place.table != self.table_number or place.row is None or self.layout_ is None:
            return False
        column = self._column_index.get(place.column or "")
        if column is None:
            return False
        side = self.layout_.columns[column].side
        row = self._row_index.get((side, place.row), self._row_index.get((None, place.row)))
        if row is None:
            return False
        self.move_cursor(row=row, column=column)
        return True

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        """On a side of a table beyond the first, bring that side's names into sight with
        the figure when both fit: a figure is never read beside another side's names."""
        grid = self.layout_
        row, column = self.cursor_coordinate
        if grid is None or not grid.two_sided or not 0 <= column < len(grid.columns):
            super()._scroll_cursor_into_view(animate)
            return
        side = grid.columns[column].side
        names = [i for i, c in enumerate(grid.columns) if c.side == side and c.kind != "money"]
        if not names or names[0] < grid.fixed:
            super()._scroll_cursor_into_view(animate)
            return
        spacing = self._get_fixed_offset()
        cell = self._get_cell_region(self.cursor_coordinate)
        name = self._get_cell_region(Coordinate(row, names[0]))
        region = name.union(cell)
        if region.width > self.scrollable_content_region.width - spacing.left:
            super()._scroll_cursor_into_view(animate)
            return
        self.scroll_to_region(region, animate=animate, spacing=spacing, force=True)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self.post_message(self.FigureFocused(self.place_at_cursor()))

    # ------------------------------------------------------------------ what is in sight

    def _spans(self) -> list[tuple[int, int]]:
        """Each column's start and end in the scrolled line (fixed columns included)."""
        spans = []
        x = 0
        for column in self.ordered_columns:
            width = column.get_render_width(self)
            spans.append((x, x + width))
            x += width
        return spans

    def columns_in_sight(self) -> tuple[int, int, int, int, int]:
        """(hidden left, first shown, last shown, hidden right, all) of the scrolling columns,
        counting whole columns only; first and last are 1-based over all columns."""
        spans = self._spans()
        fixed = min(self.fixed_columns, len(spans))
        left = spans[fixed - 1][1] if fixed else 0
        start = int(self.scroll_x) + left
        end = int(self.scroll_x) + self.scrollable_content_region.width
        shown = [i for i in range(fixed, len(spans)) if spans[i][0] >= start and spans[i][1] <= end]
        hidden_left = sum(1 for i in range(fixed, len(spans)) if spans[i][0] < start)
        hidden_right = sum(1 for i in range(fixed, len(spans)) if spans[i][1] > end)
        first = shown[0] + 1 if shown else 0
        last = shown[-1] + 1 if shown else 0
        return hidden_left, first, last, hidden_right, len(spans)

    def render_line(self, y: int) -> Strip:
        """The line as DataTable draws it, with any column that does not fit whole left blank."""
        strip = super().render_line(y)
        spans = self._spans()
        fixed = min(self.fixed_columns, len(spans))
        if len(spans) <= fixed:
            return strip
        width = self.size.width
        view = self.scrollable_content_region.width  # without the scrollbar
        scroll = int(self.scroll_x)
        left = spans[fixed - 1][1] if fixed else 0
        start, end = scroll + left, scroll + view
        blank_from, blank_to = view, width  # under the scrollbar, if any, too
        cut_left = 0
        for begin, finish in spans[fixed:]:
            if begin < start < finish:
                cut_left = finish - scroll - left
            if begin < end < finish:
                blank_from = min(blank_from, begin - scroll)
        if cut_left:
            strip = Strip.join(
                [
                    strip.crop(0, left),
                    Strip.blank(cut_left, self.rich_style),
                    strip.crop(left + cut_left, width),
                ]
            )
        if blank_from < blank_to:
            strip = Strip.join(
                [
                    strip.crop(0, blank_from),
                    Strip.blank(blank_to - blank_from, self.rich_style),
                    strip.crop(blank_to, width),
                ]
            )
        return strip

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._report_span()

    def _report_span(self) -> None:
        if not self.is_mounted:
            return
        span = self.columns_in_sight()
        if span != self._span:
            self._span = span
            self.post_message(self.Scrolled(span))


def legend(lang: str, plain: bool = False) -> Text:
    """What the marks in the grid mean, each drawn as the grid draws it."""
    roles = PLAIN_ROLE_STYLES if plain else ROLE_STYLES
    styles = PLAIN_STYLES if plain else STYLES
    items = [
        (CULPRIT_MARK, roles["culprit"], "grid.legend.culprit"),
        (INVOLVED_MARK, roles["involved"], "grid.legend.involved"),
        (MARKERS[Severity.WARNING], styles[Severity.WARNING], "grid.legend.warning"),
        (MARKERS[Severity.TAIL], styles[Severity.TAIL], "grid.legend.tail"),
        (NOTE_MARK, "", "grid.legend.note"),
    ]
    out = Text()
    for mark, style, key in items:
        if out:
            out.append("  ")
        out.append(mark, style=style)
        out.append(" " + text(key, lang))
    return out


def position(span: tuple[int, int, int, int, int], lang: str) -> Text:
    """Which columns are in sight, and how many are out of sight on each side."""
    hidden_left, first, last, hidden_right, total = span
    out = Text()
    if hidden_left:
        out.append(text("grid.more_left", lang, n=hidden_left) + " ", style="bold")
    if first:
        out.append(text("grid.columns", lang, a=first, b=last, n=total))
    if hidden_right:
        out.append(" " + text("grid.more_right", lang, n=hidden_right), style="bold")
    return out


class GridStatus(Static):
    """Below the grid: the columns in sight and the legend of the marks."""

    DEFAULT_CSS = """
    GridStatus { height: auto; max-height: 2; padding: 0 1; background: $boost; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.span: tuple[int, int, int, int, int] | None = None

    def show(self, span: tuple[int, int, int, int, int] | None, lang: str, plain: bool) -> None:
        self.span = span
        line = position(span, lang) if span else Text()
        if line:
            line.append("   ")
        line.append_text(legend(lang, plain))
        self.update(line)
