"""`make bench`: speed of the pieces a reviewer waits for, on the bundled samples.

Timings are printed, never asserted: tests stay free of timing.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

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


# Run in a child process, so that its CPU time and peak memory are its own: the work is
# timed after the imports, with the page workers' CPU counted in (RUSAGE_CHILDREN).
CHILD = """
import json, os, resource, sys, tempfile, time
task, path, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
if task == "bare":
    import pdfplumber

    def work():
        # the yardstick: pdfplumber's own text and table extraction on every page
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()
else:
    from budget_review.review import open_for_review
    from budget_review.store import Store

    def work():
        # as `budget-review ingest --jobs N --pdf-engine E`: parse, check, store
        with tempfile.TemporaryDirectory() as folder, Store(folder) as store:
            assert not open_for_review(store, path, jobs=jobs).cached

def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

cpu0, wall0 = cpu(), time.perf_counter()
work()
print(json.dumps({"cpu": cpu() - cpu0, "wall": time.perf_counter() - wall0}))
"""


@dataclass
class Run:
    cpu: float  # seconds of CPU, the child's and its page workers'
    wall: float
    rss: float  # peak resident memory of the child or a worker, MB


def child_run(task: str, path: Path, jobs: int = 1, engine: str = "pdfium") -> Run:
    env = {**os.environ, "BUDGET_REVIEW_PDF_ENGINE": engine}
    command = [sys.executable, "-c", CHILD, task, str(path), str(jobs)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0, f"{task} failed"
    measured = json.loads(out)
    return Run(measured["cpu"], measured["wall"], usage.ru_maxrss / 1024)


def pdf_benchmarks(repeat: int = 3) -> None:
    """Ingest against pdfplumber's bare pass, in CPU time, all measured in this one run."""
    print(f"\nsample: {PDF_SAMPLE.name}: CPU of a child process, best of {repeat}, interleaved")
    bare = "bare pdfplumber pass (extract_text + extract_tables)"
    cases = {
        bare: ("bare", 1, "pdfium"),
        "ingest, pdfium engine, 1 job": ("ingest", 1, "pdfium"),
        "ingest, pdfminer engine, 1 job": ("ingest", 1, "pdfminer"),
        "ingest, pdfium engine, 2 jobs": ("ingest", 2, "pdfium"),
        "ingest, pdfminer engine, 2 jobs": ("ingest", 2, "pdfminer"),
    }
    runs: dict[str, list[Run]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, (task, jobs, engine) in cases.items():
            runs[name].append(child_run(task, PDF_SAMPLE, jobs, engine))
    best = {
        name: Run(*(min(getattr(r, k) for r in found) for k in ("cpu", "wall", "rss")))
        for name, found in runs.items()
    }
    for name, run in best.items():
        say(name, f"cpu {run.cpu:6.2f} s   wall {run.wall:6.2f} s   peak RSS {run.rss:4.0f} MB")
    one, two = best["ingest, pdfium engine, 1 job"], best["ingest, pdfium engine, 2 jobs"]
    miner, miner_two = (
        best["ingest, pdfminer engine, 1 job"],
        best["ingest, pdfminer engine, 2 jobs"],
    )
    peak = max(r.rss for name, found in runs.items() if "pdfium engine" in name for r in found)
    say("ingest (pdfium, 1 job) / bare pass, CPU", f"{one.cpu / best[bare].cpu:5.2f}x  (<= 0.5x)")
    say(
        "ingest (pdfium, 1 job) / (pdfminer, 1 job), CPU", f"{one.cpu / miner.cpu:5.2f}x  (<= 0.5x)"
    )
    say("peak RSS of an ingest with pdfium (any process)", f"{peak:5.0f} MB  (<= 100 MB)")
    say(
        "2 jobs / 1 job, wall: pdfium",
        f"{two.wall / one.wall:5.2f}x  (CPU {two.cpu / one.cpu:.2f}x)",
    )
    say("2 jobs / 1 job, wall: pdfminer", f"{miner_two.wall / miner.wall:5.2f}x")
    median, best_reopen = reopen(PDF_SAMPLE)
    say("reopen the cached document", f"{median:6.3f} s  (< 0.3 s; best {best_reopen:.3f})")


def say(name: str, text: str) -> None:
    print(f"{name:<56} {text}")


def reopen(path: Path) -> tuple[float, float]:
    """Open a document the store already holds: hash the file, load the stored parse."""
    with tempfile.TemporaryDirectory() as folder, Store(folder) as store:
        open_for_review(store, path)

        def again() -> None:
            assert open_for_review(store, path).cached

        return timed(again, repeat=5)


def app_benchmarks() -> None:
    """Start to first full screen with a cached document, against a minimal Textual app.

    Both are started as processes, interleaved, and say on stderr when their first full
    screen is drawn (`ready <time>`), then leave. Two spans are timed: start to that
    screen, and start to the end of the process."""
    print()
    compile_sources()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "BUDGET_REVIEW_DB": folder, "BUDGET_REVIEW_CONFIG": folder}
        subprocess.run(
            [str(SCRIPT), "ingest", str(SAMPLE)], check=True, env=env, capture_output=True
        )
        ready_env = {**env, "BUDGET_REVIEW_EXIT_WHEN_READY": "1"}
        runs: dict[str, tuple[list[float], list[float]]] = {"app": ([], []), "minimal": ([], [])}
        commands = {
            "app": [str(SCRIPT), "open", str(SAMPLE)],
            "minimal": [sys.executable, "-c", MINIMAL_APP],
        }
        # Fifteen rounds: a start-up varies by a tenth from one run to the next on a shared
        # machine, and seven left the ratio's median moving by as much.
        for _ in range(15):
            for name, command in commands.items():
                screen, end = _started(command, ready_env)
                runs[name][0].append(screen)
                runs[name][1].append(end)
    app_screen, app_end = (statistics.median(x) for x in runs["app"])
    minimal_screen, minimal_end = (statistics.median(x) for x in runs["minimal"])
    for label, value in (
        ("app: start to first full screen (cached)", app_screen),
        ("minimal Textual app, one 60-row DataTable", minimal_screen),
    ):
        print(f"{label:<48} median {value * 1000:8.1f} ms")
    print(f"{'ratio':<48} {app_screen / minimal_screen:5.2f}x  (target <= 1.3x)")
    for label, value in (
        ("app: start to the end of the process", app_end),
        ("minimal Textual app: the same", minimal_end),
    ):
        print(f"{label:<48} median {value * 1000:8.1f} ms")
    print(f"{'ratio':<48} {app_end / minimal_end:5.2f}x")
    render_largest_table()
    print(
        f"{'app: show the largest table (' + str(LARGEST[0]) + ' rows)':<48} "
        f"median {statistics.median(RENDER) * 1000:8.1f} ms   best {min(RENDER) * 1000:8.1f} ms"
    )


