"""Notes in the store: saved at once, never lost, re-attached to the same figures."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from budget_review.checks import run_checks
from budget_review.model import Address, Claim, Document, Source
from budget_review.reports.notes_markdown import export
from budget_review.review import NotedDocument as Reviewed
from budget_review.store import Category, Note, NoteBook, Store, StoreBusy, Target, new_note
from budget_review.store.storage import write_lock
from markdown_it import MarkdownIt

from tests.conftest import JINCHENG_TXT

DATA = Path(__file__).parent / "data"
ROW = "晋城市人才服务中心（晋城市劳动保障维权中心）/人才中心大楼修缮费"


def _session_notes(doc: Document) -> list:  # type: ignore[type-arg]
    """Five notes a reviewer wrote on the sample, with fixed ids, author and times."""
    report = run_checks(doc)
    error = next(f for f in report.findings if f.rule == "C2")
    figures = tuple(r.at for r in error.refs if r.at.is_figure)
    made = [
        (
            Target.of(Address(table=12, row=ROW, column="合计")),
            "项目表列 37.00 万元，绩效目标表为 275,000 元。",
            Category.PROBLEM,
            "37.00",
        ),
        (
            Target("finding", finding=error.id, rule="C2", figures=figures),
            error.message.zh,
            Category.PROBLEM,
            None,
        ),
        (
            Target.of(Address(card="星火项目创业大赛系列活动经费")),
            "卡片年度写成（2020年度）。",
            Category.QUESTION,
            None,
        ),
        (
            Target.of(Address(table=3)),
            "目录“预算支出总表”与正文“预算支出汇总表”不一致|请统一。",
            Category.SUGGESTION,
            None,
        ),
        (
            Target.of(Address(table=1, row="收入总计", column="收入/2026年")),
            "收入总计与支出总计一致。\n已核对表2、表3。",
            Category.VERIFIED,
            "31217.80",
        ),
    ]
    notes = []
    for index, (target, text, category, value) in enumerate(made, start=1):
        note = new_note(doc, target, text, category, value)
        notes.append(
            replace(
                note,
                id=f"n{index}",
                author="reviewer",
                created="2026-11-24T09:00:00+08:00",
                updated="2026-11-24T09:00:00+08:00",
                status="resolved" if category == Category.VERIFIED else "open",
            )
        )
    return notes


def test_saved_notes_load_and_delete_keeps_them_for_undo(
    tmp_path: Path, jincheng: Document
) -> None:
    book = NoteBook(tmp_path)
    note = book.save(
        new_note(jincheng, Target.of(Address(table=3)), "看一下", Category.QUESTION, None)
    )
    assert note.created and note.updated and note.author is not None
    assert [n.id for n in book.for_document(jincheng)] == [note.id]
    book.delete(note)
    assert book.for_document(jincheng) == []
    assert [n.id for n in book.all(include_deleted=True)] == [note.id]
    book.restore(note)
    assert [n.text for n in book.for_document(jincheng)] == ["看一下"]


def test_a_note_whose_target_is_gone_is_kept_and_marked(tmp_path: Path, jincheng: Document) -> None:
    book = NoteBook(tmp_path)
    gone = Target.of(Address(table=12, row="没有这个项目", column="合计"))
    book.save(new_note(jincheng, gone, "旧版本中的项目", Category.PROBLEM, "12.00"))
    (note,) = book.for_document(jincheng)
    assert note.orphaned and note.last_value == "12.00"
    markdown = export([Reviewed(jincheng, None, [note])])
    assert "对象已不存在的批注" in markdown and "最后的值: 12.00" in markdown


@pytest.mark.xdist_group("jincheng_pdf")
def test_notes_follow_the_document_to_its_pdf_rendering(
    tmp_path: Path, jincheng: Document, jincheng_pdf: Document
) -> None:
    book = NoteBook(tmp_path)
    for note in _session_notes(jincheng):
        book.save(note)
    on_pdf = book.for_document(jincheng_pdf)
    assert len(on_pdf) == 5
    assert not [n for n in on_pdf if n.orphaned]  # the same table, row key and column


def test_re_ingesting_the_same_file_keeps_its_notes(tmp_path: Path, jincheng: Document) -> None:
    from budget_review.parsers import parse_file

    book = NoteBook(tmp_path)
    for note in _session_notes(jincheng):
        book.save(note)
    again = parse_file(JINCHENG_TXT)
    assert {n.id for n in book.for_document(again)} == {f"n{i}" for i in range(1, 6)}


def test_export_matches_the_golden_file(jincheng: Document) -> None:
    markdown = export(
        [Reviewed(jincheng, run_checks(jincheng), _session_notes(jincheng))], include_findings=True
    )
    golden = DATA / "golden-notes.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(markdown, encoding="utf-8")
    assert markdown == golden.read_text(encoding="utf-8")


def test_export_is_commonmark_with_the_expected_structure(jincheng: Document) -> None:
    markdown = export([Reviewed(jincheng, run_checks(jincheng), _session_notes(jincheng))])
    tokens = MarkdownIt("commonmark").parse(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:2] == ["审查意见", "晋城市人力资源和社会保障局 2026 部门预算"]
    assert "表12 2026年项目支出预算表（本年预算）" in headings
    assert "绩效目标表" in headings
    items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(items) == 5  # one per note
    html = MarkdownIt("commonmark").render(markdown)
    assert "不一致|请统一" in html  # the pipe is escaped, not a table cell
    assert "<table" not in html


def test_a_held_store_gives_a_clear_message(tmp_path: Path, jincheng: Document) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from budget_review.store.storage import write_lock\n"
            "with write_lock(Path(sys.argv[1])):\n print('held', flush=True); time.sleep(20)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        book = NoteBook(tmp_path)
        with pytest.raises(StoreBusy, match="another budget-review is writing this store"):
            with write_lock(tmp_path, wait=0.2):
                pass
        assert book.all() == []
    finally:
        holder.kill()
        holder.wait()


WRITER = """
import sys
from pathlib import Path
from budget_review.model import Address, Claim, Document, Source
from budget_review.store import Category, NoteBook, Target, new_note
book = NoteBook(Path(sys.argv[1]))
doc = Document(source=Source(path="x", sha256="0" * 64, format="text", pages=None))
for i in range(100000):
    target = Target.of(Address(table=1))
    note = book.save(new_note(doc, target, f"note {i}", Category.PROBLEM, None))
    print(note.id, flush=True)
