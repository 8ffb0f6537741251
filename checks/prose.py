"""文字: template leftovers, years, names, explanations and structure, wherever printed.

These rules read the document's own words (checks/passages.py): headings, table
titles and row names as well as the narrative, so that a wrong year in a heading is
found as surely as one in a sentence. Each says what is wrong in words a reviewer can
forward: a table by its printed number and name, a quote cut at a clause boundary.
Only figures that contradict each other are errors; wording is a warning or a note.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from budget_review.checks.context import Context, Skip, to_unit
from budget_review.checks.passages import (
    Hit,
    Passage,
    PassageKind,
    corpus,
    excerpt,
    passages,
    squashed,
    table_label,
)
from budget_review.checks.registry import rule
from budget_review.checks.subjects import GPB_AND_EXPENSE
from budget_review.checks.tolerance import last_digit, printed_value
from budget_review.checks.writing import Item, Paragraph, item_list, paragraphs
from budget_review.model import Address, Ref, Row, Severity, Table, Text, Unit, words
from budget_review.model.vocabulary import (
    DECREASE_WORDS,
    EXPENSE_CLASSES,
    INCREASE_WORDS,
    direction_of,
    squash,
)

_NUM = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>亿元|万元|元)")
_WAY = "增加|减少|增长|下降|上升|降低"


def _add(ctx: Context, severity: Severity, text: Text, refs: list[Ref]) -> None:
    ctx.add(severity, text.zh, text.en, refs)


def _kind(ctx: Context) -> Text:
    return words("kind.final_accounts" if ctx.doc.meta.kind == "final_accounts" else "kind.budget")


def _paragraph_ref(paragraph: Paragraph, quote: str) -> Ref:
    return Ref(
        Address(paragraph=paragraph.key or None, field="text"),
        text=quote,
        page=paragraph.where.page,
        line=paragraph.where.line,
        part=paragraph.where.part,
    )


# ---------------------------------------------------------------- T6 template wording

# '增加（减少）', '下降（增长）', '增加/减少': the template offered both directions and the
# writer kept both; '增（减）' likewise. The search starts at the bracket or slash (rare),
# and the word before it is read back from there.
_TEMPLATE = re.compile(rf"[（(/／]\s*(?P<second>{_WAY}|增|减)\s*(?P<close>[）)])?")
_WORD_BEFORE = re.compile(rf"(?:{_WAY}|增|减)\s*$")


def _rising(word: str) -> bool:
    return word == "增" or direction_of(word) == "increase"


def _both_ways(text: str, hit: Hit) -> tuple[int, int] | None:
    """The span of '增加（减少）' around the bracket or slash `hit`, when both ways are left."""
    first = _WORD_BEFORE.search(text, max(hit.start - 4, 0), hit.start)
    if first is None:
        return None
    one, two = first.group().strip(), hit.match.group("second")
    if (len(one) == 1) != (len(two) == 1) or _rising(one) == _rising(two):
        return None
    bracketed = text[hit.start] in "（("
    if bracketed and hit.match.group("close") is None:
        return None
    if not bracketed and len(one) == 1:
        return None  # 增/减 is not a template's choice
    return first.start(), hit.end


@rule(
    "T6",
    "文字",
    "不留模板用语：增加（减少）、下降（增长）、增加/减少须写明是增是减",
    "No template wording is left: 增加（减少）, 下降（增长） or 增加/减少 say which it is",
    compares=False,
)
def template_wording(ctx: Context) -> None:
    for hit in corpus(ctx).search(_TEMPLATE):
        passage = hit.passage
        span = _both_ways(passage.text, hit)
        if span is None:
            continue
        quote = excerpt(passage.text, *span)
        found = passage.text[span[0] : span[1]]
        text = words("prose.template", place=passage.place(), found=found, quote=quote)
        _add(ctx, Severity.WARNING, text, [passage.ref(quote)])


# ---------------------------------------------------------------- T7 years

# '2025年': the first character first, so that the search skips quickly to candidates
_YEAR = re.compile(r"([12](?<!\d.)[09]\d{2})\s*年")
# Years that are not this document's: a span of years (2021-2025年, 2026年至2027年), a
# cited document (《2024年…工作要点》) and a document number (〔2023〕, （2024）).
_RANGE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*(?:年度?)?\s*[-—–~～至到－]\s*(?:19|20)\d{2}(?!\d)")
_CITED = re.compile(r"《[^》]*》|[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]")
_AS_OF = re.compile(r"截[至止]到?\s*((?:19|20)\d{2})\s*年")
_COMPARED = re.compile(r"(?:比|较|与|同)\s*((?:19|20)\d{2})\s*年")
_EXECUTED = re.compile(r"((?:19|20)\d{2})\s*年度?(?:当年)?(?:预算)?执行数")
_ITSELF = re.compile(
    r"(?<![比较与同至止])((?:19|20)\d{2})\s*年度?(?:[省市区县]级)?(?:部门|单位)(?:综合)?"
    r"(?P<kind>预算|决算)(?!执行|调整|批复|草案|绩效)"
)
_PERIOD_WORDS = re.compile(r"实施周期|实施期限|实施年限|项目周期|实施期间")
_PERIOD = re.compile(
    r"([12](?<!\d.)[09]\d{2})\s*(?:年|[.．/\-])[^，。；]{0,14}?[-—–~～至到－]\s*([12][09]\d{2})"
)
_DATED: tuple[PassageKind, ...] = ("heading", "paragraph", "title")
# A heading longer than this, or holding a full stop, is a paragraph the reader took for
# a heading: only its sentences are read, not every year in it.
_HEADING_MAX = 40


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


@dataclass
class _Year:
    start: int
    end: int
    year: int
    key: str  # the prose.year.* message
    expected: str


def _expected_as_of(year: int, final: bool) -> tuple[int, ...]:
    """A 决算 reports at the end of its year (or later); a budget at the end of the year
    before, or early in its own (截至2026年1月31日 in a 2026 budget)."""
    return (year, year + 1) if final else (year - 1, year)


def _years_in_sentences(
    text: str, year: int, final: bool, skip: list[tuple[int, int]]
) -> Iterator[_Year | None]:
    """Each year a sentence pattern ties to the document, with whether it is right
    (None when it is)."""
    claimed: list[tuple[int, int]] = []
    patterns: list[tuple[re.Pattern[str], str, tuple[int, ...]]] = [
        (_AS_OF, "prose.year.as_of", _expected_as_of(year, final)),
        (_COMPARED, "prose.year.compared", (year - 1,)),
    ]
    if not final:
        patterns.append((_EXECUTED, "prose.year.executed", (year - 1,)))
    for pattern, key, expected in patterns:
        for match in pattern.finditer(text):
            span = match.span(1)
            if _inside(span[0], skip) or _inside(span[0], claimed):
                continue
            claimed.append(span)
            found = int(match.group(1))
            if found in expected:
                yield None
                continue
            shown = "、".join(str(y) for y in expected)
            yield _Year(match.start(), match.end(), found, key, shown)
    own = "决算" if final else "预算"
    for match in _ITSELF.finditer(text):
        span = match.span(1)
        if match.group("kind") != own or _inside(span[0], skip) or _inside(span[0], claimed):
            continue
        claimed.append(span)
        found = int(match.group(1))
        yield None if found == year else _Year(*match.span(), found, "prose.year.itself", "")


def _period(text: str, year: int) -> tuple[int, int, tuple[int, int]] | None:
    """(start, end, span) of an implementation period that does not include the year."""
    match = _PERIOD.search(text)
    if match is None:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    if start <= year <= end or start > end:
        return None
    return start, end, match.span()


def _titles_year(passage: Passage, year: int, final: bool) -> Iterator[tuple[int, int] | None]:
    """Every year a heading or table title prints: it names this document's year, or for
    a budget last year's 执行/决算 (二、2025年预算执行情况)."""
    text = passage.text
    skip = _spans(_RANGE, text) + _spans(_CITED, text)
    for match in _YEAR.finditer(text):
        found = int(match.group(1))
        if not 1900 <= found < 2100 or _inside(match.start(), skip):
            continue
        after = text[match.end() : match.end() + 8]
        if re.match(r"\s*\d{1,2}\s*月", after):
            continue  # a date (the cover's 2025年7月), not the year the document is for
        if found == year or (
            not final and found == year - 1 and re.search(r"执行|决算|自评", after)
        ):
            yield None
        else:
            yield match.span()


