"""Pilot tests: the app as a reviewer drives it from the keyboard."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from budget_review.model import Address, Severity
from budget_review.tui.app import ReviewApp
from budget_review.tui.widgets.cards_pane import CardView
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.findings_pane import FindingsTable
from budget_review.tui.widgets.inspector import Inspector
from budget_review.tui.widgets.pane_bar import PaneBar
from budget_review.tui.widgets.table_list import TableList
from rich.console import Console
from textual.widgets import Static

from tests.tui.conftest import loaded

SIZE = (120, 40)


def _static_text(widget: Static) -> str:
    """What a Static shows, as plain text (its content may be a rich renderable)."""
    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


async def test_opening_the_sample_shows_its_tables(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert len(app.query_one(TableList).labels) == 13
        assert "晋城市人力资源和社会保障局" in app.sub_title
        grid = app.query_one(FigureGrid)
        assert grid.table_number == 1 and grid.row_count > 30
        assert app.review.active_pane == "tables"


async def test_next_failing_figure_shows_its_finding(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.review.current is not None
        first = next(s for s in app.review.current.stops if s.place.is_figure)
        for _ in range(app.review.current.stops.index(first) + 1):
            await pilot.press("right_square_bracket")
        place = app.query_one(FigureGrid).place_at_cursor()
        assert place == first.place  # the first failing figure in the document
        assert app.review.current.worst(place) in {Severity.ERROR, Severity.WARNING}
        inspector = app.query_one(Inspector)
        assert inspector.refs  # the figures the finding involves are listed
        assert first.finding.rule in _static_text(inspector)
        await pilot.press("left_square_bracket")
        assert app.query_one(FigureGrid).place_at_cursor() != place


async def test_a_finding_jumps_to_its_figure(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("E")
        findings = app.query_one(FindingsTable)
        findings.focus()
        await pilot.press("s")  # errors only
        assert [f.severity for f in findings.findings] == [Severity.ERROR]
        await pilot.press("enter")
        await pilot.pause()
        # the error's first figure is the card; its project row is the second
        assert app.review.active_pane == "cards"
        assert "人才中心大楼维修费" in _static_text(app.query_one("#card-body", Static))


async def test_follow_goes_to_a_figure_the_finding_involves(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.goto(Address(table=2, row="20805", column="本年收入/合计"))
        await pilot.pause()
        await pilot.press("f")
        await pilot.press("j", "enter")  # the second figure of the sum: a row under 20805
        await pilot.pause()
        place = app.query_one(FigureGrid).place_at_cursor()
        assert place is not None and place.table == 2 and place.row != "20805"


async def test_opening_a_card(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.goto_card("人才中心大楼维修费")
        await pilot.pause()
        body = _static_text(app.query_one("#card-body", Static))
        assert "275,000" in body and "C2" in body
        assert app.query_one(CardView).display


async def test_search_and_next_match(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash")
        await pilot.press(*"遗属补助")
        await pilot.press("enter")
        await pilot.pause()
        first = app.query_one(FigureGrid).place_at_cursor()
        assert first is not None and "遗属补助" in (first.row or "")
        await pilot.press("n")
        second = app.query_one(FigureGrid).place_at_cursor()
        assert second is not None and second != first and "遗属补助" in (second.row or "")


async def test_a_pane_built_later_has_its_keys_in_the_interface_language(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("O")  # the notes pane, built now
        descriptions = {b.binding.id: b.binding.description for b in app.active_bindings.values()}
        assert descriptions["notes.delete"] == "删除"
        await pilot.press("L")
        descriptions = {b.binding.id: b.binding.description for b in app.active_bindings.values()}
        assert descriptions["notes.delete"] == "Delete"


async def test_switching_language(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        bar = app.query_one(PaneBar)
        assert "表格 T" in str(bar.render())
        await pilot.press("L")
        assert app.lang == "en"
        assert "Tables T" in str(bar.render()) and "表格" not in str(bar.render())
        descriptions = {b.binding.id: b.binding.description for b in app.active_bindings.values()}
        assert descriptions["app.help"] == "Help"


async def test_command_palette_goes_to_a_table(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*"表6")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.review.current_table == 6
        assert app.query_one(FigureGrid).table_number == 6


async def test_number_keys_and_help_and_quit(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("4")
        assert app.review.current_table == 4
        await pilot.press("question_mark")
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("q")
        assert app.screen.__class__.__name__ != "HelpScreen"
        await pilot.press("q")
    assert app.return_code == 0


async def test_user_remaps_load_from_the_config_folder(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "keys.toml").write_text(
        '[keys]\n"app.next_failing" = "x"\n', encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("x")
        assert app.review.current is not None and app.review.stop_position == 0
        assert app.review.current_table == app.review.current.stops[0].place.table


async def test_a_bad_file_is_reported_and_the_app_stays(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    from tests.conftest import JINCHENG_TXT

    app = make_app(bad, JINCHENG_TXT, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        messages = [n.message for n in app._notifications]
        assert any("broken.pdf" in m and "corrupt" in m for m in messages)


async def test_when_no_file_can_be_opened_the_app_exits_2(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    app = make_app(bad, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 2
    assert app.failures and "broken.pdf" in app.failures[0] and "corrupt" in app.failures[0]
