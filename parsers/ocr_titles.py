"""A table title OCR misread by one character is still that title.

A title decides which table a run of rows is; one misread character
('预算支比总表') would drop the whole table as unknown. The names are the cores
of the roles' usual titles: one substitution in a part of the core as long as a
name is repaired, only in a core of six characters or more, and only when
exactly one repair makes a title.
"""

from __future__ import annotations

from functools import cache

from budget_review.model.roles import ROLES
from budget_review.parsers.catalogue import match_title, normalise_title
from rapidfuzz.distance import Levenshtein

MIN_CORE = 6


@cache
def _names() -> tuple[str, ...]:
    return tuple(sorted({normalise_title(role.title).core for role in ROLES}))


def repair_title(text: str) -> str:
    """`text` with a role's name put back for a one-character misreading of it."""
    if len(text) > 60 or "表" not in text or match_title(text):
        return text
    core = normalise_title(text).core
    if len(core) < MIN_CORE or core not in text:
        return text
    fixes = set()
    for name in _names():
        for start in range(len(core) - len(name) + 1):
            part = core[start : start + len(name)]
            if Levenshtein.distance(part, name) == 1:
                fixes.add(core[:start] + name + core[start + len(name) :])
    titles = {fixed for fixed in fixes if match_title(text.replace(core, fixed, 1))}
    if len(titles) != 1:
        return text
    return text.replace(core, titles.pop(), 1)
