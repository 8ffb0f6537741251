"""The survey as a table a reviewer reads, or as JSON or CSV for a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from budget_review.model import say
from budget_review.model.untrusted import printable, spreadsheet_cell
from budget_review.review.survey import SurveyRow

COLUMNS = (
    "survey.file",
    "survey.department",
    "survey.year",
    "survey.kind",
    "survey.pages",
    "survey.tables",
    "survey.roles",
    "survey.comparisons",
    "survey.failures",
    "survey.not_run",
    "survey.seconds",
)


def _kind(row: SurveyRow, lang: str) -> str:
    parts = [
        say(f"scope.{row.scope}", lang) if row.scope else "",
        say(f"kind.{row.kind}", lang) if row.kind else "",
    ]
    return "".join(p for p in parts if p) or "?"


def cells(row: SurveyRow, lang: str) -> list[str]:
    """One row of the text and CSV forms."""
    name = " + ".join(Path(p).name for p in row.files or [row.path])
    if not row.read:
        return [name, say("survey.refused", lang), *[""] * 8, f"{row.seconds:.1f}"]
    tables = f"{row.tables}/{row.tables_listed}" if row.tables_listed else str(row.tables)
    if row.unrecognised:
        tables += f" (?{row.unrecognised})"
    failures = "/".join(str(row.failures.get(k, 0)) for k in ("error", "warning", "tail"))
    return [
        name,
        row.department or "?",
        str(row.year or "?"),
        _kind(row, lang),
        str(row.pages or ""),
        tables,
        str(len(row.roles)),
        str(row.comparisons),
        failures,
        str(row.not_run),
        f"{row.seconds:.1f}",
    ]


def summary(rows: Sequence[SurveyRow], lang: str, seconds: float) -> str:
    read = [r for r in rows if r.read]
    identity = sum(r.identity_comparisons for r in read)
    identity_errors = sum(r.identity_errors for r in read)
    holding = 100.0 if identity == 0 else 100 * (identity - identity_errors) / identity
    return say(
        "survey.summary",
        lang,
        files=sum(len(r.files) or 1 for r in rows),
        documents=len(rows),
        read=len(read),
        refused=len(rows) - len(read),
        pages=sum(r.pages or 0 for r in read),
        tables=sum(r.tables for r in read),
        unrecognised=sum(r.unrecognised for r in read),
        comparisons=sum(r.comparisons for r in read),
        errors=sum(r.failures.get("error", 0) for r in read),
        warnings=sum(r.failures.get("warning", 0) for r in read),
        tails=sum(r.failures.get("tail", 0) for r in read),
        identity=identity,
        identity_errors=identity_errors,
        holding=f"{holding:.2f}",
        seconds=seconds,
    )


def text(rows: Sequence[SurveyRow], lang: str, seconds: float, width: int | None = None) -> str:
    """A table measured in terminal cells (Chinese names are two cells wide)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False)
    for key in COLUMNS:
        table.add_column(say(key, lang), overflow="fold")
    for row in rows:
        # Document text goes in as Text, so that no bracket in it is read as markup.
        table.add_row(*[Text(printable(cell)) for cell in cells(row, lang)])
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 200, color_system=None, legacy_windows=False)
    console.print(table)
    for row in rows:
        if not row.read:  # the reason in full, under the table rather than across it
            problem = row.problem.in_(lang) if row.problem else ""
            reason = say("survey.problem", lang, problem=problem)
            console.print(Text(printable(f"{Path(row.path).name}: {reason}")))
    console.print(Text(summary(rows, lang, seconds)))
    return buffer.getvalue()


def as_json(rows: Sequence[SurveyRow], lang: str, seconds: float) -> str:
    documents: list[dict[str, Any]] = []
    for row in rows:
        data = asdict(row)
        data["problem"] = row.problem.in_(lang) if row.problem else None
        documents.append(data)
    return json.dumps(
        {"documents": documents, "summary": summary(rows, lang, seconds)},
        ensure_ascii=False,
        indent=1,
    )


def as_csv(rows: Sequence[SurveyRow], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([say(key, lang) for key in (*COLUMNS, "survey.problem_column")])
    for row in rows:
        problem = row.problem.in_(lang) if row.problem else ""
        writer.writerow([spreadsheet_cell(cell) for cell in [*cells(row, lang), problem]])
    return buffer.getvalue()
