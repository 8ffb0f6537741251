"""Numbers stated in the narrative: amounts, shares, changes, rates and counts."""

from __future__ import annotations

import re
from decimal import Decimal

from budget_review.model import Claim, Provenance
from budget_review.model.vocabulary import direction_of

_NUM = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>亿元|万元|元)")
_SHARE = re.compile(rf"占[^，。；%]{{0,24}}?(?P<num>{_NUM})\s*[%％]")
_CHANGE = re.compile(
    rf"(?:比|较|与)(?:上年|上一年|\d{{4}}\s*年)[^，。；\d]{{0,14}}?"
    rf"(?P<dir>增加|减少|增长|下降|上升|降低)\s*(?P<num>{_NUM})\s*(?P<unit>亿元|万元|元)"
)
_RATE = re.compile(rf"(?P<dir>增长|下降|增加|减少|上升|降低)\s*(?:了)?\s*(?P<num>{_NUM})\s*[%％]")
_COUNT = re.compile(
    r"(?P<num>\d+)\s*(?P<unit>个|辆|台（套）|台\(套\)|台|套|家|项|人)(?![\d民次均])"
)
_SENTENCE_END = re.compile(r"(?<=[。；;！？])")
_CLAUSE_START = re.compile(r"[，,。；;：:、（(]")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("，", ""))


def _subject(sentence: str, start: int) -> str:
    """The words before a number back to the start of its clause: '一般公共预算拨款收入'."""
    head = sentence[:start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(head)), default=0)
    subject = head[cut:].strip()
    return re.sub(r"^(其中|主要包括|包括|主要用于|合计|共计)", "", subject).strip()


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


class _Sentence:
    """Collects the claims of one sentence; a span claimed once is not read twice."""

    def __init__(self, text: str, where: Provenance, section: str | None) -> None:
        self.text = text
        self.where = where
        self.section = section
        self.taken: list[tuple[int, int]] = []
        self.claims: list[Claim] = []

    def free(self, span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in self.taken)

    def add(
        self,
        kind: str,
        match: re.Match[str],
        unit: str,
        direction: str | None = None,
        subject: str | None = None,
    ) -> None:
        self.taken.append(match.span())
        self.claims.append(
            Claim(
                text=match.group(0),
                kind=kind,  # type: ignore[arg-type]
                value=_decimal(match.group("num")),
                unit=unit,
                sentence=self.text.strip(),
                subject=subject if subject is not None else _subject(self.text, match.start()),
                direction=direction,  # type: ignore[arg-type]
                section=self.section,
                where=self.where,
            )
        )


def _read_sentence(current: _Sentence) -> None:
    sentence = current.text
    for match in _CHANGE.finditer(sentence):
        direction = direction_of(match.group("dir")) or "decrease"
        current.add("change", match, match.group("unit"), direction)
    for match in _RATE.finditer(sentence):
        if current.free(match.span()):
            direction = direction_of(match.group("dir")) or "decrease"
            current.add("rate", match, "%", direction)
    last_subject = ""
    amounts_and_shares = [*_AMOUNT.finditer(sentence), *_SHARE.finditer(sentence)]
    for match in sorted(amounts_and_shares, key=lambda m: m.start()):
        if not current.free(match.span()):
            continue
        if match.re is _SHARE:
            current.add("share", match, "%", subject=last_subject)
        else:
            last_subject = _subject(sentence, match.start())
            current.add("amount", match, match.group("unit"))
    for match in _COUNT.finditer(sentence):
        if current.free(match.span()) and not _inside_year(sentence, match):
            current.add("count", match, match.group("unit"))
    flat = sentence.find("持平")
    if flat >= 0:
        current.claims.append(
            Claim(
                text="持平",
                kind="change",
                value=Decimal(0),
                unit="",
                sentence=sentence.strip(),
                subject=_subject(sentence, flat),
                direction="flat",
                section=current.section,
                where=current.where,
            )
        )


def extract_claims(paragraph: str, where: Provenance, section: str | None) -> list[Claim]:
    claims: list[Claim] = []
    for sentence in sentences(paragraph):
        current = _Sentence(sentence, where, section)
        _read_sentence(current)
        claims.extend(current.claims)
    return claims


def _inside_year(sentence: str, match: re.Match[str]) -> bool:
    """'2026年' and document numbers such as '〔2022〕6号' are not counts."""
    before = sentence[max(0, match.start() - 1) : match.start()]
    return before in {"〔", "[", "【", "（", "("} or len(match.group("num")) == 4
