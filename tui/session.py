"""What the app shows, without the widgets: open documents, their findings by figure.

Kept free of textual so that it is tested as plain Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from budget_review.checks.findings import Finding, Ref, Report, Severity
from budget_review.model import Document, ProjectCard, Table


@dataclass(frozen=True)
class Place:
    """Where a figure is shown: a table cell or a card field."""

    table: int | None = None
    row: str | None = None
    column: str | None = None
    card: str | None = None


def place_of(ref: Ref) -> Place | None:
    if ref.table is not None and ref.row is not None and ref.column is not None:
        return Place(table=ref.table, row=ref.row, column=ref.column)
    if ref.card is not None:
        return Place(card=ref.card)
    return None


@dataclass
class OpenDocument:
    document: Document
    report: Report
    by_place: dict[Place, list[Finding]] = field(default_factory=dict)
    failing: list[Place] = field(default_factory=list)  # in reading order

    @classmethod
    def build(cls, document: Document, report: Report) -> OpenDocument:
        by_place: dict[Place, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            for ref in finding.refs:
                place = place_of(ref)
                if place is not None and finding not in by_place[place]:
                    by_place[place].append(finding)
        opened = cls(document, report, dict(by_place))
        opened.failing = [
            Place(table.number, row.key, column)
            for table in document.tables
            for row in table.rows
            for column in table.columns
            if opened.worst(Place(table.number, row.key, column)) in _FAILING
        ]
        return opened

    @property
    def sha(self) -> str:
        return self.document.source.sha256

    def findings_at(self, place: Place) -> list[Finding]:
        return self.by_place.get(place, [])

    def worst(self, place: Place) -> Severity | None:
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
            if any(r.table == table.number for r in finding.refs):
                counts[finding.severity] += 1
        return counts

    def card_status(self, card: ProjectCard) -> Severity | None:
        return self.worst(Place(card=card.name))

    def next_failing(self, current: Place | None, backwards: bool = False) -> Place | None:
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

    def _position(self, place: Place | None) -> tuple[int, int, int]:
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
