"""Mutation tests: one printed figure changed, an error finding must name exactly that figure.

Recall is printed (pytest -s) and held above a floor; the floors sit just under
what the checks reach today, so a rule that stops firing fails the suite.
"""

from __future__ import annotations

import pytest
from budget_review.model import Document

from tests.conftest import JINCHENG_TXT
from tests.mutations import (
    Outcome,
    card_mutations,
    claim_mutations,
    missed,
    model_mutations,
    recall,
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
