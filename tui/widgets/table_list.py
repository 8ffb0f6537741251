"""The document's tables: number, title, and how many findings each has.

Drawn through Textual's line API from labels wrapped once per width: Textual's
`OptionList` lays every option out as rich content again on each of the first
screen's frames: 19–28 ms of a stored document's first screen on a slow machine, more
than its 65-row grid took.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from budget_review.model import Severity, Table
from budget_review.tui.format import MARKERS, STYLES
from budget_review.tui.session import OpenDocument
from budget_review.tui.widgets.list_keys import OPTION_LIST_KEYS
from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

# The year is the document's; without it more titles fit on one line.
_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年度?")


def table_label(opened: OpenDocument, table: Table, notes: int) -> Text:
    """`表N title ✗2 !1 ~3 ∅ ✎1`: the title, its findings by severity, empty, its notes."""
    label = Text()
    label.append(f"表{table.number} ", style="bold")
    label.append(_YEAR.sub("", table.title))
    counts = opened.table_counts(table)
    for severity in (Severity.ERROR, Severity.WARNING, Severity.TAIL):
        if counts.get(severity):
            label.append(f" {MARKERS[severity]}{counts[severity]}", style=STYLES[severity])
    if table.empty:
        label.append(" ∅", style="dim")
    if notes:
        label.append(f" ✎{notes}")
    return label


# A Chinese character (or full-width mark) on its own, a run of anything else but spaces,
# or spaces: the units a line may break between.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+|\s+")
_CLOSING = set("）」』】〉》”’、，。：；！？")
_OPENING = set("（「『【〈《“‘")


def fold(label: Text, width: int) -> list[Text]:
    """The label in lines of at most `width` cells, broken as Chinese is: between any two
    characters, never before a closing mark (）」，) nor after an opening one, and
    elsewhere at spaces (rich breaks only at spaces: a long title would start on the line
    below its number)."""
    breaks: list[int] = []
    column = 0
    last: tuple[int, int, str] | None = None  # the line's last piece: start, cells, text
    for token in _TOKEN.finditer(label.plain):
        word = token.group()
        if word.isspace():
            column += cell_len(word)  # at a line's end: dropped below
            last = None
            continue
        # a word wider than a line is folded between its characters
        pieces = list(enumerate(word)) if cell_len(word) > width else [(0, word)]
        for offset, piece in pieces:
            start, cells = token.start() + offset, cell_len(piece)
            if column and column + cells > width:
                keep = piece in _CLOSING or (last is not None and last[2] in _OPENING)
                if keep and last is not None and last[0] not in breaks:
                    start, cells = last[0], last[1] + cells  # the two go down together
                breaks.append(start)
                column = 0
            column += cells
            last = (token.start() + offset, cell_len(piece), piece)
    lines = list(label.divide(breaks))
    for line in lines:
        line.rstrip()
    return lines


class TableList(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        *OPTION_LIST_KEYS,
        # Ids of their own, so that remapping j or k leaves the arrows as they are.
        Binding("down", "cursor_down", "Down", show=False, id="list.arrow_down"),
        Binding("up", "cursor_up", "Up", show=False, id="list.arrow_up"),
        Binding("home", "first", "Top", show=False, id="list.home"),
        Binding("end", "last", "Bottom", show=False, id="list.end"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Open the table", show=False, id="list.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"table-list--highlight", "table-list--hover"}

    DEFAULT_CSS = """
    TableList {
        width: 34;
        height: 1fr;
        overflow-x: hidden;
        color: $foreground;
        background: $surface;
        border: tall $border-blurred;
        padding: 0 1;
        & > .table-list--highlight {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .table-list--hover { background: $block-hover-background; }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .table-list--highlight {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    # The index of the table under the cursor in the list, None before a document is shown.
    highlighted: reactive[int | None] = reactive(None)
    _hovered: reactive[int | None] = reactive(None)

    @dataclass
    class TableChosen(Message):
        """The cursor came to a table in the list, or it was picked."""

        number: int | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: list[Text] = []
        self._numbers: list[int | None] = []
        # Per entry its wrapped lines as segments, for the width they were wrapped to.
        self._wrapped: list[list[list[Segment]]] = []
        self._wrapped_width = -1
        self._line_entry: list[tuple[int, int]] = []  # screen line -> (entry, its line)
        self._first_line: list[int] = []  # entry -> its first line
        # Lines drawn, by line and highlight: each frame of the first screen draws them all.
        self._strips: dict[tuple[int, str], Strip] = {}

    def show(self, opened: OpenDocument, notes: dict[int, int] | None = None) -> None:
        notes = notes or {}
        self.labels = [
            table_label(opened, table, notes.get(table.number or 0, 0))
            for table in opened.document.tables
        ]
        self._numbers = [table.number for table in opened.document.tables]
        self.highlighted = None
        self._wrapped_width = -1
        self._strips.clear()
        self._wrap()
        self.refresh()

    def select_number(self, number: int | None) -> None:
        if number in self._numbers:
            self.highlighted = self._numbers.index(number)

    def _wrap(self) -> None:
        """Wrap the labels to the list's width, when it changed."""
        width = self.scrollable_content_region.width
        if width == self._wrapped_width or width <= 0:
            return
        console = self.app.console
        self._wrapped = [
            [list(line.render(console)) for line in fold(label, width)] for label in self.labels
        ]
        self._wrapped_width = width
        self._strips.clear()
        self._line_entry, self._first_line = [], []
        for entry, lines in enumerate(self._wrapped):
            self._first_line.append(len(self._line_entry))
            self._line_entry += [(entry, n) for n in range(len(lines))]
        self.virtual_size = Size(width, len(self._line_entry))

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        if self.scrollable_content_region.width != self._wrapped_width:
            self._wrap()
        line = self.scroll_offset.y + y
        entry = self._line_entry[line][0] if line < len(self._line_entry) else None
        state = (
            "highlight"
            if entry is not None and entry == self.highlighted
            else "hover"
            if entry is not None and entry == self._hovered
            else ""
        )
        strip = self._strips.get((line, state))
        if strip is None:
            strip = self._strips[line, state] = self._draw(line, state)
        return strip

    def _draw(self, line: int, state: str) -> Strip:
        width = self.scrollable_content_region.width
        style = self.rich_style
        if line >= len(self._line_entry):
            return Strip.blank(width, style)
        if state:
            style += self.get_component_rich_style(f"table-list--{state}")
        entry, n = self._line_entry[line]
        segments = Segment.apply_style(self._wrapped[entry][n], style)
        return Strip(segments).extend_cell_length(width, style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def watch_highlighted(self, highlighted: int | None) -> None:
        self.refresh()
        if highlighted is None:
            return
        self._bring_into_sight(highlighted)
        self.post_message(self.TableChosen(self._numbers[highlighted]))

    def watch__hovered(self) -> None:
        self.refresh()

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self._numbers:
            return None
        return max(0, min(highlighted, len(self._numbers) - 1))

    def _bring_into_sight(self, entry: int) -> None:
        self._wrap()
        if entry >= len(self._first_line):
            return
        height = len(self._wrapped[entry])
        region = Region(0, self._first_line[entry], self.scrollable_content_region.width, height)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def _entry_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        line = offset.y + self.scroll_offset.y
        return self._line_entry[line][0] if 0 <= line < len(self._line_entry) else None

    def on_click(self, event: events.Click) -> None:
        entry = self._entry_at(event)
        if entry is not None:
            self.highlighted = entry
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hovered = self._entry_at(event)

    def on_leave(self, event: events.Leave) -> None:
        self._hovered = None

    def action_cursor_down(self) -> None:
        self.highlighted = 0 if self.highlighted is None else self.highlighted + 1

    def action_cursor_up(self) -> None:
        self.highlighted = 0 if self.highlighted is None else self.highlighted - 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._numbers) - 1

    def _move_page(self, direction: int) -> None:
        """By about a screenful of lines: to the entry on the line a page away."""
        self._wrap()
        if not self._line_entry:
            return
        here = self._first_line[self.highlighted or 0]
        line = here + direction * self.scrollable_content_region.height
        line = max(0, min(line, len(self._line_entry) - 1))
        self.highlighted = self._line_entry[line][0]

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.TableChosen(self._numbers[self.highlighted]))
