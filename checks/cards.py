"""绩效卡: performance cards against the project table, and each card against itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from budget_review.checks.across import PROJECTS, column
from budget_review.checks.context import Cell, Context, Skip
from budget_review.checks.registry import rule
from budget_review.model import Address, ProjectCard, Ref, Row, Severity, Table, words
from budget_review.model.money import Unit, convert
from budget_review.model.roles import BUDGET
from budget_review.model.vocabulary import squash
from rapidfuzz import fuzz

# A card's 年度资金总额 in 元 may miss the table's 万元 figure by half its last digit.
_CARD_SLACK = Decimal(50)


def card_ref(card: ProjectCard, field: str, value: Decimal | None) -> Ref:
    return Ref(
        Address(card=card.name, field=field),
        value=value,
        unit=card.currency_unit.value,
        page=card.pages[0] if card.pages else None,
        line=card.lines[0] if card.lines else None,
        part=card.part,
    )


@dataclass
class Match:
    card: ProjectCard
    row: Row
    how: str  # exact | fuzzy


def _cards(ctx: Context) -> list[ProjectCard]:
    if not ctx.doc.cards:
        raise Skip(words("reason.no_cards"))
    return ctx.doc.cards


def _projects(ctx: Context) -> tuple[Table, list[Row]]:
    table = ctx.need(*PROJECTS)
    rows = [r for r in table.rows if r.kind == "project"]
    if not rows:
        raise Skip(words("reason.no_projects", n=table.number))
    return table, rows


def _amount_wan(card: ProjectCard) -> Decimal | None:
    if card.annual_total is None:
        return None
    return convert(card.annual_total, card.currency_unit, Unit.WAN_YUAN).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def match_cards(table: Table, projects: list[Row], cards: list[ProjectCard]) -> list[Match]:
    """Cards to project rows, one to one: the parser's exact links, then similar names.

    OCR drops and swaps characters (郎晋鹏 → 晋鹏, 修缮 → 维修), so a card whose name is
    close to an unmatched project's, in the same unit or with the same amount, is
    matched and flagged for a look.
    """
    total_col = column(table, "合计")
    matches: list[Match] = []
    used: set[str] = set()
    for card in cards:
        if card.table_row and card.table_row[0] == table.number:
            row = next((r for r in projects if r.key == card.table_row[1]), None)
            if row is not None and row.key not in used:
                used.add(row.key)
                matches.append(Match(card, row, "exact"))
    matched_cards = {id(m.card) for m in matches}
    candidates: list[tuple[float, int, ProjectCard, Row]] = []
    for index, card in enumerate(cards):
        if id(card) in matched_cards:
            continue
        amount = _amount_wan(card)
        for row in projects:
            if row.key in used:
                continue
            name_a, name_b = squash(card.name), squash(row.name)
            score = max(fuzz.ratio(name_a, name_b), fuzz.partial_ratio(name_a, name_b) - 5)
            same_amount = amount is not None and total_col and row.value(total_col) == amount
            same_unit = bool(
                card.unit and row.parent and fuzz.ratio(squash(card.unit), squash(row.parent)) > 85
            )
            if score >= 88 or (score >= 70 and (same_amount or same_unit)):
                bonus = 10 * bool(same_amount) + 5 * same_unit
                candidates.append((score + bonus, index, card, row))
    for _score, _index, card, row in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if id(card) in matched_cards or row.key in used:
            continue
        matched_cards.add(id(card))
        used.add(row.key)
        matches.append(Match(card, row, "fuzzy"))
    return matches


def _matches(
    ctx: Context, table: Table, projects: list[Row], cards: list[ProjectCard]
) -> list[Match]:
    """The card-to-project matching, made once per run: C1 reports it, C2 compares along it."""
    cached = ctx.memo.get("card_matches")
    if cached is None:
        cached = match_cards(table, projects, cards)
        ctx.memo["card_matches"] = cached
    return cached  # type: ignore[return-value]


@rule(
    "C1",
    "绩效卡",
    "每个本年项目都有绩效目标表，每张绩效目标表都有对应项目（名称近似的匹配需人工确认）",
    "Every current-year project has a card and every card a project (near-name matches "
    "are flagged for a look)",
    families=(BUDGET,),
    compares=False,
)
def cards_and_projects(ctx: Context) -> None:
    cards = _cards(ctx)
    table, projects = _projects(ctx)
    total_col = column(table, "合计") or ""
    matches = _matches(ctx, table, projects, cards)
    for match in matches:
        if match.how == "fuzzy":
            ctx.add(
                Severity.WARNING,
                f"绩效目标表「{match.card.name}」按近似名称对应表{table.number}项目「{match.row.name}」",
                f"card '{match.card.name}' matched by a similar name to project "
                f"'{match.row.name}' of 表{table.number}",
                [card_ref(match.card, "name", None), Cell(table, match.row, total_col).ref()],
            )
    matched_rows = {m.row.key for m in matches}
    matched_cards = {id(m.card) for m in matches}
    for row in projects:
        if row.key not in matched_rows:
            ctx.add(
                Severity.WARNING,
                f"表{table.number}项目「{row.name}」没有对应的绩效目标表",
                f"project '{row.name}' of 表{table.number} has no performance card",
                [Cell(table, row, total_col).ref()],
            )
    for card in cards:
        if id(card) not in matched_cards:
            ctx.add(
                Severity.WARNING,
                f"绩效目标表「{card.name}」在表{table.number}中没有对应项目",
                f"card '{card.name}' has no project in 表{table.number}",
                [card_ref(card, "name", None)],
            )


@rule(
    "C2",
    "绩效卡",
    "绩效目标表年度资金总额（元）等于项目表合计（万元）×10000",
    "A card's 年度资金总额 (元) equals its project's 合计 (万元) × 10000",
    families=(BUDGET,),
)
def card_amounts(ctx: Context) -> None:
    cards = _cards(ctx)
    table, projects = _projects(ctx)
    total_col = column(table, "合计")
    if table.unit is None or total_col is None:
        raise Skip(words("reason.no_total_or_unit", n=table.number))
    for match in _matches(ctx, table, projects, cards):
        card, cell = match.card, Cell(table, match.row, total_col)
        if card.annual_total is None:
            ctx.not_checked(words("reason.card_unreadable", card=card.name))
            continue
        ctx.compared += 1
        in_yuan = convert(cell.value, table.unit, card.currency_unit)
        difference = card.annual_total - in_yuan
        if abs(difference) <= _CARD_SLACK * (Unit.YUAN.in_yuan / card.currency_unit.in_yuan):
            continue
        ctx.add(
            Severity.ERROR,
            f"绩效目标表「{card.name}」年度资金总额 {card.annual_total} 元，"
            f"表{table.number}项目合计 {cell.value} {table.unit.value}（{in_yuan} 元），"
            f"相差 {difference} 元",
            f"card '{card.name}': 年度资金总额 {card.annual_total} 元 but 表{table.number} "
            f"gives {cell.value} {table.unit.value} ({in_yuan} 元): off by {difference} 元",
            [card_ref(card, "annual_total", card.annual_total), cell.ref()],
            in_yuan,
            card.annual_total,
            card.currency_unit.value,
        )


@rule(
    "C3",
    "绩效卡",
    "资金总额等于各资金来源之和（年度与实施期），实施期资金总额不小于年度资金总额",
    "Funding sources add up to the total (annual and whole period); the period total is "
    "at least the annual total",
    families=(BUDGET,),
)
def card_funding(ctx: Context) -> None:
    for card in _cards(ctx):
        for field, split in (("annual", card.annual_funding), ("period", card.period_funding)):
            sources = {k: v for k, v in split.sources().items() if v is not None}
            if split.total is None or not sources:
                continue
            ctx.compared += 1
            expected = sum(sources.values(), Decimal(0))
            difference = split.total - expected
            if difference == 0:
                continue
            label = "年度资金总额" if field == "annual" else "实施期资金总额"
            ctx.add(
                Severity.ERROR,
                f"绩效目标表「{card.name}」{label} {split.total}，各资金来源之和 {expected}，"
                f"相差 {difference} 元",
                f"card '{card.name}': {label} {split.total} but its sources add up to "
                f"{expected}: off by {difference} 元",
                [card_ref(card, f"{field}_total", split.total)]
                + [card_ref(card, f"{field}_{k}", v) for k, v in sources.items() if v],
                expected,
                split.total,
                card.currency_unit.value,
            )
        if card.annual_total is not None and card.period_total is not None:
            ctx.compared += 1
            if card.period_total < card.annual_total:
                ctx.add(
                    Severity.ERROR,
                    f"绩效目标表「{card.name}」实施期资金总额 {card.period_total} 小于年度资金总额 "
                    f"{card.annual_total}",
                    f"card '{card.name}': the period total {card.period_total} is below the "
                    f"annual total {card.annual_total}",
                    [
                        card_ref(card, "period_total", card.period_total),
                        card_ref(card, "annual_total", card.annual_total),
                    ],
                )


@rule(
    "C4",
    "绩效卡",
    "绩效目标表年度与文件年度一致，主管部门代码前后一致",
    "Each card's year is the document's year and its department code is the same as the others'",
    families=(BUDGET,),
    compares=False,
)
def card_headers(ctx: Context) -> None:
    cards = _cards(ctx)
    year = ctx.doc.meta.year
    for card in cards:
        if year and card.year and card.year != year:
            ctx.add(
                Severity.WARNING,
                f"绩效目标表「{card.name}」标注 {card.year} 年度，文件为 {year} 年度",
                f"card '{card.name}' is headed {card.year} in a {year} document",
                [card_ref(card, "year", Decimal(card.year))],
            )
    codes = Counter(c.department_code for c in cards if c.department_code)
    if len(codes) > 1:
        usual, _ = codes.most_common(1)[0]
        for card in cards:
            if card.department_code and card.department_code != usual:
                ctx.add(
                    Severity.WARNING,
                    f"绩效目标表「{card.name}」主管部门代码 {card.department_code}，"
                    f"其他表为 {usual}",
                    f"card '{card.name}' gives department code {card.department_code}; "
                    f"the other cards give {usual}",
                    [card_ref(card, "department_code", None)],
                )
