"""The review screen: the panes, and the review state they show.

It owns the open documents, the current document, table and language as reactives, and
the actions that move between panes, findings and notes. The app (`tui/app.py`) keeps
the settings, the notebook, the loading of files and the global actions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from budget_review.model import Address, Document, Ref, words
from budget_review.model.untrusted import printable
from budget_review.review import Reviewed, open_stored
from budget_review.store import Store
from budget_review.tui.annotate import NotesController
from budget_review.tui.config import save_settings
from budget_review.tui.format import plain
from budget_review.tui.i18n import text
from budget_review.tui.jumps import JumpList, Spot
from budget_review.tui.keys import REVIEW_BINDINGS
from budget_review.tui.narrative import NarrativeParagraph, narrative
from budget_review.tui.panes import PANE_IDS, PANES, pane
from budget_review.tui.screens.follow import FollowScreen
from budget_review.tui.search import Match, first_after, order_of, search
from budget_review.tui.session import OpenDocument, Stop, any_place, place_of
from budget_review.tui.widgets.cards_pane import CardList, CardView
from budget_review.tui.widgets.documents_pane import DocumentsTable
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.findings_pane import FindingsPane, FindingsTable
from budget_review.tui.widgets.inspector import Inspector, ref_label
from budget_review.tui.widgets.narrative_pane import ParagraphList, explain
from budget_review.tui.widgets.notes_pane import NotesTable
from budget_review.tui.widgets.table_list import TableList
from budget_review.tui.widgets.totals_pane import TotalsPane
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import (
    Footer,
    Header,
    Input,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)

if TYPE_CHECKING:
    from budget_review.tui.app import ReviewApp

READY_EXIT = "BUDGET_REVIEW_EXIT_WHEN_READY"


class ReviewScreen(NotesController, inherit_bindings=False):
    """The panes of the open documents; the app's default screen.

    Its bindings are the review's keys (the global ones, help, palette and language, run
    the app's actions through `app.`); Screen's own tab bindings are not inherited, tab
    switches panes here, while a dialog on top keeps its own tab."""

    BINDINGS: ClassVar[list[BindingType]] = REVIEW_BINDINGS

    # The review's state, held here once; the watchers bring the panes in step.
    lang: reactive[str] = reactive("zh", init=False, repaint=False)
    documents: reactive[list[OpenDocument]] = reactive(list, init=False, repaint=False)
    current: reactive[OpenDocument | None] = reactive(
        None, init=False, always_update=True, repaint=False
    )
    current_table: reactive[int | None] = reactive(
        None, init=False, always_update=True, repaint=False
    )

    def __init__(self, lang: str) -> None:
        super().__init__(id="review")
        self.set_reactive(ReviewScreen.lang, lang)
        self.current_card: int = 0
        self.stale: set[str] = set()  # panes to fill again when next shown
        self.paragraphs: list[NarrativeParagraph] = []
        self.current_paragraph = 0
        self.notes = []
        self.deleted = []  # this session's deletions, for undo
        self.matches: list[Match] = []
        self.match_index = 0
        self.stop_position: int | None = None  # the finding `]` last went to
        self.jumps = JumpList()
        self.stop_spot: Spot | None = None  # where that left the reviewer
        self.restoring = False  # moving through the jump list is not itself a jump

    @property
    def review_app(self) -> ReviewApp:
        return self.app  # type: ignore[return-value]

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="panes"):
            for each in PANES:
                with TabPane(text(each.title_key, self.lang), id=each.id):
                    yield each.body()
        with Horizontal(id="loading"):
            yield Static(id="loading-label")
            yield ProgressBar(id="loading-bar", show_eta=False)
        yield Input(placeholder=text("search.prompt", self.lang), id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one("#loading").display = False
        lines = self.review_app.settings.get("inspector_lines")
        if isinstance(lines, int):
            self.action_resize_inspector(lines - self.query_one(Inspector).lines)
        # The panes are composed now: their keys in the interface language, then the
        # app begins to read the files (into these panes).
        self.review_app.localise_bindings(self.lang)
        self.review_app.load(self.review_app.paths)

    # ------------------------------------------------------------------ watchers

    def watch_current_table(self, number: int | None) -> None:
        """The current table, in every pane that shows or filters by it."""
        self.query_one(FindingsTable).current_table = number
        self.query_one(NotesTable).current_table = number
        if number is not None:
            self.query_one(TableList).select_number(number)

    def watch_documents(self, documents: list[OpenDocument]) -> None:
        if self.current is not None:
            self.stale.add("documents")
            self.ensure(self.query_one("#panes", TabbedContent).active)

    def watch_lang(self, lang: str) -> None:
        tabs = self.query_one("#panes", TabbedContent)
        for each in PANES:
            tabs.get_tab(each.id).label = text(each.title_key, lang)
        self.query_one("#search", Input).placeholder = text("search.prompt", lang)
        if self.current is not None:
            place = self.query_one(FigureGrid).place_at_cursor()
            self.stale = set(PANE_IDS) - {"tables"}
            self.ensure(tabs.active)
            self.query_one(Inspector).show(self.current, place, lang, self.notes_at(place))
            self.show_table(self.current_table)

    # ------------------------------------------------------------------ loading

    def show_loading(self, name: str, done: int, total: int) -> None:
        self.query_one("#loading").display = True
        self.query_one("#loading-label", Static).update(text("loading", self.lang, name=name))
        self.query_one("#loading-bar", ProgressBar).update(total=total or None, progress=done)

    def loading_done(self) -> None:
        self.query_one("#loading").display = False

    def add_document(self, loaded: Reviewed) -> None:
        opened = OpenDocument.build(loaded.document, loaded.report)
        self.documents = [d for d in self.documents if d.sha != opened.sha] + [opened]
        if self.current is None:  # else the watcher refreshes the documents pane
            self.show_document(opened)
        self.notify(
            text("loaded", self.lang, name=Path(loaded.document.source.path).name), markup=False
        )
        self._warn_not_tabbed(loaded.document)

    def _warn_not_tabbed(self, document: Document) -> None:
        """A text dump whose tables were not read because their cells are split by spaces:
        said on opening, naming the file and the tables, not left as empty tables."""
        unread = [u.title for u in document.unread_tables if u.reason == words("read.not_tabbed")]
        if unread:
            message = text(
                "load.not_tabbed",
                self.lang,
                file=document.file_name(),
                n=len(unread),
                titles="、".join(printable(t) for t in unread),
            )
            self.notify(message, severity="warning", timeout=30, markup=False)

    # ------------------------------------------------------------------ showing

    def show_document(self, opened: OpenDocument) -> None:
        self.current = opened
        meta = opened.document.meta
        heading = " ".join(str(x) for x in (meta.department, meta.year, meta.title) if x)
        self.app.sub_title = printable(heading)
        self.stop_position = None
        self.notes = self.review_app.notebook.for_document(opened.document)
        self.query_one(TableList).show(opened, self.note_counts())
        # Panes out of sight are filled when first shown: the first screen comes sooner.
        self.stale = set(PANE_IDS) - {"tables"}
        self.current_card = 0
        first = opened.document.tables[0].number if opened.document.tables else None
        self.current_table = None
        self.show_table(first)
        self.ensure(self.query_one("#panes", TabbedContent).active)
        self.query_one(FigureGrid).focus()
        if os.environ.get(READY_EXIT):
            self.call_after_refresh(self.app.exit)  # `make bench`: time to the first full screen

    def ensure(self, pane: str) -> None:
        """Fill a pane for the current document and language if it is out of date."""
        if self.current is None or pane not in self.stale:
            return
        self.stale.discard(pane)
        if pane == "cards":
            self.query_one(CardList).show(self.current, self.lang)
            self.show_card(self.current_card)
        elif pane == "totals":
            self.query_one(TotalsPane).show(self.current, self.lang)
        elif pane == "narrative":
            self.paragraphs = narrative(self.current.document, self.current.report)
            rows = self.query_one(ParagraphList)
            rows.show(self.paragraphs, self.current.document, self.noted_text())
            self.show_paragraph(min(self.current_paragraph, max(len(self.paragraphs) - 1, 0)))
        elif pane == "findings":
            self.query_one(FindingsPane).show(self.current, self.lang)
        elif pane == "notes":
            self.query_one(NotesTable).show(self.notes, self.lang, self.current)
        elif pane == "documents":
            self.refresh_documents()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self.ensure(event.pane.id)
            # Keys go to the pane just shown, not to a widget left behind on another tab.
            self.query_one(pane(event.pane.id).focus).focus()

    def refresh_documents(self) -> None:
        stored = []
        try:
            with Store(self.review_app.store_root) as store:
                stored = store.list()
        except OSError:
            pass
        self.query_one(DocumentsTable).show(
            self.documents,
            stored,
            self.lang,
            [f.removeprefix("budget-review: ") for f in self.review_app.failures],
        )

    def show_table(self, number: int | None) -> None:
        if self.current is None:
            return
        table = self.current.table(number)
        caption = self.query_one("#table-caption", Static)
        if table is None:
            caption.update(text("table.none", self.lang))
            return
        grid = self.query_one(FigureGrid)
        if grid.table_number != number or self.current_table != number:
            grid.show(self.current, table, self.review_app.separators, self.noted_places())
        self.current_table = number  # the watcher moves the list and the filters with it
        unit = table.unit.value if table.unit else "?"
        pages = f"  p.{table.pages[0]}–{table.pages[-1]}" if table.pages else ""
        empty = f"  ({text('table.empty', self.lang)}: {table.note})" if table.empty else ""
        unit_part = text("table.unit", self.lang, unit=unit)
        # the caption is the document's words: shown as printed, never read as markup
        caption.update(plain(f"表{table.number} {table.title}  {unit_part}{pages}{empty}"))

    def show_card(self, index: int) -> None:
        if self.current is None:
            return
        cards = self.current.document.cards
        self.current_card = index
        card = cards[index] if 0 <= index < len(cards) else None
        self.query_one(CardView).show(self.current, card, self.lang)

    def goto_card(self, name: str) -> None:
        self.goto(Address(card=name))

    def here(self) -> Spot:
        pane = self.query_one("#panes", TabbedContent).active
        if pane == "tables":
            return Spot(pane, self.query_one(FigureGrid).place_at_cursor())
        if pane == "cards" and self.current is not None:
            cards = self.current.document.cards
            if 0 <= self.current_card < len(cards):
                return Spot(pane, Address(card=cards[self.current_card].name))
        if pane == "narrative":
            return Spot(pane, paragraph=self.current_paragraph)
        return Spot(pane)

    def leave_here(self) -> None:
        """Before a jump (]/[, follow, search, a table by number): remember the spot."""
        if not self.restoring and self.current is not None:
            self.jumps.leave(self.here())

    def action_jump_back(self) -> None:
        if self.current is not None:
            self._restore(self.jumps.back(self.here()))

    def action_jump_forward(self) -> None:
        self._restore(self.jumps.forward())

    def _restore(self, spot: Spot | None) -> None:
        if spot is None:
            self.notify(text("jump.none", self.lang), markup=False)
            return
        self.restoring = True
        try:
            if spot.place is not None:
                self.goto(spot.place)
            elif spot.paragraph is not None:
                self.goto_paragraph_index(spot.paragraph)
            else:
                self.action_pane(spot.pane)
        finally:
            self.restoring = False

    def action_next_pane(self, step: int = 1) -> None:
        """tab / shift+tab: the next pane (a dialog on top keeps its own tab: the next field)."""
        panes = self.query_one("#panes", TabbedContent)
        index = PANE_IDS.index(panes.active) if panes.active in PANE_IDS else 0
        panes.active = PANE_IDS[(index + step) % len(PANE_IDS)]

    def action_previous_pane(self) -> None:
        self.action_next_pane(-1)

    def goto(self, place: Address) -> None:
        """Show a figure wherever it is: a table cell or a card."""
        if self.current is None:
            return
        self.leave_here()
        if place.table is not None:
            self.query_one("#panes", TabbedContent).active = "tables"
            self.show_table(place.table)
            grid = self.query_one(FigureGrid)
            grid.move_to(place)
            grid.focus()
        elif place.paragraph is not None or place.claim is not None:
            self.query_one("#panes", TabbedContent).active = "narrative"
            self.ensure("narrative")
            rows = self.query_one(ParagraphList)
            rows.go_to(place)
            rows.focus()
        elif place.card is not None:
            names = [c.name for c in self.current.document.cards]
            if place.card in names:
                self.query_one("#panes", TabbedContent).active = "cards"
                self.ensure("cards")
                index = names.index(place.card)
                card_list = self.query_one(CardList)
                card_list.highlighted = index
                self.show_card(index)
                card_list.focus()

    # ------------------------------------------------------------------ messages

    @on(TableList.TableChosen)
    def _table_chosen(self, event: TableList.TableChosen) -> None:
        if event.number != self.current_table:
            self.show_table(event.number)

    @on(FigureGrid.FigureFocused)
    def _figure_focused(self, event: FigureGrid.FigureFocused) -> None:
        # on the panes' screen: the message may arrive while a dialog is on top, or
        # after the app began to close
        if not self.app.screen_stack:
            return
        for inspector in self.app.screen_stack[0].query(Inspector):
            inspector.show(self.current, event.place, self.lang, self.notes_at(event.place))

    @on(CardList.CardChosen)
    def _card_chosen(self, event: CardList.CardChosen) -> None:
        self.show_card(event.index)

    @on(FindingsTable.Chosen)
    def _finding_chosen(self, event: FindingsTable.Chosen) -> None:
        for ref in event.finding.refs:
            place = place_of(ref)
            if place is not None:
                self.goto(place)
                return
        self.notify(event.finding.message_in(self.lang), markup=False)

    @on(DocumentsTable.Chosen)
    def _document_chosen(self, event: DocumentsTable.Chosen) -> None:
        opened = next((d for d in self.documents if d.sha == event.sha256), None)
        if opened is not None:
            self.show_document(opened)
            self.query_one("#panes", TabbedContent).active = "tables"
        else:
            self.open_stored(event.sha256)

    @work(thread=True, group="load")
    def open_stored(self, sha256: str) -> None:
        with Store(self.review_app.store_root) as store:
            reviewed = open_stored(store, sha256)
        self.app.call_from_thread(self._open_loaded, reviewed)

    def _open_loaded(self, loaded: Reviewed) -> None:
        self.add_document(loaded)
        opened = next(d for d in self.documents if d.sha == loaded.document.source.sha256)
        self.show_document(opened)
        self.query_one("#panes", TabbedContent).active = "tables"

    # ------------------------------------------------------------------ actions

    def action_back_or_quit(self) -> None:
        search_box = self.query_one("#search", Input)
        if search_box.display:
            search_box.display = False
            self.query_one(FigureGrid).focus()
            return
        self.app.exit()

    def action_close_search(self) -> None:
        search_box = self.query_one("#search", Input)
        if search_box.display:
            search_box.display = False
            self.query_one(FigureGrid).focus()

    def action_pane(self, pane: str) -> None:
        panes = self.query_one("#panes", TabbedContent)
        if pane == "tables" and panes.active == "tables":
            # again on the tables pane: between the grid and the list of tables (where
            # `c` notes a whole table)
            table_list = self.query_one(TableList)
            (self.query_one(FigureGrid) if table_list.has_focus else table_list).focus()
            return
        panes.active = pane

    def action_goto_table(self, number: int) -> None:
        if self.current is not None and self.current.table(number) is not None:
            self.leave_here()
            self.query_one("#panes", TabbedContent).active = "tables"
            self.show_table(number)
            self.query_one(FigureGrid).focus()

    def show_paragraph(self, index: int, mark: int | None = None) -> None:
        self.current_paragraph = index
        body = self.query_one("#narrative-inspector", Static)
        if 0 <= index < len(self.paragraphs) and self.current is not None:
            row = self.paragraphs[index]
            notes = self.notes_on_text(row.marks[mark].address if mark is not None else row.address)
            body.update(explain(row, self.lang, self.current.document, mark, notes))
        else:
            body.update("")
        self.query_one("#narrative-side").scroll_home(animate=False)

    @on(ParagraphList.Chosen)
    def _paragraph_chosen(self, event: ParagraphList.Chosen) -> None:
        self.show_paragraph(event.index, event.mark)

    def action_next_failing(self, backwards: bool = False) -> None:
        """`]` / `[`: the next finding of any kind (cell, row, table, text, card), in
        document order, wrapping with a word at the end."""
        if self.current is None:
            return
        stops = self.current.stops
        if not stops:
            self.notify(text("failing.none", self.lang), markup=False)
            return
        step = -1 if backwards else 1
        here = self.stop_position
        if self.here() != self.stop_spot:
            here = None  # moved by hand since: go on from the cursor
        if here is None or not 0 <= here < len(stops):
            here = self._stop_near_cursor(backwards)
            target = here
        else:
            target = here + step
        wrapped = not 0 <= target < len(stops)
        target %= len(stops)
        self.stop_position = target
        stop = stops[target]
        self.goto_stop(stop)
        self.stop_spot = self.here()
        message = text(
            "failing.position",
            self.lang,
            i=target + 1,
            n=len(stops),
            rule=stop.finding.rule,
            severity=stop.finding.severity.text.in_(self.lang),
        )
        if stop.consequences:
            message += text("failing.follows", self.lang, n=stop.consequences)
        if wrapped:
            key = "failing.wrapped_last" if backwards else "failing.wrapped_first"
            message = text(key, self.lang) + "\n" + message
        # short, and soon gone: the finding itself is in the inspector, not under a toast
        self.notify(message, markup=False, timeout=2.5)

    def _stop_near_cursor(self, backwards: bool) -> int:
        """The first stop after the grid's cursor (the last before it, going back)."""
        assert self.current is not None
        stops = self.current.stops
        pane = self.query_one("#panes", TabbedContent).active
        order = None
        if pane == "tables":
            place = self.query_one(FigureGrid).place_at_cursor()
            order = self.current.order_of(place) if place is not None else None
        elif pane == "narrative" and 0 <= self.current_paragraph < len(self.paragraphs):
            row = self.paragraphs[self.current_paragraph]
            order = self.current.order_of(Address(paragraph=row.key))
        if order is None:
            return len(stops) - 1 if backwards else 0
        if backwards:
            before = [i for i, s in enumerate(stops) if s.order[:3] < order[:3]]
            return before[-1] if before else len(stops) - 1
        after = [i for i, s in enumerate(stops) if s.order[:3] >= order[:3]]
        return after[0] if after else 0

    def goto_stop(self, stop: Stop) -> None:
        place = stop.place
        if place.table is not None and not place.is_figure:
            self.action_goto_table(place.table)
            table = self.current.table(place.table) if self.current else None
            if place.row is not None and table is not None and table.columns:
                self.query_one(FigureGrid).move_to(
                    Address(place.table, place.row, table.columns[0])
                )
        else:
            self.goto(place)  # a figure, a card, a number or paragraph of the text

    def goto_paragraph_index(self, index: int) -> None:
        """A row of the narrative pane (the jump list keeps rows by their index)."""
        self.leave_here()
        self.query_one("#panes", TabbedContent).active = "narrative"
        self.ensure("narrative")
        rows = self.query_one(ParagraphList)
        rows.go(index)
        rows.focus()

    def action_previous_failing(self) -> None:
        self.action_next_failing(backwards=True)

    def action_follow(self) -> None:
        if self.query_one("#panes", TabbedContent).active == "narrative":
            self._follow_from_text()
            return
        inspector = self.query_one(Inspector)
        places = [p for p in (place_of(r) for r in inspector.refs) if p is not None]
        if not places:
            return
        self.app.push_screen(FollowScreen(inspector.refs), self._followed)

    def _followed(self, place: Address | None) -> None:
        if place is not None:
            self.goto(place)

    def _follow_from_text(self) -> None:
        """`f` on a number: to the figure it was compared with, or a list when several."""
        refs = self.query_one(ParagraphList).follow_refs()
        places = [p for p in (any_place(r) for r in refs) if p is not None]
        if not places:
            self.notify(text("narrative.nothing_to_follow", self.lang))
            return
        if len(places) == 1:
            self.goto(places[0])
            return
        document = self.current.document if self.current else None

        def label(ref: Ref) -> str:
            name = document.part_name(ref.part) if document is not None else None
            return ref_label(ref, self.lang, name)

        self.app.push_screen(FollowScreen(refs, any_place, label), self._followed)

    def _side_inspector(self) -> Widget:
        """The inspector of the pane in sight: the table's, or the narrative's."""
        if self.query_one("#panes", TabbedContent).active == "narrative":
            return self.query_one("#narrative-side")
        return self.query_one(Inspector)

    def action_resize_inspector(self, step: int) -> None:
        lines = self.query_one(Inspector).resize(step)
        self.query_one("#narrative-side").styles.height = lines
        self.review_app.settings["inspector_lines"] = lines
        save_settings(self.review_app.settings)

    def action_scroll_inspector(self, step: int) -> None:
        side = self._side_inspector()
        side.scroll_relative(y=step, animate=False)

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.value = ""
        box.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """The first match after the cursor, wrapping past the end; n / N go on from it."""
        event.input.display = False
        if self.current is None or not event.value.strip():
            return
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
        pane = self.query_one("#panes", TabbedContent).active
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

    def action_toggle_separators(self) -> None:
        """`,`: figures as printed, or in the other style: with thousands separators if
        the table prints none, without if it prints them."""
        if self.review_app.separators is None:
            table = self.current.table(self.current_table) if self.current else None
            figures = table.figures() if table is not None else []
            self.review_app.separators = not any("," in f.raw for f in figures)
        else:
            self.review_app.separators = None
        self.review_app.settings["separators"] = self.review_app.separators
        save_settings(self.review_app.settings)
        mode = {None: "printed", True: "on", False: "off"}[self.review_app.separators]
        self.notify(text(f"separators.{mode}", self.lang), markup=False)
        if self.current is not None and self.current_table is not None:
            table = self.current.table(self.current_table)
            if table is not None:
                grid = self.query_one(FigureGrid)
                place = grid.place_at_cursor()
                grid.show(self.current, table, self.review_app.separators, self.noted_places())
                if place is not None:
                    grid.move_to(place)
