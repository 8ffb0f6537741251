"""表文: numbers in the narrative against the tables, and against themselves.

Subjects are resolved in `subjects`; a number passes if it equals any figure its
subject names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from budget_review.checks.across import (
    EXPENSE,
    GPB,
    PROJECTS,
)
from budget_review.checks.context import Cell, Context, Skip
from budget_review.checks.registry import rule
from budget_review.checks.subjects import THREE_PUBLIC, paragraph_of, resolve, summary_rows, totals
from budget_review.checks.tolerance import addend_tolerance, grade, last_digit, printed_value
from budget_review.checks.wording import as_printed, table_name
from budget_review.model import Address, Claim, Ref, Severity, words
from budget_review.model.money import Unit, convert
from budget_review.model.vocabulary import direction_of


def claim_ref(claim: Claim) -> Ref:
    return Ref(
        Address(paragraph=claim.paragraph or None, claim=claim.key or None, field=claim.kind),
        text=claim.text,
        value=claim.value,
        unit=claim.unit or None,
        page=claim.where.page,
        line=claim.where.line,
        part=claim.where.part,
    )


def _claims(ctx: Context, kind: str) -> list[Claim]:
    claims = [c for c in ctx.doc.claims if c.kind == kind]
    if not claims:
        raise Skip(words("reason.no_claims", kind=words(f"claim.{kind}")))
    return claims


def _digit(text: str) -> Decimal:
    number = re.search(r"\d[\d,，]*(?:\.\d+)?", text)
    return last_digit(number.group()) if number else Decimal(1)


def _in_claim_unit(cell: Cell, claim: Claim) -> Decimal | None:
    """The cell's value as the sentence would print it (rules §8 R4)."""
    if cell.table.unit is None or claim.unit not in {u.value for u in Unit}:
        return None
    value = convert(cell.value, cell.table.unit, Unit(claim.unit))
    return value.quantize(_digit(claim.text), rounding=ROUND_HALF_UP)


@rule(
    "N1",
    "表文",
    "说明中的金额等于其所指表格数字（按说明的单位和位数折算）",
    "Each amount in the narrative equals the table figure it names, in the narrative's unit",
)
def amounts(ctx: Context) -> None:
    for claim in _claims(ctx, "amount"):
        cells = [c for c in resolve(ctx, claim) if c.printed or c.figure is not None]
        if not cells:
            continue
        ctx.compared += 1
        ctx.compared_claim(claim.key, [c.ref() for c in cells])
        values = [(c, _in_claim_unit(c, claim)) for c in cells]
        if any(v == claim.value for _, v in values):
            continue
        if claim.value == 0 and all(not c.printed or c.value == 0 for c in cells):
            continue
        printed = [(c, v) for c, v in values if v is not None and c.printed]
        if not printed:
            if claim.value != 0:
                _left_blank(ctx, claim, cells[0])
            continue
        cell, value = min(printed, key=lambda cv: abs((cv[1] or 0) - claim.value))
        assert value is not None
        # One unit of the sentence's last digit apart: the same figure rounded twice.
        tail = abs(value - claim.value) <= _digit(claim.text)
        shown = as_printed(value, claim.text)
        ctx.add(
            Severity.TAIL if tail else Severity.ERROR,
            f"说明中「{claim.subject}」{claim.text}，{table_name(cell.table)}为 "
            f"{shown} {claim.unit}" + ("（尾差）" if tail else ""),
            f"the narrative gives {claim.subject} as {claim.text}; 表{cell.table.number} "
            f"gives {shown} {claim.unit}" + (" (rounding tail, 尾差)" if tail else ""),
            [claim_ref(claim), cell.ref()],
            value,
            claim.value,
            claim.unit,
        )


def _left_blank(ctx: Context, claim: Claim, cell: Cell) -> None:
    """The text gives a figure the table leaves blank (a 三公 table left empty while the text
    gives its 公务接待费): one of the two is wrong."""
    ctx.add(
        Severity.ERROR,
        f"说明中「{claim.subject}」{claim.text}，{table_name(cell.table)}中该数为空",
        f"the narrative gives {claim.subject} as {claim.text}; 表{cell.table.number} leaves "
        f"it blank",
        [claim_ref(claim), cell.ref()],
        None,
        claim.value,
        claim.unit,
    )


# ---------------------------------------------------------------- shares

