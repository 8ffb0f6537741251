"""Readers that turn a disclosure file into a `Document`: no UI, no storage."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from budget_review.model import Document
from budget_review.parsers.errors import InputError

__all__ = ["InputError", "Progress", "is_pdf", "parse_bytes", "parse_file", "read_input"]

Progress = Callable[[int, int], None]


def read_input(path: str | Path) -> bytes:
    """The file's bytes, or an InputError saying in one line why they cannot be had."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a folder, not a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError(name, "the file is empty")
    return data


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def parse_bytes(
    path: str,
    data: bytes,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
) -> Document:
    """Parse a PDF or a text dump. `jobs`, `progress` (pages done, pages) and `engine`
    ("pdfium", the default, or "pdfminer") apply to PDFs."""
    sha = hashlib.sha256(data).hexdigest()
    if is_pdf(data):
        from budget_review.parsers.pdf import parse_pdf

        doc = parse_pdf(path, data, sha, jobs, progress, engine)
    elif path.lower().endswith(".pdf"):
        raise InputError(path, "not a PDF: the file has no %PDF header")
    else:
        from budget_review.parsers.text_dump import parse_text_dump

        doc = parse_text_dump(path, data, sha)
    if not doc.tables and not doc.cards:
        raise InputError(path, "no budget or final-accounts table was recognised: not a disclosure")
    return doc


def parse_file(
    path: str | Path,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
) -> Document:
    return parse_bytes(str(path), read_input(path), jobs, progress, engine)
