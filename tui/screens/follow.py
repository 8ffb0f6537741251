"""Pick one of the figures a finding involves, and go there."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from budget_review.model import Address, Ref
from budget_review.tui.format import plain
from budget_review.tui.keys import localise
from budget_review.tui.session import place_of
from budget_review.tui.widgets.inspector import ref_label
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class FollowScreen(ModalScreen[Address | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "close", "Close", id="follow.close"),
        Binding("escape", "close", "Close", show=False, id="follow.escape"),
        Binding("j", "cursor_down", "Down", show=False, id="follow.down"),
        Binding("k", "cursor_up", "Up", show=False, id="follow.up"),
        *[
            Binding(str(n), f"pick({n})", f"{n}", show=False, id=f"follow.pick_{n}")
            for n in range(1, 10)
        ],
    ]

    def __init__(
        self,
        refs: list[Ref],
        locate: Callable[[Ref], Address | None] = place_of,
        label: Callable[[Ref], str] = ref_label,
    ) -> None:
        super().__init__()
        self.places = [(ref, locate(ref)) for ref in refs]
        self.label = label

    def compose(self) -> ComposeResult:
        yield OptionList(
            *[
                # a row name is the document's text: never read as markup
                Option(plain(f"{i}. {self.label(ref)}"), id=str(i), disabled=place is None)
                for i, (ref, place) in enumerate(self.places, start=1)
            ],
            id="follow-list",
        )

    def on_mount(self) -> None:
        localise(self, str(getattr(self.app, "lang", "zh")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option.id or 1) - 1
        self.dismiss(self.places[index][1])

    def action_pick(self, number: int) -> None:
        """A digit goes to the figure of that number, as the list numbers them."""
        if 1 <= number <= len(self.places) and self.places[number - 1][1] is not None:
            self.dismiss(self.places[number - 1][1])

    def action_close(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
