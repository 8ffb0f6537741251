"""Documents keyed by sha256: a small index, and one file per document.

Opening one document reads the index and that document's own file, never the
others, so a store with hundreds of documents stays quick.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from budget_review.model import Document, Report, Severity, Text, words
from budget_review.model.serialize import (
    document_from_dict,
    document_to_dict,
    report_from_dict,
    report_to_dict,
)
from budget_review.store.storage import (
    AtomicJSONStorage,
    DamagedFile,
    StoreError,
    read_json,
    remove_temporaries,
    set_aside,
    write_json,
    write_lock,
)
from platformdirs import user_data_dir
from tinydb import Query, TinyDB

ENV_VAR = "BUDGET_REVIEW_DB"


def default_store_path() -> Path:
    """--db wins over BUDGET_REVIEW_DB, which wins over the user data folder."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(user_data_dir("budget-review", appauthor=False))


@dataclass(frozen=True)
class DocumentSummary:
    """What the store's index says of a stored document, without reading it."""

    sha256: str
    path: str
    department: str | None
    year: int | None
    kind: str | None
    scope: str | None
    tables: int
    cards: int
    claims: int
    figures: int
    warnings: int
    parser_version: str
    ingested_at: str
    errors: int | None = None  # error findings when stored; None before checks existed
    parts: tuple[str, ...] = ()  # the sha256 of each file, for a publication of several

    @property
    def identity(self) -> str:
        """As `notes.identity_of` the document: what later versions of it share."""
        return "|".join(str(x or "") for x in (self.department, self.year, self.kind, self.scope))


