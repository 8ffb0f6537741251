"""Document, tables, rows, figures, cards and claims.

Every figure carries where it came from (line of a text dump, page and box of a
PDF) and a stable key, so that notes and findings survive re-parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from budget_review.model.columns import Segment, segments_of
from budget_review.model.i18n import Text
from budget_review.model.money import Unit, digits_of, longest_figure

# 2: tables name their role; warnings, paragraphs and claims carry both languages and keys
SCHEMA_VERSION = 2

# "income", "expense", and further expense sides "expense:<view>" (支出用途, 经济分类 …)
Side = str
Kind = Literal["budget", "final_accounts"]
Scope = Literal["department", "unit"]
BBox = tuple[float, float, float, float]
# Below this OCR confidence a figure is shown as possibly misread (see parsers/ocr.py).
LOW_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Provenance:
    """Where something was read: a line of a text dump, or a page and box of a PDF."""

    line: int | None = None
    page: int | None = None
    bbox: BBox | None = None
    # which of the document's files, when it was published as several (Document.parts)
    part: int = 0
    # How sure OCR was of this text (0–1); None for text read from a text layer or a dump.
    confidence: float | None = None

    @property
    def uncertain(self) -> bool:
        """Read by OCR with low confidence: the figure may be misread, not necessarily wrong."""
        return self.confidence is not None and self.confidence < LOW_CONFIDENCE


@dataclass
class Figure:
    """One printed number. `value` is None for a blank or dash cell."""

    key: str
    raw: str
    value: Decimal | None
    where: Provenance = field(default_factory=Provenance)
    # Set when the parser moved this cell (e.g. a dropped cell at a page break),
    # saying what it did and why; never set for figures read as printed.
    repair: Text | None = None


@dataclass
class Row:
    """One printed line of a table: its key (code, else name), level and figures by column."""

    key: str
    name: str
    code: str | None = None
    side: Side | None = None
    # total | class | section | item | group | line | unit | project | entry
    kind: str = "entry"
    level: int = 0
    parent: str | None = None
    figures: dict[str, Figure] = field(default_factory=dict)
    where: Provenance = field(default_factory=Provenance)

    def value(self, column: str) -> Decimal | None:
        figure = self.figures.get(column)
        return figure.value if figure else None


@dataclass
class Table:
    """One standard table as printed: title, role, unit, columns and rows, and where it was read."""

    number: int | None
    title: str
    role: str | None  # a `model.roles` id; None for a table the reader could not place
    unit: Unit | None
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    label: str | None = None
    empty: bool = False
    note: str | None = None
    footnotes: list[str] = field(default_factory=list)
    where: Provenance = field(default_factory=Provenance)
    last_line: int | None = None
    pages: list[int] = field(default_factory=list)
    # Columns whose cells are words though their header reads like money (采购类别, 指导性目录)
    text_columns: list[str] = field(default_factory=list)
    # How the role was told: the title, or the header and rows when the title said nothing
    role_evidence: Text | None = None
    _segments: tuple[tuple[str, ...], list[Segment]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def segments(self) -> list[Segment]:
        """The table's sides (label columns, then money columns), computed once per header."""
        key = (*self.columns, "|", *self.text_columns)
        if self._segments is None or self._segments[0] != key:
            self._segments = (key, segments_of(self.columns, frozenset(self.text_columns)))
        return self._segments[1]

    def money_columns(self) -> list[str]:
        return [self.columns[i] for segment in self.segments() for i in segment.num_cols]

    def row(self, key: str, side: Side | None = None) -> Row | None:
        for row in self.rows:
            if row.key == key and (side is None or row.side == side):
                return row
        return None

    def figures(self) -> list[Figure]:
        return [fig for row in self.rows for fig in row.figures.values()]


@dataclass
class FundingSplit:
    """A card's funding: total and the five sources, in the card's unit."""

    total: Decimal | None = None
    central: Decimal | None = None
    provincial: Decimal | None = None
    local: Decimal | None = None
    self_raised: Decimal | None = None
    other: Decimal | None = None

    def sources(self) -> dict[str, Decimal | None]:
        return {
            "central": self.central,
            "provincial": self.provincial,
            "local": self.local,
            "self_raised": self.self_raised,
            "other": self.other,
        }


@dataclass
class Indicator:
    """One line of a card's performance indicators (一级/二级/三级指标 and the target value)."""

    grid: Literal["period", "annual"]
    level1: str
    level2: str
    level3: str
    value: str
    line: int | None = None


@dataclass
class ProjectCard:
    """A 项目支出绩效目标表, merged across the pages it spans."""

    name: str
    department_code: str | None = None
    department: str | None = None
    unit: str | None = None
    attributes: str | None = None
    period: str | None = None
    currency_unit: Unit = Unit.YUAN
    period_funding: FundingSplit = field(default_factory=FundingSplit)
    annual_funding: FundingSplit = field(default_factory=FundingSplit)
    overview: str = ""
    basis: str = ""
    necessity: str = ""
    measures: str = ""
    plan: str = ""
    period_target: str = ""
    annual_target: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    responsible: str | None = None
    filled_on: str | None = None
    year: int | None = None
    lines: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    fragments: int = 1
    table_row: tuple[int, str] | None = None
    part: int = 0  # which of the document's files it is printed in
    unreadable: dict[str, str] = field(default_factory=dict)

    @property
    def annual_total(self) -> Decimal | None:
        return self.annual_funding.total

    @property
    def period_total(self) -> Decimal | None:
        return self.period_funding.total


