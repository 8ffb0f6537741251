"""The wording rules of checks/prose.py (and K4), each on passages made up for the test:
one that passes, one that fails, and the place the finding points at."""

from __future__ import annotations

from decimal import Decimal

import pytest
from budget_review.checks import run_checks
from budget_review.checks.passages import excerpt
from budget_review.model import (
    Document,
    Finding,
    Meta,
    ProjectCard,
    Row,
    Section,
    Severity,
    Source,
    Table,
)
from budget_review.model.document import Figure, Provenance
from budget_review.model.money import Unit

PUTUO = "上海市普陀区商务委员会"


def _table(
    number: int | None,
    title: str,
    rows: list[tuple[str | None, str, str]] = (),  # type: ignore[assignment]
    role: str | None = "gpb_expense",
    unit: Unit = Unit.WAN_YUAN,
    line: int = 900,
) -> Table:
    built = []
    for index, (code, name, value) in enumerate(rows):
        key = code or name
        parent = code[:-2] if code and len(code) > 3 else None
        built.append(
            Row(
                key=key,
                name=name,
                code=code,
                parent=parent,
                figures={"合计": Figure(f"x/{number}/{key}/合计", value, Decimal(value))},
                where=Provenance(line=line + 1 + index),
            )
        )
    return Table(
        number,
        title,
        role,
        unit,
        ["科目编码", "科目名称", "合计"],
        built,
        where=Provenance(line=line),
    )


def _doc(
    *paragraphs: str,
    heading: str = "一、情况说明",
    sections: list[tuple[str, list[str]]] | None = None,
    year: int = 2026,
    kind: str = "budget",
    department: str = PUTUO,
    tables: list[Table] | None = None,
    pages: bool = False,
) -> Document:
    """A document of the given sections; paragraph i of the whole stands at line 100 + i
    (or on page i + 1 when `pages`)."""
    parts = sections if sections is not None else [(heading, list(paragraphs))]
    built = []
    line = 100
    for number, (title, texts) in enumerate(parts, start=1):
        where = []
        for _ in texts:
            line += 1
            where.append(Provenance(page=line - 100) if pages else Provenance(line=line))
        built.append(
            Section(title, 2, list(texts), Provenance(line=line - len(texts)), where, number)
        )
    return Document(
        source=Source(path="test.txt", sha256="e" * 64, format="text", pages=None),
        meta=Meta(department=department, year=year, kind=kind, scope="department"),  # type: ignore[arg-type]
        tables=tables or [],
        sections=built,
    )


def _found(doc: Document, rule: str) -> list[Finding]:
    return [f for f in run_checks(doc).findings if f.rule == rule]


# ---------------------------------------------------------------- quotes


def test_quotes_are_cut_at_clause_boundaries_never_inside_a_number() -> None:
    text = "本年收入30,148.85万元，上年结转1,068.95万元，比上年减少2302.02万元，下降6.87%。"
    at = text.index("上年结转")
    quote = excerpt(text, at, at + 4, limit=20)
    assert quote == "上年结转1,068.95万元，"
    assert excerpt(text, text.index("30,148"), limit=12) == "本年收入30,148.85万元，"
    assert excerpt("短句。", 0) == "短句。"


# ---------------------------------------------------------------- K4 placeholders


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("heading", "一、XX局2026年部门预算"),
        ("paragraph", "本部门共有车辆**辆。"),
        ("paragraph", "收入预算【】万元。"),
        ("paragraph", "由某某科负责。"),
        ("title", "××年一般公共预算支出表"),
        ("row", "待填写"),
    ],
)
def test_placeholders_are_found_wherever_printed(where: str, text: str) -> None:
    if where == "title":
        doc = _doc(
            "收入预算1.00万元。", tables=[_table(5, text, [("201", "一般公共服务支出", "1.00")])]
        )
    elif where == "row":
        doc = _doc("收入预算1.00万元。", tables=[_table(5, "支出表", [(None, text, "1.00")])])
    elif where == "heading":
        doc = _doc("收入预算1.00万元。", heading=text)
    else:
        doc = _doc(text)
    (finding,) = _found(doc, "K4")
    assert finding.severity == Severity.ERROR
    assert finding.refs[0].text and finding.refs[0].text in text