@rule(
    "T7",
    "文字",
    "年度与文件相符：标题、表名、截至日期、比较年度、上年执行数、实施周期",
    "Years fit the document: headings, table titles, 截至 dates, the year compared with, "
    "last year's outturn, implementation periods",
)
def years_everywhere(ctx: Context) -> None:
    year = ctx.doc.meta.year
    if year is None:
        raise Skip(words("reason.no_year"))
    final = ctx.doc.meta.kind == "final_accounts"
    kind = _kind(ctx)
    headings = {s.number: s.heading for s in ctx.doc.sections}
    in_items = _item_spans(ctx)
    text_corpus = corpus(ctx)
    dated = {
        id(hit.passage): hit.passage
        for pattern in (_YEAR, _PERIOD)
        for hit in text_corpus.search(pattern, *_DATED)
    }
    for passage in dated.values():
        text = passage.text
        titled = passage.kind == "title" or (
            passage.kind == "heading" and len(text) <= _HEADING_MAX and "。" not in text
        )
        if titled:
            for span in _titles_year(passage, year, final):
                ctx.compared += 1
                if span is None:
                    continue
                quote = excerpt(text, *span)
                found = int(text[span[0] : span[0] + 4])
                message = words(
                    "prose.year.title",
                    place=passage.place(),
                    year=found,
                    doc_year=year,
                    kind=kind,
                    quote=quote,
                )
                _add(ctx, Severity.WARNING, message, [passage.ref(quote)])
            continue
        if passage.kind not in ("paragraph", "heading"):
            continue
        skip = _spans(_RANGE, text) + _spans(_CITED, text) + in_items.get(id(passage), [])
        for wrong in _years_in_sentences(text, year, final, skip):
            ctx.compared += 1
            if wrong is None:
                continue
            quote = excerpt(text, wrong.start, wrong.end)
            message = words(
                wrong.key,
                year=wrong.year,
                doc_year=year,
                kind=kind,
                expected=wrong.expected,
                found=text[wrong.start : wrong.end],
                quote=quote,
            )
            _add(ctx, Severity.WARNING, message, [passage.ref(quote)])
        if _PERIOD_WORDS.search(text) or _PERIOD_WORDS.search(
            headings.get(passage.section or 0, "")
        ):
            ctx.compared += 1
            outside = _period(text, year)
            if outside is not None:
                start, end, span = outside
                quote = excerpt(text, *span)
                message = words(
                    "prose.year.period", start=start, end=end, doc_year=year, quote=quote
                )
                _add(ctx, Severity.WARNING, message, [passage.ref(quote)])