@dataclass
class Claim:
    """A number stated in the narrative, with the sentence it stands in."""

    text: str
    kind: Literal["amount", "share", "change", "rate", "count"]
    value: Decimal
    unit: str
    sentence: str
    subject: str = ""
    direction: Literal["increase", "decrease", "flat"] | None = None
    section: str | None = None
    where: Provenance = field(default_factory=Provenance)
    # 's3p2c1': the first number of the second paragraph of the third section
    key: str = ""
    paragraph: str = ""  # the key of the paragraph it stands in


@dataclass
class Section:
    """A heading of the 情况说明 and the paragraphs under it, each with where it starts."""

    heading: str
    level: int
    paragraphs: list[str] = field(default_factory=list)
    where: Provenance = field(default_factory=Provenance)
    # where each paragraph starts, parallel to `paragraphs`
    paragraph_where: list[Provenance] = field(default_factory=list)
    number: int = 0  # its place among the document's sections, from 1

    def place_of(self, index: int) -> Provenance:
        return self.paragraph_where[index] if index < len(self.paragraph_where) else self.where

    def paragraph_key(self, index: int) -> str:
        """A paragraph's stable key: 's3p2' for the second paragraph of section 3."""
        return f"s{self.number}p{index + 1}"


@dataclass
class ContentsEntry:
    """One line of the document's table of contents (目录)."""

    title: str
    page: int | None
    label: str | None = None
    number: int | None = None
    role: str | None = None
    where: Provenance = field(default_factory=Provenance)
    # why the table is empty, when the contents says so ('是否空表：是 | 不涉及')
    empty_reason: str | None = None

    @property
    def names_table(self) -> bool:
        """It lists a table ('培训费明细表'), not a part ('第二部分 部门预算表', '报表')."""
        if self.role:
            return True
        bare = "".join(self.title.split())
        return (
            bare.endswith("表")
            and not bare.endswith(("报表", "附表"))
            and not bare.startswith("第")
            and "部分" not in bare
        )


@dataclass
class ContentsMismatch:
    """Where the contents page and the body disagree, in words a reviewer reads."""

    text: Text
    table: int | None = None  # the table number it concerns, when it concerns one


@dataclass
class UnreadTable:
    """A table the readers passed over, where it is and why: listed, never silently lost."""

    title: str
    where: Provenance
    reason: Text


@dataclass
class Source:
    """The file a document was read from, by path and content hash."""

    path: str
    sha256: str
    format: Literal["pdf", "text"]
    pages: int | None = None


@dataclass
class Meta:
    """Who published the document, for which year, and what kind it is."""

    department: str | None = None
    year: int | None = None
    kind: Kind | None = None
    scope: Scope | None = None
    title: str | None = None


@dataclass
class Document:
    """A disclosure as read: its tables, cards, claims and text, and what could not be read."""

    source: Source
    meta: Meta = field(default_factory=Meta)
    tables: list[Table] = field(default_factory=list)
    cards: list[ProjectCard] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    contents: list[ContentsEntry] = field(default_factory=list)
    # Where the contents page and the body disagree, in words a reviewer reads.
    contents_mismatches: list[ContentsMismatch] = field(default_factory=list)
    blank_pages: list[Provenance] = field(default_factory=list)  # PDF pages with nothing on them
    # PDF pages whose content could not be decompressed whole: what they hold is unknown
    damaged_pages: list[Provenance] = field(default_factory=list)
    warnings: list[Text] = field(default_factory=list)
    parser_version: str = ""
    unread_tables: list[UnreadTable] = field(default_factory=list)
    # The files of a publication printed as several (the tables apart from the 情况说明),
    # in the order given; empty for a one-file document. Provenance.part indexes it.
    parts: list[Source] = field(default_factory=list)

    def part_name(self, part: int) -> str | None:
        """The file a place is in, for a document of several files; None for one file."""
        return self.file_name(part) if self.parts else None

    def file_name(self, part: int = 0) -> str:
        """The name of the file that `part` of the document was printed in."""
        source = self.parts[part] if 0 <= part < len(self.parts) else self.source
        return source.path.replace("\\", "/").rsplit("/", 1)[-1]

    def unrecognised(self) -> list[tuple[str, Provenance, Text]]:
        """Every table whose role could not be told, and every table passed over:
        (title, where, why)."""
        found = [
            (t.title, t.where, t.role_evidence or Text("", "")) for t in self.tables if not t.role
        ]
        return found + [(u.title, u.where, u.reason) for u in self.unread_tables]

    def table(self, number: int) -> Table | None:
        for table in self.tables:
            if table.number == number:
                return table
        return None

    def table_by_role(self, role: str) -> Table | None:
        for table in self.tables:
            if table.role == role:
                return table
        return None

    def longest_figure(self) -> int:
        """The digits of the document's longest number: its figures, claims and cards."""
        longest = max(
            (
                digits_of(f.value)
                for t in self.tables
                for r in t.rows
                for f in r.figures.values()
                if f.value is not None
            ),
            default=0,
        )
        return max(longest, longest_figure(self.claims), longest_figure(self.cards))

    def figure_count(self) -> int:
        return sum(1 for t in self.tables for r in t.rows for f in r.figures.values() if f.raw)
