"""The review pipeline: one way from a file to a checked, stored document."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from budget_review.checks import CHECKS_VERSION
from budget_review.model import Address, Document, InputError
from budget_review.model.serialize import document_to_dict
from budget_review.review import (
    InputErrors,
    bundled_sample,
    noted_documents,
    open_all_for_review,
    open_for_review,
    read_for_review,
)
from budget_review.store import Category, NoteBook, Store, Target, new_note

from tests.conftest import JINCHENG_TXT

HEAVY = (
    "budget_review.parsers.reader",
    "budget_review.parsers.text_dump",
    "budget_review.parsers.pdf",
    "budget_review.checks.run",
    "budget_review.checks.within",
    "rich",
    "pdfplumber",
)


def _modules_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return set(result.stdout.split())


def test_a_new_file_is_parsed_checked_and_stored(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        reviewed = open_for_review(store, JINCHENG_TXT)
        assert not reviewed.cached
        assert reviewed.report.checks_version == CHECKS_VERSION
        stored, report = store.load_with_report(reviewed.sha)
    assert document_to_dict(stored) == document_to_dict(reviewed.document)
    assert report is not None and report.findings == reviewed.report.findings


def test_a_cached_open_loads_neither_the_readers_nor_the_rules(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        open_for_review(store, JINCHENG_TXT)
    modules = _modules_after(
        "from budget_review.review import open_for_review\n"
        "from budget_review.store import Store\n"
        f"with Store({str(tmp_path)!r}) as store:\n"
        f"    reviewed = open_for_review(store, {str(JINCHENG_TXT)!r})\n"
        "assert reviewed.cached and reviewed.report.findings\n"
    )
    assert not [m for m in modules if m.startswith(HEAVY)]


def test_a_cached_open_reads_the_stored_document_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from budget_review.store import store as store_module

    with Store(tmp_path) as store:
        open_for_review(store, JINCHENG_TXT)
        reads: list[str] = []
        real = store_module.document_from_dict

        def counting(data: dict[str, object]) -> Document:
            reads.append("document")
            return real(data)

        monkeypatch.setattr(store_module, "document_from_dict", counting)
        reviewed = open_for_review(store, JINCHENG_TXT)
    assert reviewed.cached and reads == ["document"]


def test_findings_from_other_checks_are_computed_again_and_kept(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        first = open_for_review(store, JINCHENG_TXT)
        store.save_report(first.sha, replace(first.report, checks_version="0", findings=[]))
        again = open_for_review(store, JINCHENG_TXT)
        assert again.cached and again.report_is_new
        assert len(again.report.findings) == len(first.report.findings)
        _, kept = store.load_with_report(first.sha)
    assert kept is not None and kept.checks_version == CHECKS_VERSION


def test_reading_never_writes_the_store(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        reviewed = read_for_review(JINCHENG_TXT, store)
        assert store.list() == []
    assert not reviewed.cached


def test_one_bad_file_stores_nothing_and_every_bad_file_is_named(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.pdf"
    with Store(tmp_path / "db") as store:
        with pytest.raises(InputErrors) as raised:
            open_all_for_review(store, [JINCHENG_TXT, empty, missing])
        assert store.list() == []
    assert [e.path for e in raised.value.errors] == [str(empty), str(missing)]


def test_notes_export_reads_only_the_documents_the_notes_name(
    tmp_path: Path, jincheng: Document
) -> None:
    with Store(tmp_path) as store:
        noted = open_for_review(store, JINCHENG_TXT).document
        # Another document in the store, without notes, whose file is unreadable.
        other = replace(jincheng, source=replace(jincheng.source, sha256="e" * 64))
        other.meta = replace(jincheng.meta, department="另一个部门")
        store.add(other)
        (tmp_path / "documents" / f"{'e' * 64}.json").write_text("{not json", encoding="utf-8")
        NoteBook(tmp_path).save(
            new_note(noted, Target.of(Address(table=3)), "看一下", Category.QUESTION, None)
        )
        reviews = noted_documents(store)
    assert [r.document.source.sha256 for r in reviews] == [noted.source.sha256]
    assert [n.text for n in reviews[0].notes] == ["看一下"]


def test_an_unknown_document_id_is_an_input_error(tmp_path: Path) -> None:
    with Store(tmp_path) as store, pytest.raises(InputError):
        noted_documents(store, "ffff")


def test_the_bundled_sample_ships_inside_the_package() -> None:
    sample = bundled_sample()
    assert sample.is_file() and sample.name.endswith(".txt")
    import budget_review.samples

    assert sample.parent == Path(budget_review.samples.__file__).parent


def test_cached_check_and_ingest_from_the_command_line_load_no_reader(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "budget-review"
    db = str(tmp_path / "db")
    subprocess.run([str(script), "--db", db, "ingest", str(JINCHENG_TXT)], check=True, timeout=120)
    for argv in (
        ["--db", db, "check", "--format", "json", str(JINCHENG_TXT)],
        ["--db", db, "ingest", "--no-progress", str(JINCHENG_TXT)],
    ):
        modules = _modules_after(
            "import contextlib, io\n"
            "from budget_review.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main({argv!r}) in (0, 1)\n"
        )
        assert not [m for m in modules if m.startswith(HEAVY)], argv


def test_check_json_counts_the_comparisons_of_each_rule(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "budget-review"
    result = subprocess.run(
        [str(script), "--db", str(tmp_path), "check", "--format", "json", str(JINCHENG_TXT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    document = json.loads(result.stdout)["documents"][0]
    assert document["comparisons"]["W1"] > 100
    assert all(isinstance(n, int) for n in document["comparisons"].values())


def test_messages_are_chinese_unless_english_is_asked_for(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "budget-review"
    missing = str(tmp_path / "nope.txt")
    zh = subprocess.run([str(script), "dump", missing], capture_output=True, text=True)
    en = subprocess.run(
        [str(script), "dump", "--lang", "en", missing], capture_output=True, text=True
    )
    assert zh.returncode == en.returncode == 2
    assert zh.stderr.strip() == f"budget-review: {missing}: 没有这个文件"
    assert en.stderr.strip() == f"budget-review: {missing}: no such file"


def test_not_checked_reasons_come_in_both_languages(jincheng: Document) -> None:
    from budget_review.checks import run_checks

    ledger = run_checks(jincheng).not_checked
    assert ledger
    for item in ledger:
        assert item.reason.zh and item.reason.en and item.reason.zh != item.reason.en
        assert item.title.zh and item.title.en
