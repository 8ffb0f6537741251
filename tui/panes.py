"""The review screen's panes, each declared once: id, title, key, what it shows, what
takes the keys when it is shown. Tabs, pane keys, tab order, language switch and
focus all read this list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from budget_review.tui.widgets.cards_pane import CardList, CardsPane
from budget_review.tui.widgets.documents_pane import DocumentsTable
from budget_review.tui.widgets.figure_grid import FigureGrid, TableGrid
from budget_review.tui.widgets.findings_pane import FindingsPane, FindingsTable
from budget_review.tui.widgets.inspector import Inspector
from budget_review.tui.widgets.narrative_pane import NarrativePane, ParagraphList
from budget_review.tui.widgets.notes_pane import NotesTable
from budget_review.tui.widgets.table_list import TableList
from budget_review.tui.widgets.totals_pane import TotalsPane
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static


class TablesPane(Horizontal):
    """The list of tables, and the chosen table with the inspector under it."""

    def compose(self) -> ComposeResult:
        yield TableList(id="table-list")
        with Vertical(id="table-side"):
            yield Static(id="table-caption")
            yield TableGrid()
            yield Inspector(id="inspector")


@dataclass(frozen=True)
class Pane:
    id: str  # also the words' key: pane.<id>
    key: str  # the key that shows it
    body: Callable[[], Widget]
    focus: type[Widget]  # what takes the keys when the pane is shown

    @property
    def title_key(self) -> str:
        return f"pane.{self.id}"


PANES: tuple[Pane, ...] = (
    Pane("tables", "T", TablesPane, FigureGrid),
    Pane("cards", "C", CardsPane, CardList),
    Pane("totals", "S", TotalsPane, TotalsPane),
    Pane("narrative", "W", NarrativePane, ParagraphList),
    Pane("findings", "E", FindingsPane, FindingsTable),
    Pane("notes", "O", lambda: NotesTable(id="notes-table"), NotesTable),
    Pane("documents", "D", lambda: DocumentsTable(id="documents-table"), DocumentsTable),
)
PANE_IDS = tuple(pane.id for pane in PANES)


def pane(pane_id: str) -> Pane:
    return next(p for p in PANES if p.id == pane_id)
