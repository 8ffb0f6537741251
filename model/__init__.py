"""The document model shared by parsers, checks, store and UI: no I/O, no UI."""

from budget_review.model.document import (
    SCHEMA_VERSION,
    Claim,
    ContentsEntry,
    Document,
    Figure,
    FundingSplit,
    Indicator,
    Meta,
    ProjectCard,
    Provenance,
    Row,
    Section,
    Source,
    Table,
)
from budget_review.model.money import Unit, parse_amount

__all__ = [
    "SCHEMA_VERSION",
    "Claim",
    "ContentsEntry",
    "Document",
    "Figure",
    "FundingSplit",
    "Indicator",
    "Meta",
    "ProjectCard",
    "Provenance",
    "Row",
    "Section",
    "Source",
    "Table",
    "Unit",
    "parse_amount",
]
