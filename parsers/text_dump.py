"""Read a text dump of a disclosure: one line per table row, cells split by tabs."""

from __future__ import annotations

from budget_review.model import Document, InputError, Source, words
from budget_review.parsers import assemble
from budget_review.parsers.lines import Line, furniture
from budget_review.parsers.reader import BlockReader


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
    head = [ln.text.strip() for ln in body if ln.text.strip() and not ln.tabbed][:40]
    assemble.finish(doc, head, reader.department_from_tables, reader.named_in_cells)
    return doc
