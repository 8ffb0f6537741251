"""Read a text dump of a disclosure: one line per table row, cells split by tabs."""

from __future__ import annotations

import re

from budget_review.model import Document, InputError, Source, UnreadTable, words
from budget_review.parsers import assemble
from budget_review.parsers.catalogue import match_title
from budget_review.parsers.lines import Line, furniture
from budget_review.parsers.reader import BlockReader

_AMOUNT_TOKEN = re.compile(r"^[-－−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?$")


def read_text(path: str, data: bytes) -> str:
    if not data.strip():
        raise InputError(path, words("input.empty"))
    if b"\x00" in data[:4096]:
        raise InputError(path, words("input.binary"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(path, words("input.encoding"))


def _lines(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.rstrip("\r\n")
        lines.append(Line(number, stripped, stripped.split("\t"), tabbed="\t" in stripped))
    return lines


def parse_text_dump(path: str, data: bytes, sha256: str) -> Document:
    text = read_text(path, data)
    lines = _lines(text)
    doc = Document(source=Source(path=path, sha256=sha256, format="text", pages=None))
    drop = furniture(lines)
    body = [ln for ln in lines if ln.number not in drop]
    reader = BlockReader(doc, body)
    reader.run()
    _space_separated_tables(doc, body)
    head = [ln.text.strip() for ln in body if ln.text.strip() and not ln.tabbed][:40]
    assemble.finish(doc, head, reader.department_from_tables, reader.named_in_cells)
    return doc


def _figure_row(line: Line) -> bool:
    """A line of a name and figures with its cells split by spaces: '合计    30148.85    …'."""
    tokens = line.text.split()
    amounts = sum(1 for t in tokens if _AMOUNT_TOKEN.match(t))
    return not line.tabbed and amounts >= 1 and len(tokens) >= 2


def _space_separated_tables(doc: Document, lines: list[Line]) -> None:
    """A table title followed by rows of figures whose cells are split by spaces, not by
    tabs: such rows are not read (where a cell is blank, which column a figure stands in
    cannot be told), so each such table is listed as not read, and said why, by name."""
    read = {t.where.line for t in doc.tables}
    name = doc.file_name()
    for index, line in enumerate(lines):
        text = line.text.strip()
        if line.tabbed or line.number in read or match_title(text) is None:
            continue
        rows = 0
        for following in lines[index + 1 : index + 20]:
            if following.tabbed or match_title(following.text.strip()) is not None:
                break
            rows += _figure_row(following)
        if rows < 2:
            continue
        title = re.sub(r"\s+", "", text)
        reason = words("read.space_separated", file=name, title=title, where=line.place)
        doc.warnings.append(reason)
        doc.unread_tables.append(UnreadTable(title, line.where, words("read.not_tabbed")))
