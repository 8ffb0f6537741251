"""The document model shared by every layer: no I/O, no UI.

Documents and their figures (Decimal money, provenance, stable keys), the
addresses findings and notes point at, findings and reports, table roles, and
the core's words in both languages.
"""

from budget_review.model.address import Address, figure_key
from budget_review.model.document import (
    SCHEMA_VERSION,
    Claim,
    ContentsEntry,
    ContentsMismatch,
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
    UnreadTable,
)
from budget_review.model.errors import InputError
from budget_review.model.findings import Finding, NotChecked, Ref, Report, Severity
from budget_review.model.i18n import Lang, Text, say, words
from budget_review.model.money import Unit, parse_amount
from budget_review.model.roles import ROLES, TableRole, role_by_id

__all__ = [
    "ROLES",
    "SCHEMA_VERSION",
    "Address",
    "Claim",
    "ContentsEntry",
    "ContentsMismatch",
    "Document",
    "Figure",
    "Finding",
    "FundingSplit",
    "Indicator",
    "InputError",
    "Lang",
    "Meta",
    "NotChecked",
    "ProjectCard",
    "Provenance",
    "Ref",
    "Report",
    "Row",
    "Section",
    "Severity",
    "Source",
    "Table",
    "TableRole",
    "Text",
    "Unit",
    "UnreadTable",
    "figure_key",
    "parse_amount",
    "role_by_id",
    "say",
    "words",
]
