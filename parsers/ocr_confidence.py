"""A narrative number read by OCR is as sure as its own characters, not as its paragraph.

Lines carry the lowest confidence of their words, so a paragraph is as doubtful
as its worst character. A claim looks its text up among the page's recognised
characters and takes the confidence of the figure's digits alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from budget_review.model import Document
from budget_review.parsers.ocr import Word
from budget_review.parsers.ocr_layout import group_lines
from budget_review.parsers.pdf_page import PageLines

_FIGURE_CHAR = re.compile(r"[\d.%〇]")  # not the separator: see ocr.recognise


def _stream(words: list[Word]) -> tuple[str, list[float]]:
    """The page's characters in reading order, each with its confidence."""
    text: list[str] = []
    sure: list[float] = []
    for line in group_lines(words):
        for word in line:
            for char in word.chars or (word,):
                text.append(char.text)
                sure += [char.confidence] * len(char.text)
    return "".join(text), sure


def settle_claims(doc: Document, pages: list[PageLines]) -> None:
    streams = {
        p.page: _stream(words) for p in pages if (words := getattr(p, "words", None)) is not None
    }
    cursors: dict[int, int] = {}
    for claim in doc.claims:
        where = claim.where
        if where.confidence is None or where.page is None:
            continue
        target = re.sub(r"\s+", "", claim.text)
        # A paragraph that began on one page may state the figure on the next.
        for page in (where.page, where.page + 1):
            if page not in streams:
                continue
            text, sure = streams[page]
            start = text.find(target, cursors.get(page, 0))
            if start < 0:
                start = text.find(target)
            if start < 0:
                continue
            cursors[page] = start + 1
            span = range(start, start + len(target))
            digits = [sure[i] for i in span if _FIGURE_CHAR.match(text[i])]
            confidence = min(digits or [sure[i] for i in span])
            claim.where = replace(where, confidence=confidence)
            break
