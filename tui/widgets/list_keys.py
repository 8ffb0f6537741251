"""vim keys for every list in the app (j/k, g/G), one id each so a remap reaches all."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def list_keys(first: str, last: str) -> list[BindingType]:
    """`first`/`last` are the widget's own actions for the top and the bottom."""
    return [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", first, "Top", show=False, id="list.top"),
        Binding("G", last, "Bottom", show=False, id="list.bottom"),
    ]


OPTION_LIST_KEYS = list_keys("first", "last")
TABLE_KEYS = list_keys("scroll_top", "scroll_bottom")