_AMOUNT_SHARE = re.compile(
    r"(?P<amount>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)[^，。；%\d]{0,4}[，,]?\s*"
    r"占(?P<base>[^，。；%\d]{0,20}?)(?P<share>\d+(?:\.\d+)?)\s*[%％]"
)
_ANY_AMOUNT = re.compile(r"(?P<num>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)")


def share_fits(
    part: str,
    base: str,
    share: str,
    slack: Decimal = Decimal(0),
    base_half: Decimal | None = None,
) -> bool:
    """Whether the printed share can come from the printed amounts (rules §8 R5).
    `base_half`: the base's own uncertainty, when it is a sum of printed parts."""
    a, b, p = printed_value(part), printed_value(base), printed_value(share)
    if b <= 0:
        return False
    ua = last_digit(part) / 2
    ub = base_half if base_half is not None else last_digit(base) / 2
    up = last_digit(share) / 2 + slack
    low = max(a - ua, Decimal(0)) / (b + ub) * 100 - up
    high = (a + ua) / max(b - ub, Decimal("1e-9")) * 100 + up
    return low <= p <= high


@rule(
    "N2",
    "表文",
    "说明中的占比可由所述金额按打印精度算出",
    "Each share (占X%) recomputes from the amounts to the printed precision",
)
def shares(ctx: Context) -> None:
    share_claims = _claims(ctx, "share")
    done: set[str] = set()
    for claim in share_claims:
        if claim.sentence in done:
            continue
        done.add(claim.sentence)
        paragraph = paragraph_of(ctx, claim.sentence)
        bases = [m.group("num") for m in _ANY_AMOUNT.finditer(paragraph)]
        bases += [str(c.value) for c in _maintotals(ctx)]
        # shares of one whole may stand in sentences of their own: group them by the whole
        siblings: dict[str, list[re.Match[str]]] = {}
        for found in _AMOUNT_SHARE.finditer(paragraph):
            siblings.setdefault(found.group("base").strip(), []).append(found)
        for match in _AMOUNT_SHARE.finditer(claim.sentence):
            part, share = match.group("amount"), match.group("share")
            if printed_value(part) == 0:
                continue
            ctx.compared += 1
            share_claim = next(
                (
                    c
                    for c in share_claims
                    if c.sentence == claim.sentence and c.value == printed_value(share)
                ),
                claim,
            )
            part_claim = next(
                (
                    c
                    for c in ctx.doc.claims
                    if c.kind == "amount"
                    and c.sentence == claim.sentence
                    and c.value == printed_value(part)
                ),
                None,
            )
            ctx.compared_claim(share_claim.key, [claim_ref(part_claim)] if part_claim else [])
            candidates = [b for b in bases if printed_value(b) >= printed_value(part)]
            whole = _whole_of_parts(siblings.get(match.group("base").strip(), []))

            def fits(
                slack: Decimal,
                part: str = part,
                share: str = share,
                whole: tuple[str, Decimal] | None = whole,
                candidates: list[str] = candidates,
            ) -> bool:
                if whole is not None and share_fits(part, whole[0], share, slack, whole[1]):
                    return True
                return any(share_fits(part, b, share, slack) for b in candidates)

            if fits(Decimal(0)):
                continue
            # Shares forced to add up to 100% may each move by one last digit (R5): a tail.
            severity = Severity.TAIL if fits(last_digit(share)) else Severity.ERROR
            ctx.add(
                severity,
                f"说明中 {part}{match.group('unit')} 占 {share}%，与所述任何基数都不符",
                f"the narrative gives {part} {match.group('unit')} as {share}%, which no "
                f"amount it names as the whole gives",
                [claim_ref(share_claim)],
                None,
                printed_value(share),
                "%",
            )


def _whole_of_parts(matches: list[re.Match[str]]) -> tuple[str, Decimal] | None:
    """Shares of one whole listed together ('A占16.93%，B占51.93%，C占31.14%') that add up
    to 100% (k shares printed to v, within k·v): their whole is the sum of the parts,
    uncertain by half of each part's last digit. Each share is still checked against it."""
    if len(matches) < 2:
        return None
    shares = [printed_value(m.group("share")) for m in matches]
    step = max(last_digit(m.group("share")) for m in matches)
    if abs(sum(shares, Decimal(0)) - 100) > len(matches) * step:
        return None
    parts = [m.group("amount") for m in matches]
    total = sum((printed_value(p) for p in parts), Decimal(0))
    return str(total), sum((last_digit(p) / 2 for p in parts), Decimal(0))


