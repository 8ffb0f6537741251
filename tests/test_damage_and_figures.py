"""Damage said, and figures of any length read: a PDF page whose compressed content is
damaged is named and its checks set aside; a figure of 30 or 300 digits is a number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from budget_review.checks import run_checks
from budget_review.model import Document, InputError, Report, Severity
from budget_review.model.money import MAX_FIGURE_DIGITS
from budget_review.parsers import parse_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import JINCHENG_TXT, SHANGHAI_FINAL
from tests.synthetic_pdf import with_damaged_page

DAMAGED = 12  # 一般公共预算财政拨款支出决算表, table 5, alone on its page


@pytest.fixture(scope="module")
def intact() -> tuple[Document, Report]:
    doc = parse_bytes(str(SHANGHAI_FINAL), SHANGHAI_FINAL.read_bytes(), jobs=1)
    return doc, run_checks(doc)


def _refs_pages(report: Report, doc: Document) -> set[int]:
    by_number = {t.number: t.pages for t in doc.tables}
    pages = set()
    for finding in report.findings:
        for ref in finding.refs:
            if ref.page is not None:
                pages.add(ref.page)
            if ref.at.table is not None:
                pages.update(by_number.get(ref.at.table, []))  # type: ignore[call-overload]
    return pages


@pytest.mark.xdist_group("shanghai_final")
@pytest.mark.parametrize(
    ("engine", "how"),
    [("pdfium", "garbled"), ("pdfminer", "garbled"), ("pdfium", "truncated")],
)
def test_a_damaged_content_stream_is_said_and_its_checks_set_aside(
    engine: str, how: str, intact: tuple[Document, Report]
) -> None:
    data = with_damaged_page(SHANGHAI_FINAL.read_bytes(), DAMAGED, how)
    doc = parse_bytes("damaged.pdf", data, jobs=1, engine=engine)
    (warning,) = [w for w in doc.warnings if "damaged" in w.en]
    assert warning.en.startswith(f"page {DAMAGED}: its content is damaged and was not read whole")
    assert warning.zh.startswith(f"第{DAMAGED}页的内容已损坏")
    assert [p.page for p in doc.damaged_pages] == [DAMAGED]
    assert DAMAGED not in [p.page for p in doc.blank_pages]  # not mistaken for a blank page
    report = run_checks(doc)
    set_aside = [n for n in report.not_checked if "damaged" in n.reason.en]
    assert set_aside and all(f"page(s) {DAMAGED}" in n.reason.en for n in set_aside)
    assert all(f"第{DAMAGED}页" in n.reason.zh for n in set_aside)
    # The table that was on the page is missing: that is not reported as the document's fault.
    assert "K1" in {n.rule for n in set_aside}
    assert not {DAMAGED - 1, DAMAGED, DAMAGED + 1} & _refs_pages(report, doc)
    intact_doc, intact_report = intact
    errors = {f.id for f in report.findings if f.severity == Severity.ERROR}
    assert errors <= {f.id for f in intact_report.findings if f.severity == Severity.ERROR}
    assert len(doc.tables) == len(intact_doc.tables) - 1


@pytest.mark.xdist_group("shanghai_final")
def test_an_intact_pdf_has_no_damaged_pages(intact: tuple[Document, Report]) -> None:
    doc, report = intact
    assert not doc.damaged_pages
    assert not [n for n in report.not_checked if "damaged" in n.reason.en]


def test_damaged_pages_survive_the_store(tmp_path: object) -> None:
    from budget_review.model import Provenance
    from budget_review.model.serialize import document_from_dict, document_to_dict

    doc = parse_bytes(str(JINCHENG_TXT), JINCHENG_TXT.read_bytes())
    doc.damaged_pages = [Provenance(page=3)]
    again = document_from_dict(document_to_dict(doc))
    assert [p.page for p in again.damaged_pages] == [3]


# ------------------------------------------------------------------ huge figures

SAMPLE = JINCHENG_TXT.read_text(encoding="utf-8")
PRINTED = "29748.85"  # 一般公共预算 in the 收支总表, and (as 29,748.85) in the 情况说明
IN_WORDS = "29,748.85"


def _with(figure: str) -> str:
    return SAMPLE.replace(PRINTED, figure).replace(IN_WORDS, figure)


def test_the_sample_prints_the_figure_in_tables_and_sentences() -> None:
    doc = parse_bytes("j.txt", SAMPLE.encode())
    assert any(f.raw == PRINTED for t in doc.tables for f in t.figures())
    assert any(c.value == Decimal(PRINTED) and IN_WORDS in c.text for c in doc.claims)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    whole=st.text(alphabet="0123456789", min_size=27, max_size=300).filter(lambda s: s[0] != "0"),
    fraction=st.sampled_from(["", ".5", ".85", ".123"]),
)
def test_a_figure_of_any_length_is_read_and_checked(whole: str, fraction: str) -> None:
    """27 digits or more gave 'could not process the input: InvalidOperation'."""
    huge = whole + fraction
    doc = parse_bytes("huge.txt", _with(huge).encode())
    report = run_checks(doc)  # no exception escapes the checks
    assert any(f.value == Decimal(huge) for t in doc.tables for f in t.figures())
    assert any(c.value == Decimal(huge) for c in doc.claims)
    assert report.rules_run > 0


@settings(max_examples=15, deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=27, max_size=200),
    unit=st.sampled_from(["万元", "元", "亿元"]),
)
def test_a_sentence_with_a_long_number_is_read(digits: str, unit: str) -> None:
    text = (
        "某某局2026年部门预算\n一、收入预算情况说明\n"
        f"2026年收入预算{digits}{unit}，比上年增加{digits}{unit}。\n"
        "收支总表\n项目\t预算数\n"
        f"合计\t{digits}\n"
    )
    doc = parse_bytes("sentence.txt", text.encode())
    run_checks(doc)
    amounts = [c.value for c in doc.claims if c.kind == "amount"]
    assert Decimal(digits) in amounts


def test_a_figure_past_any_real_length_is_refused_with_its_reason() -> None:
    huge = "9" * (MAX_FIGURE_DIGITS + 1)
    with pytest.raises(InputError) as raised:
        parse_bytes("absurd.txt", _with(huge).encode())
    assert f"a figure has {MAX_FIGURE_DIGITS + 1} digits" in raised.value.problem.en
    assert raised.value.path == "absurd.txt"


def test_a_long_figure_from_the_command_line_is_no_error(tmp_path: object) -> None:
    from pathlib import Path

    from tests.test_cli import run

    folder = Path(str(tmp_path))
    path = folder / "huge.txt"
    path.write_text(_with("1" * 40 + ".85"), encoding="utf-8")
    result = run("check", str(path), "--fail-on", "never", "--lang", "en", db=folder / "db")
    assert result.returncode == 0, result.stderr
    assert "InvalidOperation" not in result.stderr
