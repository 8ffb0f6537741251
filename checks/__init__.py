"""Reconciliation checks: `Document` → findings with their evidence. No UI, no storage."""

from budget_review.checks.findings import Finding, NotChecked, Ref, Report, Severity
from budget_review.checks.registry import RULES, Rule
from budget_review.checks.run import CHECKS_VERSION, run_checks

__all__ = [
    "CHECKS_VERSION",
    "RULES",
    "Finding",
    "NotChecked",
    "Ref",
    "Report",
    "Rule",
    "Severity",
    "run_checks",
]
