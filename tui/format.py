"""How figures and findings look: printed text, markers that work without colour."""

from __future__ import annotations

from decimal import Decimal

from budget_review.model import Figure, Severity
from budget_review.model.untrusted import printable
from rich.text import Text

# A marker for each severity, so that highlighting survives NO_COLOR.
MARKERS = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.TAIL: "~", Severity.INFO: "·"}
STYLES = {
    Severity.ERROR: "bold reverse red",
    Severity.WARNING: "bold yellow",
    Severity.TAIL: "dim italic",
    Severity.INFO: "",
}
NOTE_MARK = "✎"
MISREAD_MARK = "?"  # read by OCR with low confidence: may be misread


def plain(value: object) -> Text:
    """Text from a document for a widget that would read markup in a str: shown as
    printed, "[/]" and all, with control characters removed."""
    return Text(printable(str(value)))


def printed(figure: Figure | None, separators: bool) -> str:
    if figure is None:
        return ""
    if figure.value is None or not separators:
        return figure.raw
    return with_separators(figure.value)


def with_separators(value: Decimal) -> str:
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return f"{value:,.{decimals}f}"


def figure_cell(
    text: str, severity: Severity | None, noted: bool = False, doubtful: bool = False
) -> Text:
    marker = MARKERS[severity] if severity else " "
    note = NOTE_MARK if noted else " "
    doubt = MISREAD_MARK if doubtful else ""
    return Text(
        f"{text}{doubt} {marker}{note}",
        style=STYLES[severity] if severity else "",
        justify="right",
    )


def severity_label(severity: Severity, label: str) -> Text:
    return Text(f"{MARKERS[severity]} {label}", style=STYLES[severity])
