"""Pilot tests of annotating from the keyboard: figures, findings, cards, tables; edit, toggle,
delete and undo, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from budget_review.model import Address
from budget_review.store import Category, NoteBook
from budget_review.tui.app import ReviewApp
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.findings_pane import FindingsTable
from budget_review.tui.widgets.notes_pane import NotesTable
from budget_review.tui.widgets.table_list import TableList
from textual.widgets import TextArea

from tests.tui.conftest import loaded

SIZE = (120, 40)


def _book(tmp_path: Path) -> NoteBook:
    return NoteBook(tmp_path / "db")


async def _write(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    area = pilot.app.screen.query_one(TextArea)
    area.insert(text)
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_annotating_a_figure(make_app: Callable[..., ReviewApp], tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.review.current is not None
        figure = next(s for s in app.review.current.stops if s.place.table == 12)
        app.review.goto(figure.place)
        await pilot.pause()
        place = app.query_one(FigureGrid).place_at_cursor()
        await pilot.press("c")
        await _write(pilot, "请补充绩效目标表")
        (note,) = _book(tmp_path).all()
        assert note.target.kind == "figure"
        assert (note.target.at.table, note.target.at.row, note.target.at.column) == (
            place.table,  # type: ignore[union-attr]
            place.row,  # type: ignore[union-attr]
            place.column,  # type: ignore[union-attr]
        )
        assert note.text == "请补充绩效目标表" and note.category == Category.PROBLEM
        assert place in app.review.noted_places()  # the grid marks it
        assert "✎1" in str(app.query_one(TableList).labels[11])


async def test_accepting_a_finding_is_one_key(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("E")
        findings = app.query_one(FindingsTable)
        await pilot.press("s")  # errors only: the card that differs from its project
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (note,) = _book(tmp_path).all()
        assert note.target.kind == "finding" and note.target.rule == "C2"
        assert note.target.finding == findings.findings[0].id
        assert note.text.startswith("绩效目标表「人才中心大楼维修费」")
        assert note.target.figures and note.target.figures[0].table == 12


async def test_annotating_a_card_and_a_table(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.goto_card("星火项目创业大赛系列活动经费")
        await pilot.pause()
        await pilot.press("c")
        await _write(pilot, "年度写错")
        app.query_one(TableList).focus()
        await pilot.press("T")
        app.query_one(TableList).focus()
        await pilot.press("c")
        await _write(pilot, "标题与目录不一致")
        kinds = sorted(
            (n.target.kind, n.target.at.card or str(n.target.at.table))
            for n in _book(tmp_path).all()
        )
        assert kinds == [("card", "星火项目创业大赛系列活动经费"), ("table", "1")]


async def test_edit_toggle_delete_and_undo(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.goto(Address(1, "收入总计", "收入/2026年"))
        await pilot.pause()
        await pilot.press("c")
        await _write(pilot, "已核对")
        await pilot.press("e")
        await _write(pilot, "，与表2一致")
        (note,) = _book(tmp_path).all()
        assert note.text == "已核对，与表2一致"
        await pilot.press("O")
        notes_table = app.query_one(NotesTable)
        assert notes_table.has_focus and len(notes_table.notes) == 1
        await pilot.press("space")
        await pilot.pause()
        assert _book(tmp_path).all()[0].status == "resolved"
        await pilot.press("d", "y")
        await pilot.pause()
        assert _book(tmp_path).all() == []
        await pilot.press("u")
        await pilot.pause()
        assert [n.text for n in _book(tmp_path).all()] == ["已核对，与表2一致"]


async def test_escape_with_text_asks_before_discarding(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("半句话")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("n")  # keep typing
        await pilot.pause()
        assert app.screen.__class__.__name__ == "NoteEditor"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert _book(tmp_path).all() == []


async def test_exporting_from_the_app(
    make_app: Callable[..., ReviewApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("c")
        await _write(pilot, "导出测试")
        await pilot.press("X")
        await app.workers.wait_for_complete()
        await pilot.pause()
        exported = list(tmp_path.glob("review-*.md"))
        assert len(exported) == 1
        assert "导出测试" in exported[0].read_text(encoding="utf-8")
        assert any(str(exported[0]) in n.message for n in app._notifications)


async def test_category_changes_without_leaving_the_text(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(
            "ctrl+t", "ctrl+t", "ctrl+t"
        )  # problem → question → suggestion → verified
        await _write(pilot, "核对无误")
        (note,) = _book(tmp_path).all()
        assert note.category == Category.VERIFIED


@pytest.mark.parametrize(
    ("command", "pattern", "expected"),
    [
        ("导出批注", "review-*.md", "# 审查意见"),
        ("检查表Markdown", "checklist-*.md", "| 表12 2026年项目支出预算表（本年预算） | 否 |"),
    ],
)
async def test_exports_from_the_palette(
    make_app: Callable[..., ReviewApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    pattern: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*command)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (written,) = tmp_path.glob(pattern)
        assert expected in written.read_text(encoding="utf-8")
        assert any(str(written) in n.message for n in app._notifications)


@pytest.mark.parametrize(
    ("lang", "query", "offered"),
    [
        (
            "zh",
            "检查表",
            ["导出公开情况检查表为 Markdown (.md)", "导出公开情况检查表为 Excel (.xlsx)"],
        ),
        (
            "en",
            "checklist",
            [
                "Export the disclosure checklist as Markdown (.md)",
                "Export the disclosure checklist as Excel (.xlsx)",
            ],
        ),
    ],
)
async def test_the_palette_offers_the_checklist_as_markdown_and_as_a_workbook(
    make_app: Callable[..., ReviewApp], lang: str, query: str, offered: list[str]
) -> None:
    from textual.command import CommandList

    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.press(*query)
        await pilot.pause(0.3)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        for wanted in offered:
            assert any(wanted in prompt for prompt in prompts), prompts


async def test_the_checklist_workbook_from_the_palette(
    make_app: Callable[..., ReviewApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        for _ in range(2):  # the second export is a new file beside the first
            await pilot.press("ctrl+p")
            await pilot.press(*"检查表Excel")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
        names = sorted(p.name for p in tmp_path.glob("checklist-*.xlsx"))
        assert names == [
            "checklist-晋城市人力资源和社会保障局-2026-2.xlsx",
            "checklist-晋城市人力资源和社会保障局-2026.xlsx",
        ]
        first = tmp_path / names[1]
        assert not list(tmp_path.glob("checklist-*.md"))
        sheet = openpyxl.load_workbook(first).active
        assert sheet is not None
        assert sheet["A1"].value == "单位名称" and sheet["B1"].value == "晋城市人力资源和社会保障局"
        assert sheet["A3"].value == "序号"
        rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
        assert any(str(r[1]).startswith("表12 ") and r[2] == "否" for r in rows)
        assert any(str(first) in n.message for n in app._notifications)
