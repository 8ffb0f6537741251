"""When a PDF page is read by OCR, and reading it: picture → words → rulings → lines.

`auto` OCRs a page with no text layer that shows a picture, and a page whose
text layer is garbage: unmapped glyphs (`(cid:12)` runs, private-use or
replacement characters) or many characters of which none is Chinese. `always`
OCRs every page with something on it; `never` keeps the text layer only.
"""

from __future__ import annotations

import re
from typing import Any

from budget_review.parsers.ocr_mode import OcrMode
from budget_review.parsers.pdf_page import PageLines

_CID = re.compile(r"\(cid:\d+\)")
_UNMAPPED = re.compile(r"[\ue000-\uf8ff\ufffd]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")
MIN_GLYPHS = 80  # fewer characters than this say too little about a mapping to judge it


def garbage_text(text: str) -> bool:
    """A text layer that does not say what the page shows."""
    cids = len(_CID.findall(text))
    rest = _CID.sub("", text)
    glyphs = [c for c in rest if not c.isspace()]
    bad = cids + len(_UNMAPPED.findall(rest))
    total = cids + len(glyphs)
    if total == 0:
        return False
    if bad >= 5 and bad >= 0.2 * total:
        return True
    # A table page continued with figures only has no Chinese either: letters must dominate.
    letters = sum(1 for c in glyphs if _LETTER.match(c))
    return total >= MIN_GLYPHS and not _CJK.search(rest) and letters >= 0.3 * total


def needs_ocr(page: PageLines, mode: OcrMode) -> bool:
    if mode == "never" or page.problem is not None:
        return False
    if not page.has_text:
        return page.has_images or mode == "always"
    if mode == "always":
        return True
    return garbage_text("\n".join(line.text for line in page.lines))


def read_ocr_page(document: Any, number: int, text_page: PageLines) -> PageLines:
    """Page `number` of an open pypdfium2 document read from its picture; the picture is
    freed before the next page."""
    from budget_review.parsers import ocr  # loads onnxruntime: only for pages that need it
    from budget_review.parsers.ocr_layout import page_lines
    from budget_review.parsers.ocr_rulings import read_rulings

    image = ocr.render(document, number, ocr.SCALE)
    width = image.shape[1] / ocr.SCALE
    grids, clean = read_rulings(image, ocr.SCALE)
    del image
    words = ocr.recognise(clean, ocr.SCALE, grids)
    del clean
    result = page_lines(words, grids, number, text_page.width or width)
    # A garbage text layer OCR reads nothing from is not a blank page: say so.
    result.has_images = text_page.has_images or text_page.has_text
    return result
