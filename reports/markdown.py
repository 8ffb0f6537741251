"""Markdown that shows a document's text as written: nothing in it becomes markup, a
terminal sequence, a setext underline or the end of a table, and a reader sees no
backslash where the character could not have been markup in its place.

A backslash goes only before a character that CommonMark (or GFM, which the checklist's
table needs) would read as markup there: `*` and `_` only when the text has two runs of
them that could pair, a backtick only when there are two, `<` before a tag or autolink,
`&` before an entity, `[`/`]` only where they could make a link, `#`, `>`, `-`, `+`,
`=`, `1.` only at the start of a line. `基本支出+项目支出` stays as it is.
"""

from __future__ import annotations

import re

from budget_review.model.untrusted import printable

_BREAKS = re.compile(r"\r\n|\r|\n")
_ASCII_PUNCTUATION = r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"""
# a backslash that would escape what follows it, or make a hard line break at the end
_BACKSLASH = re.compile(rf"\\(?=[{_ASCII_PUNCTUATION}]|$)", re.MULTILINE)
_TAG_OR_AUTOLINK = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINK_END = re.compile(r"\](?=[(\[])")
_DEFINITION = re.compile(r"^(\s*)\[(?=[^\]]*\]:)", re.MULTILINE)
# a GFM table's delimiter row: with one, pipes in the text would make a table
_DELIMITER_ROW = re.compile(
    r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|", re.M
)
_LINE_START = (
    re.compile(r"^(\s*)(#{1,6})(?=\s|$)", re.MULTILINE),  # ATX heading
    re.compile(r"^(\s*)(>)", re.MULTILINE),  # block quote
    re.compile(r"^(\s*)([-+*])(?=\s|$)", re.MULTILINE),  # bullet
    re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)", re.MULTILINE),  # ordered list
    re.compile(r"^(\s*)([=-])(?=[=-]*\s*$)", re.MULTILINE),  # setext underline
    re.compile(r"^(\s*)([-*_])(?=(?:\s*[-*_]){2,}\s*$)", re.MULTILINE),  # thematic break
    re.compile(r"^(\s*)(`{3,}|~{3,})", re.MULTILINE),  # code fence
)
_TRAILING = re.compile(r"[ \t]+(?=\r?\n|\r)")
_CLOSING_HASHES = re.compile(r"(\s)(#+\s*)$")


def _pairs(text: str, char: str) -> bool:
    """Whether the text has two runs of `char`, which could open and close markup."""
    return len(re.findall(re.escape(char) + "+", text)) >= 2


def _inline(text: str, pipes: bool) -> str:
    """In one pass over the text: a backslash before punctuation or at a line's end, the
    delimiters that have a partner to pair with, a tag, an entity, a link."""
    chars = {c for c in "*_~" if _pairs(text, c)}  # emphasis, GFM strike-through
    if text.count("`") >= 2:
        chars.add("`")
    if pipes:
        chars.add("|")
    alternatives = [_BACKSLASH.pattern, _TAG_OR_AUTOLINK.pattern, _ENTITY.pattern]
    alternatives.append(_LINK_END.pattern)
    if chars:
        alternatives.append("[" + re.escape("".join(sorted(chars))) + "]")
    pattern = re.compile("|".join(f"(?:{a})" for a in alternatives), re.MULTILINE)
    return pattern.sub(lambda m: "\\" + m.group(), text)


def escape(text: str) -> str:
    """Text, one line or several, that CommonMark shows as written (CJK untouched),
    controls removed; each line of it may start a line of the output."""
    # two spaces before a line break would make it a hard break
    text = _TRAILING.sub("", printable(text))
    out = _inline(text, pipes=bool(_DELIMITER_ROW.search(text)))
    out = _DEFINITION.sub(r"\1\\[", out)
    for pattern in _LINE_START:
        out = pattern.sub(lambda m: m.group(1) + "\\" + m.group(2), out)
    return out


def heading(text: str) -> str:
    """The text of an ATX heading: as `escape`, and a closing run of # kept as text."""
    return _CLOSING_HASHES.sub(r"\1\\\2", escape(" ".join(text.split())))


def cell(text: str) -> str:
    """Text for one GFM table cell: pipes escaped, line breaks become <br>, so a blank
    line in a note never ends the table."""
    escaped = _inline(printable(text), pipes=True)
    lines = [line.strip() for line in _BREAKS.split(escaped)]
    return "<br>".join(line for line in lines if line) or "—"
