"""The 公开情况检查表 in Markdown and .xlsx."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
from budget_review.checks import run_checks
from budget_review.model import Address, Document
from budget_review.reports import checklist
from budget_review.store import Category, Target, new_note

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
    assert values[0] == ("序号", "检查项", "符合要求", "存在问题")
    assert len(values) == len(rows) + 1
    assert [v[2] for v in values[1:]] == ["是" if r.meets else "否" for r in rows]
    assert sheet.freeze_panes == "A2"
    assert sheet["D2"].alignment.wrap_text
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
