"""The likely culprit: one wrong figure fails several comparisons; say so once.

A 项 misprinted in its 合计 column fails its row (合计 ≠ 基本 + 项目) and its 款
(款 ≠ Σ 项); a 类 copied wrongly into the 收支总表 fails the 收支总表's own sum and its
agreement with the 支出总表. When failing comparisons share one figure and miss by the
same amount, that figure is the likely culprit: the first finding names it, the others
are marked as following from it. Nothing is dropped; a reviewer reads one problem.

The size of a single difference also says something (rules §9): equal to one addend, a
row left out or counted twice; a power of ten, a unit or decimal slip; a multiple of
nine units with the same digits, two digits swapped.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from budget_review.model import Finding, Report, Severity, Text, words

# Rules that compare one printed figure with others (the table identities).
_FIGURE_RULES = ("W", "X")


def _figures(finding: Finding) -> list[str]:
    return [r.key for r in finding.refs if r.key]


def mark_culprits(report: Report) -> None:
    failing = [
        f
        for f in report.findings
        if f.severity == Severity.ERROR
        and f.rule.startswith(_FIGURE_RULES)
        and f.difference is not None
    ]
    for finding in failing:
        finding.hint = finding.hint or _hint(finding)
    by_figure: dict[str, list[Finding]] = defaultdict(list)
    for finding in failing:
        for key in set(_figures(finding)):
            by_figure[key].append(finding)
    explained: set[int] = set()
    # the figure that explains most failures first; ties by the order findings are listed
    candidates = sorted(
        ((key, found) for key, found in by_figure.items() if len(found) >= 2),
        key=lambda item: -len(item[1]),
    )
    for key, found in candidates:
        found = [f for f in found if id(f) not in explained]
        sizes = {abs(f.difference) for f in found if f.difference is not None}
        if len(found) < 2 or len(sizes) != 1:
            continue  # one wrong figure misses every comparison by the same amount
        first, *others = found
        first.culprit = key
        for other in others:
            other.culprit = key
            other.cause = first.id
        explained.update(id(f) for f in found)


def _hint(finding: Finding) -> Text | None:
    difference = finding.difference
    assert difference is not None and finding.expected is not None and finding.actual is not None
    size = abs(difference)
    if size == 0:
        return None
    for ref in finding.refs[1:]:
        if ref.value is not None and abs(ref.value) == size:
            return words("hint.row_left_out", name=ref.at.text(ref.name, ref.text))
    for power in range(1, 5):
        scale = Decimal(10) ** power
        if finding.expected != 0 and finding.actual in (
            finding.expected * scale,
            finding.expected / scale,
        ):
            return words("hint.unit_slip")
    if _swapped_digits(finding.expected, finding.actual):
        return words("hint.swapped_digits")
    return None


def _swapped_digits(a: Decimal, b: Decimal) -> bool:
    """Two neighbouring digits printed the other way round: 1,234.56 for 1,243.56."""
    x, y = f"{abs(a):f}", f"{abs(b):f}"
    if len(x) != len(y) or x == y:
        return False
    diffs = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and x[diffs[0]] == y[diffs[1]]
