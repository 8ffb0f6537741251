"""The installed console script in a real terminal (tmux): keys in, screen text out."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "budget-review"

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)


def _tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], capture_output=True, text=True, check=False, timeout=30
    ).stdout


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session)


def _wait_for(session: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"'{text}' never appeared; the screen shows:\n{screen}")


def test_review_app_in_a_real_terminal(tmp_path: Path) -> None:
    session = f"br-{uuid.uuid4().hex[:8]}"
    env = (
        f"BUDGET_REVIEW_DB={tmp_path / 'db'} BUDGET_REVIEW_CONFIG={tmp_path / 'config'} "
        f"TERM=xterm-256color"
    )
    # COLUMNS and LINES from the test runner would override the terminal size.
    command = f"env -u COLUMNS -u LINES {env} {SCRIPT}; echo EXITED $?; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    # A detached session takes the server's default size; fix it at 120×40.
    _tmux("set-option", "-t", session, "window-size", "manual")
    _tmux("resize-window", "-t", session, "-x", "120", "-y", "40")
    try:
        screen = _wait_for(session, "2026年预算收支总表")
        assert "晋城市人力资源和社会保障局" in screen
        _tmux("send-keys", "-t", session, "]")
        _wait_for(session, "问题 1 /")
        _tmux("send-keys", "-t", session, "L")
        screen = _wait_for(session, "Tables")
        assert "Project cards" in screen
        _tmux("send-keys", "-t", session, "q")
        _wait_for(session, "EXITED 0")
    finally:
        _tmux("kill-session", "-t", session)


def test_a_pdf_and_a_bad_file_opened_together(tmp_path: Path) -> None:
    """The good file is reviewed, the bad one named in the app and again on leaving."""
    session = f"br-{uuid.uuid4().hex[:8]}"
    pdf = Path(__file__).parents[1] / "samples" / "jincheng-hrss-2026-budget.pdf"
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    env = (
        f"BUDGET_REVIEW_DB={tmp_path / 'db'} BUDGET_REVIEW_CONFIG={tmp_path / 'config'} "
        f"TERM=xterm-256color"
    )
    command = f"env -u COLUMNS -u LINES {env} {SCRIPT} open {pdf} {bad}; echo EXITED $?; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    _tmux("set-option", "-t", session, "window-size", "manual")
    _tmux("resize-window", "-t", session, "-x", "120", "-y", "40")
    try:
        _wait_for(session, "收支总表", timeout=120)
        # The bad file is read after the good one: wait for its failure to be told, not
        # merely for its name on the loading line, or `q` may stop its reading first.
        _wait_for(session, "无法读取", timeout=120)
        _wait_for(session, "p.")  # the table's caption names its PDF pages
        _tmux("send-keys", "-t", session, "tab")
        _wait_for(session, "绩效目标表")
        _tmux("send-keys", "-t", session, "q")
        screen = _wait_for(session, "EXITED 0")
        # after the app's screen is gone, the bad file is named on the terminal
        assert any(
            line.startswith("budget-review: ") and "broken.pdf" in line
            for line in screen.splitlines()
        )
    finally:
        _tmux("kill-session", "-t", session)
