"""`check` output: a readable summary, a Markdown report, or JSON for other tools."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from budget_review.checks import Finding, Report, Severity
from budget_review.checks.findings import finding_to_dict
from budget_review.checks.registry import rule_by_id
from budget_review.model import Document

ORDER = [Severity.ERROR, Severity.WARNING, Severity.TAIL, Severity.INFO]
HEADINGS = {
    "zh": {
        Severity.ERROR: "错误",
        Severity.WARNING: "需复核",
        Severity.TAIL: "尾差",
        Severity.INFO: "提示",
    },
    "en": {
        Severity.ERROR: "Errors",
        Severity.WARNING: "Warnings",
        Severity.TAIL: "Rounding tails (尾差)",
        Severity.INFO: "Notes",
    },
}


def message(finding: Finding, lang: str) -> str:
    return finding.message_zh if lang == "zh" else finding.message_en


def _where(finding: Finding) -> str:
    places = []
    for ref in finding.refs:
        if ref.page is not None:
            places.append(f"p.{ref.page}")
        elif ref.line is not None:
            places.append(f"l.{ref.line}")
    distinct = list(dict.fromkeys(places))
    return ", ".join(distinct[:3]) + (" …" if len(distinct) > 3 else "")


def _group(finding: Finding) -> str:
    tables = sorted({r.table for r in finding.refs if r.table is not None})
    if tables:
        return "表" + "/".join(str(t) for t in tables)
    if any(r.card for r in finding.refs):
        return "绩效目标表 cards"
    if any(r.claim for r in finding.refs):
        return "说明 narrative"
    return "文件 document"


def _title(doc: Document) -> str:
    meta = doc.meta
    return " ".join(
        str(x) for x in (meta.department, meta.year, meta.title or doc.source.path) if x
    )


def _counts(report: Report, lang: str) -> str:
    return ", ".join(f"{HEADINGS[lang][s]} {report.count(s)}" for s in ORDER)


def text(doc: Document, report: Report, lang: str) -> str:
    lines = [f"{doc.source.path}: {_title(doc)}", f"  {_counts(report, lang)}"]
    for severity in ORDER:
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        lines.append(f"  {HEADINGS[lang][severity]}:")
        groups: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            groups[_group(finding)].append(finding)
        for group, members in groups.items():
            lines.append(f"    {group}")
            for finding in members:
                where = _where(finding)
                lines.append(
                    f"      [{finding.rule}] {message(finding, lang)}"
                    + (f" ({where})" if where else "")
                )
    if report.not_checked:
        lines.append("  " + ("未检查:" if lang == "zh" else "Not checked:"))
        for item in report.not_checked:
            lines.append(f"    [{item.rule}] {item.reason}")
    return "\n".join(lines)


def markdown(doc: Document, report: Report, lang: str) -> str:
    zh = lang == "zh"
    out = [f"# {_title(doc)}", "", f"`{doc.source.path}` · sha256 `{doc.source.sha256[:12]}`", ""]
    out += [f"**{_counts(report, lang)}**", ""]
    for severity in ORDER:
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        out += [f"## {HEADINGS[lang][severity]}", ""]
        out += [
            "| 规则 | 说明 | 位置 | 应为 | 实为 |"
            if zh
            else "| rule | finding | where | expected | actual |",
            "|---|---|---|---|---|",
        ]
        for finding in findings:
            cells = [
                finding.rule,
                message(finding, lang).replace("|", "\\|"),
                _where(finding),
                str(finding.expected) if finding.expected is not None else "",
                str(finding.actual) if finding.actual is not None else "",
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if report.not_checked:
        out += ["## 未检查" if zh else "## Not checked", ""]
        for item in report.not_checked:
            rule = rule_by_id(item.rule)
            out.append(f"- **{item.rule}** {rule.zh if zh else rule.en}: {item.reason}")
        out.append("")
    return "\n".join(out)


def as_json(pairs: list[tuple[Document, Report]], lang: str) -> str:
    documents: list[dict[str, Any]] = []
    for doc, report in pairs:
        findings = []
        for finding in report.findings:
            data = finding_to_dict(finding)
            data["messages"] = data.pop("message")
            data["message"] = message(finding, lang)
            findings.append(data)
        documents.append(
            {
                "source": {
                    "path": doc.source.path,
                    "sha256": doc.source.sha256,
                    "format": doc.source.format,
                },
                "meta": {
                    "department": doc.meta.department,
                    "year": doc.meta.year,
                    "kind": doc.meta.kind,
                    "scope": doc.meta.scope,
                },
                "summary": {s.value: report.count(s) for s in ORDER},
                "findings": findings,
                "not_checked": [{"rule": n.rule, "reason": n.reason} for n in report.not_checked],
            }
        )
    return json.dumps({"documents": documents}, ensure_ascii=False, indent=1)
