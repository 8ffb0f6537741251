"""Every key, its binding id and what it does; remap by id in keys.toml."""

from __future__ import annotations

from typing import ClassVar

from budget_review.tui.config import config_dir
from budget_review.tui.i18n import text
from rich.table import Table as RichTable
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
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        table = RichTable(title=text("help.title", self.lang), expand=True)
        table.add_column("key")
        table.add_column("id")
        table.add_column("")
        seen: set[str] = set()
        for node in self.app.screen_stack[0].walk_children(with_self=True):
            for key, bindings in node._bindings.key_to_bindings.items():
                for binding in bindings:
                    if binding.id and binding.id not in seen:
                        seen.add(binding.id)
                        described = binding.tooltip or binding.description
                        table.add_row(binding.key_display or key, binding.id, described)
        for key, bindings in self.app._bindings.key_to_bindings.items():
            for binding in bindings:
                if binding.id and binding.id not in seen:
                    seen.add(binding.id)
                    table.add_row(
                        binding.key_display or key,
                        binding.id,
                        binding.tooltip or binding.description,
                    )
        footer = f'\n{config_dir() / "keys.toml"}: [keys] <id> = "<key>"'
        with VerticalScroll(id="help-body"):
            yield Static(table)
            yield Static(footer)
