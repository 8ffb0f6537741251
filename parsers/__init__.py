"""Readers that turn a disclosure file into a `Document`: no UI, no storage.

Importing the package is cheap: the readers load when a file is parsed, so that
opening a stored document never pays for them.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from budget_review.model import Document, InputError, Text, words
from budget_review.model.money import MAX_FIGURE_DIGITS, exact_money
from budget_review.parsers.limits import size_limit
from budget_review.parsers.ocr_mode import MODES as OCR_MODES
from budget_review.parsers.ocr_mode import OcrMode
from budget_review.parsers.version import PARSER_VERSION

__all__ = [
    "OCR_MODES",
    "PARSER_VERSION",
    "InputError",
    "OcrMode",
    "Progress",
    "is_pdf",
    "parse_bytes",
    "parse_file",
    "read_input",
]

Progress = Callable[[int, int], None]


def read_input(path: str | Path) -> bytes:
    """The file's bytes, or an InputError saying in one line why they cannot be had.

    Only a regular file is read, and only up to the size limit: a FIFO, a device such
    as /dev/zero or a socket is refused without waiting on it. The file is opened
    without blocking and looked at through the handle, so what is read is what was
    checked."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, words("input.missing"))
    if p.is_dir():
        raise InputError(name, words("input.folder"))
    limit = size_limit()
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(name, words("input.unreadable", reason=exc.strerror or exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(name, words("input.not_regular"))
            if info.st_size > limit:
                raise InputError(name, _too_large(info.st_size, limit))
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(name, words("input.unreadable", reason=exc.strerror or exc)) from exc
    if len(data) > limit:  # it grew while being read
        raise InputError(name, _too_large(len(data), limit))
    if not data.strip():
        raise InputError(name, words("input.empty"))
    return data


def _too_large(size: int, limit: int) -> Text:
    mb = 1024 * 1024
    return words("input.too_large", size=f"{size / mb:.1f}", limit=f"{limit / mb:g}")


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def parse_bytes(
    path: str,
    data: bytes,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
    ocr: str | None = None,
) -> Document:
    """Parse a PDF or a text dump. `jobs`, `progress` (pages done, pages), `engine`
    ("pdfium", the default, or "pdfminer") and `ocr` ("auto", the default: pages without
    a usable text layer; "always"; "never") apply to PDFs."""
    with exact_money():
        doc = _parse(path, data, jobs, progress, engine, ocr)
    longest = doc.longest_figure()
    if longest > MAX_FIGURE_DIGITS:
        raise InputError(
            path, words("input.figure_too_long", digits=longest, most=MAX_FIGURE_DIGITS)
        )
    return doc


def _parse(
    path: str,
    data: bytes,
    jobs: int | None,
    progress: Progress | None,
    engine: str | None,
    ocr: str | None,
) -> Document:
    sha = hashlib.sha256(data).hexdigest()
    if is_pdf(data):
        from budget_review.parsers.pdf import parse_pdf

        doc = parse_pdf(path, data, sha, jobs, progress, engine, ocr)
    elif path.lower().endswith(".pdf"):
        raise InputError(path, words("input.not_pdf"))
    else:
        from budget_review.parsers.text_dump import parse_text_dump

        doc = parse_text_dump(path, data, sha)
    if not doc.tables and not doc.cards and not is_disclosure_text(doc):
        raise InputError(path, words("input.not_disclosure"))
    return doc


def is_disclosure_text(doc: Document) -> bool:
    """A 情况说明 published apart from its tables: a budget or final-accounts title,
    headed sections, and amounts stated in them. Other prose is not a disclosure."""
    headed = sum(1 for s in doc.sections if s.heading)
    amounts = sum(1 for c in doc.claims if c.kind == "amount")
    return doc.meta.kind is not None and headed >= 3 and amounts >= 3


def parse_file(
    path: str | Path,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
    ocr: str | None = None,
) -> Document:
    return parse_bytes(str(path), read_input(path), jobs, progress, engine, ocr)
