"""The core's words in Chinese (the default) and English: one path for every layer below the UI.

A `Text` carries both languages, so that what a rule, reader or command says is
written once, where it is decided, and shown in the reader's language later.
Fixed vocabulary (severities, categories, kinds, report labels, command
messages) is looked up by key in `WORDS`. English terms follow
shared/domain/glossary.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True)
class Text:
    """One message in both languages."""

    zh: str
    en: str

    def in_(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **values: object) -> Text:
        """Fill in values; a value that is itself a `Text` is filled in its own language."""
        zh = {k: v.zh if isinstance(v, Text) else v for k, v in values.items()}
        en = {k: v.en if isinstance(v, Text) else v for k, v in values.items()}
        return Text(self.zh.format(**zh), self.en.format(**en))

    def __add__(self, other: Text) -> Text:
        return Text(self.zh + other.zh, self.en + other.en)

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}

    @classmethod
    def from_data(cls, data: Any) -> Text:
        """From a stored {"zh", "en"} pair; a plain string (older stores) serves both."""
        if isinstance(data, dict):
            return cls(str(data.get("zh", "")), str(data.get("en", data.get("zh", ""))))
        return cls(str(data), str(data))


def words(key: str, **values: object) -> Text:
    """The catalogue's text for `key`, with `values` filled in."""
    zh, en = WORDS[key]
    text = Text(zh, en)
    return text.format(**values) if values else text


def say(key: str, lang: str, **values: object) -> str:
    return words(key, **values).in_(lang)


def place(page: int | None, line: int | None, file: str | None = None) -> Text | None:
    """Where to look: 第3页 / page 3, or 第12行 / line 12 for a text dump; `file` names
    the file when the document was published as several."""
    if page is not None:
        found = words("where.page", n=page)
    elif line is not None:
        found = words("where.line", n=line)
    else:
        return None
    return words("where.in_file", file=file, where=found) if file else found


