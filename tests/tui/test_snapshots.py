"""SVG snapshots of the main screens at 120×40 on the bundled sample.

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

from budget_review.tui.app import ReviewApp
from budget_review.tui.widgets.narrative_pane import ParagraphList
from textual.pilot import Pilot

from tests.conftest import JINCHENG_TXT
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


class TestNarrativeScreen:
    def test_failing_number_with_what_it_was_compared_with(  # type: ignore[no-untyped-def]
        self, snap_compare, make_app, tmp_path
    ) -> None:
        text = JINCHENG_TXT.read_text(encoding="utf-8")
        edited = tmp_path / "edited.txt"
        edited.write_text(
            text.replace("预算收入总计31,217.80万元", "预算收入总计31,317.80万元", 1),
            encoding="utf-8",
        )
        app = make_app(edited)
        assert snap_compare(
            app, terminal_size=SIZE, run_before=_prepare(app, "W", "right_square_bracket")
        )

    def test_headings_and_numbers_in_english(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app(lang="en")

        async def run_before(pilot: Pilot[None]) -> None:
            await _prepare(app, "W")(pilot)  # type: ignore[misc]
            rows = app.query_one(ParagraphList)
            index = next(
                i for i, r in enumerate(app.paragraphs) if r.text == "二、收入预算情况说明"
            )
            rows.go(index + 1, 2)
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
