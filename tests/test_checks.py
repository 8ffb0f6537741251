"""The reconciliation checks on the clean samples: real problems found, no false errors.

Expected findings were read off the documents: the Jincheng card 人才中心大楼维修费
prints 年度资金总额 275,000 元 where 表12 prints 人才中心大楼修缮费 37.00 万元; the card
星火项目创业大赛系列活动经费 is headed (2020年度); the contents call 表3 预算支出总表 and
the body 预算支出汇总表.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from budget_review.checks import RULES, run_checks
from budget_review.checks.narrative import rate_fits, share_fits
from budget_review.checks.tolerance import addend_tolerance, last_digit
from budget_review.model import Document, Report, Severity
from budget_review.model.serialize import report_from_dict, report_to_dict


@pytest.fixture(scope="module")
def jincheng_report(jincheng: Document) -> Report:
    return run_checks(jincheng)


def _of(report: Report, severity: Severity) -> list[str]:
    return [f"{f.rule} {f.message.en}" for f in report.findings if f.severity == severity]


def test_every_rule_has_an_id_both_languages_and_families() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.zh and rule.en and rule.families and rule.group


def test_rounding_never_makes_an_error_on_the_clean_sample(jincheng_report: Report) -> None:
    tails = [f for f in jincheng_report.findings if f.severity == Severity.TAIL]
    assert len(tails) >= 20
    for tail in tails:
        assert tail.difference is not None and abs(tail.difference) == Decimal("0.01")
    table_errors = [
        f for f in jincheng_report.findings if f.severity == Severity.ERROR and f.rule[0] in "WX"
    ]
    assert table_errors == []


def test_the_real_problems_of_the_clean_sample_are_found(jincheng_report: Report) -> None:
    errors = [f for f in jincheng_report.findings if f.severity == Severity.ERROR]
    assert [(f.rule, f.refs[0].at.card) for f in errors] == [("C2", "人才中心大楼维修费")]
    card_error = errors[0]
    assert (card_error.actual, card_error.expected) == (Decimal(275000), Decimal(370000))
    assert {r.at.table for r in card_error.refs} == {None, 12}
    assert any(r.at.row and "人才中心大楼修缮费" in r.at.row for r in card_error.refs)

    warnings = _of(jincheng_report, Severity.WARNING)
    assert any("星火项目创业大赛系列活动经费' is headed 2020" in w for w in warnings)
    assert any(w.startswith("K3") and "表3" in w for w in warnings)
    no_card = [w for w in warnings if "has no performance card" in w]
    assert any("公共就业活动经费" in w for w in no_card)
    assert any("教学综合楼电梯更新改造" in w for w in no_card)
    # OCR name variants are matched, and flagged, rather than reported missing
    assert any("'晋鹏省级技能大师工作室' matched by a similar name" in w for w in warnings)
    assert not any("card '晋鹏省级技能大师工作室' has no project" in w for w in warnings)


def test_findings_name_every_figure_they_rest_on(jincheng_report: Report) -> None:
    sums = [f for f in jincheng_report.findings if f.rule == "W2"]
    assert sums
    for finding in sums:
        assert len(finding.refs) >= 2
        assert all(r.key and r.at.table and r.line for r in finding.refs)
        assert finding.refs[0].value == finding.actual


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(
            "shanghai_budget",
            [
                # pages 23–26: each project's 年度预算安排 in 万 without 元 (1720.00万)
                ("warning", "T13", "“1410.00万”"),
                ("warning", "T13", "“2921.00万”"),
                ("warning", "T13", "“1170.00万”"),
                ("warning", "T13", "“1720.00万”"),
                # page 4 prints page 3's 主要职能 again
                ("warning", "T14", "page 4 repeats page 3"),
            ],
            marks=pytest.mark.xdist_group("shanghai_budget"),
        ),
        pytest.param(
            "shanghai_final",
            [
                # a department founded in 2024 gives 增长100.00% over 2023's zero
                ("warning", "T12", "一般公共预算财政拨款支出增加307.82万元"),
                ("warning", "T12", "财政拨款收入支出总计增加307.82万元"),
                ("warning", "T12", "比2023年度增加10.23万元"),
                ("warning", "T12", "与2023年度相比，收入支出总计增加307.82万元"),
                # 住房保障支出 29.42 / 307.82 = 9.56%, printed 9.55% so the shares add to 100%
                ("tail", "N2", "29.42"),
                # page 13: 商品和服务支出 10.23 over items adding up to 10.22
                ("tail", "W2", "表6「商品和服务支出」决算数"),
                # the two economic blocks add up to 105.59; 表5 prints 基本支出 105.58
                ("tail", "X6", "表5「合计」基本支出"),
            ],
            marks=pytest.mark.xdist_group("shanghai_final"),
        ),
    ],
)
def test_shanghai_samples_have_no_false_errors(
    name: str, expected: list[tuple[str, str, str]], request: pytest.FixtureRequest
) -> None:
    doc: Document = request.getfixturevalue(name)
    report = run_checks(doc)
    found = [
        (f.severity.value, f.rule, f.message.en)
        for f in report.findings
        if f.severity != Severity.INFO  # writing lint is looked at in test_writing_lint_on_pdfs
    ]
    assert len(found) == len(expected), found
    for (severity, rule, text), (got_severity, got_rule, message) in zip(
        expected, found, strict=True
    ):
        assert (got_severity, got_rule) == (severity, rule)
        assert text in message
    assert report.rules_run >= 12


@pytest.mark.xdist_group("shanghai_budget")
def test_rules_that_cannot_run_are_listed_never_passed(shanghai_budget: Document) -> None:
    report = run_checks(shanghai_budget)
    skipped = {n.rule for n in report.not_checked}
    assert {"X7", "C1", "C2", "C3", "C4"} <= skipped  # no project table, no cards
    partial = copy.deepcopy(shanghai_budget)
    partial.tables = [t for t in partial.tables if t.role != "budget_income"]
    report = run_checks(partial)
    assert any(f.rule == "K1" and f.severity == Severity.ERROR for f in report.findings)
    assert {"X1", "X3"} <= {n.rule for n in report.not_checked}


def test_report_survives_serialisation(jincheng_report: Report) -> None:
    again = report_from_dict(report_to_dict(jincheng_report))
    assert [f.id for f in again.findings] == [f.id for f in jincheng_report.findings]
    assert again.findings[0].refs == jincheng_report.findings[0].refs


def test_finding_ids_are_stable_across_runs(jincheng: Document, jincheng_report: Report) -> None:
    assert [f.id for f in run_checks(jincheng).findings] == [f.id for f in jincheng_report.findings]


def test_tolerance_follows_the_printed_precision() -> None:
    assert last_digit("12.30") == Decimal("0.01")
    assert last_digit("1,234") == Decimal(1)
    cent = Decimal("0.01")
    assert addend_tolerance(cent, [cent]) == 0  # one addend: must be equal
    assert addend_tolerance(cent, [cent] * 3) == cent
    assert addend_tolerance(cent, [cent] * 5) == 2 * cent


def test_share_and_rate_intervals() -> None:
    assert share_fits("29748.85", "31217.80", "95.29")
    assert not share_fits("29748.85", "31217.80", "95.39")
    assert share_fits("29.42", "307.82", "9.56")
    assert not share_fits("29.42", "307.82", "9.55")
    # 31,217.80 万元, 比上年减少2302.02万元，下降6.87%
    assert rate_fits("31217.80", "2302.02", "6.87", increase=False)
    # a slip that divides by this year instead of last year: 2302.02 / 31217.80 = 7.37%
    assert not rate_fits("31217.80", "2302.02", "7.37", increase=False)
    assert rate_fits("307.82", "307.82", "100.00", increase=True) is None  # 上年 = 0


@pytest.mark.xdist_group("shanghai_budget")
def test_writing_lint_on_the_shanghai_budget(shanghai_budget: Document) -> None:
    lint = [f for f in run_checks(shanghai_budget).findings if f.severity == Severity.INFO]
    assert all(f.rule == "T5" for f in lint)
    # Six of its per-item explanations on page 8 close （款 with a half-width ).
    mixed = [f for f in lint if "mixed" in f.message.en]
    assert len(mixed) == 6 and {f.refs[0].page for f in mixed} == {8}
    # '结合本区实际,制订' and '协调性服务;按规定': half-width marks in Chinese, on pages 3
    # and 4 (page 4 repeats page 3) and in the project explanations.
    half = [f for f in lint if "half-width punctuation" in f.message.en]
    assert len(half) == 5 and len(lint) == 11
