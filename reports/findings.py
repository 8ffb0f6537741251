"""`check` reports: a readable summary, a Markdown report, or JSON for other tools."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from budget_review.model import Document, Finding, Report, Severity, say
from budget_review.model.doubts import Doubts
from budget_review.model.i18n import place
from budget_review.model.serialize import finding_to_dict
from budget_review.model.untrusted import printable
from budget_review.reports.markdown import cell, escape

ORDER = [Severity.ERROR, Severity.WARNING, Severity.TAIL, Severity.INFO]


def _heading(severity: Severity, lang: str) -> str:
    return say(f"severities.{severity.value}", lang)


def message(finding: Finding, lang: str, doubts: Doubts | None = None) -> str:
    """The finding in words; one resting on something OCR was unsure of says so."""
    text = finding.message_in(lang)
    return text + say("report.misread", lang) if doubts and doubts.any(finding) else text


def _where(finding: Finding, doc: Document) -> str:
    places = []
    for ref in finding.refs:
        file = doc.part_name(ref.part)
        prefix = f"{file} " if file else ""
        if ref.page is not None:
            places.append(f"{prefix}p.{ref.page}")
        elif ref.line is not None:
            places.append(f"{prefix}l.{ref.line}")
    distinct = list(dict.fromkeys(places))
    return ", ".join(distinct[:3]) + (" …" if len(distinct) > 3 else "")


def _group(finding: Finding, lang: str) -> str:
    tables = sorted({r.at.table for r in finding.refs if r.at.table is not None})
    if tables:
        return "表" + "/".join(str(t) for t in tables)
    if any(r.at.card for r in finding.refs):
        return say("report.cards", lang)
    if any(r.at.claim or r.at.paragraph for r in finding.refs):
        return say("report.narrative", lang)
    return say("report.document", lang)


def _title(doc: Document) -> str:
    meta = doc.meta
    return " ".join(
        str(x) for x in (meta.department, meta.year, meta.title or doc.source.path) if x
    )


def _counts(report: Report, lang: str) -> str:
    return ", ".join(f"{_heading(s, lang)} {report.count(s)}" for s in ORDER)


def comparisons_line(report: Report, lang: str) -> str:
    """'1,204 comparisons, 3 failed, 9 rules not run': how far the checks got."""
    return say(
        "report.comparisons",
        lang,
        comparisons=f"{sum(report.comparisons.values()):,}",
        failed=f"{report.failed():,}",
        not_run=len({n.rule for n in report.not_checked}),
    )


def _paths(doc: Document) -> str:
    """The file, or the files of a publication printed as several."""
    return " + ".join(p.path for p in doc.parts) if doc.parts else doc.source.path


def text(doc: Document, report: Report, lang: str) -> str:
    doubts = Doubts(doc)
    lines = [
        f"{_paths(doc)}: {_title(doc)}",
        f"  {_counts(report, lang)}",
        f"  {comparisons_line(report, lang)}",
    ]
    for severity in ORDER:
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        lines.append(f"  {_heading(severity, lang)}:")
        groups: dict[str, list[Finding]] = defaultdict(list)
        following = _following(findings)
        for finding in findings:
            if finding.cause is None or finding.cause not in {f.id for f in findings}:
                groups[_group(finding, lang)].append(finding)
        for group, members in groups.items():
            lines.append(f"    {group}")
            for finding in members:
                where = _where(finding, doc)
                lines.append(
                    f"      [{finding.rule}] {message(finding, lang, doubts)}"
                    + (f" ({where})" if where else "")
                )
                for note in _notes(finding, doc, lang):
                    lines.append(f"        {note}")
                for other in following.get(finding.id, []):
                    where = _where(other, doc)
                    lines.append(
                        f"        ↳ [{other.rule}] {message(other, lang, doubts)}"
                        + (f" ({where})" if where else "")
                        + f" — {say('report.follows', lang)}"
                    )
    unknown = doc.unrecognised()
    if unknown:
        lines.append(f"  {say('report.unrecognised', lang)}:")
        for title, found, why in unknown:
            at = place(found.page, found.line, doc.part_name(found.part))
            lines.append(f"    {title} ({at.in_(lang) if at else '?'}): {why.in_(lang)}")
    if report.not_checked:
        lines.append(f"  {say('report.not_checked', lang)}:")
        for item in report.not_checked:
            lines.append(f"    [{item.rule}] {item.reason.in_(lang)}")
    return printable("\n".join(lines))


def _following(findings: list[Finding]) -> dict[str, list[Finding]]:
    """The findings that follow from each finding (its likely culprit explains them)."""
    out: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.cause:
            out[finding.cause].append(finding)
    return out


def culprit_label(finding: Finding, doc: Document, lang: str) -> str | None:
    """The likely culprit by its place: '表3「行政运行」合计'."""
    if not finding.culprit:
        return None
    ref = next((r for r in finding.refs if r.key == finding.culprit), None)
    return ref.label(lang) if ref else None


def _notes(finding: Finding, doc: Document, lang: str) -> list[str]:
    notes = []
    name = culprit_label(finding, doc, lang) if finding.cause is None else None
    if name:
        notes.append(say("report.culprit", lang, name=name))
    if finding.hint:
        notes.append(finding.hint.in_(lang))
    return notes


def markdown(doc: Document, report: Report, lang: str) -> str:
    doubts = Doubts(doc)
    out = [
        f"# {escape(_title(doc))}",
        "",
        f"{escape(_paths(doc))} · sha256 `{doc.source.sha256[:12]}`",
        "",
    ]
    out += [f"**{_counts(report, lang)}**", "", comparisons_line(report, lang), ""]
    for severity in ORDER:
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        out += [f"## {_heading(severity, lang)}", ""]
        keys = ("report.rule", "report.finding", "report.where", "report.expected", "report.actual")
        out += ["| " + " | ".join(say(k, lang) for k in keys) + " |", "|---|---|---|---|---|"]
        following = _following(findings)
        ordered = []
        for finding in findings:
            if finding.cause is None or finding.cause not in {f.id for f in findings}:
                ordered += [finding, *following.get(finding.id, [])]
        for finding in ordered:
            text = message(finding, lang, doubts)
            if finding.cause:
                text = f"↳ {text} — {say('report.follows', lang)}"
            notes = _notes(finding, doc, lang)
            cells = [
                finding.rule,
                "<br>".join(cell(t) for t in [text, *notes]),
                cell(_where(finding, doc)),
                str(finding.expected) if finding.expected is not None else "",
                str(finding.actual) if finding.actual is not None else "",
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    unknown = doc.unrecognised()
    if unknown:
        out += [f"## {say('report.unrecognised', lang)}", ""]
        for title, found, why in unknown:
            at = place(found.page, found.line, doc.part_name(found.part))
            out.append(
                f"- {escape(title)} ({at.in_(lang) if at else '?'}): {escape(why.in_(lang))}"
            )
        out.append("")
    if report.not_checked:
        out += [f"## {say('report.not_checked', lang)}", ""]
        for item in report.not_checked:
            out.append(
                f"- **{item.rule}** {escape(item.title.in_(lang))}: {escape(item.reason.in_(lang))}"
            )
        out.append("")
    return "\n".join(out)


def as_json(pairs: list[tuple[Document, Report]], lang: str) -> str:
    documents: list[dict[str, Any]] = []
    for doc, report in pairs:
        doubts = Doubts(doc)
        findings = []
        for finding in report.findings:
            data = finding_to_dict(finding)
            data["messages"] = data.pop("message")
            data["message"] = message(finding, lang)
            if doubts:  # OCR'd documents only: a text layer is never in doubt
                data["low_confidence"] = doubts.any(finding)
                for ref, ref_data in zip(finding.refs, data["refs"], strict=True):
                    ref_data["low_confidence"] = doubts.of(ref)
            findings.append(data)
        documents.append(
            {
                "source": {
                    "path": doc.source.path,
                    "sha256": doc.source.sha256,
                    "format": doc.source.format,
                    **(
                        {"files": [{"path": p.path, "sha256": p.sha256} for p in doc.parts]}
                        if doc.parts
                        else {}
                    ),
                },
                "meta": {
                    "department": doc.meta.department,
                    "year": doc.meta.year,
                    "kind": doc.meta.kind,
                    "scope": doc.meta.scope,
                },
                "summary": {
                    **{s.value: report.count(s) for s in ORDER},
                    "comparisons": sum(report.comparisons.values()),
                    "failed": report.failed(),
                    "rules_not_run": len({n.rule for n in report.not_checked}),
                    "by_rule": report.by_rule(),
                },
                "findings": findings,
                "comparisons": report.comparisons,
                "unrecognised": [
                    {
                        "title": title,
                        "page": found.page,
                        "line": found.line,
                        "file": doc.part_name(found.part),
                        "reason": why.in_(lang),
                    }
                    for title, found, why in doc.unrecognised()
                ],
                "not_checked": [
                    {"rule": n.rule, "reason": n.reason.in_(lang), "reasons": n.reason.to_dict()}
                    for n in report.not_checked
                ],
            }
        )
    return json.dumps({"documents": documents}, ensure_ascii=False, indent=1)
