"""The document as JSON-ready dicts, and back.

One shape serves `dump` and the store. Amounts are decimal strings exactly as
printed (no separators); Decimal never passes through float.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from budget_review.model.address import Address
from budget_review.model.document import (
    SCHEMA_VERSION,
    Claim,
    ContentsEntry,
    ContentsMismatch,
    Document,
    Figure,
    FundingSplit,
    Indicator,
    Meta,
    ProjectCard,
    Provenance,
    Row,
    Section,
    Source,
    Table,
    UnreadTable,
)
from budget_review.model.findings import Finding, NotChecked, Ref, Report, Severity
from budget_review.model.i18n import Text
from budget_review.model.money import Unit


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _part(where: Provenance) -> dict[str, int]:
    """The file a place is in, written only for the later files of a several-file document."""
    return {"part": where.part} if where.part else {}


def _confidence(where: Provenance) -> dict[str, float]:
    """OCR'd text only: absent means read from a text layer or a dump."""
    return {"confidence": where.confidence} if where.confidence is not None else {}


def _where(where: Provenance) -> dict[str, Any]:
    return {
        "page": where.page,
        "line": where.line,
        "bbox": list(where.bbox) if where.bbox else None,
        **_part(where),
        **_confidence(where),
    }


def _unwhere(data: dict[str, Any]) -> Provenance:
    bbox = data.get("bbox")
    return Provenance(
        line=data.get("line"),
        page=data.get("page"),
        bbox=(bbox[0], bbox[1], bbox[2], bbox[3]) if bbox else None,
        part=data.get("part", 0),
        confidence=data.get("confidence"),
    )


def _page_line(where: Provenance) -> dict[str, Any]:
    return {"page": where.page, "line": where.line, **_part(where)}


def _unpage_line(data: dict[str, Any]) -> Provenance:
    return Provenance(line=data.get("line"), page=data.get("page"), part=data.get("part", 0))


def _source_to_dict(source: Source) -> dict[str, Any]:
    return {
        "path": source.path,
        "sha256": source.sha256,
        "format": source.format,
        "pages": source.pages,
    }


def _source_from_dict(data: dict[str, Any]) -> Source:
    return Source(
        path=data["path"], sha256=data["sha256"], format=data["format"], pages=data["pages"]
    )


def _row_to_dict(row: Row) -> dict[str, Any]:
    """A row; of each figure only what its row does not already say (see `_row_from_dict`).

    Written whole, a quarter of a cached document's file was figures repeating their row's
    key and place, all read again at every start."""
    prefix = _key_prefix(row)
    read_back = _unpage_line(_page_line(row.where))  # the row's place, as it is read
    figures = {}
    for col, fig in row.figures.items():
        written: dict[str, Any] = {}
        if prefix is None:
            written["key"] = fig.key
        if fig.raw != _default_raw(fig.value):
            written["raw"] = fig.raw
        if fig.repair:
            written["repair"] = fig.repair.to_dict()
        if fig.where != read_back:
            written.update(_where(fig.where))
        if written:
            figures[col] = written
    return {
        "key": row.key,
        "code": row.code,
        "name": row.name,
        "side": row.side,
        "kind": row.kind,
        "level": row.level,
        "parent": row.parent,
        "values": {col: _dec(fig.value) for col, fig in row.figures.items()},
        **_page_line(row.where),
        **({"figure_keys": prefix} if prefix is not None else {}),
        "figures": figures,
    }


def _key_prefix(row: Row) -> str | None:
    """`P` when every figure's key is `P/<column>`, as the readers make them."""
    keys = [(fig.key, col) for col, fig in row.figures.items()]
    if not keys:
        return None
    first, col = keys[0]
    prefix = first[: -len(col) - 1] if first.endswith("/" + col) else None
    if prefix is None or any(key != f"{prefix}/{c}" for key, c in keys):
        return None
    return prefix


def _default_raw(value: Decimal | None) -> str:
    """The printed text a figure is taken to have when only its amount was written."""
    return "" if value is None else str(value)


