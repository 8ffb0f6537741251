"""Chinese numerals and the ordinals that open list items (一、 （二） ①)."""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十三 → 13, 二十二 → 22, 一百零五 → 105; None when not a numeral."""
    if not text or any(ch not in _DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current


_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]"
    r"|\d{1,2}\s*[、.．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩]|其中\s*[:：])\s*"
)


def strip_ordinal(text: str) -> str:
    """Drop a leading list ordinal: '二十二、国有资本经营预算支出' → '国有资本经营预算支出'."""
    previous = None
    while previous != text:
        previous = text
        text = _ORDINAL.sub("", text, count=1)
    return text


def has_ordinal(text: str) -> bool:
    return bool(_ORDINAL.match(text))


_TOP_ORDINAL = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
# The usual nesting of list ordinals: 一、 > （一） > 1. > （1） > ①
_RANKS = (
    re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]"),
    re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]"),
    re.compile(r"^\s*\d{1,2}\s*[、.．](?!\d)"),
    re.compile(r"^\s*[（(]\s*\d{1,2}\s*[)）]"),
    re.compile(r"^\s*[①②③④⑤⑥⑦⑧⑨⑩]"),
)
_OF_WHICH = re.compile(r"^\s*其中\s*[:：]?\s*")


def ordinal_rank(text: str) -> int:
    """How deep a list ordinal nests: 0 without one, 1 for 一、 … 5 for ①; '其中：' adds
    nothing but opens the items after it (其中：（一） is a （一）)."""
    text = _OF_WHICH.sub("", text, count=1)
    return next((rank for rank, pattern in enumerate(_RANKS, start=1) if pattern.match(text)), 0)


def ordinal_depth(text: str) -> int:
    """0 without an ordinal, 1 for '一、', 2 for the items under it ('1.', '（一）', '①')."""
    if not has_ordinal(text):
        return 0
    return 1 if _TOP_ORDINAL.match(text) else 2
