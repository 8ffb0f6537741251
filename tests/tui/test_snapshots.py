"""SVG snapshots of the main screens at 120×40 on the bundled sample.

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from budget_review.tui.app import ReviewApp
from budget_review.tui.widgets.narrative_pane import ParagraphList
from textual.pilot import Pilot

from tests.conftest import JINCHENG_TXT
from tests.tui.conftest import loaded

SIZE = (120, 40)
XIAN = JINCHENG_TXT.parent / "national" / "xian-city-petition-2026-dept-budget.pdf"
SYNTHETIC = Path(__file__).parents[1] / "data" / "synthetic-unit-final-accounts.txt"


def _prepare(app: ReviewApp, *keys: str) -> Callable[[Pilot[None]], object]:
    async def run_before(pilot: Pilot[None]) -> None:
        await loaded(pilot, app)
        app.clear_notifications()
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
            app.review.action_goto_table(1)
            await pilot.pause()
            await _prepare(app, "G", *"llllll")(pilot)  # type: ignore[misc]

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class TestCardsScreen:
    def test_card_with_its_finding(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app()

        async def run_before(pilot: Pilot[None]) -> None:
            await _prepare(app)(pilot)  # type: ignore[misc]
            app.review.goto_card("人才中心大楼维修费")
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


class TestNotesScreen:
    def test_notes_of_the_document(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        from budget_review.model import Address
        from budget_review.store import Category, Target, new_note

        app = make_app()

        async def run_before(pilot: Pilot[None]) -> None:
            await loaded(pilot, app)
            assert app.review.current is not None
            for number, words in ((1, "收入总计与表2一致"), (12, "项目缺绩效目标表")):
                note = new_note(
                    app.review.current.document,
                    Target.of(Address(table=number)),
                    words,
                    Category.PROBLEM,
                    None,
                )
                app.notebook.save(replace(note, author="reviewer", created="2026-12-01T09:00"))
            app.review.refresh_notes()
            await _prepare(app, "O")(pilot)  # type: ignore[misc]

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class TestDocumentsScreen:
    def test_documents_open_and_stored(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app(JINCHENG_TXT, SYNTHETIC)

        async def run_before(pilot: Pilot[None]) -> None:
            await loaded(pilot, app)
            for _ in range(100):
                if len(app.review.documents) == 2:
                    break
                await pilot.pause(0.05)
            await _prepare(app, "D")(pilot)  # type: ignore[misc]

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class TestHelpScreen:
    def test_help_in_chinese(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app()
        assert snap_compare(app, terminal_size=SIZE, run_before=_prepare(app, "question_mark"))

    def test_help_in_english(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app(lang="en")
        assert snap_compare(app, terminal_size=SIZE, run_before=_prepare(app, "question_mark"))


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

        async def run_before(pilot: Pilot[None]) -> None:
            await loaded(pilot, app)
            assert app.review.current is not None
            stop = next(s for s in app.review.current.stops if s.finding.rule == "N1")
            app.review.goto(stop.place)
            await _prepare(app)(pilot)  # type: ignore[misc]

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

    def test_headings_and_numbers_in_english(self, snap_compare, make_app) -> None:  # type: ignore[no-untyped-def]
        app = make_app(lang="en")

        async def run_before(pilot: Pilot[None]) -> None:
            await _prepare(app, "W")(pilot)  # type: ignore[misc]
            rows = app.query_one(ParagraphList)
            index = next(
                i for i, r in enumerate(app.review.paragraphs) if r.text == "二、收入预算情况说明"
            )
            rows.go(index + 1, 2)
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
