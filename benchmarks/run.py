"""`make bench`: speed of the pieces a reviewer waits for, on the bundled samples.

Timings are printed, never asserted: tests stay free of timing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
from budget_review.checks import run_checks
from budget_review.parsers import parse_file
from budget_review.review import open_for_review
from budget_review.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jincheng-hrss-2026-budget.txt"
PDF_SAMPLE = ROOT / "samples" / "jincheng-hrss-2026-budget.pdf"
SCRIPT = Path(sys.executable).parent / "budget-review"


def timed(action: Callable[[], object], repeat: int = 7) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def report(name: str, result: tuple[float, float]) -> None:
    median, best = result
    print(f"{name:<48} median {median * 1000:8.1f} ms   best {best * 1000:8.1f} ms")


def main() -> None:
    print(f"sample: {SAMPLE.name}")
    report("parse text dump (in process)", timed(lambda: parse_file(SAMPLE)))
    report(
        "budget-review dump (whole process)",
        timed(
            lambda: subprocess.run(
                [str(SCRIPT), "dump", str(SAMPLE)], check=True, capture_output=True
            ),
            repeat=5,
        ),
    )
    doc = parse_file(SAMPLE)
    report("checks: run_checks on the parsed document", timed(lambda: run_checks(doc), repeat=15))
    with tempfile.TemporaryDirectory() as folder:
        with Store(folder) as store:
            report("store: add a parsed document", timed(lambda: store.add(doc), repeat=1))
            report("store: re-add the same document (no-op)", timed(lambda: store.add(doc)))
            report("store: load the document", timed(lambda: store.load(doc.source.sha256)))


def bare_pdfplumber_pass(path: Path) -> None:
    """The yardstick: pdfplumber's own text and table extraction on every page."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()


def ingest(path: Path, jobs: int) -> float:
    """Parse and store into a fresh store, as `budget-review ingest --jobs N` does."""
    with tempfile.TemporaryDirectory() as folder, Store(folder) as store:
        start = time.perf_counter()
        opened = open_for_review(store, path, jobs=jobs)
        seconds = time.perf_counter() - start
        assert not opened.cached
    return seconds


def reopen(path: Path) -> tuple[float, float]:
    """Open a document the store already holds: hash the file, load the stored parse."""
    with tempfile.TemporaryDirectory() as folder, Store(folder) as store:
        open_for_review(store, path)

        def again() -> None:
            assert open_for_review(store, path).cached

        return timed(again, repeat=5)


def pdf_benchmarks(repeat: int = 2) -> None:
    print(f"\nsample: {PDF_SAMPLE.name} (best of {repeat} runs, interleaved)")
    bare: list[float] = []
    one: list[float] = []
    two: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        bare_pdfplumber_pass(PDF_SAMPLE)
        bare.append(time.perf_counter() - start)
        one.append(ingest(PDF_SAMPLE, jobs=1))
        two.append(ingest(PDF_SAMPLE, jobs=2))
    base = min(bare)
    print(f"{'bare pdfplumber pass (extract_text + extract_tables)':<56} {base:6.2f} s")
    print(f"{'ingest, 1 job':<56} {min(one):6.2f} s   {min(one) / base:5.2f}x  (target <= 1.0x)")
    print(f"{'ingest, 2 jobs':<56} {min(two):6.2f} s   {min(two) / base:5.2f}x  (target <= 0.6x)")
    median, best = reopen(PDF_SAMPLE)
    print(f"{'reopen the cached document':<56} {median:6.3f} s   (target < 0.3 s; best {best:.3f})")


def app_benchmarks() -> None:
    """Start to first full screen with a cached document, against importing textual."""
    print()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BUDGET_REVIEW_DB": folder, "BUDGET_REVIEW_CONFIG": folder}
        subprocess.run(
            [str(SCRIPT), "ingest", str(SAMPLE)], check=True, env=env, capture_output=True
        )
        ready_env = {**env, "BUDGET_REVIEW_EXIT_WHEN_READY": "1"}
        app = timed(
            lambda: subprocess.run(
                [str(SCRIPT), "open", str(SAMPLE)], check=True, env=ready_env, capture_output=True
            ),
            repeat=5,
        )
        textual_import = timed(
            lambda: subprocess.run([sys.executable, "-c", "import textual.app"], check=True),
            repeat=5,
        )
    report("app: start to first full screen (cached)", app)
    report("python -c 'import textual.app'", textual_import)
    print(f"{'ratio':<48} {app[0] / textual_import[0]:5.2f}x  (target <= 1.5x)")
    render_largest_table()
    print(
        f"{'app: show the largest table (' + str(LARGEST[0]) + ' rows)':<48} "
        f"median {statistics.median(RENDER) * 1000:8.1f} ms   best {min(RENDER) * 1000:8.1f} ms"
    )


