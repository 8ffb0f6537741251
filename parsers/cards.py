"""Project performance cards (项目支出绩效目标表), read by their labels.

OCR scrambles the columns of these forms, so nothing here trusts a position:
each value is found from the label before it, and the funding grid pairs labels
with numbers in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from budget_review.model import FundingSplit, Indicator, ProjectCard
from budget_review.model.money import looks_like_amount, parse_amount, unit_from_text
from budget_review.model.vocabulary import squash
from budget_review.parsers.grid import GridLine

# A card's title; '详见单位的项目绩效目标表' in prose points at cards and is not one.
# '…项目支出绩效目标表', '信息化运行维护绩效目标表', '…项目绩效自评表', '…绩效目标表（一级项目）'
CARD_HEADING = re.compile(
    r"^(?![（(])(?!.*(?:详见|参见|请见|见附)).{0,40}绩效(?:目标|自评)(?:申报)?表"
    r"\s*(?:[（(][^（）()]{0,12}[)）])?$"
)
_TAGS = re.compile(r"</?\s*[a-zA-Z][^>]*>")
_DEPT_CODE = re.compile(r"^(\d{2,})\s*[-－—\s]\s*(\S.*)$")
_PERIOD = re.compile(r"^\d+\s*年$")
_ATTRIBUTE = re.compile(r"(延续|一次|经常|新增|持续|阶段|长期).*(项目|开展|结束)")
_FUND_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # OCR garbles the totals' labels (年度资金总款, 车辆购置总款): any 总额/总款 is a total,
    # and the first total printed is the period's, the second the year's.
    ("total", re.compile(r"^[^\d]{0,8}总[额款]")),
    ("central", re.compile(r"^中央[^\d]{0,6}资金")),
    ("provincial", re.compile(r"^省[^\d]{0,6}资金")),
    ("self_raised", re.compile(r"^单位自筹")),
    ("other", re.compile(r"^其他资金")),
    ("local", re.compile(r"^[^\d]{0,8}财政资金")),
)
_FUND_FULL = {
    "central": "中央财政资金",
    "provincial": "省级财政资金",
    "local": "市县（区）财政资金",
    "self_raised": "单位自筹",
    "other": "其他资金",
    "total": "实施期资金总额",
}
_TEXT_LABELS = {
    "项目概况": "overview",
    "立项依据": "basis",
    "项目设立必要性": "necessity",
    "保证项目实施的制度、措施": "measures",
    "项目实施计划": "plan",
    "当年绩效目标": "annual_target",
    "年度绩效目标": "annual_target",
}
_HEADER_LABELS = re.compile(
    r"^(?P<label>项目(?:支出)?名称|主管(?:部门|单位)[^\d\s]{0,6}|部门及代码|实施单位|项目属性"
    r"|项目(?:期|日期|周期))[:：]?"
)
_FOOT_LABELS = ("负责人", "经办人", "联系电话", "填报日期")
_LEVEL1 = {"产出指标", "效益指标", "满意度指标", "成本指标"}
_LEVEL2 = {
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "可持续发展",
    "服务对象满意度",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
}
_GRID_LABELS = {"绩效指标", "一级指标", "二级指标", "三级指标", "指标值"}


def clean(text: str) -> str:
    return _TAGS.sub("", text).strip()


def _bare(text: str) -> str:
    return re.sub(r"[\s:：]", "", text).replace("(", "（").replace(")", "）")


@dataclass
class Token:
    text: str
    line: int | None
    page: int | None
    col: int


def _tokens(line: GridLine) -> list[Token]:
    return [
        Token(clean(c.text), c.where.line or line.where.line, c.where.page or line.where.page, i)
        for i, c in enumerate(line.cells)
        if clean(c.text)
    ]


def _amount(text: str) -> Decimal | None:
    return parse_amount(text) if looks_like_amount(text) else None


def _fund_label(text: str) -> tuple[str, str] | None:
    """(label kind, text after the label) for a funding label, or a fragment of one."""
    bare = re.sub(r"^其中\s*[:：]?\s*", "", text.strip())
    for kind, pattern in _FUND_LABELS:
        match = pattern.match(bare.replace("(", "（").replace(")", "）"))
        if match:
            rest = bare[match.end() :].lstrip(":： ")
            return kind, rest
    squashed = _bare(bare)
    if len(squashed) >= 3:
        for kind, full in _FUND_FULL.items():
            if full.startswith(squashed):
                return kind, ""
    return None


def _is_fragment(text: str) -> bool:
    """Tail of a label broken over two lines ('金' of '省级财政资|金')."""
    bare = _bare(text)
    return 0 < len(bare) <= 2 and any(full.endswith(bare) for full in _FUND_FULL.values())


def _read_funding(lines: list[GridLine], card: ProjectCard) -> None:
    pending: list[str] = []
    counts: dict[str, int] = {}
    dropped: list[str] = []

    def grid_for(kind: str) -> tuple[FundingSplit, str]:
        counts[kind] = counts.get(kind, 0) + 1
        attr = "total" if kind == "total" else kind
        return (card.period_funding if counts[kind] == 1 else card.annual_funding), attr

    def assign(kind: str, value: Decimal) -> None:
        split, attr = grid_for(kind)
        setattr(split, attr, value)

    totals = [
        t.text
        for line in lines
        for t in _tokens(line)
        if (_fund_label(t.text) or ("",))[0] == "total"
    ]
    if len(totals) == 1 and "年度" in totals[0]:
        counts["total"] = 1  # a lone total is the year's when its label says so

    for line in lines:
        # Labels take the number printed after them on the same line; labels left
        # without one take the numbers of the next line if that line has only numbers.
        items: list[tuple[str, str]] = []  # ("label", kind) | ("number", text)
        for token in _tokens(line):
            text = token.text
            if "项目资金" in text:
                card.currency_unit = unit_from_text(text) or card.currency_unit
                continue
            label = _fund_label(text)
            if label:
                items.append(("label", label[0]))
                if label[1] and _amount(label[1]) is not None:
                    items.append(("number", label[1]))
            elif _amount(text) is not None:
                items.append(("number", text))
            elif text.strip() in {"-", "—", "－"}:
                items.append(("number", "0"))
            elif not _is_fragment(text):
                dropped.append(text)
        if items and all(kind == "number" for kind, _ in items):
            for _, text in items:
                if pending:
                    assign(pending.pop(0), _amount(text) or Decimal(0))
                else:
                    dropped.append(text)
            continue
        pending = []
        for index, (kind, text) in enumerate(items):
            if kind == "label":
                following = items[index + 1] if index + 1 < len(items) else None
                if following and following[0] == "number":
                    assign(text, _amount(following[1]) or Decimal(0))
                else:
                    pending.append(text)
    if dropped:
        card.unreadable["funding"] = " ".join(dropped)


def _header(lines: list[GridLine], card: ProjectCard) -> None:
    tokens = [t for line in lines for t in _tokens(line)]
    values: list[str] = []
    name_next = False
    for token in tokens:
        text = token.text
        match = _HEADER_LABELS.match(_bare(text))
        if match:
            rest = _bare(text)[match.end() :]
            name_next = match.group("label").endswith("名称")
            if rest:
                if name_next:
                    card.name, name_next = rest, False
                else:
                    values.append(rest)
            continue
        if name_next:
            card.name, name_next = text, False
            continue
        values.append(text)
    if not card.name and values:
        # The name label was lost or garbled by OCR: the name is the longest text
        # on the form's first line (a garbled label is short).
        first_line = [t.text for t in _tokens(lines[0])] if lines else []
        candidates = [v for v in values if v in first_line] or values[:1]
        card.name = max(candidates, key=len)
        values.remove(card.name)
    for text in values:
        if text == card.name:
            continue
        code = _DEPT_CODE.match(text)
        if code and not card.department_code:
            card.department_code, card.department = code.group(1), code.group(2).strip()
        elif _PERIOD.match(text.replace(" ", "")) and not card.period:
            card.period = text.replace(" ", "")
        elif _ATTRIBUTE.search(text) and not card.attributes and not _DEPT_CODE.match(text):
            card.attributes = text
        elif not card.unit and len(text) >= 4:
            card.unit = text


def _texts(lines: list[GridLine], card: ProjectCard) -> None:
    targets: list[str] = []
    for line in lines:
        tokens = _tokens(line)
        if not tokens:
            continue
        first = _bare(tokens[0].text)
        field = _TEXT_LABELS.get(first)
        if field:
            setattr(card, field, " ".join(t.text for t in tokens[1:]))
            continue
        targets += [
            t.text
            for t in tokens
            if _bare(t.text) not in {"总体目标", "实施期目标", "年度目标", "绩效目标"}
        ]
    unique = list(dict.fromkeys(targets))
    if unique:
        card.period_target = unique[0]
        card.annual_target = unique[1] if len(unique) > 1 else unique[0]


_BY_NAME = {"指标名称": "name", "指标性质": "sign", "指标值": "value", "计量单位": "measure"}
_SIGNS = {"＝", "=", "≥", "≤", ">", "<", "＞", "＜"}


def _named_columns(line: GridLine) -> dict[str, int]:
    return {_BY_NAME[b]: i for i, c in enumerate(line.cells) if (b := _bare(c.text)) in _BY_NAME}


def _named_indicators(lines: list[GridLine], card: ProjectCard) -> bool:
    """A grid of 指标名称 | 指标性质 | 指标值 | 计量单位, without 一级/二级 levels:
    each row one indicator, read by its columns."""
    heads = [_named_columns(line) for line in lines]
    start = next((i for i, found in enumerate(heads) if {"name", "value"} <= set(found)), None)
    if start is None:
        return False
    columns = heads[start]
    for line in lines[start + 1 :]:
        texts = [clean(c.text) for c in line.cells]

        def at(kind: str, texts: list[str] = texts) -> str:
            index = columns.get(kind)
            return texts[index] if index is not None and index < len(texts) else ""

        if not at("name"):
            continue
        sign = at("sign") if at("sign") in _SIGNS else ""
        card.indicators.append(
            Indicator(
                grid="annual",
                level1="",
                level2="",
                level3=at("name"),
                value=f"{sign}{at('value')}{at('measure')}",
                line=line.where.line,
            )
        )
    return True


def _indicators(lines: list[GridLine], card: ProjectCard) -> None:
    if _named_indicators(lines, card):
        return
    annual_from: int | None = None
    for line in lines:
        tokens = _tokens(line)
        bares = [_bare(t.text) for t in tokens]
        if bares.count("二级指标") >= 2:
            annual_from = tokens[[i for i, b in enumerate(bares) if b == "二级指标"][1]].col
            continue
        state = {"period": ["", ""], "annual": ["", ""]}
        pending: dict[str, str | None] = {"period": None, "annual": None}
        for token, bare in zip(tokens, bares, strict=True):
            grid = "annual" if annual_from is not None and token.col >= annual_from else "period"
            if bare in _GRID_LABELS:
                continue
            if bare in _LEVEL1:
                state[grid][0] = bare
                if bare != "成本指标":
                    continue
            if bare in _LEVEL2:
                state[grid][1] = bare
                continue
            if pending[grid] is None:
                pending[grid] = token.text
            else:
                card.indicators.append(
                    Indicator(
                        grid="annual" if grid == "annual" else "period",
                        level1=state[grid][0],
                        level2=state[grid][1],
                        level3=pending[grid] or "",
                        value=token.text,
                        line=token.line,
                    )
                )
                pending[grid] = None


def _footer(lines: list[GridLine], card: ProjectCard) -> None:
    tokens = [t.text for line in lines for t in _tokens(line)]
    for i, text in enumerate(tokens):
        bare = _bare(text)
        for label in _FOOT_LABELS:
            if not bare.startswith(label):
                continue
            rest = bare[len(label) :]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            value = rest or (
                nxt if not any(_bare(nxt).startswith(lab) for lab in _FOOT_LABELS) else ""
            )
            if label == "负责人" and value:
                card.responsible = value
            elif label == "填报日期" and value:
                card.filled_on = _date(value)


def _date(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 8 and digits[:2] in {"19", "20"}:
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    match = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})", text)
    return (
        f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}" if match else text
    )


def _first_label(line: GridLine) -> str:
    tokens = _tokens(line)
    return _bare(tokens[0].text) if tokens else ""


def _line_has(line: GridLine, *labels: str) -> bool:
    return any(_bare(t.text).startswith(labels) for t in _tokens(line))


def parse_card(lines: list[GridLine], year: int | None) -> ProjectCard:
    """One card fragment from the lines between its heading and the next one."""
    card = ProjectCard(name="", year=year)
    zones: dict[str, list[GridLine]] = {
        "header": [],
        "funding": [],
        "text": [],
        "grid": [],
        "foot": [],
    }
    zone = "header"
    for line in lines:
        first = _first_label(line)
        if zone == "header" and _line_has(line, "项目资金", "实施期资金总额"):
            zone = "funding"
        elif zone in {"header", "funding"} and first in _TEXT_LABELS:
            zone = "text"
        elif zone in {"header", "funding", "text"} and (
            _line_has(line, "绩效指标", "一级指标") or _line_has(line, *_LEVEL1)
        ):
            # A merged 绩效指标 cell prints its label mid-span, maybe on the next
            # page: the first 产出指标/效益指标 row opens the grid as well.
            zone = "grid"
        if zone != "foot" and _line_has(line, *_FOOT_LABELS):
            zone = "foot"
        zones[zone].append(line)
    _header(zones["header"], card)
    _read_funding(zones["funding"], card)
    _texts(zones["text"], card)
    _indicators(zones["grid"], card)
    _footer(zones["foot"], card)
    _year_budget(zones["header"], card)
    card.lines = sorted({ln.where.line for ln in lines if ln.where.line is not None})
    card.pages = sorted({ln.where.page for ln in lines if ln.where.page is not None})
    if card.annual_total is None:
        card.unreadable.setdefault("annual_total", "年度资金总额 not found")
    return card


_UNIT_ONLY = re.compile(r"^（?(?:金额)?单位(?:万元|元)）?$")
_YEAR_BUDGET = re.compile(r"^(?:当年|本年)预算(?:数|金额)?(?:（万元）|（元）)?$")


def _year_budget(lines: list[GridLine], card: ProjectCard) -> None:
    """'当年预算 | 46,794.00' in the card's head, and the unit the card's head states."""
    for line in lines:
        tokens = _tokens(line)
        for index, token in enumerate(tokens):
            unit = unit_from_text(token.text) if _UNIT_ONLY.match(_bare(token.text)) else None
            if unit is not None:
                card.currency_unit = unit
            following = tokens[index + 1].text if index + 1 < len(tokens) else ""
            if _YEAR_BUDGET.match(_bare(token.text)) and _amount(following) is not None:
                if card.annual_funding.total is None:
                    card.annual_funding.total = _amount(following)


def same_card(a: ProjectCard, b: ProjectCard) -> bool:
    """Two fragments are one card when name and the amounts they both print agree."""
    if squash(a.name) != squash(b.name):
        return False
    for split_a, split_b in (
        (a.annual_funding, b.annual_funding),
        (a.period_funding, b.period_funding),
    ):
        for attr in ("total", "central", "provincial", "local", "self_raised", "other"):
            x, y = getattr(split_a, attr), getattr(split_b, attr)
            if x is not None and y is not None and x != y:
                return False
    return not (a.unit and b.unit and squash(a.unit) != squash(b.unit))


def merge_cards(fragments: Iterable[ProjectCard]) -> list[ProjectCard]:
    """Merge consecutive pages of one card; distinct projects may share a name."""
    merged: list[ProjectCard] = []
    for card in fragments:
        if merged and same_card(merged[-1], card):
            _absorb(merged[-1], card)
        else:
            merged.append(card)
    return merged


def _absorb(into: ProjectCard, other: ProjectCard) -> None:
    into.fragments += other.fragments
    into.lines = sorted(set(into.lines) | set(other.lines))
    into.pages = sorted(set(into.pages) | set(other.pages))
    for attr in (
        "department_code",
        "department",
        "unit",
        "attributes",
        "period",
        "responsible",
        "filled_on",
        "overview",
        "basis",
        "necessity",
        "measures",
        "plan",
        "period_target",
        "annual_target",
    ):
        if not getattr(into, attr) and getattr(other, attr):
            setattr(into, attr, getattr(other, attr))
    for split_into, split_other in (
        (into.period_funding, other.period_funding),
        (into.annual_funding, other.annual_funding),
    ):
        for attr in ("total", "central", "provincial", "local", "self_raised", "other"):
            if getattr(split_into, attr) is None:
                setattr(split_into, attr, getattr(split_other, attr))
    known = {(i.grid, i.level3, i.value) for i in into.indicators}
    into.indicators += [i for i in other.indicators if (i.grid, i.level3, i.value) not in known]
    if into.annual_total is not None:
        into.unreadable.pop("annual_total", None)
