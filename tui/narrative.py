"""The explanation text as printed, headings and paragraphs, each number with its status:
no widgets here.

A number is a claim of the document (`Claim.key`). Its findings are those whose refs
name that claim; it was compared when the report says a rule compared it
(`Report.claims`), and right when it was compared and no finding names it. Findings on
a paragraph or a heading as a whole (wording rules) stay with that paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from budget_review.model import (
    Address,
    Claim,
    Document,
    Finding,
    Provenance,
    Ref,
    Report,
    Severity,
)


class Status(StrEnum):
    FAILING = "failing"  # a finding (error or warning) names it
    TAIL = "tail"  # off by a rounding tail only
    RIGHT = "right"  # compared, and it holds
    UNCHECKED = "unchecked"  # no rule compared it


@dataclass
class Mark:
    """One number of the text: where it stands in its row, its claim, what was found."""

    start: int
    end: int
    claim: Claim
    findings: list[Finding]
    compared: list[Ref]  # what a rule compared it with (Report.claims)
    checked: bool  # a rule compared it

    @property
    def severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    @property
    def status(self) -> Status:
        severity = self.severity
        if severity in (Severity.ERROR, Severity.WARNING):
            return Status.FAILING
        if severity == Severity.TAIL:
            return Status.TAIL
        return Status.RIGHT if self.checked or self.findings else Status.UNCHECKED

    @property
    def address(self) -> Address:
        return Address(
            paragraph=self.claim.paragraph or None, claim=self.claim.key, field=self.claim.kind
        )

    def follow(self) -> list[Ref]:
        """What `f` offers: the figures and numbers its findings cite, then those it was
        compared with; never itself."""
        refs: list[Ref] = []
        for ref in [r for f in self.findings for r in f.refs] + self.compared:
            if ref.at.claim == self.claim.key:
                continue
            if all(ref.identity != r.identity for r in refs):
                refs.append(ref)
        return refs


@dataclass
class NarrativeRow:
    """A heading or a paragraph of the explanation, in reading order."""

    kind: str  # heading | paragraph
    text: str
    where: Provenance
    section: str  # the heading it stands under ('' before the first)
    key: str  # a paragraph's key (s3p2), or a heading's section key (s3)
    level: int = 0
    marks: list[Mark] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # on the row as a whole

    @property
    def address(self) -> Address:
        if self.kind == "heading":
            return Address(paragraph=self.key, field="heading")
        return Address(paragraph=self.key)

    @property
    def all_findings(self) -> list[Finding]:
        found = list(self.findings)
        for mark in self.marks:
            found.extend(f for f in mark.findings if f not in found)
        return found

    @property
    def severity(self) -> Severity | None:
        return max((f.severity for f in self.all_findings), key=lambda s: s.rank, default=None)


# Kept for the name the rest of the app knew it by.
NarrativeParagraph = NarrativeRow


def _findings_by_place(report: Report) -> tuple[dict[str, list[Finding]], dict[str, list[Finding]]]:
    """Findings by the claim they name, and by the paragraph or heading they name as a whole."""
    by_claim: dict[str, list[Finding]] = {}
    by_row: dict[str, list[Finding]] = {}
    for finding in report.findings:
        for ref in finding.refs:
            at = ref.at
            if at.claim:
                found = by_claim.setdefault(at.claim, [])
            elif at.paragraph:
                found = by_row.setdefault(at.paragraph, [])
            else:
                continue
            if finding not in found:
                found.append(finding)
    return by_claim, by_row


def _spans(text: str, claims: list[Claim]) -> list[tuple[int, Claim]]:
    """Where each claim stands in the text. A sentence's claims are kept by kind, not by
    position (its changes before its amounts): each is looked for in its own sentence, in
    a span no other claim took."""
    found: list[tuple[int, Claim]] = []
    taken: list[tuple[int, int]] = []
    window = (0, len(text))  # the sentence the claims being placed stand in
    sentence = None
    for claim in claims:
        if claim.sentence != sentence:
            sentence = claim.sentence
            at = text.find(sentence, window[0] if found else 0) if sentence else -1
            window = (at, at + len(sentence)) if at >= 0 else (0, len(text))
        at = _free(text, claim.text, window, taken)
        if at < 0 and sentence:
            # the same sentence printed again: its claims stand in the next printing
            again = text.find(sentence, window[1])
            if again >= 0:
                window = (again, again + len(sentence))
                at = _free(text, claim.text, window, taken)
        if at < 0:
            at = _free(text, claim.text, (0, len(text)), taken)
        if at < 0:
            continue
        taken.append((at, at + len(claim.text)))
        found.append((at, claim))
    return found


def _free(text: str, word: str, window: tuple[int, int], taken: list[tuple[int, int]]) -> int:
    """The first place of `word` inside `window` that overlaps no span taken; -1 if none."""
    at = text.find(word, window[0], window[1])
    while at >= 0:
        end = at + len(word)
        if all(end <= a or at >= b for a, b in taken):
            return at
        at = text.find(word, at + 1, window[1])
    return -1


def _marks(
    text: str, claims: list[Claim], by_claim: dict[str, list[Finding]], report: Report
) -> list[Mark]:
    marks = [
        Mark(
            at,
            at + len(claim.text),
            claim,
            by_claim.get(claim.key, []),
            report.claims.get(claim.key, []),
            claim.key in report.claims,
        )
        for at, claim in _spans(text, claims)
    ]
    marks.sort(key=lambda m: m.start)
    return marks


def narrative(doc: Document, report: Report) -> list[NarrativeRow]:
    """Every heading and paragraph of the explanation, with its numbers and findings."""
    claims: dict[str, list[Claim]] = {}
    for claim in doc.claims:
        # a paragraph's claims are keyed s3p2c1, a heading's s3h1
        owner = claim.paragraph or claim.key.rsplit("h", 1)[0]
        claims.setdefault(owner, []).append(claim)
    by_claim, by_row = _findings_by_place(report)
    rows: list[NarrativeRow] = []
    for section in doc.sections:
        heading = f"s{section.number}"
        if section.heading:
            rows.append(
                NarrativeRow(
                    "heading",
                    section.heading,
                    section.where,
                    section.heading,
                    heading,
                    section.level,
                    _marks(section.heading, claims.get(heading, []), by_claim, report),
                    by_row.get(heading, []),
                )
            )
        for index, text in enumerate(section.paragraphs):
            key = section.paragraph_key(index)
            rows.append(
                NarrativeRow(
                    "paragraph",
                    text,
                    section.place_of(index),
                    section.heading,
                    key,
                    section.level,
                    _marks(text, claims.get(key, []), by_claim, report),
                    by_row.get(key, []),
                )
            )
    return rows
