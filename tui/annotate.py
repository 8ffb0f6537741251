"""The review screen's notes controller: notes on the focused figure, table, card,
paragraph or finding; undo; export.

A base of `ReviewScreen`, kept apart so that the screen module stays about navigation.
Every write goes through the app's notebook: the editor saves (and retries) against the
version it began from, a conflict is shown, a one-key change that fails is said.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from budget_review.model import Address, Finding
from budget_review.store.notes import Category, Note, NoteBook, Target, new_note
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument
from budget_review.tui.widgets.figure_grid import FigureGrid
from budget_review.tui.widgets.inspector import Inspector
from budget_review.tui.widgets.table_list import TableList
from textual import work
from textual.screen import Screen

if TYPE_CHECKING:
    from budget_review.tui.screens.note_editor import Draft
    from budget_review.tui.widgets.notes_pane import NotesTable

# Characters a file name may not hold on some system, and controls (a NUL from a
# document's department name would make the write itself fail).
_NOT_IN_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def export_path(
    folder: Path, kind: str, department: str | None, year: int | str | None, suffix: str
) -> Path:
    """A new file for an export, named after the document; never an earlier export."""
    name = _NOT_IN_NAMES.sub("_", f"{kind}-{department or 'document'}-{year or ''}").strip(" ._")
    stem = name[:120] or kind
    path = folder / f"{stem}{suffix}"
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


class NotesController(Screen[None]):
    current: OpenDocument | None
    current_table: int | None
    current_card: int
    active_pane: str
    notes: list[Note]
    deleted: list[Note]
    lang: str

    @property
    def notebook(self) -> NoteBook:
        """The app's notebook: one for the session, shared by every screen."""
        return self.app.notebook  # type: ignore[attr-defined, no-any-return]

    @property
    def separators(self) -> bool | None:
        return self.app.separators  # type: ignore[attr-defined, no-any-return]

    if TYPE_CHECKING:

        def goto(self, place: Address) -> None: ...

        def action_goto_table(self, number: int) -> None: ...

    def noted_places(self) -> set[Address]:
        return {n.target.at for n in self.notes if n.target.kind == "figure" and not n.orphaned}

    def noted_text(self) -> set[Address]:
        """The paragraphs, headings and numbers of the text that have a note."""
        return {
            n.target.at
            for n in self.notes
            if n.target.kind in {"paragraph", "claim"} and not n.orphaned
        }

    def notes_on_text(self, at: Address) -> list[Note]:
        return [
            n for n in self.notes if n.target.kind in {"paragraph", "claim"} and n.target.at == at
        ]

    def notes_at(self, place: Address | None) -> list[Note]:
        if place is None:
            return []
        return [n for n in self.notes if n.target.kind == "figure" and n.target.at == place]

    def note_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for note in self.notes:
            table = note.target.place.table
            if table is not None:
                counts[table] = counts.get(table, 0) + 1
        return counts

    def focused_target(self) -> tuple[Target, str | None, str] | None:
        """What `c` annotates: the focused figure, table, card or finding."""
        from budget_review.tui.widgets.findings_pane import FindingsTable
        from budget_review.tui.widgets.narrative_pane import ParagraphList

        if self.current is None:
            return None
        focused = self.focused
        if isinstance(focused, FigureGrid):
            place = focused.place_at_cursor()
            if place is None:
                # on a code or a name: the note is on the row
                line = focused.row_place_at_cursor()
                place = Address(line.table, line.row) if line is not None else None
            if place is None or place.table is None:
                return None
            table = self.current.table(place.table)
            row = next((r for r in table.rows if r.key == place.row), None) if table else None
            figure = row.figures.get(place.column or "") if row else None
            heading = place.label(self.lang, row.name if row else None)
            return Target.of(place), (figure.raw if figure else None), heading
        if isinstance(focused, ParagraphList):
            found = focused.target()
            if found is None:
                return None
            at, value, heading = found
            return Target.of(at), value, heading
        if isinstance(focused, TableList):
            table = self.current.table(self.current_table)
            if table is None:
                return None
            target = Target.of(Address(table=table.number))
            return target, None, f"表{table.number} {table.title}"
        if isinstance(focused, FindingsTable):
            index = focused.cursor_row
            if not 0 <= index < len(focused.findings):
                return None
            finding = focused.findings[index]
            figures = tuple(r.at for r in finding.refs if r.at.is_figure)
            heading = f"[{finding.rule}] {finding.message_in(self.lang)}"
            return (
                Target("finding", finding=finding.id, rule=finding.rule, figures=figures),
                None,
                heading,
            )
        if self.active_pane == "cards":
            cards = self.current.document.cards
            if 0 <= self.current_card < len(cards):
                name = cards[self.current_card].name
                return Target.of(Address(card=name)), None, name
        return None

    def action_comment(self, typed: str = "", category: Category = Category.PROBLEM) -> None:
        from budget_review.tui.screens.note_editor import Draft

        found = self.focused_target()
        if found is None or self.current is None:
            self.notify(text("note.focus_first", self.lang), markup=False)
            return
        target, value, heading = found
        self._write_new(target, value, heading, Draft(category, typed))

    def _write_new(self, target: Target, value: str | None, heading: str, draft: Draft) -> None:
        """The editor for a new note; it saves the note itself (see `NoteEditor`)."""
        from budget_review.tui.screens.note_editor import NoteEditor

        assert self.current is not None
        fresh = new_note(self.current.document, target, "", draft.category, value)

        def save(typed: Draft, theirs: Note | None) -> Note:
            # one id for every retry of this note; a new note has nothing to merge with
            start = theirs or fresh
            edited = replace(start, text=typed.text, category=typed.category)
            if theirs is None and typed.category == Category.VERIFIED:
                edited = replace(edited, status="resolved")  # checked: nothing left open
            return self.notebook.save(edited, base=theirs)

        self.app.push_screen(NoteEditor(heading, draft, self.lang, save), self._saved)

    def action_accept_finding(self) -> None:
        """`a`: the finding under the cursor (in the findings list, or the worst on the
        focused figure, or on the chosen number or paragraph of the text) becomes a problem
        note in its own words."""
        from budget_review.tui.widgets.findings_pane import FindingsTable
        from budget_review.tui.widgets.narrative_pane import ParagraphList

        focused = self.focused
        finding = None
        here: list[Finding] = []
        if isinstance(focused, FindingsTable) and focused.findings:
            finding = focused.findings[max(focused.cursor_row, 0)]
        elif isinstance(focused, FigureGrid) and self.current is not None:
            place = focused.place_at_cursor()
            here = self.current.findings_at(place) if place is not None else []
        elif isinstance(focused, ParagraphList):
            mark, row = focused.current_mark, focused.current
            here = mark.findings if mark is not None else row.findings if row is not None else []
        if here:
            finding = max(here, key=lambda f: f.severity.rank)
        if finding is None:
            self.notify(text("note.no_finding", self.lang), markup=False)
            return
        self._note_on_finding(finding)

    def _note_on_finding(self, finding: Finding) -> None:
        from budget_review.tui.screens.note_editor import Draft

        assert self.current is not None
        figures = tuple(r.at for r in finding.refs if r.at.is_figure)
        target = Target("finding", finding=finding.id, rule=finding.rule, figures=figures)
        message = finding.message_in(self.lang)
        self._write_new(
            target, None, f"[{finding.rule}] {message}", Draft(Category.PROBLEM, message)
        )

    def action_edit_note(self) -> None:
        from budget_review.tui.screens.note_editor import Draft, NoteEditor
        from budget_review.tui.widgets.notes_pane import NotesTable

        note = None
        if isinstance(self.focused, NotesTable):
            note = self.focused.selected()
        else:
            found = self.focused_target()
            if found is not None:
                target = found[0]
                note = next((n for n in reversed(self.notes) if n.target == target), None)
        if note is None:
            return
        editing = note

        def save(draft: Draft, theirs: Note | None) -> Note:
            # saved against the version the edit began from: what another instance
            # changed meanwhile in other fields stays; the same field is a conflict
            start = theirs or editing
            edited = replace(start, text=draft.text, category=draft.category)
            return self.notebook.save(edited, base=start)

        self.app.push_screen(
            NoteEditor(
                note.target.label(self.lang), Draft(note.category, note.text), self.lang, save
            ),
            self._saved,
        )

    def _saved(self, note: Note | None) -> None:
        if note is not None:
            self.notify(text("note.saved", self.lang), markup=False)
            self.refresh_notes()

    def on_notes_table_act(self, event: NotesTable.Act) -> None:
        from budget_review.tui.screens.confirm import ConfirmScreen

        note = event.note
        if event.action == "go":
            self._go_to_note(note)
        elif event.action == "toggle":
            status = "resolved" if note.status == "open" else "open"
            if self._write(lambda: self.notebook.save(replace(note, status=status), base=note)):
                self.notify(text("note.saved", self.lang), markup=False)
            self.refresh_notes()
        elif event.action == "delete":
            question = text("note.delete", self.lang)

            def answer(yes: bool | None) -> None:
                if yes:
                    self.deleted.append(self._write(lambda: self.notebook.delete(note)) or note)
                    self.refresh_notes()

            self.app.push_screen(ConfirmScreen(question, self.lang), answer)

    def action_undo_delete(self) -> None:
        if self.deleted:
            note = self.deleted.pop()
            self._write(lambda: self.notebook.restore(note))
            self.refresh_notes()
            self.notify(text("note.restored", self.lang), markup=False)

    def _go_to_note(self, note: Note) -> None:
        place = note.target.place
        if place.kind == "table" and place.table is not None:
            self.action_goto_table(place.table)
        elif place.kind in {"figure", "card", "paragraph", "claim"}:
            self.goto(place)

    def _write(self, write: Callable[[], Note]) -> Note | None:
        """A one-key change (status, delete, undo): nothing typed can be lost, so a failure
        or a conflict is said and the note stays as stored."""
        from budget_review.store import StoreError

        try:
            return write()
        except (StoreError, OSError) as exc:
            reason = exc.in_(self.lang) if isinstance(exc, StoreError) else str(exc)
            message = text("note.not_changed", self.lang, reason=reason)
            self.notify(message, severity="error", timeout=10, markup=False)
            return None

    def refresh_notes(self) -> None:
        from budget_review.tui.widgets.notes_pane import NotesTable

        if self.current is None:
            return
        self.notes = self.notebook.for_document(self.current.document)
        self.query_one(TableList).show(self.current, self.note_counts())
        self.query_one(TableList).select_number(self.current_table)
        grid = self.query_one(FigureGrid)
        table = self.current.table(self.current_table)
        if table is not None:
            place = grid.place_at_cursor()
            grid.show(self.current, table, self.separators, self.noted_places())
            if place is not None:
                grid.move_to(place)
        for notes_table in self.query(NotesTable):  # once the notes pane is built
            notes_table.show(self.notes, self.lang, self.current)
        self.query_one(Inspector).show(
            self.current, grid.place_at_cursor(), self.lang, self.notes_at(grid.place_at_cursor())
        )
        self.refresh_narrative_notes()

    def refresh_narrative_notes(self) -> None:
        """The ✎ of the text's rows and the notes under the explanation, kept in step."""
        from budget_review.tui.widgets.narrative_pane import ParagraphList

        rows = next(iter(self.query(ParagraphList)), None)
        if rows is None:
            return  # not built yet: it reads the notes when it is
        rows.noted = self.noted_text()
        index = rows.highlighted
        if index is not None and rows.rows:
            rows.go(index, rows.mark)

    def action_export_notes(self) -> None:
        if self.current is None:
            return
        self.export_notes(Path.cwd())

    @work(thread=True, group="export")
    def export_notes(self, folder: Path) -> None:
        from budget_review.reports.notes_markdown import export
        from budget_review.review import NotedDocument

        assert self.current is not None
        opened = self.current
        meta = opened.document.meta
        markdown = export(
            [
                NotedDocument(
                    opened.document, opened.report, self.notebook.for_document(opened.document)
                )
            ],
            self.lang,
            include_findings=True,
        )
        path = export_path(folder, "review", meta.department, meta.year, ".md")
        try:
            with path.open("x", encoding="utf-8") as out:
                out.write(markdown)
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"{path}: {exc}", severity="error", markup=False)
            return
        message = text("export.notes", self.lang, path=path)
        self.app.call_from_thread(self.notify, message, timeout=8, markup=False)

    def action_export_checklist(self, suffix: str = ".md") -> None:
        if self.current is not None:
            self.export_checklist(Path.cwd(), suffix)

    @work(thread=True, group="export")
    def export_checklist(self, folder: Path, suffix: str = ".md") -> None:
        """The 公开情况检查表 as Markdown, or as a workbook when `suffix` is '.xlsx'."""
        from budget_review.reports import checklist

        assert self.current is not None
        opened = self.current
        rows = checklist.build(
            opened.document,
            opened.report,
            self.notebook.for_document(opened.document),
            self.lang,
        )
        meta = opened.document.meta
        path = export_path(folder, "checklist", meta.department, meta.year, suffix)
        try:
            if suffix == ".xlsx":
                with path.open("xb") as out:  # claimed first: never an earlier export
                    checklist.xlsx(opened.document, rows, out, self.lang)
            else:
                with path.open("x", encoding="utf-8") as out:
                    out.write(checklist.markdown(opened.document, rows, self.lang))
        except OSError as exc:
            self.app.call_from_thread(self.notify, f"{path}: {exc}", severity="error", markup=False)
            return
        message = text("export.checklist", self.lang, path=path)
        self.app.call_from_thread(self.notify, message, timeout=8, markup=False)
