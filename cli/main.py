"""`budget-review`: ingest, check and dump disclosures.

Bad input ends in one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from budget_review.model import Document
from budget_review.model.serialize import document_to_dict
from budget_review.parsers import InputError, is_pdf, parse_bytes, read_input
from budget_review.store import Store, StoreBusy, default_store_path, peek

PROG = "budget-review"
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Review Chinese government budget disclosures (部门预算/决算公开).",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="store folder (default: $BUDGET_REVIEW_DB, else the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ingest = commands.add_parser("ingest", help="parse files and keep them in the store")
    ingest.add_argument("files", nargs="+", metavar="FILE")
    _jobs_option(ingest)
    _engine_option(ingest)
    ingest.add_argument(
        "--no-progress", action="store_true", help="no progress bar on stderr while reading PDFs"
    )
    dump = commands.add_parser("dump", help="print a parsed document as JSON")
    dump.add_argument("file", metavar="FILE")
    dump.add_argument("--format", choices=["json"], default="json")
    _jobs_option(dump)
    _engine_option(dump)
    check = commands.add_parser("check", help="run the reconciliation checks and report")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--format", choices=["text", "json", "md"], default="text")
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "never"],
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    check.add_argument("--lang", choices=["zh", "en"], default="zh", help="message language")
    _jobs_option(check)
    _engine_option(check)
    open_ = commands.add_parser("open", help="open files in the review app (ingesting as needed)")
    open_.add_argument("files", nargs="*", metavar="FILE")
    _app_options(open_)
    checklist = commands.add_parser(
        "checklist", help="the 公开情况检查表: one row per required part, 是/否, problems"
    )
    checklist.add_argument("file", metavar="FILE")
    checklist.add_argument(
        "-o", "--output", metavar="OUT", help="OUT.md or OUT.xlsx (default: Markdown on stdout)"
    )
    checklist.add_argument("--lang", choices=["zh", "en"], default="zh")
    _jobs_option(checklist)
    notes = commands.add_parser("notes", help="reviewers' notes")
    notes_commands = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    export = notes_commands.add_parser("export", help="the notes as a Markdown report")
    export.add_argument("--doc", metavar="ID", help="one document: a sha256 prefix (default: all)")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    export.add_argument(
        "--include-findings", action="store_true", help="append open findings that have no note"
    )
    export.add_argument("--lang", choices=["zh", "en"], default="zh")
    commands.add_parser("list", help="list the documents in the store")
    return parser


def _jobs_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=None,
        metavar="N",
        help="processes reading PDF pages (default: the available cores)",
    )


def _engine_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--pdf-engine",
        choices=["pdfium", "pdfminer"],
        default=None,
        help="what reads a PDF's characters and rulings (default: pdfium; "
        "a file already in the store is not read again)",
    )


def _app_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--lang", choices=["zh", "en"], default=None, help="interface language")
    command.add_argument(
        "--no-mouse",
        action="store_true",
        help="leave the mouse to the terminal, so that text can be selected",
    )
    _jobs_option(command)
    _engine_option(command)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of jobs, 1 or more: {text!r}")
    return value


def _store(args: argparse.Namespace) -> Store:
    return Store(args.db) if args.db else Store()


def cmd_dump(args: argparse.Namespace) -> int:
    data = read_input(args.file)
    doc = _stored_copy(args, data) or parse_bytes(args.file, data, args.jobs)
    json.dump(document_to_dict(doc), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    for warning in doc.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _stored_copy(args: argparse.Namespace, data: bytes) -> Document | None:
    return peek(Path(args.db) if args.db else default_store_path(), data)


def cmd_ingest(args: argparse.Namespace) -> int:
    from budget_review.checks import Severity, run_checks
    from budget_review.cli.progress import PageProgress

    # Read and parse every file first, so that one bad file leaves the store unchanged.
    parsed = []
    with PageProgress(enabled=not args.no_progress) as progress:
        for name in args.files:
            start = time.perf_counter()
            data = read_input(name)
            doc = _stored_copy(args, data)
            if doc is None:
                report = progress.task(Path(name).name) if is_pdf(data) else None
                doc = parse_bytes(name, data, args.jobs, report)
            parsed.append((doc, time.perf_counter() - start))
    with _store(args) as store:
        for doc, seconds in parsed:
            findings = run_checks(doc)
            added = store.add(doc, findings)
            if not added and store.load_report(doc.source.sha256) is None:
                store.save_report(doc.source.sha256, findings)
            meta = doc.meta
            what = f"{meta.department or '?'} {meta.year or '?'} {meta.kind or '?'}"
            counts = (
                f"{len(doc.tables)} tables, {doc.figure_count()} figures, "
                f"{len(doc.cards)} cards, {len(doc.claims)} claims; "
                f"{findings.count(Severity.ERROR)} errors, "
                f"{findings.count(Severity.WARNING)} warnings, "
                f"{findings.count(Severity.TAIL)} tails"
            )
            verb = "stored" if added else "already stored"
            print(
                f"{verb} {Path(doc.source.path).name}: {what}: {counts} "
                f"[{doc.source.sha256[:12]}] ({seconds:.2f} s)"
            )
            for warning in doc.warnings:
                print(f"  warning: {warning}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from budget_review.checks import Severity, run_checks
    from budget_review.cli import report

    # Read every file first: a bad one ends the run before any report is printed.
    docs = []
    for name in args.files:
        data = read_input(name)
        docs.append(_stored_copy(args, data) or parse_bytes(name, data, args.jobs))
    pairs = [(doc, run_checks(doc)) for doc in docs]
    if args.format == "json":
        print(report.as_json(pairs, args.lang))
    else:
        render = report.markdown if args.format == "md" else report.text
        print("\n\n".join(render(doc, result, args.lang) for doc, result in pairs))
    if args.fail_on == "never":
        return 0
    threshold = Severity(args.fail_on).rank
    failing = any(f.severity.rank >= threshold for _, result in pairs for f in result.findings)
    return 1 if failing else 0


def cmd_notes(args: argparse.Namespace) -> int:
    from budget_review.reports.notes_markdown import Reviewed, export
    from budget_review.store import NoteBook

    with _store(args) as store:
        if args.doc:
            sha = store.resolve(args.doc)
            if sha is None:
                raise InputError(args.doc, "no single document in the store has this id")
            shas = [sha]
        else:
            shas = [s.sha256 for s in store.list()]
        book = NoteBook(store.root)
        reviews = []
        for sha in shas:
            document, findings = store.load_with_report(sha)
            notes = book.for_document(document)
            if notes or args.doc:
                reviews.append(Reviewed(document, findings, notes))
    markdown = export(reviews, args.lang, args.include_findings)
    if args.output:
        Path(args.output).write_text(markdown, encoding="utf-8")
        count = sum(len(r.notes) for r in reviews)
        print(f"wrote {count} notes on {len(reviews)} documents to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(markdown)
    return 0


def cmd_checklist(args: argparse.Namespace) -> int:
    from budget_review.checks import run_checks
    from budget_review.reports import checklist
    from budget_review.store import NoteBook

    data = read_input(args.file)
    doc = _stored_copy(args, data) or parse_bytes(args.file, data, args.jobs)
    root = Path(args.db) if args.db else default_store_path()
    notes = NoteBook(root).for_document(doc) if (root / "notes.json").is_file() else []
    rows = checklist.build(doc, run_checks(doc), notes, args.lang)
    if args.output and args.output.lower().endswith(".xlsx"):
        checklist.xlsx(doc, rows, Path(args.output), args.lang)
    elif args.output:
        Path(args.output).write_text(checklist.markdown(doc, rows, args.lang), encoding="utf-8")
    else:
        sys.stdout.write(checklist.markdown(doc, rows, args.lang))
        return 0
    failing = sum(1 for r in rows if not r.meets)
    print(f"wrote {len(rows)} rows ({failing} 否) to {args.output}", file=sys.stderr)
    return 0


def bundled_sample() -> Path:
    return Path(__file__).resolve().parent.parent / "samples" / "jincheng-hrss-2026-budget.txt"


def cmd_open(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files] or [bundled_sample()]
    for path in files:
        read_input(path)  # a missing or empty file is refused before the screen changes
    from budget_review.tui.app import ReviewApp  # the UI loads only when asked for

    app = ReviewApp(files, Path(args.db) if args.db else None, args.lang, args.jobs)
    # The benchmark's ready-and-exit run has no terminal to draw on.
    app.run(mouse=not args.no_mouse, headless=bool(os.environ.get("BUDGET_REVIEW_EXIT_WHEN_READY")))
    return app.return_code or 0


def cmd_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        rows = store.list()
        if not rows:
            print(f"no documents in {store.root}")
        for s in rows:
            print(
                f"{s.sha256[:12]}  {s.department or '?'}  {s.year or '?'}  {s.kind or '?'}  "
                f"{s.tables} tables  {s.cards} cards  {Path(s.path).name}"
            )
    return 0


COMMANDS = {
    "check": cmd_check,
    "checklist": cmd_checklist,
    "dump": cmd_dump,
    "ingest": cmd_ingest,
    "list": cmd_list,
    "notes": cmd_notes,
    "open": cmd_open,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # No command: the review app on the bundled sample.
        args = parser.parse_args([*(argv or sys.argv[1:]), "open"])
    if getattr(args, "pdf_engine", None):
        from budget_review.parsers.pdf import ENGINE_VARIABLE

        os.environ[ENGINE_VARIABLE] = args.pdf_engine  # the default for every PDF read in this run
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreBusy as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (NotADirectoryError, PermissionError) as exc:
        print(f"{PROG}: store: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a reader's bug must not show a traceback to a reviewer
        if os.environ.get("BUDGET_REVIEW_DEBUG"):
            raise
        print(f"{PROG}: could not process the input: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
