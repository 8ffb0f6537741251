"""The Jincheng PDFs are renderings of the text dump: the same figures must come out."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from budget_review.model import Document

PDF_FIXTURES = [
    pytest.param("jincheng_pdf", marks=pytest.mark.xdist_group("jincheng_pdf")),
    pytest.param("jincheng_stamped", marks=pytest.mark.xdist_group("jincheng_stamped")),
]


def _figures(doc: Document) -> dict[tuple[int | None, str, str], Decimal | None]:
    return {
        (table.number, row.key, column): figure.value
        for table in doc.tables
        for row in table.rows
        for column, figure in row.figures.items()
    }


@pytest.mark.parametrize("name", PDF_FIXTURES)
def test_every_figure_equals_the_text_dump_figure(
    name: str, request: pytest.FixtureRequest, jincheng: Document
) -> None:
    pdf: Document = request.getfixturevalue(name)
    from_pdf, from_text = _figures(pdf), _figures(jincheng)
    assert len(from_text) > 1000
    assert from_pdf.keys() == from_text.keys()
    differing = {k: (from_pdf[k], from_text[k]) for k in from_text if from_pdf[k] != from_text[k]}
    assert differing == {}
    for table in pdf.tables:
        text_table = jincheng.table(table.number or 0)
        assert text_table is not None
        assert (table.role, table.unit, table.columns) == (
            text_table.role,
            text_table.unit,
            text_table.columns,
        )


@pytest.mark.parametrize("name", PDF_FIXTURES)
def test_cards_and_claims_equal_the_text_dump(
    name: str, request: pytest.FixtureRequest, jincheng: Document
) -> None:
    pdf: Document = request.getfixturevalue(name)

    def card_amounts(doc: Document) -> list[tuple[str, object, object, object]]:
        return [
            (c.name, c.annual_total, c.period_total, c.table_row is not None) for c in doc.cards
        ]

    assert card_amounts(pdf) == card_amounts(jincheng)
    assert Counter((c.kind, c.value) for c in pdf.claims) == Counter(
        (c.kind, c.value) for c in jincheng.claims
    )


@pytest.mark.xdist_group("jincheng_stamped")
def test_the_diagonal_stamp_never_reaches_a_cell(jincheng_stamped: Document) -> None:
    texts = [row.name for table in jincheng_stamped.tables for row in table.rows]
    texts += [f.raw for table in jincheng_stamped.tables for f in table.figures()]
    texts += [card.name for card in jincheng_stamped.cards]
    assert not [t for t in texts if re.search(r"仅供|内部审核|供内", t)]
    # the stamped rendering prints 31,217.80: separators go, the value stays
    summary = jincheng_stamped.table(1)
    assert summary is not None
    total = summary.row("支出总计", "expense")
    assert total is not None
    figure = next(f for f in total.figures.values() if f.value == Decimal("31217.80"))
    assert figure.raw == "31,217.80"


@pytest.mark.xdist_group("jincheng_pdf")
def test_pdf_figures_carry_page_and_box(jincheng_pdf: Document, jincheng: Document) -> None:
    for table in jincheng_pdf.tables:
        assert table.pages, table.title
        assert table.where.page == table.pages[0]
        for figure in table.figures():
            assert figure.where.page in table.pages
            assert figure.where.bbox is not None
            assert figure.where.line is None
    # 表1 starts on page 7 of the PDF (after the cover, contents and notes pages)
    first = jincheng_pdf.table(1)
    assert first is not None and first.pages == [7, 8]
    cards_on_pages = [c.pages for c in jincheng_pdf.cards]
    assert all(cards_on_pages)
    assert len(jincheng_pdf.cards) == len(jincheng.cards)
