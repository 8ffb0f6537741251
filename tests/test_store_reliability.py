"""The store is never left changed by a failure, never littered by a killed write, and a
damaged file is named, set aside and rebuilt from what is intact."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from budget_review.checks import run_checks
from budget_review.model import Address, Document
from budget_review.store import Category, NoteBook, Store, Target, new_note, storage

from tests.conftest import JINCHENG_TXT
from tests.test_cli import run


def _stored(root: Path, doc: Document) -> Store:
    store = Store(root)
    store.add(doc, run_checks(doc))
    return store


def test_temporaries_of_killed_writes_are_removed_at_open(
    tmp_path: Path, jincheng: Document
) -> None:
    _stored(tmp_path, jincheng).close()
    left = [tmp_path / ".notes.json.k1ll3d.tmp", tmp_path / "documents" / ".abc.json.x.tmp"]
    for path in left:
        path.write_text("{half", encoding="utf-8")
    Store(tmp_path).close()
    assert not any(path.exists() for path in left)


def test_a_full_disk_during_a_write_leaves_no_document_behind(
    tmp_path: Path, jincheng: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = storage.os.replace

    def disk_full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", disk_full)
    store = Store(tmp_path)
    with pytest.raises(storage.StoreError, match="No space left on device"):
        store.add(jincheng, run_checks(jincheng))
    monkeypatch.setattr(storage.os, "replace", real_replace)
    assert list((tmp_path / "documents").glob("*.json")) == []
    assert list(tmp_path.rglob("*.tmp")) == []
    assert Store(tmp_path).list() == []


def test_a_truncated_index_is_rebuilt_from_the_documents(
    tmp_path: Path, jincheng: Document
) -> None:
    _stored(tmp_path, jincheng).close()
    index = tmp_path / "index.json"
    index.write_text(index.read_text(encoding="utf-8")[:40], encoding="utf-8")
    store = Store(tmp_path)
    assert [s.sha256 for s in store.list()] == [jincheng.source.sha256]
    assert "index.json" in store.repairs[0].zh
    assert list(tmp_path.glob("index.json.corrupt-*"))


def test_a_damaged_document_is_read_again_by_the_next_open(tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert run("ingest", str(JINCHENG_TXT), db=db).returncode == 0
    (doc_file,) = (db / "documents").glob("*.json")
    doc_file.write_text('{"document": {"1": {"source"', encoding="utf-8")
    # every command still works, and ingest mends the store
    listed = run("list", "--lang", "en", db=db)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    again = run("ingest", "--lang", "en", str(JINCHENG_TXT), db=db)
    assert again.returncode == 0, again.stderr
    checked = run("check", "--lang", "en", str(JINCHENG_TXT), db=db)
    assert checked.returncode in (0, 1) and "C2" in checked.stdout
    assert json.loads(doc_file.read_text(encoding="utf-8"))["document"]
    assert list((db / "documents").glob("*.corrupt-*"))


def test_a_truncated_notes_file_is_named_and_what_is_whole_is_kept(
    tmp_path: Path, jincheng: Document
) -> None:
    db = tmp_path / "db"
    assert run("ingest", str(JINCHENG_TXT), db=db).returncode == 0
    book = NoteBook(db)
    for text in ("第一条", "第二条", "第三条"):
        book.save(new_note(jincheng, Target.of(Address(table=1)), text, Category.PROBLEM, None))
    notes = db / "notes.json"
    whole = notes.read_text(encoding="utf-8")
    notes.write_text(whole[: whole.index("第三条")], encoding="utf-8")
    exported = run("notes", "export", db=db)
    assert exported.returncode == 0, exported.stderr
    assert "第一条" in exported.stdout and "第二条" in exported.stdout
    dumped = run("dump", str(JINCHENG_TXT), db=db)
    assert dumped.returncode == 0
    assert list(db.glob("notes.json.corrupt-*"))


def test_one_unreadable_note_record_does_not_block_the_others(
    tmp_path: Path, jincheng: Document
) -> None:
    db = tmp_path / "db"
    assert run("ingest", str(JINCHENG_TXT), db=db).returncode == 0
    book = NoteBook(db)
    book.save(new_note(jincheng, Target.of(Address(table=1)), "好的一条", Category.PROBLEM, None))
    book.save(new_note(jincheng, Target.of(Address(table=2)), "坏的一条", Category.PROBLEM, None))
    data = json.loads((db / "notes.json").read_text(encoding="utf-8"))
    bad = next(r for r in data["notes"].values() if r["text"] == "坏的一条")
    bad["category"] = "no such category"
    (db / "notes.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    exported = run("notes", "export", db=db)
    assert exported.returncode == 0, exported.stderr
    assert "好的一条" in exported.stdout
    checklist = run("checklist", str(JINCHENG_TXT), db=db)
    assert checklist.returncode == 0, checklist.stderr
    assert "好的一条" in checklist.stdout


def test_an_output_path_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "checklist.md"
    result = run("checklist", "--lang", "en", str(JINCHENG_TXT), "-o", str(target), db=tmp_path)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "cannot write" in line and str(target) in line and "No such file" in line
    assert "could not process the input" not in line
