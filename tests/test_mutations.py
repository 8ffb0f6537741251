"""Mutation tests: one printed figure changed, an error finding must name exactly that figure.

Recall is printed (pytest -s) and held above a floor; the floors sit just under
what the checks reach today, so a rule that stops firing fails the suite.
"""

from __future__ import annotations

import pytest
from budget_review.checks import run_checks
from budget_review.model import Document

from tests.conftest import JINCHENG_TXT
from tests.mutations import (
    Outcome,
    Planted,
    card_mutations,
    claim_mutations,
    missed,
    model_mutations,
    prose_mutations,
    recall,
    repeated_block_mutation,
    table_mutations,
)


def _report(name: str, outcomes: list[Outcome], floor: float) -> None:
    share = recall(outcomes)
    print(f"\n{name}: {sum(o.detected for o in outcomes)}/{len(outcomes)} detected ({share:.0%})")
    for what in missed(outcomes):
        print(f"  missed: {what}")
    assert len(outcomes) >= 20
    assert share >= floor, missed(outcomes)


def test_table_figures_in_the_text_dump(jincheng: Document) -> None:
    data = JINCHENG_TXT.read_bytes()
    _report(
        "text dump, table figures", table_mutations(jincheng, data, str(JINCHENG_TXT), 60), 0.95
    )


def test_narrative_figures_in_the_text_dump(jincheng: Document) -> None:
    data = JINCHENG_TXT.read_bytes()
    outcomes = claim_mutations(jincheng, data, str(JINCHENG_TXT), 40)
    _report("text dump, narrative numbers", outcomes, 0.85)


