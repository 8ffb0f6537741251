"""Header flattening, title recognition and the dropped-cell repair, on small made-up tables."""

from __future__ import annotations

from decimal import Decimal

from budget_review.model import Provenance
from budget_review.parsers.catalogue import match_title, normalise_title
from budget_review.parsers.grid import Cell, GridLine, flatten_headers
from budget_review.parsers.rows import TableContext, build_table


def test_merged_header_becomes_paths() -> None:
    assert flatten_headers(
        [
            ["项目", "", "本年收入", "", "", "上年结转"],
            ["科目编码", "科目名称", "合计", "一般公共预算", "单位资金", ""],
        ]
    ) == [
        "科目编码",
        "科目名称",
        "本年收入/合计",
        "本年收入/一般公共预算",
        "本年收入/单位资金",
        "上年结转",
    ]


def test_merge_never_crosses_its_parent() -> None:
    assert flatten_headers(
        [
            ["收入", "", "支出", "", ""],
            ["项目", "金额", "项目", "金额", ""],
            ["", "", "", "小计", "一般公共预算"],
        ]
    ) == ["收入/项目", "收入/金额", "支出/项目", "支出/金额/小计", "支出/金额/一般公共预算"]


def test_titles_from_other_regions_and_layouts() -> None:
    cases = {
        "表1-1 2025年部门财务收支预算总表": "budget_summary",
        "预算公开表3 2024年度单位支出总表": "budget_expense",
        "部门“三公”经费和机关运行经费预算表": "three_public_admin",
        "2024年度收入支出决算总表": "fa_summary",
        "财政拨款“三公”经费支出决算表": "fa_three_public",
        "表十三2026年项目支出预算表（上年结转）": "projects_carryover",
        "2026年项目支出预算表": "projects_current",
    }
    for title, expected in cases.items():
        found = match_title(title)
        assert found is not None, title
        assert found[0].id == expected, title
    assert match_title("主要用于以下方面：教育支出8,556.21万元") is None
    assert normalise_title("表十三2026年项目支出预算表（上年结转）").number == 13
    assert normalise_title("表12026年预算收支总表").number == 1


def _table(lines: list[list[str]]) -> tuple[object, list[str]]:
    header = [
        GridLine([Cell(t) for t in ["科目编码", "科目名称", "本年收入", "", "", "上年结转"]]),
        GridLine([Cell(t) for t in ["", "", "合计", "一般公共预算", "单位资金", ""]]),
    ]
    data = [
        GridLine([Cell(t, Provenance(line=i)) for t in cells], Provenance(line=i))
        for i, cells in enumerate(lines, start=10)
    ]
    ctx = TableContext("0" * 64, 3, "支出总表", None, "F", None, None, None, Provenance(line=1))
    warnings: list[str] = []
    return build_table(ctx, header, data, warnings), warnings


def test_dropped_blank_restored_where_the_row_adds_up() -> None:
    table, warnings = _table([["20807", "就业补助", "10.00", "10.00", "5.00"]])
    row = table.rows[0]  # type: ignore[attr-defined]
    assert row.value("本年收入/单位资金") is None
    assert row.value("上年结转") == Decimal("5.00")
    repair = row.figures["上年结转"].repair
    assert repair and "dropped" in repair.en
    assert not warnings


def test_no_guess_when_no_placement_adds_up() -> None:
    table, warnings = _table([["20807", "就业补助", "10.00", "7.00", "5.00"]])
    row = table.rows[0]  # type: ignore[attr-defined]
    assert row.value("本年收入/单位资金") == Decimal("5.00")
    assert all(f.repair is None for f in row.figures.values())
    assert warnings and "read as printed" in warnings[0].en