def test_what_only_looks_like_a_placeholder_is_not_one() -> None:
    clean = _doc("春季学期363*1150*60%=25.06万元，采购XXL号服装。", heading="一、情况说明")
    assert _found(clean, "K4") == []


def test_placeholders_in_cards_name_the_card() -> None:
    doc = _doc("收入预算1.00万元。")
    doc.cards = [ProjectCard(name="就业补助", overview="资金用于XX。", lines=[300])]
    (finding,) = _found(doc, "K4")
    assert finding.refs[0].at.card == "就业补助" and finding.refs[0].line == 300


# ---------------------------------------------------------------- T6 template wording


@pytest.mark.parametrize(
    "text",
    [
        "比上年增加（减少）5.00万元。",
        "与上年相比下降(增长)3.2%。",
        "较上年增加/减少1.00万元。",
        "比上年增（减）5.00万元。",
    ],
)
def test_template_wording_left_both_ways(text: str) -> None:
    (finding,) = _found(_doc(text), "T6")
    assert finding.severity == Severity.WARNING and finding.refs[0].line == 101


def test_template_wording_in_a_heading_is_found_too() -> None:
    (finding,) = _found(_doc("收入1.00万元。", heading="二、收入增加（减少）情况"), "T6")
    assert finding.refs[0].at.field == "heading"


def test_a_direction_given_once_is_not_template_wording() -> None:
    doc = _doc("比上年增加5.00万元（增长10%），增减变动情况如下，增/减以正负号表示。")
    assert _found(doc, "T6") == []


# ---------------------------------------------------------------- T7 years


@pytest.mark.parametrize(
    ("text", "year", "kind", "wrong"),
    [
        ("机关运行经费比2025年预算增加1.00万元。", 2026, "budget", False),
        ("机关运行经费比2023年预算增加1.00万元。", 2026, "budget", True),
        ("“三公”经费与2024年预算持平。", 2026, "budget", True),
        ("截至2025年12月31日，共有车辆3辆。", 2026, "budget", False),
        ("截至2026年1月31日，固定资产91,973.02万元。", 2026, "budget", False),
        ("截至2024年12月31日，共有车辆3辆。", 2026, "budget", True),
        ("截至2024年12月31日，共有车辆3辆。", 2024, "final_accounts", False),
        ("截至2023年12月31日，共有车辆3辆。", 2024, "final_accounts", True),
        ("比2024年预算执行数增加3.00万元。", 2026, "budget", True),
        ("2026年部门预算安排购置车辆0辆。", 2026, "budget", False),
        ("2025年部门预算安排购置车辆0辆。", 2026, "budget", True),
        (
            "根据《2024年上海建设国际消费中心城市工作要点》（沪商商贸〔2024〕109号）。",
            2026,
            "budget",
            False,
        ),
        ("落实2021-2025年发展规划，比2021年至2025年平均增加。", 2026, "budget", False),
        ("2025年部门预算绩效自评结果良好。", 2026, "budget", False),
    ],
)
def test_years_in_sentences(text: str, year: int, kind: str, wrong: bool) -> None:
    found = _found(_doc(text, year=year, kind=kind), "T7")
    assert bool(found) is wrong, [f.message.zh for f in found]
    assert all(f.severity == Severity.WARNING and f.refs[0].line == 101 for f in found)


