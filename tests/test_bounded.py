"""Bounded work: files made here that would hang a reader, fill memory or cost time with
the square of their size end in one line naming the file, exit 2, the store unchanged."""

from __future__ import annotations

import cProfile
import os
import pstats
import threading
import time
from pathlib import Path

import pytest
from budget_review.model import Document, InputError
from budget_review.parsers import parse_bytes, read_input
from budget_review.parsers.bounded import Stopped, parse_bounded, stop_all
from budget_review.parsers.reader import MAX_COLUMNS

from tests.synthetic_pdf import looping_pdf
from tests.test_cli import run


@pytest.fixture
def looping(tmp_path: Path) -> Path:
    path = tmp_path / "loop.pdf"
    path.write_bytes(looping_pdf())
    return path


def test_the_looping_pdf_really_hangs_pdfminer(looping: Path) -> None:
    """The file is what the tests below need: pdfminer alone never gets through it."""
    with pytest.raises(InputError, match="reading took over 3 s"):
        parse_bounded(str(looping), looping.read_bytes(), seconds=3)


@pytest.mark.parametrize("command", ["dump", "check", "ingest", "open"])
def test_a_pdf_whose_objects_loop_stops_at_the_time_limit(
    command: str, looping: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db"
    monkeypatch.setenv("BUDGET_REVIEW_EXIT_WHEN_READY", "1")  # `open` with no terminal
    monkeypatch.setenv("BUDGET_REVIEW_CONFIG", str(tmp_path / "config"))
    extra = ["--lang", "en"] if command != "open" else ["--lang", "en", "--no-mouse"]
    start = time.monotonic()
    result = run("--time-limit", "2", command, str(looping), *extra, db=db)
    assert time.monotonic() - start < 60
    assert result.returncode == 2, result.stdout + result.stderr
    said = "".join(result.stderr.split())  # the app wraps its exit message, even in a word
    assert "".join(f"{looping}: reading took over 2 s and was stopped".split()) in said
    assert "Traceback" not in result.stderr
    assert not (db / "documents").exists() or not any((db / "documents").iterdir())


def test_the_time_limit_message_is_chinese_by_default(looping: Path, tmp_path: Path) -> None:
    result = run("--time-limit", "1", "dump", str(looping), db=tmp_path / "db")
    assert result.returncode == 2
    assert f"{looping}: 读取超过 1 秒仍未完成，已停止" in result.stderr


def test_a_reading_is_stopped_at_once_with_its_process(looping: Path) -> None:
    """What the app's q does: stop_all ends the child (and its page workers) at once."""
    from budget_review.parsers import bounded

    outcome: list[BaseException] = []

    def read() -> None:
        try:
            parse_bounded(str(looping), looping.read_bytes(), seconds=300)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    for _ in range(200):
        if bounded._running:
            break
        time.sleep(0.02)
    (process,) = list(bounded._running)
    time.sleep(0.3)  # inside pdfminer's loop by now
    start = time.monotonic()
    stop_all()
    thread.join(10)
    assert not thread.is_alive()
    assert time.monotonic() - start < 5
    assert len(outcome) == 1 and isinstance(outcome[0], Stopped)
    assert not process.is_alive()
    assert not bounded._running


def test_a_document_comes_back_whole_from_the_reading_process(jincheng: Document) -> None:
    from budget_review.model.serialize import document_to_dict

    from tests.conftest import JINCHENG_TXT

    document = parse_bounded(str(JINCHENG_TXT), JINCHENG_TXT.read_bytes())
    assert document_to_dict(document) == document_to_dict(jincheng)


def test_an_input_error_in_the_reading_process_keeps_its_words(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        parse_bounded("notes.txt", b"just some words\n")
    assert raised.value.path == "notes.txt"
    assert "not a disclosure" in str(raised.value)


# ------------------------------------------------------------------ regular files, size


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    fifo = tmp_path / "budget.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_input(fifo)  # no writer: an open that waited would hang here
    result = run("check", str(fifo), "--lang", "en", db=tmp_path / "db")
    assert result.returncode == 2
    assert f"{fifo}: not a regular file" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        read_input("/dev/zero")
    result = run("ingest", "/dev/zero", "--lang", "en", db=tmp_path / "db")
    assert result.returncode == 2
    assert "/dev/zero: not a regular file" in result.stderr


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 3 * 1024 * 1024)
    monkeypatch.setenv("BUDGET_REVIEW_SIZE_LIMIT_MB", "2")
    with pytest.raises(InputError, match=r"the file is 3\.0 MB, over the 2 MB limit"):
        read_input(big)
    monkeypatch.delenv("BUDGET_REVIEW_SIZE_LIMIT_MB")
    result = run("--size-limit", "1", "ingest", str(big), "--lang", "en", db=tmp_path / "db")
    assert result.returncode == 2
    assert f"{big}: the file is 3.0 MB, over the 1 MB limit" in result.stderr
    assert read_input(big) == big.read_bytes()  # the default limit is generous


# ------------------------------------------------------------------ linear cost


def _calls(data: bytes) -> int:
    """Python calls made reading and checking `data`: a count, not a clock."""
    from budget_review.checks import run_checks

    profile = cProfile.Profile()
    profile.enable()
    run_checks(parse_bytes("crafted.txt", data))
    profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def _titles(n: int) -> bytes:
    names = ["收支总表", "收入总表"]
    body = "".join(f"{names[i % 2]}\n合计\t1\n" for i in range(n))
    return ("某某局2026年部门预算\n" + body).encode()


def _columns(n: int) -> bytes:
    header = "科目编码\t科目名称\t" + "\t".join("合计" for _ in range(n))
    row = "201\t一般公共服务\t" + "\t".join("1.00" for _ in range(n))
    return f"某某局2026年部门预算\n一般公共预算支出表\n{header}\n{row}\n".encode()


def test_many_table_titles_cost_time_in_proportion() -> None:
    """Numbering each table looked at every table before it: doubling the titles
    quadrupled the work (100,000 titles took 112 s)."""
    small, large = _calls(_titles(1500)), _calls(_titles(3000))
    assert large < 2.3 * small


def test_a_row_of_very_many_columns_is_cut_and_said() -> None:
    """Every 合计 column was compared with every other: 20,000 columns took 100 s."""
    small, large = _calls(_columns(2 * MAX_COLUMNS)), _calls(_columns(8 * MAX_COLUMNS))
    assert large < 2.3 * small
    doc = parse_bytes("wide.txt", _columns(3 * MAX_COLUMNS))
    assert max(len(t.columns) for t in doc.tables) <= MAX_COLUMNS
    (warning,) = [w for w in doc.warnings if "cells" in w.en]
    assert warning.en == (
        f"2 row(s) from line 3 have more than {MAX_COLUMNS} cells (up to {3 * MAX_COLUMNS + 2}); "
        f"only the first {MAX_COLUMNS} of each were read"
    )
    assert f"超过{MAX_COLUMNS}列" in warning.zh


def test_a_table_of_usual_width_is_not_cut(jincheng: Document) -> None:
    assert not [w for w in jincheng.warnings if "cells" in w.en]