# T2 reads the years of '2025年预算执行数为P万元' in per-item explanations.
_T2_BASE = re.compile(rf"(?:19|20)\d{{2}}年(?:当年)?(?:预算)?执行数为?{_NUM}\s*万元")


def _item_spans(ctx: Context) -> dict[int, list[tuple[int, int]]]:
    """Where in each paragraph passage T2 reads a year already: not read twice."""
    try:
        found = item_list(ctx)
    except Skip:
        return {}
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for item in found:
        start = item.paragraph.text.find(item.text)
        if start < 0:
            continue
        for base in _T2_BASE.finditer(item.text):
            by_key[item.paragraph.key].append((start + base.start(), start + base.end()))
    spans: dict[int, list[tuple[int, int]]] = {}
    for passage in passages(ctx):
        if passage.kind == "paragraph" and passage.key in by_key:
            spans[id(passage)] = by_key[str(passage.key)]
    return spans


# ---------------------------------------------------------------- T8 the department's name

_REGION = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:自治区|自治州|省|市|区|县|州|盟|旗)")
_OWN_NOTE = re.compile(r"[（(][^（）()]*[）)]$")  # 深圳市财政局（本级）, 西安市信访局（汇总）
# Wording a document uses of its own level: 区级预算主管部门, 市级部门预算 …
_LEVEL = re.compile(
    r"(?P<level>[省市区县])级(?:(?:预算)?主管部门|预算部门|部门预算|预算单位|部门单位"
    r"|财政拨款形成|财政有经费|财政拨款安排)"
)
# Characters whose change makes another body, not a misspelt name: a region's level
# (长沙县信访局 beside 长沙市信访局) or the kind of body (厅 for 局).
_OTHER_BODY = set("省市区县州局厅委办部院署处科室会")


@dataclass(frozen=True)
class _Name:
    full: str
    regions: tuple[str, ...]
    body: str

    @property
    def level(self) -> str | None:
        last = self.regions[-1] if self.regions else ""
        if not last or last.endswith(("自治区", "自治州")):
            return None  # an autonomous region's wording (区直, 自治区本级) is its own
        return last[-1] if last[-1] in "省市区县" else None

    def shortened(self) -> Iterator[tuple[str, str]]:
        """(short form, the prefix it drops): 普陀区商务委员会 without 上海市. Dropping an
        outer region keeps the name unambiguous; dropping every region is the usual 本局."""
        for cut in range(1, len(self.regions)):
            yield "".join(self.regions[cut:]) + self.body, "".join(self.regions[:cut])


def _name_of(department: str) -> _Name:
    name = squashed(_OWN_NOTE.sub("", squashed(department)))
    rest = name[2:] if name.startswith("中共") else name
    regions: list[str] = []
    position = 0
    while (match := _REGION.match(rest, position)) is not None:
        regions.append(match.group())
        position = match.end()
    return _Name(name, tuple(regions), rest[position:])


def _cited(text: str, position: int) -> bool:
    """Whether the position stands inside 《…》: the title of another document."""
    return text.rfind("《", 0, position) > text.rfind("》", 0, position)