"""


def test_notes_survive_kill_9_at_random_moments(tmp_path: Path) -> None:
    saved: set[str] = set()
    rng = random.Random(11)
    for _ in range(30):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
        )
        time.sleep(0.2 + rng.random() * 0.4)
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        saved |= {line.strip() for line in out.splitlines() if line.strip()}
        # the store loads, and every note whose save returned is there
        present = {n.id for n in NoteBook(tmp_path).all()}
        assert saved <= present
        # and the next open leaves nothing of the killed write behind
        Store(tmp_path).close()
        assert list(tmp_path.rglob("*.tmp")) == []
    assert len(saved) > 30


EDITOR = """
import sys, time
from dataclasses import replace
from pathlib import Path
from budget_review.store import NoteBook, StoreBusy, NoteConflict
book = NoteBook(Path(sys.argv[1]))
field, deadline = sys.argv[2], time.monotonic() + float(sys.argv[3])
i = 0
while time.monotonic() < deadline:
    for note in book.all():
        i += 1
        if field == "text":
            edited = replace(note, text=f"{note.id} edit {i}")
        else:
            edited = replace(note, status="resolved" if note.status == "open" else "open")
        try:
            saved = book.save(edited, base=note)
        except StoreBusy:
            continue
        except NoteConflict:
            print("conflict", note.id, flush=True)
            continue
        value = saved.text if field == "text" else saved.status
        print("saved", saved.id, value, flush=True)
"""


def test_two_writers_never_undo_each_other(tmp_path: Path) -> None:
    """One process edits the notes' text while another toggles their status, for 30 s."""
    book = NoteBook(tmp_path)
    doc = Document(source=Source(path="x", sha256="0" * 64, format="text", pages=None))
    for number in range(1, 21):
        book.save(new_note(doc, Target.of(Address(table=number)), "原文", Category.PROBLEM, None))
    writers = {
        field: subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(tmp_path), field, "30"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for field in ("text", "status")
    }
    last: dict[str, dict[str, str]] = {}
    for field, writer in writers.items():
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        lines = [line.split(" ", 2) for line in out.splitlines()]
        assert not [line for line in lines if line[0] == "conflict"]
        confirmed = [line for line in lines if line[0] == "saved"]
        assert len(confirmed) > 50
        last[field] = {note_id: value for _, note_id, value in confirmed}
    final = {n.id: n for n in NoteBook(tmp_path).all()}
    assert len(final) == 20
    for note_id, text in last["text"].items():
        assert final[note_id].text == text  # the other writer never undid an edit
    for note_id, status in last["status"].items():
        assert final[note_id].status == status


def _seen(markdown: str) -> str:
    """What a reader of the rendered Markdown sees: the text of its inline runs."""
    out = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or []:
            out.append({"softbreak": "\n", "hardbreak": "\n"}.get(child.type, child.content))
            assert child.type in {
                "text",
                "softbreak",
                "strong_open",
                "strong_close",
                "em_open",
                "em_close",
            }, (child.type, markdown)
    return "".join(out)


def _paragraph_under(doc: Document, heading: str) -> str:
    """The key of the first paragraph under a heading (keys follow the reader's sections)."""
    return next(s for s in doc.sections if s.heading == heading).paragraph_key(0)


def _income_claim(doc: Document) -> Claim:
    """30,148.85万元 in the first paragraph of the budget's 收支 changes."""
    paragraph = _paragraph_under(doc, "一、部门预算收支数据变动情况及原因")
    return next(c for c in doc.claims if c.paragraph == paragraph and "30,148.85" in c.text)


