"""What every reader does once the blocks are read: numbering, metadata, links."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from budget_review.model import (
    ContentsEntry,
    ContentsMismatch,
    Document,
    ProjectCard,
    Provenance,
    Table,
    Text,
    words,
)
from budget_review.model.columns import is_total_column
from budget_review.model.i18n import place as where_text
from budget_review.model.money import convert
from budget_review.model.roles import TableRole
from budget_review.model.vocabulary import squash
from budget_review.parsers.catalogue import TitleParts, label_number, normalise_title
from budget_review.parsers.version import PARSER_VERSION


def place(where: Provenance) -> Text:
    """第12行 / line 12 for a text dump, 第3页 / page 3 for a PDF: where a reader should look."""
    return where_text(where.page, where.line) or Text("", "")


def _table_entries(doc: Document) -> list[ContentsEntry]:
    return [entry for entry in doc.contents if entry.role]


class TableNumbers:
    """Numbers the tables of one document as they are read: by the table's own label,
    else its place in the contents, else body order. Kept up to date as tables are
    added, so that numbering a document's tables costs time in proportion to them."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.taken: set[int] = set()
        self.highest = 0  # the largest number taken
        self.roles: set[str] = set()  # the roles of the tables read so far
        self.seen = 0  # how many of doc.tables are in `taken`
        self.contents_seen = -1
        self.listed_highest = 0
        self.by_role: dict[str, list[int]] = {}  # role → the contents' numbers for it, in order
        self.next_of_role: dict[str, int] = {}  # role → where in its list to look next

    def _catch_up(self) -> None:
        for table in self.doc.tables[self.seen :]:
            if table.number is not None:
                self.taken.add(table.number)
                self.highest = max(self.highest, table.number)
            if table.role:
                self.roles.add(table.role)
        self.seen = len(self.doc.tables)
        if self.contents_seen != len(self.doc.contents):
            self.contents_seen = len(self.doc.contents)
            entries = _table_entries(self.doc)
            listed = {e.number for e in self.doc.contents if e.number} | {
                e.number or i for i, e in enumerate(entries, start=1)
            }
            self.listed_highest = max(listed, default=0)
            self.by_role = {}
            for index, entry in enumerate(entries, start=1):
                assert entry.role is not None
                self.by_role.setdefault(entry.role, []).append(entry.number or index)
            self.next_of_role = {}

    def roles_read(self) -> set[str]:
        self._catch_up()
        return self.roles

    def number_for(self, spec: TableRole | None, parts: TitleParts, label: str | None) -> int:
        """A table of no known kind and no label goes after every number the contents lists."""
        if parts.number is not None:
            return parts.number
        number = label_number(label) if label else None
        if number is not None:
            return number
        self._catch_up()
        if spec is None:
            return max(self.highest, self.listed_highest) + 1
        candidates = self.by_role.get(spec.id, [])
        at = self.next_of_role.get(spec.id, 0)
        while at < len(candidates) and candidates[at] in self.taken:
            at += 1  # taken numbers stay taken: the search goes on from here next time
        self.next_of_role[spec.id] = at
        if at < len(candidates):
            return candidates[at]
        return self.highest + 1


def _core(title: str, year: bool = True) -> str:
    """The title as the contents and the body are compared: a year only one side prints
    ('收支总表' listed, '2026年收支总表' printed) is no difference."""
    parts = normalise_title(title)
    year_text = f"{parts.year}年" if parts.year and year else ""
    qualifier = f"（{parts.qualifier}）" if parts.qualifier else ""
    return squash(year_text + parts.core + qualifier)


def compare_contents(doc: Document) -> None:
    """Record where the contents page and the body disagree about the tables."""
    entries = _table_entries(doc)
    if not entries:
        return
    by_number = {(e.number or i): e for i, e in enumerate(entries, start=1)}
    for table in doc.tables:
        entry = by_number.get(table.number) if table.number is not None else None
        if entry is None and table.role is None:
            continue  # a table of no known kind (one inside the text) is not one of the 报表
        if entry is None:
            doc.contents_mismatches.append(
                ContentsMismatch(
                    words("contents.not_listed", n=table.number, title=table.title), table.number
                )
            )
            continue
        both = bool(normalise_title(entry.title).year and normalise_title(table.title).year)
        body_title = _core(table.title, year=both)
        if _core(entry.title, year=both) != body_title:
            text = words(
                "contents.title_differs",
                n=table.number,
                listed=_core(entry.title, year=both),
                listed_at=place(entry.where),
                body=body_title,
                body_at=place(table.where),
            )
            doc.contents_mismatches.append(ContentsMismatch(text, table.number))
    numbers = {t.number for t in doc.tables}
    for number, entry in by_number.items():
        if number not in numbers:
            text = words("contents.missing", title=entry.title, n=number)
            doc.contents_mismatches.append(ContentsMismatch(text))


_DEPARTMENT_END = r"(局|委员会|委|院|办公室|中心|部|厅|会|所|站|馆|校|队)$"
_NAME_LABEL = re.compile(
    r"^(?:部门|单位|预算单位|部门（单位）|部门\(单位\)|主管部门|编制单位)名称[:：]?$"
)
_YEAR_CELL = re.compile(r"^[（(]?((?:19|20)\d{2})\s*年度?[）)]?$")


