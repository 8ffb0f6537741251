"""Read a document in a child process that can be stopped: by the time limit, or at once.

A crafted PDF can send a reader round a loop of objects for ever (pdfminer's
`resolve1` on a page tree that contains itself); a thread cannot be stopped, a
process can. The child starts its own session, so that the page workers it starts
(`jobs`) go with it when it is killed, and a terminal's ctrl+c reaches only the
parent, which then ends the child. The document comes back through a pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from budget_review.model import Document, InputError, words
from budget_review.parsers import Progress, parse_bytes
from budget_review.parsers.limits import time_limit, time_limit_is_set

_running: set[BaseProcess] = set()
_stopped: set[BaseProcess] = set()  # ended by stop_all, not by a fault of their own
_lock = threading.Lock()


class Stopped(Exception):
    """Reading was stopped from outside (the app quit, ctrl+c)."""


def _child(
    conn: Connection, path: str, data: bytes, jobs: int | None, engine: str | None, ocr: str | None
) -> None:
    if hasattr(os, "setsid"):
        os.setsid()  # a group of its own: killed with its page workers, spared the terminal's ^C
    signal.signal(signal.SIGINT, signal.SIG_DFL)

    def progress(done: int, total: int) -> None:
        conn.send(("progress", done, total))

    try:
        document = parse_bytes(path, data, jobs, progress, engine, ocr)
        conn.send(("done", document))
    except InputError as error:
        conn.send(("input_error", error.path, error.problem))
    except BaseException as exc:  # sent to the parent, which reports it as it always did
        try:
            conn.send(("error", exc))
        except Exception:  # an exception that does not pickle: its words are enough
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def _kill(process: BaseProcess) -> None:
    """End the child and everything it started."""
    pid = process.pid
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError, OSError):
        pass  # not yet in a group of its own (or not POSIX): the child alone
    if process.is_alive():
        process.kill()


def stop_all() -> None:
    """Stop every reading in progress (the app calls this when it quits): each raises Stopped."""
    with _lock:
        running = list(_running)
        _stopped.update(running)
    for process in running:
        _kill(process)


def parse_bounded(
    path: str,
    data: bytes,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
    ocr: str | None = None,
    seconds: float | None = None,
) -> Document:
    """`parse_bytes` in a child process, stopped after `seconds` (by default the time
    limit, which grows with the pages as the child reports them) with an InputError."""
    context = multiprocessing.get_context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(send, path, data, jobs, engine, ocr), name="budget-review-reader"
    )
    with _lock:
        process.start()
        _running.add(process)
    send.close()
    start = time.monotonic()
    fixed = seconds if seconds is not None else (time_limit() if time_limit_is_set() else None)
    limit = fixed if fixed is not None else time_limit()
    try:
        while True:
            left = start + limit - time.monotonic()
            if left <= 0:
                raise InputError(path, words("input.too_slow", seconds=f"{limit:g}"))
            if not receive.poll(min(left, 0.5)):
                continue
            try:
                message: tuple[Any, ...] = receive.recv()
            except (EOFError, OSError) as exc:
                if process in _stopped:
                    raise Stopped(path) from exc
                process.join(1)
                detail = f"exit code {process.exitcode}"
                raise InputError(path, words("input.reader_died", detail=detail)) from exc
            kind = message[0]
            if kind == "progress":
                done, total = message[1], message[2]
                if fixed is None:
                    limit = time_limit(total)
                if progress is not None:
                    progress(done, total)
            elif kind == "done":
                document: Document = message[1]
                return document
            elif kind == "input_error":
                raise InputError(message[1], message[2])
            else:
                raise message[1]
    finally:
        with _lock:
            _running.discard(process)
            _stopped.discard(process)
        _kill(process)
        process.join()
        receive.close()
