"""How findings name things, so that a reviewer can forward them as they are: tables by
their printed number and name, figures as the document prints them, quotes cut where a
clause ends."""

from __future__ import annotations

import re
from decimal import Decimal

from budget_review.model import Table

_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")
_CLAUSE_END = re.compile(r"[，。；;！？、：:）)”]")


def table_name(table: Table) -> str:
    """'表3「支出总表」': the number and the title as printed."""
    return f"表{table.number}「{table.title}」"


def as_printed(value: Decimal, like: str | None = None) -> str:
    """A value as the document would print it: with thousands separators when the figure
    it stands for (`like`) has them, and at that figure's number of decimals."""
    number = _NUMBER.search(like or "")
    text = number.group() if number else ""
    decimals = len(text.split(".", 1)[1]) if "." in text else None
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals))
    separators = "," in text or "，" in text
    return f"{value:,}" if separators else f"{value}"


def clause(text: str, limit: int = 60) -> str:
    """A quote no longer than `limit`, cut after the last clause boundary within it, never
    in the middle of a word; '…' marks the cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    ends = [m.end() for m in _CLAUSE_END.finditer(head)]
    cut = ends[-1] if ends and ends[-1] >= limit // 3 else len(head)
    return head[:cut].rstrip("，、：:") + "…"
