"""Read a stream of lines into tables, cards and prose: shared by the text and PDF readers."""

from __future__ import annotations

import re
from dataclasses import replace

from budget_review.model import (
    ContentsEntry,
    Document,
    ProjectCard,
    Provenance,
    Section,
    Text,
    UnreadTable,
    words,
)
from budget_review.model.document import BBox
from budget_review.model.money import Unit, unit_from_text
from budget_review.model.numerals import has_ordinal
from budget_review.model.roles import BUDGET, FINAL, TableRole
from budget_review.model.vocabulary import is_total_name
from budget_review.parsers import assemble
from budget_review.parsers.card_list import is_card_list, parse_card_list
from budget_review.parsers.cards import CARD_HEADING, merge_cards, parse_card
from budget_review.parsers.catalogue import (
    LABEL_LINE,
    UNIT_AFTER_TITLE,
    TitleParts,
    label_number,
    match_title,
    normalise_title,
    unnamed_table,
    unread_form,
)
from budget_review.parsers.claims import extract_claims
from budget_review.parsers.grid import GridLine, is_blank, is_column_numbers, is_number_cell
from budget_review.parsers.lines import (
    CONTINUED,
    DEPT_LINE,
    NOTE,
    PART_HEADING,
    UNIT_LINE,
    YEAR_LINE,
    Line,
    is_heading,
)
from budget_review.parsers.role_content import content_of, role_from_content
from budget_review.parsers.rows import TableContext, build_table

_CONTENTS_HEAD = re.compile(r"^目\s*录$")
_CONTENTS_ENTRY = re.compile(r"^(?P<title>.+?)(?:\s*[.．…·]{2,}\s*|\t+|\s+)(?P<page>\d{1,3})$")
_EMPTY_TABLE = re.compile(
    r"本表无数据|故本表为空|本表为空表|^无.{0,30}的，仍保留该表|本表本年无发生额|此表如无数字"
)
_EMPTY_NOTE = re.compile(
    r"无数据|空表|无发生额|如无数字|(?:无|没有).{0,30}(?:收支|预算|支出|收入|安排|资金)"
)
_GRID_CONTENTS_HEAD = re.compile(r"^(?:报表|表格|附表)目录$")
_LATIN_HEAVY = re.compile(r"[A-Za-z]")
# '1．一般公共预算拨款收入101,673.03万元。': an item's amount set as a heading, ending it. A
# heading that goes on past its amount is a paragraph's first line taken for a heading.
_ITEM_AMOUNT = re.compile(
    r"^[^，,；;。]*?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?\s*(?:亿元|万元|元)[。．.]?$"
)
# A clause break (not a thousands separator), or a colon with words after it ('一、基本支出：
# 指…'): a numbered line that says something is a paragraph, however short.
_CLAUSE = re.compile(r"[，；。！？;!?]|(?<!\d),|,(?!\d)|[：:]\s*\S")


def _heading_line(text: str) -> bool:
    """A heading, not a short numbered paragraph ('（十二）承担市人民政府交办的其他事项。') nor
    a paragraph's first line cut at a page break ('(九) 会同…办法，并制定…规')."""
    if not is_heading(text):
        return False
    if PART_HEADING.match(text) or _ITEM_AMOUNT.match(text):
        return True
    return _CLAUSE.search(text) is None


# The widest table of the samples has 29 columns (xian-city-petition-2026); a row with more than
# this is cut here and the reader told. A table's column identities compare every money
# column with every other, so an unbounded row would cost time with the square of its width.
MAX_COLUMNS = 100


def cut_wide_rows(lines: list[Line], warnings: list[Text]) -> None:
    """Keep the first MAX_COLUMNS cells of each row; one warning names the rows cut."""
    cut = [line for line in lines if len(line.cells) > MAX_COLUMNS]
    if not cut:
        return
    widest = max(len(line.cells) for line in cut)
    for line in cut:
        line.cells = line.cells[:MAX_COLUMNS]
        line.text = "\t".join(line.cells)
        if line.cell_boxes is not None:
            line.cell_boxes = line.cell_boxes[:MAX_COLUMNS]
        if line.cell_confidences is not None:
            line.cell_confidences = line.cell_confidences[:MAX_COLUMNS]
    warnings.append(
        words(
            "read.columns_cut",
            where=cut[0].place,
            rows=len(cut),
            widest=widest,
            limit=MAX_COLUMNS,
        )
    )


