"""Moving through a review from the keyboard: every finding by `]`, the jump list, panes
by tab, vim keys in every list, help in the interface's language."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from budget_review.model import Address
from budget_review.store import NoteBook
from budget_review.tui.app import ReviewApp
from budget_review.tui.screens.follow import FollowScreen
from budget_review.tui.screens.help import HelpScreen
from budget_review.tui.screens.note_editor import NoteEditor
from budget_review.tui.widgets.cards_pane import CardList
from budget_review.tui.widgets.documents_pane import DocumentsTable
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.footer import ReviewFooter
from budget_review.tui.widgets.table_list import TableList, fold
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.widgets import Static

from tests.conftest import JINCHENG_TXT
from tests.tui.conftest import loaded

SIZE = (120, 40)
SYNTHETIC = Path(__file__).parents[1] / "data" / "synthetic-unit-final-accounts.txt"


def _messages(app: ReviewApp) -> list[str]:
    return [n.message for n in app._notifications]


def _pane(app: ReviewApp) -> str:
    return str(app.review.active_pane)


async def test_next_finding_reaches_every_kind_and_says_where_it_wraps(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.review.current is not None
        stops = app.review.current.stops
        kinds = {stop.place.kind for stop in stops}
        # the sample fails on figures, on cards and on a table as a whole
        assert {"figure", "card", "table"} <= kinds
        seen = []
        for number in range(1, len(stops) + 1):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(app.review.stop_position)
            assert f"问题 {number} / {len(stops)}" in _messages(app)[-1]
            stop = stops[number - 1]
            if stop.place.kind == "table":
                assert _pane(app) == "tables" and app.review.current_table == stop.place.table
            elif stop.place.kind == "card":
                assert _pane(app) == "cards"
        assert seen == list(range(len(stops)))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "回到第一个" in _messages(app)[-1] and app.review.stop_position == 0
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "回到最后一个" in _messages(app)[-1]
        assert app.review.stop_position == len(stops) - 1


async def test_stops_are_in_document_order(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.review.current is not None
        orders = [stop.order[:3] for stop in app.review.current.stops]
        assert orders == sorted(orders)


async def test_ctrl_o_goes_back_and_forward_through_jumps(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        start = app.query_one(FigureGrid).place_at_cursor()
        await pilot.press("3")
        await pilot.pause()
        assert app.review.current_table == 3
        app.review.goto_card("人才中心大楼维修费")
        await pilot.pause()
        assert _pane(app) == "cards"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert _pane(app) == "tables" and app.review.current_table == 3
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.query_one(FigureGrid).place_at_cursor() == start
        await pilot.press("alt+i")
        await pilot.pause()
        assert app.review.current_table == 3
        await pilot.press("alt+i")
        await pilot.pause()
        assert _pane(app) == "cards"


async def test_tab_switches_panes_and_keys_follow(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("tab")
        await pilot.pause()
        assert _pane(app) == "cards"
        cards = app.query_one(CardList)
        await pilot.press("j")
        before = cards.highlighted
        await pilot.press("j")
        await pilot.pause()
        assert before is not None and cards.highlighted == before + 1  # no digit needed
        await pilot.press("shift+tab", "shift+tab")
        await pilot.pause()
        assert _pane(app) == "documents"


async def test_j_and_k_move_in_the_documents_list(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app(JINCHENG_TXT, SYNTHETIC)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        for _ in range(100):
            if len(app.review.documents) == 2:
                break
            await pilot.pause(0.05)
        await pilot.press("D")
        await pilot.pause()
        table = app.query_one(DocumentsTable)
        assert table.has_focus and table.row_count == 2
        await pilot.press("j")
        assert table.cursor_row == 1
        await pilot.press("k")
        assert table.cursor_row == 0


async def test_a_digit_in_the_follow_list_goes_to_that_figure(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.goto(Address(table=2, row="20805", column="本年收入/合计"))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen)
        wanted = app.screen.places[1][1]
        await pilot.press("2")
        await pilot.pause()
        assert not isinstance(app.screen, FollowScreen)
        assert app.query_one(FigureGrid).place_at_cursor() == wanted


async def test_a_accepts_the_finding_on_a_failing_figure(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.review.current is not None
        stop = next(s for s in app.review.current.stops if s.place.is_figure)
        app.review.goto(stop.place)
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (note,) = NoteBook(tmp_path / "db").all()
        assert note.target.kind == "finding" and note.target.rule == stop.finding.rule


def _help_text(app: ReviewApp) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    for static in app.screen.query(Static):
        console.print(static.content)
    return console.export_text()


async def test_help_speaks_the_interface_language(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=(160, 80)) as pilot:
        await loaded(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = _help_text(app)
        assert "下一个问题" in shown and "关闭对话框，否则退出" in shown
        for english in ("Left", "Close a dialog", "right_square_bracket", "Next failing"):
            assert english not in shown
        await pilot.press("q")
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        shown = _help_text(app)
        assert "Close a dialog, else quit" in shown and "下移" not in shown


async def test_every_bad_file_is_named_and_the_good_one_opens(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(b"%PDF-1.7\n1 0 obj <<")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    app = make_app(truncated, JINCHENG_TXT, empty, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.review.documents) == 1
        assert len(app.failures) == 2
        assert "truncated.pdf" in app.failures[0] and "empty.txt" in app.failures[1]


async def test_the_palette_and_footer_speak_chinese(make_app: Callable[..., ReviewApp]) -> None:
    from textual.command import CommandList

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        shown = app.screen.query_one(ReviewFooter).render().plain
        assert "命令" in shown and "palette" not in shown
        await pilot.press("ctrl+p")
        for _ in range(40):
            await pilot.pause(0.05)
            options = app.screen.query(CommandList)
            if options and options.first().option_count:
                break
        listed = app.screen.query_one(CommandList)
        prompts = " ".join(
            str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)
        )
        assert "配色主题" in prompts and "截图" in prompts
        for english in ("Theme", "Keys", "Screenshot", "Maximize", "Quit"):
            assert english not in prompts


async def test_a_note_on_a_name_is_a_note_on_its_row(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        grid = app.query_one(FigureGrid)
        grid.focus()
        grid.move_cursor(row=3, column=0)  # the name of a row (表1 prints no codes)
        await pilot.pause()
        assert grid.place_at_cursor() is None
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await _type(pilot, "这一行的名称与表2不同")
        (note,) = NoteBook(tmp_path / "db").all()
        assert note.target.at.table == 1 and note.target.at.row and note.target.at.column is None


async def test_t_again_goes_to_the_list_of_tables_where_c_notes_a_table(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("T")
        assert app.query_one(TableList).has_focus
        await pilot.press("c")
        await _type(pilot, "表名与目录不一致")
        (note,) = NoteBook(tmp_path / "db").all()
        assert note.target.kind == "table"
        await pilot.press("T")
        assert app.query_one(FigureGrid).has_focus


async def test_a_file_that_could_not_be_opened_stays_listed(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    app = make_app(JINCHENG_TXT, broken)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        table = app.query_one(DocumentsTable)
        cells = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert any("broken.pdf" in cell for cell in cells)


async def _type(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import TextArea

    await pilot.pause()
    pilot.app.screen.query_one(TextArea).insert(typed)
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_click_on_a_footer_key_presses_it(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        footer = app.screen.query_one(ReviewFooter)
        footer.render()
        start = next(s for s, _, item in footer.spans if item.display == "?")
        await pilot.click(ReviewFooter, offset=(start, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_footer_keeps_the_palette_key_whole_when_narrow(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=(60, 24)) as pilot:
        await loaded(pilot, app)
        line = app.screen.query_one(ReviewFooter).render().plain
        assert line.rstrip().endswith("^p Palette")
        # the keys that do not fit are cut with "…", never clipped without a sign
        assert "…" in line and cell_len(line) <= 60


async def test_the_list_of_tables_moves_by_keys_and_clicks_and_keeps_the_cursor_in_sight(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 16)) as pilot:
        await loaded(pilot, app)
        await pilot.press("T")
        listed = app.query_one(TableList)
        assert listed.has_focus and app.review.current_table == 1
        await pilot.press("j", "j")
        await pilot.pause()
        assert app.review.current_table == 3
        await pilot.press("G")
        await pilot.pause()
        # the last table is the document's last, and scrolled into the short list's sight
        assert app.review.current_table == 13
        assert listed.scroll_offset.y > 0
        shown = [listed.render_line(y).text for y in range(listed.scrollable_content_region.height)]
        assert any(line.startswith("表13") for line in shown)
        await pilot.press("g")
        await pilot.pause()
        assert app.review.current_table == 1 and listed.scroll_offset.y == 0
        # a title wrapped over two lines: a click on its second line opens that table
        line = next(
            y
            for y in range(listed.scrollable_content_region.height)
            if listed.render_line(y).text.startswith("表5")
        )
        await pilot.click(TableList, offset=(3, 1 + line + 1))  # below the border, one line down
        await pilot.pause()
        assert app.review.current_table == 5


def test_a_long_title_fills_its_numbers_line_and_breaks_between_characters() -> None:
    label = Text()
    label.append("表5 ", style="bold")
    label.append("一般公共预算支出预算表（不含上年结转）")
    label.append(" ✗12", style="red")
    assert [line.plain for line in fold(label, 32)] == [
        "表5 一般公共预算支出预算表（不含",
        "上年结转） ✗12",
    ]
    # a bracket stays with the words it encloses, at either end of a line
    assert [line.plain for line in fold(label, 28)] == [
        "表5 一般公共预算支出预算表",
        "（不含上年结转） ✗12",
    ]
    assert [line.plain for line in fold(label, 40)] == [
        "表5 一般公共预算支出预算表（不含上年结",
        "转） ✗12",
    ]
    # a marker is never split, and a word wider than the list is folded, not cut
    narrow = [line.plain for line in fold(Text("表10 abcdefghijklmnopqrstuvwxyz ✗1"), 12)]
    assert all(cell_len(line) <= 12 for line in narrow)
    assert "".join(narrow) == "表10 abcdefghijklmnopqrstuvwxyz ✗1"
    assert narrow[-1].endswith("✗1")