def _narrative_notes(doc: Document) -> list[Note]:
    claim = _income_claim(doc)
    made = [
        (
            Target.of(Address(paragraph=_paragraph_under(doc, "（二）其他"))),
            "基本支出+项目支出，与表3不符",
        ),
        (Target.of(Address(paragraph=claim.paragraph, claim=claim.key)), "本年收入口径？"),
    ]
    return [
        replace(new_note(doc, t, text, Category.QUESTION, None), id=f"t{i}", author="reviewer")
        for i, (t, text) in enumerate(made)
    ]


def test_a_note_on_the_text_names_its_section_paragraph_and_line(jincheng: Document) -> None:
    notes = _narrative_notes(jincheng)
    zh = export([Reviewed(jincheng, run_checks(jincheng), notes)])
    assert "None" not in zh and " / " not in zh
    assert "### 情况说明" in zh
    assert "- **疑问 · 未解决** （二）其他 第1段（第2990行）" in zh
    assert "一、部门预算收支数据变动情况及原因 第1段「30,148.85万元」（第560行）" in zh
    # the whole sentence the number stands in, never cut
    sentence = _income_claim(jincheng).sentence
    assert f"  - 原文: {sentence}" in zh and len(sentence) > 100
    # in document order: the 收支 changes before 其他
    assert zh.index("第560行") < zh.index("第2990行")
    en = export([Reviewed(jincheng, run_checks(jincheng), notes)], "en")
    assert "None" not in en
    assert "（二）其他, paragraph 1 (line 2990)" in en


def test_prose_keeps_no_markdown_escapes(jincheng: Document) -> None:
    markdown = export([Reviewed(jincheng, None, _narrative_notes(jincheng))])
    assert "> 基本支出+项目支出，与表3不符" in markdown
    assert "\\" not in markdown


TRICKY = [
    "基本支出+项目支出（含#号）{合计}！",
    "单价*数量，数量*单价",
    "363*1150",
    "a_b 与 _c_",
    "`代码` 与 `",
    "[链接](http://x) 与 [方括号]",
    "<b>粗</b> 与 a<1%",
    "&amp; 与 AT&T",
    "反斜杠\\* 与 \\",
    "# 不是标题\n- 不是列表\n1. 不是编号\n> 不是引用\n===\n---\n***\n~~~",
    "1~3年和5~8年",
    "[定义]: /url",
    "| a | b |\n|---|---|",
    "末尾两个空格  \n下一行",
    "标题 #",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_reader_sees_the_note_as_written(jincheng: Document, text: str) -> None:
    note = replace(
        new_note(jincheng, Target.of(Address(table=3)), text, Category.PROBLEM, None),
        author="reviewer",
        created="2026-11-24T09:00:00+08:00",
    )
    markdown = export([Reviewed(jincheng, None, [note])])
    quoted = markdown.split("### 表3 2026年预算支出汇总表", 1)[1].split("*reviewer", 1)[0]
    seen = _seen(quoted)
    lines = [line.strip() for line in text.splitlines()]
    assert seen.split("表3 2026年预算支出汇总表", 1)[1].strip() == "\n".join(lines)


def test_an_accepted_finding_is_exported_once(jincheng: Document) -> None:
    report = run_checks(jincheng)
    error = next(f for f in report.findings if f.rule == "C2")
    figures = tuple(r.at for r in error.refs if r.at.is_figure)
    target = Target("finding", finding=error.id, rule="C2", figures=figures)
    accepted = new_note(
        jincheng, target, error.message.zh + "\n请单位核实。", Category.PROBLEM, None
    )
    markdown = export([Reviewed(jincheng, report, [accepted])])
    assert markdown.count(error.message.zh) == 1
    assert "  > 请单位核实。" in markdown


def test_a_note_on_a_narrative_finding_is_placed_in_the_text(jincheng: Document) -> None:
    report = run_checks(jincheng)
    tail = next(f for f in report.findings if f.rule == "N4")
    target = Target("finding", finding=tail.id, rule="N4")
    note = new_note(jincheng, target, tail.message.zh, Category.PROBLEM, None)
    markdown = export([Reviewed(jincheng, report, [note])])
    assert "None" not in markdown
    assert "[N4] 九、政府采购情况 第1段「741.61万元」（第616行）" in markdown
    assert markdown.count(tail.message.zh) == 1


def test_a_quote_cut_by_the_check_is_whole_in_the_export(tmp_path: Path) -> None:
    from budget_review.parsers import parse_bytes

    text = JINCHENG_TXT.read_text(encoding="utf-8")
    doc = parse_bytes(
        "x.txt", text.replace("下降；本年部门预算", "下降；本年本单位预算", 1).encode()
    )
    report = run_checks(doc)
    scope = next(f for f in report.findings if f.rule == "T3")
    assert scope.message.zh.endswith("…")
    target = Target("finding", finding=scope.id, rule="T3")
    note = new_note(doc, target, "口径不对", Category.PROBLEM, None)
    markdown = export([Reviewed(doc, report, [note])], include_findings=True)
    assert "…" not in markdown
    assert "二是专项项目经费减少，故本年度预算支出总计下降。" in markdown
