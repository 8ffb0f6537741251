"""What the app shows, without the widgets: open documents, their findings by figure.

Kept free of textual so that it is tested as plain Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Literal

from budget_review.model import (
    Address,
    Document,
    Finding,
    ProjectCard,
    Provenance,
    Ref,
    Report,
    Severity,
    Table,
)

# A figure's part in an error: the likely culprit, or merely involved.
Role = Literal["culprit", "involved"]


def reading_position(where: Provenance) -> tuple[int, int, int]:
    """Where something is printed, in reading order: (part, page, line) for a text dump,
    (part, page, how far down the page) for a PDF. `]` and `/` both go by it."""
    top = int(where.bbox[1]) if where.bbox else 0
    return (where.part, where.page or 0, (where.line or 0) + top)


def place_of(ref: Ref) -> Address | None:
    """Where the app can show a ref: a table cell, or a card (whatever its field)."""
    at = ref.at
    if at.is_figure:
        return Address(table=at.table, row=at.row, column=at.column)
    if at.card is not None:
        return Address(card=at.card)
    return None


@dataclass(frozen=True)
class Stop:
    """Where `]` lands for one finding: its likely culprit, else the first thing it names."""

    finding: Finding
    place: Address
    order: tuple[int, int, int, int]  # part, page, line, then the findings' own order
    consequences: int = 0  # other findings that follow from this one


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
    """A document open for review: its findings by place, and the stops of `]` and `[`."""

    document: Document
    report: Report
    by_place: dict[Address, list[Finding]] = field(default_factory=dict)
    stops: list[Stop] = field(default_factory=list)  # failing findings in document order
    _positions: Positions | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, document: Document, report: Report) -> OpenDocument:
        by_place: dict[Address, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            for ref in finding.refs:
                place = place_of(ref)
                if place is not None and finding not in by_place[place]:
                    by_place[place].append(finding)
        opened = cls(document, report, dict(by_place))
        opened._positions = Positions(document)
        opened.stops = finding_stops(document, report, opened._positions)
        return opened

    def reading_order(self) -> list[Finding]:
        """Every finding in the order of the places it stands, as printed (a finding that
        names no place last)."""
        if self._positions is None:
            self._positions = Positions(self.document)
        positions = self._positions

        def key(item: tuple[int, Finding]) -> tuple[int, int, int, int]:
            index, finding = item
            landed = positions.landing(finding, index)
            return landed[1] if landed is not None else (10**6, 0, 0, index)

        return [f for _, f in sorted(enumerate(self.report.findings), key=key)]

    def order_of(self, place: Address) -> tuple[int, int, int, int] | None:
        """Where a place stands in the document, to find the next finding after it."""
        if self._positions is None:
            self._positions = Positions(self.document)
        position = self._positions.of(place)
        if position == (0, 0, 0):
            return None
        return (*position, -1)

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

    def mark(self, place: Address) -> tuple[Severity | None, Role | None]:
        """How a figure is marked: the severity shown, and its role in an error.

        A figure is the likely culprit of an error when the checks named it so
        (`Finding.culprit`), or, where they named none, when it is the figure the
        comparison failed on (the first ref: a total against its parts, one table
        against another). The other figures of a failing comparison are merely
        involved; a warning of their own shows before that.
        """
        findings = self.by_place.get(place)
        if not findings:
            return None, None
        errors = [f for f in findings if f.severity == Severity.ERROR]
        if any(_blames(f, place) for f in errors):
            return Severity.ERROR, "culprit"
        rest = max(
            (f.severity for f in findings if f.severity != Severity.ERROR),
            key=lambda s: s.rank,
            default=None,
        )
        if errors and rest != Severity.WARNING:
            return Severity.ERROR, "involved"
        return rest, None

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


def finding_stops(
    document: Document, report: Report, position: Positions | None = None
) -> list[Stop]:
    """Every failing finding a reviewer steps through with `]`, in document order.

    A finding that follows from another (its `cause`) is not a stop of its own: it is
    shown with its cause, so one wrong cell costs one `]`, not one per sum it spoils.
    """
    follows: dict[str, int] = defaultdict(int)
    for finding in report.findings:
        if finding.cause:
            follows[finding.cause] += 1
    position = position or Positions(document)
    stops = []
    for index, finding in enumerate(report.findings):
        if finding.severity not in _FAILING or finding.cause:
            continue
        landed = position.landing(finding, index)
        if landed is not None:
            place, order = landed
            stops.append(Stop(finding, place, order, follows.get(finding.id, 0)))
    return sorted(stops, key=lambda s: s.order)


class Positions:
    """Where each place of a document is printed, in reading order (`reading_position`)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.paragraph_of = {claim.key: claim.paragraph for claim in document.claims}
        self.paragraphs: dict[str, Provenance] = {}
        for section in document.sections:
            for index in range(len(section.paragraphs)):
                self.paragraphs[section.paragraph_key(index)] = section.place_of(index)

    def landing(
        self, finding: Finding, index: int
    ) -> tuple[Address, tuple[int, int, int, int]] | None:
        """Where `]` shows a finding, and its place in reading order (`index`, the finding's
        place in the report, orders findings on one spot)."""
        ref = _landing(finding)
        if ref is None:
            return None
        place = _stop_place(ref, self.paragraph_of)
        return place, (*self.of(place, ref), index)

    def of(self, place: Address, ref: Ref | None = None) -> tuple[int, int, int]:
        """The place's reading position (`reading_position`); a ref's page and line when
        the place has none; (0, 0, 0) when neither is known."""
        where = self._where(place)
        if where is None or (where.page is None and where.line is None):
            if ref is None:
                return (0, 0, 0)
            return (ref.part, ref.page or 0, ref.line or 0)
        return reading_position(where)

    def _where(self, place: Address) -> Provenance | None:
        doc = self.document
        if place.table is not None:
            table = next((t for t in doc.tables if t.number == place.table), None)
            if table is None:
                return None
            row = next((r for r in table.rows if r.key == place.row), None)
            if row is not None:
                figure = row.figures.get(place.column or "") if place.column else None
                if figure is not None:
                    return figure.where
                if row.figures:
                    return next(iter(row.figures.values())).where
            return table.where
        if place.paragraph is not None:
            return self.paragraphs.get(place.paragraph)
        return None


def _landing(finding: Finding) -> Ref | None:
    if finding.culprit:
        culprit = next((r for r in finding.refs if r.key == finding.culprit), None)
        if culprit is not None:
            return culprit
    return next((r for r in finding.refs if r.at.kind != "document"), None)


def _stop_place(ref: Ref, paragraph_of: dict[str, str]) -> Address:
    """Where `]` shows a ref: where any ref is shown (`any_place`), a row or table as a
    whole, and a number of the text with the paragraph it stands in (for its position)."""
    place = any_place(ref) or Address(table=ref.at.table, row=ref.at.row)
    if place.claim is not None and place.paragraph is None:
        place = replace(place, paragraph=paragraph_of.get(place.claim))
    return place


def _blames(finding: Finding, place: Address) -> bool:
    if finding.culprit is not None:
        return any(r.key == finding.culprit and place_of(r) == place for r in finding.refs)
    return bool(finding.refs) and place_of(finding.refs[0]) == place


# Tails are shown but are not failures: ] and [ skip them.
_FAILING = {Severity.ERROR, Severity.WARNING}
