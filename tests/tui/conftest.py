"""The app against a temporary store and config folder, never the user's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from budget_review.tui.app import ReviewApp, make_review_app
from textual.pilot import Pilot

from tests.conftest import JINCHENG_TXT


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., ReviewApp]:
    monkeypatch.setenv("BUDGET_REVIEW_CONFIG", str(tmp_path / "config"))

    def make(*paths: Path, lang: str | None = None) -> ReviewApp:
        return make_review_app(list(paths) or [JINCHENG_TXT], tmp_path / "db", lang=lang, jobs=1)

    return make


async def loaded(pilot: Pilot[None], app: ReviewApp) -> None:
    """Wait until the first document is on screen (loading runs in a worker)."""
    for _ in range(200):
        if app.review.current is not None:
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("the document did not load")
