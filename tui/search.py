"""Search a document: its tables (row names, codes, figures), its narrative text and its
project cards, in document order.

A query that is an amount ("370000", "370,000", "37万元", "370,000.00 元") is compared
by value, never as text:

- With a unit, it matches a figure equal to it after explicit conversion to the unit of
  the figure's table (or card): "37万元" finds 370000.00 in a 元 table and 37.00 in a
  万元 table; "370,000元" finds 37.00 in a 万元 table. Between two units the figure or
  amount in the finer unit is rounded, half up, to what the coarser one prints (at least
  to the cent of it: 0.01 万元 is 100 元), so "37151.47万元" finds 371,514,655.00 元 and
  "371514655元" finds 37151.47 万元; a table of unknown unit is compared as printed.
- Without a unit, it matches figures whose printed value equals it, in whatever unit
  their table is printed: "370,000" finds 370000.00 in a 元 table (or a 万元 table, if one
  printed that much), not 37.00 in a 万元 table. Type the unit to compare across units.
- In the narrative an amount is a number with the unit printed after it (元, 万元, 万,
  亿元); a unitless number there ("2026年", "12人") matches only a query without a unit.

A number with no separators and no decimals is also a code prefix ("20805" finds the rows
coded 20805…). Any other query is text, looked for in row names and codes, in headings
and paragraphs, and in the cards' names and text, white space ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from budget_review.model import Address, Document, ProjectCard, Provenance, Unit
from budget_review.model.money import convert
from budget_review.model.vocabulary import squash
from budget_review.tui.session import reading_position

# Reading order, as `]` goes (`reading_position`), then the order items are listed in.
Order = tuple[int, int, int, int]
# An amount and the unit it is printed in (None: a number printed without one).
Priced = tuple[Decimal, Unit | None]

_NUMBER = r"[-－−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"
_UNIT = r"亿元|万元|万|元"
_QUERY = re.compile(rf"^({_NUMBER})\s*({_UNIT})?$")
_IN_TEXT = re.compile(rf"(?<![\d.])({_NUMBER})(?![\d.])\s*({_UNIT})?")


@dataclass(frozen=True)
class Amount:
    value: Decimal
    unit: Unit | None
    plain: bool  # digits only: also a code prefix


@dataclass(frozen=True)
class Match:
    place: Address
    text: str
    order: Order
    kind: str = "table"  # table | paragraph | card


def _decimal(text: str) -> Decimal:
    return Decimal(re.sub(r"[,，]", "", text).replace("－", "-").replace("−", "-"))


def _unit(text: str | None) -> Unit | None:
    if not text:
        return None
    return Unit.WAN_YUAN if text == "万" else Unit(text)


def amount_query(query: str) -> Amount | None:
    """The amount a query stands for, or None when it is text."""
    found = _QUERY.match(re.sub(r"\s+", "", query))
    if found is None:
        return None
    number = found.group(1)
    return Amount(_decimal(number), _unit(found.group(2)), number.lstrip("-－−").isdigit())


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def same_amount(query: Amount, value: Decimal, unit: Unit | None) -> bool:
    """Whether a figure printed as `value` in `unit` is the amount asked for (see above)."""
    if query.unit is None or unit is None or query.unit == unit:
        return query.value == value
    if query.unit.in_yuan > unit.in_yuan:  # the query is in the coarser unit
        coarse, fine, fine_unit, coarse_unit = query.value, value, unit, query.unit
    else:
        coarse, fine, fine_unit, coarse_unit = value, query.value, query.unit, unit
    converted = convert(fine, fine_unit, coarse_unit)
    if converted == coarse:
        return True
    step = Decimal(1).scaleb(-max(_places(coarse), 2))
    return converted.quantize(step, rounding=ROUND_HALF_UP) == coarse


def _text_amounts(text: str) -> list[Priced]:
    return [(_decimal(m.group(1)), _unit(m.group(2))) for m in _IN_TEXT.finditer(text)]


def _text_has(query: Amount, text: str) -> bool:
    for value, unit in _text_amounts(text):
        if query.unit is None and value == query.value:
            return True
        if query.unit is not None and unit is not None and same_amount(query, value, unit):
            return True
    return False


def _card_texts(card: ProjectCard) -> list[str]:
    texts = [
        card.name,
        card.overview,
        card.basis,
        card.necessity,
        card.measures,
        card.plan,
        card.period_target,
        card.annual_target,
        card.unit or "",
        card.responsible or "",
    ]
    for indicator in card.indicators:
        texts += [indicator.level1, indicator.level2, indicator.level3, indicator.value]
    return [t for t in texts if t]


def _card_amounts(card: ProjectCard) -> list[Decimal]:
    amounts = []
    for split in (card.period_funding, card.annual_funding):
        amounts += [split.total, *split.sources().values()]
    return [a for a in amounts if a is not None]


def _order(where: Provenance, seq: int) -> Order:
    return (*reading_position(where), seq)


def index(doc: Document) -> list[tuple[Match, str, list[Priced]]]:
    """Every place a search can land on, in document order, with its text and amounts."""
    items: list[tuple[Match, str, list[Priced]]] = []
    seq = 0
    for table in doc.tables:
        unit = table.unit
        for row in table.rows:
            numeric = [c for c in table.columns if c in row.figures]
            if not numeric:
                continue
            first = row.figures[numeric[0]].where
            label = squash(row.name) + " " + (row.code or "")
            where = row.where if row.where.page or row.where.line else first
            place = Address(table.number, row.key, numeric[0])
            items.append((Match(place, row.name, _order(where, seq)), label, []))
            seq += 1
            for column in numeric:
                figure = row.figures[column]
                if figure.value is None:
                    continue
                order = _order(figure.where, seq)
                place = Address(table.number, row.key, column)
                items.append((Match(place, figure.raw, order), "", [(figure.value, unit)]))
                seq += 1
    headings: list[str] = []  # of sections without paragraphs: found with the next one
    for section in doc.sections:
        headings.append(section.heading)
        for number, paragraph in enumerate(section.paragraphs):
            at = section.place_of(number)
            place = Address(paragraph=section.paragraph_key(number))
            text = "\n".join([*headings, paragraph])
            headings = []
            match = Match(place, paragraph, _order(at, seq), "paragraph")
            items.append((match, text, _text_amounts(text)))
            seq += 1
    for card in doc.cards:
        page = card.pages[0] if card.pages else 0
        line = card.lines[0] if card.lines else 0
        match = Match(Address(card=card.name), card.name, (card.part, page, line, seq), "card")
        amounts: list[Priced] = [(a, card.currency_unit) for a in _card_amounts(card)]
        amounts += [a for t in _card_texts(card) for a in _text_amounts(t) if a[1] is not None]
        items.append((match, "\n".join(_card_texts(card)), amounts))
        seq += 1
    items.sort(key=lambda item: item[0].order)
    return items


def _hit(query: str, amount: Amount | None, match: Match, text: str, amounts: list[Priced]) -> bool:
    if amount is None:
        wanted = squash(query)
        return bool(wanted) and wanted in squash(text)
    if match.kind == "table" and not amounts:  # a row's name and code
        code = text.rsplit(" ", 1)[-1]
        return amount.plain and amount.unit is None and bool(code) and code.startswith(query)
    if match.kind == "paragraph":
        return _text_has(amount, text)
    return any(
        (amount.unit is None and value == amount.value)
        if unit is None or amount.unit is None
        else same_amount(amount, value, unit)
        for value, unit in amounts
    )


def search(doc: Document, query: str) -> list[Match]:
    """Every place the query matches, in document order (see the module's docstring)."""
    query = query.strip()
    if not query:
        return []
    amount = amount_query(query)
    plain = re.sub(r"\s+", "", query)
    found = [m for m, text, amounts in index(doc) if _hit(plain, amount, m, text, amounts)]
    # A table figure matched by value and its row's label matched by code may be one place.
    seen: set[Address] = set()
    unique = []
    for match in found:
        if match.place not in seen:
            seen.add(match.place)
            unique.append(match)
    return unique


def order_of(doc: Document, place: Address | None) -> Order | None:
    """Where a place stands in the order of `index`, to start a search after it: a figure
    after its row's name; a blank cell at its row's name; else the start of its table."""
    if place is None:
        return None
    exact = row = table = None
    for match, _, _ in index(doc):
        at = match.place
        if at == place:
            exact = match.order  # the last: a row's first figure comes after its name
        elif at.table is not None and at.table == place.table:
            if row is None and at.row == place.row:
                row = match.order
            if table is None:
                table = match.order
    return exact or row or table


def first_after(matches: list[Match], order: Order | None) -> tuple[int, bool]:
    """The first match after `order` (the first of all without one), and whether that
    wrapped past the end of the document."""
    if order is None:
        return 0, False
    after = next((i for i, m in enumerate(matches) if m.order > order), None)
    return (0, True) if after is None else (after, False)
