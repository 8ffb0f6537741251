"""Words every layer compares: classification names, totals, and the normal form of a name."""

from __future__ import annotations

import re

_QUOTES = re.compile(r"[“”\"'‘’「」『』]")


def squash(text: str) -> str:
    """Remove white space, unify brackets and drop quotes: for comparing titles."""
    text = re.sub(r"\s+", "", text)
    text = text.replace("(", "（").replace(")", "）")
    return _QUOTES.sub("", text)


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


# Direction words, one set for the readers and every rule: what each says of B against A.
INCREASE_WORDS = ("增加", "增长", "上升", "提高", "增多", "大于", "多于", "高于", "超过")
DECREASE_WORDS = ("减少", "下降", "降低", "减小", "小于", "少于", "低于")
FLAT_WORDS = ("持平", "等于", "不变", "无变化", "没有变化", "相同", "无增减")


def direction_of(word: str) -> str | None:
    """'increase', 'decrease' or 'flat' for a direction word, else None."""
    if word in INCREASE_WORDS:
        return "increase"
    if word in DECREASE_WORDS:
        return "decrease"
    if word in FLAT_WORDS:
        return "flat"
    return None
