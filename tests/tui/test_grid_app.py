"""The table grid as a reviewer reads it (issue 15, items 1, 2, 5 and 8): no figure cut,
the code and name kept in sight, the culprit marked apart, two-sided tables as printed,
and marks that stay legible without colour."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from budget_review.model import Address
from budget_review.parsers import parse_file
from budget_review.tui.app import ReviewApp
from budget_review.tui.widgets.figure_grid import FigureGrid, GridStatus
from rich.cells import cell_len
from rich.color import Color as RichColor
from textual.color import Color
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.strip import Strip

from tests.conftest import JINCHENG_TXT
from tests.mutations import bump
from tests.tui.conftest import loaded

XIAN = JINCHENG_TXT.parent / "national" / "xian-city-petition-2026-dept-budget.pdf"
NARROW = (80, 30)
SIZE = (120, 40)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _lines(grid: FigureGrid) -> list[tuple[int | None, str]]:
    """The grid as drawn: (row index or None for a header line, text) for each line."""
    lines = []
    for y in range(grid.scrollable_content_region.height):
        strip = grid.render_line(y)
        body = y - grid.header_height
        row = body + int(grid.scroll_y) if body >= 0 else None
        lines.append((row, strip.text[: grid.scrollable_content_region.width]))
    return lines


def _status(app: ReviewApp) -> str:
    return str(app.query_one(GridStatus).render())


async def _show(pilot: Pilot[None], app: ReviewApp, number: int) -> FigureGrid:
    await loaded(pilot, app)
    app.review.show_table(number)
    await pilot.pause()
    await pilot.pause()
    return app.query_one(FigureGrid)


def _printed(app: ReviewApp, grid: FigureGrid, row: int) -> set[str]:
    """What a grid row may show as numbers: its codes and its figures, whole."""
    assert app.review.current is not None and grid.layout_ is not None
    shown = set()
    for line_row in grid.layout_.lines[row].rows.values():
        shown.add(line_row.code or "")
        shown.update(f.raw for f in line_row.figures.values())
    return shown


# ------------------------------------------------------------------ 1: nothing cut


async def test_at_80_columns_no_figure_is_cut_and_hidden_columns_are_counted(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        grid = await _show(pilot, app, 2)  # 预算收入总表: nine columns, far wider than 46 cells
        drawn = [(row, line) for row, line in _lines(grid) if row is not None]
        assert drawn
        for row, line in drawn:
            if row >= grid.row_count:
                continue
            for token in NUMBER.findall(line):
                assert token in _printed(app, grid, row), (token, line)
        hidden_left, _, _, hidden_right, _ = grid.columns_in_sight()
        assert hidden_left == 0 and hidden_right > 0
        assert f"右侧还有{hidden_right}列" in _status(app)


async def test_the_last_column_in_full_with_its_code_and_name_after_scrolling_right(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        grid = await _show(pilot, app, 2)
        last = len(grid.columns) - 1
        for _ in range(last):
            await pilot.press("l")
        await pilot.pause()
        assert grid.cursor_coordinate.column == last
        table = app.review.current.table(2) if app.review.current else None
        assert table is not None and grid.layout_ is not None
        column = grid.layout_.columns[last].column
        assert column is not None
        widest = max(
            (r for r in table.rows if column in r.figures),
            key=lambda r: cell_len(r.figures[column].raw),
        )
        index = grid.layout_.lines.index(
            next(line for line in grid.layout_.lines if widest in line.rows.values())
        )
        grid.move_cursor(row=index, column=last)
        await pilot.pause()
        line = next(text for row, text in _lines(grid) if row == index)
        assert widest.figures[column].raw in line
        assert (widest.code or "") in line and widest.name[:4] in line  # frozen 编码 and 名称
        hidden_left, _, _, hidden_right, _ = grid.columns_in_sight()
        assert hidden_left > 0 and hidden_right == 0
        assert f"左侧还有{hidden_left}列" in _status(app)


# ------------------------------------------------------------------ 2: the culprit apart


@pytest.fixture
def misprinted(tmp_path: Path) -> tuple[Path, str]:
    """The sample with one 项's 合计 in the 支出汇总表 misprinted by 7: it fails its row,
    its 款 and its agreement with the 收入总表."""
    document = parse_file(JINCHENG_TXT)
    table = document.table_by_role("budget_expense")
    assert table is not None
    row = next(r for r in table.rows if r.code and len(r.code) == 7 and r.value(table.columns[2]))
    figure = row.figures[table.columns[2]]
    assert figure.where.line is not None and figure.value is not None
    lines = JINCHENG_TXT.read_text(encoding="utf-8").split("\n")
    index = figure.where.line - 1
    lines[index] = lines[index].replace(figure.raw, bump(figure.raw, figure.value, 7), 1)
    path = tmp_path / "misprinted.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, row.key


def _cell(grid: FigureGrid, place: Address) -> str:
    assert grid.move_to(place)
    return str(grid.get_cell_at(grid.cursor_coordinate))


async def test_the_culprit_is_marked_apart_from_figures_merely_involved(
    make_app: Callable[..., ReviewApp], misprinted: tuple[Path, str]
) -> None:
    path, key = misprinted
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        grid = await _show(pilot, app, 3)
        culprit = Address(3, key, "2026年预算数/合计")
        involved = [
            Address(3, key[:5], "2026年预算数/合计"),
            Address(3, key, "2026年预算数/项目支出"),
        ]
        mark = grid.get_cell_at
        assert grid.move_to(culprit)
        culprit_cell = mark(grid.cursor_coordinate)
        assert "✗" in culprit_cell.plain and "reverse" in str(culprit_cell.style)
        for place in involved:
            assert grid.move_to(place)
            cell = mark(grid.cursor_coordinate)
            assert "✗" not in cell.plain and "○" in cell.plain, place
            assert cell.style != culprit_cell.style
        # in the other table the figure is only involved: no ✗ there at all
        grid = await _show(pilot, app, 2)
        assert grid.move_to(Address(2, key, "本年收入/合计"))
        assert "○" in mark(grid.cursor_coordinate).plain
        assert all("✗" not in str(grid.get_cell_at(Coordinate(r, c))) for r, c in _all(grid))
        assert "✗ 可能出错" in _status(app) and "○ 涉及未通过的合计" in _status(app)
        await pilot.press("L")
        await pilot.pause()
        assert "✗ likely wrong" in _status(app) and "○ in a failing sum" in _status(app)


def _all(grid: FigureGrid) -> list[tuple[int, int]]:
    return [(r, c) for r in range(grid.row_count) for c in range(len(grid.columns))]


# ------------------------------------------------------------------ 5: two sides, as printed


async def test_a_two_sided_table_shows_its_sides_side_by_side(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        grid = await _show(pilot, app, 1)  # 预算收支总表: 收入 on the left, 支出 on the right
        names = [
            [str(grid.get_cell_at(Coordinate(r, c))) for c in range(len(grid.columns))]
            for r in range(grid.row_count)
        ]
        total = [r for r, cells in enumerate(names) if "收入总计" in cells]
        assert len(total) == 1 and "支出总计" in names[total[0]]  # one line, as printed
        assert sum("支出总计" in cells for cells in names) == 1
        first = names[0]
        assert "一、一般公共预算" in first
        assert any(c.startswith("一、一般公共服务支") for c in first)  # a long name is cut "…"
        table = app.review.current.table(1) if app.review.current else None
        assert table is not None and len(table.rows) == 41
        expense = sum(1 for r in table.rows if r.side == "expense")
        assert grid.row_count == expense == 33  # the printed lines: as many as the longer side
        labels = [str(column.label) for column in grid.columns.values()]
        assert labels[:2] == ["收入\n项目", "收入\n2026年"] and labels[2] == "支出\n项目"
        assert not any("#" in label for label in labels)
        # a figure of each side is reached where it is printed
        assert grid.move_to(Address(1, "收入总计", "收入/2026年"))
        left = grid.cursor_coordinate
        assert grid.move_to(Address(1, "支出总计", "支出/2026年合计"))
        assert grid.cursor_coordinate.row == left.row
        assert grid.place_at_cursor() == Address(1, "支出总计", "支出/2026年合计")


async def test_four_sides_each_with_its_total_once_and_headers_as_printed(
    make_app: Callable[..., ReviewApp],
) -> None:
    """西安's 收支总表 prints 收入 and three views of 支出 side by side; the reader tells
    the three 预算数 apart as 预算数, 预算数#2, 预算数#3."""
    app = make_app(XIAN)
    async with app.run_test(size=(200, 40)) as pilot:
        grid = await _show(pilot, app, 1)
        cells = [
            [str(grid.get_cell_at(Coordinate(r, c))) for c in range(len(grid.columns))]
            for r in range(grid.row_count)
        ]
        total = [r for r, line in enumerate(cells) if "收入总计" in line]
        assert len(total) == 1
        assert cells[total[0]].count("支出总计") == 3  # each expense side's, on the same line
        assert sum(line.count("支出总计") for line in cells) == 3
        labels = [str(column.label) for column in grid.columns.values()]
        assert labels.count("支出\n预算数") == 3 and not any("#" in label for label in labels)
        assert grid.move_to(Address(1, "支出总计", "支出/预算数#3"))
        assert grid.cursor_coordinate == Coordinate(total[0], len(grid.columns) - 1)


