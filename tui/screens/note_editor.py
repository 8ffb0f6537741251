"""Write or edit a note: category, text; ctrl+s saves, escape cancels (asking if text was typed).

The editor saves the note itself and closes only once the store has it: a save that
fails (store busy, read-only, disk full) keeps the text on screen, says why, retries
with backoff, and offers to write the note to a file. A conflict with another writer's
edit is shown; saving again keeps this version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from budget_review.store import StoreError
from budget_review.store.notes import Category, Note, NoteConflict
from budget_review.tui.i18n import text
from budget_review.tui.keys import localise
from budget_review.tui.screens.confirm import ConfirmScreen
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Label, Select, Static, TextArea


@dataclass
class Draft:
    category: Category
    text: str


# Writes the draft to the store and returns the note as stored. `theirs` is set when the
# reviewer chose to keep this version over another writer's conflicting one.
SaveNote = Callable[[Draft, Note | None], Note]

# Seconds between automatic retries of a failed save: quick at first, then patient.
BACKOFF = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


class NoteEditor(ModalScreen[Note | None]):
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
        Binding(
            "ctrl+e",
            "save_to_file",
            "Save to file",
            id="note.to_file",
            tooltip="Write the note to a file when the store cannot take it",
            priority=True,
        ),
    ]

    def __init__(self, heading: str, draft: Draft, lang: str, save: SaveNote) -> None:
        super().__init__()
        self.heading = heading
        self.draft = draft
        self.lang = lang
        self.save_note = save
        self.failures = 0
        self.theirs: Note | None = None  # the other writer's version, once in conflict
        self.retry: Timer | None = None
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor"):
            # the heading quotes the document (a row name may hold "[/]"): never markup
            yield Label(Text(self.heading), id="note-heading")
            yield Select(
                [(c.text.in_(self.lang), c) for c in Category],
                value=self.draft.category,
                allow_blank=False,
                id="note-category",
            )
            yield TextArea(self.draft.text, id="note-text", soft_wrap=True)
            yield Static("", id="note-problem", markup=False)
            yield Label(text("note.hint", self.lang), id="note-hint")

    def on_mount(self) -> None:
        localise(self, self.lang)
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        self.query_one("#note-problem").display = False

    def typed(self) -> Draft:
        category = Category(str(self.query_one(Select).value))
        return Draft(category, self.query_one(TextArea).text)

    def action_next_category(self) -> None:
        select = self.query_one(Select)
        order = list(Category)
        current = Category(str(select.value))
        select.value = order[(order.index(current) + 1) % len(order)]

    def action_save(self) -> None:
        draft = self.typed()
        if not draft.text.strip():
            self.notify(text("note.empty", self.lang), markup=False)
            return
        if self.retry is not None:
            self.retry.stop()
            self.retry = None
        if not self.saving:
            self.saving = True
            self._attempt(draft, self.theirs)

    @work(thread=True, exclusive=True, group="note-save")
    def _attempt(self, draft: Draft, theirs: Note | None) -> None:
        # the store's lock may be held for a few seconds: never on the UI thread
        try:
            saved = self.save_note(draft, theirs)
        except NoteConflict as conflict:
            self.app.call_from_thread(self._conflicted, conflict)
        except (StoreError, OSError) as exc:
            reason = exc.in_(self.lang) if isinstance(exc, StoreError) else str(exc)
            self.app.call_from_thread(self._failed, reason)
        else:
            self.app.call_from_thread(self._saved, saved)

    def _saved(self, note: Note) -> None:
        self.saving = False
        self.dismiss(note)

    def _failed(self, reason: str) -> None:
        self.saving = False
        delay = BACKOFF[min(self.failures, len(BACKOFF) - 1)]
        self.failures += 1
        self._say(text("note.save_failed", self.lang, reason=reason, seconds=f"{delay:g}"))
        self.retry = self.set_timer(delay, self.action_save)

    def _conflicted(self, conflict: NoteConflict) -> None:
        self.saving = False
        self.theirs = conflict.theirs
        fields = "、".join(text(f"note.field.{f}", self.lang) for f in conflict.fields)
        self._say(
            text("note.conflict", self.lang, fields=fields, theirs=conflict.theirs.text.strip())
        )

    def _say(self, message: str) -> None:
        problem = self.query_one("#note-problem", Static)
        problem.update(message)
        problem.display = True

    def action_save_to_file(self) -> None:
        draft = self.typed()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        body = f"# {self.heading}\n\n{draft.category.text.in_(self.lang)}\n\n{draft.text}\n"
        for folder in (Path.cwd(), Path.home()):
            path = folder / f"budget-review-note-{stamp}.md"
            try:
                path.write_text(body, encoding="utf-8")
            except OSError:
                continue
            self._say(text("note.saved_to_file", self.lang, path=path))
            return
        self._say(text("note.file_failed", self.lang))

    def action_cancel(self) -> None:
        typed = self.query_one(TextArea).text
        if typed.strip() and typed != self.draft.text:
            question = text("note.discard", self.lang)
            self.app.push_screen(ConfirmScreen(question, self.lang), self._confirmed)
        else:
            self._close()

    def _confirmed(self, discard: bool | None) -> None:
        if discard:
            self._close()

    def _close(self) -> None:
        if self.retry is not None:
            self.retry.stop()
        self.dismiss(None)
