"""Text from a document is untrusted: nothing in it may steer a terminal, markup or spreadsheet."""

from __future__ import annotations

import re

# C0 and C1 controls (ESC starts terminal sequences), DEL, and the bidi overrides that
# can make text read differently from what it is; tabs and line breaks stay.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA = ("=", "+", "-", "@")


def printable(text: str) -> str:
    """The text with every control character removed."""
    return _CONTROLS.sub("", text)


def spreadsheet_cell(text: str) -> str:
    """A cell a spreadsheet shows as written: no controls, never read as a formula."""
    clean = printable(text)
    return f"'{clean}" if clean.startswith(_FORMULA) and not _is_number(clean) else clean


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?%?", text))
