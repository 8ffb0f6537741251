"""The review screen's panes, each declared once: id, title, key, what it shows, what
takes the keys when it is shown. The pane bar, pane keys, tab order, language switch
and focus all read this list.

A pane's widgets are imported when it is first built: the first screen shows only the
tables, and waits for nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from budget_review.tui.widgets.figure_grid import FigureGrid, GridStatus
from budget_review.tui.widgets.inspector import Inspector
from budget_review.tui.widgets.table_list import TableList
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static


class TablesPane(Horizontal):
    """The list of tables, and the chosen table with the inspector under it."""

    def compose(self) -> ComposeResult:
        yield TableList(id="table-list")
        yield TableSide(id="table-side")


class TableSide(Vertical):
    """The chosen table: its caption, the grid, the grid's status line, the inspector."""

    def compose(self) -> ComposeResult:
        yield Static(id="table-caption")
        yield FigureGrid(id="grid")
        yield GridStatus(id="grid-status")
        yield Inspector(id="inspector")

    def on_mount(self) -> None:
        self.watch(self.app, "lang", self._relabel, init=False)
        self._refresh_status()

    def _relabel(self, lang: str) -> None:
        self.query_one(FigureGrid).relabel()
        self._refresh_status()

    def on_figure_grid_scrolled(self, event: FigureGrid.Scrolled) -> None:
        event.stop()
        grid = self.query_one(FigureGrid)
        self.query_one(GridStatus).show(event.span, grid.lang, grid.plain)

    def _refresh_status(self) -> None:
        grid = self.query_one(FigureGrid)
        status = self.query_one(GridStatus)
        status.show(status.span, grid.lang, grid.plain)


def _cards() -> Widget:
    from budget_review.tui.widgets.cards_pane import CardsPane

    return CardsPane()


def _totals() -> Widget:
    from budget_review.tui.widgets.totals_pane import TotalsPane

    return TotalsPane()


def _narrative() -> Widget:
    from budget_review.tui.widgets.narrative_pane import NarrativePane

    return NarrativePane()


def _findings() -> Widget:
    from budget_review.tui.widgets.findings_pane import FindingsPane

    return FindingsPane()


def _notes() -> Widget:
    from budget_review.tui.widgets.notes_pane import NotesTable

    return NotesTable()


def _documents() -> Widget:
    from budget_review.tui.widgets.documents_pane import DocumentsTable

    return DocumentsTable()


@dataclass(frozen=True)
class Pane:
    """One pane of the review screen, declared once."""

    id: str  # also the words' key: pane.<id>
    key: str  # the key that shows it
    body: Callable[[], Widget]  # made without an id: the screen names it by the pane
    focus: str  # the type of the widget that takes the keys when the pane is shown

    @property
    def title_key(self) -> str:
        return f"pane.{self.id}"


PANES: tuple[Pane, ...] = (
    Pane("tables", "T", TablesPane, "FigureGrid"),
    Pane("cards", "C", _cards, "CardList"),
    Pane("totals", "S", _totals, "TotalsPane"),
    Pane("narrative", "W", _narrative, "ParagraphList"),
    Pane("findings", "E", _findings, "FindingsTable"),
    Pane("notes", "O", _notes, "NotesTable"),
    Pane("documents", "D", _documents, "DocumentsTable"),
)
PANE_IDS = tuple(pane.id for pane in PANES)


def pane(pane_id: str) -> Pane:
    return next(p for p in PANES if p.id == pane_id)
