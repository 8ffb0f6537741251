"""Reviewers' notes: kept in the store, written at once, attached to stable figure keys.

A note names its target by what survives re-parsing: the table number, row key
and column of a figure (not its position), a card's name, a finding's rule and
figures. Notes belong to a document by sha256 and, for corrected versions, by
its identity (department, year, kind, scope); a note whose target is gone is
kept and shown as orphaned with the value it last had.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from budget_review.model import Address, Document, Text, words
from budget_review.model.serialize import address_from_dict, address_to_dict
from budget_review.store.storage import (
    DamagedFile,
    StoreError,
    read_json,
    set_aside,
    write_json,
    write_lock,
)


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
    """A reviewer's note on a place in a document, kept across re-parses of it."""

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
    revision: int = 0  # how many times it was saved: two writers never undo each other
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


# What a reviewer edits; the rest is set by the notebook or never changes.
EDITABLE = ("text", "category", "status", "deleted", "target", "last_value")


class NoteConflict(StoreError):
    """Another writer changed the same field of this note to something else meanwhile."""

    def __init__(self, path: Path, mine: Note, theirs: Note, fields: list[str]) -> None:
        super().__init__(path, words("store.note_conflict", fields="、".join(fields)))
        self.mine = mine
        self.theirs = theirs
        self.fields = fields


class NoteBook:
    """The store's notes.json: every write takes the store's lock, reads the stored notes,
    merges and rewrites atomically.

    A save names the version it started from (`base`): fields this writer did not change
    keep what another writer saved meanwhile, and a field both changed differently is a
    conflict the caller shows, never a silent overwrite.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "notes.json"
        self.problems: list[Text] = []  # records that could not be read, and repairs

    def _records(self) -> dict[str, dict[str, Any]]:
        """The stored records by TinyDB id; a damaged file is set aside, what can be read
        of it recovered."""
        try:
            data = read_json(self.path)
        except DamagedFile:
            records = _salvage(self.path.read_text(encoding="utf-8", errors="replace"))
            kept = set_aside(self.path)
            write_json(self.path, {"notes": records})
            self.problems.append(words("store.notes_recovered", kept=kept.name, count=len(records)))
            return records
        if not isinstance(data, dict):
            return {}
        table = data.get("notes", {})
        return table if isinstance(table, dict) else {}

    def all(self, include_deleted: bool = False) -> list[Note]:
        if not self.path.exists():
            return []
        notes = []
        for key, record in self._records().items():
            try:
                notes.append(_from_record(record))
            except (KeyError, TypeError, ValueError) as exc:
                self.problems.append(words("store.note_unreadable", n=key, problem=exc))
        return [n for n in notes if include_deleted or not n.deleted]

    def save(self, note: Note, base: Note | None = None) -> Note:
        """Write one note now, merged with what is stored; returns it as stored.

        `base` is the note as it was before this edit (None for a new note, or to
        overwrite). Raises `NoteConflict` when another writer changed a field this
        edit changes too, to another value.
        """
        stamp = now()
        with write_lock(self.root):
            records = self._records() if self.path.exists() else {}
            key = next((k for k, r in records.items() if r.get("id") == note.id), None)
            stored = _from_record(records[key]) if key is not None else None
            merged = note
            if stored is not None and base is not None and stored.revision != base.revision:
                merged = _merge(self.path, note, base, stored)
            revision = max(note.revision, stored.revision if stored else 0) + 1
            saved = replace(merged, updated=stamp, created=note.created or stamp, revision=revision)
            if key is None:
                key = str(max((int(k) for k in records), default=0) + 1)
            records[key] = _to_record(saved)
            write_json(self.path, {"notes": records})
        return saved

    def delete(self, note: Note) -> Note:
        """Mark deleted (kept on disk, so that undo works and nothing is lost by a slip);
        only that: what another writer changed meanwhile stays."""
        return self.save(replace(note, deleted=True), base=replace(note, deleted=False))

    def restore(self, note: Note) -> Note:
        return self.save(replace(note, deleted=False), base=replace(note, deleted=True))

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


def _merge(path: Path, mine: Note, base: Note, theirs: Note) -> Note:
    """This writer's changes onto what another writer stored since `base`."""
    merged = theirs
    conflicts = []
    for name in EDITABLE:
        before, ours, stored = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if ours == before:
            continue  # not ours to change: keep theirs
        if stored not in (before, ours):
            conflicts.append(name)
        merged = replace(merged, **{name: ours})
    if conflicts:
        raise NoteConflict(path, mine, theirs, conflicts)
    return merged


_RECORD_START = re.compile(r'"(\d+)"\s*:\s*\{')


def _salvage(text: str) -> dict[str, dict[str, Any]]:
    """The note records that are whole in a damaged notes.json (a truncated write)."""
    decoder = json.JSONDecoder()
    found: dict[str, dict[str, Any]] = {}
    for match in _RECORD_START.finditer(text):
        try:
            record, _ = decoder.raw_decode(text, match.end() - 1)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and "id" in record and "target" in record:
            found[match.group(1)] = record
    return found


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
    if kind == "paragraph" and at.field == "heading":
        return any(f"s{s.number}" == at.paragraph and s.heading for s in doc.sections)
    if kind == "paragraph":
        return any(
            s.paragraph_key(i) == at.paragraph
            for s in doc.sections
            for i in range(len(s.paragraphs))
        )
    return False