def test_a_heading_or_title_in_another_year_is_found() -> None:
    table = _table(3, "2025年部门支出预算总表", [("201", "一般公共服务支出", "1.00")])
    doc = _doc("收入1.00万元。", heading="第三部分 2025年度部门预算情况说明", tables=[table])
    found = _found(doc, "T7")
    assert {f.refs[0].at.field for f in found if f.refs[0].at.paragraph} == {"heading"}
    titled = [f for f in found if f.refs[0].at.table == 3]
    assert titled and "表3「2025年部门支出预算总表」" in titled[0].message.zh
    dated = _doc("收入1.00万元。", heading="国家信访局2024年度部门决算 2025年7月")
    dated.meta.year, dated.meta.kind = 2024, "final_accounts"
    assert _found(dated, "T7") == []
    good_table = _table(3, "2026年部门支出预算总表", [("201", "一般公共服务支出", "1.00")])
    good = _doc("收入1.00万元。", heading="二、2025年预算执行情况", tables=[good_table])
    assert _found(good, "T7") == []


def test_implementation_period_must_hold_the_year() -> None:
    sections = [("五、实施周期", ["2024.1.1-2024.12.31"])]
    (finding,) = _found(_doc(sections=sections, year=2025), "T7")
    assert "2024–2024" in finding.message.zh
    assert _found(_doc(sections=[("五、实施周期", ["2025.1.1-2025.12.31"])], year=2025), "T7") == []
    lasting = _doc("该项目实施周期暂定为2026年至2027年。", year=2026)
    assert _found(lasting, "T7") == []


# ---------------------------------------------------------------- T8 names and levels


def test_a_name_without_its_region_prefix_is_found() -> None:
    (finding,) = _found(_doc("普陀区商务委员会负责本区商贸发展。"), "T8")
    assert "少了「上海市」" in finding.message.zh and finding.refs[0].line == 101
    assert _found(_doc("上海市普陀区商务委员会负责本区商贸发展。"), "T8") == []
    cited = _doc("根据《普陀区商务委员会关于印发专项资金管理办法的通知》执行。")
    assert _found(cited, "T8") == []


def test_a_name_one_character_off_is_found() -> None:
    department = "晋城市人力资源和社会保障局"
    (finding,) = _found(
        _doc("晋城市人力资源与社会保障局内设16个机构。", department=department), "T8"
    )
    assert "晋城市人力资源与社会保障局" in finding.message.zh
    for other in ("山西省人力资源和社会保障厅负责。", "长沙县人力资源和社会保障局负责。"):
        assert _found(_doc(other, department=department), "T8") == []


def test_level_wording_follows_the_department() -> None:
    wrong = _doc("财政拨款收入：是市级预算主管部门从本级财政部门取得的财政拨款。")
    (finding,) = _found(wrong, "T8")
    assert "区级" in finding.message.zh
    right = _doc("财政拨款收入：是区级预算主管部门取得的财政拨款；市级支持总部经济1262.00万元。")
    assert _found(right, "T8") == []


def test_names_need_the_department() -> None:
    report = run_checks(_doc("收入1.00万元。", department=""))
    assert any(n.rule == "T8" for n in report.not_checked)


# ---------------------------------------------------------------- T9 uncoded 类/款/项 names

PENSION = [
    ("208", "社会保障和就业支出", "211.63"),
    ("20805", "行政事业单位养老支出", "211.63"),
    ("2080501", "行政单位离退休", "70.54"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "141.09"),
]


def test_an_uncoded_section_name_is_compared_through_its_item() -> None:
    text = "社会保障和就业支出（类）{sec}（款）机关事业单位基本养老保险缴费支出（项）141.09万元。"
    tables = [_table(5, "一般公共预算支出表", PENSION)]
    assert _found(_doc(text.format(sec="行政事业单位养老支出"), tables=tables), "T9") == []
    (finding,) = _found(_doc(text.format(sec="行政事业单位离退休"), tables=tables), "T9")
    assert finding.severity == Severity.WARNING
    assert "20805" in finding.message.zh and "表5「一般公共预算支出表」" in finding.message.zh
    assert any(r.at.table == 5 and r.at.row == "20805" for r in finding.refs)


