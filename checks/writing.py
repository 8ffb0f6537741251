"""文字: what a reviewer's checklist catches in the prose.

Per-item explanations ('…（类）…（款）…（项）X万元 … 2025年预算执行数为P万元，2026年预算
安排Q万元，比2025年预算执行数增加R%。主要原因是：…') are read into items; their amounts
and rates are checked against each other and their names against the tables. The
other rules read every paragraph: years, 部门/单位 wording, missing reasons, writing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from budget_review.checks.context import Context, Skip
from budget_review.checks.registry import ANY, rule
from budget_review.checks.subjects import (
    GPB_AND_EXPENSE,
    ITEM_PATTERN,
    code_rows,
    item_names,
    printed_code,
)
from budget_review.checks.tolerance import last_digit, printed_value
from budget_review.model import Address, Provenance, Ref, Severity, words
from budget_review.model.vocabulary import EXPENSE_CLASSES, direction_of, squash

_NUM = r"\d[\d,，]*(?:\.\d+)?"
# the item's heading, then the amount printed right after it
ITEM = re.compile(ITEM_PATTERN + rf"[”\"’]?[：:，,]?\s*(?:(?P<amount>{_NUM})\s*万元)?")
_BASE = re.compile(rf"(?P<year>\d{{4}})年(?:当年)?(?:预算)?执行数为?(?P<num>{_NUM})\s*万元")
_NEW = re.compile(rf"(?P<year>\d{{4}})年(?:预算安排|预算数为|预算为)(?P<num>{_NUM})\s*万元")
_RATE = re.compile(r"比[^，。；]{0,16}?(?P<dir>增加|减少|增长|下降)(?P<rate>\d+(?:\.\d+)?)\s*[%％]")
_REASON = re.compile(r"原因(?:是|为|主要是)?\s*[:：]?\s*(?P<reason>[^。；;]*)")
_FLAT = re.compile(r"比[^，。；]{0,16}?持平|与[^，。；]{0,16}?持平")
_MISSING_REASON = re.compile(r"原因(?:是|为|主要是)?\s*[:：]?\s*(?:[。；;]|$)")
_DOUBLED = re.compile(r"([。，；、：！？])\1+")
_GARBLED = re.compile(r"\ufffd|\(cid:\d+\)|[\ue000-\uf8ff]")
_PLACEHOLDER = re.compile(r"[XＸ×]{2,}|待填写?|【\s*】")
# A half-width comma, semicolon or colon between Chinese characters (，；： expected).
_HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff])[,;:](?=[\u4e00-\u9fff])")
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("【", "】"), ("‘", "’"))


@dataclass
class Paragraph:
    text: str
    where: Provenance
    section: str
    key: str = ""  # Section.paragraph_key


@dataclass
class Item:
    """One per-item explanation of the narrative."""

    names: list[str]
    codes: list[str | None]  # the code part printed at each level, if any
    code: str | None  # those parts joined, to the deepest level printed
    amount: str | None
    base: tuple[int, str] | None  # (year, amount) of 上年执行数
    new: tuple[int, str] | None  # (year, amount) of 本年预算安排
    rate: tuple[str, str] | None  # (direction word, rate)
    flat: bool
    reason: str | None  # what follows 主要原因是, when the item gives one
    text: str
    paragraph: Paragraph


def paragraphs(ctx: Context) -> list[Paragraph]:
    found: list[Paragraph] | None = ctx.memo.get("writing.paragraphs")  # type: ignore[assignment]
    if found is None:
        found = [
            Paragraph(text, section.place_of(index), section.heading, section.paragraph_key(index))
            for section in ctx.doc.sections
            for index, text in enumerate(section.paragraphs)
        ]
        ctx.memo["writing.paragraphs"] = found
    if not found:
        raise Skip(words("reason.no_narrative"))
    return found


def items(ctx: Context) -> Iterator[Item]:
    for paragraph in paragraphs(ctx):
        matches = [m for m in ITEM.finditer(paragraph.text) if m.group("item") or m.group("sec")]
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(paragraph.text)
            segment = paragraph.text[match.start() : end]
            base, new, rate = _BASE.search(segment), _NEW.search(segment), _RATE.search(segment)
            yield Item(
                names=item_names(match),
                codes=[match.group("cc"), match.group("sc"), match.group("ic")],
                code=printed_code(match),
                amount=match.group("amount"),
                base=(int(base.group("year")), base.group("num")) if base else None,
                new=(int(new.group("year")), new.group("num")) if new else None,
                rate=(rate.group("dir"), rate.group("rate")) if rate else None,
                flat=bool(_FLAT.search(segment)),
                reason=reason.group("reason").strip()
                if (reason := _REASON.search(segment))
                else None,
                text=segment,
                paragraph=paragraph,
            )


def quote(text: str, limit: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_ref(paragraph: Paragraph, text: str, value: Decimal | None = None) -> Ref:
    return Ref(
        Address(paragraph=paragraph.key or None, field="text"),
        text=quote(text),
        value=value,
        page=paragraph.where.page,
        line=paragraph.where.line,
        part=paragraph.where.part,
    )


def item_list(ctx: Context) -> list[Item]:
    """The per-item explanations, read once per run for every rule that uses them."""
    found = ctx.memo.get("writing.items")
    if found is None:
        found = list(items(ctx))
        ctx.memo["writing.items"] = found
    return found  # type: ignore[return-value]


def _items(ctx: Context) -> list[Item]:
    found = item_list(ctx)
    if not found:
        raise Skip(words("reason.no_items"))
    return found


@rule(
    "N5",
    "表文",
    "同一科目说明中所述的本年金额前后一致",
    "The amounts one item explanation gives for this year agree with each other",
)
def item_amounts_agree(ctx: Context) -> None:
    for item in _items(ctx):
        if item.amount is None or item.new is None:
            continue
        ctx.compared += 1
        stated, restated = printed_value(item.amount), printed_value(item.new[1])
        if stated == restated:
            continue
        ctx.add(
            Severity.ERROR,
            f"「{'/'.join(item.names)}」先写 {item.amount} 万元，又写 {item.new[0]}年预算安排 "
            f"{item.new[1]} 万元：{quote(item.text)}",
            f"'{'/'.join(item.names)}' is first {item.amount} 万元, then {item.new[1]} 万元 "
            f"for {item.new[0]}: {quote(item.text)}",
            [text_ref(item.paragraph, item.text, restated)],
            stated,
            restated,
            "万元",
        )


def rate_holds(base: str, new: str, rate: str, increase: bool) -> bool | None:
    """R = |Q − P| / P × 100 at the printed precision (rules §8 R6); None when P is 0."""
    p, q, r = printed_value(base), printed_value(new), printed_value(rate)
    up, uq, ur = last_digit(base) / 2, last_digit(new) / 2, last_digit(rate) / 2
    if p - up <= 0:
        return None
    if (q > p) != increase and q != p:
        return False
    change_low = max(abs(q - p) - up - uq, Decimal(0))
    change_high = abs(q - p) + up + uq
    low = change_low / (p + up) * 100 - ur
    high = change_high / (p - up) * 100 + ur
    return low <= r <= high


@rule(
    "N6",
    "表文",
    "增减率由两年金额按打印精度算出，方向正确；持平即金额相等",
    "Each rate recomputes from the two amounts it relates, in the right direction; "
    "持平 means equal amounts",
)
def item_rates(ctx: Context) -> None:
    for item in _items(ctx):
        if item.base is None or item.new is None:
            continue
        base, new = item.base[1], item.new[1]
        ctx.compared += 1
        if item.flat:
            if printed_value(base) != printed_value(new):
                ctx.add(
                    Severity.ERROR,
                    f"说「持平」，但 {item.base[0]}年 {base} 万元与 {item.new[0]}年 {new} "
                    f"万元不同：{quote(item.text)}",
                    f"says 持平 but {base} and {new} 万元 differ: {quote(item.text)}",
                    [text_ref(item.paragraph, item.text)],
                    printed_value(base),
                    printed_value(new),
                    "万元",
                )
            continue
        if item.rate is None:
            continue
        word, rate = item.rate
        verdict = rate_holds(base, new, rate, direction_of(word) == "increase")
        if verdict is None or verdict:
            continue
        p, q = printed_value(base), printed_value(new)
        actual = (abs(q - p) / p * 100).quantize(last_digit(rate)) if p else None
        ctx.add(
            Severity.ERROR,
            f"{base} 万元到 {new} 万元，写「{word}{rate}%」，按两数应为"
            f"{'增加' if q > p else '减少'}{actual}%：{quote(item.text)}",
            f"from {base} to {new} 万元 the text says {word} {rate}%; the amounts give "
            f"{'an increase' if q > p else 'a decrease'} of {actual}%: {quote(item.text)}",
            [text_ref(item.paragraph, item.text, printed_value(rate))],
            actual,
            printed_value(rate),
            "%",
        )


@rule(
    "T1",
    "文字",
    "说明中的类、款、项名称与表中同一科目的名称一致",
    "Class, 款 and 项 names in the text are the table's names for the same code",
)
def names_match_the_tables(ctx: Context) -> None:
    rows = code_rows(ctx, GPB_AND_EXPENSE)
    if not rows:
        raise Skip(words("reason.no_functional"))
    for item in _items(ctx):
        codes = _codes(item)
        for name, code in zip(item.names, codes, strict=False):
            if code is None or code not in rows:
                continue
            ctx.compared += 1
            printed = squash(rows[code].name)
            if printed == name:
                continue
            ctx.add(
                Severity.WARNING,
                f"说明写「{name}」，表中科目 {code} 名为「{rows[code].name}」：{quote(item.text)}",
                f"the text names {code} '{name}'; the tables call it '{rows[code].name}': "
                f"{quote(item.text)}",
                [text_ref(item.paragraph, item.text)],
            )


def _codes(item: Item) -> list[str | None]:
    """The code of each level: printed in the text, or the class found by its name."""
    printed = item.codes
    if printed[0] is None:
        cls = EXPENSE_CLASSES.get(item.names[0]) if item.names else None
        return [cls, None, None] if cls else [None, None, None]
    codes: list[str | None] = []
    prefix = ""
    for part in printed:
        if part is None:
            codes.append(None)
            continue
        prefix += part
        codes.append(prefix)
    return codes


@rule(
    "T2",
    "文字",
    "年度前后一致：本年为文件年度，上年为前一年",
    "Years agree with the document: this year is its year, last year the one before",
)
def years(ctx: Context) -> None:
    year = ctx.doc.meta.year
    if year is None:
        raise Skip(words("reason.no_year"))
    for item in _items(ctx):
        for label, found, expected in (
            ("上年执行数", item.base, year - 1),
            ("本年预算", item.new, year),
        ):
            if found is None:
                continue
            ctx.compared += 1
            if found[0] != expected:
                ctx.add(
                    Severity.WARNING,
                    f"{label}写作 {found[0]} 年，文件为 {year} 年度：{quote(item.text)}",
                    f"{label} is given for {found[0]} in a {year} document: {quote(item.text)}",
                    [text_ref(item.paragraph, item.text, Decimal(found[0]))],
                )


@rule(
    "T3",
    "文字",
    "部门/单位用语与文件一致：单位预算不称部门预算，反之亦然",
    "部门/单位 wording matches the document: a unit budget does not call itself 部门预算",
    compares=False,
)
def scope_wording(ctx: Context) -> None:
    scope = ctx.doc.meta.scope
    kind = "预算" if ctx.doc.meta.kind != "final_accounts" else "决算"
    if scope is None:
        raise Skip(words("reason.no_scope"))
    wrong = re.compile(
        rf"(?<![本各])部门{kind}(?!支出经济分类|经济分类|管理|编制办法)"
        if scope == "unit"
        else rf"本单位{kind}"  # units of a department have 单位决算 of their own
    )
    for paragraph in paragraphs(ctx):
        match = wrong.search(paragraph.text)
        if match:
            ctx.add(
                Severity.WARNING,
                f"{'单位' if scope == 'unit' else '部门'}{kind}中出现「{match.group()}」："
                f"{quote(paragraph.text[max(match.start() - 20, 0) :])}",
                f"a {'unit' if scope == 'unit' else 'department'} document says "
                f"'{match.group()}': {quote(paragraph.text[max(match.start() - 20, 0) :])}",
                [text_ref(paragraph, paragraph.text[max(match.start() - 20, 0) :])],
            )


@rule(
    "T4",
    "文字",
    "说明增减变化时写明原因",
    "Every stated increase or decrease carries a reason",
    compares=False,
)
def reasons(ctx: Context) -> None:
    for paragraph in paragraphs(ctx):
        for match in _MISSING_REASON.finditer(paragraph.text):
            start = max(match.start() - 30, 0)
            ctx.add(
                Severity.WARNING,
                f"原因未写：「{paragraph.text[start : match.end()]}」",
                f"the reason is missing: '{paragraph.text[start : match.end()]}'",
                [text_ref(paragraph, paragraph.text[start : match.end()])],
            )


@rule(
    "T5",
    "文字",
    "文字规范：重复标点、引号括号不配对、乱码、占位符",
    "Writing: doubled punctuation, unbalanced quotes and brackets, garbled text, placeholders",
    families=ANY,
    compares=False,
)
def writing(ctx: Context) -> None:
    for paragraph in paragraphs(ctx):
        text = paragraph.text
        problems = []
        for pattern, zh, en in (
            (_DOUBLED, "重复标点", "doubled punctuation"),
            (_GARBLED, "乱码", "garbled characters"),
            (_PLACEHOLDER, "占位符", "placeholder"),
            (_HALF_WIDTH, "中文中用了半角标点", "half-width punctuation in Chinese text"),
        ):
            match = pattern.search(text)
            if match:
                problems.append((zh, en, match.start()))
        for opening, closing in _PAIRS:
            if text.count(opening) == text.count(closing):
                continue
            half = {"（": "(", "）": ")"}
            mixed = opening in half and text.count(opening) + text.count(half[opening]) == (
                text.count(closing) + text.count(half[closing])
            )
            zh = "全角半角括号混用" if mixed else f"{opening}{closing}不配对"
            en = (
                "full- and half-width brackets mixed" if mixed else f"unbalanced {opening}{closing}"
            )
            problems.append((zh, en, max(text.find(opening), 0)))
        for zh, en, at in problems:
            start = max(at - 20, 0)
            ctx.add(
                Severity.INFO,
                f"{zh}：{quote(text[start:])}",
                f"{en}: {quote(text[start:])}",
                [text_ref(paragraph, text[start:])],
            )
