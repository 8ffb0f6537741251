"""The review screen holds the review's state, builds its panes when first shown, and
opens a stored document on its first screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from budget_review.tui.app import ReviewApp
from budget_review.tui.screens.review import ReviewScreen
from budget_review.tui.widgets.cards_pane import CardList
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.findings_pane import FindingsTable
from budget_review.tui.widgets.footer import ReviewFooter
from budget_review.tui.widgets.notes_pane import NotesTable
from budget_review.tui.widgets.pane_bar import PaneBar
from budget_review.tui.widgets.title_bar import TitleBar
from rich.cells import cell_len
from textual.widgets import Static

from tests.conftest import JINCHENG_TXT
from tests.synthetic_pdf import looping_pdf
from tests.tui.conftest import loaded


async def test_the_current_table_is_held_once(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await loaded(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen is app.review
        assert screen.current is not None and screen.documents == [screen.current]
        screen.action_goto_table(3)
        await pilot.pause()
        assert screen.current_table == app.query_one(FigureGrid).table_number == 3
        # set on the screen, the panes that filter by it follow: when built ...
        await pilot.press("E", "O", "T")
        assert app.query_one(FindingsTable).current_table == 3
        assert app.query_one(NotesTable).current_table == 3
        # ... and after
        screen.action_goto_table(5)
        await pilot.pause()
        assert app.query_one(FindingsTable).current_table == 5
        assert app.query_one(NotesTable).current_table == 5


async def test_hidden_panes_are_built_when_first_shown(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await loaded(pilot, app)
        screen = app.review
        assert screen.built == {"tables"} and not app.query(CardList)
        await pilot.press("C")
        assert screen.active_pane == "cards" and screen.built == {"tables", "cards"}
        assert app.query_one(CardList).has_focus and app.query_one(CardList).option_count
        await pilot.press("T", "C")  # built once: shown again, not built again
        assert len(app.query(CardList)) == 1


async def test_a_stored_document_is_on_the_first_screen(
    make_app: Callable[..., ReviewApp],
) -> None:
    first = make_app()
    async with first.run_test() as pilot:
        await loaded(pilot, first)  # read, checked and stored
    app = make_app()
    async with app.run_test() as pilot:
        # the store's copy, shown as the screen mounts: nothing read in the worker
        assert app.review.current is not None
        assert not [w for w in app.workers if w.group == "load"]
        await pilot.pause()
        assert app.query_one(FigureGrid).row_count > 30


async def test_a_click_on_a_pane_name_shows_the_pane(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await loaded(pilot, app)
        bar = app.query_one(PaneBar)
        start = next(start for start, _, pane_id in bar.spans if pane_id == "findings")
        await pilot.click(PaneBar, offset=(start + 1, 0))
        await pilot.pause()
        assert app.review.active_pane == "findings"
        assert app.query_one(FindingsTable).has_focus
        assert "问题 E" in str(bar.render())


async def test_every_pane_name_fits_in_80_columns(make_app: Callable[..., ReviewApp]) -> None:
    for lang, last in (("zh", "文件 D"), ("en", "Documents D")):
        app = make_app(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot, app)
            bar = app.query_one(PaneBar)
            line = str(bar.render())
            # all of it in sight: nothing cut off at the right
            assert line.rstrip().endswith(last) and cell_len(line) <= bar.content_size.width


async def test_the_file_being_read_is_named_above_the_footer(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    slow = tmp_path / "loop.pdf"
    slow.write_bytes(looping_pdf())  # read until the app ends
    app = make_app(JINCHENG_TXT, slow)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot, app)
        for _ in range(100):
            if app.review.query("#loading"):
                break
            await pilot.pause(0.05)
        line = app.review.query_one("#loading")
        assert line.display and line.region.height == 1
        label = app.review.query_one("#loading-label", Static)
        assert "loop.pdf" in str(label.render())
        # above the footer, never hidden behind it
        assert line.region.bottom <= app.review.query_one(ReviewFooter).region.y
        await pilot.press("q")


async def test_the_loading_line_goes_when_the_files_are_read(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()  # not in the store yet: read in the worker, with the line shown
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot, app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.review.query_one("#loading").display


async def test_the_title_names_the_document_and_its_icon_opens_the_palette(
    make_app: Callable[..., ReviewApp],
) -> None:
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot, app)
        line = app.review.query_one(TitleBar).render().plain
        assert "预算公开审查" in line and "晋城市人力资源和社会保障局" in line
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert CommandPalette.is_open(app)
