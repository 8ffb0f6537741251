"""The app's words in Chinese (default) and English; document text stays as printed.

The app's own strings live here; words the core shares (severities, categories,
kinds) come from `model.i18n`. English terms follow shared/domain/glossary.md.
"""

from __future__ import annotations

from budget_review.model import Text

STRINGS: dict[str, tuple[str, str]] = {
    # key: (中文, English)
    "app.title": ("预算公开审查", "Budget disclosure review"),
    "title.palette": ("打开命令面板", "Open the command palette"),
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
    "load.not_tabbed": (
        "{file}：{n} 张表的单元格以空格分隔，不是制表符，未读取（{titles}）；"
        "请导出为以制表符分隔单元格的文本",
        "{file}: the cells of {n} tables are separated by spaces, not tabs, so they were not "
        "read ({titles}); export the text with its cells separated by tabs",
    ),
    "load.failed": ("无法读取：{error}", "Could not read: {error}"),
    "no_documents": ("没有打开的文件。", "No document is open."),
    "search.prompt": (
        "搜索：名称、编码、文字，或金额（如 37万元、370,000元）",
        "search: name, code, text, or an amount (37万元, 370,000元)",
    ),
    "search.none": ("没有找到 “{q}”", "No match for “{q}”"),
    "search.hit": ("第 {i} / {n} 个匹配：{where}", "match {i} / {n}: {where}"),
    "search.in_table": ("表{n}「{row}」", "表{n} '{row}'"),
    "search.in_text": ("说明「{text}」", "narrative '{text}'"),
    "search.in_card": ("绩效目标表「{name}」", "project card '{name}'"),
    "search.wrapped_first": (
        "已到最后一个匹配，回到第一个。",
        "Past the last match: back to the first.",
    ),
    "search.wrapped_last": (
        "已到第一个匹配，回到最后一个。",
        "Before the first match: on to the last.",
    ),
    "jump.none": ("跳转记录已到头", "No further jump to go to"),
    "failing.none": ("没有错误或需复核的问题。", "No error or warning to review."),
    "failing.position": (
        "问题 {i} / {n} · {rule} {severity}",
        "Finding {i} / {n} · {rule} {severity}",
    ),
    "failing.follows": ("（另有 {n} 处由此引起）", " ({n} more follow from it)"),
    "failing.wrapped_first": (
        "已到最后一个问题，回到第一个。",
        "Past the last finding: back to the first.",
    ),
    "failing.wrapped_last": (
        "已到第一个问题，回到最后一个。",
        "Before the first finding: on to the last.",
    ),
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
    "table.unit": ("[单位：{unit}]", "[unit: {unit}]"),
    "grid.code": ("编码", "code"),
    "grid.name": ("名称", "name"),
    "grid.columns": ("列 {a}–{b}/{n}", "columns {a}–{b} of {n}"),
    "grid.more_left": ("◀ 左侧还有{n}列", "◀ {n} more"),
    "grid.more_right": ("右侧还有{n}列 ▶", "{n} more ▶"),
    "grid.legend.culprit": ("可能出错", "likely wrong"),
    "grid.legend.involved": ("涉及未通过的合计", "in a failing sum"),
    "grid.legend.warning": ("需复核", "to check"),
    "grid.legend.tail": ("尾差", "rounding tail"),
    "grid.legend.note": ("批注", "note"),
    "help.title": ("按键", "Keys"),
    "help.key": ("按键", "key"),
    "help.id": ("编号（可在 keys.toml 中改键）", "id (remap in keys.toml)"),
    "help.does": ("作用", "what it does"),
    "lang.switched": ("已切换为中文", "Switched to English"),
    "doc.counts": (
        "错误 {e} · 需复核 {w} · 尾差 {t}",
        "{e} errors · {w} warnings · {t} tails",
    ),
    "doc.errors": ("错误 {e}", "errors {e}"),
    "doc.kind.budget": ("预算", "budget"),
    "doc.kind.final_accounts": ("决算", "final accounts"),
    "doc.scope.department": ("部门", "department"),
    "doc.scope.unit": ("单位", "unit"),
    "doc.department": ("部门", "department"),
    "doc.year": ("年度", "year"),
    "doc.kind": ("类型", "kind"),
    "doc.scope": ("范围", "scope"),
    "doc.findings": ("问题", "findings"),
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
        "ctrl+s 保存 · ctrl+t 类别 · ctrl+e 另存为文件 · esc 取消",
        "ctrl+s save · ctrl+t category · ctrl+e save to a file · esc cancel",
    ),
    "note.save_failed": (
        "未能保存：{reason}。批注仍在此处，{seconds} 秒后自动重试；"
        "ctrl+s 立即重试，ctrl+e 另存为文件。",
        "Not saved: {reason}. The note stays here and is retried in {seconds} s;"
        " ctrl+s retries now, ctrl+e saves it to a file.",
    ),
    "note.conflict": (
        "另一位审查人已修改此批注的{fields}，现为：{theirs}\n"
        "ctrl+s 以此处内容保存，esc 放弃此处内容。",
        "Another reviewer changed this note's {fields} meanwhile, to: {theirs}\n"
        "ctrl+s saves this version instead, esc keeps theirs.",
    ),
    "note.field.text": ("内容", "text"),
    "note.field.category": ("类别", "category"),
    "note.field.status": ("状态", "status"),
    "note.field.deleted": ("删除状态", "deletion"),
    "note.field.target": ("对象", "target"),
    "note.field.last_value": ("原文数字", "printed figure"),
    "note.saved_to_file": (
        "已另存为 {path}（尚未存入审查库）",
        "Saved to {path} (not yet in the store)",
    ),
    "note.file_failed": (
        "当前文件夹和主目录都无法写入",
        "Neither the current folder nor the home folder can be written",
    ),
    "note.no_finding": ("此处没有问题可采纳", "No finding here to accept"),
    "note.not_changed": ("未能更改批注：{reason}", "The note was not changed: {reason}"),
    "notes.category": ("类别", "category"),
    "notes.status": ("状态", "status"),
    "notes.target": ("对象", "target"),
    "notes.note": ("批注", "note"),
    "findings.rule": ("规则", "rule"),
    "findings.in_card": ("绩效目标表", "card"),
    "findings.in_text": ("说明", "text"),
    "findings.where": ("位置", "where"),
    "findings.message": ("说明", "finding"),
    "narrative.not_compared": ("  (未核对)", "  (not compared)"),
    "system.theme": ("配色主题", "Theme"),
    "system.theme.help": ("更换界面配色", "Change the colour theme"),
    "system.keys": ("按键", "Keys"),
    "system.keys.help": ("所有按键及其作用", "Every key and what it does"),
    "system.maximize": ("放大", "Maximize"),
    "system.maximize.help": ("放大当前窗格", "Maximize the focused pane"),
    "system.minimize": ("还原", "Minimize"),
    "system.minimize.help": ("还原为正常大小", "Back to normal size"),
    "system.screenshot": ("截图", "Screenshot"),
    "system.screenshot.help": ("把当前屏幕存为 SVG 图片", "Save the screen as an SVG picture"),
    "system.quit": ("退出", "Quit"),
    "system.quit.help": ("立即退出", "Quit at once"),
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
    "palette.prompt": (
        "输入命令、表名、项目或问题…",
        "Search for commands, tables, projects, findings…",
    ),
    "palette.language": ("切换语言：English", "Switch language: 中文"),
    "palette.language.help": ("界面语言", "Interface language"),
    "palette.export_notes": ("导出批注为 Markdown", "Export notes as Markdown"),
    "palette.export_checklist": (
        "导出公开情况检查表为 Markdown (.md)",
        "Export the disclosure checklist as Markdown (.md)",
    ),
    "palette.export_checklist_xlsx": (
        "导出公开情况检查表为 Excel (.xlsx)",
        "Export the disclosure checklist as Excel (.xlsx)",
    ),
    "palette.folder": ("写入当前文件夹", "Written to the current folder"),
    "separators.printed": ("数字按原文显示", "Figures as printed"),
    "separators.on": ("数字加千位分隔符", "Figures with thousands separators"),
    "separators.off": ("数字不加千位分隔符", "Figures without thousands separators"),
    "palette.separators": (
        "千位分隔符：原文/切换",
        "Thousands separators: as printed or the other way",
    ),
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
    "app.escape": ("关闭", "Close"),
    "app.help": ("帮助", "Help"),
    "app.palette": ("命令", "Palette"),
    "app.next_failing": ("下一个问题", "Next ✗"),
    "app.previous_failing": ("上一个问题", "Prev ✗"),
    "app.next_pane": ("下一窗格", "Next pane"),
    "app.previous_pane": ("上一窗格", "Previous pane"),
    "app.jump_back": ("后退", "Back"),
    "app.jump_forward": ("前进", "Forward"),
    "app.search": ("搜索", "Search"),
    "app.next_match": ("下一匹配", "Next match"),
    "app.previous_match": ("上一匹配", "Prev match"),
    "app.follow": ("跳转", "Follow"),
    "app.language": ("English", "中文"),
    "app.separators": ("千位分隔", "1,000"),
    "app.comment": ("批注", "Note"),
    "app.edit_note": ("修改批注", "Edit note"),
    "app.accept": ("采纳问题", "Accept"),
    "app.undo": ("撤销删除", "Undo delete"),
    "app.export": ("导出批注", "Export"),
    "app.checklist": ("导出检查表", "Checklist"),
    "app.pane_tables": ("表格", "Tables"),
    "app.pane_cards": ("绩效目标表", "Project cards"),
    "app.pane_totals": ("总览", "Totals"),
    "app.pane_narrative": ("说明", "Narrative"),
    "app.pane_findings": ("问题", "Findings"),
    "app.pane_notes": ("批注", "Notes"),
    "app.pane_documents": ("文件", "Documents"),
    **{f"app.table_{n}": (f"表{n}", f"Table {n}") for n in range(1, 10)},
    "findings.severity": ("按级别", "Severity"),
    "findings.family": ("按类别", "Family"),
    "findings.table": ("本表", "This table"),
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
    "note.save": ("保存", "Save"),
    "note.cancel": ("取消", "Cancel"),
    "note.category": ("类别", "Category"),
    "note.to_file": ("另存为文件", "Save to file"),
    "follow.close": ("关闭", "Close"),
    "follow.escape": ("关闭", "Close"),
    **{f"follow.pick_{n}": (f"第{n}项", f"Item {n}") for n in range(1, 10)},
    "help.close": ("关闭", "Close"),
    "help.escape": ("关闭", "Close"),
    "help.toggle": ("关闭", "Close"),
    "confirm.yes": ("是", "Yes"),
    "confirm.no": ("否", "No"),
    **{
        f"{widget}.{move}": words
        for widget in ("grid", "list", "findings", "notes", "follow", "help")
        for move, words in (
            ("down", ("下移", "Down")),
            ("up", ("上移", "Up")),
            ("left", ("左移", "Left")),
            ("right", ("右移", "Right")),
            ("top", ("到顶", "Top")),
            ("bottom", ("到底", "Bottom")),
        )
    },
}

