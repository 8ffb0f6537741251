"""A note is never lost in the app: a failed save keeps the editor and the text, retries
and offers a file; two app instances on one store never undo each other's edits; text
from the document or a damaged store never crashes the app."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from budget_review.model import Address, words
from budget_review.store import NoteBook, StoreBusy
from budget_review.tui.app import ReviewApp
from budget_review.tui.screens.note_editor import NoteEditor
from budget_review.tui.widgets.figure_grid import FigureGrid
from textual.widgets import Static, TextArea

from tests.conftest import JINCHENG_TXT
from tests.tui.conftest import loaded

SIZE = (120, 40)
FIGURE = Address(1, "收入总计", "收入/2026年")


async def _type_and_save(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    pilot.app.screen.query_one(TextArea).insert(typed)
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _problem(app: ReviewApp) -> str:
    return str(app.screen.query_one("#note-problem", Static).render())


async def test_a_failed_save_keeps_the_editor_and_retries(
    make_app: Callable[..., ReviewApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = NoteBook.save
    failures = {"left": 10**6}

    def busy_save(self: NoteBook, note, base=None):  # type: ignore[no-untyped-def]
        if failures["left"]:
            failures["left"] -= 1
            raise StoreBusy(self.root, words("store.busy"))
        return real_save(self, note, base)

    monkeypatch.setattr(NoteBook, "save", busy_save)
    monkeypatch.setattr("budget_review.tui.screens.note_editor.BACKOFF", (0.05, 0.05))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.goto(FIGURE)
        await pilot.pause()
        await pilot.press("c")
        await _type_and_save(pilot, "收入总计与表2不一致")
        # not saved: the editor is still open, with the text, and says why
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "收入总计与表2不一致"
        assert "未能保存" in _problem(app) and "自动重试" in _problem(app)
        assert NoteBook(tmp_path / "db").all() == []
        # the retries go on by themselves until the store takes it
        failures["left"] = 0
        for _ in range(100):
            if not isinstance(app.screen, NoteEditor):
                break
            await pilot.pause(0.05)
        assert not isinstance(app.screen, NoteEditor)
        (note,) = NoteBook(tmp_path / "db").all()
        assert note.text == "收入总计与表2不一致"


async def test_a_note_the_store_refuses_can_be_saved_to_a_file(
    make_app: Callable[..., ReviewApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(self: NoteBook, note, base=None):  # type: ignore[no-untyped-def]
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(NoteBook, "save", refused)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.goto(FIGURE)
        await pilot.pause()
        await pilot.press("c")
        await _type_and_save(pilot, "只读的库")
        assert "Read-only file system" in _problem(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        (saved,) = tmp_path.glob("budget-review-note-*.md")
        assert "只读的库" in saved.read_text(encoding="utf-8")
        assert str(saved.name) in _problem(app)
        assert isinstance(app.screen, NoteEditor)  # still there until the reviewer leaves


async def test_two_instances_never_undo_each_other(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    first, second = make_app(), make_app()
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await loaded(one, first)
        await loaded(two, second)
        first.review.goto(FIGURE)
        await one.pause()
        await one.press("c")
        await _type_and_save(one, "已核对")
        second.review.refresh_notes()  # B sees the note once, then both edit their copies
        await two.pause()
        # A edits the text
        await one.press("e")
        await _type_and_save(one, "，与表2一致")
        # B, with the old text in memory, resolves the note from the notes pane
        await two.press("O")
        await two.pause()
        await two.press("space")
        await two.pause()
        (note,) = NoteBook(tmp_path / "db").all()
        assert note.text == "已核对，与表2一致"  # A's text stays
        assert note.status == "resolved"  # and B's status too


async def test_a_conflicting_edit_is_shown_not_overwritten(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    first, second = make_app(), make_app()
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await loaded(one, first)
        await loaded(two, second)
        first.review.goto(FIGURE)
        await one.pause()
        await one.press("c")
        await _type_and_save(one, "原文")
        second.review.refresh_notes()
        second.review.goto(FIGURE)
        await two.pause()
        await one.press("e")
        await _type_and_save(one, "：A 的修改")
        await two.press("e")
        await _type_and_save(two, "：B 的修改")
        # B is told, and sees A's text; nothing is overwritten yet
        assert isinstance(second.screen, NoteEditor)
        assert "另一位审查人" in _problem(second) and "原文：A 的修改" in _problem(second)
        (note,) = NoteBook(tmp_path / "db").all()
        assert note.text == "原文：A 的修改"
        # saving again is B's explicit choice to keep B's version
        await two.press("ctrl+s")
        await second.workers.wait_for_complete()
        await two.pause()
        (note,) = NoteBook(tmp_path / "db").all()
        assert note.text == "原文：B 的修改"


async def test_markup_in_a_row_name_is_shown_as_printed(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    dump = tmp_path / "markup.txt"
    text = JINCHENG_TXT.read_text(encoding="utf-8")
    assert "人才中心大楼修缮费" in text
    dump.write_text(
        text.replace("人才中心大楼修缮费", "人才中心大楼[/][bold]修缮费"), encoding="utf-8"
    )
    app = make_app(dump)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        grid = app.query_one(FigureGrid)
        place = next(
            Address(t.number, r.key, next(iter(r.figures)))
            for t in app.review.current.document.tables  # type: ignore[union-attr]
            for r in t.rows
            if "[/]" in r.name and r.figures
        )
        app.review.goto(place)
        await pilot.pause()
        grid.focus()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert "[/][bold]修缮费" in str(app.screen.query_one("#note-heading").render())
        await _type_and_save(pilot, "名称里有方括号")
        assert [n.text for n in NoteBook(tmp_path / "db").all()] == ["名称里有方括号"]


async def test_a_truncated_notes_file_is_recovered_at_start_up(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.review.goto(FIGURE)
        await pilot.pause()
        await pilot.press("c")
        await _type_and_save(pilot, "第一条")
        last_row = app.review.current.table(1).rows[-1]  # type: ignore[union-attr]
        app.review.goto(Address(1, "支出总计", next(iter(last_row.figures))))
        await pilot.pause()
        await pilot.press("c")
        await _type_and_save(pilot, "第二条")
    notes = tmp_path / "db" / "notes.json"
    whole = notes.read_text(encoding="utf-8")
    first_end = whole.index("第二条") - 200
    notes.write_text(whole[: max(first_end, whole.index("第一条") + 400)], encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        json.loads(notes.read_text(encoding="utf-8"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert [n.text for n in app.review.notes] == ["第一条"]
        assert list((tmp_path / "db").glob("notes.json.corrupt-*"))
        app.review.goto(FIGURE)
        await pilot.pause()
        await pilot.press("c")
        await _type_and_save(pilot, "之后的批注")
        texts = sorted(n.text for n in NoteBook(tmp_path / "db").all())
        assert texts == ["之后的批注", "第一条"]


async def test_a_nul_in_the_department_name_still_exports(
    make_app: Callable[..., ReviewApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.review.current is not None
        meta = app.review.current.document.meta
        meta.department = "晋城市\x00人社局/../x"
        await pilot.press("X")
        await app.workers.wait_for_complete()
        await pilot.press("X")
        await app.workers.wait_for_complete()
        await pilot.pause()
        exports = sorted(p.name for p in tmp_path.glob("review-*.md"))
        # two exports, two files: the second never overwrites the first
        assert len(exports) == 2 and all("\x00" not in name for name in exports)