def _maintotals(ctx: Context) -> list[Cell]:
    cached = ctx.memo.get("main_totals")
    if cached is not None:
        return cached  # type: ignore[return-value]
    cells = summary_rows(ctx, "收入总计", "支出总计", "总计", "本年收入合计", "本年支出合计")
    for ids in (GPB, EXPENSE, PROJECTS, THREE_PUBLIC):
        cells += totals(ctx, ids, "合计")
    found = [c for c in cells if c.printed and c.table.unit == Unit.WAN_YUAN]
    ctx.memo["main_totals"] = found
    return found


# ---------------------------------------------------------------- changes

_CHANGE = re.compile(
    r"(?:比|较|与)(?:上年|上一年|\d{4}\s*年)[^，。；\d]{0,14}?(?P<dir>增加|减少|增长|下降)\s*"
    r"(?P<x>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)[，,]?\s*"
    r"(?P<rdir>增长|下降|增加|减少|上升|降低)\s*(?P<r>\d+(?:\.\d+)?)\s*[%％]"
)


def rate_fits(current: str, change: str, rate: str, increase: bool) -> bool | None:
    """Whether R = X / 上年 × 100 holds with 上年 = A ∓ X (rules §8 R6); None if 上年 ≤ 0."""
    a, x, r = printed_value(current), printed_value(change), printed_value(rate)
    ua, ux, ur = last_digit(current) / 2, last_digit(change) / 2, last_digit(rate) / 2
    previous = a - x if increase else a + x
    if previous - ua - ux <= 0:
        return None
    low = (x - ux) / (previous + ua + ux) * 100 - ur
    high = (x + ux) / (previous - ua - ux) * 100 + ur
    return low <= r <= high


@rule(
    "N3",
    "表文",
    "增减变动自洽：增减率等于增减额除以上年数，增减方向一致",
    "Each change is consistent with itself: the rate is the change over last year's figure, "
    "and the direction words agree",
)
def changes(ctx: Context) -> None:
    rates = _claims(ctx, "rate")
    for sentence in sorted({c.sentence for c in rates}):
        for match in _CHANGE.finditer(sentence):
            up = direction_of(match.group("dir")) == "increase"
            rate_up = direction_of(match.group("rdir")) == "increase"
            rate_claim = next(
                (
                    c
                    for c in rates
                    if c.sentence == sentence and c.value == printed_value(match.group("r"))
                ),
                None,
            )
            refs = [claim_ref(rate_claim)] if rate_claim else []
            ctx.compared += 1
            change_claim = next(
                (
                    c
                    for c in ctx.doc.claims
                    if c.kind == "change"
                    and c.sentence == sentence
                    and c.value == printed_value(match.group("x"))
                ),
                None,
            )
            if rate_claim is not None:
                ctx.compared_claim(
                    rate_claim.key, [claim_ref(change_claim)] if change_claim else []
                )
            if change_claim is not None:
                ctx.compared_claim(change_claim.key, refs)
            if up != rate_up:
                ctx.add(
                    Severity.ERROR,
                    f"说明中增减方向不一致：「{match.group()}」",
                    f"the narrative's direction words disagree: '{match.group()}'",
                    refs,
                )
                continue
            before = sentence[: match.start()]
            currents = [m.group("num") for m in _ANY_AMOUNT.finditer(before)]
            verdicts = [rate_fits(a, match.group("x"), match.group("r"), up) for a in currents]
            if not verdicts or all(v is None for v in verdicts) or any(verdicts):
                continue
            ctx.add(
                Severity.ERROR,
                f"说明中「{match.group()}」：增减率与增减额及当年数不符",
                f"the narrative's '{match.group()}': the rate does not follow from the change "
                f"and this year's figure",
                refs,
                None,
                printed_value(match.group("r")),
                "%",
            )


# ---------------------------------------------------------------- parts of a whole

_PROCUREMENT = re.compile(
    r"政府采购(?:预算|金额)[^，。；\d]{0,12}?(?P<total>\d[\d,，]*(?:\.\d+)?)\s*万元"
)
_PART = re.compile(
    r"(?P<kind>货物|工程|服务)(?:采购)?(?:预算|金额)?(?P<num>\d[\d,，]*(?:\.\d+)?)\s*万元"
)