def _one_edit(a: str, b: str) -> int | None:
    """Where a and b differ when one substitution, insertion or deletion makes them equal."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return None
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    if len(a) == len(b):
        return at if a[at + 1 :] == b[at + 1 :] else None
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return at if longer[at + 1 :] == shorter[at:] else None


def _variant(text: str, end: int, full: str) -> tuple[int, int] | None:
    """The span ending at `end` that misses the department's name by one character (与 for
    和, a character dropped or added), with the same region and the same kind of body."""
    candidates = [text[max(end - n, 0) : end] for n in (len(full) - 1, len(full), len(full) + 1)]
    if full in candidates or any(c.endswith(full) for c in candidates):
        return None
    for candidate in candidates:
        if len(candidate) < 6 or candidate[:2] != full[:2]:
            continue
        at = _one_edit(candidate, full)
        if at is None:
            continue
        changed = {candidate[at : at + 1], full[at : at + 1]} - {""}
        if not changed & _OTHER_BODY:
            return end - len(candidate), end
    return None


@rule(
    "T8",
    "文字",
    "部门名称与层级用语与文件一致：不缺地区前缀、不错字，市级/区级等与部门层级相符",
    "The department's name and level wording fit the document: no region prefix dropped, "
    "no character changed, 市级/区级 as the department's level",
)
def department_name(ctx: Context) -> None:
    if not ctx.doc.meta.department:
        raise Skip(words("reason.no_department"))
    name = _name_of(ctx.doc.meta.department)
    words_of = corpus(ctx, squash=True)
    ctx.compared += words_of.text.count(name.full)
    for short, prefix in name.shortened():
        for hit in words_of.search(re.compile(re.escape(short))):
            ctx.compared += 1
            text = words_of.text_of(hit)
            if hit.passage.kind == "contents" or text[: hit.start].endswith(prefix):
                continue
            if _cited(text, hit.start):
                continue  # a document's title: 《普陀区商务委员会关于…》
            quote = excerpt(text, hit.start, hit.end)
            message = words(
                "prose.name.short",
                place=hit.passage.place(),
                found=short,
                name=name.full,
                prefix=prefix,
                quote=quote,
            )
            _add(ctx, Severity.WARNING, message, [hit.passage.ref(quote)])
    if len(name.full) >= 6 and len(name.body) >= 2:
        # the name's last two characters where they do not end the name itself
        tail = re.compile(f"{re.escape(name.full[-2:])}(?<!{re.escape(name.full)})")
        for hit in words_of.search(tail):
            text = words_of.text_of(hit)
            span = _variant(text, hit.end, name.full)
            if span is None or hit.passage.kind == "contents" or _cited(text, hit.start):
                continue
            ctx.compared += 1
            quote = excerpt(text, *span)
            message = words(
                "prose.name.variant",
                place=hit.passage.place(),
                found=text[span[0] : span[1]],
                name=name.full,
                quote=quote,
            )
            _add(ctx, Severity.WARNING, message, [hit.passage.ref(quote)])
    level = name.level
    if level is None:
        return
    for hit in words_of.search(_LEVEL):
        ctx.compared += 1
        if hit.match.group("level") == level or hit.passage.kind == "contents":
            continue
        text = words_of.text_of(hit)
        quote = excerpt(text, hit.start, hit.end)
        level_text = words(f"prose.level.{level}")
        message = words(
            "prose.name.level",
            place=hit.passage.place(),
            found=hit.text,
            name=name.full,
            level=level_text.zh,
            level_en=level_text.en,
            quote=quote,
        )
        _add(ctx, Severity.WARNING, message, [hit.passage.ref(quote)])


# ---------------------------------------------------------------- T9 类/款/项 names without codes

_LEVEL_KEYS = ("类", "款", "项")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_FINAL_AMOUNT = re.compile(rf"支出决算(?:数)?为\s*(?P<num>{_NUM})\s*万元")


def _same_name(written: str, printed: str) -> bool:
    """One name, whether or not it ends in 支出 (一般公共服务（类） for 一般公共服务支出)."""
    a, b = squash(written), squash(printed)
    return a == b or a.removesuffix("支出") == b.removesuffix("支出")


def _item_amount(item: Item) -> str | None:
    final = _FINAL_AMOUNT.search(item.text)
    if final:
        return final.group("num")
    if item.amount:
        return item.amount
    return item.new[1] if item.new else None


def _fits(row: Row, table: Table, amount: str) -> bool:
    """The row prints the amount in some money column, in the text's 万元 and digits."""
    if table.unit is None:
        return False
    wanted, digit = printed_value(amount), last_digit(amount)
    return any(
        figure.value is not None
        and to_unit(figure.value, table.unit, Unit.WAN_YUAN, digit) == wanted
        for figure in row.figures.values()
    )


def _names(item: Item) -> list[str]:
    """The item's names without a heading's ordinal: '六、教育' is 教育."""
    return [_ORDINAL.sub("", name) for name in item.names]


def _path(table: Table, item: Item, amount: str | None) -> list[Row] | None:
    """The table's 类 → 款 → 项 the item means: the one whose names match but one level, or
    among those matching as many, the one printing the item's amount."""
    names = _names(item)
    depth = len(names)
    length = 3 + 2 * (depth - 1)
    by_code = {r.code: r for r in table.rows if r.code}
    prefix = item.code or ""
    scored: list[tuple[int, list[Row]]] = []
    for row in table.rows:
        code = row.code
        if not code or len(code) != length or not code.startswith(prefix):
            continue
        path = [by_code.get(code[: 3 + 2 * level]) for level in range(depth)]
        if any(p is None for p in path):
            continue
        rows = [p for p in path if p is not None]
        score = sum(_same_name(n, r.name) for n, r in zip(names, rows, strict=True))
        scored.append((score, rows))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    pool = [rows for score, rows in scored if score == best]
    if best == depth:
        return pool[0]
    if best == 0:
        return None
    if amount is not None:
        fitting = [rows for rows in pool if _fits(rows[-1], table, amount)]
        return fitting[0] if len(fitting) == 1 else None
    return pool[0] if len(pool) == 1 and best == depth - 1 else None


