"""The top line: the app's title and the open document's heading, centred, and the
palette's icon at the left (click it to open the palette).

One widget (Textual's header is four), as the footer is: the first screen comes sooner.
"""

from __future__ import annotations

from budget_review.tui.i18n import text
from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget

ICON = "⭘"
ICON_CELLS = 4  # the icon with a cell each side, and a gap


class TitleBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; background: $panel; color: $foreground; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed, init=False)
        self.watch(self.app, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        # the heading is the document's words: a Text, never markup
        title = Text(self.app.title, no_wrap=True, overflow="ellipsis")
        if self.app.sub_title:
            title.append(" — ", style="dim")
            title.append(self.app.sub_title, style="dim")
        room = max(self.size.width - 2 * ICON_CELLS, 1)
        title.truncate(room, overflow="ellipsis")
        line = Text(f" {ICON} ", no_wrap=True)
        line.append(" " * (ICON_CELLS - cell_len(line.plain)))
        title.align("center", room)
        line.append_text(title)
        return line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        on_icon = event.x < ICON_CELLS - 1
        self.tooltip = (
            text("title.palette", str(getattr(self.app, "lang", "zh"))) if on_icon else None
        )

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_CELLS - 1 and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