def _row_from_dict(data: dict[str, Any]) -> Row:
    """A row as `_row_to_dict` writes it: a figure's key defaults to `<figure_keys>/<column>`,
    its printed text to its amount, its place to the row's. (Files written before this
    hold every field of every figure, and read the same.)"""
    where = _unpage_line(data)
    prefix = data.get("figure_keys")
    written = data["figures"]
    figures = {}
    for col, amount in data["values"].items():
        f = written.get(col, {})
        value = _undec(amount)
        figures[col] = Figure(
            key=f["key"] if "key" in f else f"{prefix}/{col}",
            raw=f["raw"] if "raw" in f else _default_raw(value),
            value=value,
            where=_unwhere(f) if "page" in f or "line" in f else where,
            repair=Text.from_data(f["repair"]) if f.get("repair") else None,
        )
    return Row(
        key=data["key"],
        name=data["name"],
        code=data.get("code"),
        side=data.get("side"),
        kind=data.get("kind", "entry"),
        level=data.get("level", 0),
        parent=data.get("parent"),
        figures=figures,
        where=where,
    )


def _table_to_dict(table: Table) -> dict[str, Any]:
    return {
        "number": table.number,
        "label": table.label,
        "title": table.title,
        "role": table.role,
        "unit": table.unit.value if table.unit else None,
        "empty": table.empty,
        "note": table.note,
        "footnotes": table.footnotes,
        "columns": table.columns,
        "rows": [_row_to_dict(r) for r in table.rows],
        **_page_line(table.where),
        "last_line": table.last_line,
        "pages": table.pages,
        "text_columns": table.text_columns,
        "role_evidence": table.role_evidence.to_dict() if table.role_evidence else None,
    }


def _table_from_dict(data: dict[str, Any]) -> Table:
    return Table(
        number=data["number"],
        title=data["title"],
        role=data.get("role"),
        unit=Unit(data["unit"]) if data.get("unit") else None,
        columns=list(data["columns"]),
        rows=[_row_from_dict(r) for r in data["rows"]],
        label=data.get("label"),
        empty=data.get("empty", False),
        note=data.get("note"),
        footnotes=list(data.get("footnotes", [])),
        where=_unpage_line(data),
        last_line=data.get("last_line"),
        pages=list(data.get("pages", [])),
        text_columns=list(data.get("text_columns", [])),
        role_evidence=Text.from_data(data["role_evidence"]) if data.get("role_evidence") else None,
    )


def _funding_to_dict(split: FundingSplit) -> dict[str, str | None]:
    return {"total": _dec(split.total), **{k: _dec(v) for k, v in split.sources().items()}}


def _funding_from_dict(data: dict[str, str | None]) -> FundingSplit:
    return FundingSplit(**{k: _undec(v) for k, v in data.items()})


def _card_to_dict(card: ProjectCard) -> dict[str, Any]:
    return {
        "name": card.name,
        "unit": card.unit,
        "department_code": card.department_code,
        "department": card.department,
        "year": card.year,
        "annual_total": _dec(card.annual_total),
        "period_total": _dec(card.period_total),
        "currency_unit": card.currency_unit.value,
        "attributes": card.attributes,
        "period": card.period,
        "annual_funding": _funding_to_dict(card.annual_funding),
        "period_funding": _funding_to_dict(card.period_funding),
        "overview": card.overview,
        "basis": card.basis,
        "necessity": card.necessity,
        "measures": card.measures,
        "plan": card.plan,
        "period_target": card.period_target,
        "annual_target": card.annual_target,
        "indicators": [
            {
                "grid": i.grid,
                "level1": i.level1,
                "level2": i.level2,
                "level3": i.level3,
                "value": i.value,
                "line": i.line,
            }
            for i in card.indicators
        ],
        "responsible": card.responsible,
        "filled_on": card.filled_on,
        "pages": card.pages,
        "lines": card.lines,
        **({"part": card.part} if card.part else {}),
        "fragments": card.fragments,
        "unreadable": card.unreadable,
        "table_row": (
            {"table": card.table_row[0], "key": card.table_row[1]} if card.table_row else None
        ),
    }


