"""What a rule works with: the document, figure lookups, and the comparisons that grade tails."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from budget_review.checks.registry import Rule
from budget_review.checks.tolerance import addend_tolerance, grade, last_digit
from budget_review.checks.wording import as_printed
from budget_review.model import (
    Address,
    Document,
    Figure,
    Finding,
    NotChecked,
    Ref,
    Report,
    Row,
    Severity,
    Table,
    Text,
    role_by_id,
    words,
)
from budget_review.model.i18n import place
from budget_review.model.money import Unit, convert


class Skip(Exception):
    """Raised by a rule that cannot run; the reason goes to the not-checked ledger."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.en)
        self.reason = reason


@dataclass(frozen=True)
class Cell:
    """A figure's place: table, row and column; the figure itself may be blank."""

    table: Table
    row: Row
    column: str

    @property
    def figure(self) -> Figure | None:
        return self.row.figures.get(self.column)

    @property
    def value(self) -> Decimal:
        figure = self.figure
        return figure.value if figure and figure.value is not None else Decimal(0)

    @property
    def printed(self) -> bool:
        figure = self.figure
        return figure is not None and figure.value is not None

    @property
    def digit(self) -> Decimal:
        figure = self.figure
        return last_digit(figure.raw) if figure and figure.value is not None else Decimal("0.01")

    @property
    def address(self) -> Address:
        return Address(table=self.table.number, row=self.row.key, column=self.column)

    def ref(self) -> Ref:
        figure = self.figure
        where = figure.where if figure else self.row.where
        return Ref(
            at=self.address,
            value=figure.value if figure else None,
            unit=self.table.unit.value if self.table.unit else None,
            page=where.page,
            line=where.line,
            part=where.part,
            key=figure.key if figure else None,
            name=self.row.name or self.row.key,
        )

    def label(self) -> str:
        return self.address.label(name=self.row.name or self.row.key)


