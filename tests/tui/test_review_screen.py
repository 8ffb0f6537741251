"""The review screen holds the review's state; the app forwards to it."""

from __future__ import annotations

from collections.abc import Callable

from budget_review.tui.app import ReviewApp
from budget_review.tui.screens.review import ReviewScreen
from budget_review.tui.widgets.findings_pane import FindingsTable
from budget_review.tui.widgets.notes_pane import NotesTable

from tests.tui.conftest import loaded


async def test_the_current_table_is_held_once(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await loaded(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen is app.review
        assert app.current is screen.current and app.documents == screen.documents
        app.action_goto_table(3)
        await pilot.pause()
        # set on the screen, the panes that filter by it follow
        assert screen.current_table == app.current_table == 3
        assert app.query_one(FindingsTable).current_table == 3
        assert app.query_one(NotesTable).current_table == 3
