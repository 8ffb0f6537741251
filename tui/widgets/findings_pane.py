"""Every finding, filterable by severity, rule family and table; the not-checked ledger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.model import Finding, Severity
from budget_review.model.findings import FAMILIES as RULE_FAMILIES
from budget_review.model.findings import family, family_text
from budget_review.tui.format import MARKERS, STYLES, plain
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

SEVERITIES = [None, Severity.ERROR, Severity.WARNING, Severity.TAIL]
FAMILIES: list[str | None] = [None, *RULE_FAMILIES]


def where(finding: Finding, lang: str = "zh") -> str:
    """Where a finding stands, short: its table, card or the text, and its page or line."""
    ref = next((r for r in finding.refs if r.page is not None or r.line is not None), None)
    at = f" p.{ref.page}" if ref and ref.page is not None else f" l.{ref.line}" if ref else ""
    for candidate in finding.refs:
        if candidate.at.table is not None:
            return f"表{candidate.at.table}{at}"
        if candidate.at.card is not None:
            return f"{text('findings.in_card', lang)}{at}"
    in_text = any(r.at.claim or r.at.paragraph for r in finding.refs)
    return f"{text('findings.in_text', lang)}{at}" if in_text else at.strip()


class FindingsTable(DataTable[Text | str]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="findings.down"),
        Binding("k", "cursor_up", "Up", show=False, id="findings.up"),
        Binding("g", "scroll_top", "Top", show=False, id="findings.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="findings.bottom"),
        Binding(
            "s", "cycle_severity", "Severity", id="findings.severity", tooltip="Filter by severity"
        ),
        Binding(
            "f", "cycle_family", "Family", id="findings.family", tooltip="Filter by rule family"
        ),
        Binding(
            "t",
            "toggle_table",
            "This table",
            id="findings.table",
            tooltip="Only the selected table",
        ),
    ]

    @dataclass
    class Chosen(Message):
        finding: Finding

    @dataclass
    class FilterChanged(Message):
        description: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.findings: list[Finding] = []
        self.severity_index = 0
        self.family_index = 0
        self.only_table: int | None = None
        self.current_table: int | None = None
        self._opened: OpenDocument | None = None
        self._lang = "zh"

    def show(self, opened: OpenDocument, lang: str) -> None:
        self._opened, self._lang = opened, lang
        self.refill()

    def refill(self) -> None:
        if self._opened is None:
            return
        self.clear(columns=True)
        self.add_column("")
        for key in ("findings.rule", "findings.where", "findings.message"):
            self.add_column(text(key, self._lang))
        severity = SEVERITIES[self.severity_index]
        group = FAMILIES[self.family_index]
        self.findings = [
            f
            for f in self._opened.report.findings
            if (severity is None or f.severity == severity)
            and (group is None or family(f.rule) == group)
            and (self.only_table is None or any(r.at.table == self.only_table for r in f.refs))
        ]
        # in document order, as `]` goes through them
        rank = {id(f): n for n, f in enumerate(self._opened.reading_order())}
        self.findings.sort(key=lambda f: rank.get(id(f), 10**6))
        # the message column ends with "…" where the screen does, never mid-word unseen
        width = self.size.width or self.app.size.width
        room = max(width - 26, 30)
        for finding in self.findings:
            message = plain(finding.message_in(self._lang))
            message.truncate(room, overflow="ellipsis")
            self.add_row(
                Text(MARKERS[finding.severity], style=STYLES[finding.severity]),
                finding.rule,
                plain(where(finding, self._lang)),
                message,
            )
        self.post_message(self.FilterChanged(self.describe()))

    def describe(self) -> str:
        severity = SEVERITIES[self.severity_index]
        letter = FAMILIES[self.family_index]
        parts = [
            text(f"severity.{severity.value}", self._lang)
            if severity
            else text("findings.all", self._lang),
            family_text(letter).in_(self._lang) if letter else "",
            f"表{self.only_table}" if self.only_table is not None else "",
            text("findings.count", self._lang, n=len(self.findings)),
        ]
        return f"{text('findings.filter', self._lang)}: " + " · ".join(p for p in parts if p)

    def action_cycle_severity(self) -> None:
        self.severity_index = (self.severity_index + 1) % len(SEVERITIES)
        self.refill()

    def action_cycle_family(self) -> None:
        self.family_index = (self.family_index + 1) % len(FAMILIES)
        self.refill()

    def action_toggle_table(self) -> None:
        self.only_table = None if self.only_table is not None else self.current_table
        self.refill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.findings):
            self.post_message(self.Chosen(self.findings[event.cursor_row]))


class FindingsPane(Vertical):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="findings-filter")
        yield FindingsTable(id="findings-table")
        yield Static(id="not-checked")

    def show(self, opened: OpenDocument, lang: str) -> None:
        self.query_one(FindingsTable).show(opened, lang)
        ledger = Text(text("findings.not_checked", lang) + "\n", style="bold")
        for item in opened.report.not_checked:
            ledger.append(f"  {item.rule} {item.reason.in_(lang)}\n", style="dim")
        if not opened.report.not_checked:
            ledger.append("  —\n", style="dim")
        self.query_one("#not-checked", Static).update(ledger)

    def on_findings_table_filter_changed(self, event: FindingsTable.FilterChanged) -> None:
        self.query_one("#findings-filter", Static).update(event.description)
