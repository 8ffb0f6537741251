"""A rich progress bar on stderr for reading PDF pages; silent when stderr is not a terminal."""

from __future__ import annotations

from types import TracebackType

from budget_review.parsers import Progress as ProgressCallback
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class PageProgress:
    def __init__(self, enabled: bool = True) -> None:
        console = Console(stderr=True)
        self._bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pages"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not enabled or not console.is_terminal,
        )

    def __enter__(self) -> PageProgress:
        self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._bar.stop()

    def task(self, name: str) -> ProgressCallback:
        """A callback for one file: (pages done, pages) → the bar moves."""
        task_id = self._bar.add_task(name, total=None)

        def report(done: int, total: int) -> None:
            self._bar.update(task_id, completed=done, total=total)

        return report
