"""Catalogue of standard disclosure tables, recognised by title, never by position.

A title is [label] [year] [prefix] core [qualifier]; `normalise_title` strips the
parts around the core so that one alias list serves every region and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budget_review.parsers.numerals import chinese_to_int


@dataclass(frozen=True)
class TableSpec:
    id: str
    family: str  # budget | final_accounts
    layout: str  # 2S two-sided, F functional, E economic, R revenue, U units, P projects, S single
    names: tuple[str, ...]
    qualifier: str | None = None  # distinguishes tables that share a core title


def _spec(
    id: str, family: str, layout: str, *names: str, qualifier: str | None = None
) -> TableSpec:
    return TableSpec(id, family, layout, names, qualifier)


# Aliases are normalised core titles: no year, no 部门/单位 prefix, no quotes or spaces.
CATALOGUE: tuple[TableSpec, ...] = (
    # 部门预算 (13-table and nine-table layouts)
    _spec(
        "budget_summary",
        "budget",
        "2S",
        "预算收支总表",
        "收支总表",
        "收支预算总表",
        "财务收支预算总表",
        "财务收支总表",
    ),
    _spec("budget_income", "budget", "F", "预算收入总表", "收入总表", "收入预算总表"),
    _spec(
        "budget_expense",
        "budget",
        "F",
        "预算支出总表",
        "预算支出汇总表",
        "支出总表",
        "支出汇总表",
        "支出预算总表",
    ),
    _spec("fiscal_summary", "budget", "2S", "财政拨款收支总表", "财政拨款收支预算总表"),
    _spec(
        "gpb_expense",
        "budget",
        "F",
        "一般公共预算支出预算表",
        "一般公共预算支出表",
        "一般公共预算支出功能分类预算表",
        "一般公共预算财政拨款支出预算表",
        "一般公共预算当年拨款支出预算表",
    ),
    _spec(
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
    _spec("gf_income", "budget", "R", "政府性基金预算收入表"),
    _spec(
        "gf_expense",
        "budget",
        "F",
        "政府性基金预算支出表",
        "政府性基金预算支出功能分类预算表",
        "政府性基金预算支出预算表",
    ),
    _spec("soc_summary", "budget", "2S", "国有资本经营预算收支预算表", "国有资本经营预算收支表"),
    _spec(
        "soc_expense",
        "budget",
        "F",
        "国有资本经营预算支出表",
        "国有资本经营预算支出功能分类预算表",
        "国有资本经营预算支出预算表",
    ),
    _spec(
        "three_public_admin",
        "budget",
        "S",
        "三公经费和机关运行经费预算表",
        "三公经费及机关运行经费预算表",
    ),
    _spec(
        "three_public",
        "budget",
        "S",
        "三公经费支出预算表",
        "财政拨款安排三公经费支出预算表",
        "三公经费预算表",
        "一般公共预算三公经费支出预算表",
    ),
    _spec(
        "admin_operating",
        "budget",
        "U",
        "机关运行经费预算表",
        "财政拨款安排机关运行经费预算表",
        "机关运行经费支出预算表",
    ),
    _spec("projects_carryover", "budget", "P", "项目支出预算表", qualifier="上年结转"),
    _spec("projects_current", "budget", "P", "项目支出预算表", "项目支出表"),
    _spec("procurement", "budget", "S", "政府采购预算表", "政府采购预算明细表"),
    # 部门决算 (national template and regional additions)
    _spec("fa_summary", "final_accounts", "2S", "收入支出决算总表"),
    _spec("fa_income", "final_accounts", "F", "收入决算表"),
    _spec("fa_expense", "final_accounts", "F", "支出决算表"),
    _spec("fa_fiscal_summary", "final_accounts", "2S", "财政拨款收入支出决算总表"),
    _spec(
        "fa_gpb_expense",
        "final_accounts",
        "F",
        "一般公共预算财政拨款支出决算表",
        "一般公共预算财政拨款支出决算明细表",
    ),
    _spec(
        "fa_gpb_basic",
        "final_accounts",
        "E",
        "一般公共预算财政拨款基本支出决算表",
        "一般公共预算财政拨款基本支出决算明细表",
    ),
    _spec("fa_gpb_project", "final_accounts", "F", "一般公共预算财政拨款项目支出决算表"),
    _spec(
        "fa_three_public",
        "final_accounts",
        "S",
        "财政拨款三公经费支出决算表",
        "三公经费支出决算表",
        "一般公共预算财政拨款三公经费支出决算表",
    ),
    _spec(
        "fa_gf",
        "final_accounts",
        "F",
        "政府性基金预算财政拨款收入支出决算表",
        "政府性基金预算财政拨款支出决算表",
    ),
    _spec(
        "fa_soc",
        "final_accounts",
        "F",
        "国有资本经营预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款支出决算表",
    ),
    _spec(
        "fa_admin_operating", "final_accounts", "U", "机关运行经费支出决算表", "机关运行经费支出表"
    ),
    _spec("fa_procurement", "final_accounts", "S", "政府采购情况表"),
    _spec("fa_assets", "final_accounts", "S", "国有资产占用情况表", "国有资产使用情况表"),
)

_BY_ID = {spec.id: spec for spec in CATALOGUE}


def spec_by_id(spec_id: str) -> TableSpec:
    return _BY_ID[spec_id]


# A label's number: digits that stop before a year ('表12026年' is 表1), or a numeral.
_NUMBER = r"\d{1,2}(?:\s*[-－—]\s*\d{1,2})?(?=\D|(?:19|20)\d\d)|[一二三四五六七八九十]+"
# Labels: 预算公开表1, 公开01表, 表一, 表1-1, 附表1, 附件1, "1."
_LABEL = re.compile(
    r"^(?P<label>(?:(?:预算|决算)?公开|附)?表\s*(?:" + _NUMBER + r")|公开\s*\d+\s*表"
    r"|附件\s*\d{1,2}|[一二三四五六七八九十]{1,3}、|\d{1,2}\s*[.、．](?=\s*(?:19|20)\d\d|[^\d]))\s*"
)
_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?")
_QUALIFIER = re.compile(r"[（(]\s*(不含上年结转|本年预算|上年结转|本年|当年)\s*[)）]")
_PREFIXES = ("预算单位", "部门", "单位")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")


@dataclass(frozen=True)
class TitleParts:
    label: str | None
    number: int | None
    year: int | None
    core: str
    qualifier: str | None


def label_number(label: str) -> int | None:
    """The table number a label gives: 预算公开表1 → 1, 表十三 → 13, 表1-2 → None."""
    if re.search(r"\d\s*[-－—]\s*\d", label):
        return None
    digits = re.search(r"\d+", label)
    if digits:
        return int(digits.group())
    numeral = re.search(r"[一二三四五六七八九十]+", label)
    return chinese_to_int(numeral.group()) if numeral else None


def squash(text: str) -> str:
    """Remove white space, unify brackets and drop quotes: for comparing titles."""
    text = re.sub(r"\s+", "", text)
    text = text.replace("(", "（").replace(")", "）")
    return _QUOTES.sub("", text)


def normalise_title(text: str) -> TitleParts:
    text = re.sub(r"\.{3,}.*$|…{2,}.*$", "", text.strip())  # contents dot leaders
    label = None
    match = _LABEL.match(text)
    if match:
        label = re.sub(r"\s+", "", match.group("label"))
        text = text[match.end() :]
    text = squash(text)
    year = None
    match = _YEAR.match(text)
    if match:
        year = int(match.group()[:4])
        text = text[match.end() :]
    qualifier = None
    match = _QUALIFIER.search(text.replace("（", "(").replace("）", ")"))
    if match:
        qualifier = match.group(1)
        text = _QUALIFIER.sub("", text.replace("（", "(").replace("）", ")"))
    text = text.replace("(", "（").replace(")", "）")
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 3:
            text = text[len(prefix) :]
            break
    text = re.sub(r"^(?:19|20)\d{2}年(?:度)?", "", text)
    return TitleParts(label, label_number(label) if label else None, year, text, qualifier)


def match_title(text: str) -> tuple[TableSpec, TitleParts] | None:
    """Recognise a table title; None when the text is not one we know."""
    if len(text) > 80 or "\t" in text.strip():
        return None
    parts = normalise_title(text)
    core = parts.core.replace("安排", "") if parts.core.startswith("财政拨款安排") else parts.core
    candidates = [spec for spec in CATALOGUE if parts.core in spec.names or core in spec.names]
    if not candidates:
        return None
    for spec in candidates:
        if spec.qualifier and spec.qualifier == parts.qualifier:
            return spec, parts
    plain = [spec for spec in candidates if spec.qualifier is None]
    return (plain[0] if plain else candidates[0]), parts


# Expenditure 类 names, matched by name (never by the 一、二、 ordinal of a row).
EXPENSE_CLASSES: dict[str, str] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "社会保险基金支出": "209",
    "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}

ECONOMIC_GROUPS = (
    "工资福利支出",
    "商品和服务支出",
    "对个人和家庭的补助",
    "对个人和家庭补助",
    "债务利息及费用支出",
    "资本性支出",
    "资本性支出（基本建设）",
    "对企业补助",
    "对企业补助（基本建设）",
    "其他支出",
    "机关工资福利支出",
    "机关商品和服务支出",
    "机关资本性支出",
    "对事业单位经常性补助",
    "对事业单位资本性补助",
)

TOTAL_NAMES = ("合计", "总计", "部门合计", "单位合计")


def is_total_name(name: str) -> bool:
    """合计, 总计, 部门合计, 本年收入合计 …: a totals row, whatever its spacing."""
    bare = re.sub(r"\s+", "", name)
    return bare in TOTAL_NAMES or bare.endswith(("合计", "总计"))