class Store:
    @classmethod
    def existing(cls, root: str | Path | None = None) -> Store | None:
        """The store at `root` if one is there; never creates one (for read-only commands)."""
        path = Path(root) if root is not None else default_store_path()
        return cls(path) if (path / "index.json").is_file() else None

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_store_path()
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(self.root, words("store.not_a_folder"))
        self.docs_dir = self.root / "documents"
        # What opening had to mend, in words for the one who opened it.
        self.repairs: list[Text] = []
        remove_temporaries(self.root)
        self._open_index()

    def _open_index(self) -> None:
        path = self.root / "index.json"
        try:
            read_json(path)
        except DamagedFile:
            kept = set_aside(path)
            count = self._rebuild_index(path)
            self.repairs.append(words("store.index_rebuilt", kept=kept.name, count=count))
        self.index = TinyDB(path, storage=AtomicJSONStorage)
        self.documents = self.index.table("documents")

    def _rebuild_index(self, path: Path) -> int:
        """The index again, from the document files that are intact."""
        records: dict[str, dict[str, Any]] = {}
        for doc_path in sorted(self.docs_dir.glob("*.json")) if self.docs_dir.is_dir() else []:
            try:
                body = read_json(doc_path) or {}
                doc = document_from_dict(next(iter(body["document"].values())))
                reports = body.get("report") or {}
                report = report_from_dict(next(iter(reports.values()))) if reports else None
            except (DamagedFile, KeyError, StopIteration, ValueError, TypeError):
                continue  # a damaged document is set aside when it is next opened
            records[str(len(records) + 1)] = _record(doc, report)
        write_json(path, {"documents": records})
        return len(records)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def summary(self, sha256: str) -> DocumentSummary | None:
        record = self.documents.get(Query().sha256 == sha256)
        return _summary(record) if record else None

    def contains(self, sha256: str, parser_version: str | None = None) -> bool:
        summary = self.summary(sha256)
        return summary is not None and (
            parser_version is None or summary.parser_version == parser_version
        )

    def add(self, doc: Document, report: Report | None = None, replace: bool = False) -> bool:
        """Store a parsed document and its findings; False when already there."""
        if not replace and self.contains(doc.source.sha256, doc.parser_version):
            return False
        self.add_all([(doc, report)])
        return True

    def add_all(
        self, items: list[tuple[Document, Report | None]], remove: tuple[str, ...] = ()
    ) -> None:
        """Store every document or none: each file is written whole, then the index names
        them all in one write. `remove`: documents the new ones replace (a publication's
        halves stored alone)."""
        with write_lock(self.root):
            written: list[Path] = []
            try:
                for doc, report in items:
                    path = self._doc_path(doc.source.sha256)
                    fresh = not path.exists()
                    write_json(path, _body(doc, report))
                    if fresh:
                        written.append(path)
            except BaseException:
                for path in written:
                    path.unlink(missing_ok=True)
                raise
            self._update_index({d.source.sha256: _record(d, r) for d, r in items}, remove)
            for sha in remove:
                self._doc_path(sha).unlink(missing_ok=True)

    def _update_index(self, records: dict[str, dict[str, Any]], remove: tuple[str, ...]) -> None:
        """Upsert and remove index records in one write of the index file."""
        storage = self.index.storage
        data = storage.read() or {}
        table = dict(data.get("documents", {}))
        by_sha = {r.get("sha256"): key for key, r in table.items()}
        for sha in remove:
            if sha in by_sha:
                table.pop(by_sha[sha], None)
        next_id = max((int(k) for k in table), default=0) + 1
        for sha, record in records.items():
            key = by_sha.get(sha)
            if key is None or key not in table:
                key = str(next_id)
                next_id += 1
            table[key] = record
        storage.write({**data, "documents": table})
        self.documents.clear_cache()

    def load(self, sha256: str) -> Document:
        return self.load_with_report(sha256)[0]

    def load_with_report(self, sha256: str) -> tuple[Document, Report | None]:
        """The document and its stored findings (of whatever checks version), from one read.

        A damaged document file is set aside and forgotten (`KeyError`): the pipeline
        then reads the disclosure again, which repairs the store."""
        path = self._doc_path(sha256)
        try:
            body = read_json(path)
            if not body:
                raise KeyError(sha256)
            document = document_from_dict(next(iter(body["document"].values())))
            reports = body.get("report") or {}
            report = report_from_dict(next(iter(reports.values()))) if reports else None
        except (DamagedFile, StopIteration, TypeError, AttributeError) as exc:
            self._forget_damaged(sha256, path)
            raise KeyError(sha256) from exc
        except KeyError:
            if path.exists():
                self._forget_damaged(sha256, path)
            raise
        return document, report

    def _forget_damaged(self, sha256: str, path: Path) -> None:
        try:
            with write_lock(self.root):
                if path.exists():
                    kept = set_aside(path)
                    self.repairs.append(words("store.document_set_aside", kept=kept.name))
                self._update_index({}, (sha256,))
        except StoreError:
            pass  # a read-only store: the pipeline reads the file again all the same

    def save_report(self, sha256: str, report: Report) -> None:
        with write_lock(self.root):
            path = self._doc_path(sha256)
            body = read_json(path) or {}
            body["report"] = {"1": report_to_dict(report)}
            write_json(path, body)
            self._update_errors(sha256, report)

    def _update_errors(self, sha256: str, report: Report) -> None:
        record = self.documents.get(Query().sha256 == sha256)
        if record is not None:
            self._update_index({sha256: {**record, "errors": report.count(Severity.ERROR)}}, ())

    def remove(self, sha256: str) -> None:
        """Forget a document (its notes stay in the notebook): when its file turns out to be
        half of a publication, the publication is stored in its place."""
        with write_lock(self.root):
            self._update_index({}, (sha256,))
            self._doc_path(sha256).unlink(missing_ok=True)

    def publications_among(self, shas: set[str], parser_version: str) -> list[DocumentSummary]:
        """The stored publications all of whose files are among `shas`, read by this parser."""
        return [
            _summary(record)
            for record in self.documents.all()
            if len(record.get("parts") or []) > 1
            and set(record["parts"]) <= shas
            and record.get("parser_version") == parser_version
        ]

    def list(self) -> list[DocumentSummary]:
        return sorted(
            (_summary(r) for r in self.documents.all()),
            key=lambda s: (s.department or "", s.year or 0, s.sha256),
        )

    def resolve(self, prefix: str) -> str | None:
        """A full sha256 from a unique prefix of it."""
        matches = [s.sha256 for s in self.list() if s.sha256.startswith(prefix)]
        return matches[0] if len(matches) == 1 else None

    def _doc_path(self, sha256: str) -> Path:
        return self.docs_dir / f"{sha256}.json"


def _body(doc: Document, report: Report | None) -> dict[str, Any]:
    """A document file as TinyDB reads it: the document and its findings, one write."""
    body: dict[str, Any] = {"document": {"1": document_to_dict(doc)}}
    if report is not None:
        body["report"] = {"1": report_to_dict(report)}
    return body


def _record(doc: Document, report: Report | None) -> dict[str, Any]:
    return {
        "sha256": doc.source.sha256,
        "path": doc.source.path,
        "department": doc.meta.department,
        "year": doc.meta.year,
        "kind": doc.meta.kind,
        "scope": doc.meta.scope,
        "tables": len(doc.tables),
        "cards": len(doc.cards),
        "claims": len(doc.claims),
        "figures": doc.figure_count(),
        "warnings": len(doc.warnings),
        "errors": report.count(Severity.ERROR) if report else None,
        "parser_version": doc.parser_version,
        "ingested_at": datetime.now(UTC).isoformat(timespec="microseconds"),  # orders versions
        "parts": [p.sha256 for p in doc.parts],
    }


def _summary(record: Any) -> DocumentSummary:
    fields = {k: record[k] for k in DocumentSummary.__dataclass_fields__ if k in record}
    fields["parts"] = tuple(fields.get("parts") or ())
    return DocumentSummary(**fields)