@rule(
    "T9",
    "文字",
    "未印编码的类、款、项名称与表中按类→款→项及金额找到的科目名称一致",
    "类, 款 and 项 names printed without codes are the names the tables give the same "
    "subject, found through 类 → 款 → 项 and the amount",
)
def uncoded_names(ctx: Context) -> None:
    tables = [
        table
        for ids in GPB_AND_EXPENSE
        if (table := ctx.table(*ids)) is not None and any(r.code for r in table.rows)
    ]
    if not tables:
        raise Skip(words("reason.no_functional"))
    found = item_list(ctx)
    if not found:
        raise Skip(words("reason.no_items"))
    wrong: dict[tuple[int, str, str], list[tuple[Item, Row, Table]]] = defaultdict(list)
    for item in found:
        depth = len(item.names)
        if depth == 0 or (item.code and len(item.code) == 3 + 2 * (depth - 1)):
            continue  # every level's code is printed: T1 compares by code
        amount = _item_amount(item)
        for table in tables:
            path = _path(table, item, amount)
            if path is None:
                continue
            ctx.compared += 1
            for level, (written, row) in enumerate(zip(_names(item), path, strict=True)):
                if _same_name(written, row.name) or item.codes[level] is not None:
                    continue
                if level == 0 and squash(written) in EXPENSE_CLASSES:
                    continue  # a known 类 name: T1 compares it by its code
                wrong[(level, written, row.code or "")].append((item, row, table))
            break
    for (level, written, code), cases in wrong.items():
        item, row, table = cases[0]
        at = max(item.text.find(written), 0)
        quote = excerpt(item.text, at, at + len(written))
        level_text = words(f"prose.level.{_LEVEL_KEYS[level]}")
        times = words("prose.times", n=len(cases)) if len(cases) > 1 else Text("", "")
        message = words(
            "prose.subject",
            written=written,
            level=level_text.zh,
            level_en=level_text.en,
            table=table_label(table),
            code=code,
            printed=row.name,
            times=times,
            quote=quote,
        )
        refs = [_paragraph_ref(c[0].paragraph, excerpt(c[0].text, 0)) for c in cases]
        refs.append(
            Ref(
                Address(table=table.number, row=row.key),
                name=row.name,
                page=row.where.page,
                line=row.where.line,
                part=row.where.part,
            )
        )
        _add(ctx, Severity.WARNING, message, refs)


# ---------------------------------------------------------------- T10 reasons against direction

# What a change is measured against: '比上年', '较2025年年初预算', '与2023年度相比，…'.
_AGAINST = r"(?:(?:比|较)[^，。；]{0,24}?|与[^，。；]{0,12}?相比[，,]?[^，。；]{0,20}?)"

# A change the text states, and the reason it gives for it.
_STATED = re.compile(
    rf"(?=[比较与决支])(?:{_AGAINST}(?P<way>{_WAY})\s*了?\s*(?P<x>{_NUM})?"
    r"|(?:决算数?|支出)(?P<cmp>大于|小于|高于|低于|超过)(?:年初|全年)?预算数?)"
)
_BECAUSE = re.compile(
    r"(?=[主原])(?:(?:主要)?原因(?:主要)?(?:是|为|在于)?\s*[:：]?|主要是(?:因为|由于)?|主要由于)"
)
_MONEY = "经费|支出|资金|预算|收入|拨款|费用|金额"
# the direction words every rule shares, and the verbs a reason moves money with
_RISE = "|".join((*INCREASE_WORDS, "扩大"))
_FALL = "|".join((*DECREASE_WORDS, "压减", "缩减", "削减", "压缩", "核减", "节约"))
# Money that moves: '人员经费增加', '相应减少支出', '压减相关经费'.
_MOVES = re.compile(
    rf"(?:{_MONEY})(?:相应|有所|同比|大幅|略有|均有|也)?(?P<a>{_RISE}|{_FALL})"
    rf"|(?P<b>{_RISE}|{_FALL})了?(?:相关|相应|部分)?[\u4e00-\u9fff]{{0,8}}?(?:{_MONEY})"
)
# A clause about another time or a thing not done says nothing of this change's direction.
_ASIDE = re.compile(r"上年|去年|上一年|以前年度|(?:19|20)\d{2}\s*年|不再|未|无|没有|取消|停止|暂缓")
_CLAUSES = re.compile(r"[，,、；;]")
_SENTENCES = re.compile(r"[^。！？]+[。！？]?")


def _rises(word: str) -> bool:
    return direction_of(word) == "increase" or word == "扩大"


def _reason_ways(reason: str, year: int | None) -> set[bool]:
    """The directions money moves in the reason's clauses (True for up)."""
    ways = set()
    for clause in _CLAUSES.split(reason):
        aside = _ASIDE.search(clause)
        if aside and not (year is not None and aside.group().startswith(str(year))):
            continue
        for move in _MOVES.finditer(clause):
            ways.add(_rises(move.group("a") or move.group("b")))
    return ways


@rule(
    "T10",
    "文字",
    "增减原因与增减方向一致：说减少的，原因不写经费增加",
    "A reason agrees with the direction it explains: a decrease is not explained by money "
    "that increased",
)
def reasons_agree(ctx: Context) -> None:
    year = ctx.doc.meta.year
    for paragraph in paragraphs(ctx):
        for sentence in _SENTENCES.finditer(paragraph.text):
            text = sentence.group()
            stated = list(_STATED.finditer(text))
            for because in _BECAUSE.finditer(text):
                before = [s for s in stated if s.end() <= because.start()]
                if not before:
                    continue
                change = before[-1]
                if "；" in text[change.end() : because.start()]:
                    continue  # the reason belongs to another clause group
                if change.group("x") and printed_value(change.group("x")) == 0:
                    continue
                rises = direction_of(change.group("way") or change.group("cmp")) == "increase"
                end = text.find("；", because.end())
                end = len(text) if end < 0 else end
                reason = text[because.end() : end].strip("，,：: ")
                ways = _reason_ways(reason, year)
                if not ways:
                    continue
                ctx.compared += 1
                if ways != {not rises}:
                    continue
                start = sentence.start()
                quote = excerpt(paragraph.text, start + change.start(), start + end)
                message = words(
                    "prose.reason",
                    direction=words("prose.up" if rises else "prose.down"),
                    reason=excerpt(reason, 0, limit=40),
                    quote=quote,
                )
                _add(ctx, Severity.WARNING, message, [_paragraph_ref(paragraph, quote)])


