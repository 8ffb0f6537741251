"""TinyDB store: documents keyed by sha256, re-ingest is a no-op, one file per document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from budget_review.model import Document
from budget_review.model.serialize import document_from_dict, document_to_dict
from budget_review.store import Store, default_store_path


def test_round_trip_keeps_every_figure(tmp_path: Path, jincheng: Document) -> None:
    with Store(tmp_path) as store:
        assert store.add(jincheng) is True
        loaded = store.load(jincheng.source.sha256)
    assert document_to_dict(loaded) == document_to_dict(jincheng)
    assert loaded.table(2).row("20807").figures["上年结转"].repair  # type: ignore[union-attr]


def _figures(document: Document) -> list[tuple[object, ...]]:
    return [
        (fig.key, fig.raw, fig.value, fig.where, fig.repair)
        for table in document.tables
        for row in table.rows
        for fig in row.figures.values()
    ]


@pytest.mark.xdist_group("shanghai_budget")
def test_a_stored_pdf_keeps_each_figures_key_printed_text_page_and_box(
    tmp_path: Path, shanghai_budget: Document
) -> None:
    with Store(tmp_path) as store:
        store.add(shanghai_budget)
        loaded = store.load(shanghai_budget.source.sha256)
    figures = _figures(loaded)
    assert figures == _figures(shanghai_budget)
    assert any("," in raw for _, raw, *_ in figures)  # printed with separators, kept so
    assert all(where.bbox for *_, where, _ in figures)


def test_a_document_stored_with_every_field_of_every_figure_reads_the_same(
    jincheng: Document,
) -> None:
    """As the store wrote documents before it left out what a figure's row already says."""
    data = document_to_dict(jincheng)
    for table, written in zip(jincheng.tables, data["tables"], strict=True):
        for row, row_data in zip(table.rows, written["rows"], strict=True):
            row_data.pop("figure_keys", None)
            row_data["figures"] = {
                col: {
                    "key": fig.key,
                    "raw": fig.raw,
                    "repair": fig.repair.to_dict() if fig.repair else None,
                    "page": fig.where.page,
                    "line": fig.where.line,
                    "bbox": None,
                }
                for col, fig in row.figures.items()
            }
    assert _figures(document_from_dict(data)) == _figures(jincheng)


def test_re_ingesting_the_same_file_is_a_no_op(tmp_path: Path, jincheng: Document) -> None:
    with Store(tmp_path) as store:
        assert store.add(jincheng) is True
        before = (tmp_path / "documents" / f"{jincheng.source.sha256}.json").stat().st_mtime_ns
        assert store.add(jincheng) is False
        after = (tmp_path / "documents" / f"{jincheng.source.sha256}.json").stat().st_mtime_ns
        assert before == after
        assert len(store.list()) == 1
        summary = store.list()[0]
    assert (summary.department, summary.year, summary.tables, summary.cards) == (
        "晋城市人力资源和社会保障局",
        2026,
        13,
        len(jincheng.cards),
    )


def test_loading_one_document_never_reads_another(tmp_path: Path, jincheng: Document) -> None:
    with Store(tmp_path) as store:
        store.add(jincheng)
        other = json.loads(json.dumps(document_to_dict(jincheng)))
        other["source"]["sha256"] = "f" * 64
        from budget_review.model.serialize import document_from_dict

        store.add(document_from_dict(other))
        # Break the other document's file: loading the first must not notice.
        (tmp_path / "documents" / f"{'f' * 64}.json").write_text("{not json", encoding="utf-8")
        assert store.load(jincheng.source.sha256).meta.year == 2026
        assert store.resolve(jincheng.source.sha256[:10]) == jincheng.source.sha256


def test_store_location_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BUDGET_REVIEW_DB", str(tmp_path / "here"))
    assert default_store_path() == tmp_path / "here"
    monkeypatch.delenv("BUDGET_REVIEW_DB")
    assert "budget-review" in str(default_store_path())


def test_writes_leave_no_temporary_files(tmp_path: Path, jincheng: Document) -> None:
    with Store(tmp_path) as store:
        store.add(jincheng)
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []
