"""SVG snapshots of the main screens at 120×40 on the bundled sample.

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

from budget_review.tui.app import ReviewApp
from textual.pilot import Pilot

from tests.conftest import JINCHENG_TXT
from tests.tui.conftest import loaded

SIZE = (120, 40)
XIAN = JINCHENG_TXT.parent / "national" / "xian-city-petition-2026-dept-budget.pdf"


def _prepare(app: ReviewApp, *keys: str) -> Callable[[Pilot[None]], object]:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot, app)
        await pilot.press(*keys)
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    return run_before


class TestTablesScreen:
    def test_failing_figure_with_inspector(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        """The second finding in the document: a project with no card, in 表12."""
        app = make_app()
        keys = ("right_square_bracket", "right_square_bracket")
        assert snap_compare(app, terminal_size=SIZE, run_before=_prepare(app, *keys))

    def test_two_sided_table_as_printed(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        """预算收支总表: 收入 on the left, 支出 on the right of each line, each total once."""
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=_prepare(app, "G"))

    def test_four_sided_table_scrolled_right(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        """西安's 收支总表 at 120 columns, scrolled right: 项目 stays, the columns are counted."""
        app = make_app(XIAN)

        async def run_before(pilot: Pilot[None]) -> None:
            await loaded(pilot, app)
            app.action_goto_table(1)
            await pilot.pause()
            await _prepare(app, "G", *"llllll")(pilot)  # type: ignore[misc]

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class TestCardsScreen:
    def test_card_with_its_finding(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app()

        async def run_before(pilot: Pilot[None]) -> None:
            await _prepare(app)(pilot)  # type: ignore[misc]
            app.goto_card("人才中心大楼维修费")
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class TestTotalsScreen:
    def test_key_totals_and_charts(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=_prepare(app, "S"))


class TestFindingsScreen:
    def test_findings_in_english(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app(lang="en")
        assert snap_compare(app, terminal_size=SIZE, run_before=_prepare(app, "E"))
