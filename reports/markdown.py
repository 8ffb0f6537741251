"""Markdown that shows a document's text as written: nothing in it becomes markup, a
terminal sequence, a setext underline or the end of a table."""

from __future__ import annotations

import re

from budget_review.model.untrusted import printable

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(\s)", re.MULTILINE)
# a line of only = or - under text makes the text a heading (setext)
_UNDERLINE = re.compile(r"^(\s*)([=-]{2,}\s*)$", re.MULTILINE)
_BREAKS = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """Inline text that CommonMark shows as written (CJK untouched), controls removed."""
    escaped = _SPECIAL.sub(r"\\\1", printable(text))
    escaped = _UNDERLINE.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    return _LINE_START.sub(r"\1\\\2\3", escaped)


def cell(text: str) -> str:
    """Text for one table cell: line breaks become <br>, so a blank line in a note never
    ends the table."""
    lines = [escape(line.strip()) for line in _BREAKS.split(printable(text))]
    return "<br>".join(line for line in lines if line) or "—"
