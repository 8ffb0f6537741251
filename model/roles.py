"""The roles a disclosure's tables play, and the words that identify each one.

A table is known by its role (收支总表, 支出总表, "三公" …), never by its position
or number: the checks ask for a role. A role is told by the words of the table's
core title (after the label, year, 部门/单位 prefix and qualifiers are taken
off), which vary by region and year (总表, 总体情况表, 预算表, 情况表, 明细表),
and by the words of its header.
"""

from __future__ import annotations

from dataclasses import dataclass

BUDGET = "budget"
FINAL = "final_accounts"

# What a qualifier such as （按经济分类科目） says about the classification of the rows.
FUNCTION = "function"
ECONOMIC = "economic"
CARRYOVER = "carryover"

# Fund and money words a core title may name.
GPB = ("一般公共预算", "公共财政")
FISCAL = ("财政拨款",)


@dataclass(frozen=True)
class TableRole:
    """A standard table: how its title is recognised and how it is laid out."""

    id: str
    family: str  # budget | final_accounts
    layout: str  # 2S two-sided, F functional, E economic, R revenue, U units, P projects, S single
    title: str  # the usual title, for messages and the checklist
    english: str
    # Every group must have one of its words in the core title ...
    words: tuple[tuple[str, ...], ...]
    # ... and none of these.
    without: tuple[str, ...] = ()
    # The classification the title's qualifier must name (or the title itself), if any.
    qualifier: str | None = None
    # Header words that confirm the role when the title is missing or doubtful.
    header: tuple[str, ...] = ()


def _role(
    id: str,
    layout: str,
    title: str,
    english: str,
    *words: tuple[str, ...],
    without: tuple[str, ...] = (),
    qualifier: str | None = None,
    header: tuple[str, ...] = (),
    family: str = BUDGET,
) -> TableRole:
    return TableRole(id, family, layout, title, english, words, without, qualifier, header)


_FUNDS = ("政府性基金", "国有资本经营")
_PROJECTS = ("项目支出", "项目经费", "专项业务经费", "专项资金", "项目预算")

