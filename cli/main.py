"""`budget-review`: ingest, check, dump and review disclosures.

Every command reads files through the review pipeline. Bad input ends in one
line on stderr per file and exit code 2, never a traceback. Messages are in
Chinese unless `--lang en` (or BUDGET_REVIEW_LANG=en) asks for English.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from budget_review.model import Document, InputError, Severity, say
from budget_review.model.untrusted import printable
from budget_review.parsers import OCR_MODES, Progress
from budget_review.review import (
    InputErrors,
    Reviewed,
    bundled_sample,
    noted_documents,
    open_all_for_review,
)
from budget_review.store import Store, StoreError

PROG = "budget-review"
EXIT_BAD_INPUT = 2
LANG_VAR = "BUDGET_REVIEW_LANG"


def _default_lang() -> str:
    return "en" if os.environ.get(LANG_VAR, "").lower().startswith("en") else "zh"


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
    parser.add_argument(
        "--time-limit",
        type=_seconds,
        metavar="SECONDS",
        help="stop reading a document after this long (default: 60 s and 30 s a page; "
        "$BUDGET_REVIEW_TIME_LIMIT)",
    )
    parser.add_argument(
        "--size-limit",
        type=_seconds,
        metavar="MB",
        help="refuse files larger than this (default: 256 MB; $BUDGET_REVIEW_SIZE_LIMIT_MB)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ingest = commands.add_parser("ingest", help="parse files and keep them in the store")
    ingest.add_argument("files", nargs="+", metavar="FILE")
    _jobs_option(ingest)
    _lang_option(ingest)
    _engine_option(ingest)
    _ocr_option(ingest)
    ingest.add_argument(
        "--no-progress", action="store_true", help="no progress bar on stderr while reading PDFs"
    )
    dump = commands.add_parser("dump", help="print a parsed document as JSON")
    dump.add_argument("file", metavar="FILE")
    dump.add_argument("--format", choices=["json"], default="json")
    _jobs_option(dump)
    _lang_option(dump)
    _engine_option(dump)
    _ocr_option(dump)
    check = commands.add_parser("check", help="run the reconciliation checks and report")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--format", choices=["text", "json", "md"], default="text")
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "never"],
        default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )
    _lang_option(check)
    _jobs_option(check)
    _engine_option(check)
    _ocr_option(check)
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
    _lang_option(checklist)
    _jobs_option(checklist)
    _engine_option(checklist)
    _ocr_option(checklist)
    notes = commands.add_parser("notes", help="reviewers' notes")
    notes_commands = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    export = notes_commands.add_parser("export", help="the notes as a Markdown report")
    export.add_argument("--doc", metavar="ID", help="one document: a sha256 prefix (default: all)")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    export.add_argument(
        "--include-findings", action="store_true", help="append open findings that have no note"
    )
    _lang_option(export)
    survey = commands.add_parser(
        "survey", help="read and check a folder of disclosures: one row per document"
    )
    survey.add_argument("targets", nargs="+", metavar="DIR|FILE")
    survey.add_argument("--format", choices=["text", "json", "csv"], default="text")
    survey.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    survey.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    _jobs_option(survey, "processes, one document each (default: the available cores)")
    _engine_option(survey)
    _ocr_option(survey)
    _lang_option(survey)
    listing = commands.add_parser("list", help="list the documents in the store")
    _lang_option(listing)
    commands.add_parser("sample", help="print the path of the bundled sample disclosure")
    return parser


def _jobs_option(
    command: argparse.ArgumentParser,
    help: str = "processes reading PDF pages (default: the available cores)",
) -> None:
    command.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N", help=help)


def _lang_option(command: argparse.ArgumentParser, default: str | None = "") -> None:
    command.add_argument(
        "--lang",
        choices=["zh", "en"],
        default=_default_lang() if default == "" else default,
        help="language of messages and reports (default: zh, or $BUDGET_REVIEW_LANG)",
    )


def _engine_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--pdf-engine",
        choices=["pdfium", "pdfminer"],
        default=None,
        help="what reads a PDF's characters and rulings (default: pdfium; "
        "a file already in the store is not read again)",
    )


def _ocr_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--ocr",
        choices=OCR_MODES,
        default=None,
        help="which PDF pages are OCR'd: auto (the default: pages without a usable text "
        "layer), always, never (a file already in the store is not read again)",
    )


def _app_options(command: argparse.ArgumentParser) -> None:
    _lang_option(command, default=None)
    command.add_argument(
        "--no-mouse",
        action="store_true",
        help="leave the mouse to the terminal, so that text can be selected",
    )
    _jobs_option(command)
    _engine_option(command)
    _ocr_option(command)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of jobs, 1 or more: {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a number above 0: {text!r}")
    return value


def _limits(args: argparse.Namespace) -> None:
    """The limits asked for hold for the whole process (and the readers it starts)."""
    from budget_review.parsers.limits import SIZE_VARIABLE, TIME_VARIABLE

    if args.time_limit is not None:
        os.environ[TIME_VARIABLE] = f"{args.time_limit:g}"
    if args.size_limit is not None:
        os.environ[SIZE_VARIABLE] = f"{args.size_limit:g}"


def _store(args: argparse.Namespace) -> Store:
    return Store(args.db) if args.db else Store()


def _existing_store(args: argparse.Namespace) -> Store | None:
    """The store when there is one: reading commands use it as a cache but never create it."""
    return Store.existing(args.db)


def _read_only(
    args: argparse.Namespace,
    paths: Sequence[str],
    progress_for: Callable[[Path], Progress | None] | None = None,
) -> list[Reviewed]:
    store = _existing_store(args)
    try:
        return open_all_for_review(
            store,
            paths,
            args.jobs,
            progress_for,
            keep=False,
            engine=args.pdf_engine,
            ocr=args.ocr,
        )
    finally:
        if store is not None:
            store.close()


def cmd_dump(args: argparse.Namespace) -> int:
    from budget_review.model.serialize import document_to_dict

    (reviewed,) = _read_only(args, [args.file])
    document = reviewed.document
    json.dump(document_to_dict(document), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    for warning in document.warnings:
        print(
            printable(f"{say('cli.warning', args.lang)}: {warning.in_(args.lang)}"), file=sys.stderr
        )
    return 0


def _names(document: Document) -> str:
    """The file's name, or the names of a publication's files."""
    if document.parts:
        return " + ".join(document.file_name(i) for i in range(len(document.parts)))
    return document.file_name()


def cmd_ingest(args: argparse.Namespace) -> int:
    import time

    lang = args.lang
    with _store(args) as store:
        start = time.perf_counter()
        from budget_review.cli.progress import PageProgress

        with PageProgress(enabled=not args.no_progress) as progress:
            reviewed = open_all_for_review(
                store, args.files, args.jobs, progress.task, engine=args.pdf_engine, ocr=args.ocr
            )
        seconds = time.perf_counter() - start
        for item in reviewed:
            document, report = item.document, item.report
            meta = document.meta
            kind = say(f"kind.{meta.kind}", lang) if meta.kind else "?"
            what = f"{meta.department or '?'} {meta.year or '?'} {kind}"
            counts = say(
                "cli.counts",
                lang,
                tables=len(document.tables),
                figures=document.figure_count(),
                cards=len(document.cards),
                claims=len(document.claims),
                errors=report.count(Severity.ERROR),
                warnings=report.count(Severity.WARNING),
                tails=report.count(Severity.TAIL),
            )
            verb = say("cli.already" if item.cached else "cli.stored", lang)
            print(
                f"{verb} {_names(document)}: {what}: {counts} "
                f"[{item.sha[:12]}] ({seconds / len(reviewed):.2f} s)"
            )
            for warning in document.warnings:
                print(f"  {say('cli.warning', lang)}: {warning.in_(lang)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from budget_review.cli.progress import PageProgress
    from budget_review.reports import findings as report

    with PageProgress() as progress:  # OCR'd pages take seconds each: show them go by
        pairs = [(r.document, r.report) for r in _read_only(args, args.files, progress.task)]
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
    from budget_review.reports.notes_markdown import export

    with _store(args) as store:
        reviews = noted_documents(store, args.doc)
    markdown = export(reviews, args.lang, args.include_findings)
    if args.output:
        _write(args.output, markdown)
        count = sum(len(r.notes) for r in reviews)
        message = say(
            "cli.wrote_notes", args.lang, count=count, documents=len(reviews), path=args.output
        )
        print(message, file=sys.stderr)
    else:
        sys.stdout.write(markdown)
    return 0


def cmd_checklist(args: argparse.Namespace) -> int:
    from budget_review.reports import checklist
    from budget_review.store import NoteBook

    (reviewed,) = _read_only(args, [args.file])
    doc = reviewed.document
    store = _existing_store(args)
    notes = NoteBook(store.root).for_document(doc) if store is not None else []
    rows = checklist.build(doc, reviewed.report, notes, args.lang)
    if args.output and args.output.lower().endswith(".xlsx"):
        try:
            checklist.xlsx(doc, rows, Path(args.output), args.lang)
        except OSError as exc:
            raise OutputProblem(args.output, exc) from exc
    elif args.output:
        _write(args.output, checklist.markdown(doc, rows, args.lang))
    else:
        sys.stdout.write(checklist.markdown(doc, rows, args.lang))
        return 0
    failing = sum(1 for r in rows if not r.meets)
    message = say(
        "cli.wrote_checklist", args.lang, rows=len(rows), failing=failing, path=args.output
    )
    print(message, file=sys.stderr)
    return 0


class OutputProblem(Exception):
    """An output file (`-o`) that cannot be written: its path and the cause, in words."""

    def __init__(self, path: str, error: OSError) -> None:
        super().__init__(path)
        self.path = path
        self.cause = error.strerror or str(error)


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputProblem(path, exc) from exc


def cmd_open(args: argparse.Namespace) -> int:
    from budget_review.tui.app import make_review_app  # the UI loads only when asked for

    files = [Path(f) for f in args.files] or [bundled_sample()]
    app = make_review_app(
        files, Path(args.db) if args.db else None, args.lang, args.jobs, args.pdf_engine, args.ocr
    )
    # The benchmark's ready-and-exit run has no terminal to draw on.
    app.run(mouse=not args.no_mouse, headless=bool(os.environ.get("BUDGET_REVIEW_EXIT_WHEN_READY")))
    if app.review.documents:
        # the good files were reviewed; the bad ones are named again, one line each
        for line in app.failures:
            print(printable(line), file=sys.stderr)
    return app.return_code or 0


def cmd_survey(args: argparse.Namespace) -> int:
    import time

    from budget_review.reports import survey as render
    from budget_review.review.survey import disclosure_files, survey

    paths = disclosure_files(args.targets)
    start = time.perf_counter()
    with _store(args) as store:
        if args.no_progress or not sys.stderr.isatty():
            rows = list(survey(store, paths, args.jobs, engine=args.pdf_engine, ocr=args.ocr))
        else:
            from budget_review.cli.progress import FileProgress

            with FileProgress(len(paths)) as bar:
                rows = list(
                    survey(
                        store, paths, args.jobs, bar.advance, args.pdf_engine, args.ocr, bar.pages
                    )
                )
    seconds = time.perf_counter() - start
    if args.format == "json":
        out = render.as_json(rows, args.lang, seconds) + "\n"
    elif args.format == "csv":
        out = render.as_csv(rows, args.lang)
    else:
        out = render.text(rows, args.lang, seconds)
    if args.output:
        _write(args.output, out)
        print(render.summary(rows, args.lang, seconds), file=sys.stderr)
    else:
        sys.stdout.write(out)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with _store(args) as store:
        rows = store.list()
        if not rows:
            print(say("cli.no_documents", args.lang, root=store.root))
        for s in rows:
            counts = say("cli.list_row", args.lang, tables=s.tables, cards=s.cards)
            print(
                f"{s.sha256[:12]}  {s.department or '?'}  {s.year or '?'}  {s.kind or '?'}  "
                f"{counts}  {Path(s.path).name}"
            )
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    print(bundled_sample())
    return 0


COMMANDS = {
    "check": cmd_check,
    "checklist": cmd_checklist,
    "dump": cmd_dump,
    "ingest": cmd_ingest,
    "list": cmd_list,
    "notes": cmd_notes,
    "open": cmd_open,
    "sample": cmd_sample,
    "survey": cmd_survey,
}


class PrintableWriter(io.TextIOBase):
    """A text stream that drops control characters (ESC sequences, OSC titles) on write."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        # No command: the review app on the bundled sample.
        args = parser.parse_args([*(argv or sys.argv[1:]), "open"])
    lang = getattr(args, "lang", None) or _default_lang()
    _limits(args)
    if args.command != "open":
        gc.enable()  # paused by the console script for the app's start-up only
        # Reports and listings carry a document's text: nothing in it may steer the
        # terminal. (The app draws its own screen and escapes what it shows.)
        sys.stdout = PrintableWriter(sys.stdout)
    try:
        return COMMANDS[args.command](args)
    except InputErrors as errors:
        for error in errors.errors:
            print(printable(f"{PROG}: {error.in_(lang)}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except InputError as error:
        print(printable(f"{PROG}: {error.in_(lang)}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreError as exc:
        print(f"{PROG}: {say('cli.store_problem', lang, problem=exc.in_(lang))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutputProblem as exc:
        problem = f"{exc.path}: {exc.cause}"
        print(
            printable(f"{PROG}: {say('cli.output_problem', lang, problem=problem)}"),
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except (NotADirectoryError, PermissionError) as exc:
        print(f"{PROG}: {say('cli.store_problem', lang, problem=exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # ctrl+c: a document being read was stopped on the way out
        return 130
    except Exception as exc:  # a reader's bug must not show a traceback to a reviewer
        if os.environ.get("BUDGET_REVIEW_DEBUG"):
            raise
        problem = f"{type(exc).__name__}: {exc}"
        print(f"{PROG}: {say('cli.unexpected', lang, problem=problem)}", file=sys.stderr)
        return EXIT_BAD_INPUT
