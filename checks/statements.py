"""What a sentence asserts about the numbers it gives: directions and parts.

'年初预算为A万元，支出决算为B万元，决算数大于预算数', '上年A万元，本年B万元，与上年持平':
the direction words must agree with A and B. '共有车辆8辆，其中执法执勤用车5辆、
机要通信用车4辆': the parts cannot exceed the whole, and parts said to be all of it
('分别为') must add up to it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_review.checks.across import ECONOMIC, column
from budget_review.checks.context import Cell, Context, Skip
from budget_review.checks.registry import rule
from budget_review.checks.tolerance import last_digit, printed_value
from budget_review.checks.wording import clause
from budget_review.checks.writing import Paragraph, paragraphs, text_ref
from budget_review.model import Severity, words
from budget_review.model.vocabulary import (
    DECREASE_WORDS,
    FLAT_WORDS,
    INCREASE_WORDS,
    direction_of,
    squash,
)

_NUM = r"\d[\d,，]*(?:\.\d+)?"
_AMOUNT = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>亿元|万元|元)")
_SENTENCE = re.compile(r"[^。；;！？]+[。；;！？]?")
_CLAUSE_START = re.compile(r"[，,。；;：:（(]")
_DIRECTION = re.compile(
    "|".join(sorted((*INCREASE_WORDS, *DECREASE_WORDS, *FLAT_WORDS), key=len, reverse=True))
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A base (what is compared with) and a new figure, by the words before each amount.
_BASE_WORDS = re.compile(
    r"上年(?!结转|结余)|上一年|去年|年初预算|预算数|全年预算|调整预算|预算为|执行数"
)
# An amount that is the change itself ('比上年变化0万元', '增减额'), not either year's.
_CHANGE_WORDS = re.compile(r"比|较|相比|变化|变动|增减|差额")
_NEW_WORDS = re.compile(r"本年|今年|当年|决算数|决算为|支出决算|收入决算|实际支出")


def _sentences(paragraph: Paragraph) -> list[str]:
    return [s for s in _SENTENCE.findall(paragraph.text) if s.strip()]


def _label(sentence: str, start: int) -> str:
    """The words of the amount's own clause before it."""
    head = sentence[:start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(head)), default=0)
    return head[cut:]


def _side(label: str, year: int | None, final: bool) -> str | None:
    """'base' or 'new' for an amount, by its label; None when it is neither (a change)."""
    if _DIRECTION.search(label[-4:]) or _CHANGE_WORDS.search(label):
        return None  # '增加333.83万元' is the change, not a year's figure
    found = [int(y) for y in _YEAR.findall(label)]
    if year is not None and found:
        if found[-1] == year:
            # in a 决算 the year's 预算 is what the 决算 is compared with
            return "base" if final and "预算" in label and "决算" not in label else "new"
        if found[-1] < year:
            return "base"
    if _NEW_WORDS.search(label):
        return "new"
    if _BASE_WORDS.search(label) or (final and "预算" in label):
        return "base"
    return None


