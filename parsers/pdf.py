"""Read a disclosure PDF with pdfplumber into the same `Document` the text reader makes.

The characters and rulings of each page come from pdfium (the default engine, see
pdfium_page.py) or from pdfminer, pdfplumber's own; the same lines come out of
either. A page without a usable text layer is OCR'd into the same lines
(ocr_page.py), whichever engine read the others. Pages are read in worker
processes (`jobs`), each opening the file itself; the lines they return are
stitched in page order and handed to the shared `BlockReader`, so tables
continuing across pages join exactly as in a dump.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from io import BytesIO
from typing import TYPE_CHECKING, Any

from budget_review.model import Document, InputError, Provenance, Source, Text, words
from budget_review.model.document import BBox
from budget_review.parsers import assemble
from budget_review.parsers.cards import CARD_HEADING
from budget_review.parsers.catalogue import LABEL_LINE, match_title
from budget_review.parsers.lines import (
    DEPT_LINE,
    NOTE,
    UNIT_LINE,
    YEAR_LINE,
    Line,
    furniture,
    is_heading,
)
from budget_review.parsers.ocr_mode import OcrMode, checked_ocr_mode
from budget_review.parsers.ocr_page import needs_ocr, read_ocr_page
from budget_review.parsers.pdf_page import PageLines, clean_prose, read_page

Progress = Callable[[int, int], None]
_CONTENTS_ENTRY = re.compile(r"^.{2,60}?(?:[.．…·]{2,}\s*\d{1,3})?$")

if TYPE_CHECKING:
    from pdfplumber.pdf import PDF

# pdfminer logs every odd font and broken object; a reader wants one line, not hundreds.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


ENGINES = ("pdfium", "pdfminer")
# The engine when none is asked for; `--pdf-engine` sets it for the whole process.
ENGINE_VARIABLE = "BUDGET_REVIEW_PDF_ENGINE"


def default_engine() -> str:
    return os.environ.get(ENGINE_VARIABLE) or "pdfium"


def checked_engine(engine: str | None) -> str:
    engine = engine or default_engine()
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}: expected one of {', '.join(ENGINES)}")
    return engine


# Pages per worker before another worker pays, from read_pages on the samples and on
# page ranges of the 125-page one (two cores, shared): a page costs about 15 ms with
# pdfium and 45 ms with pdfminer, a worker 0.07-0.2 s to start. Two pdfium jobs read
# 125 pages in 0.54-0.56x the wall time of one, idle or busy machine alike, 43 pages in
# 0.58x and 24 in 0.68x when the machine was quiet (1.2x when it was busy), 4-8 pages
# in 1.0-1.7x. So a second pdfium worker from 32 pages; pdfminer's from 10.
PAGES_PER_JOB = {"pdfium": 16, "pdfminer": 5}


def default_jobs(pages: int | None = None, engine: str = "pdfium") -> int:
    """The available cores, but no more workers than the file has pages for."""
    try:
        cores = max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        cores = max(1, os.cpu_count() or 1)
    if pages is None:
        return cores
    return max(1, min(cores, pages // PAGES_PER_JOB[engine]))


def _open(path: str, data: bytes) -> PDF:
    """Open the PDF or say in one line why it cannot be opened."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # pdfplumber wraps pdfminer's many kinds of failure
        raise InputError(path, _open_problem(exc)) from exc
    if not pages:
        raise InputError(path, words("input.pdf_no_pages"))
    return pdf


def _open_problem(exc: BaseException) -> Text:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    causes = [exc, *[a for a in getattr(exc, "args", ()) if isinstance(a, BaseException)]]
    if exc.__context__ is not None:
        causes.append(exc.__context__)
    if any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes):
        return words("input.pdf_encrypted")
    if any("encrypt" in type(c).__name__.lower() for c in causes):
        return words("input.pdf_encrypted")
    inner = causes[-1]
    detail = f"{type(inner).__name__}: {inner}" if str(inner) else type(inner).__name__
    return words("input.pdf_corrupt", detail=detail)


def stream_damage(page: Any) -> str | None:
    """Why the page's content (its content streams, and the forms it draws) cannot be
    decompressed whole, or None. pdfminer reads such a stream as far as it can, or as
    nothing, and only logs it; pdfium says nothing at all. Either engine then reads a
    page with text missing, so the reader is told which page."""
    from pdfminer.pdftypes import PDFStream, resolve1

    contents = resolve1(page.attrs.get("Contents"))
    streams = list(contents) if isinstance(contents, list) else [contents]
    resources = resolve1(page.attrs.get("Resources"))
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if isinstance(xobjects, dict):
        streams += list(xobjects.values())
    for ref in streams:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream) or stream.rawdata is None:
            continue
        if stream.get("Subtype") is not None and getattr(stream.get("Subtype"), "name", "") != (
            "Form"
        ):
            continue  # an image is drawn, not read
        problem = _undecodable(stream)
        if problem:
            return problem
    return None


