"""Write or edit a note: category, text; ctrl+s saves, escape cancels (asking if text was typed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.store.notes import Category
from budget_review.tui.i18n import text
from budget_review.tui.screens.confirm import ConfirmScreen
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select, TextArea


@dataclass
class Draft:
    category: Category
    text: str


class NoteEditor(ModalScreen[Draft | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note.save", tooltip="Save the note"),
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without saving"),
        Binding(
            "ctrl+t",
            "next_category",
            "Category",
            id="note.category",
            tooltip="Next category without leaving the text",
            priority=True,
        ),
    ]

    def __init__(self, heading: str, draft: Draft, lang: str) -> None:
        super().__init__()
        self.heading = heading
        self.draft = draft
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor"):
            yield Label(self.heading, id="note-heading")
            yield Select(
                [(c.text.in_(self.lang), c) for c in Category],
                value=self.draft.category,
                allow_blank=False,
                id="note-category",
            )
            yield TextArea(self.draft.text, id="note-text", soft_wrap=True)
            yield Label(text("note.hint", self.lang), id="note-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_next_category(self) -> None:
        select = self.query_one(Select)
        order = list(Category)
        current = Category(str(select.value))
        select.value = order[(order.index(current) + 1) % len(order)]

    def action_save(self) -> None:
        category = self.query_one(Select).value
        typed = self.query_one(TextArea).text
        if not typed.strip():
            self.notify(text("note.empty", self.lang))
            return
        self.dismiss(Draft(Category(str(category)), typed))

    def action_cancel(self) -> None:
        typed = self.query_one(TextArea).text
        if typed.strip() and typed != self.draft.text:
            question = text("note.discard", self.lang)
            self.app.push_screen(ConfirmScreen(question, self.lang), self._confirmed)
        else:
            self.dismiss(None)

    def _confirmed(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)
