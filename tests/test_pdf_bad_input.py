"""Malformed PDFs, generated here from the samples: one clear line, exit 2, store untouched."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from budget_review.model import Document
from budget_review.parsers import InputError, parse_bytes, parse_file

from tests.conftest import JINCHENG_TXT, SHANGHAI_FINAL
from tests.test_cli import run


def _images_pdf(source: bytes, pages: list[int]) -> bytes:
    """Pages of `source` as pictures only, as a scanner would make them."""
    pdf = pypdfium2.PdfDocument(source)
    images = [pdf[i].render(scale=0.6).to_pil().convert("L") for i in pages]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:])
    return out.getvalue()


def _pages(source: bytes, numbers: list[int]) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(source))
    writer = pypdf.PdfWriter()
    for number in numbers:
        writer.add_page(reader.pages[number - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _partly_scanned(source: bytes, scanned: list[int]) -> bytes:
    """The document with some pages replaced by their pictures."""
    reader = pypdf.PdfReader(io.BytesIO(source))
    pictures = pypdf.PdfReader(io.BytesIO(_images_pdf(source, [n - 1 for n in scanned])))
    writer = pypdf.PdfWriter()
    for number, page in enumerate(reader.pages, start=1):
        writer.add_page(pictures.pages[scanned.index(number)] if number in scanned else page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _encrypted(source: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(source))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# name → (bytes maker, what the error line must say)
CASES = {
    "not-a-pdf.pdf": (lambda src: b"PK\x03\x04" + bytes(range(256)) * 8, "not a PDF"),
    "truncated.pdf": (lambda src: src[: len(src) * 2 // 5], "truncated or corrupt"),
    "corrupt.pdf": (
        lambda src: b"%PDF-1.7\n" + random.Random(7).randbytes(6000),
        "truncated or corrupt",
    ),
    "encrypted.pdf": (_encrypted, "encrypted"),
    # read with --ocr never (tests/test_ocr_*.py read scans with OCR)
    "scanned.pdf": (lambda src: _images_pdf(src, [0, 4, 5]), "no text layer: OCR the file first"),
    # the glossary pages of a disclosure: prose without a single budget table
    "glossary-only.pdf": (lambda src: _pages(src, [23, 24]), "not a disclosure"),
    "empty.pdf": (lambda src: b"", "empty"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-pdfs")
    source = SHANGHAI_FINAL.read_bytes()
    for name, (make, _) in CASES.items():
        (folder / name).write_bytes(make(source))
    return folder


@pytest.fixture(scope="module")
def store_with_a_document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db")
    result = run("ingest", str(JINCHENG_TXT), db=db)
    assert result.returncode == 0, result.stderr
    return db


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_pdf_gives_one_line_exit_2_and_leaves_the_store(
    name: str, corpus: Path, store_with_a_document: Path
) -> None:
    before = _snapshot(store_with_a_document)
    path = corpus / name
    result = run("ingest", "--lang", "en", "--ocr", "never", str(path), db=store_with_a_document)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert CASES[name][1] in lines[0]
    assert "Traceback" not in result.stderr
    assert _snapshot(store_with_a_document) == before


def test_bad_pdf_among_good_files_stores_nothing(
    corpus: Path, store_with_a_document: Path, tmp_path: Path
) -> None:
    before = _snapshot(store_with_a_document)
    result = run("ingest", str(SHANGHAI_FINAL), str(corpus / "encrypted.pdf"), db=tmp_path / "db")
    assert result.returncode == 2
    assert not (tmp_path / "db" / "index.json").exists()
    assert _snapshot(store_with_a_document) == before


def test_scanned_pages_inside_a_readable_pdf_become_warnings(tmp_path: Path) -> None:
    path = tmp_path / "partly-scanned.pdf"
    path.write_bytes(_partly_scanned(SHANGHAI_FINAL.read_bytes(), [18, 19]))
    result = run("ingest", "--lang", "en", "--ocr", "never", str(path), db=tmp_path / "db")
    assert result.returncode == 0, result.stderr
    assert "warning: page 18: no text layer" in result.stdout
    assert "warning: page 19: no text layer" in result.stdout
    assert "9 tables" in result.stdout


def test_a_page_that_fails_to_read_is_named_and_the_rest_loads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from budget_review.parsers import pdf as pdf_reader

    real = pdf_reader.read_page

    def flaky(page: object, number: int) -> object:
        if number == 17:
            raise ValueError("broken content stream")
        return real(page, number)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_reader, "read_page", flaky)
    doc = parse_file(SHANGHAI_FINAL, jobs=1)
    assert "page 17: could not be read (ValueError: broken content stream)" in [
        w.en for w in doc.warnings
    ]
    assert len(doc.tables) == 9


@pytest.mark.xdist_group("shanghai_final")
def test_one_job_and_two_jobs_read_the_same_document(shanghai_final: Document) -> None:
    data = SHANGHAI_FINAL.read_bytes()
    seen: list[tuple[int, int]] = []
    two = parse_bytes(str(SHANGHAI_FINAL), data, jobs=2, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (24, 24)  # the progress callback reaches every page
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    from budget_review.model.serialize import document_to_dict

    assert document_to_dict(two) == document_to_dict(shanghai_final)


def test_a_text_file_named_pdf_is_refused_in_process() -> None:
    with pytest.raises(InputError, match="not a PDF"):
        parse_bytes("report.pdf", "部门预算".encode())


def test_a_blank_page_is_reported(tmp_path: Path) -> None:
    reader = pypdf.PdfReader(io.BytesIO(SHANGHAI_FINAL.read_bytes()))
    writer = pypdf.PdfWriter()
    for number, page in enumerate(reader.pages, start=1):
        writer.add_page(page)
        if number == 4:
            writer.add_blank_page()
    path = tmp_path / "with-blank.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    from budget_review.checks import run_checks

    doc = parse_file(path, jobs=1)
    assert [p.page for p in doc.blank_pages] == [5]
    assert [f.message.en for f in run_checks(doc).findings if f.rule == "K6"] == ["page 5 is blank"]