def _undecodable(stream: Any) -> str | None:
    import zlib

    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return None
    data = stream.rawdata
    try:
        if stream.decipher:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        inflate = zlib.decompressobj()
        inflate.decompress(data)
        if not inflate.eof:
            return "compressed data ends before its end (truncated)"
    except zlib.error as exc:
        return f"compressed data is corrupt ({exc})"
    except Exception as exc:  # a stream pdfminer cannot even decipher
        return f"{type(exc).__name__}: {exc}"
    return None


class _Reader:
    """One open document, read page by page with the chosen engine.

    pdfplumber always opens it: its pages carry the geometry, and pdfminer reads any
    page pdfium cannot. With the pdfium engine pypdfium2 opens it too, once; with
    pdfminer, only when a page must be rendered for OCR.
    """

    def __init__(
        self, source: str | bytes, engine: str, pdf: PDF | None = None, ocr: OcrMode = "never"
    ) -> None:
        import pdfplumber

        if pdf is None:
            pdf = pdfplumber.open(BytesIO(source) if isinstance(source, bytes) else source)
        self.pdf = pdf
        self.source = source
        self.ocr = ocr
        self.pictures: Any = None  # what OCR renders pages from, when pdfium is not open
        self.pdfium: Any = None
        self.fonts: Any = None
        self.problem: str | None = None  # why pdfium cannot read this document
        if engine == "pdfium":
            import pypdfium2
            from budget_review.parsers.pdf_fonts import FontTable

            try:
                self.pdfium = pypdfium2.PdfDocument(source)
            except Exception as exc:  # pdfium refuses what pdfminer may still read
                self.problem = f"pdfium could not open the file: {type(exc).__name__}: {exc}"
            else:
                if len(self.pdfium) != len(pdf.pages):  # a broken page tree, mended otherwise
                    self.problem = (
                        f"pdfium counts {len(self.pdfium)} pages, pdfminer {len(pdf.pages)}"
                    )
                    self.pdfium.close()
                    self.pdfium = None
            self.fonts = FontTable()

    def read(self, number: int) -> PageLines:
        """Read a page; a page that fails becomes a named problem, never a lost document."""
        try:
            page = self.pdf.pages[number - 1]
            damage = stream_damage(page.page_obj)  # before pdfminer decodes (and caches) it
            source, note = self._source(page)
            result = read_page(source, number)
            result.fallback = note
            result.damage = damage
            page.close()
            if needs_ocr(result, self.ocr):  # no text layer, or a garbage one: read the picture
                result = read_ocr_page(self._pictures(), number, result)
            return result
        except Exception as exc:
            return PageLines(page=number, problem=f"{type(exc).__name__}: {exc}")

    def _pictures(self) -> Any:
        """The pdfium document OCR renders pages from: the engine's own, else opened once."""
        if self.pdfium is not None:
            return self.pdfium
        if self.pictures is None:
            import pypdfium2

            pictures = pypdfium2.PdfDocument(self.source)
            if len(pictures) != len(self.pdf.pages):  # its page N would be another page
                pictures.close()
                raise ValueError(
                    f"pdfium counts {len(pictures)} pages, pdfminer {len(self.pdf.pages)}"
                )
            self.pictures = pictures
        return self.pictures

    def _source(self, page: Any) -> tuple[Any, str | None]:
        """The page with pdfium's objects, or the pdfminer page and why."""
        if self.pdfium is None:
            return page, self.problem
        from budget_review.parsers.pdfium_page import PdfiumPage, Unreadable, page_objects

        try:
            return PdfiumPage(page, page_objects(page, self.pdfium, self.fonts)), None
        except Unreadable as exc:
            return page, str(exc)
        except Exception as exc:  # a page pdfium cannot load or walk
            return page, f"pdfium: {type(exc).__name__}: {exc}"

    def close(self) -> None:
        for document in (self.pdfium, self.pictures):
            if document is not None:
                document.close()  # pdfium's memory is freed only when closed
        self.pdf.close()


_worker: _Reader | None = None  # each worker process opens the file once


def _open_in_worker(source: str | bytes, engine: str, ocr: OcrMode, jobs: int) -> None:
    from multiprocessing.util import Finalize

    global _worker
    _ocr_jobs(jobs)
    _worker = _Reader(source, engine, ocr=ocr)
    Finalize(_worker, _worker.close, exitpriority=10)  # close pdfium when the worker ends


