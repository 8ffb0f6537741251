"""Performance targets printed as one list, a project per block of rows (Beijing 预算表12,
Hunan 项目支出绩效目标表): 项目名称 | 项目总额 | 绩效目标 | 一级指标 | 二级指标 | 三级指标 | 指标值.

A project's first row carries its name, amount and target with its first indicator; the
rows under it, name blank, carry the rest. Columns are known by their header words, not
by position, and a merged 一级指标/二级指标 cell is carried down its rows.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budget_review.model import FundingSplit, Indicator, ProjectCard
from budget_review.model.money import Unit, looks_like_amount, parse_amount
from budget_review.model.vocabulary import is_total_name, squash
from budget_review.parsers.grid import GridLine, flatten_headers, is_number_cell

# the header words of each column a list-form card uses; the first match wins
_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("code", re.compile(r"(?:单位|项目)编码|(?:单位|项目)代码")),
    ("level1", re.compile(r"一级指标")),
    ("level2", re.compile(r"二级指标")),
    ("level3", re.compile(r"三级指标|^指标名称$")),
    ("sign", re.compile(r"指标(?:值)?(?:性质|类型|方向)|指标性质")),
    ("measure", re.compile(r"(?:度量|计量)单位")),
    ("value", re.compile(r"指标值$")),
    ("name", re.compile(r"项目(?:支出)?名称|（项目）名称|^项目$")),
    ("target", re.compile(r"(?:绩效|年度)目标$")),
    ("local", re.compile(r"(?:财政资金|财政拨款|一般公共预算)$")),
    ("other", re.compile(r"其他资金$")),
    (
        "total",
        re.compile(r"(?:项目|资金|年度资金)?总额$|预算金额$|^(?:合计|金额|项目金额|预算数)$"),
    ),
)
_CODE_PREFIX = re.compile(r"^[0-9A-Z]{8,}\s*")
_SIGNS = {"＝", "=", "≥", "≤", ">", "<", "＞", "＜", "≧", "≦"}


def is_card_list(lines: list[GridLine]) -> bool:
    """A grid whose header has both a project's name and the indicator levels."""
    header = _header_rows(lines)
    words = {squash(c.text) for line in header for c in line.cells if c.text}
    has_name = any(_kind(w) == "name" for w in words)
    return has_name and any(_kind(w) in ("level1", "level2", "level3") for w in words)


def _header_rows(lines: list[GridLine]) -> list[GridLine]:
    header = []
    for line in lines:
        if any(is_number_cell(c.text) for c in line.cells if c.text):
            break
        header.append(line)
    return header[:4]


def _kind(text: str) -> str | None:
    for kind, pattern in _COLUMNS:
        if pattern.search(text):
            return kind
    return None


def _columns(header: list[GridLine]) -> dict[str, int]:
    width = max(len(line.cells) for line in header)
    rows = [[c.text for c in line.cells] + [""] * (width - len(line.cells)) for line in header]
    paths = flatten_headers(rows)
    found: dict[str, int] = {}
    for index, path in enumerate(paths):
        leaf = squash(path.split("/")[-1])
        kind = _kind(leaf) or _kind(squash(path))
        if kind and kind not in found:
            found[kind] = index
    return found


def parse_card_list(
    lines: list[GridLine], year: int | None, unit: Unit | None
) -> list[ProjectCard]:
    """One card per project of the list; header rows repeated on later pages are skipped."""
    header = _header_rows(lines)
    if not header:
        return []
    columns = _columns(header)
    if "name" not in columns:
        return []
    header_texts = {tuple(c.text for c in line.cells) for line in header}
    width = max(len(line.cells) for line in header)
    # leading columns no header row names: a later page may print the grid without them
    spacers = next(
        (i for i in range(width) if any(i < len(ln.cells) and ln.cells[i].text for ln in header)),
        0,
    )
    cards: list[ProjectCard] = []
    level1 = level2 = ""
    for line in lines[len(header) :]:
        texts = [c.text.strip() for c in line.cells]
        if tuple(c.text for c in line.cells) in header_texts or _repeats_header(texts):
            continue
        shift = width - len(texts) if 0 < width - len(texts) <= spacers else 0

        def cell(kind: str, texts: list[str] = texts, shift: int = shift) -> str:
            index = columns.get(kind)
            if index is None or not 0 <= index - shift < len(texts):
                return ""
            return texts[index - shift]

        name = _CODE_PREFIX.sub("", cell("name")).strip()
        if name and not is_total_name(name):
            card = ProjectCard(name=name, year=year, currency_unit=unit or Unit.YUAN)
            card.annual_funding = FundingSplit(
                total=_amount(cell("total")),
                local=_amount(cell("local")),
                other=_amount(cell("other")),
            )
            card.annual_target = cell("target")
            card.pages = [line.where.page] if line.where.page is not None else []
            card.lines = [line.where.line] if line.where.line is not None else []
            if card.annual_total is None:
                card.unreadable["annual_total"] = "项目总额 not found"
            cards.append(card)
            level1 = level2 = ""
        elif name or not cards:
            continue  # a 合计 row, or rows before the first project
        card = cards[-1]
        if line.where.page is not None and line.where.page not in card.pages:
            card.pages.append(line.where.page)
        level1 = cell("level1") or level1
        level2 = cell("level2") or level2
        level3, value = cell("level3"), cell("value")
        if level3 or value:
            card.indicators.append(
                Indicator(
                    grid="annual",
                    level1=level1,
                    level2=level2,
                    level3=level3,
                    value=_value(cell("sign"), value, cell("measure")),
                    line=line.where.line,
                )
            )
    return _units_apart(cards)


_ORGANISATION = re.compile(r"(?:局|委员会|委|院|办公室|中心|厅|所|站|馆|校|队|（本级）|本级)$")


def _units_apart(cards: list[ProjectCard]) -> list[ProjectCard]:
    """A row naming an organisation, with an amount and no indicators of its own, heads
    the projects under it (its 单位编码 row): it is their implementing unit, not a card."""
    out: list[ProjectCard] = []
    unit: str | None = None
    for index, card in enumerate(cards):
        heads = index + 1 < len(cards) and not card.indicators
        if heads and _ORGANISATION.search(card.name):
            unit = card.name
            continue
        if unit and not card.unit:
            card.unit = unit
        out.append(card)
    return out


def _repeats_header(texts: list[str]) -> bool:
    """A header row printed again at the top of a later page."""
    filled = [squash(t) for t in texts if t]
    return bool(filled) and sum(1 for t in filled if _kind(t)) >= max(2, len(filled) - 1)


def _amount(text: str) -> Decimal | None:
    return parse_amount(text) if text and looks_like_amount(text) else None


def _value(sign: str, value: str, measure: str) -> str:
    """'≥95%': the sign when it is one (not 定性/定量), the value, its unit."""
    sign = sign.strip() if sign.strip() in _SIGNS else ""
    return f"{sign}{value}{measure}".strip()