@rule(
    "N7",
    "表文",
    "增减、持平、大于小于等文字与所给的两个金额相符",
    "Direction words (增加, 减少, 持平, 大于, 小于) agree with the two amounts the sentence gives",
)
def directions(ctx: Context) -> None:
    year = ctx.doc.meta.year
    final = ctx.doc.meta.kind == "final_accounts"
    found_any = False
    for paragraph in paragraphs(ctx):
        sentences = _sentences(paragraph)
        for index, sentence in enumerate(sentences):
            amounts = list(_AMOUNT.finditer(sentence))
            if len(amounts) < 2:
                continue
            # the first new figure, and the base printed last before it ('年初预算为0万元，
            # 全年预算为321.02万元，支出决算为307.82万元' compares with 全年预算)
            sides: dict[str, re.Match[str]] = {}
            for amount in amounts:
                side = _side(_label(sentence, amount.start()), year, final)
                if side == "new" and "new" not in sides:
                    sides["new"] = amount
                elif side == "base" and "new" not in sides:
                    sides["base"] = amount
            if set(sides) != {"base", "new"} or sides["base"]["unit"] != sides["new"]["unit"]:
                continue
            after = sentence[max(sides["base"].end(), sides["new"].end()) :]
            _completion(ctx, paragraph, sentence, after, sides)
            word = _DIRECTION.search(after)
            if word is None and index + 1 < len(sentences):
                # '…支出决算为B万元。决算数大于预算数的主要原因是…': the next sentence says it
                word = _COMPARED.match(sentences[index + 1])
            if word is None:
                continue
            found_any = True
            ctx.compared += 1
            said_word = word.group("word") if "word" in word.groupdict() else word.group()
            said = direction_of(said_word)
            base, new = sides["base"]["num"], sides["new"]["num"]
            a, b = printed_value(base), printed_value(new)
            step = max(last_digit(base), last_digit(new))
            actual = "flat" if abs(b - a) < step else ("increase" if b > a else "decrease")
            if said == actual:
                continue
            unit = sides["new"]["unit"]
            ctx.add(
                Severity.ERROR,
                f"说「{said_word}」，但所给两数为 {base}{unit} 与 {new}{unit}：{clause(sentence)}",
                f"says {said_word} but the two amounts are {base} and {new} {unit}: "
                f"{clause(sentence)}",
                [text_ref(paragraph, sentence)],
                a,
                b,
                unit,
            )
    if not found_any:
        raise Skip(words("reason.no_directions"))


_COMPARED = re.compile(
    r"^[“”\"]?[^，。；]{0,12}?决算数?(?:比预算数?|与预算数?)?(?P<word>大于|小于|等于|高于|低于|超过|持平)"
)
_COMPLETED = re.compile(
    r"完成(?:了)?(?:年初)?(?:调整)?预算(?:数)?的\s*(?P<rate>\d+(?:\.\d+)?)\s*[%％]"
)


def _completion(
    ctx: Context,
    paragraph: Paragraph,
    sentence: str,
    after: str,
    sides: dict[str, re.Match[str]],
) -> None:
    """'年初预算为A万元，支出决算为B万元，完成年初预算的R%': R = B / A × 100 (rules §8 R5)."""
    found = _COMPLETED.search(after)
    if found is None:
        return
    base, new, rate = sides["base"]["num"], sides["new"]["num"], found.group("rate")
    a, b, r = printed_value(base), printed_value(new), printed_value(rate)
    ua, ub, ur = last_digit(base) / 2, last_digit(new) / 2, last_digit(rate) / 2
    if a - ua <= 0:
        return
    ctx.compared += 1
    low = max(b - ub, Decimal(0)) / (a + ua) * 100 - ur
    high = (b + ub) / (a - ua) * 100 + ur
    if low <= r <= high:
        return
    computed = (b / a * 100).quantize(last_digit(rate))
    ctx.add(
        Severity.ERROR,
        f"完成预算的比例应为 {computed}%（{new} ÷ {base}），文中为 {rate}%：{clause(sentence)}",
        f"{new} of {base} is {computed}% of the budget; the text says {rate}%: {clause(sentence)}",
        [text_ref(paragraph, sentence, r)],
        computed,
        r,
        "%",
    )


_COUNT_UNIT = r"(?:个|辆|人|名|台|套|处|项|家|间|平方米|亩|栋|座|次|场|件)"
_WHOLE = re.compile(
    rf"(?:共有?|合计|总计|总共|共计|总数为?)[^\d，。；、]{{0,8}}?(?P<n>\d+(?:\.\d+)?)\s*"
    rf"(?P<u>{_COUNT_UNIT})"
)
_PART = re.compile(rf"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>{_COUNT_UNIT})")