def _ocr_jobs(jobs: int) -> None:
    """Tell the OCR engine how many processes share the cores (without loading onnxruntime)."""
    from budget_review.parsers import ocr

    ocr.set_jobs(jobs)


def _read_chunk(numbers: list[int]) -> list[PageLines]:
    assert _worker is not None
    return [_worker.read(number) for number in numbers]


def _chunks(count: int, jobs: int, one_by_one: bool = False) -> list[list[int]]:
    """Small runs of pages handed out in turn, so that slow pages spread over the workers.

    When pages may be OCR'd (seconds each), they go one by one: the bar moves per page.
    """
    size = 1 if one_by_one else max(1, min(6, count // (jobs * 6) or 1))
    return [list(range(start, min(start + size, count + 1))) for start in range(1, count + 1, size)]


def read_pages(
    path: str,
    data: bytes,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
    ocr: str | None = None,
) -> list[PageLines]:
    """`ocr`: "auto" (the default: pages without a usable text layer), "always", "never"."""
    engine = checked_engine(engine)
    mode = checked_ocr_mode(ocr)
    pdf = _open(path, data)
    count = len(pdf.pages)
    jobs = max(1, min(jobs or default_jobs(count, engine), count))
    results: list[PageLines] = []
    if jobs == 1:
        _ocr_jobs(1)
        reader = _Reader(data, engine, pdf, mode)
        try:
            for number in range(1, count + 1):
                results.append(reader.read(number))
                if progress:
                    progress(number, count)
        finally:
            reader.close()
        return results
    pdf.close()
    if engine == "pdfium":
        # Imported once here, not in each worker: forked workers inherit the modules.
        import budget_review.parsers.pdfium_page  # noqa: F401
    on_disk = os.path.isfile(path) and os.path.getsize(path) == len(data)
    with ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_open_in_worker,
        initargs=(path if on_disk else data, engine, mode, jobs),
    ) as pool:
        chunks = _chunks(count, jobs, one_by_one=mode != "never")
        futures = [pool.submit(_read_chunk, chunk) for chunk in chunks]
        for future in as_completed(futures):
            results.extend(future.result())
            if progress:
                progress(len(results), count)
    return sorted(results, key=lambda p: p.page)


def _fallbacks(pages: list[PageLines]) -> list[Text]:
    """The pages pdfminer read in pdfium's place: one line per page, or one for the file."""
    notes = [p.fallback for p in pages if p.fallback]
    if not notes:
        return []
    if len(notes) == len(pages) > 1 and len(set(notes)) == 1:
        return [words("read.all_pdfminer", reason=notes[0])]
    return [
        words("read.page_pdfminer", page=p.page, reason=p.fallback) for p in pages if p.fallback
    ]


def _mark_contents(pages: list[PageLines]) -> None:
    """Tag the lines of the contents page and of the pages that continue it."""
    in_contents = False
    for page in pages:
        plain = [ln for ln in page.lines if not ln.tabbed and ln.text.strip()]
        if page.contents:
            in_contents = True
        elif in_contents:
            entries = [ln for ln in plain if not _furniture_like(ln.text)]
            in_contents = bool(entries) and all(
                _CONTENTS_ENTRY.match(ln.text.strip()) and "。" not in ln.text for ln in entries
            )
        if in_contents:
            for line in plain:
                line.role = "contents"


def _furniture_like(text: str) -> bool:
    from budget_review.parsers.lines import PAGE_NUMBER, STAMP

    return bool(STAMP.match(text.strip()) or PAGE_NUMBER.match(text.strip()))


def _starts_block(text: str) -> bool:
    return bool(
        is_heading(text)
        or LABEL_LINE.match(text)
        or match_title(text)
        or CARD_HEADING.search(text)
        or DEPT_LINE.match(text)
        or UNIT_LINE.search(text)
        or NOTE.match(text)
        or YEAR_LINE.match(text)
    )


def _join_wrapped_titles(lines: list[Line]) -> list[Line]:
    """A long table title wrapped over two lines: neither part is a title, together they are."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        year_alone = (
            prev is not None
            and re.fullmatch(r"(?:19|20)\d{2}", prev.text.strip()) is not None
            and line.text.strip().startswith("年")
        )
        if (
            prev is not None
            and not prev.tabbed
            and not line.tabbed
            and prev.page == line.page
            and len(prev.text.strip()) + len(line.text.strip()) <= 60
            and not match_title(prev.text.strip())
            and (year_alone or not match_title(line.text.strip()))
            and match_title(prev.text.strip() + line.text.strip())
        ):
            prev.text = prev.text.strip() + line.text.strip()
            prev.cells = [prev.text]
            prev.confidence = _lowest(prev.confidence, line.confidence)
            continue
        out.append(line)
    return out


def _text_blocks(pages: list[PageLines], body: list[Line]) -> dict[int, PageLines]:
    """Each page with the edges of its text block, for joining wrapped prose lines.

    A page's edges were measured on all its text lines, the running header and the
    page number too: a header set further left (or right) than the prose puts every
    wrapped line off the margin. Once such furniture is dropped, the edges are
    measured again on the lines that are left (never wider than before: a table's
    caption rows are not prose).

    A page's right edge is shown by the lines that fill the width and end there
    together. A page of prose where no two lines do (short items, each its own
    paragraph, all indented) shows neither edge: its longest item would seem to
    reach the margin and the next, as far in, to start at it. Such a page takes the
    block of the nearest page of prose of its size that shows its edges, if that
    block holds all of the page's lines.
    """
    kept: dict[int, list[BBox]] = {}
    for line in body:
        if not line.tabbed and line.bbox is not None and line.page is not None:
            kept.setdefault(line.page, []).append(line.bbox)
    measured: dict[int, PageLines] = {}
    shown: set[int] = set()
    for page in pages:
        boxes = [
            b
            for b in kept.get(page.page, [])
            if b[0] >= page.left - 0.5 and b[2] <= page.right + 0.5
        ]
        if boxes:
            left = min(b[0] for b in boxes)
            right = max(b[2] for b in boxes)
            page = dataclasses.replace(page, left=left, right=right)
            if sum(1 for b in boxes if b[2] >= right - 0.5 * page.char_size) >= 2:
                shown.add(page.page)
        measured[page.page] = page
    out: dict[int, PageLines] = {}
    for number, page in measured.items():
        if number in kept and number not in shown and page.tables == 0:
            near = _block_nearby(page, measured, shown)
            if near is not None:
                page = dataclasses.replace(page, left=near.left, right=near.right)
        out[number] = page
    return out


def _block_nearby(
    page: PageLines, measured: dict[int, PageLines], shown: set[int]
) -> PageLines | None:
    """The nearest page of prose (two pages either way) of the same size whose block shows
    its edges and holds all of `page`'s lines."""
    tolerance = 0.5 * page.char_size
    for step in (1, 2):
        for number in (page.page - step, page.page + step):
            other = measured.get(number)
            if (
                other is not None
                and number in shown
                and other.tables == 0
                and other.ocr == page.ocr
                and abs(other.width - page.width) < 1
                and other.left <= page.left + tolerance
                and other.right >= page.right - tolerance
            ):
                return other
    return None


# '…预算支出395.6万' / '元，与上年相比…': an amount cut from its unit by the line's end.
_FIGURE_END = re.compile(r"\d$")
_MULTIPLIER_END = re.compile(r"\d[万亿千]$")
_UNIT_START = re.compile(r"(?:[万亿千]?元)")


def _cut_in_an_amount(prev: str, line: str) -> bool:
    """A line that ends inside an amount goes on in the next, whatever the margins say:
    a figure over its unit ('395.6' / '万元…'), a figure and 万 over 元 ('395.6万' / '元…')."""
    if _FIGURE_END.search(prev):
        return _UNIT_START.match(line) is not None
    return _MULTIPLIER_END.search(prev) is not None and line.startswith("元")


def _join_prose(lines: list[Line], pages: dict[int, PageLines]) -> list[Line]:
    """Join the lines of a paragraph wrapped at the right margin (also across pages).

    Whether a paragraph goes on is read off its last printed line, not its first: a
    paragraph whose first line fills the width ends where a later line stops short.
    """
    out: list[Line] = []
    last: Line | None = None  # the last printed line of out[-1]
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and last is not None
            and not line.tabbed
            and not prev.tabbed
            and prev.role is None
            and line.role is None
            and last.bbox is not None
            and line.bbox is not None
            and (
                _cut_in_an_amount(last.text.strip(), line.text.strip())
                or (
                    _reaches_margin(last, pages, 8 if re.match(r"[\d,.]", line.text.strip()) else 2)
                    and not _starts_block(line.text.strip())
                    and _flush_left(line, pages)
                )
            )
        ):
            joined = prev.text.rstrip() + line.text.strip()
            prev.text = joined
            prev.cells = [joined]
            prev.confidence = _lowest(prev.confidence, line.confidence)
            last = Line(line.number, line.text, page=line.page, bbox=line.bbox)
            continue
        out.append(line)
        last = Line(line.number, line.text, page=line.page, bbox=line.bbox)
    for line in out:
        if not line.tabbed and line.role is None:
            line.text = clean_prose(line.text)
            line.cells = [line.text]
    return out


