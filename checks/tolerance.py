"""Rounding tails (尾差): how far printed figures may miss because each was rounded.

rules.md §8: a sum of n printed addends may miss its printed total by at most
⌊n/2⌋ units of the last printed digit; with mixed precisions, by half of each.
"""

from __future__ import annotations

from decimal import Decimal

from budget_review.model import Severity


def printed_value(raw: str) -> Decimal:
    """A number as the text prints it, separators dropped: '37,151.47' → 37151.47."""
    return Decimal(raw.strip().replace(",", "").replace("，", ""))


def last_digit(raw: str) -> Decimal:
    """The value of the last printed digit: '12.30' → 0.01, '1,234' → 1."""
    text = raw.strip().replace(",", "").replace("，", "")
    if "." in text:
        return Decimal(1).scaleb(-len(text.split(".", 1)[1]))
    return Decimal(1)


def addend_tolerance(total_unit: Decimal, addend_units: list[Decimal]) -> Decimal:
    """⌊n/2⌋·u for n addends at one precision; Σ½u_i + ½u_total when precisions differ."""
    n = len(addend_units)
    if n == 0:
        return Decimal(0)
    units = {total_unit, *addend_units}
    if len(units) == 1:
        return (n // 2) * total_unit
    return total_unit / 2 + sum((u / 2 for u in addend_units), Decimal(0))


def grade(difference: Decimal, tolerance: Decimal) -> Severity | None:
    """None when the figures agree, tail within tolerance, error beyond it."""
    if difference == 0:
        return None
    return Severity.TAIL if abs(difference) <= tolerance else Severity.ERROR
