"""What every reader does once the blocks are read: numbering, metadata, links."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from budget_review.model import ContentsEntry, Document, ProjectCard, Provenance, Table
from budget_review.model.money import convert
from budget_review.parsers.catalogue import (
    TableSpec,
    TitleParts,
    label_number,
    normalise_title,
    squash,
)
from budget_review.parsers.grid import is_total_column

# 3: PDFs read with pdfium by default (characters and rulings as pdfminer would give them)
PARSER_VERSION = "3"


def place(where: Provenance) -> str:
    """'line 12' for a text dump, 'page 3' for a PDF: where a reader should look."""
    return f"line {where.line}" if where.line is not None else f"page {where.page}"


def _table_entries(doc: Document) -> list[ContentsEntry]:
    return [entry for entry in doc.contents if entry.catalogue_id]


def number_for(doc: Document, spec: TableSpec, parts: TitleParts, label: str | None) -> int:
    """Number by the table's own label, else its place in the contents, else body order."""
    taken = {t.number for t in doc.tables}
    if parts.number is not None:
        return parts.number
    number = label_number(label) if label else None
    if number is not None:
        return number
    for index, entry in enumerate(_table_entries(doc), start=1):
        number = entry.number or index
        if entry.catalogue_id == spec.id and number not in taken:
            return number
    return max((n for n in taken if n is not None), default=0) + 1


def _core(title: str) -> str:
    parts = normalise_title(title)
    year = f"{parts.year}年" if parts.year else ""
    qualifier = f"（{parts.qualifier}）" if parts.qualifier else ""
    return squash(year + parts.core + qualifier)


def compare_contents(doc: Document) -> None:
    """Record where the contents page and the body disagree about the tables."""
    entries = _table_entries(doc)
    if not entries:
        return
    by_number = {(e.number or i): e for i, e in enumerate(entries, start=1)}
    for table in doc.tables:
        entry = by_number.get(table.number) if table.number is not None else None
        if entry is None:
            doc.contents_mismatches.append(
                f"表{table.number} '{table.title}' is in the body but not in the contents"
            )
            continue
        body_title = _core(table.title)
        if _core(entry.title) != body_title:
            doc.contents_mismatches.append(
                f"表{table.number}: contents title '{_core(entry.title)}' "
                f"({place(entry.where)}) differs from body title '{body_title}' "
                f"({place(table.where)})"
            )
    numbers = {t.number for t in doc.tables}
    for number, entry in by_number.items():
        if number not in numbers:
            doc.contents_mismatches.append(
                f"contents lists '{entry.title}' (表{number}) but the body has no such table"
            )


_DEPARTMENT_END = r"(局|委员会|委|院|办公室|中心|部|厅|会|所|站|馆|校|队)$"


def detect_meta(doc: Document, head_lines: list[str], department_hint: str | None) -> None:
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
        doc.meta.year = years.most_common(1)[0][0] if years else None
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
    doc.meta.department = department


def link_cards(doc: Document) -> None:
    """Tie each card to its row in the current-year project table, by name then amount."""
    table = doc.table_by_catalogue("projects_current")
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


def finish(doc: Document, head_lines: list[str], department_hint: str | None = None) -> None:
    doc.parser_version = PARSER_VERSION
    detect_meta(doc, head_lines, department_hint)
    compare_contents(doc)
    link_cards(doc)
    for table in doc.tables:
        if table.unit is None and not table.empty:
            doc.warnings.append(f"表{table.number} '{table.title}': no unit stated (单位：元/万元)")
