"""The line above the footer while files are read: which file, and how far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class LoadingLine(Horizontal):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._label = Static(id="loading-label")
        self._bar = ProgressBar(id="loading-bar", show_eta=False)

    def compose(self) -> ComposeResult:
        yield self._label
        yield self._bar

    def show(self, label: str, done: int, total: int) -> None:
        """`total` 0: the number of pages is not known yet (the bar then pulses)."""
        self._label.update(label)
        self._bar.update(total=total or None, progress=done)
