"""Two files, one publication: the tables and the 情况说明 printed as separate files.

Beijing and others publish a department's budget as two PDFs, the 报表 and the
情况说明. Read apart, each half fails every check that compares the text with the
tables. Files of one department, year and kind whose contents complement each
other (one has the tables, the others have none) are read as one document; each
figure, claim and paragraph keeps the file it was printed in (`Provenance.part`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from budget_review.model import Document, Meta, Provenance, Source, Text
from budget_review.model.vocabulary import squash
from budget_review.parsers import assemble


def publication_of(doc: Document) -> tuple[str, int, str] | None:
    """What two files of one publication share: department, year and kind, all known."""
    meta = doc.meta
    if not (meta.department and meta.year and meta.kind):
        return None
    return squash(meta.department), meta.year, meta.kind


def _complement(docs: list[Document]) -> bool:
    """One file has the tables, the others have none: two copies of one file never merge."""
    with_tables = [d for d in docs if d.tables]
    scopes = {d.meta.scope for d in docs if d.meta.scope}
    return len(with_tables) == 1 and len(scopes) <= 1


def group_publications(docs: list[Document]) -> list[list[int]]:
    """Indices of the given documents, grouped by publication, in the order first given."""
    groups: dict[tuple[str, int, str], list[int]] = {}
    order: list[list[int]] = []
    for index, doc in enumerate(docs):
        key = publication_of(doc)
        if key is None:
            order.append([index])
            continue
        if key not in groups:
            groups[key] = []
            order.append(groups[key])
        groups[key].append(index)
    out: list[list[int]] = []
    for group in order:
        if len(group) > 1 and not _complement([docs[i] for i in group]):
            out.extend([i] for i in group)  # same publication twice, or not complementary
        else:
            out.append(group)
    return out


def publication_sha(shas: list[str]) -> str:
    """The identity of a publication read from several files: any order, the same key."""
    return hashlib.sha256("+".join(sorted(shas)).encode("ascii")).hexdigest()


def merge(parts: list[Document]) -> Document:
    """One document of several files' documents: the file with the tables first."""
    parts = sorted(parts, key=lambda d: (not d.tables, d.file_name()))
    for index, part in enumerate(parts):
        _place_in_part(part, index)
    primary = parts[0]
    pages = [p.source.pages for p in parts]
    formats = {p.source.format for p in parts}
    merged = Document(
        source=Source(
            path=primary.source.path,
            sha256=publication_sha([p.source.sha256 for p in parts]),
            format="pdf" if "pdf" in formats else "text",
            pages=sum(n for n in pages if n is not None) if None not in pages else None,
        ),
        meta=_meta(parts),
        parts=[p.source for p in parts],
        parser_version=primary.parser_version,
    )
    merged.tables = [t for p in parts for t in p.tables]
    merged.cards = [c for p in parts for c in p.cards]
    offset = 0
    for part in parts:
        _renumber_sections(part, offset)
        offset += len(part.sections)
        merged.sections.extend(part.sections)
        merged.claims.extend(part.claims)
        merged.blank_pages.extend(part.blank_pages)
        merged.damaged_pages.extend(part.damaged_pages)
        merged.unread_tables.extend(part.unread_tables)
        name = part.file_name()
        merged.warnings.extend(Text(f"{name}：", f"{name}: ") + w for w in part.warnings)
    # The contents of the file with the tables list them; else a 情况说明 may list both.
    merged.contents = next(
        (p.contents for p in parts if any(e.role for e in p.contents)), primary.contents
    )
    assemble.compare_contents(merged)
    assemble.link_cards(merged)
    return merged


def _meta(parts: list[Document]) -> Meta:
    def first(name: str) -> object:
        return next((getattr(p.meta, name) for p in parts if getattr(p.meta, name)), None)

    # The 情况说明's title names the publication; the tables file seldom has one.
    titles = [p.meta.title for p in sorted(parts, key=lambda d: bool(d.tables)) if p.meta.title]
    return Meta(
        department=parts[0].meta.department,
        year=parts[0].meta.year,
        kind=parts[0].meta.kind,
        scope=first("scope"),  # type: ignore[arg-type]
        title=titles[0] if titles else None,
    )


def _in(where: Provenance, part: int) -> Provenance:
    return replace(where, part=part)


def _place_in_part(doc: Document, part: int) -> None:
    for table in doc.tables:
        table.where = _in(table.where, part)
        for row in table.rows:
            row.where = _in(row.where, part)
            for figure in row.figures.values():
                figure.where = _in(figure.where, part)
    for card in doc.cards:
        card.part = part
    for claim in doc.claims:
        claim.where = _in(claim.where, part)
    for section in doc.sections:
        section.where = _in(section.where, part)
        section.paragraph_where = [_in(w, part) for w in section.paragraph_where]
    for entry in doc.contents:
        entry.where = _in(entry.where, part)
    doc.blank_pages = [_in(w, part) for w in doc.blank_pages]
    doc.damaged_pages = [_in(w, part) for w in doc.damaged_pages]
    for unread in doc.unread_tables:
        unread.where = _in(unread.where, part)


_SECTION_KEY = re.compile(r"^s(\d+)")


def _renumber_sections(doc: Document, offset: int) -> None:
    """Sections count on from the earlier files', and the keys built on them follow."""
    if not offset:
        return
    for section in doc.sections:
        section.number += offset

    def moved(key: str) -> str:
        return _SECTION_KEY.sub(lambda m: f"s{int(m.group(1)) + offset}", key)

    for claim in doc.claims:
        claim.key = moved(claim.key)
        claim.paragraph = moved(claim.paragraph)
