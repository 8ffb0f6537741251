"""Search a document's tables: row names, codes and printed figures."""

from __future__ import annotations

from dataclasses import dataclass

from budget_review.model import Address, Document
from budget_review.model.vocabulary import squash


@dataclass(frozen=True)
class Match:
    place: Address
    text: str


def search(doc: Document, query: str) -> list[Match]:
    """Every cell whose row name, code or printed figure contains the query, in reading order."""
    wanted = squash(query).replace(",", "")
    matches: list[Match] = []
    for table in doc.tables:
        for row in table.rows:
            numeric = [c for c in table.columns if c in row.figures]
            first = numeric[0] if numeric else None
            label = squash(row.name) + (row.code or "")
            if wanted in label and first is not None:
                matches.append(Match(Address(table.number, row.key, first), row.name))
                continue
            for column in numeric:
                figure = row.figures[column]
                if figure.raw and wanted in figure.raw.replace(",", ""):
                    matches.append(Match(Address(table.number, row.key, column), figure.raw))
    for card in doc.cards:
        if wanted in squash(card.name):
            matches.append(Match(Address(card=card.name), card.name))
    return matches
