"""`make bench`: speed of the pieces a reviewer waits for, on the bundled samples.

Timings are printed, never asserted: tests stay free of timing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from budget_review.parsers import parse_file
from budget_review.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jincheng-hrss-2026-budget.txt"
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
    with tempfile.TemporaryDirectory() as folder:
        with Store(folder) as store:
            report("store: add a parsed document", timed(lambda: store.add(doc), repeat=1))
            report("store: re-add the same document (no-op)", timed(lambda: store.add(doc)))
            report("store: load the document", timed(lambda: store.load(doc.source.sha256)))


if __name__ == "__main__":
    main()
