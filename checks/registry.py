"""The rule catalogue: one rule, one id, a description in Chinese and English, its families."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_review.model import Text
from budget_review.model.findings import family, family_text
from budget_review.model.roles import BUDGET, FINAL

if TYPE_CHECKING:
    from budget_review.checks.context import Context

ANY = (BUDGET, FINAL)


@dataclass(frozen=True)
class Rule:
    id: str
    group: str  # 表内 | 表间 | 表文 | 绩效卡 | 完整性
    zh: str
    en: str
    families: tuple[str, ...]
    run: Callable[[Context], None]
    compares: bool = True  # False for rules that look at text or presence, not figures

    @property
    def text(self) -> Text:
        return Text(self.zh, self.en)


RULES: list[Rule] = []


def rule(
    id: str,
    group: str,
    zh: str,
    en: str,
    families: tuple[str, ...] = ANY,
    compares: bool = True,
) -> Callable[[Callable[[Context], None]], Callable[[Context], None]]:
    """Register a check function under a rule id."""

    def register(func: Callable[[Context], None]) -> Callable[[Context], None]:
        if any(r.id == id for r in RULES):
            raise ValueError(f"rule {id} registered twice")
        if family_text(family(id)).zh != group:
            raise ValueError(f"rule {id}: ids of {group} rules start with another letter")
        RULES.append(Rule(id, group, zh, en, families, func, compares))
        return func

    return register


def rule_by_id(rule_id: str) -> Rule:
    return next(r for r in RULES if r.id == rule_id)
