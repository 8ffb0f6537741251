"""公开情况检查表: the checklist reviewers fill in, one row per required part and table.

Each row says whether the part meets the requirements (是/否) and lists the problems
found there, each with its page or line and quoted text: the checks' errors and
warnings, and the reviewer's notes marked 问题.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from budget_review.checks.completeness import REQUIRED, SECTIONS
from budget_review.model import Address, Document, Finding, Report, Severity, Text, role_by_id, say
from budget_review.model.i18n import place
from budget_review.model.untrusted import spreadsheet_cell
from budget_review.reports.markdown import cell, escape
from budget_review.reports.notes_markdown import own_words
from budget_review.reports.places import narrative_ref, part_of, passage, whole
from budget_review.store.notes import Category, Note

# Where a finding that names no table belongs, by rule family letter.
_NARRATIVE_ROW = "explanation"
_CARD_ROW = "projects"


@dataclass
class Row:
    key: str
    text: Text
    present: bool = True
    problems: list[str] = field(default_factory=list)

    @property
    def meets(self) -> bool:
        return self.present and not self.problems


def _finding_text(doc: Document, finding: Finding, lang: str) -> str:
    ref = narrative_ref(finding) or (finding.refs[0] if finding.refs else None)
    where = place(ref.page or None, ref.line or None) if ref else None
    message = whole(doc, finding, finding.message_in(lang))
    return f"{where.in_(lang) if where else ''} {message}".strip()


def _part(doc: Document, at: Address) -> str:
    """The row of the part of the text an address stands in (编制说明 when no heading
    names its part)."""
    found = passage(doc, at)
    return (part_of(doc, found.section) if found else None) or _NARRATIVE_ROW


def _finding_row(doc: Document, finding: Finding, rows: set[str]) -> str | None:
    """Where a finding stands: with the figure most likely wrong when it names one, else
    in the text when it rests on the text, else its table or card."""
    culprit = next((r for r in finding.refs if r.key and r.key == finding.culprit), None)
    if culprit is not None and f"table:{culprit.at.table}" in rows:
        return f"table:{culprit.at.table}"
    text = narrative_ref(finding)
    if text is not None:
        return _part(doc, text.at)
    tables = [r.at.table for r in finding.refs if r.at.table is not None]
    if tables and f"table:{tables[0]}" in rows:
        return f"table:{tables[0]}"
    if any(r.at.card for r in finding.refs):
        return _CARD_ROW
    if finding.rule == "K3":
        return "contents"
    if finding.rule in {"K1", "K5"}:
        return None  # a missing part already shows as 否 on its own row
    return _NARRATIVE_ROW


def build(doc: Document, report: Report | None, notes: list[Note], lang: str = "zh") -> list[Row]:
    """The checklist's rows in document order, with their problems."""
    rows: list[Row] = [
        Row(s.id, Text(s.zh, s.en), present=s.present(doc)) for s in SECTIONS if s.id != "glossary"
    ]
    family = doc.meta.kind or "budget"
    # The tables follow the overview (functions, organisation), before the explanations.
    tables_at = next(i for i, r in enumerate(rows) if r.key == "explanation")
    table_rows: list[Row] = []
    for alternatives in REQUIRED.get(family, []):
        table = next((t for cid in alternatives if (t := doc.table_by_role(cid))), None)
        role = role_by_id(alternatives[0])
        title = table.title if table else role.title
        label = f"表{table.number} {title}" if table and table.number else title
        table_rows.append(
            Row(
                f"table:{table.number if table else role.id}", Text(label, label), table is not None
            )
        )
    for table in doc.tables:  # tables the document has beyond the required set
        if not any(r.key == f"table:{table.number}" for r in table_rows):
            label = f"表{table.number} {table.title}"
            table_rows.append(Row(f"table:{table.number}", Text(label, label)))
    table_rows.sort(
        key=lambda r: int(r.key.split(":")[1]) if r.key.split(":")[1].isdigit() else 999
    )
    rows[tables_at:tables_at] = table_rows
    glossary = next(s for s in SECTIONS if s.id == "glossary")
    rows.append(Row(glossary.id, Text(glossary.zh, glossary.en), present=glossary.present(doc)))
    by_key = {r.key: r for r in rows}
    listed: dict[str, Finding] = {}
    for finding in report.findings if report else []:
        if finding.severity not in (Severity.ERROR, Severity.WARNING):
            continue
        key = _finding_row(doc, finding, set(by_key))
        if key is not None:
            by_key[key].problems.append(_finding_text(doc, finding, lang))
            listed[finding.id] = finding
    everything = {f.id: f for f in report.findings} if report else {}
    for note in notes:
        if note.deleted or note.category != Category.PROBLEM:
            continue
        target = note.target
        accepted = everything.get(target.finding or "")
        # a finding accepted as a note is listed once: the note adds only its own words
        text = own_words(note.text, accepted) if accepted and accepted.id in listed else note.text
        if not text.strip():
            continue
        number = target.place.table
        on_text = target.at if target.kind in {"paragraph", "claim"} else None
        if accepted is not None and not target.figures and (ref := narrative_ref(accepted)):
            on_text = ref.at
        found = passage(doc, on_text) if on_text is not None else None
        where = place(found.where.page or None, found.where.line or None) if found else None
        if target.kind in {"paragraph", "claim"}:
            key = _part(doc, target.at)
        elif accepted is not None and not target.figures:
            key = _finding_row(doc, accepted, set(by_key)) or _NARRATIVE_ROW
        elif number is not None and f"table:{number}" in by_key:
            key = f"table:{number}"
        else:
            key = _CARD_ROW if target.kind == "card" else _NARRATIVE_ROW
        problem = say("checklist.note", lang, author=note.author, text=text.strip())
        by_key[key].problems.append(f"{where.in_(lang)} {problem}" if where else problem)
    return rows


