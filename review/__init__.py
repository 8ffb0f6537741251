"""The review pipeline: how a file becomes a checked document, for every command and the app.

Between the store and its users: nothing else parses a file or runs the checks.
"""

from budget_review.review.notes import NotedDocument, noted_documents
from budget_review.review.pipeline import (
    InputErrors,
    Reviewed,
    bundled_sample,
    open_all_for_review,
    open_for_review,
    open_stored,
    read_for_review,
    stop_reading,
    stored_and_current,
    stored_for_review,
)

__all__ = [
    "InputErrors",
    "NotedDocument",
    "Reviewed",
    "bundled_sample",
    "noted_documents",
    "open_all_for_review",
    "open_for_review",
    "open_stored",
    "read_for_review",
    "stop_reading",
    "stored_and_current",
    "stored_for_review",
]
