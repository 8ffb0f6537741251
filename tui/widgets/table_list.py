"""The document's tables: number, title, and how many findings each has."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from budget_review.model import Severity
from budget_review.tui.format import MARKERS, STYLES
from budget_review.tui.session import OpenDocument
from budget_review.tui.widgets.list_keys import OPTION_LIST_KEYS
from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class TableList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*OPTION_LIST_KEYS]

    DEFAULT_CSS = """
    TableList { width: 34; height: 1fr; }
    """

    @dataclass
    class TableChosen(Message):
        number: int | None

    def show(self, opened: OpenDocument, notes: dict[int, int] | None = None) -> None:
        self.clear_options()
        notes = notes or {}
        for table in opened.document.tables:
            counts = opened.table_counts(table)
            label = Text(f"表{table.number} ", style="bold")
            # The year is the document's; without it more titles fit on one line.
            label.append(re.sub(r"^(?:19|20)\d{2}\s*年度?", "", table.title))
            for severity in (Severity.ERROR, Severity.WARNING, Severity.TAIL):
                if counts.get(severity):
                    label.append(f" {MARKERS[severity]}{counts[severity]}", style=STYLES[severity])
            if table.empty:
                label.append(" ∅", style="dim")
            if notes.get(table.number or 0):
                label.append(f" ✎{notes[table.number or 0]}")
            self.add_option(Option(label, id=f"t{table.number}"))

    def select_number(self, number: int | None) -> None:
        for index in range(self.option_count):
            if self.get_option_at_index(index).id == f"t{number}":
                self.highlighted = index
                return

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.TableChosen(int(event.option.id[1:])))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.TableChosen(int(event.option.id[1:])))
