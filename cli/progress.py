"""A rich progress bar per file on stderr while PDF pages are read.

rich loads when the first page is reported, so a command that reads nothing
(a cached ingest, a text dump) never pays for it; silent when stderr is not a terminal.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from budget_review.parsers import Progress as ProgressCallback

if TYPE_CHECKING:
    from rich.progress import Progress


class PageProgress:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._bar: Progress | None = None

    def _started(self) -> Progress:
        if self._bar is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            console = Console(stderr=True)
            self._bar = Progress(
                TextColumn("{task.fields[name]}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("pages"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
                disable=not self.enabled or not console.is_terminal,
            )
            self._bar.start()
        return self._bar

    def __enter__(self) -> PageProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def task(self, path: Path) -> ProgressCallback:
        """A callback for one file: (pages done, pages) → its bar moves, appearing on first use."""
        task_id: int | None = None

        def report(done: int, total: int) -> None:
            nonlocal task_id
            from rich.progress import TaskID
            from rich.text import Text

            bar = self._started()
            if task_id is None:
                # The file name is shown as text, never read as markup.
                task_id = bar.add_task("", total=None, name=Text(path.name, style="bold"))
            bar.update(TaskID(task_id), completed=done, total=total)

        return report


class FileProgress:
    """One bar over the files of a survey, and one per file whose pages are being read
    (a scanned file is slow: its pages show it is moving); file names shown as text."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = Progress(
            TextColumn("{task.fields[name]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task("", total=total, name="")
        self._pages: dict[str, object] = {}

    def __enter__(self) -> FileProgress:
        self._bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._bar.stop()

    def advance(self, _row: object) -> None:
        self._bar.advance(self._task)

    def pages(self, path: str, done: int, total: int) -> None:
        from rich.progress import TaskID
        from rich.text import Text

        task = self._pages.get(path)
        if task is None:
            name = Text(f"  {Path(path).name}", style="dim")
            task = self._pages[path] = self._bar.add_task("", total=total, name=name)
        self._bar.update(TaskID(task), completed=done, total=total)  # type: ignore[arg-type]
        if total and done >= total:
            self._bar.remove_task(TaskID(task))  # type: ignore[arg-type]
            del self._pages[path]
