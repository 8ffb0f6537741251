"""Read and check a folder of disclosures, one document per worker process, and say how it went.

What a provincial reviewer runs on a whole year's disclosures, and what we measure
the readers with: one row per file, with what was recognised, how many
comparisons ran and failed, and why a file could not be read.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budget_review.model import Document, InputError, Report, Severity, Text, words
from budget_review.parsers import read_input
from budget_review.review.pipeline import (
    Reviewed,
    as_publications,
    from_store,
    read_for_review,
    save,
    stored_publications,
)
from budget_review.store import Store

SUFFIXES = (".pdf", ".txt")
# Rules that compare one printed figure with another: the table identities.
IDENTITY_FAMILIES = ("W", "X")


def disclosure_files(targets: Sequence[str | Path]) -> list[Path]:
    """The PDFs and text dumps named, and those in the folders named (recursively), sorted."""
    found: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
            if not inside:
                raise InputError(str(path), words("input.no_disclosures"))
            found += inside
        elif path.exists():
            found.append(path)
        else:
            raise InputError(str(path), words("input.missing"))
    return list(dict.fromkeys(found))


@dataclass
class SurveyRow:
    """One file of the survey: what was read, or why it could not be."""

    path: str
    seconds: float = 0.0
    problem: Text | None = None  # the one-line reason the file could not be read
    department: str | None = None
    year: int | None = None
    kind: str | None = None
    scope: str | None = None
    pages: int | None = None
    tables: int = 0
    tables_listed: int | None = None  # tables the contents page lists
    roles: list[str] = field(default_factory=list)
    unrecognised: int = 0  # tables whose role could not be told, and tables passed over
    comparisons: int = 0
    identity_comparisons: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # by severity
    identity_errors: int = 0
    not_run: int = 0
    cached: bool = False
    files: list[str] = field(default_factory=list)  # a publication's files, when several

    @property
    def read(self) -> bool:
        return self.problem is None


def row_of(
    path: Path, document: Document, report: Report, seconds: float, cached: bool
) -> SurveyRow:
    meta = document.meta
    listed = [e for e in document.contents if e.names_table]
    identity = [f for f in report.findings if f.rule[:1] in IDENTITY_FAMILIES]
    return SurveyRow(
        path=str(path),
        seconds=seconds,
        department=meta.department,
        year=meta.year,
        kind=meta.kind,
        scope=meta.scope,
        pages=document.source.pages,
        tables=len(document.tables),
        tables_listed=len(listed) or None,
        roles=sorted({t.role for t in document.tables if t.role}),
        unrecognised=len(document.unrecognised()),
        comparisons=sum(report.comparisons.values()),
        identity_comparisons=sum(
            n for rule, n in report.comparisons.items() if rule[:1] in IDENTITY_FAMILIES
        ),
        failures={s.value: report.count(s) for s in Severity},
        identity_errors=sum(1 for f in identity if f.severity == Severity.ERROR),
        not_run=len({n.rule for n in report.not_checked}),
        cached=cached,
    )


def _read_one(
    path: str, engine: str | None, ocr: str | None, pages: Any = None
) -> tuple[Reviewed | None, Text | None, float]:
    """In a worker: read and check one file with one process (the survey is the parallel part).

    `pages` is a queue shared with the survey: (file, pages done, pages) as they are read.
    """
    start = time.perf_counter()

    def report(done: int, total: int) -> None:
        pages.put((path, done, total))

    try:
        progress = report if pages is not None else None
        reviewed = read_for_review(path, None, jobs=1, progress=progress, engine=engine, ocr=ocr)
        return reviewed, None, time.perf_counter() - start
    except InputError as error:
        return None, error.problem, time.perf_counter() - start
    except Exception as error:  # a reader's bug on one file must not end the survey
        problem = Text(
            f"无法处理：{type(error).__name__}: {error}", f"{type(error).__name__}: {error}"
        )
        return None, problem, time.perf_counter() - start


def _share_cores(workers: int) -> None:
    """In a worker: OCR takes its share of the cores, as the other workers take theirs."""
    from budget_review.parsers import ocr

    ocr.share_cores(workers)


class _PageReports:
    """Pages read in the survey's workers, passed on to `pages` by a thread of the survey's
    own (a scanned file takes a while: its pages show it is moving). Nothing is set up
    when nobody asked."""

    def __init__(self, pages: Callable[[str, int, int], None] | None) -> None:
        self.pages = pages
        self.queue: Any = None

    def __enter__(self) -> Any:
        if self.pages is None:
            return None
        import multiprocessing

        self.manager = multiprocessing.Manager()
        self.queue = self.manager.Queue()
        self.thread = threading.Thread(target=self._pass_on, daemon=True)
        self.thread.start()
        return self.queue

    def _pass_on(self) -> None:
        assert self.pages is not None
        while True:
            try:
                item = self.queue.get()
            except (EOFError, OSError):
                return
            if item is None:
                return
            self.pages(*item)

    def __exit__(self, *_: object) -> None:
        if self.queue is not None:
            self.queue.put(None)
            self.thread.join(timeout=5)
            self.manager.shutdown()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def survey(
    store: Store | None,
    paths: Sequence[Path],
    jobs: int | None = None,
    progress: Callable[[SurveyRow], None] | None = None,
    engine: str | None = None,
    ocr: str | None = None,
    pages: Callable[[str, int, int], None] | None = None,
) -> Iterator[SurveyRow]:
    """Each file read (the store's copy when current) and checked; rows in the order given.

    New documents are stored as they come in, so a survey stopped halfway keeps what it
    read. Two files of one publication are one row, stored as one document.
    """
    rows: dict[int, SurveyRow] = {}
    reviewed: dict[int, Reviewed] = {}
    shas: dict[int, str] = {}
    for index, path in enumerate(paths):
        start = time.perf_counter()
        try:
            shas[index] = hashlib.sha256(read_input(path)).hexdigest()
        except InputError as error:
            rows[index] = SurveyRow(str(path), time.perf_counter() - start, error.problem)
    published: list[tuple[list[int], Reviewed]] = []
    for summary, publication in stored_publications(store, list(shas.values())):
        members = [i for i, sha in shas.items() if sha in summary.parts]
        published.append((members, publication))
        for index in members:
            del shas[index]
    pending: list[tuple[int, Path]] = []
    for index, sha in shas.items():
        start = time.perf_counter()
        cached = from_store(store, sha)
        if cached is None:
            pending.append((index, paths[index]))
            continue
        if cached.report_is_new and store is not None:
            save(store, cached)
        reviewed[index] = cached
        seconds = time.perf_counter() - start
        rows[index] = row_of(paths[index], cached.document, cached.report, seconds, True)
    for row in rows.values():
        if progress:
            progress(row)
    workers = max(1, min(jobs or default_jobs(), len(pending) or 1))
    if pending:
        with (
            _PageReports(pages) as queue,
            ProcessPoolExecutor(
                max_workers=workers, initializer=_share_cores, initargs=(workers,)
            ) as pool,
        ):
            futures: dict[Future[tuple[Reviewed | None, Text | None, float]], tuple[int, Path]]
            futures = {
                pool.submit(_read_one, str(path), engine, ocr, queue): (i, path)
                for i, path in pending
            }
            for future in as_completed(futures):
                index, path = futures[future]
                result, problem, seconds = future.result()
                if result is None:
                    row = SurveyRow(str(path), seconds, problem)
                else:
                    if store is not None:
                        save(store, result)
                    reviewed[index] = result
                    row = row_of(path, result.document, result.report, seconds, False)
                rows[index] = row
                if progress:
                    progress(row)
    indices = sorted(reviewed)
    for group, publication in as_publications([reviewed[i] for i in indices]):
        if len(group) > 1:
            if store is not None:
                save(store, publication)
            published.append(([indices[g] for g in group], publication))
    yield from _in_order(paths, rows, published)


def _in_order(
    paths: Sequence[Path], rows: dict[int, SurveyRow], published: list[tuple[list[int], Reviewed]]
) -> Iterator[SurveyRow]:
    """The rows in the order given; a publication's files as one row, where its first was."""
    first: dict[int, SurveyRow] = {}
    absorbed: set[int] = set()
    for members, publication in published:
        members = sorted(members)
        names = [str(paths[i]) for i in members]
        seconds = sum(rows[i].seconds for i in members if i in rows)
        cached = all(rows[i].cached if i in rows else True for i in members)
        row = row_of(paths[members[0]], publication.document, publication.report, seconds, cached)
        row.files = names
        first[members[0]] = row
        absorbed.update(members[1:])
    for index in range(len(paths)):
        if index not in absorbed:
            yield first.get(index) or rows[index]