def test_card_amounts_in_the_text_dump(jincheng: Document) -> None:
    data = JINCHENG_TXT.read_bytes()
    _report("text dump, card 年度资金总额", card_mutations(jincheng, data, str(JINCHENG_TXT)), 0.95)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xdist_group(n))
        for n in ("jincheng_pdf", "shanghai_budget", "shanghai_final")
    ],
)
def test_table_figures_of_the_pdfs(name: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(name)
    _report(f"{name}, table figures", model_mutations(doc, 40), 0.95)


# One planted contradiction of each class the checks catch in the text: appended to a
# paragraph of the sample's narrative, it must be found, pointing at that line.
PLANTED = {
    "N7": "2025年预算为100.00万元，2026年预算为120.00万元，比上年减少。",
    "N8": "本部门共有公务用车8辆，其中执法执勤用车5辆、机要通信用车4辆。",
    "N1": "因公出国（境）费5.00万元。",  # the 三公 table leaves it blank
    "N2": (
        "公务接待费0.79万元，占“三公”经费的40.00%；"
        "公务用车运行维护费1.50万元，占“三公”经费的60.00%。"
    ),
    "N6": (
        "住房保障支出（221类）住房改革支出（02款）住房公积金（01项）96.40万元。"
        "2025年当年预算执行数为90.00万元，2026年预算安排96.40万元，比2025年预算执行数增加9.99%。"
    ),
}


def _narrative_line(jincheng: Document) -> int:
    """A line of the sample that is one paragraph of prose, far from any table."""
    for section in jincheng.sections:
        for index, paragraph in enumerate(section.paragraphs):
            where = section.place_of(index)
            if where.line and len(paragraph) > 40 and "。" in paragraph:
                return where.line
    raise AssertionError("no paragraph")


@pytest.mark.parametrize("rule", sorted(PLANTED))
def test_a_planted_contradiction_is_found_where_it_was_planted(
    rule: str, jincheng: Document
) -> None:
    from budget_review.checks import run_checks
    from budget_review.model import Severity
    from budget_review.parsers import parse_bytes

    lines = JINCHENG_TXT.read_text(encoding="utf-8").split("\n")
    number = _narrative_line(jincheng)
    lines[number - 1] = lines[number - 1] + PLANTED[rule]
    doc = parse_bytes(str(JINCHENG_TXT), "\n".join(lines).encode("utf-8"))
    report = run_checks(doc)
    found = [
        f
        for f in report.findings
        if f.rule == rule and f.severity == Severity.ERROR and f.refs and f.refs[0].line == number
    ]
    assert found, [
        (f.rule, f.message.zh) for f in report.findings if f.refs and f.refs[0].line == number
    ]


def test_a_mutated_item_is_the_likely_culprit_of_its_failures(jincheng: Document) -> None:
    """A 项's 合计 misprinted fails its row and its 款: one finding names it, the rest
    follow from it."""
    from budget_review.checks import run_checks
    from budget_review.model import Severity
    from budget_review.parsers import parse_bytes

    from tests.mutations import bump

    table = jincheng.table_by_role("budget_expense")
    assert table is not None
    row = next(r for r in table.rows if r.code and len(r.code) == 7 and r.value(table.columns[2]))
    figure = row.figures[table.columns[2]]
    assert figure.where.line is not None
    lines = JINCHENG_TXT.read_text(encoding="utf-8").split("\n")
    index = figure.where.line - 1
    lines[index] = lines[index].replace(figure.raw, bump(figure.raw, figure.value or 0, 7), 1)  # type: ignore[arg-type]
    doc = parse_bytes(str(JINCHENG_TXT), "\n".join(lines).encode("utf-8"))
    failing = [f for f in run_checks(doc).findings if f.severity == Severity.ERROR and f.culprit]
    assert len(failing) >= 2
    suffix = figure.key.split("/", 1)[1]
    assert {f.culprit.split("/", 1)[1] for f in failing if f.culprit} == {suffix}
    assert sum(1 for f in failing if f.cause is None) == 1


# One wording problem of each kind, planted where the sample prints its kind of text.
EDUCATION = "教育支出8,556.21万元"
PLANTS = [
    Planted("K4", "placeholder in a heading", 90, "二、机构设置情况", "二、XX机构设置情况"),
    Planted("K4", "placeholder in a table row name", 156, "其他普通教育支出", "其他普通教育支出××"),
    Planted("T6", "增长（下降）in a heading", 90, "机构设置情况", "机构增长（下降）情况"),
    Planted("T6", "增加（减少）left both ways", 612, "预算增加14.72", "预算增加（减少）14.72"),
    Planted("T7", "a heading a year behind", 556, "2026年度部门预算", "2025年度部门预算"),
    Planted("T7", "a table title a year behind", 145, "2026年预算收入总表", "2025年预算收入总表"),
    Planted("T7", "截至 a year early", 2972, "截至2025年", "截至2024年"),
    Planted("T7", "compared with the wrong year", 612, "比2025年预算", "比2023年预算"),
    Planted(
        "T8", "与 for 和 in the name", 92, "人力资源和社会保障局内设", "人力资源与社会保障局内设"
    ),
    Planted("T8", "a district's wording in a city", 634, "市级预算部门", "区级预算部门"),
    Planted(
        "T9",
        "an uncoded 款 name the table does not give",
        585,
        EDUCATION,
        "教育支出（类）职业教育（款）其他普通教育支出（项）501.17万元",
    ),
    Planted(
        "T10",
        "a reason against the direction",
        612,
        "人员增加，相应经费增加",
        "人员减少，相应经费减少",
    ),
    Planted(
        "T11",
        "a purpose copied from another item",
        585,
        EDUCATION + "，占28.76%；",
        "教育支出（类）普通教育（款）其他普通教育支出（项）501.17万元，主要用于：其他普通教育支出。"
        "住房保障支出（类）住房改革支出（款）住房公积金（项）1,043.38万元，主要用于：其他普通教育支出。",
    ),
    Planted(
        "T12",
        "a rate from a zero base",
        612,
        "预算219.58万元，比2025年预算增加14.72万元，增长7.19%",
        "预算14.72万元，比2025年预算增加14.72万元，增长100.00%",
    ),
    Planted("T13", "a rate without %", 560, "下降6.87%", "下降6.87"),
    Planted("T13", "万元 without 元", 560, "上年结转1,068.95万元", "上年结转1,068.95万（"),
    Planted(
        "T15",
        "no full stop before the next numbered item",
        64,
        "并组织实施和监督检查。",
        "并组织实施和监督检查(二) 拟定全市人力资源市场发展规划。",
    ),
    Planted("T16", "a code with a stray space", 585, EDUCATION, "教育支出（205 02）8,556.21万元"),
]


def test_planted_wording_problems_are_found_where_planted(jincheng: Document) -> None:
    wording = {p.rule for p in PLANTS} | {"T14"}
    clean = [f for f in run_checks(jincheng).findings if f.rule in wording]
    assert clean == [], [f.message.zh for f in clean]
    data = JINCHENG_TXT.read_bytes()
    outcomes = prose_mutations(data, str(JINCHENG_TXT), PLANTS)
    outcomes.append(repeated_block_mutation(data, str(JINCHENG_TXT), 90, 95))
    assert missed(outcomes) == []
