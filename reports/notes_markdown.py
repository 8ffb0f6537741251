"""The review as Markdown: notes grouped by table and card in document order (CommonMark)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from budget_review.checks.findings import Finding, Report, Severity
from budget_review.model import Document, Table
from budget_review.store.notes import CATEGORY_EN, CATEGORY_ZH, Category, Note

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(\s)")


def escape(text: str) -> str:
    """Inline text that CommonMark shows as written (CJK untouched)."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2\3", escaped)


LABELS: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "审查意见",
        "open": "未解决",
        "resolved": "已解决",
        "row": "行",
        "column": "列",
        "printed": "原文",
        "page": "第{n}页",
        "line": "第{n}行",
        "findings": "相关问题",
        "expected": "应为",
        "actual": "实为",
        "difference": "差额",
        "cards": "绩效目标表",
        "document": "全文",
        "orphaned": "对象已不存在的批注",
        "last": "最后的值",
        "unnoted": "尚未批注的问题",
        "summary": "批注 {n} 条：{parts}；未解决 {open} 条",
        "kind": {"budget": "预算", "final_accounts": "决算"},
        "scope": {"department": "部门", "unit": "单位"},
        "severity": {"error": "错误", "warning": "需复核", "tail": "尾差", "info": "提示"},
    },
    "en": {
        "title": "Review notes",
        "open": "open",
        "resolved": "resolved",
        "row": "row",
        "column": "column",
        "printed": "printed",
        "page": "page {n}",
        "line": "line {n}",
        "findings": "Related findings",
        "expected": "expected",
        "actual": "actual",
        "difference": "difference",
        "cards": "Project cards",
        "document": "Whole document",
        "orphaned": "Notes whose target is gone",
        "last": "last value",
        "unnoted": "Open findings without a note",
        "summary": "{n} notes: {parts}; {open} open",
        "kind": {"budget": "budget", "final_accounts": "final accounts"},
        "scope": {"department": "department", "unit": "unit"},
        "severity": {"error": "errors", "warning": "warnings", "tail": "tails", "info": "notes"},
    },
}


@dataclass
class Reviewed:
    document: Document
    report: Report | None
    notes: list[Note]


def export(reviews: list[Reviewed], lang: str = "zh", include_findings: bool = False) -> str:
    words = LABELS[lang]
    out = [f"# {words['title']}", ""]
    for review in reviews:
        out += _document(review, lang, include_findings)
    return "\n".join(out).rstrip() + "\n"


def _category(category: Category, lang: str) -> str:
    return CATEGORY_ZH[category] if lang == "zh" else CATEGORY_EN[category]


def _document(review: Reviewed, lang: str, include_findings: bool) -> list[str]:
    words = LABELS[lang]
    doc, notes = review.document, [n for n in review.notes if not n.deleted]
    meta = doc.meta
    kind = words["kind"].get(meta.kind or "", meta.kind or "")
    scope = words["scope"].get(meta.scope or "", "")
    out = [
        f"## {escape(meta.department or doc.source.path)} {meta.year or ''} {scope}{kind}".rstrip(),
        "",
    ]
    counts = {c: sum(1 for n in notes if n.category == c) for c in Category}
    parts = "，".join(f"{_category(c, lang)} {n}" for c, n in counts.items() if n) or "—"
    if lang == "en":
        parts = ", ".join(f"{n} {_category(c, lang)}" for c, n in counts.items() if n) or "none"
    open_count = sum(1 for n in notes if n.status == "open")
    out += [words["summary"].format(n=len(notes), parts=parts, open=open_count), ""]
    findings = {f.id: f for f in review.report.findings} if review.report else {}
    live = [n for n in notes if not n.orphaned]
    for table in doc.tables:
        mine = [n for n in live if _table_of(n) == table.number]
        if mine:
            out += [f"### 表{table.number} {escape(table.title)}", ""]
            for note in sorted(mine, key=lambda n: _order(table, n)):
                out += _note(note, doc, findings, lang)
    cards = [
        n
        for n in live
        if n.target.kind == "card" or (_table_of(n) is None and _card_of(n, findings))
    ]
    if cards:
        out += [f"### {words['cards']}", ""]
        names = [c.name for c in doc.cards]
        for note in sorted(
            cards,
            key=lambda n: (
                names.index(_card_of(n, findings) or "")
                if _card_of(n, findings) in names
                else 10**6
            ),
        ):
            out += _note(note, doc, findings, lang)
    rest = [n for n in live if n not in cards and _table_of(n) is None]
    if rest:
        out += [f"### {words['document']}", ""]
        for note in rest:
            out += _note(note, doc, findings, lang)
    orphaned = [n for n in notes if n.orphaned]
    if orphaned:
        out += [f"### {words['orphaned']}", ""]
        for note in orphaned:
            out += _note(note, doc, findings, lang)
    if include_findings and review.report is not None:
        noted = {n.target.finding for n in notes if n.target.finding is not None}
        noted_places = {
            (n.target.table, n.target.row, n.target.column)
            for n in notes
            if n.target.kind == "figure"
        }
        out += _unnoted(review.report, noted, noted_places, lang)
    return out


def _table_of(note: Note) -> int | None:
    if note.target.table is not None:
        return note.target.table
    if note.target.figures:
        return note.target.figures[0][0]
    return None


def _card_of(note: Note, findings: dict[str, Finding]) -> str | None:
    if note.target.card:
        return note.target.card
    finding = findings.get(note.target.finding or "")
    if finding is not None:
        return next((r.card for r in finding.refs if r.card), None)
    return None