def compile_sources() -> None:
    """Byte-compile the package, as installing a wheel does: with PYTHONDONTWRITEBYTECODE
    set (as on some machines, and in CI) an editable install would compile every module
    on every start, and the start-up timed would be the compiler's."""
    import compileall

    for folder in ("model", "parsers", "checks", "store", "review", "reports", "tui", "cli"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def _started(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting `command` to its `ready` line, and to its end."""
    start = time.time()
    done = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    end = time.time()
    ready = [
        float(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("ready ")
    ]
    if not ready:
        raise SystemExit(f"{command[0]}: no ready line on stderr: {done.stderr[-500:]}")
    return ready[0] - start, end - start


# The yardstick for start-up: the least a Textual app with a table can do, drawn once
# headless and left, saying when, as `BUDGET_REVIEW_EXIT_WHEN_READY` makes the review app do.
MINIMAL_APP = """
import os, time
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Minimal(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("编码", "名称", "合计", "基本支出", "项目支出")
        for n in range(60):
            table.add_row(f"2080{n:02d}", f"科目{n}", f"{n * 1234.5:.2f}", "1.00", "2.00")
        self.call_after_refresh(self.ready)

    def ready(self):
        os.write(2, f"ready {time.time():.6f}\\n".encode())
        self.exit()

Minimal().run(headless=True)
"""


def render_largest_table() -> None:
    import asyncio

    from budget_review.tui.app import ReviewApp
    from budget_review.tui.widgets.figure_grid import FigureGrid

    async def run() -> None:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["BUDGET_REVIEW_CONFIG"] = folder
            app = ReviewApp([SAMPLE], Path(folder), jobs=1)
            async with app.run_test(size=(120, 40)) as pilot:
                while app.review.current is None:
                    await pilot.pause(0.02)
                largest = max(app.review.current.document.tables, key=lambda t: len(t.rows))
                LARGEST[:] = [len(largest.rows)]
                for _ in range(5):
                    start = time.perf_counter()
                    app.query_one(FigureGrid).show(app.review.current, largest, False)
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


def notes_benchmarks() -> None:
    """One note saved (lock, read, merge, atomic rewrite) into stores of 100 and 20,000 notes."""
    from budget_review.model import Address, Document, Source
    from budget_review.store import Category, NoteBook, Target, new_note
    from budget_review.store.storage import write_json

    print()
    doc = Document(source=Source(path="x", sha256="0" * 64, format="text", pages=None))
    results = {}
    for count in (100, 20_000):
        with tempfile.TemporaryDirectory() as folder:
            book = NoteBook(Path(folder))
            notes = [
                new_note(
                    doc, Target.of(Address(table=n % 13 + 1)), f"批注 {n}", Category.PROBLEM, None
                )
                for n in range(count)
            ]
            book.save(notes[0])
            # the rest written at once: building a large store note by note would take minutes
            records = json.loads((Path(folder) / "notes.json").read_text(encoding="utf-8"))
            (first,) = records["notes"].values()
            table = {"1": first}
            for n, note in enumerate(notes[1:], start=2):
                table[str(n)] = {**first, "id": note.id, "text": note.text}
            write_json(Path(folder) / "notes.json", {"notes": table})
            edited = book.all()[count // 2]

            def save_one(note=edited, book=book) -> None:  # type: ignore[no-untyped-def]
                book.save(replace(note, text=note.text + "。"), base=note)

            results[count] = timed(save_one, repeat=9)
            report(f"note save into a store of {count:,} notes", results[count])
    ratio = results[20_000][0] / results[100][0]
    print(f"{'ratio, 20,000 notes to 100':<48} {ratio:5.1f}x")


NATIONAL = ROOT / "samples" / "national"


def survey_benchmarks() -> None:
    """`survey` of the national samples into an empty store: seconds per page, 2 jobs and 1."""
    from budget_review.review.survey import disclosure_files, survey

    print()
    files = disclosure_files([NATIONAL])
    timings = {}
    for jobs in (2, 1):
        with tempfile.TemporaryDirectory() as folder, Store(folder) as store:
            start = time.perf_counter()
            rows = list(survey(store, files, jobs=jobs))
            timings[jobs] = time.perf_counter() - start
    pages = sum(r.pages or 0 for r in rows if r.read)
    read = sum(1 for r in rows if r.read)
    print(f"survey of {NATIONAL.name}/: {len(files)} files, {read} read, {pages} pages")
    for jobs, seconds in timings.items():
        name = f"survey, {jobs} jobs"
        print(f"{name:<48} {seconds:8.2f} s   {seconds / pages:6.3f} s/page")
    print(f"{'ratio, 2 jobs to 1':<48} {timings[2] / timings[1]:5.2f}x")


# OCR: the Jincheng sample's pages as a 180 dpi scan. Page 4 is dense text (about 1,100
# characters, 1191×1684 at the reader's scale 2), page 11 a ruled table (183 text boxes).
OCR_PAGES = {"dense text page (p.4)": 4, "table page (p.11)": 11}
OCR_DOCUMENT = [4, 11, 12, 13, 14, 15]  # for whole-document time with 1 and 2 jobs


def _scan(numbers: list[int], dpi: int = 180) -> bytes:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(PDF_SAMPLE.read_bytes())
    images = [pdf[n - 1].render(scale=dpi / 72).to_pil().convert("L") for n in numbers]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out.getvalue()


def _peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB (Linux)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _ocr_child(task: str) -> None:
    """Run in a fresh process, so that RSS and engine start-up are this measurement's own."""
    import pypdfium2
    from budget_review.parsers import parse_bytes
    from budget_review.parsers.ocr_page import read_ocr_page
    from budget_review.parsers.pdf_page import PageLines

    result: dict[str, object] = {}
    if task == "pages":
        for name, number in OCR_PAGES.items():
            document = pypdfium2.PdfDocument(_scan([number]))
            read_ocr_page(document, 1, PageLines(page=1))  # engine start and first-shape warm-up
            seconds, cpu = [], []
            for _ in range(3):
                start, busy = time.perf_counter(), time.process_time()
                read_ocr_page(document, 1, PageLines(page=1))
                seconds.append(time.perf_counter() - start)
                cpu.append(time.process_time() - busy)
            document.close()
            # CPU seconds hardly change with the load of a shared machine; wall time does.
            result[name] = seconds
            result[name + " cpu"] = cpu
    else:
        data = _scan(OCR_DOCUMENT)
        start = time.perf_counter()
        parse_bytes("scan.pdf", data, jobs=int(task))
        result["seconds"] = time.perf_counter() - start
    result["rss"] = _peak_rss_mb()
    print(json.dumps(result))


def _child(task: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--ocr-child", task], check=True, capture_output=True, text=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def ocr_benchmarks() -> None:
    from budget_review.parsers import ocr

    print(
        f"\nOCR: {PDF_SAMPLE.name} pages as a 180 dpi scan, read at scale {ocr.SCALE} "
        f"({ocr.SCALE * 72:.0f} dpi), {ocr.cores()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    pages = _child("pages")
    for name in OCR_PAGES:
        seconds = pages[name]
        assert isinstance(seconds, list)
        cpu = pages[name + " cpu"]
        assert isinstance(cpu, list)
        print(
            f"{'OCR ' + name + ', 1 job':<48} median {statistics.median(seconds):6.2f} s   "
            f"spread {min(seconds):.2f}–{max(seconds):.2f} s   "
            f"(CPU {statistics.median(cpu):.2f} s; target dense <= 5 s, table <= 1 s)"
        )
    own, _ = pages["rss"]  # type: ignore[misc]
    print(f"{'peak RSS, 1 job (engine + one page)':<48} {own:8.0f} MB")
    count = len(OCR_DOCUMENT)
    for jobs in (1, 2):
        runs = [_child(str(jobs)) for _ in range(2)]
        best = min(float(r["seconds"]) for r in runs)  # type: ignore[arg-type]
        own, children = runs[0]["rss"]  # type: ignore[misc]
        memory = f"peak RSS {own:.0f} MB" + (f", worker {children:.0f} MB" if jobs > 1 else "")
        print(
            f"{f'OCR {count} scanned pages, {jobs} job' + ('s' if jobs > 1 else ''):<48} "
            f"{best / count:6.2f} s/page   ({best:.1f} s; {memory})"
        )


SECTIONS = {
    "text": lambda: main(),
    "pipeline": pipeline_benchmarks,
    "app": lambda: app_benchmarks(),
    "pdf": lambda: pdf_benchmarks(),
    "survey": survey_benchmarks,
    "notes": notes_benchmarks,
    "ocr": ocr_benchmarks,
}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--ocr-child"]:
        _ocr_child(sys.argv[2])
        sys.exit(0)
    # `make bench` runs every section; `python benchmarks/run.py pipeline` one of them.
    for name in sys.argv[1:] or list(SECTIONS):
        SECTIONS[name]()