def render_largest_table() -> None:
    import asyncio

    from budget_review.tui.app import ReviewApp
    from budget_review.tui.widgets.figure_grid import FigureGrid

    async def run() -> None:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["BUDGET_REVIEW_CONFIG"] = folder
            app = ReviewApp([SAMPLE], Path(folder), jobs=1)
            async with app.run_test(size=(120, 40)) as pilot:
                while app.current is None:
                    await pilot.pause(0.02)
                largest = max(app.current.document.tables, key=lambda t: len(t.rows))
                LARGEST[:] = [len(largest.rows)]
                for _ in range(5):
                    start = time.perf_counter()
                    app.query_one(FigureGrid).show(app.current, largest, False)
                    await pilot.pause()
                    RENDER.append(time.perf_counter() - start)

    asyncio.run(run())


RENDER: list[float] = []
LARGEST: list[int] = [0]


def _process(*args: str, env: dict[str, str]) -> Callable[[], object]:
    return lambda: subprocess.run(args, check=True, env=env, capture_output=True)


def pipeline_benchmarks() -> None:
    """Cached commands against importing the command line; notes export at 1 and 500 documents."""
    print()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BUDGET_REVIEW_DB": folder}
        subprocess.run(
            [str(SCRIPT), "ingest", str(SAMPLE)], check=True, env=env, capture_output=True
        )
        base = timed(_process(sys.executable, "-c", "import budget_review.cli.main", env=env), 9)
        ingest = timed(_process(str(SCRIPT), "ingest", str(SAMPLE), env=env), 9)
        check = timed(_process(str(SCRIPT), "check", "--fail-on", "never", str(SAMPLE), env=env), 9)
    report("python -c 'import budget_review.cli.main'", base)
    report("budget-review ingest (cached)", ingest)
    report("budget-review check (cached)", check)
    for name, result in (("ingest", ingest), ("check", check)):
        print(f"{'ratio, cached ' + name:<48} {result[0] / base[0]:5.2f}x  (target <= 2.0x)")
    one, many = notes_export(1), notes_export(500)
    report("notes export, 1 stored document", one)
    report("notes export, 500 stored documents", many)
    print(f"{'ratio, 500 documents to 1':<48} {many[0] / one[0]:5.2f}x  (target <= 1.5x)")


def notes_export(documents: int) -> tuple[float, float]:
    """`notes export` with one noted document among `documents` stored ones."""
    from budget_review.model import Address
    from budget_review.store import Category, NoteBook, Target, new_note

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with Store(root) as store:
            noted = open_for_review(store, SAMPLE)
            _copies(store, noted.sha, documents - 1)
        target = Target.of(Address(table=3))
        NoteBook(root).save(new_note(noted.document, target, "看一下", Category.QUESTION, None))
        env = {**os.environ, "BUDGET_REVIEW_DB": folder}
        return timed(_process(str(SCRIPT), "notes", "export", env=env), 5)


def _copies(store: Store, sha: str, count: int) -> None:
    """Other documents in the store: the stored file under other shas, indexed in one write."""
    body = (store.docs_dir / f"{sha}.json").read_text(encoding="utf-8")
    record = dict(store.documents.all()[0])
    records = []
    for n in range(count):
        other = f"{n:064x}"
        (store.docs_dir / f"{other}.json").write_text(body.replace(sha, other), encoding="utf-8")
        records.append({**record, "sha256": other, "department": f"部门{n}"})
    store.documents.insert_multiple(records)


SECTIONS = {
    "text": lambda: main(),
    "pipeline": pipeline_benchmarks,
    "app": lambda: app_benchmarks(),
    "pdf": lambda: pdf_benchmarks(),
}


if __name__ == "__main__":
    # `make bench` runs every section; `python benchmarks/run.py pipeline` one of them.
    for name in sys.argv[1:] or list(SECTIONS):
        SECTIONS[name]()
