"""Run every rule that applies to a document; a rule that cannot run goes to the ledger."""

from __future__ import annotations

from budget_review.checks import (  # noqa: F401  (each module registers its rules)
    across,
    cards,
    completeness,
    narrative,
    prose,
    statements,
    within,
    writing,
)
from budget_review.checks.context import Context, Skip
from budget_review.checks.culprits import mark_culprits
from budget_review.checks.registry import RULES
from budget_review.checks.version import CHECKS_VERSION
from budget_review.model import Document, Finding, NotChecked, Report, Severity, Text, words
from budget_review.model.money import exact_money

__all__ = ["CHECKS_VERSION", "family_of", "run_checks"]


def family_of(doc: Document) -> str | None:
    if doc.meta.kind:
        return doc.meta.kind
    families = {t.role.startswith("fa_") for t in doc.tables if t.role}
    if families == {True}:
        return "final_accounts"
    if families == {False}:
        return "budget"
    return None


def run_checks(doc: Document) -> Report:
    """Every rule, in arithmetic exact for the document's longest figure (a figure of 30
    digits overflows Decimal's default 28 when rounded)."""
    with exact_money(doc.longest_figure()):
        return _run_checks(doc)


def _run_checks(doc: Document) -> Report:
    report = Report(document=doc.source.sha256, checks_version=CHECKS_VERSION)
    ctx = Context(doc, report)
    family = family_of(doc)
    for rule in RULES:
        ctx.rule = rule
        ctx.compared = 0
        if family is not None and family not in rule.families:
            continue
        try:
            rule.run(ctx)
        except Skip as skip:
            ctx.not_checked(skip.reason)
            continue
        if ctx.compared == 0 and rule.compares:
            ctx.not_checked(words("reason.nothing_to_compare"))
            continue
        report.rules_run += 1
        if rule.compares:
            report.comparisons[rule.id] = ctx.compared
    _set_aside_damaged(doc, report)
    report.findings.sort(key=lambda f: (-f.severity.rank, f.rule, f.id))
    _drop_repeats(report)
    mark_culprits(report)
    return report


def _set_aside_damaged(doc: Document, report: Report) -> None:
    """A finding that rests on a damaged page (a content stream that could not be read
    whole) may be the damage speaking, not the document: it goes to the not-checked
    ledger, once per rule, naming the pages. So does one that rests on a table printed
    on or beside such a page (its rows may go on there), and one that names no page at
    all (a table missing from the document may be on the damaged page)."""
    damaged = {(p.part, p.page) for p in doc.damaged_pages if p.page is not None}
    if not damaged:
        return
    near = {(part, page + step) for part, page in damaged for step in (-1, 0, 1)}
    tables: dict[int | str, set[tuple[int, int]]] = {}
    for table in doc.tables:
        key: int | str = table.number if table.number is not None else table.title
        tables.setdefault(key, set()).update((table.where.part, p) for p in table.pages)

    def rests_on_damage(finding: Finding) -> bool:
        pages: set[tuple[int, int]] = set()
        for ref in finding.refs:
            if ref.page is not None:
                pages.add((ref.part, ref.page))
            if ref.at.table is not None:
                pages |= tables.get(ref.at.table, set())
        return not pages or bool(pages & near)

    pages = sorted(page for _, page in damaged)
    reason = words("reason.page_damaged", pages=", ".join(str(p) for p in pages))
    titles = {rule.id: rule.text for rule in RULES}
    kept: list[Finding] = []
    set_aside: set[str] = set()
    for finding in report.findings:
        if finding.severity != Severity.INFO and rests_on_damage(finding):
            set_aside.add(finding.rule)
        else:
            kept.append(finding)
    report.findings = kept
    for rule in sorted(set_aside):
        report.not_checked.append(NotChecked(rule, reason, titles.get(rule, Text("", ""))))


def _drop_repeats(report: Report) -> None:
    """The same finding reached twice (one sum seen from two rules) is reported once: the
    same figures and the same two values. Two findings on one sentence (a wrong amount and
    a wrong rate) are two findings."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for finding in report.findings:
        values = (str(finding.expected), str(finding.actual))
        text = finding.message.en if finding.expected is None and finding.actual is None else ""
        key = (finding.severity.value, *values, text, *sorted(r.identity for r in finding.refs))
        if finding.severity in (Severity.ERROR, Severity.TAIL) and key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    report.findings = kept
