"""`/` and `]` go through a document in one order: the order it is read in."""

from __future__ import annotations

import pytest
from budget_review.checks import run_checks
from budget_review.model import Document
from budget_review.tui.search import index
from budget_review.tui.session import OpenDocument


@pytest.mark.xdist_group("jincheng_pdf")
def test_search_and_next_finding_share_the_reading_order(jincheng_pdf: Document) -> None:
    opened = OpenDocument.build(jincheng_pdf, run_checks(jincheng_pdf))
    compared = 0
    for match, _, _ in index(jincheng_pdf):
        if match.kind == "card":
            continue
        where = opened.order_of(match.place)
        if where is None:
            continue
        # on a PDF: page, then how far down it is printed, for a figure and a paragraph alike
        assert match.order[:3] == where[:3], match.place
        compared += 1
    assert compared > 500
