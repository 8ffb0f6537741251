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

from budget_review.model import Address, Document, Text, words
from budget_review.model.serialize import address_from_dict, address_to_dict
from budget_review.store.storage import AtomicJSONStorage, write_lock
from tinydb import Query, TinyDB


class Category(StrEnum):
    PROBLEM = "problem"  # 问题
    QUESTION = "question"  # 疑问
    SUGGESTION = "suggestion"  # 建议
    VERIFIED = "verified"  # 已核实

    @property
    def text(self) -> Text:
        return words(f"category.{self.value}")


@dataclass(frozen=True)
class Target:
    """What a note is about: a figure, table, card, paragraph or claim (its `at`), or a finding.

    A note on a finding names the finding by id and keeps the addresses of the
    figures it involves, so that it is placed with them when the finding changes.
    """

    kind: str  # figure | table | card | paragraph | claim | finding
    at: Address = field(default_factory=Address)
    finding: str | None = None  # the finding's id
    rule: str | None = None
    figures: tuple[Address, ...] = ()

    @classmethod
    def of(cls, at: Address) -> Target:
        kind = at.kind
        return cls("figure" if kind == "row" else kind, at)

    @property
    def place(self) -> Address:
        """Where the note stands: its address, or a finding's first figure."""
        if self.kind == "finding" and self.figures:
            return self.figures[0]
        return self.at

    def label(self, lang: str = "zh") -> str:
        if self.kind == "finding":
            where = self.figures[0].label(lang) if self.figures else self.finding or ""
            return f"[{self.rule}] {where}"
        return self.at.label(lang)


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


def _target_record(target: Target) -> dict[str, Any]:
    # Flat, as notes.json has always stored it, so that older stores keep their notes.
    return {
        "kind": target.kind,
        **address_to_dict(target.at),
        "finding": target.finding,
        "rule": target.rule,
        "figures": [[f.table, f.row, f.column] for f in target.figures],
    }


def _target_from_record(data: dict[str, Any]) -> Target:
    return Target(
        kind=data["kind"],
        at=address_from_dict(data),
        finding=data.get("finding"),
        rule=data.get("rule"),
        figures=tuple(Address(table=t, row=r, column=c) for t, r, c in data.get("figures", ())),
    )


def _to_record(note: Note) -> dict[str, Any]:
    record = asdict(note)
    record["target"] = _target_record(note.target)
    record["category"] = note.category.value
    record.pop("orphaned")
    return record


def _from_record(record: dict[str, Any]) -> Note:
    fields = {k: v for k, v in record.items() if k in Note.__dataclass_fields__}
    fields["target"] = _target_from_record(record["target"])
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

    def for_document(self, doc: Document, notes: list[Note] | None = None) -> list[Note]:
        """The notes of this document and of earlier versions of it, re-attached to it.

        `notes` are the book's notes when the caller has read them already.
        """
        identity = identity_of(doc)
        sha = doc.source.sha256
        attached = []
        for note in self.all() if notes is None else notes:
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
    if target.kind == "finding":
        return all(address_exists(doc, at) for at in target.figures)
    return address_exists(doc, target.at)


def address_exists(doc: Document, at: Address) -> bool:
    kind = at.kind
    if kind in {"figure", "row", "table"}:
        table = next((t for t in doc.tables if t.number == at.table), None)
        if table is None or kind == "table":
            return table is not None
        row = next((r for r in table.rows if r.key == at.row), None)
        return row is not None and (kind == "row" or at.column in row.figures)
    if kind == "card":
        return any(c.name == at.card for c in doc.cards)
    if kind == "claim":
        return any(c.key == at.claim for c in doc.claims)
    if kind == "paragraph":
        return any(
            s.paragraph_key(i) == at.paragraph
            for s in doc.sections
            for i in range(len(s.paragraphs))
        )
    return False
