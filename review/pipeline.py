"""Open a file for review: the stored copy when it is current, else parse, check and store.

A cached open reads the stored document once and uses its stored findings when
the checks' version matches; it imports neither the readers nor the rules, so
reopening a document costs little more than starting the program.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from budget_review.checks.version import CHECKS_VERSION
from budget_review.model import Document, InputError, Report
from budget_review.parsers import Progress, read_input
from budget_review.parsers.version import PARSER_VERSION
from budget_review.store import DocumentSummary, Store

BUNDLED_SAMPLE = "jincheng-hrss-2026-budget.txt"


def bundled_sample() -> Path:
    """The sample disclosure that ships inside the package (`budget-review` with no file)."""
    from importlib.resources import files  # only when no file is named

    return Path(str(files("budget_review.samples").joinpath(BUNDLED_SAMPLE)))


@dataclass
class Reviewed:
    """A document and its findings, and what the store must still be told about them."""

    document: Document
    report: Report
    cached: bool  # read from the store rather than parsed
    report_is_new: bool = False  # the stored findings were missing or made by other checks

    @property
    def sha(self) -> str:
        return self.document.source.sha256


class InputErrors(Exception):
    """Several files could not be read: one line each, in the order given."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def _check(document: Document) -> Report:
    from budget_review.checks import run_checks  # the rules load only when something is checked

    return run_checks(document)


def _stored(store: Store | None, sha: str) -> tuple[Document, Report | None] | None:
    if store is None or not store.contains(sha, PARSER_VERSION):
        return None
    try:
        return store.load_with_report(sha)
    except (KeyError, ValueError):
        return None  # a damaged or older copy: read the file again


def from_store(store: Store | None, sha: str) -> Reviewed | None:
    """The store's current copy of document `sha`, its findings brought up to date; or None."""
    stored = _stored(store, sha)
    if stored is None:
        return None
    document, report = stored
    if report is not None and report.checks_version == CHECKS_VERSION:
        return Reviewed(document, report, cached=True)
    return Reviewed(document, _check(document), cached=True, report_is_new=True)


def stored_for_review(path: str | Path, store: Store) -> Reviewed | None:
    """The store's current copy of the document in `path`, or None: never parses."""
    return from_store(store, hashlib.sha256(read_input(path)).hexdigest())


# A file opened before the first frame is read whole and hashed on the UI thread: a
# larger one goes to the loading worker, where it can be watched and stopped.
QUICK_OPEN_BYTES = 32 * 1024 * 1024


def stored_and_current(path: str | Path, store: Store) -> Reviewed | None:
    """The store's copy of `path` when nothing is left to do: stored by these readers,
    with findings of these checks, and the file small enough to hash at once. Else None
    (also when the file cannot be read: reading it properly says why)."""
    try:
        if Path(path).stat().st_size > QUICK_OPEN_BYTES:
            return None
        reviewed = stored_for_review(path, store)
    except (OSError, InputError):
        return None
    if reviewed is None or reviewed.report_is_new:
        return None  # the checks must run: that is work for the worker
    return reviewed


def _parse(
    path: str | Path,
    data: bytes,
    jobs: int | None,
    progress: Progress | None,
    engine: str | None,
    ocr: str | None,
) -> Document:
    from budget_review.parsers.bounded import parse_bounded

    return parse_bounded(str(path), data, jobs, progress, engine, ocr)


def stop_reading() -> None:
    """End every document being read, at once (the app quits, or ctrl+c): each reading
    raises `Stopped`. Nothing is loaded when nothing was read."""
    import sys

    bounded = sys.modules.get("budget_review.parsers.bounded")
    if bounded is not None:
        bounded.stop_all()


def read_for_review(
    path: str | Path,
    store: Store | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
    ocr: str | None = None,
) -> Reviewed:
    """The checked document in `path`, from the store when it has a current copy. Writes nothing.

    `engine` reads a PDF that must be parsed ("pdfium" or "pdfminer"), `ocr` says which of
    its pages are OCR'd ("auto", "always", "never"); a stored copy is not read again.
    """
    data = read_input(path)
    stored = from_store(store, hashlib.sha256(data).hexdigest())
    if stored is not None:
        return stored
    document = _parse(path, data, jobs, progress, engine, ocr)
    return Reviewed(document, _check(document), cached=False, report_is_new=True)


