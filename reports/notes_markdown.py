"""The review as Markdown: notes grouped by table and card in document order (CommonMark)."""

from __future__ import annotations

from budget_review.model import Address, Document, Finding, Report, Severity, Table, say, words
from budget_review.model.i18n import place
from budget_review.reports.markdown import escape, heading
from budget_review.reports.places import Passage, narrative_ref, order_of, passage, whole
from budget_review.review import NotedDocument
from budget_review.store.notes import Category, Note


def export(reviews: list[NotedDocument], lang: str = "zh", include_findings: bool = False) -> str:
    out = [f"# {say('notes.title', lang)}", ""]
    for review in reviews:
        out += _document(review, lang, include_findings)
    return "\n".join(out).rstrip() + "\n"


def _category(category: Category, lang: str) -> str:
    return category.text.in_(lang)


def _document(review: NotedDocument, lang: str, include_findings: bool) -> list[str]:
    doc, notes = review.document, [n for n in review.notes if not n.deleted]
    meta = doc.meta
    kind = say(f"kind.{meta.kind}", lang) if meta.kind else ""
    scope = say(f"scope.{meta.scope}", lang) if meta.scope else ""
    out = [
        "## " + heading(f"{meta.department or doc.source.path} {meta.year or ''} {scope}{kind}"),
        "",
    ]
    counts = {c: sum(1 for n in notes if n.category == c) for c in Category}
    parts = say("notes.separator", lang).join(
        say("notes.count", lang, name=_category(c, lang), n=n) for c, n in counts.items() if n
    ) or say("notes.none", lang)
    open_count = sum(1 for n in notes if n.status == "open")
    out += [say("notes.summary", lang, n=len(notes), parts=parts, open=open_count), ""]
    findings = {f.id: f for f in review.report.findings} if review.report else {}
    live = [n for n in notes if not n.orphaned]
    for table in doc.tables:
        mine = [n for n in live if _table_of(n) == table.number]
        if mine:
            out += ["### " + heading(f"表{table.number} {table.title}"), ""]
            for note in sorted(mine, key=lambda n: _order(table, n)):
                out += _note(note, doc, findings, lang)
    narrative = {n.id: p for n in live if (p := _passage_of(n, doc, findings)) is not None}
    if narrative:
        out += [f"### {say('notes.narrative', lang)}", ""]
        for note in sorted(
            (n for n in live if n.id in narrative), key=lambda n: order_of(narrative[n.id].key)
        ):
            out += _note(note, doc, findings, lang)
    cards = [
        n
        for n in live
        if n.target.kind == "card" or (_table_of(n) is None and _card_of(n, findings))
    ]
    if cards:
        out += [f"### {say('notes.cards', lang)}", ""]
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
    rest = [n for n in live if n not in cards and _table_of(n) is None and n.id not in narrative]
    if rest:
        out += [f"### {say('notes.document', lang)}", ""]
        for note in rest:
            out += _note(note, doc, findings, lang)
    orphaned = [n for n in notes if n.orphaned]
    if orphaned:
        out += [f"### {say('notes.orphaned', lang)}", ""]
        for note in orphaned:
            out += _note(note, doc, findings, lang)
    if include_findings and review.report is not None:
        noted = {n.target.finding for n in notes if n.target.finding is not None}
        noted_places = {n.target.at for n in notes if n.target.kind == "figure"}
        out += _unnoted(doc, review.report, noted, noted_places, lang)
    return out


def _table_of(note: Note) -> int | None:
    return note.target.place.table


def _card_of(note: Note, findings: dict[str, Finding]) -> str | None:
    if note.target.at.card:
        return note.target.at.card
    finding = findings.get(note.target.finding or "")
    if finding is not None:
        return next((r.at.card for r in finding.refs if r.at.card), None)
    return None


def _order(table: Table, note: Note) -> tuple[int, int]:
    keys = [r.key for r in table.rows]
    row, column = note.target.place.row, note.target.place.column
    return (
        keys.index(row) if row in keys else -1,
        table.columns.index(column) if column in table.columns else -1,
    )


def _note(note: Note, doc: Document, findings: dict[str, Finding], lang: str) -> list[str]:
    status = say(f"status.{note.status}", lang)
    where = escape(note_location(note, doc, findings, lang))
    head = f"- **{_category(note.category, lang)} · {status}** {where}"
    lines = [head]
    value = _printed(note, doc)
    quoted = _passage_of(note, doc, findings)
    if note.orphaned and note.last_value:
        lines.append(f"  - {say('notes.last', lang)}: {escape(note.last_value)}")
    elif value and note.last_value and not _same_figure(note.last_value, value):
        # the document was corrected since: the note was about the old figure
        was = say("notes.was", lang, then=note.last_value, now=value)
        lines.append(f"  - {say('notes.printed', lang)}: {escape(was)}")
    elif value:
        lines.append(f"  - {say('notes.printed', lang)}: {escape(value)}")
    elif quoted is not None and note.target.kind != "finding":
        # the whole paragraph, or the whole sentence of the number (a finding quotes its own)
        lines.append(f"  - {say('notes.printed', lang)}: {escape(_one_line(quoted.text))}")
    finding = findings.get(note.target.finding or "")
    related = [finding] if finding else _findings_on(note, findings)
    if related:
        lines.append(f"  - {say('notes.findings', lang)}:")
        for item in related:
            detail = ""
            if item.expected is not None:
                detail = say(
                    "notes.detail",
                    lang,
                    expected=item.expected,
                    actual=item.actual,
                    difference=item.difference,
                    unit=f" {item.unit}" if item.unit else "",
                )
            message = whole(doc, item, item.message_in(lang))
            lines.append(f"    - {item.rule} {escape(message + detail)}")
    words_of_note = own_words(note.text, finding)
    if words_of_note:
        lines.append("")
        for text_line in escape(words_of_note).splitlines():
            lines.append(f"  > {text_line.strip()}" if text_line.strip() else "  >")
    lines.append("")
    stamp = (note.updated or note.created)[:10]
    signed = ", ".join(x for x in (note.author or "?", stamp) if x)
    lines.append(f"  *{escape(signed)}*")
    lines.append("")
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def own_words(text: str, finding: Finding | None) -> str:
    """What the reviewer wrote, without the finding's message that accepting it put there:
    the finding is listed once, above."""
    lines = [line.strip() for line in text.strip().splitlines()]
    own = "\n".join(lines).strip()
    if finding is not None:
        for lang in ("zh", "en"):
            message = finding.message_in(lang).strip()
            if message and own.startswith(message):
                own = own[len(message) :].strip()
                break
    return own


