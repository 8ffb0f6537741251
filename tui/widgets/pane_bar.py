"""The row of pane names above the panes: the one shown stands out, each says its key.

One line of text rather than a row of tab widgets: it is drawn with the first screen,
and a click on a name shows that pane. Where the names do not fit with room around
them (English in 80 columns), they are set closer, between bars, rather than cut.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static

# (gap between names, space on each side of a name): roomy first, then close
SPACINGS = (("  ", " "), ("│", ""))


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
        self._shown: tuple[list[tuple[str, str, str]], str] = ([], "")
        self._line: Text | None = None  # drawn again only when it changes (on each resize)

    def show(self, panes: list[tuple[str, str, str]], active: str) -> None:
        """`panes`: (id, title, key) in order; `active` is the one in sight."""
        self._shown = (panes, active)
        room = (self.size.width or self.app.size.width - 2) - 1
        for gap, pad in SPACINGS:
            line, spans = _line(panes, active, gap, pad)
            if line.cell_len <= room:
                break
        self.spans = spans
        if line != self._line:
            self._line = line
            self.update(line)

    def on_resize(self, event: events.Resize) -> None:
        if self._shown[0]:
            self.show(*self._shown)

    def on_click(self, event: events.Click) -> None:
        for start, end, pane_id in self.spans:
            if start <= event.x < end:
                self.post_message(self.Chosen(pane_id))
                return


def _line(
    panes: list[tuple[str, str, str]], active: str, gap: str, pad: str
) -> tuple[Text, list[tuple[int, int, str]]]:
    line = Text(no_wrap=True, overflow="ellipsis")
    spans = []
    at = 1  # the left padding
    for index, (pane_id, title, key) in enumerate(panes):
        if index:
            line.append(gap, style="dim")
            at += cell_len(gap)
        label = f"{pad}{title} {key}{pad}"
        if pane_id == active:
            line.append(label, style="bold reverse")
        else:
            line.append(f"{pad}{title} ")
            line.append(key, style="bold")
            line.append(pad)
        spans.append((at, at + cell_len(label), pane_id))
        at += cell_len(label)
    return line, spans