def save(store: Store, reviewed: Reviewed) -> bool:
    """Write what the store lacks: a new document with its findings, or newer findings."""
    return save_all(store, [reviewed]) > 0


def save_all(store: Store, reviewed: Sequence[Reviewed]) -> int:
    """Store the new documents all at once or not at all, and newer findings of stored
    ones; a publication's halves stored alone give way to it. Returns how many were new."""
    new = [r for r in reviewed if not r.cached]
    halves = tuple(part.sha256 for r in new for part in r.document.parts if part.sha256 != r.sha)
    if new:
        store.add_all([(r.document, r.report) for r in new], remove=halves)
    for item in reviewed:
        if item.cached and item.report_is_new:
            store.save_report(item.sha, item.report)
    return len(new)


def open_for_review(
    store: Store,
    path: str | Path,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
    ocr: str | None = None,
) -> Reviewed:
    """`read_for_review`, then keep the result in the store."""
    reviewed = read_for_review(path, store, jobs, progress, engine, ocr)
    save(store, reviewed)
    return reviewed


def stored_publications(
    store: Store | None, shas: Sequence[str]
) -> list[tuple[DocumentSummary, Reviewed]]:
    """The publications of several files the store holds whose files are all among `shas`."""
    if store is None:
        return []
    found = []
    for summary in store.publications_among(set(shas), PARSER_VERSION):
        publication = from_store(store, summary.sha256)
        if publication is not None:
            found.append((summary, publication))
    return found


def as_publications(items: Sequence[Reviewed | Document]) -> list[tuple[list[int], Reviewed]]:
    """Files that are halves of one publication (the tables, the 情况说明) become one
    checked document; the others stay as they are, in the order given, each with the
    indices of the items it was made of. A `Document` is a file just parsed: it is
    checked here, once, whole."""
    from budget_review.parsers.publication import group_publications, merge

    documents = [i.document if isinstance(i, Reviewed) else i for i in items]
    out: list[tuple[list[int], Reviewed]] = []
    for group in group_publications(documents):
        item = items[group[0]]
        if len(group) == 1 and isinstance(item, Reviewed):
            out.append((group, item))
            continue
        document = merge([documents[i] for i in group]) if len(group) > 1 else documents[group[0]]
        out.append((group, Reviewed(document, _check(document), cached=False, report_is_new=True)))
    return out


def open_all_for_review(
    store: Store | None,
    paths: Sequence[str | Path],
    jobs: int | None = None,
    progress_for: Callable[[Path], Progress | None] | None = None,
    keep: bool = True,
    engine: str | None = None,
    ocr: str | None = None,
) -> list[Reviewed]:
    """Every file read and checked before anything is stored: one bad file stores nothing.

    Two files of one publication (the tables and the 情况说明 of one department, year
    and kind) are one document. Raises `InputErrors` naming every file that could not
    be read.
    """
    read: list[tuple[Path, bytes, str]] = []
    errors: list[InputError] = []
    for path in paths:
        try:
            data = read_input(path)
        except InputError as error:
            errors.append(error)
            continue
        read.append((Path(path), data, hashlib.sha256(data).hexdigest()))
    items: list[Reviewed | Document] = []
    for found, publication in stored_publications(store, [sha for *_, sha in read]):
        items.append(publication)
        read = [item for item in read if item[2] not in found.parts]
    for path, data, sha in read:
        stored = from_store(store, sha)
        if stored is not None:
            items.append(stored)
            continue
        progress = progress_for(path) if progress_for is not None else None
        try:
            items.append(_parse(path, data, jobs, progress, engine, ocr))
        except InputError as error:
            errors.append(error)
    if errors:
        raise InputErrors(errors)
    reviewed = [publication for _, publication in as_publications(items)]
    if keep and store is not None:
        save_all(store, reviewed)
    return reviewed


def open_stored(store: Store, sha256: str) -> Reviewed:
    """A document already in the store, with current findings."""
    document, report = store.load_with_report(sha256)
    if report is not None and report.checks_version == CHECKS_VERSION:
        return Reviewed(document, report, cached=True)
    reviewed = Reviewed(document, _check(document), cached=True, report_is_new=True)
    save(store, reviewed)
    return reviewed
