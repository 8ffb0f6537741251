"""The review's key bindings: each with an id (remappable in keys.toml) and a description.

Widgets keep their own keys (grid movement, list filters); these are the review screen's.
The global ones (palette, help, language) name the app's actions (`app.…`); the ids keep
their `app.` prefix, so keys.toml files written before stay valid.
"""

from __future__ import annotations

from dataclasses import replace

from budget_review.tui.i18n import explained, localised
from budget_review.tui.panes import PANES
from textual.binding import Binding, BindingType
from textual.dom import DOMNode

REVIEW_BINDINGS: list[BindingType] = [
    Binding("q", "back_or_quit", "Back/Quit", id="app.quit", tooltip="Close a dialog, else quit"),
    Binding("escape", "close_search", "Close", show=False, id="app.escape"),
    Binding(
        "ctrl+p",
        "app.command_palette",
        "Palette",
        show=False,
        priority=True,
        id="app.palette",
        tooltip="Open the command palette",
    ),
    Binding(
        "question_mark", "app.help", "Help", id="app.help", tooltip="Every key and what it does"
    ),
    Binding(
        "right_square_bracket",
        "next_failing",
        "Next ✗",
        id="app.next_failing",
        tooltip="Next failing figure in the document",
    ),
    Binding(
        "left_square_bracket",
        "previous_failing",
        "Prev ✗",
        id="app.previous_failing",
        tooltip="Previous failing figure in the document",
    ),
    Binding(
        "tab",
        "next_pane",
        "Next pane",
        show=False,
        priority=True,
        id="app.next_pane",
        tooltip="Next pane (in a dialog: next field)",
    ),
    Binding(
        "shift+tab",
        "previous_pane",
        "Previous pane",
        show=False,
        priority=True,
        id="app.previous_pane",
        tooltip="Previous pane (in a dialog: previous field)",
    ),
    Binding(
        "ctrl+o",
        "jump_back",
        "Back",
        show=False,
        id="app.jump_back",
        tooltip="Back to where the last jump left from",
    ),
    Binding(
        "ctrl+i,alt+i",
        "jump_forward",
        "Forward",
        show=False,
        id="app.jump_forward",
        tooltip="Forward again after ctrl+o (most terminals send ctrl+i as tab: use alt+i)",
    ),
    Binding(
        "slash", "search", "Search", id="app.search", tooltip="Search names, codes and figures"
    ),
    Binding("n", "next_match", "Next match", show=False, id="app.next_match"),
    Binding("N", "previous_match", "Prev match", show=False, id="app.previous_match"),
    Binding(
        "f", "follow", "Follow", id="app.follow", tooltip="Go to a figure the finding involves"
    ),
    Binding("c", "comment", "Note", id="app.comment", tooltip="Write a note on what is focused"),
    Binding(
        "e",
        "edit_note",
        "Edit note",
        show=False,
        id="app.edit_note",
        tooltip="Edit the note on what is focused",
    ),
    Binding(
        "a",
        "accept_finding",
        "Accept",
        show=False,
        id="app.accept",
        tooltip="Accept the finding as a problem note",
    ),
    Binding(
        "u",
        "undo_delete",
        "Undo delete",
        show=False,
        id="app.undo",
        tooltip="Bring back the last note deleted",
    ),
    Binding(
        "X",
        "export_notes",
        "Export",
        show=False,
        id="app.export",
        tooltip="Export the notes as Markdown",
    ),
    *[Binding(p.key, f"pane('{p.id}')", p.id, show=False, id=f"app.pane_{p.id}") for p in PANES],
    Binding("L", "app.switch_language", "中/EN", id="app.language", tooltip="Switch language"),
    Binding(
        "comma",
        "toggle_separators",
        "1,000",
        show=False,
        id="app.separators",
        tooltip="Thousands separators on or off",
    ),
    Binding(
        "plus,equals_sign",
        "resize_inspector(2)",
        "Inspector +",
        show=False,
        id="app.inspector_grow",
        tooltip="Make the inspector taller",
    ),
    Binding(
        "minus",
        "resize_inspector(-2)",
        "Inspector −",
        show=False,
        id="app.inspector_shrink",
        tooltip="Make the inspector shorter",
    ),
    Binding(
        "J",
        "scroll_inspector(3)",
        "Inspector ↓",
        show=False,
        id="app.inspector_down",
        tooltip="Scroll the inspector down",
    ),
    Binding(
        "K",
        "scroll_inspector(-3)",
        "Inspector ↑",
        show=False,
        id="app.inspector_up",
        tooltip="Scroll the inspector up",
    ),
    *[
        Binding(str(n), f"goto_table({n})", f"表{n}", show=False, id=f"app.table_{n}")
        for n in range(1, 10)
    ],
]


def localise(node: DOMNode, lang: str) -> None:
    """A node's footer words and tooltips in the interface language, looked up by id."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(
                b,
                description=localised(b.id, lang, b.description),
                tooltip=explained(b.id, lang, b.tooltip) if b.tooltip else b.tooltip,
            )
            for b in bindings
        ]
