"""Amounts as printed: Decimal only, with the unit kept beside them."""

from __future__ import annotations

import dataclasses
import decimal
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from enum import Enum, StrEnum

# The longest figure read: a real one has at most 15 digits (万亿 in 元, and fen). A
# longer one is refused with a reason; up to this, every figure is read and compared
# exactly, in a context as precise as the document's longest figure needs.
MAX_FIGURE_DIGITS = 1000


class Unit(StrEnum):
    """Money units a disclosure prints; conversions between them are explicit."""

    YUAN = "元"
    WAN_YUAN = "万元"
    YI_YUAN = "亿元"

    @property
    def in_yuan(self) -> Decimal:
        return {
            Unit.YUAN: Decimal(1),
            Unit.WAN_YUAN: Decimal(10_000),
            Unit.YI_YUAN: Decimal(10**8),
        }[self]


def convert(value: Decimal, source: Unit, target: Unit) -> Decimal:
    """Convert exactly (no rounding) from one unit to another."""
    return value * source.in_yuan / target.in_yuan


# Blank-like cells that mean "nothing here" rather than a number.
_EMPTY_MARKS = {"", "-", "—", "－", "--", "——", "/"}
_AMOUNT = re.compile(r"^[-－−]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$|^[-－−]?\d+(?:\.\d+)?$")


def is_empty_mark(text: str) -> bool:
    return text.strip() in _EMPTY_MARKS


def looks_like_amount(text: str) -> bool:
    return bool(_AMOUNT.match(text.strip().replace(" ", "")))


def parse_amount(text: str) -> Decimal | None:
    """Parse a printed amount, keeping its printed precision ("400.00" stays 400.00).

    Thousands separators are dropped; blanks and dashes give None. Raises
    ValueError for text that is not an amount.
    """
    cleaned = text.strip().replace(" ", "")
    if cleaned in _EMPTY_MARKS:
        return None
    if not _AMOUNT.match(cleaned):
        raise ValueError(f"not an amount: {text!r}")
    cleaned = cleaned.replace(",", "").replace("，", "").replace("－", "-").replace("−", "-")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid text
        raise ValueError(f"not an amount: {text!r}") from exc


def unit_from_text(text: str) -> Unit | None:
    """Find the unit in a caption such as '单位：万元' or '金额单位：元'."""
    for pattern in _UNIT_PATTERNS:
        match = pattern.search(text)
        if match:
            return Unit(match.group(1))
    return None


# 单位：万元, 金额单位:元, 单位 万元 (colon lost), （万元）, （单位：万元）, 单位为万元
_UNIT_PATTERNS = (
    re.compile(r"单位\s*[:：]?\s*(亿元|万元|元)(?![\u4e00-\u9fff])"),
    re.compile(r"[（(]\s*(?:单位\s*[:：]?\s*)?(亿元|万元|元)\s*[)）]"),
    re.compile(r"单位为\s*(亿元|万元|元)"),
)


def digits_of(value: Decimal) -> int:
    """How many digits the value prints with: 1234.50 has 6."""
    if not value.is_finite():
        return 0
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    return len(digits) + max(exponent, 0)


def longest_figure(thing: object) -> int:
    """The digits of the longest Decimal anywhere in `thing` (a document's claims, its
    cards): walked through dataclasses, lists and dicts once."""
    longest = 0
    stack = [thing]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, Decimal):
            longest = max(longest, digits_of(item))
        elif isinstance(item, str | bytes | int | float | bool | Enum) or item is None:
            continue
        elif id(item) in seen:
            continue
        elif isinstance(item, dict):
            seen.add(id(item))
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            seen.add(id(item))
            stack.extend(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            seen.add(id(item))
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
    return longest


def precision_for(digits: int) -> int:
    """Enough precision that sums, products and rounding of figures this long stay exact."""
    return max(decimal.getcontext().prec, 2 * digits + 20)


@contextmanager
def exact_money(digits: int = MAX_FIGURE_DIGITS) -> Iterator[None]:
    """Decimal arithmetic precise enough for figures of `digits` digits, in this thread."""
    with decimal.localcontext() as context:
        context.prec = precision_for(digits)
        yield
