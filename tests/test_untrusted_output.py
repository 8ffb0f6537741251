"""What a document says reaches a reviewer as text: never a terminal sequence, never
Markdown structure, never a formula, never cut without a word; notes export once per
note, with the figure as noted and as it is now."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from budget_review.checks import run_checks
from budget_review.model import Address, Document
from budget_review.reports import checklist
from budget_review.reports.notes_markdown import export
from budget_review.review import noted_documents
from budget_review.store import Category, NoteBook, Store, Target, new_note
from markdown_it import MarkdownIt

from tests.conftest import JINCHENG_TXT
from tests.test_cli import run

ESCAPES = "\x1b[2J\x1b[H\x1b]0;pwned\x07"


def test_escape_sequences_from_a_document_never_reach_the_terminal(tmp_path: Path) -> None:
    text = JINCHENG_TXT.read_text(encoding="utf-8")
    crafted = tmp_path / "crafted.txt"
    crafted.write_text(
        text.replace("人才中心大楼修缮费", f"人才中心{ESCAPES}大楼修缮费").replace(
            "晋城市人力资源和社会保障局", f"晋城市人力资源{ESCAPES}和社会保障局", 3
        ),
        encoding="utf-8",
    )
    db = tmp_path / "db"
    outputs = [
        run("ingest", str(crafted), db=db),
        run("list", db=db),
        run("check", str(crafted), db=db),
        run("check", "--format", "md", str(crafted), db=db),
        run("dump", str(crafted), db=db),
        run("checklist", str(crafted), db=db),
    ]
    for result in outputs:
        assert result.returncode in (0, 1), result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\x1b" not in result.stderr
    assert "人才中心[2J[H]0;pwned大楼修缮费" in outputs[2].stdout  # the words stay, inert


def test_a_blank_line_in_a_note_stays_in_its_checklist_row(jincheng: Document) -> None:
    notes = [
        new_note(
            jincheng,
            Target.of(Address(table=number)),
            f"第一段\n\n第二段，表{number}\n===\n| 不是表格 |",
            Category.PROBLEM,
            None,
        )
        for number in (1, 2, 3)
    ]
    rows = checklist.build(jincheng, run_checks(jincheng), notes)
    markdown = checklist.markdown(jincheng, rows)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    body_rows = [t for t in tokens if t.type == "tr_open"]
    assert len(body_rows) == len(rows) + 1  # header and every row, none cut off
    plain = (
        MarkdownIt("commonmark")
        .enable("table")
        .parse(checklist.markdown(jincheng, checklist.build(jincheng, None, [])))
    )
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == len([t for t in plain if t.type == "heading_open"])
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert html.count("第二段") == 3


def test_a_cell_too_long_for_a_spreadsheet_says_it_was_cut(
    jincheng: Document, tmp_path: Path
) -> None:
    long_note = new_note(
        jincheng, Target.of(Address(table=1)), "长" * 40_000, Category.PROBLEM, None
    )
    formula = new_note(
        jincheng, Target.of(Address(table=2)), '=HYPERLINK("x")', Category.PROBLEM, None
    )
    rows = checklist.build(jincheng, run_checks(jincheng), [long_note, formula])
    path = tmp_path / "checklist.xlsx"
    checklist.xlsx(jincheng, rows, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = [str(row[3] or "") for row in sheet.iter_rows(min_row=2, values_only=True)]
    cut = next(c for c in cells if "长长长" in c)
    assert len(cut) <= 32_767 and "单元格已满" in cut and "notes export" in cut
    assert not any(c.startswith("=") for c in cells)


def test_a_note_on_a_corrected_figure_exports_once_with_both_values(tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert run("ingest", str(JINCHENG_TXT), db=db).returncode == 0
    store = Store(db)
    (summary,) = store.list()
    first = store.load(summary.sha256)
    row = next(r for r in first.table(12).rows if r.name == "人才中心大楼修缮费")  # type: ignore[union-attr]
    column = next(iter(row.figures))
    printed = row.figures[column].raw
    NoteBook(db).save(
        new_note(
            first,
            Target.of(Address(table=12, row=row.key, column=column)),
            "与绩效目标表不一致",
            Category.PROBLEM,
            printed,
        )
    )
    store.close()
    corrected = tmp_path / "corrected.txt"
    text = JINCHENG_TXT.read_text(encoding="utf-8")
    corrected.write_text(
        text.replace("人才中心大楼修缮费\t37.00\t37.00", "人才中心大楼修缮费\t27.50\t27.50"),
        encoding="utf-8",
    )
    assert run("ingest", str(corrected), db=db).returncode in (0, 1)
    with Store(db) as store:
        assert len(store.list()) == 2
        reviews = noted_documents(store)
    assert sum(len(r.notes) for r in reviews) == 1
    markdown = export(reviews)
    assert markdown.count("与绩效目标表不一致") == 1
    assert "批注时为 37.00，现为 27.50" in markdown
