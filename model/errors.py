"""Errors a user can act on: each names the file (or the store, or an output) and the cause."""

from __future__ import annotations

from budget_review.model.i18n import Text


class InputError(Exception):
    """The file cannot be read as a disclosure. The message is one line for the user."""

    def __init__(self, path: str, problem: Text) -> None:
        super().__init__(f"{path}: {problem.en}")
        self.path = path
        self.problem = problem

    def in_(self, lang: str) -> str:
        return f"{self.path}: {self.problem.in_(lang)}"