# ---------------------------------------------------------------- T11 copied explanations

_PURPOSE = re.compile(r"主要用于[：:]?\s*(?P<text>[^。；]*)")
_REASON = re.compile(r"原因(?:是|为|主要是)?\s*[:：]?")
_MIN_COPIED = 6


def _stem(name: str) -> str:
    return name.removesuffix("支出") if len(name) > 4 else name


def _speaks_of(text: str, item: Item) -> bool:
    return any(_stem(name) in text for name in item.names if name)


@rule(
    "T11",
    "文字",
    "科目的用途、原因不是照抄另一科目的（照抄的文字写的是另一科目）",
    "No item's purpose or reason is copied from another item (the copy speaks of the other)",
    compares=False,
)
def copied_explanations(ctx: Context) -> None:
    found = item_list(ctx)
    groups: dict[tuple[str, str], list[Item]] = defaultdict(list)
    starts: dict[tuple[int, str], int] = {}  # where the words stand in each item
    for item in found:
        purpose = _PURPOSE.search(item.text)
        if purpose and len(squashed(purpose.group("text"))) >= _MIN_COPIED:
            groups[("purpose", squashed(purpose.group("text")))].append(item)
            starts[(id(item), "purpose")] = purpose.start()
        reason = _REASON.search(item.text)
        if item.reason and reason and len(squashed(item.reason)) >= _MIN_COPIED:
            groups[("reason", squashed(item.reason))].append(item)
            starts[(id(item), "reason")] = reason.start()
    for (what, text), group in groups.items():
        for item in group:
            if not item.names or _speaks_of(text, item):
                continue
            source = next(
                (o for o in group if o.names and o.names != item.names and _speaks_of(text, o)),
                None,
            )
            if source is None:
                continue
            label = words(f"prose.copied.{what}")
            at = starts[(id(item), what)]
            quote = excerpt(item.text, at, at + 4)
            message = words(
                "prose.copied",
                name=item.names[-1],
                other=source.names[-1],
                what=label.zh,
                what_en=label.en,
                quote=quote,
            )
            _add(ctx, Severity.INFO, message, [_paragraph_ref(item.paragraph, quote)])


# ---------------------------------------------------------------- T12 rates from a zero base

# 'A万元，比上年增加X万元，增长R%': when X = A, last year's figure was 0.
_GROWTH = re.compile(
    rf"{_AGAINST}(?:增加|增长|上升)\s*(?P<x>{_NUM})\s*(?P<unit>亿元|万元|元)"
    rf"[，,]?\s*(?P<rate>(?:增长|增幅|上升|增加)(?:为)?\s*(?P<r>{_NUM})\s*[%％])"
)
# '2025年预算执行数为0.00万元，…增长100%': a zero base printed.
_ZERO = re.compile(
    r"(?:上年|上一年|(?P<year>(?:19|20)\d{2})\s*年度?)[^，。；\d]{0,12}?为?\s*0(?:\.0+)?\s*"
    r"(?:亿元|万元|元)"
)
_RATE_UP = re.compile(rf"(?P<rate>(?:增长|增幅|上升|增加)(?:为)?\s*(?P<r>{_NUM})\s*[%％])")


def _zero_base_rates(text: str, year: int | None) -> Iterator[tuple[re.Match[str], bool]]:
    """Each growth rate whose base can be read, with whether that base is 0."""
    seen: set[int] = set()
    for growth in _GROWTH.finditer(text):
        sentence = text.rfind("。", 0, growth.start()) + 1
        nearby = list(_AMOUNT.finditer(text, sentence, growth.start()))
        if not nearby and sentence:
            # '…总计307.82万元。与2023年度相比，…增加307.82万元，增长100.00%'
            nearby = list(_AMOUNT.finditer(text, text.rfind("。", 0, sentence - 1) + 1, sentence))
        if not nearby:
            continue
        current = nearby[-1]
        seen.add(growth.start("r"))
        same = current.group("unit") == growth.group("unit") and printed_value(
            current.group("num")
        ) == printed_value(growth.group("x"))
        yield growth, same and printed_value(growth.group("r")) != 0
    for zero in _ZERO.finditer(text):
        if zero.group("year") and year is not None and int(zero.group("year")) != year - 1:
            continue  # not last year's figure
        stop = min(
            i
            for i in (text.find("。", zero.end()), text.find("；", zero.end()), len(text))
            if i >= 0
        )
        rate = _RATE_UP.search(text, zero.end(), stop)
        if rate is None or rate.start("r") in seen:
            continue
        between = text[zero.end() : rate.start()]
        if len(list(_AMOUNT.finditer(between))) > 1 or not re.search(r"比|较|与", between):
            continue  # the rate is about something else said between, not against the zero
        seen.add(rate.start("r"))
        yield rate, printed_value(rate.group("r")) != 0