@rule(
    "N8",
    "表文",
    "数量的组成部分不超过总数；“分别为”的各部分之和等于总数",
    "The parts of a count or area never exceed the whole; parts given as all of it "
    "(分别为) add up to it",
)
def counts(ctx: Context) -> None:
    found_any = False
    for paragraph in paragraphs(ctx):
        for sentence in _sentences(paragraph):
            first = _WHOLE.search(sentence)
            if first is None:
                continue
            marker = re.search(r"其中|分别为|包括", sentence[first.start() :])
            if marker is None:
                continue
            at = first.start() + marker.start()
            # the whole is the count printed last before 其中: '编制10辆，实有23辆，其中…'
            whole = [
                m
                for m in _PART.finditer(sentence[first.start() : at])
                if m.group("u") == first["u"]
            ][-1]
            parts = [m for m in _PART.finditer(sentence[at:]) if m.group("u") == whole.group("u")]
            if not parts:
                continue
            found_any = True
            ctx.compared += 1
            total = Decimal(whole.group("n"))
            summed = sum((Decimal(p.group("n")) for p in parts), Decimal(0))
            complete = marker.group() == "分别为"
            if summed > total or (complete and summed != total):
                unit = whole.group("u")
                listed = "、".join(p.group() for p in parts)
                ctx.add(
                    Severity.ERROR,
                    f"总数 {whole.group('n')}{unit}，各部分（{listed}）之和为 {summed}{unit}："
                    f"{clause(sentence)}",
                    f"a whole of {whole.group('n')} {unit} with parts ({listed}) adding up to "
                    f"{summed}: {clause(sentence)}",
                    [text_ref(paragraph, sentence)],
                    summed,
                    total,
                    unit,
                )
    if not found_any:
        raise Skip(words("reason.no_counts"))


_LISTED = re.compile(
    r"(?P<what>人员经费|公用经费)[^。；]{0,40}?(?:主要)?(?:包括|用于|含)[:：]?(?P<items>[^。；]+)"
)
_ITEM_SPLIT = re.compile(r"[、，,及和与]")


def _listed_items(text: str) -> list[str]:
    items = [re.sub(r"(?:等(?:支出|方面)?|等)$", "", i.strip()) for i in _ITEM_SPLIT.split(text)]
    return [i for i in items if 2 <= len(i) <= 16 and not re.search(r"\d", i)]


@rule(
    "N9",
    "表文",
    "说明列出的人员经费、公用经费构成，与基本支出经济分类表一致",
    "What the text lists under 人员经费 or 公用经费 agrees with the basic-expenditure table",
)
def listed_uses(ctx: Context) -> None:
    table = ctx.table(*ECONOMIC)
    if table is None:
        raise Skip(words("reason.no_economic_table"))
    found_any = False
    for paragraph in paragraphs(ctx):
        if "名词解释" in paragraph.section:
            continue  # a glossary defines the words; it does not describe this budget
        for sentence in _sentences(paragraph):
            match = _LISTED.search(sentence)
            if match is None or re.search(r"(?:是|系)?指", sentence[: match.start("items")]):
                continue
            col = column(table, match.group("what")) or column(table, "合计")
            if col is None:
                continue
            found_any = True
            for item in _listed_items(match.group("items")):
                rows = [
                    r for r in table.rows if r.kind != "total" and squash(r.name) == squash(item)
                ]
                if not rows:
                    continue  # a use the table does not itemise
                ctx.compared += 1
                if any(r.figures.get(col) is not None and r.value(col) for r in rows):
                    continue
                ctx.add(
                    Severity.WARNING,
                    f"说明称{match.group('what')}包括「{item}」，表{table.number}中该项为空或为零："
                    f"{clause(sentence)}",
                    f"the text lists 「{item}」 under {match.group('what')}, which 表"
                    f"{table.number} leaves blank or at zero: {clause(sentence)}",
                    [text_ref(paragraph, sentence), *(Cell(table, r, col).ref() for r in rows)],
                )
    if not found_any:
        raise Skip(words("reason.no_listed_uses"))
