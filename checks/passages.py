"""The document's own words, each piece with its place: what the wording rules read.

Headings, table titles and notes, row names, paragraphs, card fields and the
contents are read alike, so that a placeholder or a wrong year is found wherever it
is printed. Quotes are cut at clause boundaries, so that a finding can be forwarded.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from budget_review.checks.context import Context
from budget_review.model import Address, Provenance, Ref, Table, Text, words
from budget_review.model.i18n import place

PassageKind = Literal["heading", "title", "note", "row", "paragraph", "card", "contents"]

# The fields of a performance card that hold words (name, unit and the targets first).
CARD_FIELDS = (
    "name",
    "department",
    "unit",
    "overview",
    "basis",
    "necessity",
    "measures",
    "plan",
    "period_target",
    "annual_target",
)


@dataclass(eq=False, slots=True)
class Passage:
    """One printed piece of text and where it stands."""

    text: str
    kind: PassageKind
    where: Provenance
    table: Table | None = None
    name: str | None = None  # a row's printed name; a card's name
    section: int | None = None  # for headings and paragraphs: Section.number
    # a paragraph's key (s3p2), a row's key, a card's field, a contents entry's table number
    key: str | int | None = None

    @property
    def at(self) -> Address:
        """Its address, made when a finding needs it (most passages are never cited)."""
        kind, key = self.kind, self.key
        if kind == "heading":
            return Address(paragraph=f"s{self.section}", field="heading")
        if kind == "paragraph":
            return Address(paragraph=str(key), field="text")
        number = self.table.number if self.table is not None else None
        if kind in ("title", "note"):
            return Address(table=number)
        if kind == "row":
            return Address(table=number, row=str(key))
        if kind == "card":
            return Address(card=self.name, field=str(key))
        return Address(table=key if isinstance(key, int) else None)

    def ref(self, quote: str) -> Ref:
        return Ref(
            self.at,
            text=quote,
            name=self.name if self.kind == "row" else None,
            page=self.where.page,
            line=self.where.line,
            part=self.where.part,
        )

    def place(self) -> Text:
        """How a message names where the words stand: 标题、表3「…」的标题、说明 …"""
        if self.kind == "heading":
            return words("prose.place.heading")
        if self.kind == "title" and self.table is not None:
            return words("prose.place.title", table=table_label(self.table))
        if self.kind == "note" and self.table is not None:
            return words("prose.place.note", table=table_label(self.table))
        if self.kind == "row" and self.table is not None:
            return words("prose.place.row", table=table_label(self.table), row=self.name or "")
        if self.kind == "card":
            return words("prose.place.card", card=self.name or "")
        if self.kind == "contents":
            return words("prose.place.contents")
        return words("prose.place.paragraph")

    def locus(self) -> Text:
        """The page or line, for messages that compare two places."""
        return place(self.where.page, self.where.line) or self.place()


def table_label(table: Table) -> Text:
    """A table as its document prints it: 表3「支出总表」, or 「…」 when it has no number."""
    if table.number is None:
        return words("prose.table_unnumbered", title=table.title)
    return words("prose.table", n=table.number, title=table.title)


def passages(ctx: Context) -> list[Passage]:
    """Every piece of the document's words, built once per run."""
    found = ctx.memo.get("passages")
    if found is None:
        found = list(_read(ctx))
        ctx.memo["passages"] = found
    return found  # type: ignore[return-value]


def _read(ctx: Context) -> list[Passage]:
    """Sections (headings and paragraphs), then tables (titles, notes, rows), then cards,
    then the contents: each kind in one stretch, so that a search can skip the others."""
    doc = ctx.doc
    out: list[Passage] = []
    add = out.append
    for section in doc.sections:
        if section.heading.strip():
            add(Passage(section.heading, "heading", section.where, None, None, section.number))
        for index, text in enumerate(section.paragraphs):
            where = section.place_of(index)
            key = section.paragraph_key(index)
            add(Passage(text, "paragraph", where, None, None, section.number, key))
    for table in doc.tables:
        add(Passage(table.title, "title", table.where, table))
        for note in (table.note, *table.footnotes):
            if note:
                add(Passage(note, "note", table.where, table))
        for row in table.rows:
            if row.name:
                add(Passage(row.name, "row", row.where, table, row.name, None, row.key))
    for card in doc.cards:
        where = Provenance(
            line=card.lines[0] if card.lines else None,
            page=card.pages[0] if card.pages else None,
            part=card.part,
        )
        for field in CARD_FIELDS:
            text = getattr(card, field)
            if text:
                add(Passage(text, "card", where, None, card.name, None, field))
        # one passage for all of a card's indicator names and values: they are many and short
        indicators = "；".join(
            text for i in card.indicators for text in (i.level3, i.value) if text
        )
        if indicators:
            add(Passage(indicators, "card", where, None, card.name, None, "indicators"))
    for entry in doc.contents:
        add(Passage(entry.title, "contents", entry.where, None, None, None, entry.number))
    return out


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in one passage, with its span in that passage's text."""

    passage: Passage
    match: re.Match[str]
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.match.group()