@rule(
    "T12",
    "文字",
    "上年数为0时不写增长率（0 → 18.00 不是「增长100%」）",
    "No growth rate is given from a zero base (0 → 18.00 is not 增长100%)",
)
def zero_base_rates(ctx: Context) -> None:
    for paragraph in paragraphs(ctx):
        for match, zero in _zero_base_rates(paragraph.text, ctx.doc.meta.year):
            ctx.compared += 1
            if not zero:
                continue
            quote = excerpt(paragraph.text, match.start(), match.end())
            message = words("prose.zero_base", rate=match.group("rate"), quote=quote)
            _add(ctx, Severity.WARNING, message, [_paragraph_ref(paragraph, quote)])


# ---------------------------------------------------------------- T13 numbers and their units

_END = r"(?=\s*(?:[，。；;）)、]|,(?!\d)|$))"
# '增长12.34，': a rate or change with neither % nor a unit.
_BARE_CHANGE = re.compile(
    rf"(?:增长|下降|降低|上升|增幅|降幅|减幅|增加|减少|提高)(?:了|为)?\s*(?P<n>{_NUM}){_END}"
)
_BARE_SHARE = re.compile(rf"占(?:比)?[^，。；%％\d]{{0,16}}?(?P<n>{_NUM}){_END}")
# '0.58 万（', '1720.00万，': 万元 or 亿元 without its 元.
_COMPLETES_RATE = "%％元万亿个人辆家项次台套"
_BROKEN_UNIT = re.compile(
    r"(?P<n>\d(?<![\d,，.]\d)[\d,，.]*)\s*[万亿](?=\s*(?:[，。；;、：:（(）)]|,(?!\d)|$))"
)


@rule(
    "T13",
    "文字",
    "数字带单位：增减率、占比有 %，金额的万元、亿元不缺「元」",
    "Numbers carry their units: rates and shares their %, amounts a whole 万元 or 亿元",
    compares=False,
)
def units_printed(ctx: Context) -> None:
    found = paragraphs(ctx)
    for index, paragraph in enumerate(found):
        text = paragraph.text
        following = found[index + 1] if index + 1 < len(found) else None
        continued = (
            following.text.lstrip()
            if following is not None and following.section == paragraph.section
            else ""
        )
        for pattern, key, completes in (
            (_BARE_CHANGE, "prose.unit.rate", _COMPLETES_RATE),
            (_BARE_SHARE, "prose.unit.rate", _COMPLETES_RATE),
            (_BROKEN_UNIT, "prose.unit.broken", "元"),
        ):
            matches = [
                m
                for m in pattern.finditer(text)
                # a line the reader kept apart: '…预算4,312.17万' then '元，其中：'
                if text[m.end() :].strip() or not continued.startswith(tuple(completes))
            ]
            if not matches:
                continue
            first = matches[0]
            quote = excerpt(text, first.start(), first.end())
            times = words("prose.times", n=len(matches)) if len(matches) > 1 else Text("", "")
            message = words(key, found=first.group().strip(), times=times, quote=quote)
            _add(ctx, Severity.WARNING, message, [_paragraph_ref(paragraph, quote)])


# ---------------------------------------------------------------- T14 repeated pages and paragraphs

_MIN_BLOCK = 100  # characters of a page (or a text dump's section) repeated
_MIN_PARAGRAPH = 150  # a paragraph this long is not repeated by a template


def _blocks(ctx: Context) -> dict[tuple[object, ...], list[Passage]]:
    """The paragraphs of each page of a PDF, or of each section of a text dump."""
    blocks: dict[tuple[object, ...], list[Passage]] = defaultdict(list)
    for passage in passages(ctx):
        if passage.kind != "paragraph":
            continue
        where = passage.where
        key: tuple[object, ...] = (
            ("page", where.part, where.page)
            if where.page is not None
            else ("section", passage.section)
        )
        blocks[key].append(passage)
    return blocks


@rule(
    "T14",
    "文字",
    "不重复：一页（或一长段）文字不与另一页（段）一字不差",
    "Nothing is printed twice: no page (or long paragraph) repeats another word for word",
    compares=False,
)
def repeats(ctx: Context) -> None:
    first_seen: dict[str, list[Passage]] = {}
    repeated: set[int] = set()
    for block in _blocks(ctx).values():
        text = "".join(squashed(p.text) for p in block)
        if len(text) < _MIN_BLOCK:
            continue
        original = first_seen.setdefault(text, block)
        if original is block:
            continue
        repeated.update(id(p) for p in block)
        quote = excerpt(block[0].text, 0, limit=30)
        message = words(
            "prose.repeat.block",
            here=block[0].locus(),
            there=original[0].locus(),
            n=len(block),
            quote=quote,
        )
        _add(ctx, Severity.WARNING, message, [block[0].ref(quote), original[0].ref(quote)])
    seen: dict[str, Passage] = {}
    for passage in passages(ctx):
        text = squashed(passage.text)
        if passage.kind != "paragraph" or len(text) < _MIN_PARAGRAPH:
            continue
        first = seen.setdefault(text, passage)
        if first is passage or id(passage) in repeated:
            continue
        quote = excerpt(passage.text, 0)
        message = words("prose.repeat.paragraph", there=first.locus(), quote=quote)
        _add(ctx, Severity.WARNING, message, [passage.ref(quote), first.ref(quote)])


# ---------------------------------------------------------------- T15 numbered items

