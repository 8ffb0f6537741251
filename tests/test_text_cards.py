"""Performance cards of the 晋城 text dump, read by label and merged across pages."""

from __future__ import annotations

from decimal import Decimal

from budget_review.model import Document, ProjectCard

D = Decimal


def cards_named(doc: Document, name: str) -> list[ProjectCard]:
    return [c for c in doc.cards if c.name == name]


def test_fifty_six_headers_merge_into_about_forty_seven_cards(jincheng: Document) -> None:
    assert sum(c.fragments for c in jincheng.cards) == 56
    assert 45 <= len(jincheng.cards) <= 48


def test_card_repeated_over_four_pages_is_one_card(jincheng: Document) -> None:
    (card,) = cards_named(jincheng, "工匠学院")
    assert card.fragments == 4
    assert card.annual_total == D("400000") and card.annual_funding.self_raised == D("400000")
    assert card.unit == "晋城技师学院"
    assert "<p>" not in card.overview and card.overview.startswith("晋城工匠学院")


def test_two_projects_sharing_a_name_stay_two_cards(jincheng: Document) -> None:
    cards = cards_named(jincheng, "创业就业专项")
    assert len(cards) == 2
    assert sorted(c.annual_funding.local or 0 for c in cards) == [D("3740000"), D("7260000")]


def test_inline_funding_labels(jincheng: Document) -> None:
    (card,) = cards_named(jincheng, "中央财政就业补助资金本级")
    assert card.period_total == D("87960000")
    assert card.annual_total == D("27960000")
    assert card.annual_funding.central == D("27960000")
    assert card.department_code == "144"
    assert card.year == 2026
    assert card.filled_on == "2025-12-30"
    assert card.currency_unit.value == "元"


def test_funding_values_on_the_line_below_their_labels(jincheng: Document) -> None:
    (card,) = cards_named(jincheng, "人才工作专项经费")
    assert (card.period_total, card.annual_total) == (D("15035100"), D("5011700"))
    assert card.annual_funding.local == D("5011700")


def test_card_with_wrong_year_in_heading_keeps_that_year(jincheng: Document) -> None:
    (card,) = cards_named(jincheng, "星火项目创业大赛系列活动经费")
    assert card.year == 2020


def test_indicators_are_read(jincheng: Document) -> None:
    (card,) = cards_named(jincheng, "评比表彰奖励资金")
    annual = {(i.level3, i.value) for i in card.indicators if i.grid == "annual"}
    assert ("受表彰先进个人人数", "300人") in annual
    assert any(i.level2 == "数量指标" for i in card.indicators)


def test_cards_link_to_their_project_rows(jincheng: Document) -> None:
    linked = [c for c in jincheng.cards if c.table_row]
    assert len(linked) >= 40
    (card,) = [
        c for c in cards_named(jincheng, "创业就业专项") if c.annual_funding.local == D("3740000")
    ]
    assert card.table_row is not None and card.table_row[0] == 12
    row = jincheng.table(12).row(card.table_row[1])  # type: ignore[union-attr]
    assert row is not None and row.value("合计") == D("374.00")


def test_every_card_keeps_its_lines(jincheng: Document, jincheng_lines: list[str]) -> None:
    for card in jincheng.cards:
        assert card.lines
        assert any(card.name[:4] in jincheng_lines[n - 1] for n in card.lines), card.name


def test_card_whose_name_label_was_garbled_keeps_the_name_text(jincheng: Document) -> None:
    # One form prints '项目基础' where the label 项目名称 should be.
    assert any(c.name.startswith("险统征数据整理") for c in jincheng.cards)
    assert not any(c.name == "项目基础" for c in jincheng.cards)