class BlockReader:
    """Walks the lines once, handing each block to the table, card or prose reader."""

    def __init__(self, doc: Document, lines: list[Line]) -> None:
        self.doc = doc
        self.lines = lines
        self.i = 0
        self.section: Section | None = None
        self.card_fragments: list[ProjectCard] = []
        self.pending_label: str | None = None
        self.department_from_tables: str | None = None
        # the department and year printed in table cells, when nothing else names them
        self.named_in_cells: tuple[str | None, int | None] = (None, None)
        self.last_plain = ""  # the text above a run of table rows, to name it
        self.numbers = assemble.TableNumbers(doc)

    def run(self) -> None:
        cut_wide_rows(self.lines, self.doc.warnings)
        self._contents()
        self._contents_grid()
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text.strip()
            if not text:
                self.i += 1
                continue
            if not line.tabbed and LABEL_LINE.match(text):
                self.pending_label = re.sub(r"\s+", "", text)
                self.i += 1
                continue
            title = match_title(text) if not line.tabbed else None
            if title:
                self._table(line, *title)
                continue
            if not line.tabbed and CARD_HEADING.search(text) and "整体" not in text:
                self._card(line)
                continue
            unnamed = unnamed_table(text) if not line.tabbed else None
            if unnamed is not None and self._grid_follows():
                if unread_form(unnamed.core):
                    self._unread(line, unnamed)
                else:
                    self._table(line, None, unnamed)
                continue
            self._prose(line)
        self.doc.cards = merge_cards(self.card_fragments)
        self.named_in_cells = assemble.named_in_cells([ln.cells for ln in self.lines if ln.tabbed])

    # ------------------------------------------------------------ contents

    def _contents(self) -> None:
        index = next(
            (i for i, line in enumerate(self.lines) if _CONTENTS_HEAD.match(line.text.strip())),
            None,
        )
        if index is None:
            return
        j = index + 1
        # (line, title, printed page); a PDF contents page may print no page numbers
        entries: list[tuple[Line, str, int | None]] = []
        while j < len(self.lines):
            line = self.lines[j]
            text = line.text.strip()
            if not text:
                j += 1
                continue
            match = _CONTENTS_ENTRY.match(text)
            if match:
                entries.append((line, match.group("title"), int(match.group("page"))))
            elif line.role == "contents" and not line.tabbed:
                entries.append((line, text, None))
            else:
                break
            j += 1
        if len(entries) < 3:
            return
        for line, raw_title, page in entries:
            title = raw_title.strip().rstrip(".．…")
            parts = normalise_title(title)
            found = match_title(title)
            self.doc.contents.append(
                ContentsEntry(
                    title=re.sub(r"\s+", "", title) if found else title,
                    page=page,
                    label=parts.label,
                    number=parts.number,
                    role=found[0].id if found else None,
                    where=line.where,
                )
            )
        del self.lines[index:j]

    def _contents_grid(self) -> None:
        """A 报表目录 printed as a grid: 表N | 报表名称 | 是否空表 | 表格为空的理由."""
        index = next(
            (
                i
                for i, line in enumerate(self.lines)
                if not line.tabbed and _GRID_CONTENTS_HEAD.match(line.text.strip())
            ),
            None,
        )
        if index is None:
            return
        j = index + 1
        entries: list[ContentsEntry] = []
        while j < len(self.lines) and (self.lines[j].tabbed or not self.lines[j].text.strip()):
            line = self.lines[j]
            j += 1
            cells = [re.sub(r"\s+", "", c) for c in line.cells]
            at = next((k for k, c in enumerate(cells) if LABEL_LINE.match(c)), None)
            title = next((c for c in cells[at + 1 :] if c), "") if at is not None else ""
            if at is None or not title:
                continue
            found = match_title(title)
            rest = [c for c in cells[at + 2 :] if c]
            empty = bool(rest) and rest[0] in {"是", "空表", "√"}
            entries.append(
                ContentsEntry(
                    title=title,
                    page=None,
                    label=cells[at],
                    number=label_number(cells[at]),
                    role=found[0].id if found else None,
                    where=line.where,
                    empty_reason=(rest[1] if len(rest) > 1 else rest[0]) if empty else None,
                )
            )
        if len(entries) >= 3:
            self.doc.contents.extend(entries)
            del self.lines[index:j]

    # ------------------------------------------------------------ tables

    def _table(self, title_line: Line, spec: TableRole | None, parts: TitleParts) -> None:
        """A table from its title to its last row. `spec` is None when the title names no
        known table: then its header and rows tell its role, or it is listed as unknown."""
        start = self.i
        self.i += 1
        label = parts.label or self.pending_label
        self.pending_label = None
        title = title_line.text.strip()
        # A unit can stand in the title line itself: '…收支总表   单位：万元'
        unit = unit_from_text(title)
        department = None
        header: list[GridLine] = []
        data: list[GridLine] = []
        note = None
        footnotes: list[str] = []
        last_line = title_line.number
        pages = {title_line.page} if title_line.page is not None else set()
        column_boxes: list[BBox | None] | None = None  # a full row's cells, on the first page
        layout = spec.layout if spec else "S"
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text.strip()
            if not text:
                self.i += 1
                continue
            if not line.tabbed:
                preamble = not header and not data
                dept = DEPT_LINE.match(text)
                if dept and (preamble or _same_department(dept, department)):
                    department = department or _department_name(dept.group("name"))
                    unit = unit or unit_from_text(text)
                    self.i += 1
                    continue
                if UNIT_LINE.match(text):
                    found = unit_from_text(text)
                    if not (preamble or unit is None or found == unit):
                        break  # the next table's unit
                    unit = unit or found
                    self.i += 1
                    continue
                if LABEL_LINE.match(text):
                    printed = re.sub(r"\s+", "", text)
                    if preamble and (label is None or label_number(label) is None):
                        label = printed
                    elif not (data and _same_label(printed, label)):
                        break  # the next table's label
                    self.i += 1
                    continue
                if YEAR_LINE.match(text) or CONTINUED.match(text):
                    self.i += 1
                    continue
                again = match_title(text)
                if (
                    again
                    and spec is not None
                    and again[0].id == spec.id
                    and _same_label(again[1].label, label)
                ):
                    # A section heading then the title, or the title printed on every page.
                    if preamble and len(text) > len(title):
                        title, title_line = text, line
                    unit = unit or unit_from_text(text)
                    self.i += 1
                    continue
                if data and spec and _continues(text, spec, department, unit):
                    self.i += 1  # the title with 续, or a caption printed again
                    continue
                # Notes, and the '本表无数据' lines some regions print without a 注：
                if NOTE.match(text) or ((header or data) and _EMPTY_TABLE.search(text)):
                    if _EMPTY_NOTE.search(text) and note is None:
                        note = text
                    else:
                        footnotes.append(text)
                    unit = unit or _unit_in_note(text)
                    last_line = line.number
                    self.i += 1
                    continue
                break
            cells = [c.strip() for c in line.cells]
            if is_column_numbers(cells):
                self.i += 1
                continue
            if not header and not data and _two_sided(cells):
                layout = "2S"  # 收入 | 支出 side by side, whatever the title called it
            lone_label = bool(cells[0]) and not any(cells[1:])
            if not data and not _is_data_line(cells, layout) and not (header and lone_label):
                header.append(line.grid())
            elif any(h.texts() == cells for h in header):
                pass  # the header repeated on a continuation page
            else:
                if line.cell_boxes and column_boxes is None and all(line.cell_boxes):
                    column_boxes = line.cell_boxes
                data.append(_by_position(line, column_boxes).grid())
            last_line = line.number
            if line.page is not None:
                pages.add(line.page)
            self.i += 1
        if not header and not data and note is None:
            # A heading that names a table, with prose under it: read it as prose.
            self.i = start
            self._prose(title_line)
            return
        if department:
            self.department_from_tables = self.department_from_tables or department
        unit = unit or _unit_in_header(header)
        evidence = words("role.by_title", title=parts.core)
        if spec is None:
            told = role_from_content(
                content_of([h.texts() for h in header], [d.texts() for d in data]),
                FINAL if "决算" in parts.core else BUDGET,
                self.numbers.roles_read(),
            )
            if told is not None:
                spec, evidence = told
                layout = "2S" if layout == "2S" else spec.layout
            else:
                evidence = words("role.unknown")
        number = self.numbers.number_for(spec, parts, label)
        ctx = TableContext(
            doc_sha=self.doc.source.sha256,
            number=number,
            title=re.sub(r"\s+", "", UNIT_AFTER_TITLE.sub("", title)),
            spec=spec,
            layout=layout,
            unit=unit,
            label=label,
            department=department or self.department_from_tables,
            where=title_line.where,
        )
        table = build_table(ctx, header, _without_repeated_totals(data), self.doc.warnings)
        table.role_evidence = evidence
        table.last_line = last_line if title_line.page is None else None
        table.pages = sorted(pages)
        table.note = note
        table.footnotes = footnotes
        table.empty = note is not None and not any(f.value for f in table.figures())
        if not data and note is None:
            self.doc.warnings.append(
                words("read.no_rows", title=table.title, where=title_line.place)
            )
        self.doc.tables.append(table)

    def _grid_follows(self) -> bool:
        """Table rows follow this line, past the unit, label and department lines."""
        for line in self.lines[self.i + 1 : self.i + 6]:
            text = line.text.strip()
            if line.tabbed:
                return True
            if text and not (
                UNIT_LINE.match(text) or DEPT_LINE.match(text) or LABEL_LINE.match(text)
            ):
                return False
        return False

    def _unread(self, title_line: Line, parts: TitleParts) -> None:
        """A form the checks do not read (部门整体支出绩效目标表): listed, its rows passed."""
        self.i += 1
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text.strip()
            again = unnamed_table(text) if not line.tabbed else None
            if (
                line.tabbed
                or not text
                or any(p.match(text) for p in (UNIT_LINE, DEPT_LINE, YEAR_LINE, LABEL_LINE))
                or (again is not None and again.core == parts.core)  # printed on every page
            ):
                self.i += 1
                continue
            break
        self.doc.unread_tables.append(
            UnreadTable(
                re.sub(r"\s+", "", title_line.text), title_line.where, words("role.not_read")
            )
        )
        self.pending_label = None

    # ------------------------------------------------------------ cards

    def _card(self, heading: Line) -> None:
        start = self.i
        self.i += 1
        year = _year_in(heading.text)
        block: list[Line] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text.strip()
            if not line.tabbed and text:
                match = YEAR_LINE.match(text)
                if match:
                    year = int(match.group(1))
                    self.i += 1
                    continue
                if CARD_HEADING.search(text) or match_title(text) or is_heading(text):
                    break
            if text:
                block.append(line)
            self.i += 1
        if not any(ln.tabbed for ln in block):
            # A card is a grid; a heading with only prose under it is prose.
            self.i = start
            self._prose(heading)
            return
        grid = [ln.grid() for ln in block if ln.tabbed]
        if is_card_list(grid):
            unit = next(
                (
                    found
                    for ln in [heading, *block]
                    if not ln.tabbed and (found := unit_from_text(ln.text)) is not None
                ),
                None,
            )
            self.card_fragments.extend(parse_card_list(grid, year, unit))
            return
        if block:
            card = parse_card([ln.grid() for ln in block], year)
            if heading.page is None:
                card.lines = sorted({heading.number, *card.lines})
            else:
                card.pages = sorted({heading.page, *card.pages})
            self.card_fragments.append(card)

    # ------------------------------------------------------------ prose

    def _orphan_row(self, line: Line) -> None:
        """Table rows under no recognised title: say so once per run, naming what is above."""
        previous = self.lines[self.i - 2] if self.i >= 2 else None
        if (previous is not None and previous.tabbed) or not any(c.strip() for c in line.cells):
            return
        above = words("read.under", text=self.last_plain[:40]) if self.last_plain else Text("", "")
        self.doc.warnings.append(words("read.unknown_table", where=line.place, above=above))

    def _prose(self, line: Line) -> None:
        self.i += 1
        text = line.text.strip()
        if line.tabbed:
            self._orphan_row(line)
            return
        self.last_plain = text
        if _LATIN_HEAVY.search(text) and len(_LATIN_HEAVY.findall(text)) > len(text) / 2:
            self.doc.warnings.append(words("read.latin", where=line.place, text=text[:60]))
            return
        where = line.where
        if _heading_line(text):
            level = (
                1
                if PART_HEADING.match(text)
                else 2
                if re.match(r"^[一二三四五六七八九十]", text)
                else 3
            )
            section = self._new_section(text, level, where)
            if _ITEM_AMOUNT.match(text):
                for number, claim in enumerate(extract_claims(text, where, text), start=1):
                    claim.key = f"s{section.number}h{number}"
                    self.doc.claims.append(claim)
            return
        section = self.section or self._new_section("", 0, where)
        paragraph = section.paragraph_key(len(section.paragraphs))
        section.paragraphs.append(text)
        section.paragraph_where.append(where)
        for number, claim in enumerate(
            extract_claims(text, where, section.heading or None), start=1
        ):
            claim.paragraph = paragraph
            claim.key = f"{paragraph}c{number}"
            self.doc.claims.append(claim)

    def _new_section(self, heading: str, level: int, where: Provenance) -> Section:
        self.section = Section(
            heading=heading, level=level, where=where, number=len(self.doc.sections) + 1
        )
        self.doc.sections.append(self.section)
        return self.section


