"""The app's words in Chinese (default) and English; document text stays as printed.

The app's own strings live here; words the core shares (severities, categories,
kinds) come from `model.i18n`. English terms follow shared/domain/glossary.md.
"""

from __future__ import annotations

from budget_review.model import Text

STRINGS: dict[str, tuple[str, str]] = {
    # key: (中文, English)
    "app.title": ("预算公开审查", "Budget disclosure review"),
    "pane.documents": ("文件", "Documents"),
    "pane.tables": ("表格", "Tables"),
    "pane.cards": ("绩效目标表", "Project cards"),
    "pane.totals": ("总览", "Totals"),
    "pane.narrative": ("说明", "Narrative"),
    "pane.findings": ("问题", "Findings"),
    "pane.notes": ("批注", "Notes"),
    "severity.error": ("错误", "error"),
    "severity.warning": ("需复核", "warning"),
    "severity.tail": ("尾差", "rounding tail"),
    "severity.info": ("提示", "note"),
    "inspector.empty": (
        "把光标移到数字上查看来源与问题。",
        "Move onto a figure to see its source and findings.",
    ),
    "inspector.printed": ("原文", "printed"),
    "inspector.where": ("位置", "where"),
    "inspector.page": ("第{n}页", "page {n}"),
    "inspector.line": ("第{n}行", "line {n}"),
    "inspector.no_findings": ("此数字无问题。", "No finding on this figure."),
    "inspector.expected": ("应为", "expected"),
    "inspector.actual": ("实为", "actual"),
    "inspector.difference": ("差额", "difference"),
    "inspector.involves": ("涉及", "involves"),
    "inspector.follow": ("按 f 跳转到涉及的数字", "press f to go to a figure it involves"),
    "unit": ("单位", "unit"),
    "loading": ("正在读取 {name} …", "Reading {name} …"),
    "loaded": ("已打开 {name}", "Opened {name}"),
    "load.failed": ("无法读取：{error}", "Could not read: {error}"),
    "no_documents": ("没有打开的文件。", "No document is open."),
    "search.prompt": ("搜索（名称、编码或数字）", "search (name, code or figure)"),
    "search.none": ("没有找到 “{q}”", "No match for “{q}”"),
    "search.hit": ("第 {i}/{n} 个匹配", "match {i} of {n}"),
    "failing.none": ("没有错误或需复核的数字。", "No failing figure."),
    "cards.none": ("此文件没有绩效目标表。", "This document has no project cards."),
    "cards.unit": ("实施单位", "implementing unit"),
    "cards.amount": ("年度资金（元）", "annual funds (元)"),
    "cards.row": ("对应项目", "project row"),
    "cards.status": ("状态", "status"),
    "cards.funding": ("项目资金", "project funds"),
    "cards.period": ("实施期", "whole period"),
    "cards.annual": ("年度", "this year"),
    "cards.overview": ("项目概况", "overview"),
    "cards.basis": ("立项依据", "basis"),
    "cards.plan": ("实施计划", "plan"),
    "cards.indicators": ("绩效指标", "performance indicators"),
    "cards.unmatched": ("未对应", "unmatched"),
    "totals.title": ("主要总数", "Key totals"),
    "totals.item": ("项目", "item"),
    "totals.value": ("金额", "amount"),
    "totals.status": ("核对", "check"),
    "totals.classes": ("支出功能分类结构", "Expenditure by functional category"),
    "totals.split": ("基本支出与项目支出", "Basic and project expenditure"),
    "totals.ok": ("一致", "agrees"),
    "totals.unchecked": ("未检查", "not checked"),
    "findings.filter": ("筛选", "filter"),
    "findings.all": ("全部", "all"),
    "findings.not_checked": ("未检查的规则", "Rules not checked"),
    "findings.count": ("{n} 条", "{n} findings"),
    "table.none": ("未选择表格", "No table selected"),
    "table.empty": ("空表", "empty table"),
    "help.title": ("按键", "Keys"),
    "lang.switched": ("已切换为中文", "Switched to English"),
    "doc.counts": (
        "错误 {e} · 需复核 {w} · 尾差 {t}",
        "{e} errors · {w} warnings · {t} tails",
    ),
    "doc.kind.budget": ("预算", "budget"),
    "doc.kind.final_accounts": ("决算", "final accounts"),
    "doc.scope.department": ("部门", "department"),
    "doc.scope.unit": ("单位", "unit"),
    "doc.department": ("部门", "department"),
    "doc.year": ("年度", "year"),
    "note.focus_first": (
        "请先选中数字、表格、绩效目标表或问题",
        "Focus a figure, table, card or finding first",
    ),
    "note.delete": ("删除这条批注？（u 可撤销）", "Delete this note? (u undoes)"),
    "note.restored": ("已恢复批注", "Note restored"),
    "note.saved": ("批注已保存", "Note saved"),
    "note.empty": ("空批注不保存", "An empty note is not saved"),
    "note.discard": ("放弃已输入的内容？", "Discard what you typed?"),
    "export.notes": ("已导出到 {path}", "Exported to {path}"),
    "export.checklist": ("检查表已写入 {path}", "Checklist written to {path}"),
    "confirm.hint": ("y 是 / n 否", "y yes / n no"),
    "note.hint": (
        "ctrl+s 保存 · ctrl+t 类别 · esc 取消",
        "ctrl+s save · ctrl+t category · esc cancel",
    ),
    "notes.category": ("类别", "category"),
    "notes.status": ("状态", "status"),
    "notes.target": ("对象", "target"),
    "notes.note": ("批注", "note"),
    "findings.rule": ("规则", "rule"),
    "findings.where": ("位置", "where"),
    "findings.message": ("说明", "finding"),
    "narrative.nothing_to_follow": (
        "这个数字没有与任何数字比对",
        "This number was compared with nothing",
    ),
    "narrative.unchecked": ("未核对", "not compared"),
    "narrative.right": ("已核对，相符", "compared, agrees"),
    "narrative.failing": ("不符", "disagrees"),
    "narrative.tail": ("尾差", "rounding tail"),
    "narrative.keys": (
        "h/l 选数字 · f 跳到比对的数字 · c 批注",
        "h/l choose a number · f go to what it was compared with · c note",
    ),
    "palette.language": ("切换语言：English", "Switch language: 中文"),
    "palette.language.help": ("界面语言", "Interface language"),
    "palette.export_notes": ("导出批注为 Markdown", "Export notes as Markdown"),
    "palette.export_checklist": ("导出公开情况检查表", "Export the disclosure checklist"),
    "palette.folder": ("写入当前文件夹", "Written to the current folder"),
    "palette.separators": ("千位分隔符：开/关", "Thousands separators: on/off"),
    "palette.separators.help": ("数字显示", "How figures are shown"),
    "palette.table": ("转到 表{n} {title}", "Go to 表{n} {title}"),
    "palette.rows": ("{n} 行", "{n} rows"),
    "palette.card": ("转到绩效目标表 {name}", "Go to card {name}"),
    "palette.finding": ("转到问题 [{rule}] {message}", "Go to finding [{rule}] {message}"),
    "palette.document": ("切换文件 {department} {year}", "Switch document {department} {year}"),
}


