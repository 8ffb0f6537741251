"""The prose rules, each on a short passage written for the test: one passing, one failing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from budget_review.checks import run_checks
from budget_review.checks.writing import rate_holds
from budget_review.model import (
    ContentsEntry,
    Document,
    Meta,
    Row,
    Section,
    Severity,
    Source,
    Table,
)
from budget_review.model.document import Figure, Provenance
from budget_review.model.money import Unit
from budget_review.parsers.claims import extract_claims

ITEM = (
    "住房保障支出（221类）住房改革支出（02款）住房公积金（01项）96.40万元。主要用于：在职人员公积金。"
    "2025年当年预算执行数为90.00万元，2026年预算安排{new}万元，比2025年预算执行数{word}{rate}%。"
    "主要原因是：人员增加。"
)


def _doc(
    *paragraphs: str, scope: str = "department", names: dict[str, str] | None = None
) -> Document:
    rows = []
    for code, name in (
        names or {"221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金"}
    ).items():
        rows.append(
            Row(
                key=code,
                name=name,
                code=code,
                figures={"合计": Figure(f"x/5/{code}/合计", "96.40", Decimal("96.40"))},
            )
        )
    table = Table(
        5,
        "2026年一般公共预算支出表",
        "gpb_expense",
        Unit.WAN_YUAN,
        ["科目编码", "科目名称", "合计"],
        rows,
    )
    section = Section(
        "五、一般公共预算支出情况说明",
        2,
        list(paragraphs),
        Provenance(line=10),
        [Provenance(line=11 + i) for i in range(len(paragraphs))],
    )
    claims = [
        claim
        for index, text in enumerate(paragraphs)
        for claim in extract_claims(text, Provenance(line=11 + index), section.heading)
    ]
    return Document(
        claims=claims,
        source=Source(path="test.txt", sha256="f" * 64, format="text", pages=None),
        meta=Meta(
            department="某局", year=2026, kind="budget", scope=scope, title="某局2026年部门预算"
        ),
        tables=[table],
        sections=[section],
    )


def _rules(doc: Document, severity: Severity | None = None) -> list[str]:
    return [f.rule for f in run_checks(doc).findings if severity is None or f.severity == severity]


def test_item_amount_and_its_restatement_must_agree() -> None:
    good = _doc(ITEM.format(new="96.40", word="增加", rate="7.11"))
    bad = _doc(ITEM.format(new="94.20", word="增加", rate="4.67"))
    assert "N5" not in _rules(good)
    finding = next(f for f in run_checks(bad).findings if f.rule == "N5")
    assert finding.severity == Severity.ERROR
    assert (finding.expected, finding.actual) == (Decimal("96.40"), Decimal("94.20"))
    assert finding.refs[0].line == 11 and "住房公积金" in (finding.refs[0].text or "")


def test_rate_must_follow_from_the_two_amounts() -> None:
    good = _doc(ITEM.format(new="96.40", word="增加", rate="7.11"))
    wrong_rate = _doc(ITEM.format(new="96.40", word="增加", rate="12.48"))
    wrong_way = _doc(ITEM.format(new="96.40", word="减少", rate="7.11"))
    assert "N6" not in _rules(good)
    assert "N6" in _rules(wrong_rate, Severity.ERROR)
    assert "N6" in _rules(wrong_way, Severity.ERROR)
    # the checklist's example: 5120.4 → 612.35 cannot be an increase of 12.48%
    assert rate_holds("5120.4", "612.35", "12.48", increase=True) is False
    assert rate_holds("90.00", "96.40", "7.11", increase=True)


def test_flat_means_equal_amounts() -> None:
    text = (
        "住房保障支出（221类）住房改革支出（02款）住房公积金（01项）96.40万元。"
        "2025年当年预算执行数为{old}万元，2026年预算安排96.40万元，与上年持平。"
    )
    assert "N6" not in _rules(_doc(text.format(old="96.40")))
    assert "N6" in _rules(_doc(text.format(old="90.00")), Severity.ERROR)


def test_names_in_the_text_are_the_tables_names() -> None:
    good = _doc(ITEM.format(new="96.40", word="增加", rate="7.11"))
    renamed = _doc(
        ITEM.format(new="96.40", word="增加", rate="7.11").replace(
            "住房保障支出（221类）", "医疗卫生与计划生育支出（221类）"
        )
    )
    assert "T1" not in _rules(good)
    finding = next(f for f in run_checks(renamed).findings if f.rule == "T1")
    assert finding.severity == Severity.WARNING and "住房保障支出" in finding.message.zh


def test_years_follow_the_document() -> None:
    good = _doc(ITEM.format(new="96.40", word="增加", rate="7.11"))
    stale = _doc(
        ITEM.format(new="96.40", word="增加", rate="7.11").replace("2025年当年", "2024年当年")
    )
    assert "T2" not in _rules(good)
    assert "T2" in _rules(stale, Severity.WARNING)


@pytest.mark.parametrize(
    ("scope", "text", "flagged"),
    [
        ("unit", "本单位2026年单位预算收入96.40万元。", False),
        ("unit", "2026年部门预算收入96.40万元。", True),
        ("department", "纳入部门决算编制范围的有本级决算和下属事业单位决算。", False),
        ("department", "本单位预算收入96.40万元。", True),
    ],
)
def test_scope_wording(scope: str, text: str, flagged: bool) -> None:
    assert ("T3" in _rules(_doc(text, scope=scope))) is flagged


def test_a_change_needs_its_reason() -> None:
    assert "T4" not in _rules(_doc("比上年增加5.00万元，主要原因是人员增加。"))
    assert "T4" in _rules(_doc("与2025年预算数持平，主要原因是。"), Severity.WARNING)
    assert "T4" in _rules(_doc("比上年减少3.00万元，原因是："), Severity.WARNING)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("收入96.40万元。。", "doubled punctuation"),
        ("“三公经费预算1.00万元。", "unbalanced “”"),
        ("卫生健康支出（类）行政事业单位医疗（款)事业单位医疗（项）。", "mixed"),
        ("收入\ufffd96.40万元。", "garbled"),
        ("收入(cid:123)96.40万元。", "garbled"),
        ("XX局收入待填写。", "placeholder"),
        ("结合本区实际,制订实施意见。", "half-width punctuation"),
    ],
)
def test_writing_lint(text: str, problem: str) -> None:
    clean = _doc("收入96.40万元，“三公”经费1.00万元（其中公务接待费1.00万元）。")
    assert "T5" not in _rules(clean)
    findings = [f for f in run_checks(_doc(text)).findings if f.rule == "T5"]
    assert findings and all(f.severity == Severity.INFO for f in findings)
    assert any(problem in f.message.en for f in findings)


def test_items_keep_code_amounts_rate_and_reason() -> None:
    from budget_review.checks.context import Context
    from budget_review.checks.writing import items
    from budget_review.model import Report

    doc = _doc(ITEM.format(new="96.40", word="增加", rate="7.11"))
    (item,) = list(items(Context(doc, Report(doc.source.sha256))))
    assert item.code == "2210201"
    assert item.names == ["住房保障支出", "住房改革支出", "住房公积金"]
    assert (item.amount, item.base, item.new) == ("96.40", (2025, "90.00"), (2026, "96.40"))
    assert item.rate == ("增加", "7.11") and item.reason == "人员增加"


def test_required_parts_of_the_document() -> None:
    bare = _doc("收入96.40万元。")
    missing = {f.message.en for f in run_checks(bare).findings if f.rule == "K5"}
    assert "no “contents page” part found" in missing
    assert "no “explanation of terms” part found" in missing
    full = _doc("收入96.40万元。")
    full.meta.title = "某局2026年部门预算"
    full.contents = [ContentsEntry("2026年预算收支总表", 5)]
    full.sections += [
        Section(heading, 2, ["…"], Provenance(line=1))
        for heading in (
            "一、主要职能",
            "二、机构设置",
            "十二、其他说明",
            "十、绩效管理情况",
            "第四部分 名词解释",
        )
    ]
    assert "K5" not in _rules(full)


def test_other_information_under_headings_of_its_own_is_found() -> None:
    """机关运行经费, 政府采购 … as headings of their own stand for 其他相关情况说明."""
    doc = _doc("收入96.40万元。")
    doc.sections += [
        Section(heading, 2, ["…"], Provenance(line=1))
        for heading in ("十二、机关运行经费支出情况", "十三、政府采购支出情况")
    ]
    missing = {f.message.zh for f in run_checks(doc).findings if f.rule == "K5"}
    assert "未找到「其他相关说明」部分" not in missing
    only_one = _doc("收入96.40万元。")
    only_one.sections += [Section("十二、机关运行经费支出情况", 2, ["…"], Provenance(line=1))]
    missing = {f.message.zh for f in run_checks(only_one).findings if f.rule == "K5"}
    assert "未找到「其他相关说明」部分" in missing


def test_an_item_with_printed_codes_is_compared_by_code() -> None:
    text = (
        "住房保障支出（221类）住房改革支出（02款）住房公积金（01项）{amount}万元。"
        "主要用于：在职人员公积金。"
    )
    assert "N1" not in _rules(_doc(text.format(amount="96.40")), Severity.ERROR)
    wrong = next(
        f for f in run_checks(_doc(text.format(amount="69.40"))).findings if f.rule == "N1"
    )
    assert wrong.severity == Severity.ERROR
    assert any(r.at.table == 5 and r.at.row == "2210201" for r in wrong.refs)


def test_a_name_printed_twice_in_a_row_is_found() -> None:
    doubled = _doc("某市信访局某市信访局2026年实施绩效目标管理，涉及项目3个。")
    (finding,) = [f for f in run_checks(doubled).findings if f.rule == "T17"]
    assert "某市信访局" in finding.message.zh and finding.severity == Severity.WARNING
    once = _doc("某市信访局2026年实施绩效目标管理，其中某市信访局本级项目3个。")
    assert "T17" not in _rules(once)
    words_twice = _doc("主要用于保障保障运转，说明如下。")  # not a name
    assert "T17" not in _rules(words_twice)
