"""Numbered lines of the narrative: a heading names a part, a short numbered sentence is a
paragraph and is read (by the pane and by the checks) as one."""

from __future__ import annotations

from budget_review.checks import run_checks
from budget_review.model import Document
from budget_review.parsers import parse_bytes

from tests.conftest import JINCHENG_TXT


def _paragraphs(doc: Document) -> list[str]:
    return [p for s in doc.sections for p in s.paragraphs]


def test_short_numbered_sentences_are_paragraphs(jincheng: Document) -> None:
    headings = [s.heading for s in jincheng.sections]
    paragraphs = _paragraphs(jincheng)
    for sentence in (
        "（十二）承担市人民政府交办的其他事项。",
        "（十一）按照干部管理权限，承办市人民政府和市人大常委会的人事任免事项。",
        "(九) 会同有关部门拟定农民工工作综合性办法，并制定全市农民工工作综合性规",
        "一、基本支出：指为保障机构正常运转、完成日常工作而发生的人员支出和公用支出。",
    ):
        assert sentence in paragraphs
        assert sentence not in headings
    # headings stay headings: ordinals, part headings, a heading ending in a colon
    for heading in ("二、机构设置情况", "第四部分 名词解释", "1、车辆情况：", "（二）其他"):
        assert heading in headings
    # the 职责 are one section now, not cut into four by items taken for headings
    duties = next(s for s in jincheng.sections if s.heading == "一、本部门职责")
    assert len(duties.paragraphs) == 13


def test_an_item_amount_set_as_a_heading_is_still_a_heading() -> None:
    text = JINCHENG_TXT.read_text(encoding="utf-8")
    heading = "1．一般公共预算拨款收入29,748.85万元。"
    planted = text.replace("二、收入预算情况说明\n", f"二、收入预算情况说明\n\n{heading}\n", 1)
    assert planted != text
    doc = parse_bytes("item.txt", planted.encode())
    section = next(s for s in doc.sections if s.heading == heading)
    assert any(c.key == f"s{section.number}h1" for c in doc.claims)


def test_the_checks_read_a_short_numbered_paragraph() -> None:
    """A doubled full stop in a one-line numbered item is found: it was a heading, unread."""
    text = JINCHENG_TXT.read_text(encoding="utf-8")
    planted = text.replace(
        "（十二）承担市人民政府交办的其他事项。", "（十二）承担市人民政府交办的其他事项。。"
    )
    assert planted != text
    doc = parse_bytes("planted.txt", planted.encode())
    found = [
        f
        for f in run_checks(doc).findings
        if f.rule == "T5" and any("其他事项。。" in (r.text or "") for r in f.refs)
    ]
    assert found
