"""The explanation text with every checked number located: no widgets here.

A number is 'checked' when its subject resolves to table figures; it fails when a
finding names it. Each mark keeps the figures it was compared with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from budget_review.checks.context import Cell, Context
from budget_review.checks.findings import Finding, Report, Severity
from budget_review.model import Claim, Document, Provenance


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


def _same_place(a: Provenance, page: int | None, line: int | None) -> bool:
    return (page is not None and a.page == page) or (line is not None and a.line == line)


def narrative(doc: Document, report: Report) -> list[NarrativeParagraph]:
    from budget_review.checks.subjects import resolve

    ctx = Context(doc, report)
    by_sentence: dict[str, list[Claim]] = {}
    for claim in doc.claims:
        by_sentence.setdefault(claim.sentence, []).append(claim)
    text_findings = [f for f in report.findings if any(r.claim for r in f.refs)]
    paragraphs = []
    for section in doc.sections:
        for index, text in enumerate(section.paragraphs):
            where = section.place_of(index)
            paragraph = NarrativeParagraph(text, where, section.heading)
            cursor = 0
            for sentence, claims in by_sentence.items():
                if sentence not in text:
                    continue
                base = text.find(sentence)
                for claim in claims:
                    at = text.find(claim.text, base)
                    if at < 0:
                        continue
                    cells = resolve(ctx, claim) if claim.kind == "amount" else []
                    findings = [
                        f
                        for f in text_findings
                        if any(
                            r.claim == claim.text
                            and r.line == claim.where.line
                            and r.page == claim.where.page
                            for r in f.refs
                        )
                    ]
                    paragraph.marks.append(Mark(at, at + len(claim.text), claim, cells, findings))
                cursor = max(cursor, base)
            paragraph.marks.sort(key=lambda m: m.start)
            paragraph.findings = [
                f
                for f in text_findings
                if any(
                    r.field == "text"
                    and _same_place(where, r.page, r.line)
                    and (r.claim or "")[:20] in text
                    for r in f.refs
                )
            ]
            paragraphs.append(paragraph)
    return paragraphs
