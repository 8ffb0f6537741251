"""完整性: the tables a family must publish, their notes and units, the contents, placeholders."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from budget_review.checks.context import Context, Skip
from budget_review.checks.passages import corpus, excerpt
from budget_review.checks.registry import rule
from budget_review.model import Address, Document, Ref, Severity, role_by_id, words
from budget_review.model.roles import BUDGET, FINAL

# Each entry: the tables that can fill one place in the family's set (any one of them).
REQUIRED: dict[str, list[tuple[str, ...]]] = {
    BUDGET: [
        ("budget_summary",),
        ("budget_income",),
        ("budget_expense",),
        ("fiscal_summary",),
        ("gpb_expense",),
        ("gpb_basic_economic",),
        ("gf_expense", "gf_income", "gf_summary"),
        ("soc_expense", "soc_summary"),
        ("three_public", "three_public_admin"),
    ],
    FINAL: [
        ("fa_summary",),
        ("fa_income",),
        ("fa_expense",),
        ("fa_fiscal_summary",),
        ("fa_gpb_expense",),
        ("fa_gpb_basic",),
        ("fa_three_public",),
        ("fa_gf",),
        ("fa_soc",),
    ],
}
# XX and xx only apart from Latin words (XXL is a size); two asterisks, never one (363*1150
# multiplies); empty 【】 and 〔〕 that were to hold a number.
_PLACEHOLDER = re.compile(
    # one set of first characters, so that the search skips quickly to the few candidates
    r"[XxＸｘ×＊*某待【〔](?:(?<=[XxＸｘ])(?<![A-Za-z].)[XxＸｘ]+(?![A-Za-z])|(?<=[×＊*])[×＊*]+"
    r"|(?<=某)某|(?<=待)(?:填写?|补充|定)|(?<=【)\s*】|(?<=〔)\s*〕)"
)


@rule(
    "K1",
    "完整性",
    "文件应公开的标准表格齐全",
    "Every standard table the document family requires is present",
    compares=False,
)
def required_tables(ctx: Context) -> None:
    family = ctx.doc.meta.kind or BUDGET
    if not ctx.doc.tables:
        # a 情况说明 published apart from its tables: one finding, not one per table
        ctx.add(
            Severity.WARNING,
            "本文件没有表格：报表若另行公开，请与本文件一起打开核对",
            "this file has no tables: if they are published as another file, open both "
            "together to check them against the text",
            [],
        )
        return
    present = {t.role for t in ctx.doc.tables}
    for alternatives in REQUIRED.get(family, []):
        if not present & set(alternatives):
            names = [role_by_id(r).title for r in alternatives]
            ctx.add(
                Severity.ERROR,
                f"缺少应公开的表格「{names[0]}」"
                + (f"（或「{'」「'.join(names[1:])}」）" if len(names) > 1 else ""),
                f"a table the {family_name(family)} must publish is missing: {names[0]}"
                + (f" (or {', '.join(names[1:])})" if len(names) > 1 else ""),
                [],
            )


def family_name(family: str) -> str:
    return "final accounts" if family == FINAL else "budget"


@rule(
    "K2",
    "完整性",
    "空表应有说明；注明无数据的表不应有数字；每张表注明金额单位",
    "An empty table carries its note, a table noted as empty has no figures, and every "
    "table states its unit",
    compares=False,
)
def notes_and_units(ctx: Context) -> None:
    for table in ctx.doc.tables:
        figures = [f for f in table.figures() if f.value]
        where = Ref(
            Address(table=table.number),
            page=table.where.page,
            line=table.where.line,
            part=table.where.part,
        )
        if not figures and not table.note and table.rows is not None:
            ctx.add(
                Severity.WARNING,
                f"表{table.number}「{table.title}」没有数字，也没有空表说明",
                f"表{table.number} '{table.title}' has no figures and no note saying why",
                [where],
            )
        if table.note and figures and re.search(r"无数据|空表|没有", table.note):
            ctx.add(
                Severity.ERROR,
                f"表{table.number}注明无数据，却列有数字",
                f"表{table.number} is noted as empty but prints figures",
                [where],
            )
        if table.unit is None and figures:
            ctx.add(
                Severity.WARNING,
                f"表{table.number}「{table.title}」未注明金额单位",
                f"表{table.number} '{table.title}' states no unit",
                [where],
            )


@rule(
    "K3",
    "完整性",
    "目录所列表格与正文表名一致",
    "The contents page and the body agree on the tables and their titles",
    compares=False,
)
def contents(ctx: Context) -> None:
    for mismatch in ctx.doc.contents_mismatches:
        ctx.add(
            Severity.WARNING,
            f"目录与正文不一致：{mismatch.text.zh}",
            f"contents and body disagree: {mismatch.text.en}",
            [Ref(Address(table=mismatch.table))] if mismatch.table is not None else [],
        )


@rule(
    "K4",
    "完整性",
    "不留占位文字（XX、××、某某、待填写、【】、**），标题、表名、行名、说明、绩效目标表均不例外",
    "No placeholder text is left (XX, ××, 某某, 待填写, 【】, **): not in headings, table "
    "titles, row names, the text or the cards",
    families=(BUDGET, FINAL),
    compares=False,
)
def placeholders(ctx: Context) -> None:
    for hit in corpus(ctx).search(_PLACEHOLDER):
        passage = hit.passage
        quote = excerpt(passage.text, hit.start, hit.end)
        text = words("prose.placeholder", place=passage.place(), found=hit.text, quote=quote)
        ctx.add(Severity.ERROR, text.zh, text.en, [passage.ref(quote)])


@dataclass(frozen=True)
class SectionCheck:
    id: str
    zh: str
    en: str
    present: Callable[[Document], bool]
    # the headings that begin this part ('' for a part that is not a heading)
    heading: re.Pattern[str] | None = None

    def begins(self, heading: str) -> bool:
        """Whether a section with this heading begins this part."""
        return bool(self.heading and self.heading.search(heading))


def _heading(pattern: str) -> Callable[[Document], bool]:
    regex = re.compile(pattern)
    return lambda doc: any(regex.search(section.heading) for section in doc.sections)


def _part(id: str, zh: str, en: str, pattern: str) -> SectionCheck:
    return SectionCheck(id, zh, en, _heading(pattern), re.compile(pattern))


_PROJECTS = r"经费情况说明|绩效"
_OTHER = r"其他(?:相关)?(?:情况)?说明|其他重要事项"
# What 其他相关情况说明 holds; many disclosures give these their own headings instead.
_OTHER_ITEMS = (r"机关运行经费", r"政府采购", r"国有资产", r"绩效(?:目标|管理|评价)")


def _other_items(doc: Document) -> bool:
    """The parts of 其他相关情况说明 under headings of their own: two of them will do."""
    found = {
        item
        for item in _OTHER_ITEMS
        for section in doc.sections
        if re.search(item, section.heading)
    }
    return len(found) >= 2


# The parts a disclosure must have besides its tables, in the order they appear.
SECTIONS: tuple[SectionCheck, ...] = (
    SectionCheck("cover", "封面", "cover", lambda doc: bool(doc.meta.title)),
    SectionCheck("contents", "目录", "contents page", lambda doc: bool(doc.contents)),
    _part("functions", "主要职能", "main functions", r"职能|职责"),
    _part("organisation", "机构设置", "organisational structure", r"机构设置|单位构成"),
    _part("explanation", "编制说明", "explanatory notes", r"编制说明|(?<!经费)情况说明"),
    SectionCheck(
        "other",
        "其他相关说明",
        "other information",
        lambda doc: _heading(_OTHER)(doc) or _other_items(doc),
        re.compile(_OTHER),
    ),
    SectionCheck(
        "projects",
        "项目经费情况说明或绩效目标",
        "project explanations or performance targets",
        lambda doc: bool(doc.cards) or _heading(_PROJECTS)(doc),
        re.compile(_PROJECTS),
    ),
    _part("glossary", "名词解释", "explanation of terms", r"名词解释"),
)


@rule(
    "K5",
    "完整性",
    "文件应有的部分齐全：封面、目录、主要职能、机构设置、编制说明、其他相关说明、项目说明或绩效目标、名词解释",
    "The parts a disclosure must have are present: cover, contents, functions, organisation, "
    "explanatory notes, other information, project explanations or targets, glossary",
    compares=False,
)
def required_sections(ctx: Context) -> None:
    for section in SECTIONS:
        if not section.present(ctx.doc):
            ctx.add(
                Severity.WARNING,
                f"未找到「{section.zh}」部分",
                f"no “{section.en}” part found",
                [],
            )


@rule(
    "K6",
    "完整性",
    "不留空白页",
    "No blank pages",
    compares=False,
)
def blank_pages(ctx: Context) -> None:
    if ctx.doc.source.format != "pdf":
        raise Skip(words("reason.pdf_only"))
    for where in ctx.doc.blank_pages:
        ctx.add(
            Severity.WARNING,
            f"第{where.page}页为空白页",
            f"page {where.page} is blank",
            [Ref(Address(), page=where.page, part=where.part)],
        )