def _headers(lang: str) -> list[str]:
    keys = ("checklist.number", "checklist.item", "checklist.meets", "checklist.problems")
    return [say(key, lang) for key in keys]


def _verdict(row: Row, lang: str) -> str:
    return say("checklist.yes" if row.meets else "checklist.no", lang)


def _item(row: Row, lang: str) -> str:
    return row.text.in_(lang)


def _problems(row: Row, lang: str) -> list[str]:
    missing = say("checklist.missing", lang) if not row.present else None
    return ([missing] if missing else []) + row.problems


def markdown(doc: Document, rows: list[Row], lang: str = "zh") -> str:
    meta = doc.meta
    title = say("checklist.title", lang)
    out = [
        f"# {title}",
        "",
        escape(
            " ".join(
                x
                for x in (meta.department or doc.source.path, str(meta.year or ""), meta.title)
                if x
            )
        ),
        "",
        "| " + " | ".join(_headers(lang)) + " |",
        "|---|---|---|---|",
    ]
    for number, row in enumerate(rows, start=1):
        # escaped as one text: markup never pairs across two problems of one cell
        problems = cell("\n".join(_problems(row, lang)))
        item = cell(_item(row, lang))
        out.append(f"| {number} | {item} | {_verdict(row, lang)} | {problems} |")
    return "\n".join(out) + "\n"


# What one spreadsheet cell holds (Excel's limit); longer text is cut, and says so.
CELL_LIMIT = 32_767


def _fitting(text: str, lang: str) -> str:
    text = spreadsheet_cell(text)
    if len(text) <= CELL_LIMIT:
        return text
    cut = say("checklist.cut", lang, total=len(text))
    return text[: CELL_LIMIT - len(cut) - 1] + "\n" + cut


def xlsx(doc: Document, rows: list[Row], path: Path | BinaryIO, lang: str = "zh") -> None:
    """The same checklist as a workbook: wrapped text, fitting widths, a frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = say("checklist.sheet", lang)
    # as the printed form has it: 单位名称 and the year above the table
    meta = doc.meta
    sheet.append([say("checklist.department", lang), spreadsheet_cell(meta.department or "")])
    sheet.append([say("checklist.year", lang), meta.year or ""])
    sheet.append(_headers(lang))
    header = sheet.max_row
    for first in range(1, header):
        sheet.merge_cells(start_row=first, start_column=2, end_row=first, end_column=4)
        sheet.cell(first, 1).font = Font(bold=True)
    for heading in sheet[header]:
        heading.font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        sheet.append(
            [
                number,
                spreadsheet_cell(_item(row, lang)),
                _verdict(row, lang),
                _fitting("\n".join(_problems(row, lang)), lang),
            ]
        )
    for column, width in zip("ABCD", (10, 40, 10, 90), strict=True):
        sheet.column_dimensions[column].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=1):
        for box in line:
            box.alignment = wrap
    sheet.freeze_panes = f"A{header + 1}"
    book.save(path)
