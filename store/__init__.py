"""TinyDB persistence for documents (and later findings and notes): no UI code."""

from budget_review.store.cache import Opened, open_document, peek, stored_copy
from budget_review.store.store import DocumentSummary, Store, default_store_path

__all__ = [
    "DocumentSummary",
    "Opened",
    "Store",
    "default_store_path",
    "open_document",
    "peek",
    "stored_copy",
]
