"""The documents the notes name, and only those: exporting notes never loads the whole store."""

from __future__ import annotations

from dataclasses import dataclass

from budget_review.model import Document, InputError, Report, words
from budget_review.review.pipeline import open_stored
from budget_review.store import Note, NoteBook, Store


@dataclass
class NotedDocument:
    """A stored document with its findings and the notes written on it."""

    document: Document
    report: Report | None
    notes: list[Note]


def noted_documents(store: Store, document: str | None = None) -> list[NotedDocument]:
    """Each stored document that has notes (or the one named by a sha256 prefix), with them.

    A note belongs to the document it was written on and to later versions of it
    (same department, year, kind and scope); only those documents are read.
    """
    book = NoteBook(store.root)
    notes = book.all()
    summaries = store.list()
    if document is not None:
        sha = store.resolve(document)
        if sha is None:
            raise InputError(document, words("cli.no_such_document"))
        summaries = [s for s in summaries if s.sha256 == sha]
    # Each note goes with one document: the newest stored version of the one it was
    # written on (same department, year, kind and scope), so that an export after a
    # corrected document was stored lists it once, against the figures as they are now.
    newest: dict[str, str] = {}
    for summary in sorted(summaries, key=lambda s: s.ingested_at):
        if summary.identity.strip("|"):
            newest[summary.identity] = summary.sha256
    by_sha = {s.sha256: s for s in summaries}
    home: dict[str, list[Note]] = {}
    for note in notes:
        known = note.identity.strip("|") and note.identity in newest
        sha = newest[note.identity] if known else note.document
        if sha in by_sha:
            home.setdefault(sha, []).append(note)
    named = [s for s in summaries if document is not None or s.sha256 in home]
    result = []
    for summary in named:
        reviewed = open_stored(store, summary.sha256)
        # a document asked for by name gets every note of its own and of its versions
        candidates = notes if document is not None else home.get(summary.sha256, [])
        mine = book.for_document(reviewed.document, candidates)
        if mine or document is not None:
            result.append(NotedDocument(reviewed.document, reviewed.report, mine))
    return result
