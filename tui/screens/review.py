"""The review screen: the panes, and the review state they show.

It owns the open documents, the current document, table and language as reactives, and
the actions that move between panes, findings and notes. The app (`tui/app.py`) keeps
the settings, the notebook, the loading of files and the global actions.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
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
from budget_review.tui.panes import PANE_IDS, PANES, pane
from budget_review.tui.search_controller import SearchController
from budget_review.tui.session import OpenDocument, Stop, any_place, place_of
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.footer import ReviewFooter
from budget_review.tui.widgets.inspector import Inspector, ref_label
from budget_review.tui.widgets.pane_bar import PaneBar
from budget_review.tui.widgets.table_list import TableList
from budget_review.tui.widgets.title_bar import TitleBar
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static

if TYPE_CHECKING:
    from budget_review.tui.app import ReviewApp
    from budget_review.tui.narrative import NarrativeParagraph
    from budget_review.tui.search import Match
    from budget_review.tui.widgets.cards_pane import CardList
    from budget_review.tui.widgets.documents_pane import DocumentsTable
    from budget_review.tui.widgets.findings_pane import FindingsTable
    from budget_review.tui.widgets.loading_line import LoadingLine
    from budget_review.tui.widgets.narrative_pane import ParagraphList

# The widgets of the panes other than the tables are imported where they are first
# used: those panes are built when first shown (`tui/panes.py`), and the first screen
# does not wait for their modules. Their messages come to handlers named after them.

READY_EXIT = "BUDGET_REVIEW_EXIT_WHEN_READY"


def collect_after_startup() -> None:
    """The first screen is drawn: the cyclic collector, paused by the console script for
    start-up, runs again, leaving out what start-up made (it lives to the end). Nothing to
    do when it was not paused (the tests, an app made in Python)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class ReviewScreen(NotesController, SearchController, inherit_bindings=False):
    """The panes of the open documents; the app's default screen.

    Its bindings are the review's keys (the global ones, help, palette and language, run
    the app's actions through `app.`); Screen's own tab bindings are not inherited, tab
    switches panes here, while a dialog on top keeps its own tab."""

    BINDINGS: ClassVar[list[BindingType]] = REVIEW_BINDINGS
    AUTO_FOCUS = "FigureGrid"  # the keys start on the grid, not on the first focusable

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
        self.active_pane = "tables"  # the pane in sight, or being built to be
        self.built: set[str] = {"tables"}  # the others are built when first shown
        self.waiting: dict[str, list[Callable[[], None]]] = {}  # panes being built
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
        self._loading: LoadingLine | None = None  # mounted when a file is first read

    @property
    def review_app(self) -> ReviewApp:
        return self.app  # type: ignore[return-value]

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield PaneBar(id="pane-bar")
        with ContentSwitcher(id="panes", initial=self.active_pane):
            # Only the pane in sight: the first screen comes sooner.
            yield self._pane_body(self.active_pane)
        # The loading line and the search box are mounted when first wanted (above the
        # footer): a stored document opens before either is needed.
        yield ReviewFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(collect_after_startup)
        self._show_pane_bar()
        lines = self.review_app.settings.get("inspector_lines")
        if isinstance(lines, int):
            self.action_resize_inspector(lines - self.query_one(Inspector).lines)
        # The panes are composed now: their keys in the interface language, then the
        # app begins to read the files (into these panes).
        self.review_app.localise_bindings(self.lang)
        self.review_app.start_loading()

    # ------------------------------------------------------------------ watchers

    def watch_current_table(self, number: int | None) -> None:
        """The current table, in every pane that shows or filters by it."""
        self._filter_by_table(self)
        if number is not None:
            self.query_one(TableList).select_number(number)

    def watch_documents(self, documents: list[OpenDocument]) -> None:
        if self.current is not None:
            self.stale.add("documents")
            self.ensure(self.active_pane)

    def watch_lang(self, lang: str) -> None:
        self._show_pane_bar()
        for box in self.query("#search").results(Input):
            box.placeholder = text("search.prompt", lang)
        if self.current is not None:
            place = self.query_one(FigureGrid).place_at_cursor()
            self.stale = set(PANE_IDS) - {"tables"}
            self.ensure(self.active_pane)
            self.query_one(Inspector).show(self.current, place, lang, self.notes_at(place))
            self.show_table(self.current_table)

    # ------------------------------------------------------------------ loading

    def show_loading(self, name: str, done: int, total: int) -> None:
        if self._loading is None:
            from budget_review.tui.widgets.loading_line import LoadingLine as Line

            self._loading = Line(id="loading")
            self.mount(self._loading, before=self.query_one(ReviewFooter))
        self._loading.display = True
        self._loading.show(text("loading", self.lang, name=name), done, total)

    def loading_done(self) -> None:
        if self._loading is not None:
            self._loading.display = False

    def add_document(self, loaded: Reviewed) -> None:
        opened = OpenDocument.build(loaded.document, loaded.report)
        self.documents = [d for d in self.documents if d.sha != opened.sha] + [opened]
        if self.current is None:  # else the watcher refreshes the documents pane
            self.show_document(opened)  # in sight: it says itself that it is open
        else:
            name = Path(loaded.document.source.path).name
            self.notify(text("loaded", self.lang, name=name), markup=False)
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
        self.ensure(self.active_pane)
        self.query_one(FigureGrid).focus()
        if os.environ.get(READY_EXIT):
            grid = self.query_one(FigureGrid)
            grid.when_filled(lambda: self._ready_exit_after(grid))

    def _ready_exit_after(self, grid: FigureGrid) -> None:
        grid.call_after_refresh(self._ready_exit)  # once the filled grid is drawn

    def _ready_exit(self) -> None:
        """`make bench`: the first full screen is drawn; say when (on stderr), and leave."""
        # straight to the file: while the app runs, Textual takes what is printed
        os.write(2, f"ready {time.time():.6f}\n".encode())
        self.app.exit()

    def ensure(self, pane: str) -> None:
        """Fill a pane for the current document and language if it is out of date."""
        if self.current is None or pane not in self.stale or pane not in self.built:
            return
        self.stale.discard(pane)
        if pane == "cards":
            from budget_review.tui.widgets.cards_pane import CardList

            self.query_one(CardList).show(self.current, self.lang)
            self.show_card(self.current_card)
        elif pane == "totals":
            from budget_review.tui.widgets.totals_pane import TotalsPane

            self.query_one(TotalsPane).show(self.current, self.lang)
        elif pane == "narrative":
            from budget_review.tui.narrative import narrative
            from budget_review.tui.widgets.narrative_pane import ParagraphList

            self.paragraphs = narrative(self.current.document, self.current.report)
            rows = self.query_one(ParagraphList)
            rows.show(self.paragraphs, self.current.document, self.noted_text())
            self.show_paragraph(min(self.current_paragraph, max(len(self.paragraphs) - 1, 0)))
        elif pane == "findings":
            from budget_review.tui.widgets.findings_pane import FindingsPane

            self.query_one(FindingsPane).show(self.current, self.lang)
        elif pane == "notes":
            from budget_review.tui.widgets.notes_pane import NotesTable

            self.query_one(NotesTable).show(self.notes, self.lang, self.current)
        elif pane == "documents":
            self.refresh_documents()

    # ------------------------------------------------------------------ panes

    def show_pane(self, pane_id: str, then: Callable[[], None] | None = None) -> None:
        """Bring a pane into sight, filled and with the keys; `then` runs once it is there.

        A pane not shown before is built first (mounting takes a turn of the event loop),
        so `then` may run later; it does not run if another pane was asked for meanwhile."""
        self.active_pane = pane_id
        self._show_pane_bar()
        if pane_id in self.built:
            self._in_sight(pane_id)
            if then is not None:
                then()
            return
        first = pane_id not in self.waiting
        self.waiting.setdefault(pane_id, [])
        if then is not None:
            self.waiting[pane_id].append(then)
        if first:
            self.call_later(self._build, pane_id)

    @staticmethod
    def _pane_body(pane_id: str) -> Widget:
        """A pane's widget, named by the pane's id: the switcher shows it by that name."""
        body = pane(pane_id).body()
        body.id = pane_id
        return body

    async def _build(self, pane_id: str) -> None:
        body = self._pane_body(pane_id)
        body.display = False  # the switcher shows it, if it is still the one asked for
        await self.query_one("#panes", ContentSwitcher).mount(body)
        self.built.add(pane_id)
        self.review_app.localise_bindings(self.lang, body)
        self._filter_by_table(body)
        self._size_text_inspector(body, self.query_one(Inspector).lines)
        waiting = self.waiting.pop(pane_id, [])
        if self.active_pane == pane_id:
            self._in_sight(pane_id)
            for then in waiting:
                then()

    def _filter_by_table(self, root: Widget) -> None:
        """The lists that can show the current table only: told which it is (`root` may
        be such a list itself: a pane just built)."""
        nodes = [root, *root.walk_children()]
        if "findings" in self.built:
            from budget_review.tui.widgets.findings_pane import FindingsTable

            for findings in nodes:
                if isinstance(findings, FindingsTable):
                    findings.current_table = self.current_table
        if "notes" in self.built:
            from budget_review.tui.widgets.notes_pane import NotesTable

            for notes in nodes:
                if isinstance(notes, NotesTable):
                    notes.current_table = self.current_table

    def _in_sight(self, pane_id: str) -> None:
        self.query_one("#panes", ContentSwitcher).current = pane_id
        self.ensure(pane_id)
        # Keys go to the pane just shown, not to a widget left behind on another pane.
        self.query_one(pane(pane_id).focus).focus()

    def _show_pane_bar(self) -> None:
        names = [(p.id, text(p.title_key, self.lang), p.key) for p in PANES]
        self.query_one(PaneBar).show(names, self.active_pane)

    @on(PaneBar.Chosen)
    def _pane_clicked(self, event: PaneBar.Chosen) -> None:
        self.leave_here()
        self.show_pane(event.pane)

    def refresh_documents(self) -> None:
        stored = []
        try:
            with Store(self.review_app.store_root) as store:
                stored = store.list()
        except OSError:
            pass
        from budget_review.tui.widgets.documents_pane import DocumentsTable

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
        from budget_review.tui.widgets.cards_pane import CardView

        if self.current is None:
            return
        cards = self.current.document.cards
        self.current_card = index
        card = cards[index] if 0 <= index < len(cards) else None
        self.query_one(CardView).show(self.current, card, self.lang)

    def goto_card(self, name: str) -> None:
        self.goto(Address(card=name))

    def here(self) -> Spot:
        pane = self.active_pane
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
        if self._after_building(self.action_jump_back):
            return
        if self.current is not None:
            self._restore(self.jumps.back(self.here()))

    def action_jump_forward(self) -> None:
        if self._after_building(self.action_jump_forward):
            return
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
        index = PANE_IDS.index(self.active_pane)
        self.show_pane(PANE_IDS[(index + step) % len(PANE_IDS)])

    def action_previous_pane(self) -> None:
        self.action_next_pane(-1)

    def goto(self, place: Address, then: Callable[[], None] | None = None) -> None:
        """Show a figure wherever it is: a table cell, a card, a paragraph or number of the
        text. `then` runs once it is in sight (a pane shown for the first time is built
        first)."""
        if self.current is None:
            return
        self.leave_here()
        if place.table is not None:
            self.show_pane("tables")
            self.show_table(place.table)
            grid = self.query_one(FigureGrid)
            grid.move_to(place)
            grid.focus()
            if then is not None:
                then()
        elif place.paragraph is not None or place.claim is not None:
            self.show_pane("narrative", _both(lambda: self._text_rows().go_to(place), then))
        elif place.card is not None:
            names = [c.name for c in self.current.document.cards]
            if place.card in names:
                index = names.index(place.card)
                self.show_pane("cards", _both(lambda: self._show_card_at(index), then))

    def _show_card_at(self, index: int) -> None:
        from budget_review.tui.widgets.cards_pane import CardList

        self.query_one(CardList).highlighted = index
        self.show_card(index)

    def _text_rows(self) -> ParagraphList:
        from budget_review.tui.widgets.narrative_pane import ParagraphList

        return self.query_one(ParagraphList)

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

    def on_card_list_card_chosen(self, event: CardList.CardChosen) -> None:
        self.show_card(event.index)

    def on_findings_table_chosen(self, event: FindingsTable.Chosen) -> None:
        for ref in event.finding.refs:
            place = place_of(ref)
            if place is not None:
                self.goto(place)
                return
        self.notify(event.finding.message_in(self.lang), markup=False)

    def on_documents_table_chosen(self, event: DocumentsTable.Chosen) -> None:
        opened = next((d for d in self.documents if d.sha == event.sha256), None)
        if opened is not None:
            self.show_document(opened)
            self.show_pane("tables")
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
        self.show_pane("tables")

    # ------------------------------------------------------------------ actions

    def action_back_or_quit(self) -> None:
        if not self.close_search():
            self.app.exit()

    def action_pane(self, pane: str) -> None:
        if pane == "tables" and self.active_pane == "tables":
            # again on the tables pane: between the grid and the list of tables (where
            # `c` notes a whole table)
            table_list = self.query_one(TableList)
            (self.query_one(FigureGrid) if table_list.has_focus else table_list).focus()
            return
        self.show_pane(pane)

    def action_goto_table(self, number: int) -> None:
        if self.current is not None and self.current.table(number) is not None:
            self.leave_here()
            self.show_pane("tables")
            self.show_table(number)
            self.query_one(FigureGrid).focus()

    def show_paragraph(self, index: int, mark: int | None = None) -> None:
        self.current_paragraph = index
        body = self.query_one("#narrative-inspector", Static)
        if 0 <= index < len(self.paragraphs) and self.current is not None:
            row = self.paragraphs[index]
            notes = self.notes_on_text(row.marks[mark].address if mark is not None else row.address)
            from budget_review.tui.widgets.narrative_pane import explain

            body.update(explain(row, self.lang, self.current.document, mark, notes))
        else:
            body.update("")
        self.query_one("#narrative-side").scroll_home(animate=False)

    def on_paragraph_list_chosen(self, event: ParagraphList.Chosen) -> None:
        self.show_paragraph(event.index, event.mark)

    def action_next_failing(self, backwards: bool = False) -> None:
        """`]` / `[`: the next finding of any kind (cell, row, table, text, card), in
        document order, wrapping with a word at the end."""
        if self.current is None or self._after_building(self.action_next_failing, backwards):
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
        self.goto_stop(stop, self._at_stop)
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

    def _at_stop(self) -> None:
        self.stop_spot = self.here()  # where `]` left the reviewer: moving off it is by hand

    def _after_building(self, action: Callable[..., None], *args: object) -> bool:
        """While a pane is being built, a key that starts from where the reviewer is waits
        for it (it would start from where they were); True when the key was put off."""
        if not self.waiting:
            return False
        self.call_later(action, *args)
        return True

    def _stop_near_cursor(self, backwards: bool) -> int:
        """The first stop after the grid's cursor (the last before it, going back)."""
        assert self.current is not None
        stops = self.current.stops
        pane = self.active_pane
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

    def goto_stop(self, stop: Stop, then: Callable[[], None] | None = None) -> None:
        place = stop.place
        if place.table is not None and not place.is_figure:
            self.action_goto_table(place.table)
            table = self.current.table(place.table) if self.current else None
            if place.row is not None and table is not None and table.columns:
                self.query_one(FigureGrid).move_to(
                    Address(place.table, place.row, table.columns[0])
                )
            if then is not None:
                then()
        else:
            self.goto(place, then)  # a figure, a card, a number or paragraph of the text

    def goto_paragraph_index(self, index: int) -> None:
        """A row of the narrative pane (the jump list keeps rows by their index)."""
        self.leave_here()
        self.show_pane("narrative", lambda: self._text_rows().go(index))

    def action_previous_failing(self) -> None:
        self.action_next_failing(backwards=True)

    def action_follow(self) -> None:
        if self.active_pane == "narrative":
            self._follow_from_text()
            return
        inspector = self.query_one(Inspector)
        places = [p for p in (place_of(r) for r in inspector.refs) if p is not None]
        if not places:
            return
        from budget_review.tui.screens.follow import FollowScreen

        self.app.push_screen(FollowScreen(inspector.refs), self._followed)

    def _followed(self, place: Address | None) -> None:
        if place is not None:
            self.goto(place)

    def _follow_from_text(self) -> None:
        """`f` on a number: to the figure it was compared with, or a list when several."""
        refs = self._text_rows().follow_refs()
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

        from budget_review.tui.screens.follow import FollowScreen

        self.app.push_screen(FollowScreen(refs, any_place, label), self._followed)

    def _side_inspector(self) -> Widget:
        """The inspector of the pane in sight: the table's, or the narrative's."""
        if self.active_pane == "narrative":
            return self.query_one("#narrative-side")
        return self.query_one(Inspector)

    def action_resize_inspector(self, step: int) -> None:
        lines = self.query_one(Inspector).resize(step)
        self._size_text_inspector(self, lines)
        self.review_app.settings["inspector_lines"] = lines
        save_settings(self.review_app.settings)

    def _size_text_inspector(self, root: Widget, lines: int) -> None:
        """The text's inspector as tall as the table's (if the narrative pane is built)."""
        for side in root.query("#narrative-side"):
            side.styles.height = lines

    def action_scroll_inspector(self, step: int) -> None:
        side = self._side_inspector()
        side.scroll_relative(y=step, animate=False)

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


def _both(first: Callable[[], object], then: Callable[[], None] | None) -> Callable[[], None]:
    def run() -> None:
        first()
        if then is not None:
            then()

    return run