def text(key: str, lang: str, **values: object) -> str:
    zh, en = STRINGS[key]
    phrase = Text(zh, en)
    return (phrase.format(**values) if values else phrase).in_(lang)


# Footer and help descriptions of the app's bindings, by binding id.
BINDING_TEXT: dict[str, tuple[str, str]] = {
    "app.quit": ("返回/退出", "Back/Quit"),
    "app.help": ("帮助", "Help"),
    "app.next_failing": ("下一个问题", "Next ✗"),
    "app.previous_failing": ("上一个问题", "Prev ✗"),
    "app.search": ("搜索", "Search"),
    "app.next_match": ("下一匹配", "Next match"),
    "app.previous_match": ("上一匹配", "Prev match"),
    "app.follow": ("跳转", "Follow"),
    "app.language": ("English", "中文"),
    "app.separators": ("千位分隔", "1,000"),
    "findings.severity": ("按级别", "Severity"),
    "findings.family": ("按类别", "Family"),
    "findings.table": ("本表", "This table"),
    "app.comment": ("批注", "Note"),
    "app.inspector_grow": ("详情加高", "Inspector +"),
    "app.inspector_shrink": ("详情减低", "Inspector −"),
    "app.inspector_down": ("详情下滚", "Inspector ↓"),
    "app.inspector_up": ("详情上滚", "Inspector ↑"),
    "narrative.down": ("下一段", "Down"),
    "narrative.up": ("上一段", "Up"),
    "narrative.next_number": ("下一个数字", "Next number"),
    "narrative.previous_number": ("上一个数字", "Previous number"),
    "notes.toggle": ("解决/重开", "Open/Resolved"),
    "notes.delete": ("删除", "Delete"),
    "notes.category": ("按类别", "Category"),
    "notes.status": ("按状态", "Status"),
    "notes.table": ("本表", "This table"),
}


def localised(binding_id: str | None, lang: str, default: str) -> str:
    if binding_id is None or binding_id not in BINDING_TEXT:
        return default
    return Text(*BINDING_TEXT[binding_id]).in_(lang)
