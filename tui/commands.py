"""Command palette: go to a table, a card or a finding; switch document or language."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from budget_review.tui.session import place_of
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from budget_review.tui.app import ReviewApp


class ReviewCommands(Provider):
    def _commands(self) -> list[tuple[str, object, str]]:
        app: ReviewApp = self.app  # type: ignore[assignment]
        zh = app.lang == "zh"
        commands: list[tuple[str, object, str]] = [
            (
                "切换语言：English" if zh else "Switch language: 中文",
                app.action_switch_language,
                "界面语言" if zh else "Interface language",
            ),
            (
                "导出批注为 Markdown" if zh else "Export notes as Markdown",
                app.action_export_notes,
                "写入当前文件夹" if zh else "Written to the current folder",
            ),
            (
                "导出公开情况检查表" if zh else "Export the disclosure checklist",
                app.action_export_checklist,
                "写入当前文件夹" if zh else "Written to the current folder",
            ),
            (
                "千位分隔符：开/关" if zh else "Thousands separators: on/off",
                app.action_toggle_separators,
                "数字显示" if zh else "How figures are shown",
            ),
        ]
        current = app.current
        if current is None:
            return commands
        for table in current.document.tables:
            commands.append(
                (
                    f"{'转到' if zh else 'Go to'} 表{table.number} {table.title}",
                    partial(app.action_goto_table, table.number or 0),
                    f"{len(table.rows)} rows",
                )
            )
        for card in current.document.cards:
            commands.append(
                (
                    f"{'转到绩效目标表' if zh else 'Go to card'} {card.name}",
                    partial(app.goto_card, card.name),
                    card.unit or "",
                )
            )
        for finding in current.report.findings:
            places = [p for p in (place_of(r) for r in finding.refs) if p is not None]
            if not places:
                continue
            message = finding.message_zh if zh else finding.message_en
            commands.append(
                (
                    f"{'转到问题' if zh else 'Go to finding'} [{finding.rule}] {message[:70]}",
                    partial(app.goto, places[0]),
                    finding.severity.value,
                )
            )
        for opened in app.documents:
            meta = opened.document.meta
            commands.append(
                (
                    f"{'切换文件' if zh else 'Switch document'} {meta.department} {meta.year}",
                    partial(app.show_document, opened),
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
