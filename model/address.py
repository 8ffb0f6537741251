"""One address for all a reviewer can point at: a figure, a table, a card, a number in the text.

Findings cite addresses as evidence, notes are attached to them, the app moves
to them. An address names what survives re-parsing (table number, row key,
column; a card's name; a paragraph's or claim's key), never a position on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from budget_review.model.i18n import Text, words

AddressKind = Literal["figure", "row", "table", "card", "paragraph", "claim", "document"]


def figure_key(doc_sha: str, table: int | str, row_key: str, column: str) -> str:
    """The stable key of a figure: document, table, row key, column."""
    return f"{doc_sha[:16]}/{table}/{row_key}/{column}"


@dataclass(frozen=True)
class Address:
    """Where in a document something is: a table cell or row, a card field, a paragraph or claim."""

    table: int | None = None
    row: str | None = None
    column: str | None = None
    card: str | None = None
    field: str | None = None  # a card's field, or what kind of number a claim is
    paragraph: str | None = None  # a paragraph's key (Section.paragraph_key)
    claim: str | None = None  # a claim's key (Claim.key)

    @property
    def kind(self) -> AddressKind:
        if self.table is not None:
            if self.row is not None and self.column is not None:
                return "figure"
            return "row" if self.row is not None else "table"
        if self.card is not None:
            return "card"
        if self.claim is not None:
            return "claim"
        if self.paragraph is not None:
            return "paragraph"
        return "document"

    @property
    def is_figure(self) -> bool:
        return self.kind == "figure"

    def key(self, doc_sha: str) -> str:
        return figure_key(
            doc_sha, self.table if self.table is not None else "", self.row or "", self.column or ""
        )

    def text(self, name: str | None = None, quote: str | None = None) -> Text:
        """How a message names it. `name` is the row's printed name, `quote` the words cited."""
        kind = self.kind
        if kind in ("figure", "row"):
            table = f"表{self.table}"
            column = f"{self.column}" if self.column else ""
            label = f"{table}「{name or self.row}」{column}"
            return Text(label, label)
        if kind == "table":
            return words("address.table", table=self.table)
        if kind == "card":
            card = words("address.card", card=self.card)
            return card + Text(f" {self.field}", f" {self.field}") if self.field else card
        if quote:
            return words("address.text", text=quote)
        if self.paragraph is not None:
            return words("address.paragraph", n=self.paragraph)
        return words("report.document")

    def label(self, lang: str = "zh", name: str | None = None, quote: str | None = None) -> str:
        return self.text(name, quote).in_(lang)
