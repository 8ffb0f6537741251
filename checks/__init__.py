"""Reconciliation checks: `Document` → findings with their evidence. No UI, no storage.

The rules load on first use of `run_checks`, `RULES` or `Rule`, so that readers of
stored findings (the pipeline, the app) do not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from budget_review.checks.version import CHECKS_VERSION

if TYPE_CHECKING:
    from budget_review.checks.registry import RULES, Rule
    from budget_review.checks.run import run_checks

__all__ = ["CHECKS_VERSION", "RULES", "Rule", "run_checks"]


def __getattr__(name: str) -> Any:
    if name == "run_checks":
        from budget_review.checks.run import run_checks

        return run_checks
    if name in {"RULES", "Rule"}:
        from budget_review.checks import (
            registry,
            run,  # noqa: F401  (registers every rule)
        )

        return getattr(registry, name)
    raise AttributeError(name)
