"""Table titles: a title is [label] [year] [prefix] core [qualifier].

`normalise_title` strips the parts around the core so that the role names in
`model.roles` serve every region and year; `match_title` finds the role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_review.model.numerals import chinese_to_int
from budget_review.model.roles import (
    BUDGET,
    CARRYOVER,
    ECONOMIC,
    FINAL,
    FUNCTION,
    ROLES,
    TableRole,
    role_fits,
)
from budget_review.model.vocabulary import squash

# A label's number: digits that stop before a year ('表12026年' is 表1), or a numeral.
_NUMBER = r"\d{1,2}(?:\s*[-－—]\s*\d{1,2})?(?=\D|(?:19|20)\d\d|$)|[一二三四五六七八九十]+"
# Labels in every style: 预算公开表1, 部门公开表1, 公开01表, 预算01表, 预算表12, 表一, 表1-1,
# 附表1, 附件1, "1.", 一、
_LABEL_BODY = (
    r"(?:(?:部门|预算|决算)?公开|附|预算|决算)?表\s*(?:" + _NUMBER + r")"
    r"|(?:部门)?公开\s*\d{1,2}\s*表|(?:预算|决算)\s*\d{1,2}\s*表|附件\s*\d{1,2}"
)
# A line that is a label and nothing else (the title stands on the next line, or the one before)
LABEL_LINE = re.compile(r"^(?:" + _LABEL_BODY + r")$")
_LABEL = re.compile(
    r"^(?P<label>" + _LABEL_BODY + r"|[一二三四五六七八九十]{1,3}、"
    r"|\d{1,2}\s*[.、．](?=\s*(?:19|20)\d\d|[^\d]))\s*[:：]?\s*"
)
# A label after the title: '…收支总表（预算表1）' or '…收支总表   公开01表'
_TRAILING_LABEL = re.compile(
    r"(?:[（(]\s*(?P<a>" + _LABEL_BODY + r")\s*[)）]|\s+(?P<b>" + _LABEL_BODY + r"))$"
)
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?")
_QUALIFIER = re.compile(r"（([^（）]{1,24})）$")
# After the label and year: who publishes the table, which says nothing of its role.
_PREFIXES = ("部门综合预算", "部门预算", "预算单位", "本部门", "本单位", "部门", "单位", "本年")
_PROSE = re.compile(r"[，。；,;！？]|说明$|的$")


@dataclass(frozen=True)
class TitleParts:
    label: str | None
    number: int | None
    year: int | None
    core: str
    qualifier: str | None  # the last bracketed part: 不含上年结转, 按功能分类科目 …
    classification: str | None = None  # function | economic | carryover, from the whole title


def label_number(label: str) -> int | None:
    """The table number a label gives: 预算公开表1 → 1, 表十三 → 13, 表1-2 → None."""
    if re.search(r"\d\s*[-－—]\s*\d", label):
        return None
    digits = re.search(r"\d+", label)
    if digits:
        return int(digits.group())
    numeral = re.search(r"[一二三四五六七八九十]+", label)
    return chinese_to_int(numeral.group()) if numeral else None


def _classification(core: str, qualifiers: list[str]) -> str | None:
    said = "".join(qualifiers) + core
    if "上年结转" in said and not any(q.startswith("不含") for q in qualifiers):
        return CARRYOVER
    if "经济" in said:
        return ECONOMIC
    if "功能" in said:
        return FUNCTION
    return None


# a unit printed at the end of the title line: '2026年部门收入总表    单位：万元'
UNIT_AFTER_TITLE = re.compile(r"\s*[（(]?(?:金额)?单位\s*[:：]\s*(?:万元|元)[)）]?\s*$")


def normalise_title(text: str) -> TitleParts:
    text = re.sub(r"\.{3,}.*$|…{2,}.*$|[·.．]{2,}\s*\d+$", "", text.strip())  # dot leaders
    text = UNIT_AFTER_TITLE.sub("", text)
    label = None
    match = _LABEL.match(text)
    if match:
        label = re.sub(r"\s+", "", match.group("label"))
        text = text[match.end() :]
    trailing = _TRAILING_LABEL.search(text.strip())
    if trailing:
        found = re.sub(r"\s+", "", trailing.group("a") or trailing.group("b"))
        label = label if label and label_number(label) is not None else found
        text = text.strip()[: trailing.start()]
    text = squash(text)
    qualifiers: list[str] = []
    while (match := _QUALIFIER.search(text)) and len(text) > match.end() - match.start() + 3:
        qualifiers.insert(0, match.group(1))
        text = text[: match.start()]
    year = None
    match = _YEAR.search(text)
    if match and match.start() <= 24:
        year = int(match.group()[:4])
        before, after = text[: match.start()], text[match.end() :]
        # A year after the department's name: '北京市审计局2026年度收支总表'
        text = after if not before or _looks_like_name(before) else before + after
    if year is None:
        year = next((int(y.group()[:4]) for q in qualifiers if (y := _YEAR.search(q))), None)
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 3:
            text = text[len(prefix) :]
            break
    core = text
    qualifier = qualifiers[-1] if qualifiers else None
    return TitleParts(
        label,
        label_number(label) if label else None,
        year,
        core,
        qualifier,
        _classification(core, qualifiers),
    )


def _looks_like_name(text: str) -> bool:
    return bool(
        re.search(r"(局|委员会|委|院|办公室|办|厅|中心|部|会|所|站|馆|校|队|政府|法院)$", text)
    )


def match_title(text: str) -> tuple[TableRole, TitleParts] | None:
    """The role a table title names; None when the text is not a table title.

    A title is a short line whose core ends with 表 and names a role's words; prose
    (a sentence, a heading '关于…的说明'), performance cards and contents lines are not.
    """
    stripped = text.strip()
    if len(stripped) > 90 or "\t" in stripped or "表" not in stripped:
        return None
    parts = normalise_title(stripped)
    core = parts.core
    if not core.endswith("表") or len(core) > 60 or _PROSE.search(core) or "绩效" in core:
        return None
    family = FINAL if "决算" in core else BUDGET
    for candidates in (
        [r for r in ROLES if r.family == family],
        [r for r in ROLES if r.family != family and r.id in _FINAL_ONLY],
    ):
        for role in candidates:
            if role_fits(role, core, parts.classification):
                return role, parts
    return None


def unnamed_table(text: str) -> TitleParts | None:
    """A table's title that names no known table ('培训费明细表', '部门整体支出绩效目标表'):
    a short line, not prose, whose core ends with 表. Its header and rows may still tell."""
    stripped = text.strip()
    if len(stripped) > 90 or "\t" in stripped or not stripped.endswith(("表", "）", ")")):
        return None
    if match_title(stripped) is not None:
        return None
    parts = normalise_title(stripped)
    core = parts.core
    if not core.endswith("表") or len(core) > 60 or len(core) < 3 or _PROSE.search(core):
        return None
    if re.search(r"目录|附表$|^表$", core):
        return None
    if re.search(r"绩效|评价|得分", core) and not unread_form(core):
        return None  # performance cards and self-evaluations: read as cards or as prose
    return parts


def unread_form(core: str) -> bool:
    """Forms the checks do not read: the department's overall performance targets."""
    return bool(re.search(r"整体(?:支出)?绩效(?:目标|自评)", core))


# Tables only final accounts print, often with no 决算 in the title (国有资产占用情况表).
_FINAL_ONLY = {"fa_assets"}
