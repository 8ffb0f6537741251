"""The narrative pane: checked numbers marked, ] to a failing one, what it was compared with."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from budget_review.model import Severity
from budget_review.tui.app import ReviewApp
from budget_review.tui.widgets.narrative_pane import ParagraphList
from textual.widgets import Static, TabbedContent

from tests.conftest import JINCHENG_TXT
from tests.tui.conftest import loaded
from tests.tui.test_app import _static_text


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
        assert app.query_one("#panes", TabbedContent).active == "narrative"
        checked = [m for p in app.paragraphs for m in p.marks if m.cells]
        assert len(checked) > 20  # numbers compared with the tables
        # `]` goes through the findings in document order, text and tables alike
        assert app.current is not None
        wrong = next(i for i, s in enumerate(app.current.stops) if s.finding.rule == "N1")
        for _ in range(wrong + 1):
            await pilot.press("right_square_bracket")
        assert app.query_one("#panes", TabbedContent).active == "narrative"
        paragraph = app.paragraphs[app.current_paragraph]
        assert paragraph.severity == Severity.ERROR
        assert "31,317.80" in paragraph.text
        shown = _static_text(app.query_one("#narrative-inspector", Static))
        assert "31,317.80万元" in shown and "N1" in shown
        assert "表1" in shown and "31217.80" in shown  # the figure it was compared with
        assert app.query_one(ParagraphList).highlighted == app.current_paragraph
