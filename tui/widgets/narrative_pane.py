"""The narrative as printed: headings and paragraphs, each number marked by its status.

j/k move through the rows, h/l (or ←/→) through the numbers of the row: `c` then
annotates the number (or the row when no number is chosen) and `f` goes to what the
number was compared with. Text from the document only ever enters `Text` objects, so
that no bracket it holds is read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.model import Address, Document, Ref, Severity
from budget_review.model.i18n import place
from budget_review.store.notes import Note
from budget_review.tui.format import MARKERS, NOTE_MARK, STYLES
from budget_review.tui.i18n import text
from budget_review.tui.narrative import Mark, NarrativeRow, Status
from budget_review.tui.widgets.inspector import ref_label
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

# How a number looks by its status; each has a mark of its own, so that NO_COLOR keeps it.
NUMBER_STYLES = {
    Status.FAILING: STYLES[Severity.ERROR],
    Status.TAIL: "italic underline",
    Status.RIGHT: "underline green",
    Status.UNCHECKED: "dim",
}
NUMBER_MARKS = {Status.FAILING: "✗", Status.TAIL: "~", Status.RIGHT: "", Status.UNCHECKED: ""}
STATUS_MARKS = {Status.FAILING: "✗", Status.TAIL: "~", Status.RIGHT: "✓", Status.UNCHECKED: "·"}


def where_label(doc: Document | None, where: object, lang: str) -> str:
    """第3页 / page 3, or 第12行, with the file's name for a publication of several files."""
    page = getattr(where, "page", None)
    line = getattr(where, "line", None)
    part = getattr(where, "part", 0)
    name = doc.part_name(part) if doc is not None else None
    found = place(page, line, name)
    return found.in_(lang) if found is not None else ""


def short_where(doc: Document | None, where: object) -> str:
    """The row's place in the list: p.3 or l.12, after the file's name when there are several."""
    page = getattr(where, "page", None)
    line = getattr(where, "line", None)
    name = doc.part_name(getattr(where, "part", 0)) if doc is not None else None
    spot = f"p.{page}" if page else f"l.{line}" if line else ""
    return f"{name} {spot}" if name else spot


class Folded:
    """Text wrapped at the width, character by character, as Chinese is: never at a space
    only because it is a space (which would leave '(四)' alone on a line)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 1)
        offsets: list[int] = []
        used = 0
        for index, char in enumerate(self.text.plain):
            size = cell_len(char)
            if used + size > width:
                offsets.append(index)
                used = 0
            used += size
        for line in self.text.divide(offsets):
            line.end = "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(2, max(cell_len(self.text.plain), 2))


def row_text(row: NarrativeRow, selected: int | None = None) -> Text:
    """A row's text with each number styled and marked by its status."""
    body = Text(style="bold" if row.kind == "heading" else "")
    cursor = 0
    for index, mark in enumerate(row.marks):
        if mark.start < cursor:
            continue  # never print a piece of the text twice
        body.append(row.text[cursor : mark.start])
        style = NUMBER_STYLES[mark.status]
        if index == selected:
            style = f"{style} reverse" if mark.status != Status.FAILING else "bold reverse yellow"
        body.append(row.text[mark.start : mark.end], style=style)
        if NUMBER_MARKS[mark.status]:
            body.append(NUMBER_MARKS[mark.status], style=STYLES[mark.severity or Severity.ERROR])
        cursor = mark.end
    body.append(row.text[cursor:])
    return body


def render_row(
    row: NarrativeRow,
    doc: Document | None = None,
    selected: int | None = None,
    noted: bool = False,
) -> RenderableType:
    """One row of the list: its marker and place, then its text, wrapped beside them."""
    severity = row.severity
    marker = MARKERS[severity] if severity else " "
    note = NOTE_MARK if noted else " "
    head = Text(
        f"{marker}{note}{short_where(doc, row.where)}",
        style=STYLES[severity] if severity else "dim",
        no_wrap=True,
    )
    # headings stand out by their indent; paragraphs sit under their heading
    indent = max(row.level - 1, 0) if row.kind == "heading" else max(row.level, 1)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=max(cell_len(head.plain), 8), no_wrap=True)
    grid.add_column(ratio=1)
    body = Text("  " * indent) + row_text(row, selected)
    grid.add_row(head, Folded(body))
    return grid


