"""Project cards: a list with status, and the card itself with its findings marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from budget_review.model import Address, ProjectCard, Severity
from budget_review.tui.format import MARKERS, STYLES, plain
from budget_review.tui.i18n import text
from budget_review.tui.session import OpenDocument
from budget_review.tui.widgets.list_keys import OPTION_LIST_KEYS
from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class CardList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [*OPTION_LIST_KEYS]

    DEFAULT_CSS = """
    CardList { width: 46; height: 1fr; }
    """

    @dataclass
    class CardChosen(Message):
        index: int

    def show(self, opened: OpenDocument, lang: str) -> None:
        self.clear_options()
        for index, card in enumerate(opened.document.cards):
            severity = opened.card_status(card)
            label = Text(
                f"{MARKERS[severity] if severity else '✓'} ",
                style=STYLES[severity] if severity else "green",
            )
            label.append(card.name)
            amount = f"{card.annual_total:,}" if card.annual_total is not None else "?"
            label.append(f"\n   {card.unit or '—'} · {amount}", style="dim")
            self.add_option(Option(label, id=f"c{index}"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.CardChosen(int(event.option.id[1:])))


class CardView(VerticalScroll):
    DEFAULT_CSS = """
    CardView { height: 1fr; padding: 0 1; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="card-body")

    def show(self, opened: OpenDocument, card: ProjectCard | None, lang: str) -> None:
        body = self.query_one("#card-body", Static)
        if card is None:
            body.update(text("cards.none", lang))
            return
        body.update(render_card(opened, card, lang))
        self.scroll_home(animate=False)


def render_card(opened: OpenDocument, card: ProjectCard, lang: str) -> RenderableType:
    parts: list[RenderableType] = []
    title = Text(card.name, style="bold")
    if card.year:
        title.append(f"  ({card.year})")
    parts.append(title)
    row = card.table_row
    match = f"表{row[0]} {row[1]}" if row else text("cards.unmatched", lang)
    parts.append(
        Text(
            f"{text('cards.unit', lang)}: {card.unit or '—'}   {card.department_code or ''} "
            f"{card.department or ''}   {text('cards.row', lang)}: {match}   {_where(card)}"
        )
    )
    for finding in opened.findings_at(Address(card=card.name)):
        message = finding.message_in(lang)
        parts.append(
            Text(
                f"{MARKERS[finding.severity]} {finding.rule} {message}",
                style=STYLES[finding.severity],
            )
        )
    funding = RichTable(
        title=text("cards.funding", lang) + f" ({card.currency_unit.value})", expand=False
    )
    funding.add_column("")
    funding.add_column(text("cards.period", lang), justify="right")
    funding.add_column(text("cards.annual", lang), justify="right")
    names = [
        ("total", "资金总额"),
        ("central", "中央财政资金"),
        ("provincial", "省级财政资金"),
        ("local", "市县(区)财政资金"),
        ("self_raised", "单位自筹"),
        ("other", "其他资金"),
    ]
    failing = {f.severity for f in opened.findings_at(Address(card=card.name))}
    for attribute, label in names:
        period = getattr(card.period_funding, attribute)
        annual = getattr(card.annual_funding, attribute)
        style = STYLES[Severity.ERROR] if attribute == "total" and Severity.ERROR in failing else ""
        funding.add_row(label, _money(period), Text(_money(annual), style=style))
    parts.append(funding)
    for key, value in (
        ("cards.overview", card.overview),
        ("cards.basis", card.basis),
        ("cards.plan", card.plan),
    ):
        if value:
            parts.append(Text(f"{text(key, lang)}: ", style="bold") + Text(value))
    if card.indicators:
        grid = RichTable(title=text("cards.indicators", lang), expand=True)
        for header in ("", "一级指标", "二级指标", "三级指标", "指标值"):
            grid.add_column(header)
        for indicator in card.indicators:
            grid.add_row(
                text("cards.period" if indicator.grid == "period" else "cards.annual", lang),
                plain(indicator.level1),
                plain(indicator.level2),
                plain(indicator.level3),
                plain(indicator.value),
            )
        parts.append(grid)
    return Group(*parts)


def _where(card: ProjectCard) -> str:
    if card.pages:
        return "p." + ",".join(map(str, card.pages))
    return f"l.{card.lines[0]}" if card.lines else ""


def _money(value: object) -> str:
    return f"{value:,}" if value is not None else ""


class CardsPane(Horizontal):
    def compose(self):  # type: ignore[no-untyped-def]
        yield CardList(id="card-list")
        yield CardView(id="card-view")
