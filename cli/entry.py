"""The `budget-review` console script: the command line, with the collector paused for
start-up.

Starting the review app makes some ninety thousand objects that live as long as the
program: modules, classes, styles, the document. The cyclic collector would walk them
again and again while they are made, for nothing. It is paused here; every command but
`open` starts it again at once, and the app does once its first screen is drawn
(`budget_review.tui.screens.review.collect_after_startup`).
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from budget_review.cli.main import main as run

    return run()
