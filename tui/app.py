"""The review app: tables, cards, totals and findings of the documents in the store."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from budget_review.model import Address, Document, InputError, Ref, say, words
from budget_review.model.untrusted import printable
from budget_review.review import Reviewed, open_for_review, open_stored, stop_reading
from budget_review.store import Store
from budget_review.store.notes import Note, NoteBook
from budget_review.store.store import default_store_path
from budget_review.tui.annotate import AnnotationActions
from budget_review.tui.config import load_keymap, load_settings, save_settings
from budget_review.tui.format import plain
from budget_review.tui.i18n import text
from budget_review.tui.jumps import JumpList, Spot
from budget_review.tui.keys import APP_BINDINGS, localise
from budget_review.tui.narrative import NarrativeParagraph, narrative
from budget_review.tui.panes import PANE_IDS, PANES, pane
from budget_review.tui.screens.follow import FollowScreen
from budget_review.tui.screens.help import HelpScreen
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
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
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

READY_EXIT = "BUDGET_REVIEW_EXIT_WHEN_READY"


if TYPE_CHECKING:
    from textual.command import Provider


def _review_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (startup stays quick)."""
    from budget_review.tui.commands import ReviewCommands

    return ReviewCommands


class ReviewApp(AnnotationActions):
    CSS_PATH = "app.tcss"
    TITLE = "budget-review"
    COMMANDS = App.COMMANDS | {lambda: _review_commands()}

    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    lang: reactive[str] = reactive("zh", init=False)

    def __init__(
        self,
        paths: list[Path],
        store_root: Path | None = None,
        lang: str | None = None,
        jobs: int | None = None,
        engine: str | None = None,
        ocr: str | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.store_root = store_root
        self.jobs = jobs
        self.engine = engine
        self.ocr = ocr
        self.settings = load_settings()
        self.set_reactive(ReviewApp.lang, lang or self.settings.get("lang", "zh"))
        remembered = self.settings.get("separators")
        # as printed (None) unless the reviewer chose always or never
        self.separators: bool | None = remembered if isinstance(remembered, bool) else None
        self.documents: list[OpenDocument] = []
        self.failures: list[str] = []  # one line per file that could not be opened
        self.current: OpenDocument | None = None
        self.current_table: int | None = None
        self.current_card: int = 0
        self.stale: set[str] = set()
        self.paragraphs: list[NarrativeParagraph] = []
        self.current_paragraph = 0
        self.notebook = NoteBook(store_root or default_store_path())
        self.notes: list[Note] = []
        self.deleted: list[Note] = []  # this session's deletions, for undo
        self.matches: list[Match] = []
        self.match_index = 0
        self.stop_position: int | None = None  # the finding `]` last went to
        self.jumps = JumpList()
        self.stop_spot: Spot | None = None  # where that left the reviewer
        self.restoring = False  # moving through the jump list is not itself a jump
        self.quitting = False  # set on exit: the loading thread starts no other file

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
        keymap, problem = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        if problem:
            self.notify(problem, severity="warning", markup=False)
        theme = self.settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.title = text("app.title", self.lang)
        self.localise_bindings(self.lang)
        self.query_one("#search", Input).display = False
        self.query_one("#loading").display = False
        lines = self.settings.get("inspector_lines")
        if isinstance(lines, int):
            self.action_resize_inspector(lines - self.query_one(Inspector).lines)
        self.load(self.paths)

    def action_command_palette(self) -> None:
        """The palette with its prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            prompt = text("palette.prompt", self.lang)
            self.push_screen(CommandPalette(placeholder=prompt, id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette commands, in the interface language."""
        lang = self.lang
        yield SystemCommand(
            text("system.theme", lang), text("system.theme.help", lang), self.action_change_theme
        )
        yield SystemCommand(
            text("system.keys", lang), text("system.keys.help", lang), self.action_help
        )
        if screen.maximized is not None:
            yield SystemCommand(
                text("system.minimize", lang),
                text("system.minimize.help", lang),
                screen.action_minimize,
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                text("system.maximize", lang),
                text("system.maximize.help", lang),
                screen.action_maximize,
            )
        yield SystemCommand(
            text("system.screenshot", lang),
            text("system.screenshot.help", lang),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )
        yield SystemCommand(
            text("system.quit", lang), text("system.quit.help", lang), self.action_quit
        )

    def watch_theme(self, theme: str) -> None:
        self.settings["theme"] = theme
        save_settings(self.settings)

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="load")
    def load(self, paths: list[Path]) -> None:
        """Open each file through the store (parsed only if not there yet), in a thread."""
        for path in paths:
            if self.quitting:
                return
            self.call_from_thread(self._loading, path.name, 0, 0)
            try:
                with Store(self.store_root) as store:
                    reviewed = open_for_review(
                        store, path, self.jobs, self._progress_for(path.name), self.engine, self.ocr
                    )
            except Exception as exc:  # a bad file is reported, the app stays up
                if self.quitting:
                    return  # its reading was stopped because the app is ending
                self.call_from_thread(self._failed, path, exc)
                continue
            self.call_from_thread(self.add_document, reviewed)
        self.call_from_thread(self._loading_done)

    def _progress_for(self, name: str) -> Callable[[int, int], None]:
        """A page-progress callback, called from the loading thread."""

        def report(done: int, total: int) -> None:
            self.call_from_thread(self._loading, name, done, total)

        return report

    def _loading(self, name: str, done: int, total: int) -> None:
        self.query_one("#loading").display = True
        self.query_one("#loading-label", Static).update(text("loading", self.lang, name=name))
        self.query_one("#loading-bar", ProgressBar).update(total=total or None, progress=done)

    def _loading_done(self) -> None:
        self.query_one("#loading").display = False
        if not self.documents and self.failures:
            # Nothing could be opened: leave with the reasons, one line each, and exit 2.
            self.exit(return_code=2, message="\n".join(self.failures))

    def _failed(self, path: Path, error: Exception) -> None:
        if isinstance(error, InputError):
            line = error.in_(self.lang)
        else:
            line = f"{path}: {say('cli.unexpected', self.lang, problem=error)}"
        self.failures.append(f"budget-review: {line}")
        # named until the reviewer has read it, and listed in 文件 (D) after
        self.notify(
            text("load.failed", self.lang, error=line), severity="error", markup=False, timeout=30
        )
        self.stale.add("documents")

    def add_document(self, loaded: Reviewed) -> None:
        opened = OpenDocument.build(loaded.document, loaded.report)
        self.documents = [d for d in self.documents if d.sha != opened.sha] + [opened]
        if self.current is None:
            self.show_document(opened)
        else:
            self.stale.add("documents")
            self.ensure(self.query_one("#panes", TabbedContent).active)
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
        self.sub_title = printable(heading)
        self.stop_position = None
        self.notes = self.notebook.for_document(opened.document)
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
            self.call_after_refresh(self.exit)  # `make bench`: time to the first full screen

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
            notes_table = self.query_one(NotesTable)
            notes_table.current_table = self.current_table
            notes_table.show(self.notes, self.lang, self.current)
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
            with Store(self.store_root) as store:
                stored = store.list()
        except OSError:
            pass
        self.query_one(DocumentsTable).show(
            self.documents,
            stored,
            self.lang,
            [f.removeprefix("budget-review: ") for f in self.failures],
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
            grid.show(self.current, table, self.separators, self.noted_places())
        self.current_table = number
        self.query_one(FindingsTable).current_table = number
        unit = table.unit.value if table.unit else "?"
        pages = f"  p.{table.pages[0]}–{table.pages[-1]}" if table.pages else ""
        empty = f"  ({text('table.empty', self.lang)}: {table.note})" if table.empty else ""
        unit_part = text("table.unit", self.lang, unit=unit)
        # the caption is the document's words: shown as printed, never read as markup
        caption.update(plain(f"表{table.number} {table.title}  {unit_part}{pages}{empty}"))
        self.query_one(TableList).select_number(number)

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
        """tab / shift+tab: the next pane; in a dialog, the next field as usual."""
        if self.screen is not self.screen_stack[0]:
            if step > 0:
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
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
        if not self.screen_stack:
            return
        for inspector in self.screen_stack[0].query(Inspector):
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
        with Store(self.store_root) as store:
            reviewed = open_stored(store, sha256)
        self.call_from_thread(self._open_loaded, reviewed)

    def _open_loaded(self, loaded: Reviewed) -> None:
        self.add_document(loaded)
        opened = next(d for d in self.documents if d.sha == loaded.document.source.sha256)
        self.show_document(opened)
        self.query_one("#panes", TabbedContent).active = "tables"

    # ------------------------------------------------------------------ actions

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Leave at once: a document still being read is stopped, its process ended."""
        self.quitting = True
        stop_reading()
        super().exit(*args, **kwargs)

    def action_back_or_quit(self) -> None:
        search_box = self.query_one("#search", Input)
        if search_box.display:
            search_box.display = False
            self.query_one(FigureGrid).focus()
            return
        self.exit()

    def action_close_search(self) -> None:
        search_box = self.query_one("#search", Input)
        if search_box.display:
            search_box.display = False
            self.query_one(FigureGrid).focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.lang))

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
        self.push_screen(FollowScreen(inspector.refs), self._followed)

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

        self.push_screen(FollowScreen(refs, any_place, label), self._followed)

    def _side_inspector(self) -> Widget:
        """The inspector of the pane in sight: the table's, or the narrative's."""
        if self.query_one("#panes", TabbedContent).active == "narrative":
            return self.query_one("#narrative-side")
        return self.query_one(Inspector)

    def action_resize_inspector(self, step: int) -> None:
        lines = self.query_one(Inspector).resize(step)
        self.query_one("#narrative-side").styles.height = lines
        self.settings["inspector_lines"] = lines
        save_settings(self.settings)

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

    def action_switch_language(self) -> None:
        self.lang = "en" if self.lang == "zh" else "zh"

    def localise_bindings(self, lang: str) -> None:
        """Footer descriptions in the interface language (bindings are looked up by id)."""
        for node in [self, *self.screen_stack[:1], *self.screen_stack[0].walk_children()]:
            localise(node, lang)
        self.refresh_bindings()

    def watch_lang(self, lang: str) -> None:
        self.localise_bindings(lang)
        self.settings["lang"] = lang
        save_settings(self.settings)
        self.title = text("app.title", lang)
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
        self.notify(text("lang.switched", lang), markup=False)

    def action_toggle_separators(self) -> None:
        """`,`: figures as printed, or in the other style: with thousands separators if
        the table prints none, without if it prints them."""
        if self.separators is None:
            table = self.current.table(self.current_table) if self.current else None
            figures = table.figures() if table is not None else []
            self.separators = not any("," in f.raw for f in figures)
        else:
            self.separators = None
        self.settings["separators"] = self.separators
        save_settings(self.settings)
        mode = {None: "printed", True: "on", False: "off"}[self.separators]
        self.notify(text(f"separators.{mode}", self.lang), markup=False)
        if self.current is not None and self.current_table is not None:
            table = self.current.table(self.current_table)
            if table is not None:
                grid = self.query_one(FigureGrid)
                place = grid.place_at_cursor()
                grid.show(self.current, table, self.separators, self.noted_places())
                if place is not None:
                    grid.move_to(place)


def make_review_app(
    paths: list[Path],
    store_root: Path | None = None,
    lang: str | None = None,
    jobs: int | None = None,
    engine: str | None = None,
    ocr: str | None = None,
) -> ReviewApp:
    """The app as the command line and the tests make it."""
    return ReviewApp(paths, store_root, lang, jobs, engine, ocr)
