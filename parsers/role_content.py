"""A table's role from its header and rows, when its title names none.

A renamed table ('2026年部门预算安排表'), or one whose title was lost, still shows what
it is: a header of 基本支出 | 项目支出 over rows of 功能分类科目 is an expenditure
table; 人员经费 | 公用经费 over 经济分类 rows is the basic expenditure table. Each
role below states what its header and rows must show; the first that fits, among the
roles the document has not shown yet, is taken, with the evidence in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from budget_review.model import Text, words
from budget_review.model.numerals import strip_ordinal
from budget_review.model.roles import BUDGET, TableRole, role_by_id
from budget_review.model.vocabulary import ECONOMIC_GROUPS, EXPENSE_CLASSES, squash

_FUNCTION_CODE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
_ECONOMIC_CODE = re.compile(r"^3\d{2}(?:\d{2})?$")
_INCOME_ITEM = re.compile(r"(?:财政拨款|一般公共预算|政府性基金|国有资本经营|事业|经营|其他)收入$")


@dataclass(frozen=True)
class Content:
    """What a table's header and first column show."""

    header: frozenset[str]  # every header cell, squashed
    function_rows: int  # rows naming a 功能分类 class or coded 2xx
    economic_rows: int  # rows naming an 经济分类 group or coded 3xx
    income_rows: int  # rows naming an income item (…收入)
    rows: int

    def has(self, *words: str) -> bool:
        return all(any(w in h for h in self.header) for w in words)


def content_of(header: list[list[str]], rows: list[list[str]]) -> Content:
    cells = frozenset(squash(c) for line in header for c in line if c and c.strip())
    function = economic = income = 0
    for cells_of_row in rows:
        texts = [squash(c) for c in cells_of_row if c and c.strip()]
        code = next((t for t in texts if t.isdigit()), "")
        names = [
            strip_ordinal(t) for t in texts if not t.replace(".", "").replace(",", "").isdigit()
        ]
        if _FUNCTION_CODE.match(code) or any(n in EXPENSE_CLASSES for n in names):
            function += 1
        if _ECONOMIC_CODE.match(code) or any(n in ECONOMIC_GROUPS for n in names):
            economic += 1
        if any(_INCOME_ITEM.search(n) for n in names):
            income += 1
    return Content(cells, function, economic, income, len(rows))


# (role, what the content must show, the evidence in words), in the order tried.
_Test = Callable[[Content], bool]
_SIGNS: tuple[tuple[str, _Test, str], ...] = (
    ("three_public", lambda c: c.has("因公出国") and c.has("公务接待"), "因公出国、公务接待"),
    ("projects_current", lambda c: c.has("项目名称") and not c.has("一级指标"), "项目名称"),
    ("procurement", lambda c: c.has("采购"), "采购"),
    (
        "fiscal_summary",
        lambda c: c.income_rows >= 2 and c.function_rows >= 3 and c.has("财政拨款"),
        "收入 | 支出, 财政拨款",
    ),
    (
        "budget_summary",
        lambda c: c.income_rows >= 2 and c.function_rows >= 3,
        "收入 | 支出",
    ),
    (
        "gpb_basic_economic",
        lambda c: c.economic_rows >= 2 and c.has("人员经费") and c.has("公用经费"),
        "人员经费、公用经费",
    ),
    (
        "gpb_economic",
        lambda c: c.economic_rows >= 2 and c.has("基本支出") and c.has("项目支出"),
        "基本支出、项目支出",
    ),
    (
        "budget_income",
        lambda c: c.function_rows >= 2 and c.has("一般公共预算") and c.has("上年结转"),
        "一般公共预算、上年结转",
    ),
    (
        "budget_expense",
        lambda c: c.function_rows >= 2 and c.has("基本支出") and c.has("项目支出"),
        "基本支出、项目支出",
    ),
    (
        "gpb_expense",
        lambda c: c.function_rows >= 2 and c.has("基本支出") and c.has("项目支出"),
        "基本支出、项目支出",
    ),
)


def role_from_content(
    content: Content, family: str, taken: set[str]
) -> tuple[TableRole, Text] | None:
    """The first role whose signs the content shows and the document has not yet shown."""
    if family != BUDGET or content.rows == 0:
        return None  # the 决算 family's tables are told apart by title only
    for role_id, test, header_words in _SIGNS:
        if role_id in taken or not test(content):
            continue
        role = role_by_id(role_id)
        return role, words(
            "role.by_content",
            role=Text(role.title, role.english),
            header=header_words,
            rows=_rows_evidence(content),
        )
    return None


def _rows_evidence(content: Content) -> Text:
    parts = [
        words(key, n=n)
        for key, n in (
            ("role.function_rows", content.function_rows),
            ("role.economic_rows", content.economic_rows),
            ("role.income_rows", content.income_rows),
        )
        if n
    ]
    joined = parts[0] if parts else Text("—", "—")
    for part in parts[1:]:
        joined = joined + Text("、", ", ") + part
    return joined
