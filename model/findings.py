"""What the checks report: findings with their evidence, and the rules that could not run.

A model type: the checks make findings, the store keeps them, reports and the
app show them; none of those needs the rules themselves.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from budget_review.model.address import Address
from budget_review.model.i18n import Text, words

# Rule ids start with their family's letter: the app filters by family without loading rules.
FAMILIES = ("W", "X", "N", "C", "K", "T")


def family(rule_id: str) -> str:
    """The family letter of a rule id ('' when it names none)."""
    return rule_id[:1] if rule_id[:1] in FAMILIES else ""


def family_text(letter: str) -> Text:
    return words(f"family.{letter}") if letter in FAMILIES else Text("", "")


class Severity(StrEnum):
    ERROR = "error"  # a real discrepancy
    TAIL = "tail"  # within rounding (尾差): shown, never counted as an error
    WARNING = "warning"  # needs a human look
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "tail": 1, "info": 0}[self.value]

    @property
    def text(self) -> Text:
        return words(f"severity.{self.value}")


@dataclass(frozen=True)
class Ref:
    """One thing a finding rests on: where it is, and what was read there."""

    at: Address
    value: Decimal | None = None
    unit: str | None = None
    page: int | None = None
    line: int | None = None
    key: str | None = None  # the figure's stable key, when it is a table cell
    text: str | None = None  # the words cited, for a number or passage in the text
    name: str | None = None  # the row's printed name, for a table cell
    part: int = 0  # which file of a several-file document `page` is in (Document.parts)

    def label(self, lang: str = "zh") -> str:
        return self.at.label(lang, self.name, self.text)

    @property
    def identity(self) -> str:
        """What makes two refs the same evidence (not how they are labelled)."""
        at = self.at
        return self.key or "/".join(
            str(x or "")
            for x in (at.table, at.row, at.column, at.card, at.field, at.paragraph, at.claim)
        )


@dataclass
class Finding:
    """One failed check: what was expected and found, and the figures involved (`refs`)."""

    rule: str
    severity: Severity
    message: Text
    refs: list[Ref] = field(default_factory=list)
    expected: Decimal | None = None
    actual: Decimal | None = None
    unit: str | None = None
    # The figure most likely wrong, when one figure explains this failure and others:
    # a figure's stable key (Ref.key). Set on the finding that names it and on those
    # that follow from it.
    culprit: str | None = None
    cause: str | None = None  # the id of the finding this one follows from
    hint: Text | None = None  # what the difference suggests: a row left out, a unit slip

    @property
    def difference(self) -> Decimal | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    @property
    def id(self) -> str:
        """Stable across runs and re-parses: the rule and the figures it names."""
        parts = [self.rule] + [_legacy_identity(r) for r in self.refs]
        return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]

    def message_in(self, lang: str) -> str:
        return self.message.in_(lang)


def _legacy_identity(ref: Ref) -> str:
    # The id format of earlier versions, so that notes on findings keep their finding.
    at = ref.at
    cited = ref.text if at.claim is not None or at.paragraph is not None else None
    return ref.key or f"{at.table}/{at.row}/{at.column}/{at.card}/{at.field}/{cited}"


@dataclass
class NotChecked:
    """A rule that could not run on a document, and why."""

    rule: str
    reason: Text
    title: Text = field(default_factory=lambda: Text("", ""))  # what the rule checks


@dataclass
class Report:
    """Every finding on one document, and the ledger of rules that did not run."""

    document: str  # sha256
    findings: list[Finding] = field(default_factory=list)
    not_checked: list[NotChecked] = field(default_factory=list)
    rules_run: int = 0
    checks_version: str = ""
    comparisons: dict[str, int] = field(default_factory=dict)  # per rule id
    # Each number of the text a rule compared (Claim.key), and what it was compared with:
    # a number the text gives that no rule compared is "not compared", never "right".
    claims: dict[str, list[Ref]] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, rule: str | None = None) -> int:
        """Comparisons that did not hold: errors and warnings of comparing rules (a rounding
        tail holds within its printed digits)."""
        return sum(
            1
            for f in self.findings
            if f.rule in self.comparisons
            and (rule is None or f.rule == rule)
            and f.severity in (Severity.ERROR, Severity.WARNING)
        )

    def by_rule(self) -> dict[str, dict[str, int]]:
        """Per comparing rule: comparisons made, failed, rounding tails."""
        return {
            rule: {
                "comparisons": n,
                "failed": self.failed(rule),
                "tails": sum(
                    1 for f in self.findings if f.rule == rule and f.severity == Severity.TAIL
                ),
            }
            for rule, n in sorted(self.comparisons.items())
        }

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)
