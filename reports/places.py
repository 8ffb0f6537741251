"""Where a note or a finding stands in the text: its section and paragraph, the part of
the disclosure that section belongs to, and the whole sentence a cut quote comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_review.checks.completeness import SECTIONS
from budget_review.model import Address, Claim, Document, Finding, Provenance, Ref, Section

_KEY = re.compile(r"^s(\d+)p(\d+)(?:c(\d+))?$")
_SENTENCE_END = re.compile(r"[。；！？!?;]")
_CUT = "…"
# A heading can name two parts ('其他情况说明'): the narrower one wins, 编制说明 is last.
_BY_HEADING = sorted(
    (s for s in SECTIONS if s.heading is not None), key=lambda s: s.id == "explanation"
)


@dataclass(frozen=True)
class Passage:
    """A paragraph of the text, or a number in it."""

    section: Section
    index: int  # the paragraph's place in its section, from 0
    text: str  # the whole paragraph, or the whole sentence the number stands in
    where: Provenance
    claim: Claim | None = None

    @property
    def key(self) -> str:
        return self.claim.key if self.claim else self.section.paragraph_key(self.index)


def order_of(key: str | None) -> tuple[int, int, int]:
    """A paragraph's or claim's key in document order: 's3p2c1' → (3, 2, 1)."""
    match = _KEY.match(key or "")
    if match is None:
        return (10**6, 0, 0)
    return (int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


def passage(doc: Document, at: Address) -> Passage | None:
    """The paragraph or claim an address names, with the whole text it stands in."""
    claim = next((c for c in doc.claims if c.key == at.claim), None) if at.claim else None
    key = claim.paragraph if claim else at.paragraph
    match = _KEY.match(key or "")
    if match is None:
        return None
    number, index = int(match.group(1)), int(match.group(2)) - 1
    section = next((s for s in doc.sections if s.number == number), None)
    if section is None or not 0 <= index < len(section.paragraphs):
        return None
    if claim is not None:
        where = claim.where if claim.where.line or claim.where.page else section.place_of(index)
        return Passage(section, index, claim.sentence or section.paragraphs[index], where, claim)
    return Passage(section, index, section.paragraphs[index], section.place_of(index))


def narrative_ref(finding: Finding) -> Ref | None:
    """The first thing in the text a finding rests on, when it rests on the text."""
    return next((r for r in finding.refs if r.at.claim or r.at.paragraph), None)


def part_of(doc: Document, section: Section) -> str | None:
    """The part of the disclosure (a `SECTIONS` id) a section stands in: its own heading's
    or the nearest enclosing heading's that begins one."""
    sections = doc.sections
    at = next((i for i, s in enumerate(sections) if s is section), None)
    if at is None:
        return None
    level = section.level + 1
    for candidate in reversed(sections[: at + 1]):
        if candidate.level >= level:
            continue  # a sibling or a subsection of an earlier section: not enclosing
        level = candidate.level
        part = next((p.id for p in _BY_HEADING if p.begins(candidate.heading)), None)
        if part is not None:
            return part
    return None


def whole(doc: Document, finding: Finding, message: str) -> str:
    """The message with a quote cut short ('…') completed to the end of its sentence, from
    the paragraph the finding cites."""
    if not message.endswith(_CUT):
        return message
    head = message[: -len(_CUT)]
    texts = [p.section.paragraphs[p.index] for r in finding.refs if (p := passage(doc, r.at))]
    for text in texts:
        # the longest end of the message that the paragraph holds: that is the quote
        for start in range(max(len(head) - 200, 0), len(head) - 7):
            found = text.find(head[start:])
            if found < 0:
                continue
            end = found + len(head) - start
            stop = _SENTENCE_END.search(text, end)
            return head[:start] + text[found : stop.end() if stop else len(text)]
    return message
