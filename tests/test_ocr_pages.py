"""When pages are OCR'd, what a reader is told, and that a stored scan is never OCR'd again."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from budget_review.parsers import InputError, parse_bytes
from budget_review.parsers import ocr as ocr_engine
from budget_review.parsers.ocr import Word
from budget_review.review import open_for_review
from budget_review.store import Store
from PIL import Image

from tests.conftest import JINCHENG_PDF, SHANGHAI_FINAL
from tests.ocr_samples import scanned
from tests.test_cli import run


def _blank_scan(pages: int = 1) -> bytes:
    images = [Image.new("L", (595, 842), 255) for _ in range(pages)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=72.0)
    return out.getvalue()


def _with_blank_scan(source: bytes, numbers: list[int]) -> bytes:
    """Some text pages of `source`, then a scanned page with nothing on it."""
    reader = pypdf.PdfReader(io.BytesIO(source))
    writer = pypdf.PdfWriter()
    for number in numbers:
        writer.add_page(reader.pages[number - 1])
    writer.add_page(pypdf.PdfReader(io.BytesIO(_blank_scan())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


NARRATIVE = [
    "一、收入预算情况说明",
    "2026年收入预算1,000.00万元，其中一般公共预算拨款收入900.00万元。",
    "上年结转100.00万元。",
    "二、支出预算情况说明",
    "2026年支出预算1,000.00万元。",
    "三、政府采购预算情况说明",
    "2026年政府采购预算50.00万元。",
]


def _lines(texts: list[str], confidence: float) -> list[Word]:
    """One word per line, as wide as its text, one line under the other."""
    return [
        Word((72, 100 + 20 * i, 72 + 10 * len(t), 112 + 20 * i), t, confidence)
        for i, t in enumerate(texts)
    ]


def _fake_words(*_: object) -> list[Word]:
    return _lines(NARRATIVE, 0.98)


@pytest.mark.xdist_group("ocr")
def test_a_scan_with_nothing_to_read_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "blank-scan.pdf"
    path.write_bytes(_blank_scan(2))
    result = run("ingest", str(path), db=tmp_path / "db")
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert str(path) in line and "OCR 在所有页面上都没有识别出文字" in line
    result = run("ingest", "--lang", "en", str(path), db=tmp_path / "db")
    [line] = result.stderr.strip().splitlines()
    assert str(path) in line and "OCR found none on any page" in line
    assert not (tmp_path / "db" / "index.json").exists()


@pytest.mark.xdist_group("ocr")
def test_a_page_ocr_reads_nothing_from_is_a_warning_naming_it() -> None:
    data = _with_blank_scan(SHANGHAI_FINAL.read_bytes(), [5, 6])
    doc = parse_bytes("partly.pdf", data, jobs=1)
    warnings = [w.en for w in doc.warnings]
    assert "page 3: OCR found no text (blank page, photo or handwriting?)" in warnings
    assert "第3页 OCR 没有识别出文字（空白页、照片或手写？）" in [w.zh for w in doc.warnings]
    assert doc.tables
    never = parse_bytes("partly.pdf", data, jobs=1, ocr="never")
    assert "page 3: no text layer (a scanned page?), skipped" in [w.en for w in never.warnings]


@pytest.mark.xdist_group("ocr")
def test_a_scanned_page_inside_a_text_pdf_is_read_and_reports_progress() -> None:
    source = JINCHENG_PDF.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(source))
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(io.BytesIO(scanned(source, [11]))).pages[0])  # 表3
    writer.add_page(reader.pages[13])  # 表5, with its text layer
    out = io.BytesIO()
    writer.write(out)
    seen: list[tuple[int, int]] = []
    doc = parse_bytes(
        "partly.pdf", out.getvalue(), jobs=2, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(1, 2), (2, 2)]  # page by page
    assert "page 1 read by OCR: figures it was unsure of are marked" in [w.en for w in doc.warnings]
    scan, text = doc.table(3), doc.table(5)
    assert scan is not None and text is not None
    assert all(
        f.where.page == 1 and f.where.confidence is not None for f in scan.figures() if f.raw
    )
    assert all(f.where.page == 2 and f.where.confidence is None for f in text.figures() if f.raw)
    assert len([f for f in scan.figures() if f.raw]) == 92  # as the text layer has them


def test_a_stored_scan_is_not_ocrd_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Counted in a file: the pipeline reads a document in a child process.
    tally = tmp_path / "ocr-calls"
    tally.write_text("")

    def counted(*args: object) -> list[Word]:
        with tally.open("a") as out:
            out.write("1\n")
        return _fake_words()

    def calls() -> int:
        return len(tally.read_text().split())

    monkeypatch.setattr(ocr_engine, "recognise", counted)
    path = tmp_path / "narrative-scan.pdf"
    path.write_bytes(_blank_scan())
    with Store(tmp_path / "db") as store:
        first = open_for_review(store, path, jobs=1)
        assert not first.cached and calls() == 1
        assert first.document.claims and first.document.claims[0].where.confidence == 0.98
    with Store(tmp_path / "db") as store:
        again = open_for_review(store, path, jobs=1)
    assert again.cached and calls() == 1
    assert again.document.claims[0].where.confidence == 0.98


def test_a_narrative_without_budget_amounts_is_still_not_a_disclosure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words = _lines(["一、概况", "本单位负责档案管理工作。", "二、其他", "无。"], 0.99)
    monkeypatch.setattr(ocr_engine, "recognise", lambda *_: words)
    with pytest.raises(InputError, match="not a disclosure"):
        parse_bytes("prose.pdf", _blank_scan(), jobs=1)
