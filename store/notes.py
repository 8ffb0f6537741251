"""Reviewers' notes: kept in the store, written at once, attached to stable figure keys.

A note names its target by what survives re-parsing: the table number, row key
and column of a figure (not its position), a card's name, a finding's rule and
figures. Notes belong to a document by sha256 and, for corrected versions, by
its identity (department, year, kind, scope); a note whose target is gone is
kept and shown as orphaned with the value it last had.
"""

from __future__ import annotations

import getpass
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from budget_review.model import Document
from budget_review.store.storage import AtomicJSONStorage, write_lock
from tinydb import Query, TinyDB


class Category(StrEnum):
    PROBLEM = "problem"  # 问题
    QUESTION = "question"  # 疑问
    SUGGESTION = "suggestion"  # 建议
    VERIFIED = "verified"  # 已核实


CATEGORY_ZH = {
    Category.PROBLEM: "问题",
    Category.QUESTION: "疑问",
    Category.SUGGESTION: "建议",
    Category.VERIFIED: "已核实",
}
CATEGORY_EN = {c: c.value for c in Category}


@dataclass(frozen=True)
class Target:
    """What a note is about. `kind` is figure, finding, card or table."""

    kind: str
    table: int | None = None
    row: str | None = None
    column: str | None = None
    card: str | None = None
    finding: str | None = None  # the finding's id
    rule: str | None = None
    # (table, row key, column) of each table figure a finding involves
    figures: tuple[tuple[int, str, str], ...] = ()

    def label(self) -> str:
        if self.kind == "figure":
            return f"表{self.table} {self.row} / {self.column}"
        if self.kind == "table":
            return f"表{self.table}"
        if self.kind == "card":
            return f"card {self.card}"
        if self.figures:
            table, row, column = self.figures[0]
            return f"{self.rule} 表{table} {row} / {column}"
        return f"{self.rule} {self.finding}"


@dataclass
class Note:
    id: str
    document: str  # sha256 of the document it was written on
    identity: str  # department|year|kind|scope, to follow corrected versions
    target: Target
    text: str
    category: Category = Category.PROBLEM
    status: str = "open"  # open | resolved
    author: str = ""
    created: str = ""
    updated: str = ""
    last_value: str | None = None  # the figure as printed when the note was saved
    deleted: bool = False
    orphaned: bool = field(default=False, compare=False)  # set when read against a document


def identity_of(doc: Document) -> str:
    meta = doc.meta
    return "|".join(str(x or "") for x in (meta.department, meta.year, meta.kind, meta.scope))


def default_author() -> str:
    try:
        return os.environ.get("BUDGET_REVIEW_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        return ""


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _to_record(note: Note) -> dict[str, Any]:
    record = asdict(note)
    record["target"]["figures"] = [list(f) for f in note.target.figures]
    record["category"] = note.category.value
    record.pop("orphaned")
    return record


def _from_record(record: dict[str, Any]) -> Note:
    target = dict(record["target"])
    target["figures"] = tuple(tuple(f) for f in target.get("figures", ()))
    fields = {k: v for k, v in record.items() if k in Note.__dataclass_fields__}
    fields["target"] = Target(**target)
    fields["category"] = Category(record.get("category", "problem"))
    return Note(**fields)


class NoteBook:
    """The store's notes.json: every write takes the store's lock, then rewrites atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "notes.json"

    @contextmanager
    def _locked(self) -> Iterator[TinyDB]:
        with write_lock(self.root):
            db = TinyDB(self.path, storage=AtomicJSONStorage)
            try:
                yield db
            finally:
                db.close()

    def all(self, include_deleted: bool = False) -> list[Note]:
        if not self.path.exists():
            return []
        db = TinyDB(self.path, storage=AtomicJSONStorage)
        try:
            notes = [_from_record(r) for r in db.table("notes").all()]
        finally:
            db.close()
        return [n for n in notes if include_deleted or not n.deleted]

    def save(self, note: Note) -> Note:
        """Write one note now; returns it with its times set."""
        stamp = now()
        saved = replace(note, updated=stamp, created=note.created or stamp)
        with self._locked() as db:
            db.table("notes").upsert(_to_record(saved), Query().id == saved.id)
        return saved

    def delete(self, note: Note) -> Note:
        """Mark deleted (kept on disk, so that undo works and nothing is lost by a slip)."""
        return self.save(replace(note, deleted=True))

    def restore(self, note: Note) -> Note:
        return self.save(replace(note, deleted=False))

    def for_document(self, doc: Document) -> list[Note]:
        """The notes of this document and of earlier versions of it, re-attached to it."""
        identity = identity_of(doc)
        sha = doc.source.sha256
        attached = []
        for note in self.all():
            if note.document != sha and not (identity.strip("|") and note.identity == identity):
                continue
            attached.append(replace(note, orphaned=not target_exists(doc, note.target)))
        return attached


def new_note(
    doc: Document, target: Target, text: str, category: Category, value: str | None
) -> Note:
    return Note(
        id=uuid.uuid4().hex[:12],
        document=doc.source.sha256,
        identity=identity_of(doc),
        target=target,
        text=text,
        category=category,
        author=default_author(),
        last_value=value,
    )


def target_exists(doc: Document, target: Target) -> bool:
    if target.kind in {"figure", "table"}:
        table = next((t for t in doc.tables if t.number == target.table), None)
        if table is None:
            return False
        if target.kind == "table":
            return True
        row = next((r for r in table.rows if r.key == target.row), None)
        return row is not None and target.column in row.figures
    if target.kind == "card":
        return any(c.name == target.card for c in doc.cards)
    if target.kind == "finding":
        return all(target_exists(doc, Target("figure", t, r, c)) for t, r, c in target.figures)
    return False