_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_MARKER = re.compile(  # the first lookahead skips quickly to the few places worth trying
    r"(?=[\d（(一二三四五六七八九十①-⑳])(?<![\d一二三四五六七八九十.．])(?:"
    r"(?P<dun>\d{1,2})、|(?P<dot>\d{1,2})[.．](?!\d)|[（(](?P<paren>\d{1,2})[）)]"
    r"|(?P<cdun>[一二三四五六七八九十]{1,3})、|[（(](?P<cparen>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<circled>[①-⑳])"
    r")"
)


def _numeral(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_NUMERALS.get(tens, 0) if tens else 1) * 10 + (
            _NUMERALS.get(ones, 0) if ones else 0
        )
        return value if all(c in _NUMERALS for c in text) else None
    return _NUMERALS.get(text) if len(text) == 1 else None


def _markers(text: str) -> Iterator[tuple[str, int, re.Match[str]]]:
    for match in _MARKER.finditer(text):
        style = match.lastgroup or ""
        raw = match.group(style)
        value = ord(raw) - ord("①") + 1 if style == "circled" else _numeral(raw)
        if value is not None:
            yield style, value, match


def _unstopped(before: str) -> bool:
    """The text before a marker ends with no punctuation at all (a word, a figure)."""
    tail = before.rstrip()
    return bool(tail) and re.match(r"[\u4e00-\u9fff\w”’》）)]", tail[-1]) is not None


@rule(
    "T15",
    "文字",
    "编号项之间有句末标点：下一项编号前写「。」或「；」",
    "Numbered items are closed: a full stop or semicolon before the next item's number",
    compares=False,
)
def numbered_items(ctx: Context) -> None:
    for paragraph in paragraphs(ctx):
        text = paragraph.text
        last: dict[str, tuple[int, int]] = {}  # style → (value, end of its marker)
        for style, value, match in _markers(text):
            previous = last.get(style)
            last[style] = (value, match.end())
            if previous is None or previous[0] != value - 1 or match.start() - previous[1] < 4:
                continue
            if not _unstopped(text[previous[1] : match.start()]):
                continue
            quote = excerpt(text, max(match.start() - 1, 0), match.end())
            message = words("prose.numbering", marker=match.group(), quote=quote)
            _add(ctx, Severity.INFO, message, [_paragraph_ref(paragraph, quote)])


# ---------------------------------------------------------------- T16 codes with stray spaces

# '2010 1', '302 01', '208 05 05': a classification code broken by a space. What follows
# must be a name or a 类/款/项 label, not a unit, a date or a count.
_SPACED_CODE = re.compile(
    r"(?P<code>[235](?<![\d.,，].)\d{2,3}(?:[ \u3000]\d{1,2}){1,2})(?![\d.,%％])"
    r"(?=[ \u3000]*(?P<next>.?))"
)
_NOT_A_NAME = set(
    "年月日号时分秒个人万元亿次家台辆套张名位条件份所户亩米吨批期天周届场本册篇页岁倍级"
)


def _is_code(text: str, start: int, after: str) -> bool:
    """What follows a spaced code makes it one: a 类/款/项 label, a name, its bracket, or
    nothing when the code is a cell of its own."""
    opened = text[max(start - 1, 0) : start] in ("（", "(")
    if after in ("类", "款", "项") or (after in ("）", ")") and opened):
        return True
    if after and "\u4e00" <= after <= "\u9fff":
        return after not in _NOT_A_NAME
    return not after and start == 0


@rule(
    "T16",
    "文字",
    "科目编码中间没有空格（302 1、2010 1）",
    "Codes are printed without stray spaces (302 1, 2010 1)",
    compares=False,
)
def spaced_codes(ctx: Context) -> None:
    for hit in corpus(ctx).search(_SPACED_CODE, "paragraph", "heading", "row", "title"):
        code = re.sub(r"\s", "", hit.match.group("code"))
        text = hit.passage.text
        after = hit.match.group("next").replace("\x00", "")
        if not 4 <= len(code) <= 7 or not _is_code(text, hit.start, after):
            continue
        quote = excerpt(text, hit.start, hit.end)
        message = words("prose.code_space", found=hit.match.group("code"), code=code, quote=quote)
        _add(ctx, Severity.INFO, message, [hit.passage.ref(quote)])


# A name of four or more Chinese characters printed twice in a row: 烟台市信访局烟台市信访局.
# Words a sentence may rightly repeat (说明说明 is not a name) are not names of that length.
_TWICE = re.compile(r"([\u4e00-\u9fff]{4,20}?)\1")
_NAME_END = ("局", "厅", "委", "办", "院", "会", "部", "处", "中心", "室", "所", "站", "队", "馆")


@rule(
    "T17",
    "文字",
    "单位名称不重复书写（××局××局）",
    "A department's name is not printed twice in a row",
    compares=False,
)
def doubled_names(ctx: Context) -> None:
    known = {n for n in (ctx.doc.meta.department,) if n}
    for hit in corpus(ctx).search(_TWICE, "paragraph", "heading", "title", "row"):
        name = hit.match.group(1)
        if name not in known and not name.endswith(_NAME_END):
            continue
        quote = excerpt(hit.passage.text, hit.start, hit.end)
        message = words("prose.doubled_name", name=name, quote=quote)
        _add(ctx, Severity.WARNING, message, [hit.passage.ref(quote)])