def _by_position(line: Line, columns: list[BBox | None] | None) -> Line:
    """Put a short row's cells under the columns they sit in.

    An unruled table read on a later page loses the columns that are blank there;
    the cells' positions say which columns they belong to.
    """
    if not columns or not line.cell_boxes or len(line.cells) >= len(columns):
        return line
    cells = [""] * len(columns)
    boxes: list[BBox | None] = [None] * len(columns)
    sure: list[float | None] = [None] * len(columns)  # OCR confidence moves with its cell
    for index, (text, box) in enumerate(zip(line.cells, line.cell_boxes, strict=False)):
        if box is None or not text.strip():
            continue
        overlaps = [
            min(box[2], col[2]) - max(box[0], col[0]) if col else float("-inf") for col in columns
        ]
        best = max(range(len(columns)), key=lambda i: overlaps[i])
        if overlaps[best] <= 0 or cells[best]:
            return line  # no clear place: leave the row to the alignment repair
        cells[best], boxes[best] = text, box
        if line.cell_confidences and index < len(line.cell_confidences):
            sure[best] = line.cell_confidences[index]
    return replace(
        line,
        cells=cells,
        cell_boxes=boxes,
        text="\t".join(cells),
        cell_confidences=sure if line.cell_confidences else None,
    )


def _continues(text: str, spec: TableRole, department: str | None, unit: object) -> bool:
    """A line a continuation page prints above the rest of the table."""
    parts = [p for p in re.split(r"\s{3,}", text) if p]
    if len(parts) > 1:
        return all(_continues(p, spec, department, unit) for p in parts)
    if CONTINUED.match(text):
        return True
    title = match_title(re.sub(r"[（(]续表?[)）]|续表", "", text))
    if title and title[0].id == spec.id and "续" in text:
        return True
    dept = DEPT_LINE.match(text)
    if dept and department and _department_name(dept.group("name")) == department:
        return unit_from_text(text) in (None, unit)
    return bool(UNIT_LINE.match(text) and unit_from_text(text) == unit)


