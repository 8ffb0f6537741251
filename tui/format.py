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


def printed(figure: Figure | None, separators: bool | None) -> str:
    """A figure as the grid shows it: as the document printed it (None, the default),
    or always with (True) or without (False) thousands separators, to its printed
    precision. A blank or dash cell is shown as printed."""
    if figure is None:
        return ""
    if figure.value is None or separators is None:
        return figure.raw
    return with_separators(figure.value) if separators else without_separators(figure.value)


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def with_separators(value: Decimal) -> str:
    return f"{value:,.{_decimals(value)}f}"


def without_separators(value: Decimal) -> str:
    return f"{value:.{_decimals(value)}f}"


# How a figure stands in the findings on it (see `OpenDocument.mark`): the likely culprit
# of a failure, or a figure merely involved in a failing comparison.
CULPRIT_MARK = "✗"
INVOLVED_MARK = "○"
ROLE_STYLES = {"culprit": "bold reverse red", "involved": "dim red"}
# Under NO_COLOR colours become greys and reverse video grey on grey: marks and
# bold/underline carry the meaning instead.
PLAIN_STYLES = {
    Severity.ERROR: "bold underline",
    Severity.WARNING: "bold",
    Severity.TAIL: "italic",
    Severity.INFO: "",
}
PLAIN_ROLE_STYLES = {"culprit": "bold underline", "involved": ""}


def cell_mark(severity: Severity | None, role: str | None, plain: bool = False) -> tuple[str, str]:
    """The marker and style of a figure: its role in a failure first, else its worst severity."""
    if role is not None:
        mark = CULPRIT_MARK if role == "culprit" else INVOLVED_MARK
        return mark, (PLAIN_ROLE_STYLES if plain else ROLE_STYLES)[role]
    if severity is None:
        return " ", ""
    return MARKERS[severity], (PLAIN_STYLES if plain else STYLES)[severity]


def figure_cell(
    text: str,
    severity: Severity | None,
    noted: bool = False,
    doubtful: bool = False,
    role: str | None = None,
    plain: bool = False,
) -> Text:
    marker, style = cell_mark(severity, role, plain)
    note = NOTE_MARK if noted else " "
    doubt = MISREAD_MARK if doubtful else ""
    return Text(f"{text}{doubt} {marker}{note}", style=style, justify="right")


def severity_label(severity: Severity, label: str) -> Text:
    return Text(f"{MARKERS[severity]} {label}", style=STYLES[severity])
