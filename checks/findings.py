"""What a check reports: findings with their evidence, and the rules that could not run."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

# Stored findings are recomputed when this changes (new rules, other tolerances).
CHECKS_VERSION = "2"

# Rule ids start with their family's letter: the app filters by family without loading rules.
FAMILIES = {"W": "表内", "X": "表间", "N": "表文", "C": "绩效卡", "K": "完整性", "T": "文字"}


def family(rule_id: str) -> str:
    return FAMILIES.get(rule_id[:1], "")


class Severity(StrEnum):
    ERROR = "error"  # a real discrepancy
    TAIL = "tail"  # within rounding (尾差): shown, never counted as an error
    WARNING = "warning"  # needs a human look
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "tail": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Ref:
    """One figure a finding rests on: a table cell, a card amount or a narrative number."""

    table: int | None = None
    row: str | None = None
    column: str | None = None
    card: str | None = None
    claim: str | None = None
    field: str | None = None  # the card field or claim kind
    value: Decimal | None = None
    unit: str | None = None
    page: int | None = None
    line: int | None = None
    key: str | None = None  # the figure's stable key, when it is a table cell

    def label(self) -> str:
        if self.table is not None:
            return f"表{self.table} {self.row} / {self.column}"
        if self.card is not None:
            return f"card '{self.card}' {self.field or ''}".rstrip()
        return f"text '{self.claim}'"


@dataclass
class Finding:
    rule: str
    severity: Severity
    message_zh: str
    message_en: str
    refs: list[Ref] = field(default_factory=list)
    expected: Decimal | None = None
    actual: Decimal | None = None
    unit: str | None = None

    @property
    def difference(self) -> Decimal | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    @property
    def id(self) -> str:
        """Stable across runs and re-parses: the rule and the figures it names."""
        parts = [self.rule] + [
            r.key or f"{r.table}/{r.row}/{r.column}/{r.card}/{r.field}/{r.claim}" for r in self.refs
        ]
        return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


@dataclass
class NotChecked:
    rule: str
    reason: str


@dataclass
class Report:
    """Every finding on one document, and the ledger of rules that did not run."""

    document: str  # sha256
    findings: list[Finding] = field(default_factory=list)
    not_checked: list[NotChecked] = field(default_factory=list)
    rules_run: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def ref_to_dict(ref: Ref) -> dict[str, Any]:
    return {
        "table": ref.table,
        "row": ref.row,
        "column": ref.column,
        "card": ref.card,
        "claim": ref.claim,
        "field": ref.field,
        "value": _money(ref.value),
        "unit": ref.unit,
        "page": ref.page,
        "line": ref.line,
        "key": ref.key,
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": {"zh": finding.message_zh, "en": finding.message_en},
        "expected": _money(finding.expected),
        "actual": _money(finding.actual),
        "difference": _money(finding.difference),
        "unit": finding.unit,
        "refs": [ref_to_dict(r) for r in finding.refs],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "document": report.document,
        "rules_run": report.rules_run,
        "findings": [finding_to_dict(f) for f in report.findings],
        "not_checked": [{"rule": n.rule, "reason": n.reason} for n in report.not_checked],
    }


def report_from_dict(data: dict[str, Any]) -> Report:
    findings = [
        Finding(
            rule=f["rule"],
            severity=Severity(f["severity"]),
            message_zh=f["message"]["zh"],
            message_en=f["message"]["en"],
            refs=[Ref(**{**r, "value": _dec(r.get("value"))}) for r in f["refs"]],
            expected=_dec(f.get("expected")),
            actual=_dec(f.get("actual")),
            unit=f.get("unit"),
        )
        for f in data.get("findings", [])
    ]
    return Report(
        document=data["document"],
        findings=findings,
        not_checked=[NotChecked(n["rule"], n["reason"]) for n in data.get("not_checked", [])],
        rules_run=data.get("rules_run", 0),
    )
