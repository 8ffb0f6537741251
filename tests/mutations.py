"""Mutation harness: change one printed figure, run the checks, see whether an error names it.

Text-dump mutations edit the file and parse it again, so the whole path from the
printed figure to the finding is exercised. PDF mutations change the parsed figure,
as a PDF printing a different number would read.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from budget_review.checks import run_checks
from budget_review.model import Claim, Document, Figure, ProjectCard, Report, Severity
from budget_review.parsers import parse_bytes


@dataclass
class Outcome:
    what: str  # a description of the mutated figure
    detected: bool


def bump(raw: str, value: Decimal, step: Decimal) -> str:
    """The printed figure changed by `step`, printed the way it was (decimals, separators)."""
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    new = (value + step).quantize(Decimal(1).scaleb(-decimals))
    text = f"{new:,.{decimals}f}" if "," in raw else f"{new:.{decimals}f}"
    return text


def _edited(lines: list[str], index: int, new_line: str) -> bytes:
    """The file with one line replaced."""
    return "\n".join([*lines[:index], new_line, *lines[index + 1 :]]).encode("utf-8")


def _suffix(key: str | None) -> str:
    """A figure key without its document part: the part that survives an edited file."""
    return key.split("/", 1)[1] if key else ""


def _errors(report: Report) -> Iterator[object]:
    return (f for f in report.findings if f.severity == Severity.ERROR)


def table_mutations(
    doc: Document, data: bytes, path: str, count: int, seed: int = 7
) -> list[Outcome]:
    lines = data.decode("utf-8").split("\n")
    figures = [
        (table.columns.index(column), figure)
        for table in doc.tables
        if not table.empty
        for row in table.rows
        for column, figure in row.figures.items()
        if figure.value and figure.where.line and not figure.repair
    ]
    outcomes = []
    for position, figure in random.Random(seed).sample(figures, min(count, len(figures))):
        index = figure.where.line - 1  # type: ignore[operator]
        cells = lines[index].split("\t")
        if position >= len(cells) or cells[position].strip() != figure.raw:
            continue  # the printed row does not line up with the columns (a repaired row)
        assert figure.value is not None
        cells[position] = bump(figure.raw, figure.value, Decimal("12.34"))
        mutated = parse_bytes(path, _edited(lines, index, "\t".join(cells)))
        report = run_checks(mutated)
        detected = any(
            _suffix(r.key) == _suffix(figure.key)
            for f in _errors(report)
            for r in f.refs  # type: ignore[attr-defined]
        )
        outcomes.append(Outcome(_suffix(figure.key), detected))
    return outcomes


def claim_mutations(
    doc: Document, data: bytes, path: str, count: int, seed: int = 7
) -> list[Outcome]:
    lines = data.decode("utf-8").split("\n")
    claims = [
        c for c in doc.claims if c.kind in {"amount", "share", "rate"} and c.value and c.where.line
    ]
    outcomes = []
    for claim in random.Random(seed).sample(claims, min(count, len(claims))):
        index = claim.where.line - 1  # type: ignore[operator]
        number = re.search(r"\d[\d,，]*(?:\.\d+)?", claim.text)
        if number is None or lines[index].count(claim.text) != 1:
            continue
        changed = bump(number.group(), claim.value, _claim_step(claim))
        new_text = claim.text.replace(number.group(), changed, 1)
        edited = _edited(lines, index, lines[index].replace(claim.text, new_text, 1))
        report = run_checks(parse_bytes(path, edited))
        detected = any(
            r.text == new_text and r.line == claim.where.line
            for f in _errors(report)
            for r in f.refs  # type: ignore[attr-defined]
        )
        outcomes.append(Outcome(f"{claim.kind} {claim.text} → {new_text}", detected))
    return outcomes


def _claim_step(claim: Claim) -> Decimal:
    return Decimal("1.7") if claim.kind in {"share", "rate"} else Decimal("12.34")


def card_mutations(doc: Document, data: bytes, path: str) -> list[Outcome]:
    lines = data.decode("utf-8").split("\n")
    outcomes = []
    for card in doc.cards:
        if card.annual_total is None or not card.lines:
            continue
        printed = f"{card.annual_total:,}"
        index = next(
            (
                i
                for i in range(card.lines[0] - 1, card.lines[-1])
                if "年度资金总额" in lines[i] and lines[i].count(printed) == 1
            ),
            None,
        )
        if index is None:
            continue
        changed = bump(printed, card.annual_total, Decimal(12340))
        edited = _edited(lines, index, lines[index].replace(printed, changed))
        report = run_checks(parse_bytes(path, edited))
        detected = any(
            r.at.card == card.name
            and r.at.field == "annual_total"
            and r.value == Decimal(changed.replace(",", ""))
            for f in _errors(report)
            for r in f.refs  # type: ignore[attr-defined]
        )
        outcomes.append(Outcome(f"card {card.name} {printed} → {changed}", detected))
    return outcomes


def model_mutations(doc: Document, count: int, seed: int = 7) -> list[Outcome]:
    """Change figures of a parsed PDF in place of the printed ones."""
    keys = [f.key for t in doc.tables if not t.empty for f in t.figures() if f.value]
    outcomes = []
    for key in random.Random(seed).sample(keys, min(count, len(keys))):
        mutated = copy.deepcopy(doc)
        figure = _figure(mutated, key)
        assert figure.value is not None
        figure.raw = bump(figure.raw, figure.value, Decimal("12.34"))
        figure.value = Decimal(figure.raw.replace(",", ""))
        report = run_checks(mutated)
        detected = any(r.key == key for f in _errors(report) for r in f.refs)  # type: ignore[attr-defined]
        outcomes.append(Outcome(_suffix(key), detected))
    return outcomes


def _figure(doc: Document, key: str) -> Figure:
    return next(f for t in doc.tables for f in t.figures() if f.key == key)


@dataclass(frozen=True)
class Planted:
    """A wording problem planted in the text dump: `old` becomes `new` on line `line`."""

    rule: str
    what: str
    line: int
    old: str
    new: str


def _plant(lines: list[str], planted: Planted) -> bytes:
    index = planted.line - 1
    assert lines[index].count(planted.old) >= 1, planted
    return _edited(lines, index, lines[index].replace(planted.old, planted.new, 1))


def prose_mutations(data: bytes, path: str, plants: list[Planted]) -> list[Outcome]:
    """Each planted problem must be found by its rule, pointing at the planted line."""
    lines = data.decode("utf-8").split("\n")
    outcomes = []
    for planted in plants:
        report = run_checks(parse_bytes(path, _plant(lines, planted)))
        detected = any(
            f.rule == planted.rule and any(r.line == planted.line for r in f.refs)
            for f in report.findings
        )
        outcomes.append(Outcome(f"{planted.rule} {planted.what}", detected))
    return outcomes


def repeated_block_mutation(data: bytes, path: str, first: int, last: int) -> Outcome:
    """Lines first..last printed twice: T14 must point at the copy's first paragraph."""
    lines = data.decode("utf-8").split("\n")
    block = lines[first - 1 : last]
    edited = "\n".join([*lines[:last], *block, *lines[last:]]).encode("utf-8")
    report = run_checks(parse_bytes(path, edited))
    offset = next(i for i, text in enumerate(block) if len(text) > 40)  # its first paragraph
    copy_line = last + 1 + offset
    detected = any(
        f.rule == "T14" and f.refs and f.refs[0].line == copy_line for f in report.findings
    )
    return Outcome(f"T14 lines {first}–{last} repeated", detected)


def recall(outcomes: list[Outcome]) -> float:
    return sum(o.detected for o in outcomes) / len(outcomes) if outcomes else 0.0


def missed(outcomes: list[Outcome]) -> list[str]:
    return [o.what for o in outcomes if not o.detected]


__all__ = [
    "Outcome",
    "Planted",
    "ProjectCard",
    "card_mutations",
    "claim_mutations",
    "model_mutations",
    "prose_mutations",
    "recall",
    "repeated_block_mutation",
    "table_mutations",
]
