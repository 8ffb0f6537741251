"""Errors a reader can act on: each names the file and what is wrong with it."""

from __future__ import annotations


class InputError(Exception):
    """The file cannot be read as a disclosure. The message is one line for the user."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