def named_in_cells(rows: list[list[str]]) -> tuple[str | None, int | None]:
    """The department and year a table prints in its cells ('部门名称 | 北京市审计局',
    '（2026年度）'): the tables file of a two-file publication may say them nowhere else."""
    department: str | None = None
    year: int | None = None
    for cells in rows:
        filled = [re.sub(r"\s+", "", c) for c in cells if c and c.strip()]
        for i, cell in enumerate(filled):
            if department is None and _NAME_LABEL.match(cell):
                value = next((c for c in filled[i + 1 :] if not _NAME_LABEL.match(c)), "")
                if 4 <= len(value) <= 30 and re.search(_DEPARTMENT_END, value):
                    department = value
            found = _YEAR_CELL.match(cell)
            if year is None and found:
                year = int(found.group(1))
    return department, year


def detect_meta(
    doc: Document,
    head_lines: list[str],
    department_hint: str | None,
    in_cells: tuple[str | None, int | None] = (None, None),
) -> None:
    joined = "\n".join(head_lines)
    title = next(
        (
            re.sub(r"\s+", "", ln)
            for ln in head_lines
            if re.search(r"(预算|决算)", ln) and re.search(r"(19|20)\d{2}", ln) and len(ln) <= 40
        ),
        None,
    )
    doc.meta.title = title
    source = title or joined
    if "决算" in source:
        doc.meta.kind = "final_accounts"
    elif "预算" in source:
        doc.meta.kind = "budget"
    # The title decides; the opening pages only when the title does not say.
    for text in (title or "", joined[:400]):
        if re.search(r"部门(?:预算|决算)|编制部门|预算主管部门", text):
            doc.meta.scope = "department"
            break
        if re.search(r"单位(?:预算|决算)|编制单位", text):
            doc.meta.scope = "unit"
            break
    year = re.search(r"((?:19|20)\d{2})\s*年", source)
    if year:
        doc.meta.year = int(year.group(1))
    else:
        years = Counter(
            normalise_title(t.title).year for t in doc.tables if normalise_title(t.title).year
        )
        doc.meta.year = years.most_common(1)[0][0] if years else in_cells[1]
    department = department_hint
    if not department:
        department = next(
            (
                ln.strip()
                for ln in head_lines
                if 4 <= len(ln.strip()) <= 30
                and not re.search(r"\d|目\s*录|预算|决算|公开", ln)
                and re.search(_DEPARTMENT_END, ln.strip())
            ),
            None,
        )
    if title and not department_hint:
        # '晋城市…局2026年度部门预算' names the department before the year.
        match = re.match(r"^(.+?)(?:19|20)\d{2}", title)
        if match and re.search(_DEPARTMENT_END, match.group(1)):
            department = match.group(1)
    doc.meta.department = department or in_cells[0]


def notes_from_contents(doc: Document) -> None:
    """A contents grid that marks a table empty and says why gives that table its note."""
    reasons = {e.number: e.empty_reason for e in doc.contents if e.empty_reason and e.number}
    for table in doc.tables:
        reason = reasons.get(table.number) if table.number is not None else None
        if reason and table.note is None and not any(f.value for f in table.figures()):
            table.note = f"目录注明空表：{reason}"
            table.empty = True


def link_cards(doc: Document) -> None:
    """Tie each card to its row in the current-year project table, by name then amount."""
    table = doc.table_by_role("projects_current")
    if table is None or table.unit is None:
        return
    total_col = next((c for c in table.columns if is_total_column(c)), None)
    if total_col is None:
        return
    projects = [r for r in table.rows if r.kind == "project"]
    used: set[str] = set()
    # Exact name and amount first, so that a card without a readable amount
    # cannot take the row of a same-named project that has one.
    for exact_only in (True, False):
        for card in doc.cards:
            if card.table_row:
                continue
            same_name = [
                r for r in projects if squash(r.name) == squash(card.name) and r.key not in used
            ]
            amount = _card_amount(card, table)
            matching = [r for r in same_name if amount is not None and r.value(total_col) == amount]
            if exact_only and not matching:
                continue
            candidates = matching or same_name
            if card.unit and len(candidates) > 1:
                candidates = [
                    r for r in candidates if r.parent and squash(r.parent) == squash(card.unit)
                ] or candidates
            if candidates:
                used.add(candidates[0].key)
                card.table_row = (table.number or 0, candidates[0].key)


def _card_amount(card: ProjectCard, table: Table) -> Decimal | None:
    total = card.annual_total
    if total is None:
        sources = [v for v in card.annual_funding.sources().values() if v is not None]
        total = sum(sources, Decimal(0)) if sources else None
    if total is None or table.unit is None:
        return None
    value = convert(total, card.currency_unit, table.unit)
    return value.quantize(Decimal("0.01")) if table.unit.value == "万元" else value


def finish(
    doc: Document,
    head_lines: list[str],
    department_hint: str | None = None,
    in_cells: tuple[str | None, int | None] = (None, None),
) -> None:
    doc.parser_version = PARSER_VERSION
    detect_meta(doc, head_lines, department_hint, in_cells)
    compare_contents(doc)
    notes_from_contents(doc)
    link_cards(doc)
    for table in doc.tables:
        if table.unit is None and not table.empty:
            doc.warnings.append(words("read.no_unit", n=table.number, title=table.title))