def _card_from_dict(data: dict[str, Any]) -> ProjectCard:
    link = data.get("table_row")
    return ProjectCard(
        name=data["name"],
        unit=data.get("unit"),
        department_code=data.get("department_code"),
        department=data.get("department"),
        year=data.get("year"),
        currency_unit=Unit(data.get("currency_unit", "元")),
        attributes=data.get("attributes"),
        period=data.get("period"),
        annual_funding=_funding_from_dict(data["annual_funding"]),
        period_funding=_funding_from_dict(data["period_funding"]),
        overview=data.get("overview", ""),
        basis=data.get("basis", ""),
        necessity=data.get("necessity", ""),
        measures=data.get("measures", ""),
        plan=data.get("plan", ""),
        period_target=data.get("period_target", ""),
        annual_target=data.get("annual_target", ""),
        indicators=[Indicator(**i) for i in data.get("indicators", [])],
        responsible=data.get("responsible"),
        filled_on=data.get("filled_on"),
        pages=list(data.get("pages", [])),
        lines=list(data.get("lines", [])),
        fragments=data.get("fragments", 1),
        unreadable=dict(data.get("unreadable", {})),
        table_row=(link["table"], link["key"]) if link else None,
        part=data.get("part", 0),
    )


def _claim_to_dict(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "kind": claim.kind,
        "value": str(claim.value),
        "unit": claim.unit,
        "subject": claim.subject,
        "direction": claim.direction,
        "sentence": claim.sentence,
        "section": claim.section,
        "key": claim.key,
        "paragraph": claim.paragraph,
        **_page_line(claim.where),
        **_confidence(claim.where),
    }


def _claim_from_dict(data: dict[str, Any]) -> Claim:
    return Claim(
        text=data["text"],
        kind=data["kind"],
        value=Decimal(data["value"]),
        unit=data["unit"],
        sentence=data["sentence"],
        subject=data.get("subject", ""),
        direction=data.get("direction"),
        section=data.get("section"),
        where=replace(_unpage_line(data), confidence=data.get("confidence")),
        key=data.get("key", ""),
        paragraph=data.get("paragraph", ""),
    )


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "parser_version": doc.parser_version,
        "source": _source_to_dict(doc.source),
        **({"parts": [_source_to_dict(p) for p in doc.parts]} if doc.parts else {}),
        "meta": {
            "department": doc.meta.department,
            "year": doc.meta.year,
            "kind": doc.meta.kind,
            "scope": doc.meta.scope,
            "title": doc.meta.title,
        },
        "tables": [_table_to_dict(t) for t in doc.tables],
        "cards": [_card_to_dict(c) for c in doc.cards],
        "claims": [_claim_to_dict(c) for c in doc.claims],
        "sections": [
            {
                "heading": s.heading,
                "level": s.level,
                "number": s.number,
                "paragraphs": s.paragraphs,
                "paragraph_where": [_where(w) for w in s.paragraph_where],
                **_where(s.where),
            }
            for s in doc.sections
        ],
        "contents": [
            {
                "title": c.title,
                "page": c.page,
                "label": c.label,
                "number": c.number,
                "role": c.role,
                "line": c.where.line,
                **_part(c.where),
                **({"empty_reason": c.empty_reason} if c.empty_reason else {}),
            }
            for c in doc.contents
        ],
        "contents_mismatches": [
            {**m.text.to_dict(), "table": m.table} for m in doc.contents_mismatches
        ],
        "blank_pages": [
            {"page": p.page, **_part(p)} if p.part else p.page for p in doc.blank_pages
        ],
        "damaged_pages": [
            {"page": p.page, **_part(p)} if p.part else p.page for p in doc.damaged_pages
        ],
        "warnings": [t.to_dict() for t in doc.warnings],
        "unread_tables": [
            {"title": u.title, "reason": u.reason.to_dict(), **_where(u.where)}
            for u in doc.unread_tables
        ],
    }


def document_from_dict(data: dict[str, Any]) -> Document:
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"unsupported schema version {data.get('schema_version')!r}")
    return Document(
        source=_source_from_dict(data["source"]),
        parts=[_source_from_dict(p) for p in data.get("parts", [])],
        meta=Meta(**data["meta"]),
        tables=[_table_from_dict(t) for t in data["tables"]],
        cards=[_card_from_dict(c) for c in data["cards"]],
        claims=[_claim_from_dict(c) for c in data["claims"]],
        sections=[
            Section(
                heading=s["heading"],
                level=s["level"],
                number=s.get("number", 0),
                paragraphs=list(s["paragraphs"]),
                where=_unwhere(s),
                paragraph_where=[_unwhere(w) for w in s.get("paragraph_where", [])],
            )
            for s in data.get("sections", [])
        ],
        contents=[
            ContentsEntry(
                title=c["title"],
                page=c.get("page"),
                label=c.get("label"),
                number=c.get("number"),
                role=c.get("role"),
                where=Provenance(line=c.get("line"), part=c.get("part", 0)),
                empty_reason=c.get("empty_reason"),
            )
            for c in data.get("contents", [])
        ],
        contents_mismatches=[
            ContentsMismatch(Text.from_data(m), m.get("table") if isinstance(m, dict) else None)
            for m in data.get("contents_mismatches", [])
        ],
        blank_pages=[
            _unpage_line(p) if isinstance(p, dict) else Provenance(page=p)
            for p in data.get("blank_pages", [])
        ],
        damaged_pages=[
            _unpage_line(p) if isinstance(p, dict) else Provenance(page=p)
            for p in data.get("damaged_pages", [])
        ],
        warnings=[Text.from_data(t) for t in data.get("warnings", [])],
        unread_tables=[
            UnreadTable(u["title"], _unwhere(u), Text.from_data(u["reason"]))
            for u in data.get("unread_tables", [])
        ],
        parser_version=data.get("parser_version", ""),
    )


