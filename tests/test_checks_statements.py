"""Rules added or repaired for what a careful auditor catches: each on a passage or table
made up for the test, one that passes and one that fails."""

from __future__ import annotations

from decimal import Decimal

from budget_review.checks import run_checks
from budget_review.checks.wording import as_printed, clause
from budget_review.model import (
    Document,
    Finding,
    Meta,
    Report,
    Row,
    Section,
    Severity,
    Source,
    Table,
)
from budget_review.model.document import Figure, Provenance
from budget_review.model.money import Unit
from budget_review.parsers.claims import extract_claims


def _figure(table: int, key: str, column: str, raw: str) -> Figure:
    return Figure(f"x/{table}/{key}/{column}", raw, Decimal(raw.replace(",", "")) if raw else None)


def _row(table: int, key: str, name: str, values: dict[str, str], **fields: object) -> Row:
    return Row(
        key=key,
        name=name,
        figures={c: _figure(table, key, c, v) for c, v in values.items()},
        **fields,  # type: ignore[arg-type]
    )


def _doc(*paragraphs: str, tables: list[Table] | None = None, kind: str = "budget") -> Document:
    section = Section(
        "一、情况说明",
        2,
        list(paragraphs),
        Provenance(line=10),
        [Provenance(line=11 + i) for i in range(len(paragraphs))],
        number=1,
    )
    claims = [
        claim
        for index, text in enumerate(paragraphs)
        for claim in extract_claims(text, Provenance(line=11 + index), section.heading)
    ]
    for index, claim in enumerate(claims):
        claim.paragraph = section.paragraph_key(0)
        claim.key = f"{claim.paragraph}c{index + 1}"
    return Document(
        source=Source(path="test.txt", sha256="f" * 64, format="text", pages=None),
        meta=Meta(department="某局", year=2026, kind=kind, scope="department", title="某局"),  # type: ignore[arg-type]
        tables=tables or [],
        sections=[section],
        claims=claims,
    )


