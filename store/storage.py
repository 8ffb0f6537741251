"""The store's files on disk: written whole or not at all, damage named and set aside.

TinyDB rewrites a whole file on every write; here every write goes to a temporary file
that is fsynced and renamed over the old one, so a crash leaves the old file or the new
one, never a torn one. A write killed before its rename leaves only a `.NAME.*.tmp`
file, removed the next time the store is opened.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from budget_review.model import Text, words
from tinydb.storages import Storage


class StoreError(Exception):
    """A problem with the store itself (not with a disclosure): names the file and the cause."""

    def __init__(self, path: Path, problem: Text) -> None:
        super().__init__(f"{path}: {problem.en}")
        self.path = path
        self.problem = problem

    def in_(self, lang: str) -> str:
        return f"{self.path}: {self.problem.in_(lang)}"


class DamagedFile(StoreError):
    """A store file that is not the JSON the store wrote: truncated, or overwritten."""


def read_json(path: Path) -> Any | None:
    """The file's JSON, None when it is missing or empty; `DamagedFile` when it is not JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise DamagedFile(path, words("store.damaged", problem=exc.reason)) from exc
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DamagedFile(path, words("store.damaged", problem=exc.msg)) from exc


def write_json(path: Path, data: Any) -> None:
    """Replace the file with `data` in one step: the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise StoreError(path, words("store.cannot_write", problem=exc.strerror or exc)) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(path, words("store.cannot_write", problem=exc.strerror or exc)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def set_aside(path: Path) -> Path:
    """Keep a damaged file next to where it was, renamed `NAME.corrupt-<time>`."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    path.replace(target)
    return target


class AtomicJSONStorage(Storage):
    """TinyDB's storage through `read_json` and `write_json`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json(self.path)
        if data is not None and not isinstance(data, dict):
            raise DamagedFile(self.path, words("store.damaged", problem="not a JSON object"))
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_json(self.path, data)

    def close(self) -> None:
        pass


class StoreBusy(StoreError):
    """Another process holds the store's write lock."""


@contextmanager
def write_lock(root: Path, wait: float = 3.0) -> Iterator[None]:
    """Hold the store's lock while writing, so that two processes never interleave
    a read-modify-write of the same file. Waits briefly, then says who to blame."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = open(root / ".lock", "a+")
    except OSError as exc:
        raise StoreError(root, words("store.cannot_write", problem=exc.strerror or exc)) from exc
    with lock:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreBusy(root, words("store.busy")) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def remove_temporaries(root: Path) -> list[Path]:
    """Remove what killed writes left (`.NAME.*.tmp`), when no other process is writing:
    a temporary file being written now would be removed from under its writer."""
    if not root.is_dir():
        return []
    try:
        with write_lock(root, wait=0):
            found = [*root.glob(".*.tmp"), *root.glob("documents/.*.tmp")]
            for path in found:
                path.unlink(missing_ok=True)
            return found
    except StoreError:
        return []  # busy or read-only: another open will clean up
