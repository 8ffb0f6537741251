"""A scanned 情况说明 (every page an image) reads into sections, claims and item amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from budget_review.checks import run_checks
from budget_review.model import Document
from budget_review.parsers import parse_file

from tests.conftest import SAMPLES

SCANNED = SAMPLES / "national" / "beijing-city-govservice-2026-dept-budget-narrative-scanned.pdf"

pytestmark = [
    pytest.mark.xdist_group("ocr"),
    pytest.mark.skipif(not SCANNED.is_file(), reason="samples/national is not here"),
]


@pytest.fixture(scope="module")
def narrative() -> Document:
    return parse_file(SCANNED, jobs=2)


def _amounts(doc: Document) -> set[Decimal]:
    return {c.value for c in doc.claims if c.kind == "amount" and c.unit == "万元"}


def test_the_scan_reads_as_a_budget_narrative(narrative: Document) -> None:
    assert narrative.source.pages == 8 and not narrative.tables
    assert narrative.meta.year == 2026 and narrative.meta.kind == "budget"
    assert narrative.meta.department == "北京市政务服务和数据管理局"
    assert narrative.warnings[0].en.startswith("pages 1–8 read by OCR")
    assert narrative.warnings[0].zh.startswith("第1–8页经 OCR 识别")
    headings = [s.heading for s in narrative.sections]
    for heading in ("二、收入预算情况说明", "三、支出预算情况说明", "六、名词解释"):
        assert heading in headings
    assert sum(len(s.paragraphs) for s in narrative.sections) >= 20


def test_its_amounts_and_shares_are_claims_with_their_page(narrative: Document) -> None:
    amounts = _amounts(narrative)
    # 收入/支出预算, 上年, 增加, 基本支出, 项目支出, 三公, 政府采购, 机关运行经费
    for value in ("101673.03", "99003.18", "2669.85", "38197.01", "63408.16", "80.11", "55307.45"):
        assert Decimal(value) in amounts, value
    assert Decimal("760.36") in amounts
    shares = {c.value: c for c in narrative.claims if c.kind == "share"}
    assert shares[Decimal("37.59")].where.page == 6
    assert all(c.where.confidence is not None for c in narrative.claims)


def test_per_item_amounts_are_read(narrative: Document) -> None:
    items = {c.subject: c.value for c in narrative.claims if c.kind == "amount"}
    found = {subject for subject in items if "一般公共预算拨款收入" in subject}
    assert found and all(items[s] == Decimal("101673.03") for s in found)
    amounts = _amounts(narrative)
    # 三公: 因公出国（境）, 公务接待, 公务用车 and its two parts; 政府采购 货物, 工程, 服务
    for value in ("51.3", "7.25", "21.56", "12.53", "9.03", "1168.3", "105.2", "54033.95"):
        assert Decimal(value) in amounts, value


def test_the_checks_run_on_the_scan(narrative: Document) -> None:
    findings = run_checks(narrative)
    rules = {f.rule for f in findings.findings}
    # The shares are of 基本+项目 (101,605.17), not of the 101,673.03 the text names.
    assert "N2" in rules
    assert not any(f.rule.startswith("W") for f in findings.findings)