def _found(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


# ------------------------------------------------------------------ N7 directions


def test_direction_words_agree_with_the_two_amounts() -> None:
    good = _doc(
        "年初预算为590.53万元，支出决算为4.7万元，完成年初预算的0.8%。决算数小于预算数的主要原因是调剂。",
        kind="final_accounts",
    )
    bad = _doc(
        "年初预算为222.6万元，支出决算为229.19万元。决算数小于预算数的主要原因是追加。",
        kind="final_accounts",
    )
    assert _found(run_checks(good), "N7") == []
    (finding,) = _found(run_checks(bad), "N7")
    assert finding.severity == Severity.ERROR
    assert "小于" in finding.message.zh and "222.6" in finding.message.zh
    assert finding.refs[0].line == 11


def test_flat_means_the_same_amount() -> None:
    good = _doc("2025年预算为12.00万元，2026年预算为12.00万元，与上年持平。")
    bad = _doc("2025年预算为12.00万元，2026年预算为15.00万元，与上年持平。")
    assert _found(run_checks(good), "N7") == []
    assert [f.severity for f in _found(run_checks(bad), "N7")] == [Severity.ERROR]


def test_a_carry_over_is_not_last_year() -> None:
    text = (
        "本年支出总计31,217.80万元，其中：本年预算安排30,148.85万元，"
        "上年结转1,068.95万元，比上年减少5%。"
    )
    report = run_checks(_doc(text))
    assert _found(report, "N7") == []


def test_the_completion_rate_follows_from_the_amounts() -> None:
    good = _doc(
        "年初预算为5717.32万元，支出决算为5757.63万元，完成年初预算的100.71%。",
        kind="final_accounts",
    )
    bad = _doc(
        "年初预算为5717.32万元，支出决算为5757.63万元，完成年初预算的107.01%。",
        kind="final_accounts",
    )
    assert _found(run_checks(good), "N7") == []
    (finding,) = _found(run_checks(bad), "N7")
    assert finding.expected == Decimal("100.71") and finding.actual == Decimal("107.01")


# ------------------------------------------------------------------ N8 counts


def test_parts_never_exceed_the_whole() -> None:
    good = _doc("本部门共有车辆8辆，其中执法执勤用车5辆、机要通信用车3辆。")
    bad = _doc("本部门共有车辆8辆，其中执法执勤用车5辆、机要通信用车4辆。")
    assert _found(run_checks(good), "N8") == []
    (finding,) = _found(run_checks(bad), "N8")
    assert (finding.expected, finding.actual) == (Decimal(9), Decimal(8))


def test_parts_given_as_all_of_it_add_up() -> None:
    bad = _doc("单位共有房屋建筑面积1200平方米，分别为办公用房800平方米、业务用房300平方米。")
    good = _doc("单位共有房屋建筑面积1200平方米，其中办公用房800平方米。")
    assert [f.severity for f in _found(run_checks(bad), "N8")] == [Severity.ERROR]
    assert _found(run_checks(good), "N8") == []


# ------------------------------------------------------------------ N1 repairs


def _three_public(transfer: str) -> Table:
    columns = ["合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费"]
    values = {
        "合计": "10.00",
        "因公出国（境）费": "",
        "公务接待费": transfer,
        "公务用车购置及运行费": "10.00",
    }
    if not transfer:
        values["合计"] = "10.00"
    return Table(
        7,
        "财政拨款“三公”经费支出表",
        "three_public",
        Unit.WAN_YUAN,
        columns,
        [_row(7, "合计", "合计", values, kind="total")],
    )


def test_a_figure_the_table_leaves_blank() -> None:
    report = run_checks(_doc("公务接待费3.00万元。", tables=[_three_public("")]))
    (finding,) = _found(report, "N1")
    assert finding.severity == Severity.ERROR
    assert (
        "该数为空" in finding.message.zh and "表7「财政拨款“三公”经费支出表」" in finding.message.zh
    )


def test_one_unit_apart_is_a_rounding_tail() -> None:
    report = run_checks(_doc("公务接待费3.01万元。", tables=[_three_public("3.00")]))
    (finding,) = _found(report, "N1")
    assert finding.severity == Severity.TAIL and "尾差" in finding.message.zh
    report = run_checks(_doc("公务接待费3.20万元。", tables=[_three_public("3.00")]))
    assert [f.severity for f in _found(report, "N1")] == [Severity.ERROR]


def test_a_part_named_like_the_whole_is_not_the_total() -> None:
    summary = Table(
        1,
        "收支总表",
        "budget_summary",
        Unit.WAN_YUAN,
        ["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"],
        [_row(1, "收入总计", "收入总计", {"收入/预算数": "4652.00"}, kind="total", side="income")],
    )
    # '政府性基金预算收入 0万元' names one fund, not the 收入总计 of 4652.00
    report = run_checks(_doc("本年政府性基金预算收入0万元。", tables=[summary]))
    assert _found(report, "N1") == []
    report = run_checks(_doc("2026年收入预算4000.00万元。", tables=[summary]))
    assert [f.severity for f in _found(report, "N1")] == [Severity.ERROR]


def test_two_findings_on_one_sentence_are_both_kept() -> None:
    item = (
        "住房保障支出（221类）住房改革支出（02款）住房公积金（01项）96.40万元。"
        "2025年当年预算执行数为90.00万元，2026年预算安排94.20万元，比2025年预算执行数增加9.99%。"
    )
    report = run_checks(_doc(item))
    rules = {f.rule for f in report.findings if f.severity == Severity.ERROR}
    assert {"N5", "N6"} <= rules


# ------------------------------------------------------------------ the culprit


def _expense(misprint: str) -> Table:
    rows = [
        _row(
            3,
            "合计",
            "合计",
            {"合计": "300.00", "基本支出": "200.00", "项目支出": "100.00"},
            kind="total",
        ),
        _row(
            3,
            "201",
            "一般公共服务支出",
            {"合计": "300.00", "基本支出": "200.00", "项目支出": "100.00"},
            code="201",
            kind="class",
            level=1,
        ),
        _row(
            3,
            "20101",
            "人大事务",
            {"合计": "300.00", "基本支出": "200.00", "项目支出": "100.00"},
            code="20101",
            parent="201",
            level=2,
        ),
        _row(
            3,
            "2010101",
            "行政运行",
            {"合计": misprint, "基本支出": "200.00", "项目支出": ""},
            code="2010101",
            parent="20101",
            level=3,
        ),
        _row(
            3,
            "2010102",
            "一般行政管理事务",
            {"合计": "100.00", "基本支出": "", "项目支出": "100.00"},
            code="2010102",
            parent="20101",
            level=3,
        ),
    ]
    return Table(
        3,
        "支出总表",
        "budget_expense",
        Unit.WAN_YUAN,
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        rows,
    )


def test_one_wrong_figure_is_named_once_as_the_likely_culprit() -> None:
    report = run_checks(_doc("说明。", tables=[_expense("210.00")]))
    failing = [f for f in report.findings if f.severity == Severity.ERROR and f.rule[0] == "W"]
    assert len(failing) >= 2
    culprit = "x/3/2010101/合计"
    assert {f.culprit for f in failing} == {culprit}
    first = [f for f in failing if f.cause is None]
    assert len(first) == 1
    assert all(f.cause == first[0].id for f in failing if f is not first[0])
    clean = run_checks(_doc("说明。", tables=[_expense("200.00")]))
    assert [f for f in clean.findings if f.rule[0] == "W"] == []


def test_a_difference_equal_to_a_row_says_so() -> None:
    report = run_checks(_doc("说明。", tables=[_expense("0.00")]))
    hints = [f.hint.zh for f in report.findings if f.hint]
    assert any("漏列或重复计入" in h for h in hints)


# ------------------------------------------------------------------ wording


def test_figures_and_quotes_as_a_reviewer_forwards_them() -> None:
    assert as_printed(Decimal("1234567.8"), "1,234.56") == "1,234,567.80"
    assert as_printed(Decimal("300"), "350.00万元") == "300.00"
    text = (
        "2026年收入预算300万元，比上年增加20万元，"
        "主要原因是人员增加和业务量上升带来的支出需求增长所致。"
    )
    cut = clause(text, 30)
    assert cut.endswith("…") and len(cut) <= 30
    assert cut[:-1].endswith(("元", "加"))  # at a clause boundary, not inside a word


# ------------------------------------------------------------------ N9 lists


def _basic_economic() -> Table:
    rows = [
        _row(
            6,
            "合计",
            "合计",
            {"合计": "120.00", "人员经费": "100.00", "公用经费": "20.00"},
            kind="total",
        ),
        _row(
            6,
            "工资福利支出",
            "工资福利支出",
            {"合计": "100.00", "人员经费": "100.00"},
            kind="group",
        ),
        _row(
            6,
            "基本工资",
            "基本工资",
            {"合计": "100.00", "人员经费": "100.00"},
            parent="工资福利支出",
        ),
        _row(
            6,
            "商品和服务支出",
            "商品和服务支出",
            {"合计": "20.00", "公用经费": "20.00"},
            kind="group",
        ),
        _row(
            6, "办公费", "办公费", {"合计": "20.00", "公用经费": "20.00"}, parent="商品和服务支出"
        ),
        _row(6, "差旅费", "差旅费", {"合计": "", "公用经费": ""}, parent="商品和服务支出"),
    ]
    return Table(
        6,
        "一般公共预算基本支出表",
        "gpb_basic_economic",
        Unit.WAN_YUAN,
        ["经济科目", "合计", "人员经费", "公用经费"],
        rows,
    )


def test_what_the_text_lists_is_in_the_table() -> None:
    good = _doc("公用经费20.00万元，主要包括：办公费等。", tables=[_basic_economic()])
    bad = _doc("公用经费20.00万元，主要包括：办公费、差旅费等。", tables=[_basic_economic()])
    glossary = _doc("公用经费：指单位的公用支出，包括办公费、差旅费。", tables=[_basic_economic()])
    assert _found(run_checks(good), "N9") == []
    (finding,) = _found(run_checks(bad), "N9")
    assert finding.severity == Severity.WARNING and "差旅费" in finding.message.zh
    assert _found(run_checks(glossary), "N9") == []