def _lowest(a: float | None, b: float | None) -> float | None:
    """A joined line is as sure as its least sure part (OCR confidence)."""
    return b if a is None else a if b is None else min(a, b)


def _reaches_margin(line: Line, pages: dict[int, PageLines], slack: float = 2) -> bool:
    """A line that fills the text width: its paragraph may go on in the next line.

    `slack` is in characters: a line broken before a long figure stops short by the
    figure's width, so the caller allows more when the next line opens with one.
    """
    page = pages[line.page or 0]
    assert line.bbox is not None
    x0, _, x1, _ = line.bbox
    full_width = x1 - x0 >= max(0.7 * (page.right - page.left), 0.5 * page.width)
    return full_width and x1 >= page.right - slack * page.char_size


def _flush_left(line: Line, pages: dict[int, PageLines]) -> bool:
    """A wrapped line starts at the left margin; a new paragraph is indented or centred."""
    page = pages[line.page or 0]
    assert line.bbox is not None
    return line.bbox[0] <= page.left + 0.8 * page.char_size


def _cover(lines: list[Line]) -> list[str]:
    """The cover's title, which a PDF sets over several lines: joined into one."""
    first = next((ln.page for ln in lines if ln.text.strip()), None)
    title: list[str] = []
    for line in lines:
        if line.page != first or line.tabbed or re.search(r"[:：]", line.text):
            break
        title.append(line.text.strip())
    return [clean_prose("".join(title))] if len(title) > 1 else []


