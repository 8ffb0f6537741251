"""Write or edit a note: category, text; ctrl+s saves, escape cancels (asking if text was typed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.store.notes import CATEGORY_EN, CATEGORY_ZH, Category
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
        names = CATEGORY_ZH if self.lang == "zh" else CATEGORY_EN
        with Vertical(id="note-editor"):
            yield Label(self.heading, id="note-heading")
            yield Select(
                [(names[c], c) for c in Category],
                value=self.draft.category,
                allow_blank=False,
                id="note-category",
            )
            yield TextArea(self.draft.text, id="note-text", soft_wrap=True)
            yield Label(
                "ctrl+s 保存 · ctrl+t 类别 · esc 取消"
                if self.lang == "zh"
                else "ctrl+s save · ctrl+t category · esc cancel",
                id="note-hint",
            )

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
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("空批注不保存" if self.lang == "zh" else "An empty note is not saved")
            return
        self.dismiss(Draft(Category(str(category)), text))

    def action_cancel(self) -> None:
        text = self.query_one(TextArea).text
        if text.strip() and text != self.draft.text:
            question = "放弃已输入的内容？" if self.lang == "zh" else "Discard what you typed?"
            self.app.push_screen(ConfirmScreen(question, self.lang), self._confirmed)
        else:
            self.dismiss(None)

    def _confirmed(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)
