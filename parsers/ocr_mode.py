"""When PDF pages are OCR'd: the choice the parse API and `--ocr` take."""

from __future__ import annotations

from typing import Literal

# auto: pages with no text layer, or a garbage one; always: every page; never: text layer only
OcrMode = Literal["auto", "always", "never"]
MODES: tuple[OcrMode, ...] = ("auto", "always", "never")


def checked_ocr_mode(mode: str | None) -> OcrMode:
    """`mode`, or "auto" when none is asked for."""
    mode = mode or "auto"
    if mode not in MODES:
        raise ValueError(f"unknown OCR mode {mode!r}: expected one of {', '.join(MODES)}")
    return mode
