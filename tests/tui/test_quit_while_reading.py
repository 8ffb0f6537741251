"""q while a document is being read: the app ends at once, and so does the reading."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from budget_review.parsers import bounded
from budget_review.tui.app import ReviewApp

from tests.synthetic_pdf import looping_pdf


async def test_q_ends_the_app_and_the_reading_at_once(
    make_app: Callable[..., ReviewApp], tmp_path: Path
) -> None:
    path = tmp_path / "loop.pdf"
    path.write_bytes(looping_pdf())  # pdfminer goes round its objects for ever
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            if bounded._running:
                break
            await pilot.pause(0.02)
        (process,) = list(bounded._running)
        await pilot.pause(0.3)
        start = time.monotonic()
        await pilot.press("q")
        await pilot.pause(0.2)
    for worker in list(app.workers):
        worker.cancel()
    for _ in range(100):
        if not process.is_alive():
            break
        time.sleep(0.05)
    assert time.monotonic() - start < 5
    assert not process.is_alive()
    assert not bounded._running