def _passage_of(note: Note, doc: Document, findings: dict[str, Finding]) -> Passage | None:
    """The paragraph or number of the text a note is on, or its finding rests on."""
    target = note.target
    if target.kind in {"paragraph", "claim"}:
        return passage(doc, target.at)
    finding = findings.get(target.finding or "")
    if target.kind == "finding" and not target.figures and finding is not None:
        ref = narrative_ref(finding)
        return passage(doc, ref.at) if ref is not None else None
    return None


def _findings_on(note: Note, findings: dict[str, Finding]) -> list[Finding]:
    target = note.target
    if target.kind == "figure":
        return [
            f
            for f in findings.values()
            if any(r.at == target.at for r in f.refs) and f.severity != Severity.TAIL
        ]
    if target.kind == "card":
        return [f for f in findings.values() if any(r.at.card == target.at.card for r in f.refs)]
    return []


def note_location(note: Note, doc: Document, findings: dict[str, Finding], lang: str) -> str:
    """Where the note stands, as plain text (escaped by the caller, once); the app's
    notes pane names it the same way."""
    target = note.target
    table_no = _table_of(note)
    table = next((t for t in doc.tables if t.number == table_no), None)
    prefix = f"[{target.rule}] " if target.kind == "finding" and target.rule else ""
    card_name = target.at.card if target.kind == "card" else None
    if target.kind == "finding" and table_no is None:
        card_name = _card_of(note, findings)
    if card_name is not None:
        card = next((c for c in doc.cards if c.name == card_name), None)
        where = _where(
            card.pages[0] if card and card.pages else None,
            card.lines[0] if card and card.lines else None,
            lang,
        )
        return f"{prefix}{card_name}{where}"
    if target.kind == "table":
        return f"表{target.at.table} {table.title if table else ''}".rstrip()
    quoted = _passage_of(note, doc, findings)
    if quoted is not None:
        section = quoted.section
        name = section.heading or say("notes.narrative", lang)
        if quoted.claim is not None:
            label = say(
                "notes.claim", lang, heading=name, n=quoted.index + 1, number=quoted.claim.text
            )
        else:
            label = say("notes.paragraph", lang, heading=name, n=quoted.index + 1)
        return prefix + label + _where(quoted.where.page, quoted.where.line, lang)
    if table_no is None:
        return f"{prefix}{say('notes.document', lang)}"
    row_key = target.place.row or ""
    column = target.place.column or ""
    row = next((r for r in table.rows if r.key == row_key), None) if table else None
    figure = row.figures.get(column) if row else None
    where = _where(figure.where.page, figure.where.line, lang) if figure else ""
    name = row.name if row else row_key
    return f"{prefix}表{table_no} {name} / {column}{where}"


def _where(page: int | None, line: int | None, lang: str) -> str:
    where = place(page or None, line or None)
    return words("paren", text=where).in_(lang) if where else ""


def _same_figure(then: str, now: str) -> bool:
    """'1,234.50' then and '1234.50 万元' now are the same figure."""
    return then.replace(",", "").split()[0] == now.replace(",", "").split()[0]


def _printed(note: Note, doc: Document) -> str | None:
    target = note.target
    if target.kind != "figure":
        return None
    table = next((t for t in doc.tables if t.number == target.at.table), None)
    row = next((r for r in table.rows if r.key == target.at.row), None) if table else None
    figure = row.figures.get(target.at.column or "") if row else None
    if figure is None or table is None:
        return None
    unit = f" {table.unit.value}" if table.unit else ""
    return f"{figure.raw or '—'}{unit}"


def _unnoted(
    doc: Document, report: Report, noted: set[str], places: set[Address], lang: str
) -> list[str]:
    out = [f"### {say('notes.unnoted', lang)}", ""]
    for severity in (Severity.ERROR, Severity.WARNING):
        items = [
            f
            for f in report.findings
            if f.severity == severity
            and f.id not in noted
            and not any(r.at in places for r in f.refs)
        ]
        if not items:
            continue
        out += [f"#### {say(f'notes.severity.{severity.value}', lang)} ({len(items)})", ""]
        for finding in items:
            message = whole(doc, finding, finding.message_in(lang))
            out.append(f"- {finding.rule} {escape(message)}")
        out.append("")
    return out