class Corpus:
    """All passages joined, so that a pattern is searched once for the whole document;
    each match is given back in the passage it stands in (never across two)."""

    _SEPARATOR = "\x00"

    def __init__(self, found: list[Passage], texts: list[str]) -> None:
        self.passages = found
        self.texts = texts
        self.starts: list[int] = []
        self.spans: dict[str, tuple[int, int]] = {}  # kind → (first offset, last end)
        position = 0
        for passage, text in zip(found, texts, strict=True):
            self.starts.append(position)
            first, _ = self.spans.get(passage.kind, (position, 0))
            self.spans[passage.kind] = (first, position + len(text))
            position += len(text) + 1
        self.text = self._SEPARATOR.join(texts)

    def search(self, pattern: re.Pattern[str], *kinds: PassageKind) -> Iterator[Hit]:
        """Matches in passages of these kinds (any kind when none is given)."""
        spans = (
            [self.spans[k] for k in kinds if k in self.spans] if kinds else [(0, len(self.text))]
        )
        if not spans:
            return
        begin, end = min(a for a, _ in spans), max(b for _, b in spans)
        for match in pattern.finditer(self.text, begin, end):
            index = bisect_right(self.starts, match.start()) - 1
            offset = self.starts[index]
            passage = self.passages[index]
            if match.end() > offset + len(self.texts[index]):
                continue
            if kinds and passage.kind not in kinds:
                continue
            yield Hit(passage, match, match.start() - offset, match.end() - offset)

    def text_of(self, hit: Hit) -> str:
        """The passage's text as this corpus holds it (squashed or as printed)."""
        return self.texts[bisect_right(self.starts, hit.match.start()) - 1]


def corpus(ctx: Context, squash: bool = False) -> Corpus:
    """The passages as printed, or without white space (names broken by PDF spacing)."""
    key = "passages.squashed" if squash else "passages.corpus"
    found = ctx.memo.get(key)
    if found is None:
        every = passages(ctx)
        texts = [p.text.replace(Corpus._SEPARATOR, " ") for p in every]
        if squash:  # white space never holds the separator, so one pass does every passage
            texts = "".join(Corpus._SEPARATOR.join(texts).split()).split(Corpus._SEPARATOR)
        found = Corpus(every, texts)
        ctx.memo[key] = found
    return found  # type: ignore[return-value]


# A clause ends at a full-width comma, colon, enumeration comma or a sentence mark; a
# half-width comma or colon only when no digit follows (31,217.80 and 12:00 are numbers).
_BOUNDARY = re.compile(r"[。；;！？!?，、：]|[,:](?!\d)")
_SENTENCE_END = set("。；;！？!?")


def excerpt(text: str, start: int, end: int | None = None, limit: int = 60) -> str:
    """The clauses around text[start:end]: from the start of the clause holding `start`
    to the end of the clause holding `end`, widened by whole clauses of the same sentence
    while under `limit` characters. Never cut inside a clause, so never inside a word or a
    number."""
    end = start if end is None else end
    ends = [m.end() for m in _BOUNDARY.finditer(text)]
    first = max((b for b in ends if b <= start), default=0)
    last = min((b for b in ends if b >= max(end, first + 1)), default=len(text))
    for bound in ends:
        if text[last - 1 : last] in _SENTENCE_END:
            break  # the quote ends its sentence: the next one is another matter
        if bound > last and bound - first <= limit:
            last = bound
    if len(text) - first <= limit:
        last = len(text)
    return text[first:last].strip()


def squashed(text: str) -> str:
    """The text without white space: PDF line breaks and spaces are not the document's."""
    return "".join(text.split())
