"""The footer of the review screen: the keys that act where the focus is, on one line.

One widget draws the whole line (Textual's footer makes a widget per key, and each costs
the first screen its styles and layout). A key is clicked as it is pressed; the mouse
over a key shows what it does; keys that cannot act now are dim. The palette's key
stands at the right end; when the line is too narrow the gaps close, then the words are
cut with "…", never the palette's key.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class FooterItem(NamedTuple):
    key: str  # as Textual names it, to press it on a click
    display: str  # as it is shown, e.g. "^p"
    description: str
    enabled: bool
    tooltip: str


class ReviewFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "review-footer--key",
        "review-footer--description",
        "review-footer--hover",
    }
    DEFAULT_CSS = """
    ReviewFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .review-footer--key { color: $footer-key-foreground; text-style: bold; }
        .review-footer--description { color: $footer-description-foreground; }
        .review-footer--hover { background: $block-hover-background; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[FooterItem] = []  # in order; the palette's key last
        self.spans: list[tuple[int, int, FooterItem]] = []  # cells from, to, as drawn
        self.hovered: FooterItem | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        items = self._items()
        if items != self.items:  # start-up changes the keys often, what is shown seldom
            self.items = items
            self.refresh()

    def _items(self) -> list[FooterItem]:
        """The keys shown, one per action (as Textual's footer shows them)."""
        palette_key = self.app.COMMAND_PALETTE_BINDING
        items: list[FooterItem] = []
        palette: FooterItem | None = None
        actions: set[str] = set()
        for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items():
            is_palette = key == palette_key and self.app.ENABLE_COMMAND_PALETTE
            if not (binding.show or is_palette) or binding.action in actions:
                continue
            actions.add(binding.action)
            item = FooterItem(
                key,
                self.app.get_key_display(binding),
                binding.description,
                enabled,
                tooltip or binding.tooltip or binding.description,
            )
            if is_palette:
                palette = item
            else:
                items.append(item)
        return [*items, palette] if palette else items

    def render(self) -> Text:
        key_style = self.get_component_rich_style("review-footer--key", partial=True)
        words_style = self.get_component_rich_style("review-footer--description", partial=True)
        width = self.size.width
        keys = self.items
        palette = keys[-1] if keys and keys[-1].key == self.app.COMMAND_PALETTE_BINDING else None
        if palette is not None:
            keys = keys[:-1]
        right = _label(palette, key_style, words_style) if palette else None
        room = width - (right.cell_len + 2 if right else 0)
        for gap in ("  ", " "):
            line, spans = _line(keys, gap, key_style, words_style)
            if line.cell_len <= room:
                break
        line.truncate(max(room, 0), overflow="ellipsis")
        spans = [(start, min(end, room), item) for start, end, item in spans if start < room]
        if right is not None and palette is not None:
            line.pad_right(max(room - line.cell_len, 0))
            line.append(" ▏", style="dim")
            start = line.cell_len
            line.append_text(right)
            spans.append((start, line.cell_len, palette))
        self.spans = spans
        for start, end, item in spans:
            if item == self.hovered:
                line.stylize(self.get_component_rich_style("review-footer--hover"), start, end)
        return line

    def item_at(self, x: int) -> FooterItem | None:
        return next((item for start, end, item in self.spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        item = self.item_at(event.x)
        if item != self.hovered:
            self.hovered = item
            self.tooltip = item.tooltip if item is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.refresh()


def _label(item: FooterItem, key_style: Style, words_style: Style) -> Text:
    label = Text(no_wrap=True)
    label.append(item.display, style=key_style)
    if item.description:
        label.append(" ")
        label.append(item.description, style=words_style)
    if not item.enabled:
        label.stylize("dim")
    return label


def _line(
    items: list[FooterItem], gap: str, key_style: Style, words_style: Style
) -> tuple[Text, list[tuple[int, int, FooterItem]]]:
    line = Text(" ", no_wrap=True, overflow="ellipsis")
    spans = []
    for index, item in enumerate(items):
        if index:
            line.append(gap)
        label = _label(item, key_style, words_style)
        start = line.cell_len
        line.append_text(label)
        spans.append((start, start + cell_len(label.plain), item))
    return line, spans
