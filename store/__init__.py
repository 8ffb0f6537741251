"""TinyDB persistence for documents, their findings and the reviewers' notes: no UI code."""

from budget_review.store.cache import Opened, open_document, peek, stored_copy
from budget_review.store.notes import (
    Category,
    Note,
    NoteBook,
    Target,
    identity_of,
    new_note,
)
from budget_review.store.storage import StoreBusy
from budget_review.store.store import DocumentSummary, Store, default_store_path

__all__ = [
    "Category",
    "DocumentSummary",
    "Note",
    "NoteBook",
    "Opened",
    "Store",
    "StoreBusy",
    "Target",
    "default_store_path",
    "identity_of",
    "new_note",
    "open_document",
    "peek",
    "stored_copy",
]
