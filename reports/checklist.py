"""公开情况检查表: the checklist reviewers fill in, one row per required part and table.

Each row says whether the part meets the requirements (是/否) and lists the problems
found there, each with its page or line and quoted text: the checks' errors and
warnings, and the reviewer's notes marked 问题.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from budget_review.checks.completeness import REQUIRED, SECTIONS
from budget_review.checks.findings import Finding, Report, Severity
from budget_review.model import Document
from budget_review.parsers.catalogue import spec_by_id
from budget_review.reports.notes_markdown import escape
from budget_review.store.notes import Category, Note

# Where a finding that names no table belongs, by rule family letter.
_NARRATIVE_ROW = "explanation"
_CARD_ROW = "projects"


@dataclass
class Row:
    key: str
    zh: str
    en: str
    present: bool = True
    problems: list[str] = field(default_factory=list)

    @property
    def meets(self) -> bool:
        return self.present and not self.problems


def _place(page: int | None, line: int | None, lang: str) -> str:
    if page:
        return f"第{page}页" if lang == "zh" else f"p.{page}"
    if line:
        return f"第{line}行" if lang == "zh" else f"l.{line}"
    return ""


def _finding_text(finding: Finding, lang: str) -> str:
    ref = finding.refs[0] if finding.refs else None
    where = _place(ref.page, ref.line, lang) if ref else ""
    message = finding.message_zh if lang == "zh" else finding.message_en
    return f"{where} {message}".strip()


def build(doc: Document, report: Report | None, notes: list[Note], lang: str = "zh") -> list[Row]:
    """The checklist's rows in document order, with their problems."""
    rows: list[Row] = [
        Row(s.id, s.zh, s.en, present=s.present(doc)) for s in SECTIONS if s.id != "glossary"
    ]
    family = doc.meta.kind or "budget"
    # The tables follow the overview (functions, organisation), before the explanations.
    tables_at = next(i for i, r in enumerate(rows) if r.key == "explanation")
    table_rows: list[Row] = []
    for alternatives in REQUIRED.get(family, []):
        table = next((t for cid in alternatives if (t := doc.table_by_catalogue(cid))), None)
        spec = spec_by_id(alternatives[0])
        title = table.title if table else spec.names[0]
        label = f"表{table.number} {title}" if table and table.number else title
        table_rows.append(
            Row(f"table:{table.number if table else spec.id}", label, label, table is not None)
        )
    for table in doc.tables:  # tables the document has beyond the required set
        if not any(r.key == f"table:{table.number}" for r in table_rows):
            label = f"表{table.number} {table.title}"
            table_rows.append(Row(f"table:{table.number}", label, label))
    table_rows.sort(
        key=lambda r: int(r.key.split(":")[1]) if r.key.split(":")[1].isdigit() else 999
    )
    rows[tables_at:tables_at] = table_rows
    glossary = next(s for s in SECTIONS if s.id == "glossary")
    rows.append(Row(glossary.id, glossary.zh, glossary.en, present=glossary.present(doc)))
    by_key = {r.key: r for r in rows}
    for finding in report.findings if report else []:
        if finding.severity not in (Severity.ERROR, Severity.WARNING):
            continue
        tables = [r.table for r in finding.refs if r.table is not None]
        if tables and f"table:{tables[0]}" in by_key:
            key = f"table:{tables[0]}"
        elif any(r.card for r in finding.refs):
            key = _CARD_ROW
        elif finding.rule == "K3":
            key = "contents"
        elif finding.rule in {"K1", "K5"}:
            continue  # a missing part already shows as 否 on its own row
        else:
            key = _NARRATIVE_ROW
        by_key[key].problems.append(_finding_text(finding, lang))
    for note in notes:
        if note.deleted or note.category != Category.PROBLEM:
            continue
        target = note.target
        number = target.table or (target.figures[0][0] if target.figures else None)
        key = (
            f"table:{number}"
            if number is not None and f"table:{number}" in by_key
            else (_CARD_ROW if target.kind == "card" else _NARRATIVE_ROW)
        )
        prefix = "批注" if lang == "zh" else "note"
        by_key[key].problems.append(f"{prefix}（{note.author}）：{note.text.strip()}")
    return rows


HEADERS = {
    "zh": ("序号", "检查项", "符合要求", "存在问题"),
    "en": ("No.", "item", "meets the requirements", "problems found"),
}


def _verdict(row: Row, lang: str) -> str:
    if lang == "zh":
        return "是" if row.meets else "否"
    return "yes" if row.meets else "no"


def _problems(row: Row, lang: str) -> list[str]:
    missing = ("未找到该部分" if lang == "zh" else "not found") if not row.present else None
    return ([missing] if missing else []) + row.problems


def markdown(doc: Document, rows: list[Row], lang: str = "zh") -> str:
    meta = doc.meta
    title = "公开情况检查表" if lang == "zh" else "Disclosure checklist"
    out = [
        f"# {title}",
        "",
        " ".join(
            x
            for x in (
                escape(meta.department or doc.source.path),
                str(meta.year or ""),
                escape(meta.title or ""),
            )
            if x
        ),
        "",
        "| " + " | ".join(HEADERS[lang]) + " |",
        "|---|---|---|---|",
    ]
    for number, row in enumerate(rows, start=1):
        problems = "<br>".join(escape(p) for p in _problems(row, lang)) or "—"
        item = escape(row.zh if lang == "zh" else row.en)
        out.append(f"| {number} | {item} | {_verdict(row, lang)} | {problems} |")
    return "\n".join(out) + "\n"


def xlsx(doc: Document, rows: list[Row], path: Path, lang: str = "zh") -> None:
    """The same checklist as a workbook: wrapped text, fitting widths, a frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "检查表" if lang == "zh" else "checklist"
    sheet.append(list(HEADERS[lang]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        sheet.append(
            [
                number,
                row.zh if lang == "zh" else row.en,
                _verdict(row, lang),
                "\n".join(_problems(row, lang)),
            ]
        )
    for column, width in zip("ABCD", (6, 40, 10, 90), strict=True):
        sheet.column_dimensions[column].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=1):
        for cell in line:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    book.save(path)
