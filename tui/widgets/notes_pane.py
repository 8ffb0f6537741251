"""All notes of the open document: filter by category, status and table; act on one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.model import say
from budget_review.model.untrusted import printable
from budget_review.store.notes import Category, Note
from budget_review.tui.format import plain
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

CATEGORIES: list[Category | None] = [None, *Category]
STATUSES: list[str | None] = [None, "open", "resolved"]


class NotesTable(DataTable[Text | str]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="notes.down"),
        Binding("k", "cursor_up", "Up", show=False, id="notes.up"),
        Binding("g", "scroll_top", "Top", show=False, id="notes.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="notes.bottom"),
        Binding("space", "toggle_status", "Open/Resolved", id="notes.toggle"),
        Binding("d", "delete", "Delete", id="notes.delete"),
        Binding("y", "cycle_category", "Category", id="notes.category"),
        Binding("s", "cycle_status", "Status", id="notes.status"),
        Binding("t", "toggle_table", "This table", id="notes.table"),
    ]

    @dataclass
    class Act(Message):
        action: str  # go | toggle | delete
        note: Note

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.notes: list[Note] = []
        self.all_notes: list[Note] = []
        self.category_index = 0
        self.status_index = 0
        self.only_table: int | None = None
        self.current_table: int | None = None
        self.lang = "zh"
        self.opened: OpenDocument | None = None

    def show(self, notes: list[Note], lang: str, opened: OpenDocument | None = None) -> None:
        self.all_notes, self.lang, self.opened = notes, lang, opened
        self.refill()

    def _where(self, note: Note) -> str:
        """Where the note stands, named as the export names it (section and paragraph,
        a row's printed name), not by its keys."""
        if self.opened is None:
            return note.target.label(self.lang)
        from budget_review.reports.notes_markdown import note_location

        findings = {f.id: f for f in self.opened.report.findings}
        return note_location(note, self.opened.document, findings, self.lang)

    def refill(self) -> None:
        self.clear(columns=True)
        self.add_column("")
        for key in ("notes.category", "notes.status", "notes.target", "notes.note"):
            self.add_column(text(key, self.lang))
        category = CATEGORIES[self.category_index]
        status = STATUSES[self.status_index]
        self.notes = [
            n
            for n in self.all_notes
            if (category is None or n.category == category)
            and (status is None or n.status == status)
            and (self.only_table is None or n.target.place.table == self.only_table)
        ]
        for note in self.notes:
            done = note.status == "resolved"
            self.add_row(
                Text("⚠" if note.orphaned else "✎", style="yellow" if note.orphaned else ""),
                note.category.text.in_(self.lang),
                say(f"status.{note.status}", self.lang),
                plain(self._where(note)),
                Text(
                    printable(note.text.splitlines()[0][:80] if note.text else ""),
                    style="dim" if done else "",
                ),
            )

    def selected(self) -> Note | None:
        row = self.cursor_row
        return self.notes[row] if 0 <= row < len(self.notes) else None

    def action_toggle_status(self) -> None:
        note = self.selected()
        if note is not None:
            self.post_message(self.Act("toggle", note))

    def action_delete(self) -> None:
        note = self.selected()
        if note is not None:
            self.post_message(self.Act("delete", note))

    def action_cycle_category(self) -> None:
        self.category_index = (self.category_index + 1) % len(CATEGORIES)
        self.refill()

    def action_cycle_status(self) -> None:
        self.status_index = (self.status_index + 1) % len(STATUSES)
        self.refill()

    def action_toggle_table(self) -> None:
        self.only_table = None if self.only_table is not None else self.current_table
        self.refill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        note = self.selected()
        if note is not None:
            self.post_message(self.Act("go", note))
