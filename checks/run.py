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
from budget_review.model import Document, Report, Severity, words

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
    report.findings.sort(key=lambda f: (-f.severity.rank, f.rule, f.id))
    _drop_repeats(report)
    mark_culprits(report)
    return report


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
