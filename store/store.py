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

from budget_review.model import Document, Report, Severity
from budget_review.model.serialize import (
    document_from_dict,
    document_to_dict,
    report_from_dict,
    report_to_dict,
)
from budget_review.store.storage import AtomicJSONStorage, write_lock
from platformdirs import user_data_dir
from tinydb import Query, TinyDB

ENV_VAR = "BUDGET_REVIEW_DB"


def default_store_path() -> Path:
    """--db wins over BUDGET_REVIEW_DB, which wins over the user data folder."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path(user_data_dir("budget-review", appauthor=False))


@dataclass(frozen=True)
class DocumentSummary:
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
            raise NotADirectoryError(f"{self.root} is a file; the store is a folder")
        self.docs_dir = self.root / "documents"
        self.index = TinyDB(self.root / "index.json", storage=AtomicJSONStorage)
        self.documents = self.index.table("documents")

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
        sha = doc.source.sha256
        if not replace and self.contains(sha, doc.parser_version):
            return False
        with write_lock(self.root):
            return self._add(doc, report)

    def _add(self, doc: Document, report: Report | None) -> bool:
        sha = doc.source.sha256
        body = TinyDB(self._doc_path(sha), storage=AtomicJSONStorage)
        try:
            body.drop_tables()
            body.table("document").insert(document_to_dict(doc))
            if report is not None:
                body.table("report").insert(report_to_dict(report))
        finally:
            body.close()
        record = {
            "sha256": sha,
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
            "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "parts": [p.sha256 for p in doc.parts],
        }
        self.documents.upsert(record, Query().sha256 == sha)
        return True

    def remove(self, sha256: str) -> None:
        """Forget a document (its notes stay in the notebook): when its file turns out to be
        half of a publication, the publication is stored in its place."""
        with write_lock(self.root):
            self.documents.remove(Query().sha256 == sha256)
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

    def load(self, sha256: str) -> Document:
        return self.load_with_report(sha256)[0]

    def load_with_report(self, sha256: str) -> tuple[Document, Report | None]:
        """The document and its stored findings (of whatever checks version), from one read."""
        path = self._doc_path(sha256)
        if not path.exists():
            raise KeyError(sha256)
        body = TinyDB(path, storage=AtomicJSONStorage)
        try:
            records = body.table("document").all()
            reports = body.table("report").all()
        finally:
            body.close()
        if not records:
            raise KeyError(sha256)
        report = report_from_dict(reports[0]) if reports else None
        return document_from_dict(records[0]), report

    def save_report(self, sha256: str, report: Report) -> None:
        with write_lock(self.root):
            body = TinyDB(self._doc_path(sha256), storage=AtomicJSONStorage)
            try:
                table = body.table("report")
                table.truncate()
                table.insert(report_to_dict(report))
            finally:
                body.close()

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


def _summary(record: Any) -> DocumentSummary:
    fields = {k: record[k] for k in DocumentSummary.__dataclass_fields__ if k in record}
    fields["parts"] = tuple(fields.get("parts") or ())
    return DocumentSummary(**fields)
