"""Numbers stated in the narrative, with or without thousands separators."""

from __future__ import annotations

from decimal import Decimal

from budget_review.model import Document, Provenance
from budget_review.parsers.claims import extract_claims

D = Decimal


def test_amount_and_share_from_one_clause() -> None:
    claims = extract_claims(
        "主要包括一般公共预算拨款收入29,748.85万元，占95.29%；", Provenance(line=7), None
    )
    amount, share = claims
    assert (amount.kind, amount.value, amount.unit, amount.subject) == (
        "amount",
        D("29748.85"),
        "万元",
        "一般公共预算拨款收入",
    )
    assert (share.kind, share.value, share.subject) == ("share", D("95.29"), "一般公共预算拨款收入")
    assert amount.where.line == 7


def test_amounts_without_separators_and_trailing_zeros() -> None:
    claims = extract_claims(
        "支出预算31217.8万元，其中：基本支出12717万元，占40.74%。", Provenance(), None
    )
    assert [(c.kind, c.value) for c in claims] == [
        ("amount", D("31217.8")),
        ("amount", D("12717")),
        ("share", D("40.74")),
    ]


def test_change_and_rate_with_direction() -> None:
    claims = extract_claims(
        "预算219.58万元，比2025年预算增加14.72万元，增长7.19%。", Provenance(), None
    )
    kinds = {(c.kind, c.value, c.direction) for c in claims}
    assert ("change", D("14.72"), "increase") in kinds
    assert ("rate", D("7.19"), "increase") in kinds
    assert ("amount", D("219.58"), None) in kinds
    assert not any(c.kind == "amount" and c.value == D("14.72") for c in claims)


def test_counts_but_not_years_or_document_numbers() -> None:
    claims = extract_claims("2026年纳入管理的项目55个，依据〔2022〕6号文件。", Provenance(), None)
    assert [(c.kind, c.value) for c in claims] == [("count", D("55"))]


def test_flat_is_a_change_of_zero() -> None:
    claims = extract_claims("因公出国（境）费0万元，与上年预算数持平。", Provenance(), None)
    assert any(c.kind == "change" and c.direction == "flat" for c in claims)


def test_sample_narrative_claims(jincheng: Document) -> None:
    assert len(jincheng.claims) >= 80
    shares = {(c.subject, c.value) for c in jincheng.claims if c.kind == "share"}
    assert ("一般公共预算拨款收入", D("95.29")) in shares
    assert ("单位资金", D("1.28")) in shares
    changes = [c for c in jincheng.claims if c.kind == "change" and c.value == D("2302.02")]
    assert changes and all(c.direction == "decrease" for c in changes)
    procurement = [c for c in jincheng.claims if "政府采购" in c.sentence and c.kind == "amount"]
    assert [c.value for c in procurement] == [D("741.61"), D("83.51"), D("0"), D("658.09")]
    counts = {c.value for c in jincheng.claims if c.kind == "count" and "项目" in c.sentence}
    assert {D("55"), D("36"), D("19")} <= counts
    assert all(c.where.line for c in jincheng.claims)
    assert all(c.section for c in jincheng.claims)