# ------------------------------------------------------------------ 8: NO_COLOR


def _luminance(color: RichColor | None, default: Color) -> float:
    if color is None or color.is_default:
        return default.brightness
    triplet = color.get_truecolor()
    return Color(triplet.red, triplet.green, triplet.blue).brightness


async def test_under_no_color_a_failing_cell_stays_legible(
    make_app: Callable[..., ReviewApp],
    misprinted: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    path, key = misprinted
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        grid = await _show(pilot, app, 3)
        assert grid.move_to(Address(3, key, "2026年预算数/合计"))
        failing = grid.cursor_coordinate
        grid.move_cursor(row=0, column=0)  # the cursor elsewhere: the cell as it is marked
        await pilot.pause()
        y = grid.header_height + failing.row - int(grid.scroll_y)
        strip = grid.render_line(y)
        for line_filter in app._filters:
            strip = strip.apply_filter(line_filter, Color(0, 0, 0))
        marked = [s for s in strip if "✗" in s.text]
        assert marked, Strip(strip).text
        style = marked[0].style
        assert style is not None
        assert style.bold and not style.reverse  # bold (and underline), never grey on grey
        ink = _luminance(style.color, Color.parse("white"))
        paper = _luminance(style.bgcolor, Color.parse("black"))
        assert abs(ink - paper) > 0.5
        cell = grid.get_cell_at(failing)
        assert "✗" in cell.plain and "underline" in str(cell.style)