def test_two_names_off_are_resolved_by_the_amount() -> None:
    text = (
        "社会保障和就业（类）行政事业单位离退休（款）归口管理的行政单位离退休（项）。"
        "支出决算为70.54万元。"
    )
    tables = [_table(5, "一般公共预算财政拨款支出决算表", PENSION, role="fa_gpb_expense")]
    found = _found(_doc(text, tables=tables, kind="final_accounts", year=2024), "T9")
    assert {f.refs[-1].at.row for f in found} == {"20805", "2080501"}
    unknown = text.replace("70.54", "12.00")
    assert _found(_doc(unknown, tables=tables, kind="final_accounts", year=2024), "T9") == []


# ---------------------------------------------------------------- T10 reasons


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("公用经费比上年减少3.00万元，主要原因是办公经费增加。", True),
        ("公用经费比上年增加3.00万元，主要原因是人员减少，相应减少支出。", True),
        ("公用经费比上年减少3.00万元，主要原因是办公经费减少。", False),
        ("支出比上年减少9.00万元，主要是基本支出增加1.00万元，项目支出减少10.00万元。", False),
        ("支出比上年减少9.00万元，主要原因是上年追加经费增加，本年不再安排。", False),
        ("决算数小于预算数的主要原因是人员变动引起实际支出低于预算。", False),
        ("决算数大于预算数的主要原因是实际支出低于预算。", True),
    ],
)
def test_a_reason_agrees_with_its_direction(text: str, wrong: bool) -> None:
    found = _found(_doc(text), "T10")
    assert bool(found) is wrong
    assert all(f.severity == Severity.WARNING for f in found)


# ---------------------------------------------------------------- T11 copied explanations


def test_a_purpose_copied_from_another_item_is_found() -> None:
    text = (
        "1、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。主要用于：事业单位医疗保险支出。"
        "2、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：{purpose}。"
    )
    (finding,) = _found(_doc(text.format(purpose="事业单位医疗保险支出")), "T11")
    assert finding.severity == Severity.INFO
    assert "「住房公积金」的用途与「事业单位医疗」一字不差" in finding.message.zh
    assert _found(_doc(text.format(purpose="在职人员住房公积金缴纳")), "T11") == []


def test_a_reason_shared_by_items_is_not_a_copy() -> None:
    text = (
        "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。决算数小于预算数的主要原因是人员变动，按实际支出。"
        "2、一般公共服务支出（类）社会工作事务（款）事业运行（项）。决算数小于预算数的主要原因是人员变动，按实际支出。"
    )
    assert _found(_doc(text), "T11") == []


# ---------------------------------------------------------------- T12 zero base


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("机关运行经费支出10.23万元，比2025年度增加10.23万元，增长100.00%。", True),
        ("收入总计307.82万元。与2025年度相比，收入总计增加307.82万元，增长100.00%。", True),
        (
            "2025年预算执行数为0.00万元，2026年预算安排18.00万元，比2025年预算执行数增加100%。",
            True,
        ),
        ("机关运行经费支出219.58万元，比2025年预算增加14.72万元，增长7.19%。", False),
        ("预算数为0.00万元，比2025年执行数减少218.91万元，减幅100.00%。", False),
        ("2025年政府性基金预算为0万元，一般公共预算2,000.00万元，增长5%。", False),
        ("2024年预算执行数为0.00万元，2026年预算安排18.00万元，比2024年增长100%。", False),
    ],
)
def test_no_rate_from_a_zero_base(text: str, wrong: bool) -> None:
    found = _found(_doc(text), "T12")
    assert bool(found) is wrong
    assert all("100" in f.message.zh and f.refs[0].line == 101 for f in found)


# ---------------------------------------------------------------- T13 units


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("比上年增长12.34，主要原因是人员增加。", "no % and no unit"),
        ("上年结转1,068.95万元，占3.42，", "no % and no unit"),
        ("公务接待费0.58 万（元）。", "broken unit"),
        ("项目总预算1720.00万，其中认定1720.00万。", "broken unit"),
    ],
)
def test_numbers_carry_their_units(text: str, problem: str) -> None:
    (finding,) = _found(_doc(text), "T13")
    assert problem in finding.message.en


