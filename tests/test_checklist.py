"""The 公开情况检查表 in Markdown and .xlsx."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from budget_review.checks import run_checks
from budget_review.model import Address, Document
from budget_review.parsers import parse_bytes
from budget_review.reports import checklist
from budget_review.store import Category, Target, new_note
from markdown_it import MarkdownIt

from tests.conftest import JINCHENG_TXT

DATA = Path(__file__).parent / "data"


def test_markdown_matches_the_golden_file(jincheng: Document) -> None:
    rows = checklist.build(jincheng, run_checks(jincheng), [])
    markdown = checklist.markdown(jincheng, rows)
    golden = DATA / "golden-checklist.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(markdown, encoding="utf-8")
    assert markdown == golden.read_text(encoding="utf-8")


def test_rows_follow_the_document_and_say_what_is_wrong(jincheng: Document) -> None:
    note = new_note(
        jincheng, Target.of(Address(table=13)), "上年结转项目缺少说明", Category.PROBLEM, None
    )
    question = new_note(jincheng, Target.of(Address(table=1)), "只是疑问", Category.QUESTION, None)
    rows = checklist.build(jincheng, run_checks(jincheng), [note, question])
    items = [r.text.zh for r in rows]
    assert items[:4] == ["封面", "目录", "主要职能", "机构设置"]
    assert items[4].startswith("表1 ") and items[-1] == "名词解释"
    table12 = next(r for r in rows if r.text.zh.startswith("表12 "))
    assert not table12.meets
    assert any("第2566行" in p and "人才中心大楼维修费" in p for p in table12.problems)
    table13 = next(r for r in rows if r.text.zh.startswith("表13 "))
    assert table13.problems == ["批注（" + note.author + "）：上年结转项目缺少说明"]
    table1 = next(r for r in rows if r.text.zh.startswith("表1 "))
    assert table1.meets  # a question is not a problem


def test_xlsx_opens_with_the_specified_layout(jincheng: Document, tmp_path: Path) -> None:
    rows = checklist.build(jincheng, run_checks(jincheng), [])
    path = tmp_path / "checklist.xlsx"
    checklist.xlsx(jincheng, rows, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    # the form's first rows: 单位名称 and 年度, then the table
    assert values[0] == ("单位名称", "晋城市人力资源和社会保障局", None, None)
    assert values[1] == ("年度", 2026, None, None)
    assert "B1:D1" in {str(r) for r in sheet.merged_cells.ranges}
    assert values[2] == ("序号", "检查项", "符合要求", "存在问题")
    assert len(values) == len(rows) + 3
    assert [v[2] for v in values[3:]] == ["是" if r.meets else "否" for r in rows]
    assert sheet.freeze_panes == "A4"
    assert sheet["D4"].alignment.wrap_text
    assert sheet.column_dimensions["D"].width >= 60
    table12 = next(v for v in values if str(v[1]).startswith("表12 "))
    assert table12[2] == "否" and "人才中心大楼维修费" in str(table12[3])


def test_xlsx_cells_match_the_golden_file(jincheng: Document, tmp_path: Path) -> None:
    import json

    rows = checklist.build(jincheng, run_checks(jincheng), [])
    path = tmp_path / "checklist.xlsx"
    checklist.xlsx(jincheng, rows, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    values = [list(v) for v in sheet.iter_rows(values_only=True)]
    golden = DATA / "golden-checklist-xlsx.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(values, ensure_ascii=False, indent=1), encoding="utf-8")
    assert values == json.loads(golden.read_text(encoding="utf-8"))


MUTATIONS = (
    # a narrative amount that disagrees with 表1: an error in the text, not in the table
    ("预算收入总计31,217.80万元", "预算收入总计31,217.90万元"),
    # a placeholder in 十二、其他说明 （二）其他
    ("本部门严格按照《财政专项资金管理办法》", "本部门严格按照XX《财政专项资金管理办法》"),
    # 本单位预算 in a department's text: its quote is cut at 60 characters by the check
    ("下降；本年部门预算支出总计", "下降；本年本单位预算支出总计"),
)


@pytest.fixture(scope="module")
def mutated() -> Document:
    text = JINCHENG_TXT.read_text(encoding="utf-8")
    for before, after in MUTATIONS:
        assert before in text
        text = text.replace(before, after, 1)
    return parse_bytes("jincheng-mutated.txt", text.encode("utf-8"))


def _row(rows: list[checklist.Row], key: str) -> checklist.Row:
    return next(r for r in rows if r.key == key)


def test_findings_are_filed_under_the_part_where_they_stand(mutated: Document) -> None:
    report = run_checks(mutated)
    assert {"N1", "K4", "T3"} <= {f.rule for f in report.findings}
    rows = checklist.build(mutated, report, [])
    other = _row(rows, "other").problems
    explanation = _row(rows, "explanation").problems
    # 十二、其他说明 is its own part of the disclosure, not 编制说明
    assert any("占位文字「XX」" in p and p.startswith("第2990行") for p in other)
    assert not any("占位文字" in p for p in explanation)
    # the narrative's wrong amount stands in the 情况说明, not under 表1
    assert any(p.startswith("第560行 说明中") and "31,217.90" in p for p in explanation)
    assert not any("31,217.90" in p for p in _row(rows, "table:1").problems)
    assert _row(rows, "table:1").meets


def _first_under(doc: Document, heading: str) -> str:
    return next(s for s in doc.sections if s.heading == heading).paragraph_key(0)


def test_notes_on_the_text_are_filed_under_their_part(mutated: Document) -> None:
    paragraph = new_note(
        mutated,
        Target.of(Address(paragraph=_first_under(mutated, "（二）其他"))),
        "表述待核",
        Category.PROBLEM,
        None,
    )
    changes = _first_under(mutated, "一、部门预算收支数据变动情况及原因")
    claim = next(c for c in mutated.claims if c.paragraph == changes)
    number = new_note(
        mutated,
        Target.of(Address(paragraph=claim.paragraph, claim=claim.key)),
        "此数与表1不符",
        Category.PROBLEM,
        None,
    )
    rows = checklist.build(mutated, None, [paragraph, number])
    assert _row(rows, "other").problems == [f"第2990行 批注（{paragraph.author}）：表述待核"]
    assert _row(rows, "explanation").problems == [f"第560行 批注（{number.author}）：此数与表1不符"]


def test_a_quote_cut_by_the_check_is_whole_in_the_checklist(mutated: Document) -> None:
    report = run_checks(mutated)
    scope = next(f for f in report.findings if f.rule == "T3")
    assert scope.message.zh.endswith("…")  # as the check words it for the app's one line
    rows = checklist.build(mutated, report, [])
    (problem,) = [p for p in _row(rows, "explanation").problems if "本单位预算" in p]
    assert "…" not in problem
    assert problem.endswith(
        "主要原因是一是人员数量减少导致人员经费、公用经费减少，"
        "二是专项项目经费减少，故本年度预算支出总计下降。"
    )


def test_an_accepted_finding_is_listed_once(jincheng: Document) -> None:
    report = run_checks(jincheng)
    error = next(f for f in report.findings if f.rule == "C2")
    figures = tuple(r.at for r in error.refs if r.at.is_figure)
    target = Target("finding", finding=error.id, rule="C2", figures=figures)
    accepted = new_note(jincheng, target, error.message.zh, Category.PROBLEM, None)
    added = new_note(jincheng, target, error.message.zh + "\n请单位核实。", Category.PROBLEM, None)
    rows = checklist.build(jincheng, report, [accepted, added])
    problems = _row(rows, "table:12").problems
    assert sum(error.message.zh in p for p in problems) == 1
    assert f"批注（{added.author}）：请单位核实。" in problems


def test_the_department_and_year_head_the_english_workbook(
    jincheng: Document, tmp_path: Path
) -> None:
    rows = checklist.build(jincheng, None, [], "en")
    path = tmp_path / "checklist.xlsx"
    checklist.xlsx(jincheng, rows, path, "en")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert [sheet["A1"].value, sheet["B1"].value] == ["Department", "晋城市人力资源和社会保障局"]
    assert [sheet["A2"].value, sheet["B2"].value] == ["Year", 2026]
    assert sheet["A3"].value == "No."


def test_markdown_cells_show_the_text_as_written(jincheng: Document) -> None:
    notes = [
        new_note(jincheng, Target.of(Address(table=1)), text, Category.PROBLEM, None)
        for text in ("基本支出+项目支出（含#号）", "单价*数量", "数量*单价")
    ]
    markdown = checklist.markdown(jincheng, checklist.build(jincheng, None, notes))
    assert "基本支出+项目支出（含#号）" in markdown  # nothing there is markup: no backslash
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    cells = [t for t in tokens if t.type == "inline" and "批注" in t.content]
    (notes_cell,) = cells
    assert {c.type for c in notes_cell.children or []} <= {"text", "html_inline"}
    seen = "".join(c.content for c in notes_cell.children or [] if c.type == "text")
    # two lone asterisks in one cell would pair into emphasis: they are escaped there
    assert "单价*数量" in seen and "数量*单价" in seen
