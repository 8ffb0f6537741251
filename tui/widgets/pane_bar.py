"""The row of pane names above the panes: the one shown stands out, each says its key.

One line of text rather than a row of tab widgets: it is drawn with the first screen,
and a click on a name shows that pane.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static

GAP = "  "


class PaneBar(Static):
    DEFAULT_CSS = """
    PaneBar { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    class Chosen(Message):
        """A pane's name was clicked."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.spans: list[tuple[int, int, str]] = []  # each name's cells from, to; its pane

    def show(self, panes: list[tuple[str, str, str]], active: str) -> None:
        """`panes`: (id, title, key) in order; `active` is the one in sight."""
        line = Text(no_wrap=True, overflow="ellipsis")
        self.spans = []
        at = 1  # the left padding
        for pane_id, title, key in panes:
            label = f" {title} {key} "
            if pane_id == active:
                line.append(label, style="bold reverse")
            else:
                line.append(f" {title} ")
                line.append(key, style="bold")
                line.append(" ")
            self.spans.append((at, at + cell_len(label), pane_id))
            at += cell_len(label) + cell_len(GAP)
            line.append(GAP)
        self.update(line)

    def on_click(self, event: events.Click) -> None:
        for start, end, pane_id in self.spans:
            if start <= event.x < end:
                self.post_message(self.Chosen(pane_id))
                return
