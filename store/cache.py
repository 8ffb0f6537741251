"""Open a disclosure through the store: a file already parsed by this parser is not parsed again."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from budget_review.checks.findings import Report
from budget_review.model import Document
from budget_review.parsers import Progress, parse_bytes, read_input
from budget_review.parsers.assemble import PARSER_VERSION
from budget_review.store.store import Store


@dataclass
class Opened:
    document: Document
    cached: bool  # read from the store rather than parsed
    report: Report | None = None  # the stored findings, when they are current


def stored_copy(store: Store, data: bytes) -> Document | None:
    """The stored parse of these bytes by this parser version, if the store has a sound one."""
    sha = hashlib.sha256(data).hexdigest()
    if not store.contains(sha, PARSER_VERSION):
        return None
    try:
        return store.load(sha)
    except (KeyError, ValueError):
        return None  # a damaged or older copy: the caller parses again


def peek(root: Path, data: bytes) -> Document | None:
    """`stored_copy` for a store that may not exist yet; never creates one."""
    if not (root / "index.json").is_file():
        return None
    with Store(root) as store:
        return stored_copy(store, data)


def open_document(
    store: Store,
    path: str | Path,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Opened:
    """The document in `path`: from the store when it is there, else parsed and stored."""
    data = read_input(path)
    sha = hashlib.sha256(data).hexdigest()
    if store.contains(sha, PARSER_VERSION):
        try:
            doc, report = store.load_with_report(sha)
            return Opened(doc, cached=True, report=report)
        except (KeyError, ValueError):
            pass  # a damaged or older copy: parse again and replace it
    from budget_review.checks import run_checks  # the rules load only when a file is parsed

    doc = parse_bytes(str(path), data, jobs, progress)
    report = run_checks(doc)
    store.add(doc, report, replace=True)
    return Opened(doc, cached=False, report=report)
