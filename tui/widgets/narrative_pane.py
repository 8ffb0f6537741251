"""The narrative: paragraphs with checked numbers underlined and failing ones highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.checks.context import Cell
from budget_review.tui.format import MARKERS, STYLES
from budget_review.tui.i18n import text
from budget_review.tui.narrative import NarrativeParagraph
from budget_review.tui.widgets.list_keys import OPTION_LIST_KEYS
from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


def render_paragraph(paragraph: NarrativeParagraph) -> Text:
    text = Text(paragraph.text)
    for mark in paragraph.marks:
        severity = mark.severity
        if severity is not None:
            text.stylize(STYLES[severity], mark.start, mark.end)
            text.stylize("underline", mark.start, mark.end)
        elif mark.cells:
            text.stylize("underline", mark.start, mark.end)
    marker = MARKERS[paragraph.severity] if paragraph.severity else " "
    place = f"p.{paragraph.where.page}" if paragraph.where.page else f"l.{paragraph.where.line}"
    head = Text(
        f"{marker} {place} ", style=STYLES[paragraph.severity] if paragraph.severity else "dim"
    )
    return head + text


class ParagraphList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*OPTION_LIST_KEYS]

    DEFAULT_CSS = """
    ParagraphList { height: 2fr; }
    """

    @dataclass
    class Chosen(Message):
        index: int

    def show(self, paragraphs: list[NarrativeParagraph]) -> None:
        self.clear_options()
        for index, paragraph in enumerate(paragraphs):
            self.add_option(Option(render_paragraph(paragraph), id=f"p{index}"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(int(event.option.id[1:])))


def explain(paragraph: NarrativeParagraph, lang: str) -> RenderableType:
    """Each checked number of the paragraph, the figures it was compared with, its findings."""
    lines: list[RenderableType] = [Text(paragraph.section or "—", style="bold")]
    for mark in paragraph.marks:
        status = MARKERS[mark.severity] if mark.severity else ("✓" if mark.cells else "·")
        line = Text(
            f"{status} {mark.claim.text}", style=STYLES[mark.severity] if mark.severity else ""
        )
        if mark.cells:
            shown = ", ".join(_cell_label(c) for c in mark.cells[:3])
            more = f" (+{len(mark.cells) - 3})" if len(mark.cells) > 3 else ""
            line.append(f"  ↔ {shown}{more}", style="dim")
        elif not mark.findings:
            line.append(text("narrative.not_compared", lang), style="dim")
        lines.append(line)
        for finding in mark.findings:
            message = finding.message_in(lang)
            lines.append(Text(f"    {finding.rule} {message}", style=STYLES[finding.severity]))
    for finding in paragraph.findings:
        message = finding.message_in(lang)
        lines.append(
            Text(
                f"{MARKERS[finding.severity]} {finding.rule} {message}",
                style=STYLES[finding.severity],
            )
        )
    return Group(*lines)


def _cell_label(cell: Cell) -> str:
    printed = cell.figure.raw if cell.figure else "—"
    return f"表{cell.table.number} {cell.row.name} / {cell.column} = {printed}"


class NarrativePane(Vertical):
    def compose(self):  # type: ignore[no-untyped-def]
        yield ParagraphList(id="paragraphs")
        yield Static(id="narrative-inspector")