# ------------------------------------------------------------------ findings


def address_to_dict(at: Address) -> dict[str, Any]:
    """Flat, as refs and notes have always been stored."""
    return {
        "table": at.table,
        "row": at.row,
        "column": at.column,
        "card": at.card,
        "field": at.field,
        "paragraph": at.paragraph,
        "claim": at.claim,
    }


_ADDRESS_FIELDS = tuple(Address.__dataclass_fields__)


def address_from_dict(data: dict[str, Any]) -> Address:
    return Address(*map(data.get, _ADDRESS_FIELDS))


def ref_to_dict(ref: Ref) -> dict[str, Any]:
    return {
        **address_to_dict(ref.at),
        "name": ref.name,
        "text": ref.text,
        "value": _dec(ref.value),
        "unit": ref.unit,
        "page": ref.page,
        "line": ref.line,
        "key": ref.key,
        **({"part": ref.part} if ref.part else {}),
    }


def ref_from_dict(data: dict[str, Any]) -> Ref:
    return Ref(
        at=address_from_dict(data),
        value=_undec(data.get("value")),
        unit=data.get("unit"),
        page=data.get("page"),
        line=data.get("line"),
        key=data.get("key"),
        text=data.get("text"),
        name=data.get("name"),
        part=data.get("part", 0),
    )


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message.to_dict(),
        "expected": _dec(finding.expected),
        "actual": _dec(finding.actual),
        "difference": _dec(finding.difference),
        "unit": finding.unit,
        "refs": [ref_to_dict(r) for r in finding.refs],
        **({"culprit": finding.culprit} if finding.culprit else {}),
        **({"cause": finding.cause} if finding.cause else {}),
        **({"hint": finding.hint.to_dict()} if finding.hint else {}),
    }


def finding_from_dict(data: dict[str, Any]) -> Finding:
    return Finding(
        rule=data["rule"],
        severity=Severity(data["severity"]),
        message=Text.from_data(data["message"]),
        refs=[ref_from_dict(r) for r in data["refs"]],
        expected=_undec(data.get("expected")),
        actual=_undec(data.get("actual")),
        unit=data.get("unit"),
        culprit=data.get("culprit"),
        cause=data.get("cause"),
        hint=Text.from_data(data["hint"]) if data.get("hint") else None,
    )


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "document": report.document,
        "checks_version": report.checks_version,
        "rules_run": report.rules_run,
        "comparisons": report.comparisons,
        "claims": {k: [ref_to_dict(r) for r in refs] for k, refs in report.claims.items()},
        "findings": [finding_to_dict(f) for f in report.findings],
        "not_checked": [
            {"rule": n.rule, "reason": n.reason.to_dict(), "title": n.title.to_dict()}
            for n in report.not_checked
        ],
    }


def report_from_dict(data: dict[str, Any]) -> Report:
    return Report(
        document=data["document"],
        findings=[finding_from_dict(f) for f in data.get("findings", [])],
        not_checked=[
            NotChecked(n["rule"], Text.from_data(n["reason"]), Text.from_data(n.get("title", "")))
            for n in data.get("not_checked", [])
        ],
        rules_run=data.get("rules_run", 0),
        checks_version=data.get("checks_version", ""),
        comparisons=dict(data.get("comparisons", {})),
        claims={k: [ref_from_dict(r) for r in refs] for k, refs in data.get("claims", {}).items()},
    )
