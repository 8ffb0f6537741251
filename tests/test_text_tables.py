"""The 晋城 text dump: every table found, every figure at its table, row and column.

Expected values are read off the sample document, not off the parser's output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from budget_review.model import Document, Row, Table
from budget_review.parsers import parse_file

D = Decimal


def table(doc: Document, number: int) -> Table:
    found = doc.table(number)
    assert found is not None, f"table {number} missing"
    return found


def row(t: Table, key: str, side: str | None = None) -> Row:
    found = t.row(key, side)  # type: ignore[arg-type]
    assert found is not None, (
        f"row {key!r} missing from table {t.number}; have {[r.key for r in t.rows]}"
    )
    return found


def test_all_thirteen_tables_recognised_in_order(jincheng: Document) -> None:
    assert [t.number for t in jincheng.tables] == list(range(1, 14))
    titles = {t.number: t.title for t in jincheng.tables}
    assert titles[1] == "2026年预算收支总表"
    assert titles[3] == "2026年预算支出汇总表"
    assert titles[12] == "2026年项目支出预算表（本年预算）"
    assert titles[13] == "2026年项目支出预算表（上年结转）"
    assert all(t.unit is not None and t.unit.value == "万元" for t in jincheng.tables)


def test_three_empty_tables_carry_their_note(jincheng: Document) -> None:
    empty = {t.number: t.note for t in jincheng.tables if t.empty}
    assert sorted(empty) == [7, 8, 9]
    assert all(note == "注：本表无数据" for note in empty.values())


def test_table_one_label_and_contents_numbering(jincheng: Document) -> None:
    assert table(jincheng, 1).label == "预算公开表1"
    assert len([e for e in jincheng.contents if e.role]) == 13


def test_contents_and_body_disagreement_is_recorded(jincheng: Document) -> None:
    assert any(
        "预算支出总表" in m.text.zh and "预算支出汇总表" in m.text.zh
        for m in jincheng.contents_mismatches
    )
    assert len(jincheng.contents_mismatches) == 1


def test_two_sided_summary_table(jincheng: Document) -> None:
    t = table(jincheng, 1)
    assert t.columns == [
        "收入/项目",
        "收入/2026年",
        "支出/项目",
        "支出/2026年合计",
        "支出/当年预算安排",
        "支出/上年结转安排",
    ]
    assert row(t, "一般公共预算", "income").value("收入/2026年") == D("29748.85")
    assert row(t, "单位资金", "income").value("收入/2026年") == D("400.00")
    assert row(t, "收入总计", "income").value("收入/2026年") == D("31217.80")
    education = row(t, "205", "expense")
    assert education.name == "五、教育支出"
    assert education.value("支出/2026年合计") == D("9163.38")
    assert education.value("支出/当年预算安排") == D("8956.21")
    assert education.value("支出/上年结转安排") == D("207.17")
    health = row(t, "210", "expense")
    assert health.value("支出/上年结转安排") is None
    assert row(t, "本年支出合计", "expense").value("支出/上年结转安排") == D("1068.95")
    # A 类 name split inside its cell ('国有资本经营 预算支出') is joined and mapped by name.
    assert row(t, "223", "expense").name == "二十二、国有资本经营预算支出"
    assert row(t, "224", "expense").name == "二十三、灾害防治及应急管理支出"
    assert len([r for r in t.rows if r.side == "expense" and r.kind == "class"]) == 30


def test_income_table_including_shifted_rows(jincheng: Document) -> None:
    t = table(jincheng, 2)
    total = row(t, "合计")
    assert total.value("本年收入/合计") == D("30148.85")
    assert total.value("本年收入/单位资金") == D("400.00")
    assert total.value("上年结转") == D("1068.95")
    assert row(t, "2050303").value("本年收入/单位资金") == D("400.00")
    assert row(t, "2050303").value("上年结转") == D("207.17")
    # Rows 20807… lost a blank cell at a page break: 上年结转 must not land in 单位资金.
    employment = row(t, "20807")
    assert employment.value("本年收入/合计") == D("3926.00")
    assert employment.value("本年收入/单位资金") is None
    assert employment.value("上年结转") == D("861.78")
    assert employment.figures["上年结转"].repair
    assert employment.figures["本年收入/合计"].repair is None
    for code, carried in [
        ("2080704", "37.00"),
        ("2080711", "313.98"),
        ("2080713", "180.00"),
        ("2080799", "330.80"),
    ]:
        shifted = row(t, code)
        assert shifted.value("上年结转") == D(carried), code
        assert shifted.value("本年收入/单位资金") is None, code
        assert shifted.figures["上年结转"].repair, code
    # Short rows whose plain reading already adds up are left alone.
    pension = row(t, "2080505")
    assert pension.value("本年收入/一般公共预算") == D("1088.87")
    assert all(f.repair is None for f in pension.figures.values())


def test_expense_table_hierarchy(jincheng: Document) -> None:
    t = table(jincheng, 3)
    assert row(t, "合计").value("2026年预算数/项目支出") == D("18500.80")
    retirees = row(t, "2080502")
    assert (
        retirees.value("2026年预算数/合计"),
        retirees.value("2026年预算数/基本支出"),
        retirees.value("2026年预算数/项目支出"),
    ) == (D("116.47"), D("0.80"), D("115.67"))
    assert retirees.parent == "20805" and row(t, "20805").parent == "208"
    assert row(t, "208").level == 1 and retirees.level == 3
    assert len([r for r in t.rows if r.kind == "class"]) == 4


def test_fiscal_summary_two_sided_with_carry_over(jincheng: Document) -> None:
    t = table(jincheng, 4)
    assert "支出/金额/小计" in t.columns
    assert row(t, "205", "expense").value("支出/金额/小计") == D("8763.38")
    assert row(t, "上年财政拨款结转", "income").value("收入/金额") == D("1068.95")
    carried_gpb = [r for r in t.rows if r.side == "income" and r.name.endswith("一般公共预算")]
    assert [r.value("收入/金额") for r in carried_gpb] == [D("29748.85"), D("1068.95")]
    assert len({r.key for r in carried_gpb}) == 2
    assert row(t, "收入总计", "income").value("收入/金额") == D("30817.80")


def test_economic_table_groups_and_repeated_lines(jincheng: Document) -> None:
    t = table(jincheng, 6)
    assert row(t, "合计").value("2026年预算数/人员经费") == D("11601.48")
    wages = row(t, "工资福利支出")
    assert wages.kind == "group" and wages.value("2026年预算数/合计") == D("11169.22")
    basic = row(t, "基本工资/工资福利支出")
    assert basic.parent == "工资福利支出" and basic.value("2026年预算数/合计") == D("3265.44")
    receptions = [r for r in t.rows if r.name == "公务接待费"]
    assert [r.value("2026年预算数/公用经费") for r in receptions] == [D("0.59"), D("0.20")]
    assert len({r.key for r in receptions}) == 2
    assert row(t, "退休费/离退休费").parent == "对个人和家庭的补助"


def test_three_public_and_admin_tables(jincheng: Document) -> None:
    t = table(jincheng, 10)
    assert row(t, "公务接待费").value("2026年预算数/合计") == D("0.79")
    assert row(t, "合计").value("2026年预算数/一般公共预算") == D("2.29")
    running = row(t, "公务用车运行维护费")
    assert running.parent == "公务用车购置及运行费" and running.value("2026年预算数/合计") == D(
        "1.50"
    )
    admin = table(jincheng, 11)
    assert row(admin, "部门合计").value("2026预算数/合计") == D("219.58")
    assert [r.name for r in admin.rows if r.kind != "total"] == [
        "晋城市人力资源和社会保障局",
        "晋城市社会保险中心",
        "晋城市劳动人事争议仲裁院",
    ]


def test_current_projects_grouped_under_nine_units(jincheng: Document) -> None:
    t = table(jincheng, 12)
    projects = [r for r in t.rows if r.kind == "project"]
    units = [r for r in t.rows if r.kind == "unit"]
    totals = [r for r in t.rows if r.kind == "total"]
    assert len(projects) == 55
    assert len(units) == 9
    assert len(totals) == 1 and totals[0].value("合计") == D("17431.85")
    assert units[0].name == "晋城市人力资源和社会保障局" and units[0].value("合计") == D("5238.50")
    college = next(u for u in units if u.name == "晋城技师学院")
    assert college.value("单位资金") == D("400.00")
    college_projects = [p for p in projects if p.parent == college.key]
    assert len(college_projects) == 17
    assert sum(p.value("合计") or 0 for p in college_projects) == D("2543.31")
    same_name = [p for p in projects if p.name == "创业就业专项"]
    assert [p.value("合计") for p in same_name] == [D("374.00"), D("726.00")]
    assert len({p.key for p in same_name}) == 2
    training = next(p for p in projects if p.name == "培训中心培训专项")
    assert (
        training.value("单位资金") == D("350.00")
        and training.value("2026年财政拨款/一般公共预算") is None
    )


def test_carried_over_projects(jincheng: Document) -> None:
    t = table(jincheng, 13)
    assert [r.kind for r in t.rows].count("project") == 8
    assert [r.name for r in t.rows if r.kind == "unit"] == [
        "晋城市人力资源和社会保障局",
        "晋城技师学院",
    ]


@pytest.mark.parametrize("number", range(1, 14))
def test_every_figure_points_at_the_line_it_was_printed_on(
    jincheng: Document, jincheng_lines: list[str], number: int
) -> None:
    t = table(jincheng, number)
    figures = [f for f in t.figures() if f.raw]
    assert figures or t.empty
    for figure in figures:
        line = figure.where.line
        assert line is not None
        assert figure.raw in jincheng_lines[line - 1].split("\t"), (figure.key, line)


def test_figure_keys_are_stable_and_unique(jincheng: Document) -> None:
    keys = [f.key for t in jincheng.tables for f in t.figures()]
    assert len(keys) == len(set(keys))
    sample = table(jincheng, 3).row("2080502").figures["2026年预算数/基本支出"].key  # type: ignore[union-attr]
    assert sample == f"{jincheng.source.sha256[:16]}/3/2080502/2026年预算数/基本支出"


def test_metadata(jincheng: Document) -> None:
    assert jincheng.meta.department == "晋城市人力资源和社会保障局"
    assert jincheng.meta.year == 2026
    assert jincheng.meta.kind == "budget"
    assert jincheng.meta.scope == "department"


def test_page_furniture_never_reaches_the_model(jincheng: Document) -> None:
    texts = [p for s in jincheng.sections for p in s.paragraphs] + [
        s.heading for s in jincheng.sections
    ]
    assert not any("仅供内部审核" in t for t in texts)


def test_ocr_placeholder_is_reported_not_hidden(jincheng: Document) -> None:
    assert any("English text" in w for w in (t.en for t in jincheng.warnings))


def test_a_dump_with_cells_split_by_spaces_names_each_table_not_read(tmp_path: Path) -> None:
    """Tabs replaced by runs of spaces: which column a figure stands in can no longer be
    told where a cell is blank, so the tables are not read, and the reader says so for
    each by name, with the file, in both languages; `check` lists them as not read."""
    from tests.conftest import JINCHENG_TXT

    spaced = tmp_path / "spaced.txt"
    spaced.write_text(JINCHENG_TXT.read_text(encoding="utf-8").replace("\t", "    "))
    doc = parse_file(spaced)
    assert doc.tables == []
    said = [w for w in doc.warnings if "制表符" in w.zh]
    titles = [u.title for u in doc.unread_tables]
    # every table with figures in it; the three empty ones (表7–9) print none to go by
    assert len(said) == len(titles) == 10
    assert "2026年预算收支总表" in titles and "2026年项目支出预算表（上年结转）" in titles
    first = said[0]
    assert first.zh.startswith("spaced.txt，第100行「2026年预算收支总表」")
    assert first.en.startswith("spaced.txt, line 100, '2026年预算收支总表': the cells are")
    assert "not tabs" in first.en
    result = subprocess.run(
        [sys.executable, "-m", "budget_review.cli", "--db", str(tmp_path / "db"), "check", spaced],
        capture_output=True,
        text=True,
        env={**os.environ, "BUDGET_REVIEW_CONFIG": str(tmp_path / "config")},
    )
    assert "2026年预算收支总表" in result.stdout and "不是制表符" in result.stdout


def test_a_dump_split_by_tabs_gives_no_such_warning(jincheng: Document) -> None:
    assert not [w for w in jincheng.warnings if "制表符" in w.zh]
    assert jincheng.unread_tables == []
