"""The review screen's search: `/` opens the box, Enter goes to the first match after
the cursor (wrapping past the end), `n` / `N` go on. Matches are in table cells, cards
and the text, found by `tui/search.py`.

A base of `ReviewScreen`, as the notes controller is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from budget_review.model import Address
from budget_review.model.untrusted import printable
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.footer import ReviewFooter
from textual import on
from textual.screen import Screen
from textual.widgets import Input

if TYPE_CHECKING:
    from budget_review.tui.narrative import NarrativeParagraph
    from budget_review.tui.search import Match


class SearchController(Screen[None]):
    current: OpenDocument | None
    current_card: int
    current_paragraph: int
    paragraphs: list[NarrativeParagraph]
    active_pane: str
    lang: str
    matches: list[Match]
    match_index: int

    if TYPE_CHECKING:

        def goto(self, place: Address) -> None: ...

    def close_search(self) -> bool:
        """The search box put away, if it was open (then True), the keys back on the grid."""
        box = next(self.query("#search").results(Input), None)
        if box is None or not box.display:
            return False
        box.display = False
        self.query_one(FigureGrid).focus()
        return True

    def action_close_search(self) -> None:
        self.close_search()

    def action_search(self) -> None:
        box = next(self.query("#search").results(Input), None)
        if box is None:  # mounted when first asked for, above the footer
            box = Input(placeholder=text("search.prompt", self.lang), id="search")
            self.mount(box, before=self.query_one(ReviewFooter))
        box.display = True
        box.value = ""
        box.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """The first match after the cursor, wrapping past the end; n / N go on from it."""
        event.input.display = False
        if self.current is None or not event.value.strip():
            return
        from budget_review.tui.search import first_after, order_of, search

        here = order_of(self.current.document, self._search_from())
        self.matches = search(self.current.document, event.value.strip())
        if not self.matches:
            self.notify(text("search.none", self.lang, q=event.value), markup=False)
            self.query_one(FigureGrid).focus()
            return
        self.match_index, wrapped = first_after(self.matches, here)
        self._show_match("search.wrapped_first" if wrapped else None)

    def _search_from(self) -> Address | None:
        """Where the cursor is, for a search to start after it."""
        assert self.current is not None
        pane = self.active_pane
        if pane == "tables":
            return self.query_one(FigureGrid).row_place_at_cursor()
        if pane == "narrative" and 0 <= self.current_paragraph < len(self.paragraphs):
            row = self.paragraphs[self.current_paragraph]
            return Address(paragraph=row.key)
        if pane == "cards":
            cards = self.current.document.cards
            if 0 <= self.current_card < len(cards):
                return Address(card=cards[self.current_card].name)
        return None

    def _show_match(self, wrapped: str | None = None) -> None:
        match = self.matches[self.match_index]
        self.goto(match.place)  # a cell, a card, or a paragraph of the text
        message = text(
            "search.hit",
            self.lang,
            i=self.match_index + 1,
            n=len(self.matches),
            where=self._match_where(match),
        )
        if wrapped:
            message = text(wrapped, self.lang) + "\n" + message
        self.notify(message, markup=False)

    def _match_where(self, match: Match) -> str:
        place = match.place
        if match.kind == "paragraph":
            return text("search.in_text", self.lang, text=printable(match.text)[:40])
        if match.kind == "card":
            return text("search.in_card", self.lang, name=printable(match.text))
        table = self.current.table(place.table) if self.current else None
        row = next((r for r in table.rows if r.key == place.row), None) if table else None
        name = printable(row.name if row else place.row or "")
        return text("search.in_table", self.lang, n=place.table, row=name)

    def action_next_match(self) -> None:
        if self.matches:
            wrapped = self.match_index + 1 >= len(self.matches)
            self.match_index = (self.match_index + 1) % len(self.matches)
            self._show_match("search.wrapped_first" if wrapped else None)

    def action_previous_match(self) -> None:
        if self.matches:
            wrapped = self.match_index == 0
            self.match_index = (self.match_index - 1) % len(self.matches)
            self._show_match("search.wrapped_last" if wrapped else None)