def _two_sided(cells: list[str]) -> bool:
    """A header that opens with 收入 and 支出 side by side."""
    tops = {re.sub(r"\s+", "", c) for c in cells if c.strip()}
    return any(t.startswith("收入") for t in tops) and any(t.startswith("支出") for t in tops)


def _same_department(dept: re.Match[str], department: str | None) -> bool:
    return department is not None and _department_name(dept.group("name")) == department


def _same_label(found: str | None, label: str | None) -> bool:
    """Two labels of one table: the same, or either missing, or the same number."""
    if found is None or label is None:
        return True
    return re.sub(r"\s+", "", found) == label or label_number(found) == label_number(label)


def _unit_in_note(text: str) -> Unit | None:
    return unit_from_text(text) if "单位" in text else None


def _unit_in_header(header: list[GridLine]) -> Unit | None:
    """The unit printed in a header cell: '预算数（万元）', or '单位：万元' in its corner."""
    units = {unit for line in header for cell in line.cells if (unit := unit_from_text(cell.text))}
    return units.pop() if len(units) == 1 else None


def _without_repeated_totals(data: list[GridLine]) -> list[GridLine]:
    """A totals row printed again at the top of each continuation page is read once."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for line in data:
        texts = tuple(line.texts())
        first = next((t for t in texts if t), "")
        if texts in seen and is_total_name(first):
            continue
        seen.add(texts)
        kept.append(line)
    return kept


def _department_name(text: str) -> str:
    """'晋城市…局   单位：万元' → the name alone: a PDF line may carry the unit too."""
    return re.split(r"\s*(?:金额)?单位\s*[:：]|\s{2,}", text.strip())[0].strip()


def _year_in(text: str) -> int | None:
    match = re.search(r"((?:19|20)\d{2})\s*年", text)
    return int(match.group(1)) if match else None


def _is_data_line(cells: list[str], layout: str) -> bool:
    """A data row: opens with a total, a code or an ordinal, or carries a number."""
    if not any(cells):
        return False
    first = re.sub(r"\s+", "", next((c for c in cells if c.strip()), ""))
    if re.fullmatch(r"\d{3}(\d{2}){0,2}", first):
        return True
    if first in {"合计", "总计", "部门合计", "单位合计"}:
        # '合计 | 因公出国（境）费 | 公务接待费' is a header row that starts with 合计
        labels = [c for c in cells[1:] if c.strip() and not is_number_cell(c) and not is_blank(c)]
        return len(labels) < 2 or any(is_number_cell(c) for c in cells[1:] if c)
    if layout == "2S" and any(has_ordinal(c) for c in cells if c):
        return True
    return any(is_number_cell(c) for c in cells[1:] if c)
