"""How much a document may cost: its size, and the time its reading may take.

Both are generous, so that every real disclosure passes: the largest sample PDF
(125 pages, 1.5 MB) reads in about 5 s; the scanned one OCRs at about 12 s a page
with one process on a busy machine. A file past either limit is refused with one
line naming it, never read until memory or patience runs out. `--size-limit` and
`--time-limit` (or the variables below) set them for the whole process.
"""

from __future__ import annotations

import os

SIZE_VARIABLE = "BUDGET_REVIEW_SIZE_LIMIT_MB"
TIME_VARIABLE = "BUDGET_REVIEW_TIME_LIMIT"

# The largest sample is 1.5 MB (125 pages); a long scanned disclosure is tens of MB.
# This leaves room for those and still refuses a file before it fills memory.
DEFAULT_SIZE_MB = 256
# Without --time-limit: a base for opening the file and reading its blocks, and an
# allowance per page (an OCR'd page takes seconds; a text page 15-45 ms).
BASE_SECONDS = 60.0
SECONDS_PER_PAGE = 30.0


def _number(variable: str) -> float | None:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if value > 0 else None


def size_limit() -> int:
    """The largest file read, in bytes."""
    megabytes = _number(SIZE_VARIABLE) or DEFAULT_SIZE_MB
    return int(megabytes * 1024 * 1024)


def time_limit(pages: int | None = None) -> float:
    """Seconds a document's reading may take: as set, else the base and `pages`' allowance."""
    fixed = _number(TIME_VARIABLE)
    if fixed is not None:
        return fixed
    return BASE_SECONDS + SECONDS_PER_PAGE * (pages or 0)


def time_limit_is_set() -> bool:
    return _number(TIME_VARIABLE) is not None
