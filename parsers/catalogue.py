"""Table titles: a title is [label] [year] [prefix] core [qualifier].

`normalise_title` strips the parts around the core so that the role names in
`model.roles` serve every region and year; `match_title` finds the role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_review.model.roles import ROLES, TableRole
from budget_review.model.vocabulary import squash
from budget_review.parsers.numerals import chinese_to_int

# A label's number: digits that stop before a year ('表12026年' is 表1), or a numeral.
_NUMBER = r"\d{1,2}(?:\s*[-－—]\s*\d{1,2})?(?=\D|(?:19|20)\d\d)|[一二三四五六七八九十]+"
# Labels: 预算公开表1, 公开01表, 表一, 表1-1, 附表1, 附件1, "1."
_LABEL = re.compile(
    r"^(?P<label>(?:(?:预算|决算)?公开|附)?表\s*(?:" + _NUMBER + r")|公开\s*\d+\s*表"
    r"|附件\s*\d{1,2}|[一二三四五六七八九十]{1,3}、|\d{1,2}\s*[.、．](?=\s*(?:19|20)\d\d|[^\d]))\s*"
)
_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?")
_QUALIFIER = re.compile(r"[（(]\s*(不含上年结转|本年预算|上年结转|本年|当年)\s*[)）]")
_PREFIXES = ("预算单位", "部门", "单位")


@dataclass(frozen=True)
class TitleParts:
    label: str | None
    number: int | None
    year: int | None
    core: str
    qualifier: str | None


def label_number(label: str) -> int | None:
    """The table number a label gives: 预算公开表1 → 1, 表十三 → 13, 表1-2 → None."""
    if re.search(r"\d\s*[-－—]\s*\d", label):
        return None
    digits = re.search(r"\d+", label)
    if digits:
        return int(digits.group())
    numeral = re.search(r"[一二三四五六七八九十]+", label)
    return chinese_to_int(numeral.group()) if numeral else None


def normalise_title(text: str) -> TitleParts:
    text = re.sub(r"\.{3,}.*$|…{2,}.*$", "", text.strip())  # contents dot leaders
    label = None
    match = _LABEL.match(text)
    if match:
        label = re.sub(r"\s+", "", match.group("label"))
        text = text[match.end() :]
    text = squash(text)
    year = None
    match = _YEAR.match(text)
    if match:
        year = int(match.group()[:4])
        text = text[match.end() :]
    qualifier = None
    match = _QUALIFIER.search(text.replace("（", "(").replace("）", ")"))
    if match:
        qualifier = match.group(1)
        text = _QUALIFIER.sub("", text.replace("（", "(").replace("）", ")"))
    text = text.replace("(", "（").replace(")", "）")
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 3:
            text = text[len(prefix) :]
            break
    text = re.sub(r"^(?:19|20)\d{2}年(?:度)?", "", text)
    return TitleParts(label, label_number(label) if label else None, year, text, qualifier)


def match_title(text: str) -> tuple[TableRole, TitleParts] | None:
    """Recognise a table title; None when the text is not one we know."""
    if len(text) > 80 or "\t" in text.strip():
        return None
    parts = normalise_title(text)
    core = parts.core.replace("安排", "") if parts.core.startswith("财政拨款安排") else parts.core
    candidates = [role for role in ROLES if parts.core in role.names or core in role.names]
    if not candidates:
        return None
    for spec in candidates:
        if spec.qualifier and spec.qualifier == parts.qualifier:
            return spec, parts
    plain = [spec for spec in candidates if spec.qualifier is None]
    return (plain[0] if plain else candidates[0]), parts
