"""Search a document's tables: row names, codes and printed figures."""

from __future__ import annotations

from dataclasses import dataclass

from budget_review.model import Document
from budget_review.parsers.catalogue import squash
from budget_review.tui.session import Place


@dataclass(frozen=True)
class Match:
    place: Place
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
                matches.append(Match(Place(table.number, row.key, first), row.name))
                continue
            for column in numeric:
                figure = row.figures[column]
                if figure.raw and wanted in figure.raw.replace(",", ""):
                    matches.append(Match(Place(table.number, row.key, column), figure.raw))
    for card in doc.cards:
        if wanted in squash(card.name):
            matches.append(Match(Place(card=card.name), card.name))
    return matches
