"""The explanation text with every checked number located: no widgets here.

A number is 'checked' when its subject resolves to table figures; it fails when a
finding names it. Each mark keeps the figures it was compared with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from budget_review.checks.context import Cell, Context
from budget_review.model import Claim, Document, Finding, Provenance, Report, Severity


@dataclass
class Mark:
    start: int
    end: int
    claim: Claim
    cells: list[Cell]
    findings: list[Finding]

    @property
    def severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


@dataclass
class NarrativeParagraph:
    text: str
    where: Provenance
    section: str
    marks: list[Mark] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # on the paragraph as a whole

    @property
    def severity(self) -> Severity | None:
        levels = [m.severity for m in self.marks if m.severity] + [
            f.severity for f in self.findings
        ]
        return max(levels, key=lambda s: s.rank, default=None)


def narrative(doc: Document, report: Report) -> list[NarrativeParagraph]:
    from budget_review.checks.subjects import resolve

    ctx = Context(doc, report)
    claims: dict[str, list[Claim]] = {}
    for claim in doc.claims:
        claims.setdefault(claim.paragraph, []).append(claim)
    by_claim: dict[str, list[Finding]] = {}
    by_paragraph: dict[str, list[Finding]] = {}
    for finding in report.findings:
        for ref in finding.refs:
            if ref.at.claim and finding not in by_claim.get(ref.at.claim, []):
                by_claim.setdefault(ref.at.claim, []).append(finding)
            elif ref.at.paragraph and finding not in by_paragraph.get(ref.at.paragraph, []):
                by_paragraph.setdefault(ref.at.paragraph, []).append(finding)
    paragraphs = []
    for section in doc.sections:
        for index, text in enumerate(section.paragraphs):
            key = section.paragraph_key(index)
            paragraph = NarrativeParagraph(text, section.place_of(index), section.heading)
            cursor = 0
            for claim in claims.get(key, []):
                # Claims come in reading order: each is looked for after the one before.
                base = text.find(claim.sentence) if claim.sentence in text else cursor
                at = text.find(claim.text, max(base, cursor))
                if at < 0:
                    at = text.find(claim.text)
                if at < 0:
                    continue
                cursor = at + len(claim.text)
                cells = resolve(ctx, claim) if claim.kind == "amount" else []
                paragraph.marks.append(
                    Mark(at, at + len(claim.text), claim, cells, by_claim.get(claim.key, []))
                )
            paragraph.marks.sort(key=lambda m: m.start)
            paragraph.findings = by_paragraph.get(key, [])
            paragraphs.append(paragraph)
    return paragraphs
