"""TinyDB persistence for documents (and later findings and notes): no UI code."""

from budget_review.store.store import DocumentSummary, Store, default_store_path

__all__ = ["DocumentSummary", "Store", "default_store_path"]