@dataclass
class _Sum:
    total: Claim
    parts: list[Claim]


def _find_claim(ctx: Context, sentence: str, value: Decimal) -> Claim | None:
    return next((c for c in ctx.doc.claims if c.sentence == sentence and c.value == value), None)


def _procurement_sums(ctx: Context) -> Iterator[_Sum]:
    sentences = list(dict.fromkeys(c.sentence for c in ctx.doc.claims))
    for index, sentence in enumerate(sentences):
        head = _PROCUREMENT.search(sentence)
        if not head:
            continue
        text = sentence[head.end() :] + "".join(sentences[index + 1 : index + 2])
        parts = list(_PART.finditer(text))
        kinds = {p.group("kind") for p in parts}
        if kinds != {"货物", "工程", "服务"}:
            continue
        total = _find_claim(ctx, sentence, printed_value(head.group("total")))
        found = []
        for part in parts[:3]:
            owner = sentence if part.group() in sentence else sentences[index + 1]
            claim = _find_claim(ctx, owner, printed_value(part.group("num")))
            if claim is not None:
                found.append(claim)
        if total is not None and len(found) == 3:
            yield _Sum(total, found)


_CATEGORY = re.compile(
    r"(?P<name>[\u4e00-\u9fff]+类项目)(?P<count>\d+)个[^。；]*?(?P<num>\d[\d,，]*(?:\.\d+)?)\s*万元"
)
_HEADLINE = re.compile(r"项目(?P<count>\d+)个[^。；]*?(?P<num>\d[\d,，]*(?:\.\d+)?)\s*万元")


@rule(
    "N4",
    "表文",
    "分项之和等于总数：政府采购总额等于货物、工程、服务之和；各类项目个数与金额之和等于总数",
    "Parts add up to their whole: 政府采购 = 货物 + 工程 + 服务; project categories add up "
    "in count and amount",
)
def parts_of_a_whole(ctx: Context) -> None:
    if not ctx.doc.claims:
        raise Skip(words("reason.no_numbers"))
    for found in _procurement_sums(ctx):
        _check_claim_sum(
            ctx, found.total, found.parts, "货物、工程、服务之和", "货物 + 工程 + 服务"
        )
    sentences = list(dict.fromkeys(c.sentence for c in ctx.doc.claims))
    for index, sentence in enumerate(sentences):
        head = _HEADLINE.search(sentence)
        if not head or _CATEGORY.search(sentence):
            continue
        parts = []
        for following in sentences[index + 1 : index + 4]:
            category = _CATEGORY.search(following)
            if not category:
                break
            parts.append((following, category))
        if len(parts) < 2:
            continue
        count_total = _find_claim(ctx, sentence, printed_value(head.group("count")))
        amount_total = _find_claim(ctx, sentence, printed_value(head.group("num")))
        counts = [_find_claim(ctx, s, printed_value(m.group("count"))) for s, m in parts]
        amounts_ = [_find_claim(ctx, s, printed_value(m.group("num"))) for s, m in parts]
        if count_total and all(counts):
            _check_claim_sum(
                ctx,
                count_total,
                [c for c in counts if c],
                "各类项目个数之和",
                "the category counts",
            )
        if amount_total and all(amounts_):
            _check_claim_sum(
                ctx,
                amount_total,
                [c for c in amounts_ if c],
                "各类项目金额之和",
                "the category amounts",
            )


def _check_claim_sum(ctx: Context, total: Claim, parts: list[Claim], zh: str, en: str) -> None:
    ctx.compared += 1
    ctx.compared_claim(total.key, [claim_ref(p) for p in parts])
    for part in parts:
        ctx.compared_claim(part.key, [claim_ref(total)])
    expected = sum((p.value for p in parts), Decimal(0))
    digits = [_digit(p.text) for p in parts]
    severity = grade(total.value - expected, addend_tolerance(_digit(total.text), digits))
    if severity is None:
        return
    ctx.add(
        severity,
        f"说明中 {total.text} 与{zh} {expected} 不符",
        f"the narrative's {total.text} differs from {en}, {expected}",
        [claim_ref(total)] + [claim_ref(p) for p in parts],
        expected,
        total.value,
        total.unit,
    )
