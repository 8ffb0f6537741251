"""Documents open in this session, and every document in the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.model import Severity
from budget_review.store import DocumentSummary
from budget_review.tui.format import plain
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument
from budget_review.tui.widgets.list_keys import TABLE_KEYS
from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable


class DocumentsTable(DataTable[str | Text]):
    BINDINGS: ClassVar[list[BindingType]] = [*TABLE_KEYS]

    @dataclass
    class Chosen(Message):
        sha256: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.shas: list[str] = []

    def show(
        self,
        opened: list[OpenDocument],
        stored: list[DocumentSummary],
        lang: str,
        failed: list[str] | None = None,
    ) -> None:
        """Open documents (●), the others in the store, then the files that could not be
        opened (✗) with why."""
        self.clear(columns=True)
        headers = ("department", "year", "kind", "scope", "findings")
        for label in ("", *(text(f"doc.{h}", lang) for h in headers)):
            self.add_column(label)
        self.shas = []
        open_shas = {o.sha for o in opened}
        for item in opened:
            meta = item.document.meta
            report = item.report
            self.add_row(
                "●",
                plain(meta.department or "?"),
                str(meta.year or "?"),
                text(f"doc.kind.{meta.kind}", lang) if meta.kind else "?",
                text(f"doc.scope.{meta.scope}", lang) if meta.scope else "?",
                text(
                    "doc.counts",
                    lang,
                    e=report.count(Severity.ERROR),
                    w=report.count(Severity.WARNING),
                    t=report.count(Severity.TAIL),
                ),
            )
            self.shas.append(item.sha)
        for summary in stored:
            if summary.sha256 in open_shas:
                continue
            self.add_row(
                " ",
                plain(summary.department or "?"),
                str(summary.year or "?"),
                text(f"doc.kind.{summary.kind}", lang) if summary.kind else "?",
                text(f"doc.scope.{summary.scope}", lang) if summary.scope else "?",
                text("doc.errors", lang, e="?" if summary.errors is None else summary.errors),
            )
            self.shas.append(summary.sha256)
        for line in failed or []:
            self.add_row(Text("✗", style="bold red"), plain(line), "", "", "", "")
            self.shas.append("")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.shas) and self.shas[event.cursor_row]:
            self.post_message(self.Chosen(self.shas[event.cursor_row]))
