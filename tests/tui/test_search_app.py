"""Issue 15, item 12: `,` on PDFs, `/` from the cursor, across units and through the text,
and a text dump whose cells are split by spaces."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from budget_review.model import Address, Unit
from budget_review.parsers import parse_file
from budget_review.tui.app import ReviewApp
from budget_review.tui.search import amount_query, same_amount, search
from budget_review.tui.widgets.cards_pane import CardList
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.narrative_pane import ParagraphList
from textual.coordinate import Coordinate
from textual.pilot import Pilot

from tests.conftest import JINCHENG_PDF, JINCHENG_TXT, SHANGHAI_BUDGET
from tests.tui.conftest import loaded

SIZE = (120, 40)


def _messages(app: ReviewApp) -> list[str]:
    return [n.message for n in app._notifications]


def _pane(app: ReviewApp) -> str:
    return str(app.review.active_pane)


def _value_at(app: ReviewApp, place: Address | None) -> Decimal | None:
    assert app.review.current is not None and place is not None
    table = app.review.current.table(place.table)
    assert table is not None
    row = next(r for r in table.rows if r.key == place.row)
    return row.figures[place.column or ""].value


async def _search(pilot: Pilot[None], query: str) -> None:
    await pilot.press("slash")
    await pilot.press(*query)
    await pilot.press("enter")
    await pilot.pause()


# ------------------------------------------------------------------ `,` on PDFs


@pytest.mark.parametrize("path", [SHANGHAI_BUDGET, JINCHENG_PDF], ids=["shanghai", "jincheng"])
async def test_separators_toggle_changes_the_figures_of_a_pdf(
    make_app: Callable[..., ReviewApp], path: Path
) -> None:
    """Shanghai prints "371,514,655.00", the bundled PDF "31217.80": the grid shows each as
    printed, and `,` shows it the other way (without, or with, separators), then back."""
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        grid = app.query_one(FigureGrid)
        assert app.separators is None
        big = next(
            (r, c)
            for r, places in enumerate(grid._places)
            for c, place in enumerate(places)
            if place is not None and (_value_at(app, place) or 0) >= 1000
        )
        value = _value_at(app, grid._places[big[0]][big[1]])
        assert value is not None
        printed_as = grid.get_cell_at(Coordinate(*big)).plain
        await pilot.press("comma")
        await pilot.pause()
        shown = grid.get_cell_at(Coordinate(*big)).plain
        assert ("," in shown) != ("," in printed_as)
        assert f"{value:,f}" in shown or f"{value:f}" in shown
        await pilot.press("comma")
        await pilot.pause()
        assert grid.get_cell_at(Coordinate(*big)).plain == printed_as


# ------------------------------------------------------------------ `/` from the cursor


async def test_search_starts_after_the_cursor_and_says_where_it_wraps(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app(JINCHENG_TXT)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.action_goto_table(5)
        await pilot.pause()
        await _search(pilot, "就业补助")
        assert app.review.current is not None
        tables = [m.place.table for m in app.review.matches if m.place.table is not None]
        assert tables[0] == 2  # matches in 表2 and 表3 come before the cursor
        place = app.query_one(FigureGrid).place_at_cursor()
        assert place is not None and place.table == 5
        first = app.review.match_index
        assert app.review.matches[first].place.table == 5 and first > 0
        total = len(app.review.matches)
        assert f"第 {first + 1} / {total} 个匹配" in _messages(app)[-1]
        assert "表5" in _messages(app)[-1]
        for step in range(total - first - 1):
            await pilot.press("n")
            await pilot.pause()
            assert f"第 {first + step + 2} / {total} 个匹配" in _messages(app)[-1]
        await pilot.press("n")  # past the last: back to the first, with a word
        await pilot.pause()
        assert app.review.match_index == 0
        assert "已到最后一个匹配" in _messages(app)[-1] and f"第 1 / {total}" in _messages(app)[-1]
        await pilot.press("N")
        await pilot.pause()
        assert app.review.match_index == total - 1 and "已到第一个匹配" in _messages(app)[-1]


async def test_search_from_a_name_cell_starts_at_its_row(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app(JINCHENG_TXT)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.action_goto_table(3)
        await pilot.pause()
        grid = app.query_one(FigureGrid)
        grid.move_cursor(row=grid.row_count - 1, column=1)  # a name: no figure under it
        await pilot.pause()
        await _search(pilot, "就业补助")
        # past the last row of 表3: the next match is in a later table
        place = grid.place_at_cursor()
        assert place is not None and place.table is not None and place.table > 3


# ------------------------------------------------------------------ amounts across units


async def test_an_amount_in_yuan_finds_the_figure_of_a_table_in_wan_yuan(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app(JINCHENG_TXT)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await _search(pilot, "297,488,500元")  # 表1 prints 29748.85 in 万元
        place = app.query_one(FigureGrid).place_at_cursor()
        assert app.review.current is not None and place is not None
        assert app.review.current.table(place.table).unit == Unit.WAN_YUAN  # type: ignore[union-attr]
        assert _value_at(app, place) == Decimal("29748.85")
        await _search(pilot, "183.9万元")  # a card's funds, in 元: 1839000
        kinds = [m.kind for m in app.review.matches]
        assert "card" in kinds and "table" in kinds  # 183.90 in the 万元 tables too
        for _ in range(len(kinds)):
            if _pane(app) == "cards":
                break
            await pilot.press("n")
            await pilot.pause()
        card = app.review.current.document.cards[app.query_one(CardList).highlighted or 0]
        assert _pane(app) == "cards" and card.annual_funding.total == Decimal("1839000")


def test_the_rule_for_amounts_and_units() -> None:
    yuan, wan = Unit.YUAN, Unit.WAN_YUAN
    query = amount_query
    assert same_amount(query("37万元"), Decimal("370000.00"), yuan)  # type: ignore[arg-type]
    assert same_amount(query("37万元"), Decimal("37.00"), wan)  # type: ignore[arg-type]
    assert same_amount(query("370,000元"), Decimal("37.00"), wan)  # type: ignore[arg-type]
    assert same_amount(query("370,000"), Decimal("370000.00"), yuan)  # type: ignore[arg-type]
    assert same_amount(query("370000"), Decimal("370000"), wan)  # type: ignore[arg-type]
    # without a unit a number is compared as printed, never converted
    assert not same_amount(query("370,000"), Decimal("37.00"), wan)  # type: ignore[arg-type]
    # between units the finer is rounded to what the coarser prints (to 0.01 at least)
    assert same_amount(query("37151.47万元"), Decimal("371514655.00"), yuan)  # type: ignore[arg-type]
    assert same_amount(query("371514655元"), Decimal("37151.47"), wan)  # type: ignore[arg-type]
    assert not same_amount(query("37万元"), Decimal("374999"), yuan)  # type: ignore[arg-type]
    assert not same_amount(query("37万元"), Decimal("370000"), wan)  # type: ignore[arg-type]
    assert query("就业") is None and query("37万元元") is None


def test_an_amount_in_wan_yuan_finds_a_figure_of_a_table_in_yuan() -> None:
    doc = parse_file(SHANGHAI_BUDGET, jobs=1)
    table = doc.tables[0]
    assert table.unit == Unit.YUAN
    figure = next(f for r in table.rows for f in r.figures.values() if f.value)
    assert figure.value is not None
    in_wan = (figure.value / 10_000).quantize(Decimal("0.01"))
    found = search(doc, f"{in_wan}万元")
    assert any(m.place.table == table.number and m.text == figure.raw for m in found)
    # without its unit it is another number: found as printed (the narrative's 万元), not
    # in the 元 tables
    assert all(m.place.table is None for m in search(doc, f"{in_wan}"))


# ------------------------------------------------------------------ the text


async def test_search_finds_the_narrative_and_goes_to_its_paragraph(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app(JINCHENG_TXT)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await _search(pilot, "机构设置情况")  # a heading, found with its first paragraph
        assert _pane(app) == "narrative"
        assert app.review.current is not None
        sections = app.review.current.document.sections
        section = next(s for s in sections if "机构设置情况" in s.heading)
        row = app.review.paragraphs[app.query_one(ParagraphList).highlighted or 0]
        assert row.key == section.paragraph_key(0)
        assert "说明" in _messages(app)[-1] and "1 / 1" in _messages(app)[-1]
        await _search(pilot, "孵化基地")  # printed only in a project card
        assert _pane(app) == "cards"
        card = app.review.current.document.cards[app.query_one(CardList).highlighted or 0]
        assert card.name == "创业就业专项"
        assert "创业就业专项" in _messages(app)[-1]


async def test_an_amount_in_the_narrative_is_found_in_another_unit(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app(JINCHENG_TXT)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.action_goto_table(13)
        await pilot.pause()
        await _search(pilot, "312178000元")  # the narrative says 31217.80万元
        assert _pane(app) == "narrative"
        assert app.review.current is not None
        text = app.review.paragraphs[app.review.current_paragraph].text
        assert "31217.80万元" in text.replace(" ", "").replace(",", "")


# ------------------------------------------------------------------ cells split by spaces


async def test_a_dump_split_by_spaces_says_which_tables_were_not_read(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    spaced = tmp_path / "spaced.txt"
    spaced.write_text(JINCHENG_TXT.read_text(encoding="utf-8").replace("\t", "    "))
    app = make_app(spaced)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        warning = next(m for m in _messages(app) if "不是制表符" in m)
        assert "spaced.txt" in warning and "2026年预算收支总表" in warning
