"""A table of the document as a grid: real headers, indented names, highlighted figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.model import Address, Table
from budget_review.tui.format import figure_cell, printed
from budget_review.tui.session import OpenDocument
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable


def row_id(side: str | None, key: str) -> str:
    return f"{side or ''}:{key}"


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
        place: Address | None

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.table_number: int | None = None
        self._places: list[list[Address | None]] = []
        self._row_index: dict[tuple[str | None, str], int] = {}
        self._columns: list[str] = []

    def show(
        self,
        opened: OpenDocument,
        table: Table,
        separators: bool,
        notes: set[Address] | None = None,
    ) -> None:
        """Fill the grid with one table; keeps nothing from the table shown before."""
        self.clear(columns=True)
        self.table_number = table.number
        numeric = table.money_columns()
        self._columns = numeric
        self.add_column("编码", key="__code")
        self.add_column("名称", key="__name")
        for column in numeric:
            self.add_column(column, key=column)
        self._places = []
        self._row_index = {}
        notes = notes or set()
        for index, row in enumerate(table.rows):
            indent = "  " * max(row.level - 1, 0) if row.kind != "total" else ""
            name = Text(indent + (row.name or row.key), style="bold" if row.kind == "total" else "")
            cells: list[Text | str] = [row.code or "", name]
            places: list[Address | None] = [None, None]
            for column in numeric:
                figure = row.figures.get(column)
                place = Address(table.number, row.key, column)
                severity = opened.worst(place) if figure is not None else None
                doubtful = figure is not None and figure.where.uncertain
                cells.append(
                    figure_cell(printed(figure, separators), severity, place in notes, doubtful)
                )
                places.append(place if figure is not None else None)
            self.add_row(*cells, key=row_id(row.side, row.key) + f"#{index}")
            self._places.append(places)
            self._row_index[(row.side, row.key)] = index
            self._row_index.setdefault((None, row.key), index)
        if numeric and table.rows:
            self.move_cursor(row=0, column=2)  # start on a figure, not on a name

    def place_at_cursor(self) -> Address | None:
        row, column = self.cursor_coordinate
        if 0 <= row < len(self._places) and 0 <= column < len(self._places[row]):
            return self._places[row][column]
        return None

    def move_to(self, place: Address) -> bool:
        if place.table != self.table_number or place.row is None:
            return False
        row = self._row_index.get((None, place.row))
        if row is None or place.column not in self._columns:
            return False
        self.move_cursor(row=row, column=self._columns.index(place.column) + 2)
        return True

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        self.post_message(self.FigureFocused(self.place_at_cursor()))
