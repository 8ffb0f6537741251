"""The roles a disclosure's tables play, and what identifies each one.

A table is known by its role (收支总表, 支出总表, "三公" …), never by its position
or its number; the checks ask for a role. Readers match titles against the
names here (normalised core titles: no year, no 部门/单位 prefix, no quotes or spaces).
"""

from __future__ import annotations

from dataclasses import dataclass

BUDGET = "budget"
FINAL = "final_accounts"


@dataclass(frozen=True)
class TableRole:
    id: str
    family: str  # budget | final_accounts
    layout: str  # 2S two-sided, F functional, E economic, R revenue, U units, P projects, S single
    names: tuple[str, ...]
    qualifier: str | None = None  # distinguishes tables that share a core title

    @property
    def title(self) -> str:
        """The role's usual title, for a reader's message when the table is missing."""
        return self.names[0]


def _role(
    id: str, family: str, layout: str, *names: str, qualifier: str | None = None
) -> TableRole:
    return TableRole(id, family, layout, names, qualifier)


# Aliases are normalised core titles: no year, no 部门/单位 prefix, no quotes or spaces.
ROLES: tuple[TableRole, ...] = (
    # 部门预算 (13-table and nine-table layouts)
    _role(
        "budget_summary",
        "budget",
        "2S",
        "预算收支总表",
        "收支总表",
        "收支预算总表",
        "财务收支预算总表",
        "财务收支总表",
    ),
    _role("budget_income", "budget", "F", "预算收入总表", "收入总表", "收入预算总表"),
    _role(
        "budget_expense",
        "budget",
        "F",
        "预算支出总表",
        "预算支出汇总表",
        "支出总表",
        "支出汇总表",
        "支出预算总表",
    ),
    _role("fiscal_summary", "budget", "2S", "财政拨款收支总表", "财政拨款收支预算总表"),
    _role(
        "gpb_expense",
        "budget",
        "F",
        "一般公共预算支出预算表",
        "一般公共预算支出表",
        "一般公共预算支出功能分类预算表",
        "一般公共预算财政拨款支出预算表",
        "一般公共预算当年拨款支出预算表",
    ),
    _role(
        "gpb_basic_economic",
        "budget",
        "E",
        "一般公共预算基本支出分经济科目表",
        "一般公共预算安排基本支出分经济科目表",
        "一般公共预算基本支出经济分类预算表",
        "一般公共预算基本支出部门预算经济分类预算表",
        "一般公共预算基本支出表",
        "一般公共预算安排基本支出分经济分类科目表",
    ),
    _role("gf_income", "budget", "R", "政府性基金预算收入表"),
    _role(
        "gf_expense",
        "budget",
        "F",
        "政府性基金预算支出表",
        "政府性基金预算支出功能分类预算表",
        "政府性基金预算支出预算表",
    ),
    _role("soc_summary", "budget", "2S", "国有资本经营预算收支预算表", "国有资本经营预算收支表"),
    _role(
        "soc_expense",
        "budget",
        "F",
        "国有资本经营预算支出表",
        "国有资本经营预算支出功能分类预算表",
        "国有资本经营预算支出预算表",
    ),
    _role(
        "three_public_admin",
        "budget",
        "S",
        "三公经费和机关运行经费预算表",
        "三公经费及机关运行经费预算表",
    ),
    _role(
        "three_public",
        "budget",
        "S",
        "三公经费支出预算表",
        "财政拨款安排三公经费支出预算表",
        "三公经费预算表",
        "一般公共预算三公经费支出预算表",
    ),
    _role(
        "admin_operating",
        "budget",
        "U",
        "机关运行经费预算表",
        "财政拨款安排机关运行经费预算表",
        "机关运行经费支出预算表",
    ),
    _role("projects_carryover", "budget", "P", "项目支出预算表", qualifier="上年结转"),
    _role("projects_current", "budget", "P", "项目支出预算表", "项目支出表"),
    _role("procurement", "budget", "S", "政府采购预算表", "政府采购预算明细表"),
    # 部门决算 (national template and regional additions)
    _role("fa_summary", "final_accounts", "2S", "收入支出决算总表"),
    _role("fa_income", "final_accounts", "F", "收入决算表"),
    _role("fa_expense", "final_accounts", "F", "支出决算表"),
    _role("fa_fiscal_summary", "final_accounts", "2S", "财政拨款收入支出决算总表"),
    _role(
        "fa_gpb_expense",
        "final_accounts",
        "F",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款支出决算明细表",
    ),
    _role(
        "fa_gpb_basic",
        "final_accounts",
        "E",
        "一般公共预算财政拨款基本支出决算表",
        "一般公共预算财政拨款基本支出决算明细表",
    ),
    _role("fa_gpb_project", "final_accounts", "F", "一般公共预算财政拨款项目支出决算表"),
    _role(
        "fa_three_public",
        "final_accounts",
        "S",
        "财政拨款三公经费支出决算表",
        "三公经费支出决算表",
        "一般公共预算财政拨款三公经费支出决算表",
    ),
    _role(
        "fa_gf",
        "final_accounts",
        "F",
        "政府性基金预算财政拨款收入支出决算表",
        "政府性基金预算财政拨款支出决算表",
    ),
    _role(
        "fa_soc",
        "final_accounts",
        "F",
        "国有资本经营预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款支出决算表",
    ),
    _role(
        "fa_admin_operating", "final_accounts", "U", "机关运行经费支出决算表", "机关运行经费支出表"
    ),
    _role("fa_procurement", "final_accounts", "S", "政府采购情况表"),
    _role("fa_assets", "final_accounts", "S", "国有资产占用情况表", "国有资产使用情况表"),
)

_BY_ID = {role.id: role for role in ROLES}


def role_by_id(role_id: str) -> TableRole:
    return _BY_ID[role_id]
