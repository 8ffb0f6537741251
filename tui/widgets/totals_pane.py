"""The dashboard: key totals with their check status, and bar charts of the structure."""

from __future__ import annotations

from decimal import Decimal

from budget_review.model import Text as Phrase
from budget_review.tui.format import MARKERS, STYLES, with_separators
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

BAR = 40


def bar_chart(items: list[tuple[str, Decimal]], width: int = BAR) -> RenderableType:
    if not items:
        return Text("—")
    largest = max(v for _, v in items) or Decimal(1)
    whole = sum((v for _, v in items), Decimal(0)) or Decimal(1)
    label_width = max(cell_len(name) for name, _ in items)
    lines = []
    for name, value in items:
        filled = int(value / largest * width)
        line = Text(name + " " * (label_width - cell_len(name)) + " ")
        line.append("█" * filled + "▏" * (filled == 0), style="cyan")
        line.append(f" {with_separators(value)} ({value / whole * 100:.1f}%)")
        lines.append(line)
    return Group(*lines)


class TotalsPane(VerticalScroll):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="totals-body")

    def show(self, opened: OpenDocument, lang: str) -> None:
        # The totals use the checks' lookups; loaded when the pane is first shown.
        from budget_review.tui.totals import basic_project_split, class_structure, key_totals

        doc = opened.document
        table = RichTable(title=text("totals.title", lang), expand=False)
        table.add_column(text("totals.item", lang))
        table.add_column(text("totals.value", lang), justify="right")
        table.add_column(text("unit", lang))
        table.add_column(text("totals.status", lang))
        for total in key_totals(doc):
            label = Phrase(total.zh, f"{total.en} ({total.zh})").in_(lang)
            value = with_separators(total.value) if total.value is not None else "—"
            if total.place is None:
                status = Text(text("totals.unchecked", lang), style="dim")
            else:
                severity = opened.worst(total.place)
                status = (
                    Text(
                        f"{MARKERS[severity]} {text('severity.' + severity.value, lang)}",
                        style=STYLES[severity],
                    )
                    if severity
                    else Text(f"✓ {text('totals.ok', lang)}", style="green")
                )
            table.add_row(label, value, total.unit.value if total.unit else "", status)
        parts: list[RenderableType] = [table, Text("")]
        parts += [
            Text(text("totals.classes", lang), style="bold"),
            bar_chart(class_structure(doc)),
            Text(""),
        ]
        split = basic_project_split(doc)
        if split is not None:
            parts += [
                Text(text("totals.split", lang), style="bold"),
                bar_chart([("基本支出", split[0]), ("项目支出", split[1])]),
            ]
        self.query_one("#totals-body", Static).update(Group(*parts))