class ParagraphList(OptionList):
    """The rows of the narrative; the chosen number of the highlighted row, if any."""

    DEFAULT_CSS = """
    ParagraphList { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="narrative.down"),
        Binding("k", "cursor_up", "Up", show=False, id="narrative.up"),
        Binding("l,right", "number(1)", "Next number", show=False, id="narrative.next_number"),
        Binding(
            "h,left", "number(-1)", "Previous number", show=False, id="narrative.previous_number"
        ),
    ]

    @dataclass
    class Chosen(Message):
        index: int
        mark: int | None  # the number chosen in the row, None for the row as a whole

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.rows: list[NarrativeRow] = []
        self.document: Document | None = None
        self.noted: set[Address] = set()
        self.mark: int | None = None
        self._marked: int | None = None  # the row drawn with a chosen number
        self._keep: int | None = None

    def show(
        self,
        rows: list[NarrativeRow],
        document: Document | None = None,
        noted: set[Address] | None = None,
    ) -> None:
        self.rows = rows
        self.document = document
        self.noted = noted or set()
        self.mark = None
        self.clear_options()
        self.add_options(
            [Option(self._prompt(i), id=f"p{i}") for i in range(len(rows))],
        )

    def _prompt(self, index: int) -> RenderableType:
        row = self.rows[index]
        selected = self.mark if index == self.highlighted else None
        noted = row.address in self.noted or any(m.address in self.noted for m in row.marks)
        return render_row(row, self.document, selected, noted)

    @property
    def current(self) -> NarrativeRow | None:
        index = self.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    @property
    def current_mark(self) -> Mark | None:
        row = self.current
        if row is None or self.mark is None or not 0 <= self.mark < len(row.marks):
            return None
        return row.marks[self.mark]

    def go(self, index: int, mark: int | None = None) -> None:
        """Highlight a row, and one of its numbers."""
        left = self._marked
        self.mark = mark
        if index != self.highlighted:
            self._keep = index  # the highlight message that follows keeps this number
            self.highlighted = index
        if left is not None and left != index:
            self._marked = None
            self._redraw(left)
        self._redraw(index)
        self.post_message(self.Chosen(index, mark))

    def go_to(self, at: Address) -> bool:
        """Highlight the row, or the number, an address names."""
        for index, row in enumerate(self.rows):
            for number, mark in enumerate(row.marks):
                if at.claim is not None and mark.claim.key == at.claim:
                    self.go(index, number)
                    return True
            if at.claim is None and row.address == at:
                self.go(index)
                return True
        return False

    def action_number(self, step: int) -> None:
        row = self.current
        if row is None or not row.marks:
            return
        if self.mark is None:
            self.mark = 0 if step > 0 else len(row.marks) - 1
        else:
            moved = self.mark + step
            self.mark = moved if 0 <= moved < len(row.marks) else None
        self._redraw(self.highlighted)
        assert self.highlighted is not None
        self.post_message(self.Chosen(self.highlighted, self.mark))

    def target(self) -> tuple[Address, str | None, str] | None:
        """What `c` annotates here: the chosen number, else the row; its value and heading."""
        row = self.current
        if row is None:
            return None
        mark = self.current_mark
        if mark is not None:
            return mark.address, mark.claim.text, f"{mark.claim.subject} {mark.claim.text}".strip()
        return row.address, None, row.text[:40]

    def follow_refs(self) -> list[Ref]:
        """What `f` goes to: the chosen number's comparisons, else those of the row's findings."""
        mark = self.current_mark
        if mark is not None:
            return mark.follow()
        row = self.current
        if row is None:
            return []
        refs: list[Ref] = []
        for mark in row.marks:
            refs.extend(r for r in mark.follow() if r not in refs)
        for finding in row.findings:
            refs.extend(r for r in finding.refs if r not in refs and r.at.paragraph != row.key)
        return refs

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            index = int(event.option.id[1:])
            if self._keep == index:
                self._keep = None
                return
            self._keep = None
            if self.mark is not None:
                # the number chosen belongs to the row left: it is drawn plain again
                self.mark = None
                left, self._marked = self._marked, None
                self._redraw(left)
            self.post_message(self.Chosen(index, None))

    def _redraw(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.rows):
            self.replace_option_prompt_at_index(index, self._prompt(index))
            if self.mark is not None and index == self.highlighted:
                self._marked = index


def explain(
    row: NarrativeRow,
    lang: str,
    doc: Document | None = None,
    selected: int | None = None,
    notes: list[Note] | None = None,
) -> RenderableType:
    """The row's place and heading, each of its numbers with its status and what it was
    compared with, its findings, and the notes on it."""
    where = where_label(doc, row.where, lang)
    title = Text(row.section or "—", style="bold")
    if where:
        title.append(f"   {where}", style="dim")
    lines: list[RenderableType] = [title]
    for index, mark in enumerate(row.marks):
        status = mark.status
        line = Text("▶ " if index == selected else "  ")
        line.append(f"{STATUS_MARKS[status]} ", style=NUMBER_STYLES[status])
        line.append(mark.claim.text, style=NUMBER_STYLES[status])
        line.append(f"  {text(f'narrative.{status.value}', lang)}", style="dim")
        compared = mark.follow()
        if compared:
            shown = "; ".join(ref_label(r, lang) for r in compared[:3])
            more = f" (+{len(compared) - 3})" if len(compared) > 3 else ""
            line.append(f"  ↔ {shown}{more}", style="dim")
        lines.append(line)
        for finding in mark.findings:
            message = Text(f"      {finding.rule} ", style=STYLES[finding.severity])
            message.append(finding.message_in(lang))
            lines.append(message)
    for finding in row.findings:
        message = Text(
            f"{MARKERS[finding.severity]} {finding.rule} ", style=STYLES[finding.severity]
        )
        message.append(finding.message_in(lang))
        lines.append(message)
    for note in notes or []:
        state = "✓" if note.status == "resolved" else NOTE_MARK
        noted = Text(f"{state} {note.category.text.in_(lang)}: ", style="italic")
        noted.append(note.text)
        lines.append(noted)
    if row.marks:
        lines.append(Text(text("narrative.keys", lang), style="dim"))
    return Group(*lines)


class NarrativePane(Vertical):
    DEFAULT_CSS = """
    NarrativePane > #narrative-side { height: 12; border-top: solid $primary; padding: 0 1; }
    NarrativePane #narrative-inspector { height: auto; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        yield ParagraphList(id="paragraphs")
        with VerticalScroll(id="narrative-side"):
            yield Static(id="narrative-inspector")