class Context:
    def __init__(self, doc: Document, report: Report) -> None:
        self.doc = doc
        self.report = report
        self.rule: Rule | None = None
        self.compared = 0  # comparisons the current rule made
        self.memo: dict[str, object] = {}  # indexes rules share within one run

    # ---------------------------------------------------------------- lookups

    def table(self, *roles: str) -> Table | None:
        for role in roles:
            table = self.doc.table_by_role(role)
            if table is not None:
                return table
        return None

    def need(self, *roles: str) -> Table:
        """The first of these tables present with figures, or skip the rule saying why."""
        table = self.table(*roles)
        if table is None:
            titles = words("or").zh.join(f"「{role_by_id(r).title}」" for r in roles)
            titles_en = words("or").en.join(f"“{role_by_id(r).title}”" for r in roles)
            missing = words("reason.no_table", titles=Text(titles, titles_en))
            # tables of no known kind may be the one missing; forms passed over are not
            unknown = [t for t in self.doc.tables if not t.role]
            if unknown:
                listed = [
                    words(
                        "reason.unknown_table",
                        title=t.title,
                        where=place(t.where.page, t.where.line, self.doc.part_name(t.where.part))
                        or "",
                    )
                    for t in unknown[:3]
                ]
                joined = listed[0]
                for item in listed[1:]:
                    joined = joined + Text("、", ", ") + item
                missing = words("reason.no_table_but_unknown", missing=missing, unknown=joined)
            raise Skip(missing)
        if table.unit is None:
            raise Skip(words("reason.no_unit", n=table.number))
        return table

    # ---------------------------------------------------------------- findings

    def add(
        self,
        severity: Severity,
        zh: str,
        en: str,
        refs: Iterable[Ref],
        expected: Decimal | None = None,
        actual: Decimal | None = None,
        unit: str | None = None,
    ) -> None:
        assert self.rule is not None
        self.report.findings.append(
            Finding(self.rule.id, severity, Text(zh, en), list(refs), expected, actual, unit)
        )

    def compared_claim(self, key: str, refs: Iterable[Ref] = ()) -> None:
        """Say that a number of the text (its Claim.key) was compared, and with what."""
        if not key:
            return
        kept = self.report.claims.setdefault(key, [])
        kept.extend(r for r in refs if r not in kept and r.at.claim != key)

    def not_checked(self, reason: Text) -> None:
        assert self.rule is not None
        self.report.not_checked.append(NotChecked(self.rule.id, reason, self.rule.text))

    # ---------------------------------------------------------------- comparisons

    def check_sum(
        self,
        total: Cell,
        addends: list[Cell],
        what_zh: str,
        what_en: str,
        signs: list[int] | None = None,
    ) -> None:
        """total = Σ addends (signed), graded for rounding; blanks count as 0."""
        signs = signs or [1] * len(addends)
        printed = [(c, s) for c, s in zip(addends, signs, strict=True) if c.printed]
        if not total.printed and not printed:
            return
        self.compared += 1
        expected = sum((c.value * s for c, s in printed), Decimal(0))
        actual = total.value
        units = [c.digit for c, _ in printed]
        severity = grade(actual - expected, addend_tolerance(total.digit, units))
        if severity is None:
            return
        unit = total.table.unit.value if total.table.unit else None
        diff = actual - expected
        unit_text = f" {unit}" if unit else ""
        raw = total.figure.raw if total.figure else None
        shown, summed, off = (
            as_printed(actual, raw),
            as_printed(expected, raw),
            as_printed(diff, raw),
        )
        tail = _TAIL if severity == Severity.TAIL else ("", "")
        self.add(
            severity,
            f"{total.label()} 为 {shown}，{what_zh}为 {summed}，相差 {off}{unit_text}{tail[0]}",
            f"{total.label()} is {shown} but {what_en} is {summed}: off by {off}{unit_text}"
            f"{tail[1]}",
            [total.ref()] + [c.ref() for c, _ in printed],
            expected,
            actual,
            unit,
        )

    def check_same(self, a: Cell, b: Cell, what_zh: str, what_en: str, parts: int = 1) -> None:
        """One figure printed in two tables. `parts` > 1 when `b` is a sum of rounded parts."""
        if not a.printed and not b.printed:
            return
        unit_a, unit_b = a.table.unit, b.table.unit
        if unit_a is None or unit_b is None:
            return
        self.compared += 1
        # Compared at the coarser of the two printings: 3,456,789 元 and 3,456,789.34 元
        # are one figure.
        b_digit = (
            to_unit(b.digit, unit_b, unit_a, Decimal("1e-12")) if unit_a != unit_b else b.digit
        )
        coarse = max(a.digit, b_digit)
        expected = to_unit(b.value, unit_b, unit_a, coarse)
        actual = a.value.quantize(coarse, rounding=ROUND_HALF_UP)
        # The same figure printed twice one unit of its last digit apart is a rounding tail,
        # as is a sum of rounded parts within ⌊n/2⌋ units (rules §8 R1, R3).
        tolerance = max((parts // 2), 1) * coarse
        severity = grade(actual - expected, tolerance)
        if severity is None:
            return
        diff = actual - expected
        raw_a = a.figure.raw if a.figure else None
        raw_b = b.figure.raw if b.figure else None
        tail = _TAIL if severity == Severity.TAIL else ("", "")
        self.add(
            severity,
            f"{a.label()} 为 {as_printed(a.value, raw_a)}，{b.label()} 为 "
            f"{as_printed(b.value, raw_b)}（{what_zh}），相差 {as_printed(diff, raw_a)} {unit_a}"
            f"{tail[0]}",
            f"{a.label()} is {as_printed(a.value, raw_a)} but {b.label()} is "
            f"{as_printed(b.value, raw_b)} ({what_en}): off by {as_printed(diff, raw_a)} {unit_a}"
            f"{tail[1]}",
            [a.ref(), b.ref()],
            expected,
            actual,
            unit_a.value,
        )


# What a rounding tail's message adds, so that a reviewer reads it as rounding.
_TAIL = ("（尾差）", " (rounding tail, 尾差)")


def to_unit(value: Decimal, source: Unit, target: Unit, digit: Decimal) -> Decimal:
    """A value in another unit, rounded half up to the target's printed digit (rules §8 R4)."""
    if source == target:
        return value
    return convert(value, source, target).quantize(digit, rounding=ROUND_HALF_UP)
