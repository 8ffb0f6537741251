"""What the app shows, without the widgets: open documents, their findings by figure.

Kept free of textual so that it is tested as plain Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from budget_review.model import (
    Address,
    Document,
    Finding,
    ProjectCard,
    Ref,
    Report,
    Severity,
    Table,
)


def place_of(ref: Ref) -> Address | None:
    """Where the app can show a ref: a table cell, or a card (whatever its field)."""
    at = ref.at
    if at.is_figure:
        return Address(table=at.table, row=at.row, column=at.column)
    if at.card is not None:
        return Address(card=at.card)
    return None


def text_place(ref: Ref) -> Address | None:
    """Where the narrative pane shows a ref: a number of the text, or a paragraph or heading."""
    at = ref.at
    if at.claim is not None:
        return Address(paragraph=at.paragraph, claim=at.claim, field=at.field)
    if at.paragraph is not None:
        return Address(paragraph=at.paragraph, field="heading" if at.field == "heading" else None)
    return None


def any_place(ref: Ref) -> Address | None:
    """A figure or card, else a place in the text."""
    return place_of(ref) or text_place(ref)


@dataclass
class OpenDocument:
    document: Document
    report: Report
    by_place: dict[Address, list[Finding]] = field(default_factory=dict)
    failing: list[Address] = field(default_factory=list)  # in reading order

    @classmethod
    def build(cls, document: Document, report: Report) -> OpenDocument:
        by_place: dict[Address, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            for ref in finding.refs:
                place = place_of(ref)
                if place is not None and finding not in by_place[place]:
                    by_place[place].append(finding)
        opened = cls(document, report, dict(by_place))
        opened.failing = [
            Address(table.number, row.key, column)
            for table in document.tables
            for row in table.rows
            for column in table.columns
            if opened.worst(Address(table.number, row.key, column)) in _FAILING
        ]
        return opened

    @property
    def sha(self) -> str:
        return self.document.source.sha256

    def findings_at(self, place: Address) -> list[Finding]:
        return self.by_place.get(place, [])

    def worst(self, place: Address) -> Severity | None:
        findings = self.by_place.get(place)
        if not findings:
            return None
        return max((f.severity for f in findings), key=lambda s: s.rank)

    def table(self, number: int | None) -> Table | None:
        return next((t for t in self.document.tables if t.number == number), None)

    def card(self, name: str | None) -> ProjectCard | None:
        return next((c for c in self.document.cards if c.name == name), None)

    def table_counts(self, table: Table) -> dict[Severity, int]:
        counts: dict[Severity, int] = defaultdict(int)
        for finding in self.report.findings:
            if any(r.at.table == table.number for r in finding.refs):
                counts[finding.severity] += 1
        return counts

    def card_status(self, card: ProjectCard) -> Severity | None:
        return self.worst(Address(card=card.name))

    def next_failing(self, current: Address | None, backwards: bool = False) -> Address | None:
        """The next (or previous) failing figure after `current`, wrapping around."""
        if not self.failing:
            return None
        order = self.failing[::-1] if backwards else self.failing
        if current is None or current not in self.failing:
            position = self._position(current)
            ahead = [
                p
                for p in order
                if (self._position(p) < position if backwards else self._position(p) > position)
            ]
            return ahead[0] if ahead else order[0]
        index = order.index(current)
        return order[(index + 1) % len(order)]

    def _position(self, place: Address | None) -> tuple[int, int, int]:
        if place is None or place.table is None:
            return (-1, -1, -1)
        tables = [t.number for t in self.document.tables]
        t_index = tables.index(place.table) if place.table in tables else -1
        table = self.table(place.table)
        if table is None:
            return (t_index, -1, -1)
        rows = [r.key for r in table.rows]
        r_index = rows.index(place.row) if place.row in rows else -1
        c_index = table.columns.index(place.column) if place.column in table.columns else -1
        return (t_index, r_index, c_index)


# Tails are shown but are not failures: ] and [ skip them.
_FAILING = {Severity.ERROR, Severity.WARNING}
