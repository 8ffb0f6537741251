"""表文: numbers in the narrative against the tables, and against themselves.

A narrative number is compared only when its subject resolves to table figures
without doubt; when a subject names a total printed in several tables, the
number passes if it equals any of them. Unresolved numbers are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from budget_review.checks.across import (
    ECONOMIC,
    EXPENSE,
    FISCAL,
    GPB,
    INCOME,
    PROJECTS,
    SUMMARY,
    column,
    grand_total,
)
from budget_review.checks.context import Cell, Context, Skip
from budget_review.checks.findings import Ref, Severity
from budget_review.checks.registry import rule
from budget_review.checks.tolerance import addend_tolerance, grade, last_digit
from budget_review.checks.within import numeric_columns
from budget_review.model import Claim, Row, Table
from budget_review.model.money import Unit, convert
from budget_review.parsers.catalogue import EXPENSE_CLASSES, squash

THREE_PUBLIC = ("three_public", "three_public_admin", "fa_three_public")
ADMIN = ("admin_operating", "three_public_admin", "fa_admin_operating")


def claim_ref(claim: Claim) -> Ref:
    return Ref(
        claim=claim.text,
        field=claim.kind,
        value=claim.value,
        unit=claim.unit or None,
        page=claim.where.page,
        line=claim.where.line,
    )


def _claims(ctx: Context, kind: str) -> list[Claim]:
    claims = [c for c in ctx.doc.claims if c.kind == kind]
    if not claims:
        raise Skip(f"the narrative states no {kind}")
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


# ---------------------------------------------------------------- subjects


Resolver = Callable[[Context], list[Cell]]


def _cells(table: Table | None, rows: list[Row | None], *names: str) -> list[Cell]:
    if table is None:
        return []
    columns = [c for c in (column(table, n) for n in names) if c] if names else []
    if not names:
        columns = numeric_columns(table)
    return [Cell(table, r, c) for r in rows if r is not None for c in columns]


def _named_rows(table: Table | None, *names: str) -> list[Row | None]:
    if table is None:
        return []
    wanted = {squash(n) for n in names}
    return [r for r in table.rows if squash(r.key) in wanted or squash(r.name) in wanted]


def _totals(ctx: Context, ids: tuple[str, ...], *columns: str) -> list[Cell]:
    table = ctx.table(*ids)
    return _cells(table, [grand_total(table)] if table else [], *columns)


def _summary_rows(ctx: Context, *names: str) -> list[Cell]:
    cells = []
    for ids in (SUMMARY, FISCAL):
        table = ctx.table(*ids)
        cells += _cells(table, _named_rows(table, *names))
    return cells


def _projects_total(ctx: Context) -> list[Cell]:
    return _totals(ctx, PROJECTS, "合计")


# (pattern the words before the number end with, where the number may be printed)
VOCABULARY: list[tuple[re.Pattern[str], Resolver]] = [
    (
        re.compile(r"(?:收入支出总计|收支总计|收支总预算|预算收入总计|收入总计|支出总计)$"),
        lambda ctx: _summary_rows(ctx, "收入总计", "支出总计", "总计"),
    ),
    (
        re.compile(r"一般公共预算(?:当年|财政拨款|拨款)?支出$"),
        lambda ctx: _totals(ctx, GPB, "合计") + _summary_named(ctx, "一般公共预算"),
    ),
    (
        re.compile(r"部门预算资金$"),
        lambda ctx: _summary_rows(ctx, "本年收入合计", "本年支出合计"),
    ),
    (
        re.compile(r"(?:收入预算|支出预算|预算收入|预算支出)$"),
        lambda ctx: _summary_rows(ctx, "收入总计", "支出总计", "总计", "本年收入合计"),
    ),
    (
        re.compile(r"本年(?:收入|支出)(?:合计)?$|本年预算安排$"),
        lambda ctx: _summary_rows(ctx, "本年收入合计", "本年支出合计"),
    ),
    (
        re.compile(r"上年结转(?:收入)?$"),
        lambda ctx: (
            _summary_rows(ctx, "上年结转", "上年财政拨款结转") + _totals(ctx, INCOME, "上年结转")
        ),
    ),
    (
        re.compile(r"(?<!项目)基本支出$"),
        lambda ctx: (
            _totals(ctx, EXPENSE, "基本支出")
            + _totals(ctx, GPB, "基本支出")
            + _totals(ctx, ECONOMIC, "合计")
        ),
    ),
    (
        re.compile(r"(?<!基本)项目支出$"),
        lambda ctx: (
            _totals(ctx, EXPENSE, "项目支出")
            + _totals(ctx, GPB, "项目支出")
            + _totals(ctx, PROJECTS, "合计")
        ),
    ),
    (
        re.compile(r"人员经费$"),
        lambda ctx: (
            _totals(ctx, ECONOMIC, "人员经费")
            + _cells(ctx.table(*ECONOMIC), _named_rows(ctx.table(*ECONOMIC), "人员经费合计"))
        ),
    ),
    (
        re.compile(r"公用经费$"),
        lambda ctx: (
            _totals(ctx, ECONOMIC, "公用经费")
            + _cells(ctx.table(*ECONOMIC), _named_rows(ctx.table(*ECONOMIC), "公用经费合计"))
        ),
    ),
    (
        re.compile(r"[“\"]?三公[”\"]?经费(?:预算|预算数|支出|决算)?(?:数)?为?$"),
        lambda ctx: _three_public(ctx, "合计"),
    ),
    (re.compile(r"因公出国[（(]境[）)]费$|境[）)]费$"), lambda ctx: _three_public(ctx, "出国")),
    (re.compile(r"公务接待费$"), lambda ctx: _three_public(ctx, "接待")),
    (
        re.compile(r"公务用车购置及运行(?:维护)?费$"),
        lambda ctx: _three_public(ctx, "车"),
    ),
    (re.compile(r"公务用车购置费$"), lambda ctx: _three_public(ctx, "购置")),
    (re.compile(r"公务用车运行(?:维护)?费$"), lambda ctx: _three_public(ctx, "运行")),
    (
        re.compile(r"机关运行经费(?:财政拨款)?(?:预算|支出)?(?:为)?$"),
        lambda ctx: _admin(ctx),
    ),
    (
        re.compile(r"(?:纳入绩效目标管理的二级项目.*共计金额|涉及项目金额)$"),
        _projects_total,
    ),
]


_THREE_PUBLIC_ITEMS: dict[str, Callable[[str], bool]] = {
    "合计": lambda name: name in {"合计", "小计"} or name.endswith("合计"),
    "出国": lambda name: "出国" in name,
    "接待": lambda name: "接待" in name,
    "车": lambda name: "购置及运行" in name,
    "购置": lambda name: "购置" in name and "购置及运行" not in name,
    "运行": lambda name: "运行" in name and "购置及运行" not in name,
}


def _three_public(ctx: Context, item: str) -> list[Cell]:
    """A 三公 item, whether the table lists the items as rows (13-table) or as columns."""
    table = ctx.table(*THREE_PUBLIC)
    if table is None:
        return []
    wanted = _THREE_PUBLIC_ITEMS[item]
    columns = [c for c in numeric_columns(table) if "机关运行" not in c]
    rows = [r for r in table.rows if r.kind != "total" or item == "合计"]
    item_rows = [
        r for r in table.rows if (r.kind == "total" if item == "合计" else wanted(squash(r.name)))
    ]
    if item_rows and any(r.kind != "total" and r.name for r in table.rows):
        total_col = column(table, "合计") or (columns[0] if columns else None)
        return [Cell(table, r, total_col) for r in item_rows if total_col]
    item_cols = []
    for col in columns:
        path = col.split("/")
        for index, part in enumerate(path[1:], start=1):
            last = index == len(path) - 1
            if wanted(squash(part)) and (last or path[index + 1] in {"小计", "预算数", "决算数"}):
                item_cols.append(col)
                break
    return [Cell(table, r, c) for r in rows or table.rows for c in item_cols]


def _admin(ctx: Context) -> list[Cell]:
    table = ctx.table(*ADMIN)
    if table is None:
        return []
    columns = [c for c in numeric_columns(table) if "机关运行" in c] or [
        c for c in (column(table, "合计"),) if c
    ]
    rows = [grand_total(table)] if grand_total(table) else table.rows[:1]
    return [Cell(table, r, c) for r in rows if r is not None for c in columns]


def _class_cells(ctx: Context, name: str) -> list[Cell]:
    """A 类 named in the prose, in every table that lists 类."""
    code = EXPENSE_CLASSES.get(squash(name))
    if code is None:
        return []
    cells = []
    for ids in (SUMMARY, FISCAL, EXPENSE, GPB):
        table = ctx.table(*ids)
        if table is None:
            continue
        for row in table.rows:
            if row.code == code:
                cells += [Cell(table, row, c) for c in numeric_columns(table)]
    return cells


_ITEM = re.compile(
    r"(?P<cls>[\u4e00-\u9fff、]+?)[（(]类[)）]"
    r"(?:(?P<sec>[\u4e00-\u9fff、（）()]+?)[（(]款[)）])?"
    r"(?:(?P<item>[\u4e00-\u9fff、（）()]+?)[（(]项[)）])?"
)


def _item_cells(ctx: Context, claim: Claim) -> list[Cell] | None:
    """'A（类）B（款）C（项）X万元': the row named by the nested names, or None if not that form."""
    head = claim.sentence[: claim.sentence.find(claim.text)]
    matches = list(_ITEM.finditer(head))
    if not matches and re.search(r"(?:支出)?决算(?:数)?为?$", squash(claim.subject)):
        # 决算: '…（项）。主要用于…。全年预算为A，支出决算为B' names the item sentences earlier
        paragraph = _paragraph_of(ctx, claim.sentence)
        position = paragraph.find(claim.sentence)
        matches = list(_ITEM.finditer(paragraph[: max(position, 0)]))[-1:]
    if not matches:
        return None
    match = matches[-1]
    names = [squash(match.group(g)) for g in ("cls", "sec", "item") if match.group(g)]
    names = [re.sub(r"^(?:[“\"、]|\d+[.、．])+", "", n) for n in names]
    found: list[Cell] = []
    for ids in (GPB, EXPENSE):
        table = ctx.table(*ids)
        if table is None:
            continue
        rows = [r for r in table.rows if r.code and len(r.code) == 3]
        row = next((r for r in rows if squash(r.name) == names[0]), None)
        for depth, name in enumerate(names[1:], start=1):
            if row is None:
                break
            kids = [
                r for r in table.rows if r.parent == row.key and len(r.code or "") == 3 + 2 * depth
            ]
            row = next((r for r in kids if squash(r.name) == name), None)
        if row is not None:
            found += [Cell(table, row, c) for c in numeric_columns(table)]
    return found


_NOISE = re.compile(r"拨款|收入|资金|财政|当年|支出")


def _norm(text: str) -> str:
    """'一般公共预算拨款收入', '一般公共预算资金' and '一般公共预算' name one fund."""
    return re.sub(r"预算$", "", _NOISE.sub("", squash(text)))


def _summary_named(ctx: Context, subject: str) -> list[Cell]:
    """Rows and total columns of the summary tables named like the subject."""
    wanted, loose = squash(subject), _norm(subject)
    names = _summary_names(ctx)
    cells = list(names.get(("exact", wanted), []))
    if len(loose) >= 4:
        cells += names.get(("loose", loose), [])
    return cells


def _summary_names(ctx: Context) -> dict[tuple[str, str], list[Cell]]:
    """Summary-table cells by the exact and the loose form of their row or column name."""
    index = ctx.memo.get("summary_names")
    if index is not None:
        return index  # type: ignore[return-value]
    built: dict[tuple[str, str], list[Cell]] = {}
    for ids in (SUMMARY, FISCAL):
        table = ctx.table(*ids)
        if table is None:
            continue
        columns = numeric_columns(table)
        for row in table.rows:
            key = squash(row.key.split("/")[-1])
            row_cells = [Cell(table, row, c) for c in columns]
            built.setdefault(("exact", key), []).extend(row_cells)
            built.setdefault(("loose", _norm(key)), []).extend(row_cells)
            if row.kind == "total":
                for col in columns:
                    leaf = _norm(col.split("/")[-1])
                    built.setdefault(("loose", leaf), []).append(Cell(table, row, col))
    ctx.memo["summary_names"] = built
    return built


def _resolve(ctx: Context, claim: Claim) -> list[Cell]:
    item = _item_cells(ctx, claim)
    if item is not None:
        return item
    subject = squash(claim.subject).rstrip("为：:")
    subject = (
        re.sub(r"(?:拨款)?(?:收入|支出|预算)?$", "", subject)
        if subject in EXPENSE_CLASSES
        else subject
    )
    if squash(claim.subject) in EXPENSE_CLASSES:
        return _class_cells(ctx, claim.subject)
    named = _summary_named(ctx, subject)
    if named:
        return named
    for pattern, resolver in VOCABULARY:
        if pattern.search(subject):
            if resolver is _projects_total and "类项目" in claim.sentence:
                return []  # a category's share of the projects, not their total
            return resolver(ctx)
    return []


@rule(
    "N1",
    "表文",
    "说明中的金额等于其所指表格数字（按说明的单位和位数折算）",
    "Each amount in the narrative equals the table figure it names, in the narrative's unit",
)
def amounts(ctx: Context) -> None:
    for claim in _claims(ctx, "amount"):
        cells = [c for c in _resolve(ctx, claim) if c.printed or c.figure is not None]
        if not cells:
            continue
        ctx.compared += 1
        values = [(c, _in_claim_unit(c, claim)) for c in cells]
        if any(v == claim.value for _, v in values):
            continue
        if claim.value == 0 and all(not c.printed or c.value == 0 for c in cells):
            continue
        printed = [(c, v) for c, v in values if v is not None and c.printed]
        if not printed:
            continue
        cell, value = min(printed, key=lambda cv: abs((cv[1] or 0) - claim.value))
        assert value is not None
        ctx.add(
            Severity.ERROR,
            f"说明中「{claim.subject}」{claim.text}，表{cell.table.number}为 {value} {claim.unit}",
            f"the narrative gives {claim.subject} as {claim.text}; 表{cell.table.number} gives "
            f"{value} {claim.unit}",
            [claim_ref(claim), cell.ref()],
            value,
            claim.value,
            claim.unit,
        )


# ---------------------------------------------------------------- shares

_AMOUNT_SHARE = re.compile(
    r"(?P<amount>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)[^，。；%\d]{0,4}[，,]?\s*"
    r"占(?P<base>[^，。；%\d]{0,20}?)(?P<share>\d+(?:\.\d+)?)\s*[%％]"
)
_ANY_AMOUNT = re.compile(r"(?P<num>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)")


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("，", ""))


def _paragraph_of(ctx: Context, sentence: str) -> str:
    for section in ctx.doc.sections:
        for paragraph in section.paragraphs:
            if sentence in paragraph:
                return paragraph
    return sentence


def share_fits(part: str, base: str, share: str, slack: Decimal = Decimal(0)) -> bool:
    """Whether the printed share can come from the printed amounts (rules §8 R5)."""
    a, b, p = _number(part), _number(base), _number(share)
    if b <= 0:
        return False
    ua, ub = last_digit(part) / 2, last_digit(base) / 2
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
        paragraph = _paragraph_of(ctx, claim.sentence)
        bases = [m.group("num") for m in _ANY_AMOUNT.finditer(paragraph)]
        bases += [str(c.value) for c in _main_totals(ctx)]
        for match in _AMOUNT_SHARE.finditer(claim.sentence):
            part, share = match.group("amount"), match.group("share")
            if _number(part) == 0:
                continue
            ctx.compared += 1
            candidates = [b for b in bases if _number(b) >= _number(part)]
            if any(share_fits(part, b, share) for b in candidates):
                continue
            # Shares forced to add up to 100% may each move by one last digit (R5): a tail.
            slack = last_digit(share)
            severity = (
                Severity.TAIL
                if any(share_fits(part, b, share, slack) for b in candidates)
                else Severity.ERROR
            )
            share_claim = next(
                (
                    c
                    for c in share_claims
                    if c.sentence == claim.sentence and c.value == _number(share)
                ),
                claim,
            )
            ctx.add(
                severity,
                f"说明中 {part}{match.group('unit')} 占 {share}%，与所述任何基数都不符",
                f"the narrative gives {part} {match.group('unit')} as {share}%, which no "
                f"amount it names as the whole gives",
                [claim_ref(share_claim)],
                None,
                _number(share),
                "%",
            )


def _main_totals(ctx: Context) -> list[Cell]:
    cached = ctx.memo.get("main_totals")
    if cached is not None:
        return cached  # type: ignore[return-value]
    cells = _summary_rows(ctx, "收入总计", "支出总计", "总计", "本年收入合计", "本年支出合计")
    for ids in (GPB, EXPENSE, PROJECTS, THREE_PUBLIC):
        cells += _totals(ctx, ids, "合计")
    found = [c for c in cells if c.printed and c.table.unit == Unit.WAN_YUAN]
    ctx.memo["main_totals"] = found
    return found


# ---------------------------------------------------------------- changes

_CHANGE = re.compile(
    r"(?:比|较|与)(?:上年|上一年|\d{4}\s*年)[^，。；\d]{0,14}?(?P<dir>增加|减少|增长|下降)\s*"
    r"(?P<x>\d[\d,，]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)[，,]?\s*"
    r"(?P<rdir>增长|下降|增加|减少|上升|降低)\s*(?P<r>\d+(?:\.\d+)?)\s*[%％]"
)
_UP = {"增加", "增长", "上升"}


def rate_fits(current: str, change: str, rate: str, increase: bool) -> bool | None:
    """Whether R = X / 上年 × 100 holds with 上年 = A ∓ X (rules §8 R6); None if 上年 ≤ 0."""
    a, x, r = _number(current), _number(change), _number(rate)
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
            up, rate_up = match.group("dir") in _UP, match.group("rdir") in _UP
            rate_claim = next(
                (
                    c
                    for c in rates
                    if c.sentence == sentence and c.value == _number(match.group("r"))
                ),
                None,
            )
            refs = [claim_ref(rate_claim)] if rate_claim else []
            ctx.compared += 1
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
                _number(match.group("r")),
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
        total = _find_claim(ctx, sentence, _number(head.group("total")))
        found = []
        for part in parts[:3]:
            owner = sentence if part.group() in sentence else sentences[index + 1]
            claim = _find_claim(ctx, owner, _number(part.group("num")))
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
        raise Skip("the narrative states no numbers")
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
        count_total = _find_claim(ctx, sentence, _number(head.group("count")))
        amount_total = _find_claim(ctx, sentence, _number(head.group("num")))
        counts = [_find_claim(ctx, s, _number(m.group("count"))) for s, m in parts]
        amounts_ = [_find_claim(ctx, s, _number(m.group("num"))) for s, m in parts]
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