# What the help screen says of a binding, where a word or two would not be enough.
BINDING_HELP: dict[str, tuple[str, str]] = {
    "app.quit": ("关闭对话框，否则退出", "Close a dialog, else quit"),
    "app.help": ("所有按键及其作用", "Every key and what it does"),
    "app.palette": ("打开命令面板：转到表、绩效目标表、问题，导出", "Open the command palette"),
    "app.next_failing": (
        "文档中的下一个问题（数字、行、表、说明、绩效目标表）",
        "Next finding in the document (figure, row, table, text, card)",
    ),
    "app.previous_failing": ("文档中的上一个问题", "Previous finding in the document"),
    "app.next_pane": ("下一个窗格（对话框中：下一栏）", "Next pane (in a dialog: next field)"),
    "app.previous_pane": (
        "上一个窗格（对话框中：上一栏）",
        "Previous pane (in a dialog: previous field)",
    ),
    "app.jump_back": ("回到上次跳转之前的位置", "Back to where the last jump left from"),
    "app.pane_tables": (
        "表格；在表格中再按：在表格与表格列表之间切换（列表中 c 批注整张表）",
        "Tables; again: between the grid and the list of tables (c there notes a whole table)",
    ),
    "app.jump_forward": (
        "ctrl+o 之后再前进（多数终端把 ctrl+i 当作 tab，请用 alt+i）",
        "Forward again after ctrl+o (most terminals send ctrl+i as tab: use alt+i)",
    ),
    "app.search": (
        "搜索名称、编码、数字（可按 万元/元 换算）和说明文字",
        "Search names, codes, figures (in 万元 or 元) and the text",
    ),
    "app.follow": ("跳到问题涉及的数字", "Go to a figure the finding involves"),
    "app.language": ("切换界面语言", "Switch language"),
    "app.separators": ("千位分隔符开/关", "Thousands separators on or off"),
    "app.comment": ("为选中的内容写批注", "Write a note on what is focused"),
    "app.edit_note": ("修改选中内容上的批注", "Edit the note on what is focused"),
    "app.accept": ("把问题采纳为“问题”批注", "Accept the finding as a problem note"),
    "app.undo": ("恢复最后删除的批注", "Bring back the last note deleted"),
    "app.export": ("把批注导出为 Markdown", "Export the notes as Markdown"),
    "findings.severity": ("按级别筛选", "Filter by severity"),
    "findings.family": ("按规则类别筛选", "Filter by rule family"),
    "findings.table": ("只看选中的表", "Only the selected table"),
    "note.save": ("保存批注", "Save the note"),
    "note.cancel": ("不保存并关闭", "Close without saving"),
    "note.category": ("切换类别，不离开文字", "Next category without leaving the text"),
    "note.to_file": (
        "审查库无法写入时，把批注另存为文件",
        "Write the note to a file when the store cannot take it",
    ),
}


def localised(binding_id: str | None, lang: str, default: str) -> str:
    if binding_id is None or binding_id not in BINDING_TEXT:
        return default
    return Text(*BINDING_TEXT[binding_id]).in_(lang)


def explained(binding_id: str | None, lang: str, default: str) -> str:
    """The help screen's words for a binding: the longer explanation if there is one."""
    if binding_id in BINDING_HELP:
        return Text(*BINDING_HELP[binding_id]).in_(lang)
    return localised(binding_id, lang, default)