WORDS: dict[str, tuple[str, str]] = {
    # where
    "where.page": ("第{n}页", "page {n}"),
    "where.line": ("第{n}行", "line {n}"),
    "where.pages": ("第{a}–{b}页", "pages {a}–{b}"),
    "where.page_list": ("第{runs}页", "pages {runs}"),
    "where.in_file": ("{file} {where}", "{file} {where}"),
    # severities, as a heading and as a count
    "severity.error": ("错误", "error"),
    "severity.warning": ("需复核", "warning"),
    "severity.tail": ("尾差", "rounding tail"),
    "severity.info": ("提示", "note"),
    "severities.error": ("错误", "Errors"),
    "severities.warning": ("需复核", "Warnings"),
    "severities.tail": ("尾差", "Rounding tails (尾差)"),
    "severities.info": ("提示", "Notes"),
    # rule families
    "family.W": ("表内", "within a table"),
    "family.X": ("表间", "across tables"),
    "family.N": ("表文", "text against tables"),
    "family.C": ("绩效卡", "performance cards"),
    "family.K": ("完整性", "completeness"),
    "family.T": ("文字", "wording"),
    # note categories and states
    "category.problem": ("问题", "problem"),
    "category.question": ("疑问", "question"),
    "category.suggestion": ("建议", "suggestion"),
    "category.verified": ("已核实", "verified"),
    "status.open": ("未解决", "open"),
    "status.resolved": ("已解决", "resolved"),
    # document kinds and scopes
    "kind.budget": ("预算", "budget"),
    "kind.final_accounts": ("决算", "final accounts"),
    "scope.department": ("部门", "department"),
    "scope.unit": ("单位", "unit"),
    # addresses
    "address.table": ("表{table}", "table {table}"),
    "address.card": ("绩效目标表「{card}」", "card “{card}”"),
    "address.text": ("说明「{text}」", "text “{text}”"),
    "address.paragraph": ("说明第{n}段", "paragraph {n}"),
    # reports of findings
    "report.counts": ("{parts}", "{parts}"),
    "report.not_checked": ("未检查", "Not checked"),
    "report.culprit": ("可能的症结：{name}", "likely culprit: {name}"),
    "report.follows": ("由上一条引起", "follows from the finding above"),
    "hint.row_left_out": (
        "相差数恰等于{name}：可能漏列或重复计入了这一项",
        "the difference equals {name}: a row left out or counted twice?",
    ),
    "hint.unit_slip": (
        "相差十倍的整数次方：可能是单位或小数点错位",
        "off by a power of ten: a unit or decimal-point slip?",
    ),
    "hint.swapped_digits": ("两位数字次序颠倒？", "two digits swapped?"),
    "report.unrecognised": ("未能识别的表格", "Tables not recognised"),
    "report.comparisons": (
        "比对 {comparisons} 处，{failed} 处不符，{not_run} 条规则未运行",
        "{comparisons} comparisons, {failed} failed, {not_run} rules not run",
    ),
    "report.rule": ("规则", "rule"),
    "report.finding": ("说明", "finding"),
    "report.where": ("位置", "where"),
    # neither side is known right: the figure as printed, and what the others make it
    "report.expected": ("按相关数字应为", "the others make it"),
    "report.actual": ("印刷为", "printed"),
    "report.difference": ("差额", "difference"),
    "report.cards": ("绩效目标表", "project cards"),
    "report.narrative": ("说明", "narrative"),
    "report.document": ("文件", "document"),
    "report.misread": ("（OCR：可能识别有误）", " (OCR: may be misread)"),
    # what OCR was unsure of, in the app
    "ocr.misread": ("可能识别有误", "may be misread"),
    "ocr.confidence": ("OCR 置信度 {percent}", "OCR {percent}"),
    # notes export
    "notes.title": ("审查意见", "Review notes"),
    "notes.was": ("批注时为 {then}，现为 {now}", "{then} when noted, now {now}"),
    "notes.printed": ("原文", "printed"),
    "notes.findings": ("相关问题", "Related findings"),
    "notes.cards": ("绩效目标表", "Project cards"),
    "notes.document": ("全文", "Whole document"),
    "notes.narrative": ("情况说明", "Narrative"),
    "notes.paragraph": ("{heading} 第{n}段", "{heading}, paragraph {n}"),
    "notes.claim": ("{heading} 第{n}段「{number}」", "{heading}, paragraph {n}: “{number}”"),
    "notes.orphaned": ("对象已不存在的批注", "Notes whose target is gone"),
    "notes.last": ("最后的值", "last value"),
    "notes.unnoted": ("尚未批注的问题", "Open findings without a note"),
    "notes.summary": ("批注 {n} 条：{parts}；未解决 {open} 条", "{n} notes: {parts}; {open} open"),
    "notes.none": ("—", "none"),
    "notes.severity.error": ("错误", "errors"),
    "notes.severity.warning": ("需复核", "warnings"),
    "notes.count": ("{name} {n}", "{n} {name}"),
    "notes.detail": (
        "（应为 {expected}，实为 {actual}，差额 {difference}{unit}）",
        " (expected {expected}, actual {actual}, difference {difference}{unit})",
    ),
    "paren": ("（{text}）", " ({text})"),
    "notes.separator": ("，", ", "),
    # checklist
    "checklist.title": ("公开情况检查表", "Disclosure checklist"),
    "checklist.number": ("序号", "No."),
    "checklist.item": ("检查项", "item"),
    "checklist.meets": ("符合要求", "meets the requirements"),
    "checklist.problems": ("存在问题", "problems found"),
    "checklist.yes": ("是", "yes"),
    "checklist.no": ("否", "no"),
    "checklist.missing": ("未找到该部分", "not found"),
    "checklist.cut": (
        "……（单元格已满，共 {total} 字，全文见 notes export）",
        "… (the cell is full: {total} characters in all, see notes export for the rest)",
    ),
    "checklist.note": ("批注（{author}）：{text}", "note ({author}): {text}"),
    "checklist.sheet": ("检查表", "checklist"),
    "checklist.department": ("单位名称", "Department"),
    "checklist.year": ("年度", "Year"),
    # command-line messages
    "cli.stored": ("已存入", "stored"),
    "cli.already": ("已在库中", "already stored"),
    "cli.counts": (
        "{tables} 张表、{figures} 个数字、{cards} 张绩效目标表、{claims} 处说明数字；"
        "错误 {errors}，需复核 {warnings}，尾差 {tails}",
        "{tables} tables, {figures} figures, {cards} cards, {claims} claims; "
        "{errors} errors, {warnings} warnings, {tails} tails",
    ),
    "cli.warning": ("提示", "warning"),
    "cli.no_documents": ("{root} 中没有文件", "no documents in {root}"),
    "cli.list_row": ("{tables} 张表  {cards} 张绩效目标表", "{tables} tables  {cards} cards"),
    "cli.wrote_notes": (
        "已将 {documents} 个文件的 {count} 条批注写入 {path}",
        "wrote {count} notes on {documents} documents to {path}",
    ),
    "cli.wrote_checklist": (
        "已将 {rows} 行（{failing} 项为否）写入 {path}",
        "wrote {rows} rows ({failing} 否) to {path}",
    ),
    "cli.no_such_document": (
        "库中没有唯一对应此编号的文件",
        "no single document in the store has this id",
    ),
    "cli.store_problem": ("文件库：{problem}", "store: {problem}"),
    "cli.output_problem": ("无法写入：{problem}", "cannot write: {problem}"),
    "cli.unexpected": (
        "无法处理此文件：{problem}",
        "could not process the input: {problem}",
    ),
    # what a reader could not understand; each names its place
    # how a table's role was told
    "role.by_title": ("由标题「{title}」识别", "known by its title '{title}'"),
    "role.by_content": (
        "标题未指明表格种类；由表头（{header}）和各行（{rows}）识别为「{role}」",
        "the title names no known table; its header ({header}) and rows ({rows}) show"
        " it is the {role}",
    ),
    "role.unknown": (
        "标题未指明表格种类，表头和各行也不符合任何已知表格",
        "neither its title nor its header and rows match a known table",
    ),
    "role.not_read": (
        "部门整体绩效目标表未读取：各项核对不使用它",
        "an overall performance target table: not read, no check uses it",
    ),
    "role.function_rows": ("功能分类科目 {n} 行", "{n} rows of functional classes"),
    "role.economic_rows": ("经济分类科目 {n} 行", "{n} rows of economic classes"),
    "role.income_rows": ("收入项目 {n} 行", "{n} rows of income items"),
    "read.page_damaged": (
        "第{page}页的内容已损坏，未能完整读取（{problem}）：依赖该页的核对未进行",
        "page {page}: its content is damaged and was not read whole ({problem}); "
        "the checks that rest on it were not run",
    ),
    "read.page_unreadable": (
        "第{page}页无法读取（{problem}）",
        "page {page}: could not be read ({problem})",
    ),
    "read.all_pdfminer": (
        "所有页面均改用 pdfminer 读取（技术原因：{reason}）",
        "every page read with pdfminer ({reason})",
    ),
    "read.page_pdfminer": (
        "第{page}页改用 pdfminer 读取（技术原因：{reason}）",
        "page {page}: read with pdfminer ({reason})",
    ),
    "read.pages_ocr": (
        "{pages}经 OCR 识别：识别把握不大的数字已标出",
        "{pages} read by OCR: figures it was unsure of are marked",
    ),
    "read.page_ocr_empty": (
        "第{page}页 OCR 没有识别出文字（空白页、照片或手写？）",
        "page {page}: OCR found no text (blank page, photo or handwriting?)",
    ),
    "read.page_scanned": (
        "第{page}页没有文字层（扫描页？），已跳过",
        "page {page}: no text layer (a scanned page?), skipped",
    ),
    "read.no_unit": (
        "表{n}「{title}」未注明金额单位（单位：元/万元）",
        "表{n} '{title}': no unit stated (单位：元/万元)",
    ),
    "read.no_rows": ("{title}（{where}）：没有读到数据行", "{title} ({where}): no rows found"),
    "read.space_separated": (
        "{file}，{where}「{title}」：单元格以空格分隔，不是制表符，本表未读取；"
        "请导出为以制表符分隔单元格的文本",
        "{file}, {where}, '{title}': the cells are separated by spaces, not tabs, so the "
        "table was not read; export the text with its cells separated by tabs",
    ),
    "read.not_tabbed": (
        "单元格以空格分隔，不是制表符：未读取",
        "cells separated by spaces, not tabs: not read",
    ),
    "read.unknown_table": (
        "{where}：{above}的表格标题不在已知表格之列，其数据行未读取",
        "{where}: a table{above} matches no known table title; its rows were skipped",
    ),
    "read.columns_cut": (
        "{where}起有{rows}行超过{limit}列（最多{widest}列），只读取了每行前{limit}列",
        "{rows} row(s) from {where} have more than {limit} cells (up to {widest}); "
        "only the first {limit} of each were read",
    ),
    "read.under": ("「{text}」下", " under '{text}'"),
    "read.latin": (
        "{where}：中文文件中出现英文文字（OCR 占位的表格？），已跳过：{text}",
        "{where}: English text where the document has Chinese "
        "(an OCR placeholder for a table?), skipped: {text}",
    ),
    "read.row_note": ("表{n} {where}：{note}", "表{n} {where}: {note}"),
    "read.not_number": (
        "表{n} {where}：{column} 列的「{raw}」不是数字",
        "表{n} {where}: '{raw}' in {column} is not a number",
    ),
    "read.unit_subtotal": (
        "表{n}：「{unit}」的小计与其 {count} 个项目之和不符",
        "表{n}: the subtotal of '{unit}' differs from the sum of its {count} projects",
    ),
    "read.no_units": (
        "表{n}：单位小计与所属项目之和不符，项目未按实施单位分组",
        "表{n}: unit subtotals do not add up to their projects; "
        "projects are listed without their implementing units",
    ),
    "read.align_unplaced": (
        "{cells} 个单元格对应 {width} 列；缺失单元格放在任何位置都不能使本行合计成立，按原样读取",
        "{cells} cells for {width} columns; no placement of the missing cells"
        " satisfies the row's totals, read as printed",
    ),
    "read.align_ambiguous": (
        "{cells} 个单元格对应 {width} 列；有多种放法都成立，按原样读取",
        "{cells} cells for {width} columns; several placements fit, read as printed",
    ),
    "read.align_repaired": (
        "本行 {cells} 个单元格对应 {width} 列：漏掉了一个空单元格（已补在 {columns}），"
        "这是移动数字最少且使本行合计成立的放法",
        "row has {cells} cells for {width} columns: a blank cell was dropped "
        "(restored at {columns}): the placement that moves fewest figures and makes the"
        " row's totals agree",
    ),
    "read.repaired_from": (
        "{note}；修复前读作「{column}」",
        "{note}; read as '{column}' before repair",
    ),
    "contents.not_listed": (
        "表{n}「{title}」在正文中，但目录中没有",
        "表{n} '{title}' is in the body but not in the contents",
    ),
    "contents.title_differs": (
        "表{n}：目录标题「{listed}」（{listed_at}）与正文标题「{body}」（{body_at}）不同",
        "表{n}: contents title '{listed}' ({listed_at}) "
        "differs from body title '{body}' ({body_at})",
    ),
    "contents.missing": (
        "目录列有「{title}」（表{n}），但正文中没有这张表",
        "contents lists '{title}' (表{n}) but the body has no such table",
    ),
    # why a rule did not run
    "reason.page_damaged": (
        "所依据的第{pages}页内容已损坏，未能完整读取",
        "it rests on page(s) {pages}, whose content is damaged and was not read whole",
    ),
    "reason.no_table": ("文件中没有{titles}", "no {titles} table in the document"),
    "reason.no_table_but_unknown": (
        "{missing}；未能识别的表格或许就是：{unknown}",
        "{missing}; it may be among the tables not recognised: {unknown}",
    ),
    "reason.unknown_table": ("「{title}」（{where}）", "'{title}' ({where})"),
    "reason.no_unit": ("表{n}未注明金额单位", "表{n} states no unit"),
    "reason.no_lines_by_use": (
        "收支总表没有按支出用途（基本支出、人员经费等）列出的行",
        "no 收支总表 lists its spending by use (基本支出, 人员经费, …)",
    ),
    "reason.no_economic_table": (
        "文件中没有基本支出经济分类表",
        "no basic-expenditure table by economic class in the document",
    ),
    "reason.no_listed_uses": (
        "说明中没有列出人员经费或公用经费的构成",
        "the text does not list what 人员经费 or 公用经费 consist of",
    ),
    "reason.no_directions": (
        "说明中没有同时给出两个金额和增减方向的句子",
        "no sentence gives two amounts and a direction word",
    ),
    "reason.no_counts": (
        "说明中没有列出组成部分的数量",
        "the narrative states no count with its parts",
    ),
    "reason.no_total_row": ("表{n}没有合计行", "表{n} has no 合计 row"),
    "reason.no_income_column": ("表{n}没有收入金额列", "表{n} has no income amount column"),
    "reason.no_shared_income": (
        "收支总表的收入项目与收入总表的列没有对应",
        "no income item of the 收支总表 names a column of the 收入总表",
    ),
    "reason.no_expense_total": ("支出方没有合计列", "no total column on the expense side"),
    "reason.no_total_column": ("没有合计列", "no total column"),
    "reason.no_column": ("表{n}没有{column}列", "表{n} has no {column} column"),
    "reason.no_basic_total": ("表{n}没有基本支出合计", "表{n} has no 基本支出 total"),
    "reason.no_groups": ("表{n}既没有合计也没有分类行", "表{n} has neither a total nor group rows"),
    "reason.no_totals_row": ("表{n}没有合计行", "表{n} has no totals row"),
    "reason.no_cards": (
        "文件中没有项目支出绩效目标表",
        "the document has no performance cards (项目支出绩效目标表)",
    ),
    "reason.no_projects": ("表{n}没有列出项目", "表{n} lists no projects"),
    "reason.no_total_or_unit": ("表{n}没有合计列或金额单位", "表{n} has no 合计 column or unit"),
    "reason.card_unreadable": (
        "绩效目标表「{card}」的年度资金总额无法读取",
        "card '{card}': 年度资金总额 could not be read",
    ),
    "reason.pdf_only": ("只有 PDF 有页面", "only a PDF has pages"),
    "reason.no_claims": ("说明中没有{kind}", "the narrative states no {kind}"),
    "reason.no_numbers": ("说明中没有数字", "the narrative states no numbers"),
    "reason.nothing_to_compare": (
        "没有可比较的数字：所需数字为空或不存在",
        "nothing to compare: the figures it needs are blank or absent",
    ),
    "reason.no_figures": ("没有有数字的表格", "no table with figures"),
    "reason.no_totals_over_top": (
        "没有合计行与一级行相对应的表格",
        "no table with a totals row over top-level rows",
    ),
    "reason.no_two_sided": ("没有收支总表这样的双栏表", "no two-sided (收支总表) table"),
    "reason.no_balances": (
        "没有含年初、年末结转结余的表格",
        "no table with opening and closing balances",
    ),
    "reason.no_narrative": ("文件中没有文字说明", "the document has no narrative"),
    "reason.no_items": (
        "说明中没有逐项说明（…（类）…（款）…（项））",
        "the narrative has no per-item explanations (…（类）…（款）…（项）)",
    ),
    "reason.no_functional": (
        "没有可用于核对名称的功能分类表",
        "no functional-classification table to compare names with",
    ),
    "reason.no_year": ("文件年度不明", "the document's year is not known"),
    "reason.no_scope": (
        "文件属于部门还是单位不明",
        "the document's scope (部门/单位) is not known",
    ),
    "claim.amount": ("金额", "amount"),
    "claim.share": ("占比", "share"),
    "claim.change": ("增减额", "change"),
    "claim.rate": ("增减率", "rate"),
    "claim.count": ("数量", "count"),
    "or": ("或", " / "),
    # wording rules (checks/prose.py): where the words stand, and what is wrong with them
    "prose.table": ("表{n}「{title}」", "表{n} “{title}”"),
    "prose.table_unnumbered": ("「{title}」", "“{title}”"),
    "prose.place.heading": ("标题", "a heading"),
    "prose.place.title": ("{table}的标题", "the title of {table}"),
    "prose.place.note": ("{table}的注释", "the note of {table}"),
    "prose.place.row": ("{table}「{row}」行", "row “{row}” of {table}"),
    "prose.place.card": ("绩效目标表「{card}」", "card “{card}”"),
    "prose.place.contents": ("目录", "the contents"),
    "prose.place.paragraph": ("说明", "the text"),
    "prose.up": ("增加", "an increase"),
    "prose.down": ("减少", "a decrease"),
    "prose.times": ("（共 {n} 处）", " ({n} places)"),
    "prose.placeholder": (
        "{place}留有占位文字「{found}」：{quote}",
        "{place} still holds the placeholder “{found}”: {quote}",
    ),
    "prose.template": (
        "{place}留有模板用语「{found}」，未写明是增是减：{quote}",
        "{place} keeps the template's “{found}” without saying which: {quote}",
    ),
    "prose.year.title": (
        "{place}写 {year} 年，文件为 {doc_year} 年度{kind}：{quote}",
        "{place} says {year} in a {doc_year} {kind}: {quote}",
    ),
    "prose.year.as_of": (
        "「截至{year}年」不是 {doc_year} 年度{kind}报告的时点（应为 {expected} 年）：{quote}",
        "“截至{year}年” is not the date a {doc_year} {kind} reports at ({expected}): {quote}",
    ),
    "prose.year.compared": (
        "与 {year} 年比较，{doc_year} 年度{kind}应与 {expected} 年比较：{quote}",
        "compares with {year}; a {doc_year} {kind} compares with {expected}: {quote}",
    ),
    "prose.year.executed": (
        "上年执行数写作 {year} 年，{doc_year} 年度预算的上年为 {expected} 年：{quote}",
        "last year's outturn is given for {year}; for a {doc_year} budget that is {expected}:"
        " {quote}",
    ),
    "prose.year.itself": (
        "说明称「{found}」，文件为 {doc_year} 年度{kind}：{quote}",
        "the text says “{found}” in a {doc_year} {kind}: {quote}",
    ),
    "prose.year.period": (
        "实施周期 {start}–{end} 年不含文件年度 {doc_year} 年：{quote}",
        "the implementation period {start}–{end} does not include the document's year"
        " {doc_year}: {quote}",
    ),
    "prose.name.short": (
        "{place}写「{found}」，部门全称为「{name}」（少了「{prefix}」）：{quote}",
        "{place} says “{found}”; the department's full name is “{name}” (without “{prefix}”):"
        " {quote}",
    ),
    "prose.name.variant": (
        "{place}写「{found}」，与部门名称「{name}」不一致：{quote}",
        "{place} says “{found}”, which is not the department's name “{name}”: {quote}",
    ),
    "prose.name.level": (
        "{place}写「{found}」，而「{name}」是{level}部门：{quote}",
        "{place} says “{found}” but “{name}” is a {level_en} department: {quote}",
    ),
    "prose.level.省": ("省级", "provincial"),
    "prose.level.市": ("市级", "city-level"),
    "prose.level.区": ("区级", "district-level"),
    "prose.level.县": ("县级", "county-level"),
    "prose.subject": (
        "说明写「{written}」（{level}），{table}中同一科目 {code} 名为「{printed}」"
        "{times}：{quote}",
        "the text names the {level_en} “{written}”; {table} calls {code} “{printed}”{times}:"
        " {quote}",
    ),
    "prose.level.类": ("类", "category"),
    "prose.level.款": ("款", "section"),
    "prose.level.项": ("项", "item"),
    "prose.reason": (
        "说{direction}，所述原因却是「{reason}」：{quote}",
        "states {direction} but gives the reason “{reason}”: {quote}",
    ),
    "prose.copied": (
        "「{name}」的{what}与「{other}」一字不差，说的是「{other}」：{quote}",
        "the {what_en} of “{name}” is word for word that of “{other}”, and speaks of “{other}”:"
        " {quote}",
    ),
    "prose.copied.purpose": ("用途", "purpose"),
    "prose.copied.reason": ("原因", "reason"),
    "prose.zero_base": (
        "上年数为 0，增长率无从计算，不应写「{rate}」：{quote}",
        "last year's figure is 0, so no growth rate exists; “{rate}” should not be given: {quote}",
    ),
    "prose.unit.rate": (
        "「{found}」后没有 % 或单位{times}：{quote}",
        "“{found}” has no % and no unit{times}: {quote}",
    ),
    "prose.unit.broken": (
        "金额「{found}」的单位不完整（万元、亿元少了「元」）{times}：{quote}",
        "the amount “{found}” has a broken unit (万元 or 亿元 without 元){times}: {quote}",
    ),
    "prose.repeat.block": (
        "{here}的文字与{there}一字不差（{n} 段，自「{quote}」起）",
        "{here} repeats {there} word for word ({n} paragraphs from “{quote}”)",
    ),
    "prose.repeat.paragraph": (
        "这一段与{there}的一段一字不差：{quote}",
        "this paragraph repeats one at {there} word for word: {quote}",
    ),
    "prose.numbering": (
        "编号「{marker}」前缺少句末标点（。或；）：{quote}",
        "no full stop or semicolon before the numbered item “{marker}”: {quote}",
    ),
    "prose.doubled_name": (
        "名称「{name}」连写了两次：{quote}",
        "the name “{name}” is printed twice in a row: {quote}",
    ),
    "prose.code_space": (
        "科目编码「{found}」中有空格（应为 {code}）：{quote}",
        "the code “{found}” is printed with a space ({code} expected): {quote}",
    ),
    "reason.no_department": ("文件的部门名称不明", "the document's department is not known"),
    # survey
    "survey.file": ("文件", "file"),
    "survey.department": ("部门", "department"),
    "survey.year": ("年度", "year"),
    "survey.kind": ("类别", "kind"),
    "survey.pages": ("页数", "pages"),
    "survey.tables": ("表格（识别/目录）", "tables (read/listed)"),
    "survey.roles": ("识别的表", "roles"),
    "survey.comparisons": ("核对", "comparisons"),
    "survey.failures": ("错误/复核/尾差", "errors/warnings/tails"),
    "survey.not_run": ("未检查", "not run"),
    "survey.seconds": ("秒", "seconds"),
    "survey.problem": ("无法读取：{problem}", "not read: {problem}"),
    "survey.refused": ("无法读取", "not read"),
    "survey.problem_column": ("无法读取的原因", "why not read"),
    "survey.summary": (
        "{files} 个文件，{documents} 份公开文件：读取 {read} 份，无法读取 {refused} 份；"
        "{pages} 页，{tables} 张表"
        "（{unrecognised} 张未识别）；核对 {comparisons} 次，错误 {errors}、需复核 {warnings}、"
        "尾差 {tails}；表内表间核对 {identity} 次，{identity_errors} 处错误（{holding}% 相符）；"
        "{seconds:.1f} 秒",
        "{files} files, {documents} disclosures: {read} read, {refused} not read; {pages} pages,"
        " {tables} tables "
        "({unrecognised} unrecognised); {comparisons} comparisons, {errors} errors, "
        "{warnings} warnings, {tails} tails; {identity} table-identity comparisons, "
        "{identity_errors} failed ({holding}% hold); {seconds:.1f} s",
    ),
    # the store's own problems: each names the store file before it
    "store.damaged": ("文件已损坏（{problem}）", "the file is damaged ({problem})"),
    "store.cannot_write": ("无法写入（{problem}）", "cannot be written ({problem})"),
    "store.busy": (
        "另一个 budget-review 正在写入此存储，请稍后再试",
        "another budget-review is writing this store; try again in a moment",
    ),
    "store.not_a_folder": ("是文件，不是存储文件夹", "is a file; the store is a folder"),
    "store.index_rebuilt": (
        "索引已损坏，另存为 {kept}，并按完好的 {count} 份文件重建",
        "the index was damaged; it is kept as {kept} and was rebuilt from the {count} "
        "intact documents",
    ),
    "store.document_set_aside": (
        "一份存储的文件已损坏，另存为 {kept}；将重新读取原文件",
        "a stored document was damaged and is kept as {kept}; the disclosure is read again",
    ),
    "store.notes_recovered": (
        "批注文件已损坏，另存为 {kept}；找回 {count} 条批注",
        "the notes file was damaged and is kept as {kept}; {count} notes were recovered",
    ),
    "store.note_conflict": (
        "另一处同时修改了这条批注的{fields}，请比较后再保存",
        "someone else changed this note's {fields} meanwhile; compare before saving",
    ),
    "store.note_unreadable": (
        "第 {n} 条批注记录无法读取（{problem}），其余批注照常载入",
        "note record {n} cannot be read ({problem}); the other notes load as usual",
    ),
    # input problems: each names the file before it
    "input.missing": ("没有这个文件", "no such file"),
    "input.no_disclosures": (
        "文件夹中没有 PDF 或文本文件",
        "the folder holds no PDF or text file",
    ),
    "input.folder": ("是文件夹，不是文件", "is a folder, not a file"),
    "input.unreadable": ("无法读取（{reason}）", "cannot be read ({reason})"),
    "input.empty": ("文件是空的", "the file is empty"),
    "input.not_regular": (
        "不是普通文件（管道、设备或套接字），不读取",
        "not a regular file (a pipe, device or socket): not read",
    ),
    "input.too_large": (
        "文件有 {size} MB，超过 {limit} MB 的上限（可用 --size-limit 调整）",
        "the file is {size} MB, over the {limit} MB limit (--size-limit sets it)",
    ),
    "input.too_slow": (
        "读取超过 {seconds} 秒仍未完成，已停止（文件可能已损坏；可用 --time-limit 调整）",
        "reading took over {seconds} s and was stopped (the file may be damaged; "
        "--time-limit sets the limit)",
    ),
    "input.figure_too_long": (
        "有一个数字长达 {digits} 位，超过 {most} 位的上限，不是金额",
        "a figure has {digits} digits, more than the {most} a figure may have: not an amount",
    ),
    "input.reader_died": (
        "读取进程意外退出（{detail}）",
        "the reading process ended unexpectedly ({detail})",
    ),
    "input.not_disclosure": (
        "没有识别出预算或决算表格：不是预算公开文件",
        "no budget or final-accounts table was recognised: not a disclosure",
    ),
    "input.not_pdf": ("不是 PDF：文件没有 %PDF 文件头", "not a PDF: the file has no %PDF header"),
    "input.binary": (
        "是二进制数据，不是预算公开文件的文本",
        "binary data, not a text dump of a disclosure",
    ),
    "input.encoding": (
        "文本既不是 UTF-8 也不是 GB18030 编码",
        "the text is neither UTF-8 nor GB18030",
    ),
    "input.pdf_encrypted": (
        "PDF 已加密：请去掉密码后再试",
        "the PDF is encrypted: remove the password and try again",
    ),
    "input.pdf_corrupt": (
        "不是可读的 PDF：文件不完整或已损坏（{detail}）",
        "not a readable PDF: the file is truncated or corrupt ({detail})",
    ),
    "input.pdf_no_pages": ("PDF 没有页面", "the PDF has no pages"),
    "input.pdf_scanned": (
        "没有文字层：请先进行文字识别（页面是图片）",
        "no text layer: OCR the file first (the pages are images)",
    ),
    "input.pdf_ocr_found_none": (
        "没有可读的文字：OCR 在所有页面上都没有识别出文字（空白、照片或手写？）",
        "no readable text: OCR found none on any page (blank, photos or handwriting?)",
    ),
    "input.pdf_no_text": (
        "没有文字层：PDF 中没有可读的文字",
        "no text layer: the PDF has no readable text",
    ),
}