def _order(table: Table, note: Note) -> tuple[int, int]:
    keys = [r.key for r in table.rows]
    row = note.target.row or (note.target.figures[0][1] if note.target.figures else None)
    column = note.target.column or (note.target.figures[0][2] if note.target.figures else None)
    return (
        keys.index(row) if row in keys else -1,
        table.columns.index(column) if column in table.columns else -1,
    )


def _note(note: Note, doc: Document, findings: dict[str, Finding], lang: str) -> list[str]:
    words = LABELS[lang]
    status = words["open"] if note.status == "open" else words["resolved"]
    head = f"- **{_category(note.category, lang)} · {status}** {_location(note, doc, lang)}"
    lines = [head]
    value = _printed(note, doc)
    if note.orphaned and note.last_value:
        lines.append(f"  - {words['last']}: {escape(note.last_value)}")
    elif value:
        lines.append(f"  - {words['printed']}: {escape(value)}")
    finding = findings.get(note.target.finding or "")
    related = [finding] if finding else _findings_on(note, findings)
    if related:
        lines.append(f"  - {words['findings']}:")
        for item in related:
            message = item.message_zh if lang == "zh" else item.message_en
            detail = ""
            if item.expected is not None:
                detail = (
                    f"（{words['expected']} {item.expected}，{words['actual']} {item.actual}，"
                    f"{words['difference']} {item.difference} {item.unit or ''}）".replace(
                        " ）", "）"
                    )
                )
                if lang == "en":
                    detail = (
                        f" ({words['expected']} {item.expected}, {words['actual']} {item.actual}, "
                        f"{words['difference']} {item.difference} {item.unit or ''})".replace(
                            " )", ")"
                        )
                    )
            lines.append(f"    - {item.rule} {escape(message)}{escape(detail)}")
    lines.append("")
    for text_line in note.text.strip().splitlines() or [""]:
        lines.append(f"  > {escape(text_line)}" if text_line.strip() else "  >")
    lines.append("")
    stamp = (note.updated or note.created)[:10]
    lines.append(f"  *{escape(note.author or '?')}, {stamp}*")
    lines.append("")
    return lines


def _findings_on(note: Note, findings: dict[str, Finding]) -> list[Finding]:
    target = note.target
    if target.kind == "figure":
        return [
            f
            for f in findings.values()
            if any(
                (r.table, r.row, r.column) == (target.table, target.row, target.column)
                for r in f.refs
            )
            and f.severity != Severity.TAIL
        ]
    if target.kind == "card":
        return [f for f in findings.values() if any(r.card == target.card for r in f.refs)]
    return []


def _location(note: Note, doc: Document, lang: str) -> str:
    target = note.target
    table_no = _table_of(note)
    table = next((t for t in doc.tables if t.number == table_no), None)
    if target.kind == "card":
        card = next((c for c in doc.cards if c.name == target.card), None)
        where = _where(
            card.pages[0] if card and card.pages else None,
            card.lines[0] if card and card.lines else None,
            lang,
        )
        return f"{escape(target.card or '')}{where}"
    if target.kind == "table":
        return f"表{target.table} {escape(table.title if table else '')}"
    row_key = target.row or (target.figures[0][1] if target.figures else "")
    column = target.column or (target.figures[0][2] if target.figures else "")
    row = next((r for r in table.rows if r.key == row_key), None) if table else None
    figure = row.figures.get(column) if row else None
    where = _where(figure.where.page, figure.where.line, lang) if figure else ""
    name = row.name if row else row_key
    prefix = f"[{target.rule}] " if target.kind == "finding" and target.rule else ""
    return f"{prefix}表{table_no} {escape(name)} / {escape(column)}{where}"


def _where(page: int | None, line: int | None, lang: str) -> str:
    words = LABELS[lang]
    if page:
        return (
            f"（{words['page'].format(n=page)}）"
            if lang == "zh"
            else f" ({words['page'].format(n=page)})"
        )
    if line:
        return (
            f"（{words['line'].format(n=line)}）"
            if lang == "zh"
            else f" ({words['line'].format(n=line)})"
        )
    return ""


def _printed(note: Note, doc: Document) -> str | None:
    target = note.target
    if target.kind != "figure":
        return None
    table = next((t for t in doc.tables if t.number == target.table), None)
    row = next((r for r in table.rows if r.key == target.row), None) if table else None
    figure = row.figures.get(target.column or "") if row else None
    if figure is None or table is None:
        return None
    unit = f" {table.unit.value}" if table.unit else ""
    return f"{figure.raw or '—'}{unit}"


def _unnoted(
    report: Report,
    noted: set[str],
    places: set[tuple[int | None, str | None, str | None]],
    lang: str,
) -> list[str]:
    words = LABELS[lang]
    out = [f"### {words['unnoted']}", ""]
    for severity in (Severity.ERROR, Severity.WARNING):
        items = [
            f
            for f in report.findings
            if f.severity == severity
            and f.id not in noted
            and not any((r.table, r.row, r.column) in places for r in f.refs)
        ]
        if not items:
            continue
        out += [f"#### {words['severity'][severity.value]} ({len(items)})", ""]
        for finding in items:
            message = finding.message_zh if lang == "zh" else finding.message_en
            out.append(f"- {finding.rule} {escape(message)}")
        out.append("")
    return out
