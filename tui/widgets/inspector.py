"""What is known about the figure under the cursor: source, findings, figures involved."""

from __future__ import annotations

from budget_review.model import Address, Document, Finding, Ref, say
from budget_review.store.notes import Note
from budget_review.tui.format import MARKERS, STYLES
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument, place_of
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

# The inspector's height in lines: `+` and `-` change it within these.
DEFAULT_LINES = 12
MIN_LINES = 4
MAX_LINES = 60


def ref_label(ref: Ref, lang: str = "zh", part_name: str | None = None) -> str:
    """What a ref names, its value, and where it is printed (the file first, when the
    document is printed as several)."""
    where = f" p.{ref.page}" if ref.page else f" l.{ref.line}" if ref.line else ""
    if part_name and where:
        where = f" {part_name}{where}"
    value = f" = {ref.value}" if ref.value is not None and ref.text is None else ""
    return f"{ref.label(lang)}{value}{where}"


class Inspector(VerticalScroll):
    """Scrolls (J/K, or the wheel) when what it says is longer than it is tall."""

    DEFAULT_CSS = """
    Inspector { height: 12; border-top: solid $primary; padding: 0 1; }
    Inspector > #inspector-body { height: auto; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.refs: list[Ref] = []
        self._doc: Document | None = None
        self.lines = DEFAULT_LINES
        self._body = Static("", id="inspector-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def update(self, content: RenderableType) -> None:
        self._body.update(content)
        self.scroll_home(animate=False)

    @property
    def content(self) -> object:
        """What it shows (the body's content)."""
        return self._body.content

    def resize(self, step: int) -> int:
        """Grow (or shrink) by `step` lines, within MIN_LINES and MAX_LINES."""
        self.lines = max(MIN_LINES, min(MAX_LINES, self.lines + step))
        self.styles.height = self.lines
        return self.lines

    def show(
        self,
        opened: OpenDocument | None,
        place: Address | None,
        lang: str,
        notes: list[Note] | None = None,
    ) -> None:
        self.refs = []
        self._doc = opened.document if opened is not None else None
        if opened is None or place is None:
            self.update(text("inspector.empty", lang))
            return
        parts: list[RenderableType] = []
        figure = None
        table = opened.table(place.table)
        if table is not None and place.row is not None:
            row = next((r for r in table.rows if r.key == place.row), None)
            figure = row.figures.get(place.column or "") if row else None
            head = Text(
                f"表{table.number} {row.name if row else place.row} / {place.column}", style="bold"
            )
            parts.append(head)
        if figure is not None:
            where = (
                text("inspector.page", lang, n=figure.where.page)
                if figure.where.page
                else text("inspector.line", lang, n=figure.where.line)
            )
            part_name = opened.document.part_name(figure.where.part)
            if part_name:
                where = f"{part_name} {where}"
            unit = table.unit.value if table is not None and table.unit else "?"
            parts.append(
                Text(
                    f"{text('inspector.printed', lang)}: {figure.raw or '—'}   {unit}   "
                    f"{text('inspector.where', lang)}: {where}"
                    + (
                        f"   bbox {tuple(round(v) for v in figure.where.bbox)}"
                        if figure.where.bbox
                        else ""
                    )
                )
            )
            if figure.repair:
                parts.append(Text(figure.repair.in_(lang), style="italic"))
            confidence = figure.where.confidence
            if confidence is not None:
                doubt = f"   {say('ocr.misread', lang)} ?" if figure.where.uncertain else ""
                line = say("ocr.confidence", lang, percent=f"{confidence:.0%}") + doubt
                parts.append(Text(line, style="bold" if figure.where.uncertain else "dim"))
        findings = opened.findings_at(place)
        if not findings:
            parts.append(Text(text("inspector.no_findings", lang), style="dim"))
        for finding in findings:
            parts.append(self._finding(finding, lang))
        for note in notes or []:
            # every note on the figure, whole: the inspector scrolls
            status = "✓" if note.status == "resolved" else "✎"
            category = note.category.text.in_(lang)
            noted = Text(f"{status} {category}: ", style="italic")
            noted.append(note.text)
            parts.append(noted)
        if self.refs:
            parts.append(Text(text("inspector.follow", lang), style="dim"))
        self.update(Group(*parts))

    def _finding(self, finding: Finding, lang: str) -> RenderableType:
        message = finding.message_in(lang)
        head = Text(f"{MARKERS[finding.severity]} {finding.rule} ", style=STYLES[finding.severity])
        head.append(message, style="")
        grid = RichTable.grid(padding=(0, 2))
        if finding.expected is not None:
            grid.add_row(
                f"{text('inspector.expected', lang)} {finding.expected}",
                f"{text('inspector.actual', lang)} {finding.actual}",
                f"{text('inspector.difference', lang)} {finding.difference} {finding.unit or ''}",
            )
        lines: list[RenderableType] = [head, grid]
        for ref in finding.refs:
            if ref not in self.refs:
                self.refs.append(ref)
            number = self.refs.index(ref) + 1
            part_name = self._doc.part_name(ref.part) if self._doc is not None else None
            lines.append(
                Text(
                    f"   {number}. {ref_label(ref, lang, part_name)}",
                    style="dim" if place_of(ref) is None else "",
                )
            )
        return Group(*lines)