def _page_list(numbers: list[int]) -> Text:
    """第1–3、7页 / pages 1–3, 7: runs of pages, for one warning instead of one per page."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    spans = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    if len(numbers) == 1:
        return words("where.page", n=spans[0])
    return words("where.page_list", runs=Text("、".join(spans), ", ".join(spans)))


def parse_pdf(
    path: str,
    data: bytes,
    sha256: str,
    jobs: int | None = None,
    progress: Progress | None = None,
    engine: str | None = None,
    ocr: str | None = None,
) -> Document:
    """`engine`: "pdfium" (the default) or "pdfminer" reads the characters and rulings;
    `ocr`: "auto" (the default), "always" or "never" says which pages are OCR'd."""
    from budget_review.parsers.reader import BlockReader

    pages = read_pages(path, data, jobs, progress, engine, ocr)
    doc = Document(source=Source(path=path, sha256=sha256, format="pdf", pages=len(pages)))
    if not any(p.has_text for p in pages if p.problem is None):
        if any(p.ocr for p in pages):
            raise InputError(path, words("input.pdf_ocr_found_none"))
        if any(p.has_images for p in pages):
            raise InputError(path, words("input.pdf_scanned"))
        raise InputError(path, words("input.pdf_no_text"))
    read_by_ocr = [p.page for p in pages if p.ocr and p.has_text]
    if read_by_ocr:
        doc.warnings.append(words("read.pages_ocr", pages=_page_list(read_by_ocr)))
    doc.warnings.extend(_fallbacks(pages))
    for page in pages:
        if page.damage and not page.problem:
            doc.warnings.append(words("read.page_damaged", page=page.page, problem=page.damage))
            doc.damaged_pages.append(Provenance(page=page.page))
        if page.problem:
            doc.warnings.append(words("read.page_unreadable", page=page.page, problem=page.problem))
        elif not page.has_text and page.ocr and page.has_images:
            doc.warnings.append(words("read.page_ocr_empty", page=page.page))
        elif not page.has_text and page.has_images:
            doc.warnings.append(words("read.page_scanned", page=page.page))
        elif not page.has_text and not page.damage:
            doc.blank_pages.append(Provenance(page=page.page))
    _mark_contents(pages)
    lines: list[Line] = []
    for page in pages:
        for line in page.lines:
            line.number = len(lines) + 1
            lines.append(line)
    drop = furniture(lines, repeats=max(3, min(8, len(pages) // 3)))
    body = [ln for ln in lines if ln.number not in drop]
    body = _join_wrapped_titles(body)
    body = _join_prose(body, _text_blocks(pages, body))
    reader = BlockReader(doc, body)
    reader.run()
    if read_by_ocr:
        from budget_review.parsers.ocr_confidence import settle_claims

        settle_claims(doc, pages)
    head = _cover(body) + [ln.text.strip() for ln in body if ln.text.strip() and not ln.tabbed][:40]
    assemble.finish(doc, head, reader.department_from_tables, reader.named_in_cells)
    return doc
