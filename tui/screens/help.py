"""Every key, its binding id and what it does; remap by id in keys.toml."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from budget_review.tui.config import config_dir
from budget_review.tui.i18n import explained, text
from budget_review.tui.keys import localise
from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "dismiss", "Close", id="help.close"),
        Binding("escape", "dismiss", "Close", show=False, id="help.escape"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.toggle"),
        Binding("j", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k", "scroll('up')", "Up", show=False, id="help.up"),
        Binding("g", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G", "scroll('end')", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def on_mount(self) -> None:
        localise(self, self.lang)

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[where]()

    def compose(self) -> ComposeResult:
        from budget_review.tui.screens.follow import FollowScreen
        from budget_review.tui.screens.note_editor import NoteEditor

        table = RichTable(title=text("help.title", self.lang), expand=True)
        table.add_column(text("help.key", self.lang))
        table.add_column(text("help.id", self.lang))
        table.add_column(text("help.does", self.lang))
        seen: set[str] = set()
        nodes = [self.app, *self.app.screen_stack[0].walk_children(with_self=True)]
        found: list[tuple[str, Binding]] = []
        for node in nodes:
            for key, bindings in node._bindings.key_to_bindings.items():
                found += [(key, b) for b in bindings if isinstance(b, Binding)]
        for dialog in (NoteEditor, FollowScreen):
            found += [(b.key, b) for b in dialog.BINDINGS if isinstance(b, Binding)]
        for key, binding in found:
            if binding.id and binding.id not in seen:
                seen.add(binding.id)
                shown = self.app.get_key_display(replace(binding, key=key))
                described = explained(binding.id, self.lang, binding.description)
                table.add_row(Text(shown), Text(binding.id), Text(described))
        footer = Text(f'\n{config_dir() / "keys.toml"}: [keys] <id> = "<key>"')
        with VerticalScroll(id="help-body"):
            yield Static(table)
            yield Static(footer)