# In matching order: the first role whose words fit wins, so the specific come first.
ROLES: tuple[TableRole, ...] = (
    # 部门预算 (and 单位预算)
    _role(
        "three_public_admin",
        "S",
        "“三公”经费和机关运行经费预算表",
        "“three public” and agency operating expenses",
        ("三公",),
        ("机关运行",),
        header=("因公出国", "公务接待", "机关运行"),
    ),
    _role(
        "three_public",
        "S",
        "财政拨款“三公”经费支出预算表",
        "“three public” expenses",
        ("三公",),
        header=("因公出国", "公务接待", "公务用车"),
    ),
    _role(
        "admin_operating",
        "U",
        "机关运行经费预算表",
        "operating expenses of government agencies",
        ("机关运行经费",),
        header=("机关运行经费",),
    ),
    _role(
        "procurement",
        "S",
        "政府采购预算表",
        "government procurement",
        ("政府采购",),
        header=("采购",),
    ),
    _role(
        "purchased_services",
        "S",
        "政府购买服务预算表",
        "government purchase of services",
        ("购买服务",),
    ),
    _role(
        "gf_summary",
        "2S",
        "政府性基金预算收支表",
        "government-managed fund revenue and expenditure",
        ("政府性基金",),
        ("收支",),
    ),
    _role(
        "gf_income",
        "R",
        "政府性基金预算收入表",
        "government-managed fund revenue",
        ("政府性基金",),
        ("收入",),
        without=("支出", "收支"),
    ),
    _role(
        "gf_expense",
        "F",
        "政府性基金预算支出表",
        "government-managed fund expenditure",
        ("政府性基金",),
        header=("政府性基金",),
    ),
    _role(
        "soc_summary",
        "2S",
        "国有资本经营预算收支预算表",
        "state capital operations revenue and expenditure",
        ("国有资本经营",),
        ("收支",),
    ),
    _role(
        "soc_expense",
        "F",
        "国有资本经营预算支出表",
        "state capital operations expenditure",
        ("国有资本经营",),
    ),
    _role(
        "projects_carryover",
        "P",
        "项目支出预算表（上年结转）",
        "projects (carry-over)",
        (*_PROJECTS, "上年结转"),
        qualifier=CARRYOVER,
    ),
    _role(
        "fiscal_summary",
        "2S",
        "财政拨款收支总表",
        "fiscal appropriations: revenue and expenditure",
        FISCAL,
        ("收支",),
    ),
    _role(
        "gpb_basic_function",
        "F",
        "一般公共预算基本支出表（按功能分类科目）",
        "general public budget basic expenditure by function",
        ("基本支出",),
        qualifier=FUNCTION,
    ),
    _role(
        "gpb_basic_economic",
        "E",
        "一般公共预算基本支出表",
        "general public budget basic expenditure by economic class",
        ("基本支出",),
        GPB + FISCAL,
        header=("人员经费", "公用经费", "人员支出", "公用支出"),
    ),
    _role(
        "basic_summary",
        "E",
        "基本支出总表",
        "basic expenditure",
        ("基本支出",),
    ),
    _role(
        "gpb_project_economic",
        "E",
        "一般公共预算项目支出表（按经济分类科目）",
        "general public budget project expenditure by economic class",
        ("项目支出",),
        GPB + FISCAL,
        qualifier=ECONOMIC,
    ),
    _role(
        "gpb_economic",
        "E",
        "一般公共预算支出表（按经济分类科目）",
        "general public budget expenditure by economic class",
        GPB + FISCAL,
        ("支出",),
        qualifier=ECONOMIC,
    ),
    _role(
        "fiscal_expense",
        "F",
        "财政拨款支出表（按功能分类科目）",
        "fiscal appropriations expenditure by function",
        FISCAL,
        ("支出",),
        without=GPB,
    ),
    _role(
        "gpb_expense",
        "F",
        "一般公共预算支出表",
        "general public budget expenditure",
        GPB,
        ("支出",),
        header=("基本支出", "项目支出"),
    ),
    _role(
        "projects_current",
        "P",
        "项目支出预算表",
        "project expenditure",
        _PROJECTS,
        header=("项目名称",),
    ),
    _role(
        "budget_summary",
        "2S",
        "收支总表",
        "revenue and expenditure summary",
        ("收支", "收入支出"),
        header=("收入", "支出"),
    ),
    _role(
        "budget_income",
        "F",
        "收入总表",
        "revenue summary",
        ("收入",),
        without=_FUNDS,
        header=("一般公共预算", "上年结转"),
    ),
    _role(
        "budget_expense",
        "F",
        "支出总表",
        "expenditure summary",
        ("支出",),
        without=(*_FUNDS, *GPB, *FISCAL),
        header=("基本支出", "项目支出"),
    ),
    # 部门决算: the national template and the tables some regions add
    _role(
        "fa_three_public",
        "S",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "“three public” expenses (final)",
        ("三公",),
        family=FINAL,
    ),
    _role(
        "fa_admin_operating",
        "U",
        "机关运行经费支出决算表",
        "agency operating expenses (final)",
        ("机关运行经费",),
        family=FINAL,
    ),
    _role(
        "fa_procurement",
        "S",
        "政府采购情况表",
        "government procurement (final)",
        ("政府采购",),
        family=FINAL,
    ),
    _role(
        "fa_assets",
        "S",
        "国有资产占用情况表",
        "state-owned assets in use",
        ("国有资产",),
        family=FINAL,
    ),
    _role(
        "fa_gf",
        "F",
        "政府性基金预算财政拨款收入支出决算表",
        "government-managed fund (final)",
        ("政府性基金",),
        family=FINAL,
    ),
    _role(
        "fa_soc",
        "F",
        "国有资本经营预算财政拨款收入支出决算表",
        "state capital operations (final)",
        ("国有资本经营",),
        family=FINAL,
    ),
    _role(
        "fa_fiscal_summary",
        "2S",
        "财政拨款收入支出决算总表",
        "fiscal appropriations: revenue and expenditure (final)",
        FISCAL,
        ("收入支出", "收支"),
        family=FINAL,
    ),
    _role(
        "fa_gpb_basic",
        "E",
        "一般公共预算财政拨款基本支出决算表",
        "general public budget basic expenditure (final)",
        ("基本支出",),
        family=FINAL,
    ),
    _role(
        "fa_gpb_project",
        "F",
        "一般公共预算财政拨款项目支出决算表",
        "general public budget project expenditure (final)",
        ("项目支出",),
        family=FINAL,
    ),
    _role(
        "fa_gpb_expense",
        "F",
        "一般公共预算财政拨款支出决算表",
        "general public budget expenditure (final)",
        GPB,
        ("支出",),
        family=FINAL,
    ),
    _role(
        "fa_summary",
        "2S",
        "收入支出决算总表",
        "revenue and expenditure (final)",
        ("收入支出", "收支"),
        family=FINAL,
    ),
    _role(
        "fa_income",
        "F",
        "收入决算表",
        "revenue (final)",
        ("收入",),
        family=FINAL,
    ),
    _role(
        "fa_expense",
        "F",
        "支出决算表",
        "expenditure (final)",
        ("支出",),
        family=FINAL,
    ),
)

_BY_ID = {role.id: role for role in ROLES}


def role_by_id(role_id: str) -> TableRole:
    return _BY_ID[role_id]


def role_fits(role: TableRole, core: str, qualifier: str | None) -> bool:
    """The core title names this role: every word group is there, no excluded word is."""
    if any(word in core for word in role.without):
        return False
    if not all(any(word in core for word in group) for group in role.words):
        return False
    return role.qualifier is None or role.qualifier == qualifier
