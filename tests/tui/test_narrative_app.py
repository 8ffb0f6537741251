"""The narrative pane: checked numbers marked, ] to a failing one, what it was compared with."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from pathlib import Path

from budget_review.model import Address, Severity
from budget_review.store import NoteBook
from budget_review.tui.app import ReviewApp
from budget_review.tui.narrative import Status
from budget_review.tui.screens.follow import FollowScreen
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.inspector import Inspector, ref_label
from budget_review.tui.widgets.narrative_pane import ParagraphList
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from tests.conftest import JINCHENG_TXT
from tests.tui.conftest import loaded
from tests.tui.test_app import _static_text
from tests.tui.test_notes_app import _write


async def test_narrative_pane_goes_to_the_wrong_number(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    text = JINCHENG_TXT.read_text(encoding="utf-8")
    changed = text.replace("预算收入总计31,217.80万元", "预算收入总计31,317.80万元", 1)
    assert changed != text
    edited = tmp_path / "edited.txt"
    edited.write_text(changed, encoding="utf-8")
    app = make_app(edited)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("W")
        assert app.review.active_pane == "narrative"
        checked = [
            m
            for p in app.review.paragraphs
            for m in p.marks
            if any(r.at.is_figure for r in m.compared)
        ]
        assert len(checked) > 20  # numbers compared with the tables
        # `]` goes through the findings in document order, text and tables alike
        assert app.review.current is not None
        wrong = next(i for i, s in enumerate(app.review.current.stops) if s.finding.rule == "N1")
        for _ in range(wrong + 1):
            await pilot.press("right_square_bracket")
        assert app.review.active_pane == "narrative"
        paragraph = app.review.paragraphs[app.review.current_paragraph]
        assert paragraph.severity == Severity.ERROR
        assert "31,317.80" in paragraph.text
        shown = _static_text(app.query_one("#narrative-inspector", Static))
        assert "31,317.80万元" in shown and "N1" in shown
        assert "表1" in shown and "31217.80" in shown  # the figure it was compared with
        assert app.query_one(ParagraphList).highlighted == app.review.current_paragraph


# ---------------------------------------------------------------- issue 15, item 3


def _edited(tmp_path: Path) -> Path:
    """The sample with one amount of the text changed: 31,217.80 → 31,317.80 (N1 fails)."""
    text = JINCHENG_TXT.read_text(encoding="utf-8")
    changed = text.replace("预算收入总计31,217.80万元", "预算收入总计31,317.80万元", 1)
    assert changed != text
    edited = tmp_path / "edited.txt"
    edited.write_text(changed, encoding="utf-8")
    return edited


def _row_text(app: ReviewApp, index: int) -> str:
    rows = app.query_one(ParagraphList)
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(rows.get_option_at_index(index).prompt)
    return console.export_text()


async def _to_failing_number(pilot: Pilot[None], app: ReviewApp) -> ParagraphList:
    await loaded(pilot, app)
    await pilot.press("W")
    assert app.review.current is not None
    # `]` goes through every finding in document order: on to the wrong number
    wrong = next(i for i, s in enumerate(app.review.current.stops) if s.finding.rule == "N1")
    for _ in range(wrong + 1):
        await pilot.press("right_square_bracket")
    await pilot.pause()
    return app.query_one(ParagraphList)


async def test_a_finding_marks_its_own_paragraph_and_number_only(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app(_edited(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        rows = await _to_failing_number(pilot, app)
        row = rows.current
        assert row is not None and "31,317.80" in row.text
        n1 = next(f for f in app.review.current.report.findings if f.rule == "N1")  # type: ignore[union-attr]
        (claim,) = [r.at.claim for r in n1.refs if r.at.claim]
        # the chosen number is the failing one, and it alone carries the finding
        mark = rows.current_mark
        assert mark is not None and mark.claim.key == claim and n1 in mark.findings
        assert [m for m in row.marks if n1 in m.findings] == [mark]
        # marked as failing in the list, with a sign that survives NO_COLOR
        assert "31,317.80万元✗" in _row_text(app, rows.highlighted or 0)
        # every other row the finding is on names it: no paragraph carries another's finding
        for other in app.review.paragraphs:
            for finding in other.all_findings:
                assert any(
                    r.at.paragraph == other.key or r.at.claim in {m.claim.key for m in other.marks}
                    for r in finding.refs
                )
        # the next paragraph, same 部分 and also about 收入 31,217.80, is clean
        income = next(
            p
            for p in app.review.paragraphs
            if p.text.startswith("2026年度晋城市人力资源和社会保障局预算收入31,217.80")
        )
        assert income.severity is None
        index = app.review.paragraphs.index(income)
        assert "✗" not in _row_text(app, index)


async def test_compared_numbers_say_so(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("W")
        await pilot.pause()
        income = next(
            i
            for i, p in enumerate(app.review.paragraphs)
            if p.text.startswith("2026年度晋城市人力资源和社会保障局预算收入31,217.80")
        )
        app.query_one(ParagraphList).go(income)
        await pilot.pause()
        row = app.review.paragraphs[income]
        share = next(m for m in row.marks if m.claim.kind == "share")
        assert share.status == Status.RIGHT  # N2 recomputed it from the amounts
        shown = _static_text(app.query_one("#narrative-inspector", Static))
        assert f"✓ {share.claim.text}  已核对" in shown
        assert f"{share.claim.text}  未核对" not in shown
        statuses = {m.status for p in app.review.paragraphs for m in p.marks}
        assert Status.UNCHECKED in statuses and Status.RIGHT in statuses  # not all the same


async def test_f_on_a_number_goes_to_the_figure_it_was_compared_with(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app(_edited(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        rows = await _to_failing_number(pilot, app)
        assert rows.current_mark is not None
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.review.active_pane == "tables"
        place = app.query_one(FigureGrid).place_at_cursor()
        n1 = next(f for f in app.review.current.report.findings if f.rule == "N1")  # type: ignore[union-attr]
        assert place == next(r.at for r in n1.refs if r.at.is_figure)
        assert place is not None and place.table == 1


async def test_c_annotates_a_paragraph_and_a_number(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("W")
        await pilot.pause()
        rows = app.query_one(ParagraphList)
        index = next(i for i, p in enumerate(app.review.paragraphs) if "政府采购预算总额" in p.text)
        rows.go(index)
        await pilot.pause()
        await pilot.press("c")
        await _write(pilot, "采购[/]明细请核")
        await pilot.press("l")  # the paragraph's first number
        await pilot.press("c")
        await _write(pilot, "总额与分项差0.01")
        notes = NoteBook(tmp_path / "db").all()
        paragraph, number = sorted(notes, key=lambda n: n.target.kind == "claim")
        key = app.review.paragraphs[index].key
        assert paragraph.target.kind == "paragraph" and paragraph.target.at.paragraph == key
        assert paragraph.text == "采购[/]明细请核"
        assert number.target.kind == "claim" and number.target.at.paragraph == key
        assert number.target.at.claim == app.review.paragraphs[index].marks[0].claim.key
        assert number.last_value == app.review.paragraphs[index].marks[0].claim.text
        assert not paragraph.orphaned and not number.orphaned
        assert "✎" in _row_text(app, index)
        shown = _static_text(app.query_one("#narrative-inspector", Static))
        assert "总额与分项差0.01" in shown


async def test_headings_are_shown_and_short_items_kept(
    make_app: Callable[..., ReviewApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await pilot.press("W")
        await pilot.pause()
        rows = app.query_one(ParagraphList)
        texts = [_row_text(app, i) for i in range(rows.option_count)]
        assert any("二、收入预算情况说明" in t for t in texts)
        assert any("第三部分 2026年度部门预算情况说明" in t for t in texts)
        assert any("（十二）承担市人民政府交办的其他事项。" in t for t in texts)
        heading = next(r for r in app.review.paragraphs if r.text == "二、收入预算情况说明")
        assert heading.kind == "heading"
        # j moves onto a heading, and the explanation names it
        rows.go(app.review.paragraphs.index(heading) - 1)
        await pilot.press("j")
        await pilot.pause()
        assert rows.current is heading
        assert "二、收入预算情况说明" in _static_text(app.query_one("#narrative-inspector", Static))


# ---------------------------------------------------------------- issue 15, item 7


def _screen_lines(app: ReviewApp) -> list[str]:
    """The screen as text lines, read from the SVG screenshot (what a reviewer sees)."""
    svg = app.export_screenshot()
    lines: dict[float, list[tuple[float, str]]] = {}
    for match in re.finditer(
        r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg
    ):
        x, y, content = float(match[1]), float(match[2]), match[3]
        lines.setdefault(y, []).append((x, html.unescape(content).replace("\xa0", " ")))
    return ["".join(t for _, t in sorted(parts)) for _, parts in sorted(lines.items())]


async def test_the_inspector_scrolls_to_every_ref_and_the_note(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        # a 工资福利支出 total of 表6 that does not add up: its finding cites 22 figures
        place = Address(table=6, row="工资福利支出", column="2026年预算数/合计")
        app.review.goto(place)
        await pilot.pause()
        await pilot.press("c")
        await _write(pilot, "第一行\n第二行：工资福利支出合计待核")
        inspector = app.query_one(Inspector)
        assert len(inspector.refs) >= 7
        seventh = f"7. {ref_label(inspector.refs[6])}"
        assert not any(seventh in line for line in _screen_lines(app))
        for _ in range(3):
            await pilot.press("J")
        await pilot.pause()
        assert any(seventh in line for line in _screen_lines(app))
        for _ in range(20):
            await pilot.press("J")
        await pilot.pause()
        shown = _screen_lines(app)
        assert any("第二行：工资福利支出合计待核" in line for line in shown)  # the whole note
        await pilot.press("K")
        assert inspector.scroll_y < inspector.max_scroll_y


async def test_the_inspector_grows_and_shrinks(make_app: Callable[..., ReviewApp]) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        inspector = app.query_one(Inspector)
        before = inspector.outer_size.height
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert inspector.outer_size.height == before + 4
        await pilot.press("minus")
        await pilot.pause()
        assert inspector.outer_size.height == before + 2
        assert app.settings["inspector_lines"] == inspector.lines
        await pilot.press("W")
        await pilot.pause()
        assert app.query_one("#narrative-side").outer_size.height == before + 2


async def test_a_on_a_failing_number_accepts_its_finding(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    from budget_review.tui.screens.note_editor import NoteEditor

    app = make_app(_edited(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        rows = await _to_failing_number(pilot, app)
        assert rows.has_focus and rows.current_mark is not None
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await _write(pilot, "")  # saved as accepting wrote it
        (note,) = NoteBook(tmp_path / "db").all()
        assert note.target.kind == "finding" and note.target.rule == "N1"
        assert "31,317.80" in note.text
