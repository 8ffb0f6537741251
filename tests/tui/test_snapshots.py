"""SVG snapshots of the main screens at 120×40 on the bundled sample.

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

from budget_review.tui.app import ReviewApp
from textual.pilot import Pilot

from tests.tui.conftest import loaded

SIZE = (120, 40)


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
        app = make_app()
        assert snap_compare(
            app, terminal_size=SIZE, run_before=_prepare(app, "right_square_bracket")
        )


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
