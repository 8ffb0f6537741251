"""TinyDB persistence for documents, their findings and the reviewers' notes.

The store keeps what it is given: it never parses a file or runs a check (that
is the review pipeline's job), so it imports only the model.
"""

from budget_review.store.notes import (
    Category,
    Note,
    NoteBook,
    NoteConflict,
    Target,
    identity_of,
    new_note,
)
from budget_review.store.storage import DamagedFile, StoreBusy, StoreError
from budget_review.store.store import DocumentSummary, Store, default_store_path

__all__ = [
    "Category",
    "DamagedFile",
    "DocumentSummary",
    "Note",
    "NoteBook",
    "NoteConflict",
    "Store",
    "StoreBusy",
    "StoreError",
    "Target",
    "default_store_path",
    "identity_of",
    "new_note",
]