def test_units_printed_whole_or_on_the_next_line_are_fine() -> None:
    assert _found(_doc("比上年增长12.34%，占3.42%，共0.58万元，20万粉丝。"), "T13") == []
    split = _doc("财政拨款基本支出预算4,312.17万", "元，其中：人员经费3,916.57万元。")
    assert _found(split, "T13") == []


# ---------------------------------------------------------------- T14 repeats

FUNCTIONS = [
    "上海市普陀区商务委员会是主管全区产业经济的区政府工作部门，为正处级，加挂上海市普陀区经济委员会牌子。",
    "1、贯彻执行国家和本市有关工商业、内外贸、粮食流通等方面的方针、政策和法律、法规及规章，"
    "并结合本区实际，制订具体实施意见。",
]


def test_a_page_printed_twice_is_found() -> None:
    doc = _doc(*FUNCTIONS, *FUNCTIONS, pages=True)
    for section in doc.sections:  # pages 1–2 hold the text, 3–4 repeat it
        section.paragraph_where = [Provenance(page=p) for p in (1, 2, 3, 4)]
    assert _found(doc, "T14") == []  # one paragraph a page: no page repeats another
    for section in doc.sections:
        section.paragraph_where = [Provenance(page=p) for p in (3, 3, 4, 4)]
    (finding,) = _found(doc, "T14")
    assert finding.message.zh.startswith("第4页的文字与第3页一字不差（2 段")
    assert finding.refs[0].page == 4 and finding.refs[1].page == 3


def test_a_repeated_section_of_a_text_dump_and_a_long_paragraph() -> None:
    doc = _doc(sections=[("一、主要职能", FUNCTIONS), ("二、机构设置", FUNCTIONS)])
    (finding,) = _found(doc, "T14")
    assert finding.refs[0].line == 103 and finding.refs[1].line == 101
    long = "本部门" + "认真贯彻落实中央八项规定精神，严格控制一般性支出，" * 8 + "。"
    (finding,) = _found(_doc(long, "其他说明。", long), "T14")
    assert finding.refs[0].line == 103
    short = "详见单位的项目绩效目标表。"
    assert _found(_doc(short, short), "T14") == []


# ---------------------------------------------------------------- T15 numbered items


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("部门预算包括：1.烟台市信访局2.烟台市信访事务服务中心。", True),
        ("部门预算包括：1.烟台市信访局；2.烟台市信访事务服务中心。", False),
        ("(一) 贯彻执行政策法规，并组织实施和监督检查(二) 拟定全市人力资源市场发展规划。", True),
        ("十一、机关运行经费：指行政单位的公用经费。十二、“三公”经费：指因公出国费用。", False),
        ("构建集中统一、全面覆盖、权威高效的审计监督体系，举一反三、源头治理。", False),
        ("实施周期为2025.1.1-2025.12.31，第1、2项已完成。", False),
    ],
)
def test_numbered_items_are_closed(text: str, wrong: bool) -> None:
    found = _found(_doc(text), "T15")
    assert bool(found) is wrong
    assert all(f.severity == Severity.INFO for f in found)


# ---------------------------------------------------------------- T16 codes


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("人大事务（2010 1）支出5.00万元。", True),
        ("办公费（302 01款）支出2.00万元。", True),
        ("人大事务（20101）支出5.00万元。", False),
        ("2025 1月完成，共300 10人参加。", False),
    ],
)
def test_codes_without_stray_spaces(text: str, wrong: bool) -> None:
    assert bool(_found(_doc(text), "T16")) is wrong


def test_a_spaced_code_in_a_row_name_points_at_the_row() -> None:
    table = _table(6, "基本支出表", [(None, "302 01 办公费", "2.00")], role="gpb_basic_economic")
    (finding,) = _found(_doc("收入2.00万元。", tables=[table]), "T16")
    assert finding.refs[0].at.table == 6 and finding.refs[0].at.row == "302 01 办公费"
    assert "30201" in finding.message.zh
