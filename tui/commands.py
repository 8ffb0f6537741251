"""Command palette: go to a table, a card or a finding; switch document or language."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from budget_review.tui.i18n import text
from budget_review.tui.session import place_of
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from budget_review.tui.app import ReviewApp


class ReviewCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app: ReviewApp = self.app  # type: ignore[assignment]
        review = app.review  # the review screen: its documents, its moves
        lang = app.lang
        commands: list[tuple[str, object, str]] = [
            (
                text("palette.language", lang),
                app.action_switch_language,
                text("palette.language.help", lang),
            ),
            (
                text("palette.export_notes", lang),
                review.action_export_notes,
                text("palette.folder", lang),
            ),
            (
                text("palette.export_checklist", lang),
                partial(review.action_export_checklist, ".md"),
                text("palette.folder", lang),
            ),
            (
                text("palette.export_checklist_xlsx", lang),
                partial(review.action_export_checklist, ".xlsx"),
                text("palette.folder", lang),
            ),
            (
                text("palette.separators", lang),
                review.action_toggle_separators,
                text("palette.separators.help", lang),
            ),
        ]
        current = review.current
        if current is None:
            return commands
        for table in current.document.tables:
            commands.append(
                (
                    text("palette.table", lang, n=table.number, title=table.title),
                    partial(review.action_goto_table, table.number or 0),
                    text("palette.rows", lang, n=len(table.rows)),
                )
            )
        for card in current.document.cards:
            commands.append(
                (
                    text("palette.card", lang, name=card.name),
                    partial(review.goto_card, card.name),
                    card.unit or "",
                )
            )
        for finding in current.report.findings:
            places = [p for p in (place_of(r) for r in finding.refs) if p is not None]
            if not places:
                continue
            message = finding.message_in(lang)[:70]
            commands.append(
                (
                    text("palette.finding", lang, rule=finding.rule, message=message),
                    partial(review.goto, places[0]),
                    finding.severity.text.in_(lang),
                )
            )
        for opened in review.documents:
            meta = opened.document.meta
            commands.append(
                (
                    text("palette.document", lang, department=meta.department, year=meta.year),
                    partial(review.show_document, opened),
                    opened.document.source.path,
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands()[:12]:
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]
