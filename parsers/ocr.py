"""OCR with RapidOCR on ONNX Runtime: a PDF page's picture → words with boxes and confidence.

RapidOCR, onnxruntime and OpenCV load only when a page needs OCR, so a
text-layer document never loads them. The PP-OCRv4 detection and recognition models ship inside the
rapidocr-onnxruntime wheel: nothing is downloaded at run time.

The settings were chosen by measurement on the 2-core machine (`make bench`
prints the current figures; CPU seconds per page, one thread, median of 2):

    jincheng p.11 (table, 183 boxes)     scale 1.75  2.0   2.5
      rec width padded to 320 (default)        3.8   3.9   4.5   figures 129 / 130 / 132 of 132
      rec width padded to 48                   2.2   2.5   3.1   figures 131 / 132 / 132 of 132
    jincheng p.4 (dense text, ~1,000 characters)
      rec width padded to 48                   4.4   4.6   5.3   text similarity 0.969 at all three

- recognition batch of 1 line: batches of 4, 8, 16 and 32 lines were always slower
  (p.4: 4.0 s for 1, 4.8 s for 4, 18.7 s for 16), as every line in a batch is
  padded to the widest and onnxruntime reallocates for each new shape;
- recognition width padded to 48 px instead of 320: a table cell such as '205'
  is a tenth of that width, and padding it cost a third of a table page's time;
- the 180° classifier is off: disclosure pages are upright, and it found nothing
  to turn on the samples while costing up to 0.3 s a page;
- scale 2.0 (144 dpi): 1.75 and below misread small table text (and detecting
  on a reduced picture lost a table's figures: 11 of 13 at 1.5), 2.5 costs a
  quarter more for no figure gained;
- onnxruntime threads = cores ÷ jobs, so that parallel pages do not fight;
- a ruled table's cells skip the detector: the grid (ocr_rulings) already says where
  the text is, so each inked line of a non-empty cell goes to the recogniser alone,
  shared out among single-threaded recognisers (a cell's line is too short for
  onnxruntime to share between threads); only the bands of the page outside the
  grids are detected, each at its own size. p.11 on the loaded shared machine
  (load 3-4): 2.2-5.7 s before, 1.5-2.6 s after (CPU 3.8-5.6 s → 2.8-3.1 s);
- a cell's line is recognised 32 px high, not 48 (the full pipeline keeps 48): the
  recogniser costs about 1.2 ms a call plus 0.055 ms a column of its input on one thread,
  and a line is stretched to the height, so 32 px cuts the columns by a third and each
  column's cost too. p.11, 1 job, load 1.9-2.1: 1.50 s → 0.89 s (CPU 2.86 → 1.63 s),
  the same 194 of 195 figures; a narrower side margin (0.4-0.75 of a line instead
  of 1.0) lost two figures of 表4 and was not kept;
- detection sees only the inked part of the page (margins cost time and memory
  and hold nothing), and a grid's rules are whitened first (ocr_rulings).

With these, on 4 table pages of the sample scanned at 180 dpi, 194 of 195
figures are found at the same table, row and column, none with a wrong value.
Wall time per page varies threefold with the load of the shared machine:
quiet, 2.7 s for the dense page and 1.9 s for the table page with 1 job (two
threads); peak RSS about 0.7 GB per process, the detector's activations on a
full page.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from budget_review.model.document import BBox

if TYPE_CHECKING:
    import numpy as np

SCALE = 2.0
CELL_INK = 170  # gray level below which a cell pixel is ink (header shading is lighter)
SIDE_PAD = 1.0  # of a line's height, blank kept left and right of a cell's line
GAP = 12.0  # points of blank rows that part two bands of text outside the grids
# A cell's line goes to the recogniser 32 px high, not 48: its cost grows with the width it is
# stretched to, so this cuts it by half, and the table pages' figures read the same.
CELL_REC_HEIGHT = 32
MIN_SCORE = 0.5  # RapidOCR's own cut-off: below it a box is noise, not text
SETTINGS: dict[str, Any] = {
    "use_cls": False,
    "rec_batch_num": 1,
    "rec_img_shape": [3, 48, 48],
    "inter_op_num_threads": 1,
    "text_score": MIN_SCORE,
}
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DOT_IN_NUMBER = re.compile(r"(?<=\d)[．。·](?=\d)")
# '〇万元': OCR reads a lone zero as the Chinese numeral; '二〇二六年' keeps it.
_ZERO_AMOUNT = re.compile(r"(?<![〇一二三四五六七八九十])〇(?=\s*(?:亿元|万元|元|%))")


Crop = tuple[int, int, int, int, tuple[int, int, int, int]]


@dataclass(frozen=True)
class Word:
    """One recognised text box: PDF points, top-left origin (x0, top, x1, bottom).

    `confidence` is the least sure of its characters: one doubtful digit makes a
    doubtful figure. `chars` are the characters (a Latin or digit run as one) with
    their own boxes, so that a box the detector ran across a ruling can be split.
    """

    box: BBox
    text: str
    confidence: float
    chars: tuple[Word, ...] = ()


_engine: tuple[int, Any] | None = None  # the process that made it, and the engine
_cell_recognisers: tuple[int, list[Any]] | None = None
_inherited: list[Any] = []  # engines a forked worker got from its parent, never freed there
_jobs = 1
_sharing = 1


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def set_jobs(jobs: int) -> None:
    """How many processes read this file's pages at once: each takes its share of the cores."""
    global _jobs
    _jobs = max(1, jobs)


def share_cores(processes: int) -> None:
    """How many processes read other files at the same time (a survey's workers)."""
    global _sharing
    _sharing = max(1, processes)


def threads() -> int:
    return max(1, cores() // (_jobs * _sharing))


def engine() -> Any:
    """This process's one engine, made when the first page needs it.

    A worker forked from a process that had made one makes its own, with its share
    of the threads; the inherited one is kept, as freeing it would wait on threads
    that did not come along.
    """
    global _engine
    if _engine is None or _engine[0] != os.getpid():
        from rapidocr_onnxruntime import RapidOCR

        if _engine is not None:
            _inherited.append(_engine[1])
        _engine = (os.getpid(), RapidOCR(**SETTINGS, intra_op_num_threads=threads()))
    return _engine[1]


def render(document: Any, number: int, scale: float = SCALE) -> np.ndarray:
    """Page `number` (from 1) of an open pypdfium2 document as a grayscale picture.

    The reader owns the document (pdf.py `_Reader`), so a worker opens it once and
    closes it with the rest of the file.
    """
    import numpy

    page = document[number - 1]
    try:
        bitmap = page.render(scale=scale, grayscale=True)
        image = bitmap.to_numpy().copy()
        bitmap.close()
    finally:
        page.close()
    gray: numpy.ndarray = image[:, :, 0] if image.ndim == 3 else image
    return gray


def clean(text: str) -> str:
    """OCR's spellings of figures as a text layer prints them ('１２．５' → '12.5')."""
    text = _ZERO_AMOUNT.sub("0", text.translate(_FULL_WIDTH_DIGITS))
    return _DOT_IN_NUMBER.sub(".", text).strip()


def _box(points: Any, scale: float, offset: tuple[int, int] = (0, 0)) -> BBox:
    xs = [float(p[0]) + offset[0] for p in points]
    ys = [float(p[1]) + offset[1] for p in points]
    return (min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale)


def content(image: np.ndarray, pad: int = 16) -> tuple[int, int, int, int] | None:
    """The part of the page with ink on it (x0, y0, x1, y1): detection need not see the margins."""
    import numpy

    ink = image < 200
    rows = numpy.flatnonzero(ink.any(axis=1))
    cols = numpy.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    height, width = image.shape[:2]
    return (
        max(0, int(cols[0]) - pad),
        max(0, int(rows[0]) - pad),
        min(width, int(cols[-1]) + pad + 1),
        min(height, int(rows[-1]) + pad + 1),
    )


def _words(found: list[Any], scale: float, offset: tuple[int, int] = (0, 0)) -> list[Word]:
    """RapidOCR's results (box, text, score, char boxes, chars, char scores) as words."""
    words = []
    for item in found or []:
        points, text, score = item[0], str(item[1]), float(item[2])
        if not clean(text) or score < MIN_SCORE:
            continue
        chars: list[Word] = []
        if len(item) >= 6 and len(item[3]) == len(item[4]) == len(item[5]):
            chars = [
                Word(_box(p, scale, offset), clean(str(t)), round(float(c), 4))
                for p, t, c in zip(item[3], item[4], item[5], strict=True)
                if clean(str(t))
            ]
        # A doubtful thousands separator cannot make a wrong figure: misread, it fails to parse.
        sure = min((c.confidence for c in chars if c.text not in ",，"), default=score)
        words.append(Word(_box(points, scale, offset), clean(text), round(sure, 4), tuple(chars)))
    return words


def _bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of inked rows in a cell's picture (top, bottom), as text lines."""
    import numpy

    rows = ink.any(axis=1)
    marked = numpy.flatnonzero(rows)
    bands: list[tuple[int, int]] = []
    for index in marked.tolist():
        if bands and index == bands[-1][1]:
            bands[-1] = (bands[-1][0], index + 1)
        else:
            bands.append((index, index + 1))
    return bands


def _lines_of(bands: list[tuple[int, int]], size: float) -> list[tuple[int, int]]:
    """Bands of ink joined into text lines: a character's strokes ('二', '三') leave gaps
    inside a line, narrower than the gap between lines and within one character's height."""
    lines: list[tuple[int, int]] = []
    for top, bottom in bands:
        if lines and top - lines[-1][1] < 0.35 * size and bottom - lines[-1][0] <= 1.3 * size:
            lines[-1] = (lines[-1][0], bottom)
        else:
            lines.append((top, bottom))
    # A speck (a dot, the end of a stroke) is not a line of its own.
    return [(t, b) for t, b in lines if b - t >= 0.25 * size]


def cell_crops(image: np.ndarray, grids: Any, scale: float) -> list[Crop]:
    """The text lines inside a page's grid cells (x0, y0, x1, y1 in pixels, with a margin round
    the ink, and the cell's inside: the margin beyond it is left white), empty cells skipped."""
    import numpy

    pieces: list[tuple[int, int, int, int, list[tuple[int, int]]]] = []
    inset = max(2, round(1.5 * scale))
    for grid in grids:
        for cell in grid.cells:
            x0, y0 = round(cell.box[0] * scale) + inset, round(cell.box[1] * scale) + inset
            x1, y1 = round(cell.box[2] * scale) - inset, round(cell.box[3] * scale) - inset
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            ink = image[y0:y1, x0:x1] < CELL_INK
            if int(ink.sum()) < 8:
                continue  # an empty cell: nothing to read
            pieces.append((x0, y0, x1, y1, _bands(ink)))
    heights = [b - t for *_, bands in pieces for t, b in bands if b - t >= 4]
    if not heights:
        return []
    size = float(numpy.median(heights))
    crops = []
    for x0, y0, x1, y1, bands in pieces:
        for top, bottom in _lines_of(bands, size):
            cols = numpy.flatnonzero((image[y0 + top : y0 + bottom, x0:x1] < CELL_INK).any(axis=0))
            if cols.size == 0:
                continue
            # The detector's boxes stand off the ink by about a third of a line; wider at
            # the sides (a leading '一' tight against the edge was lost). The margin is
            # white, not the page: a neighbouring cell's ink stays out.
            pad = max(2, round(0.3 * (bottom - top)))
            side = max(2, round(SIDE_PAD * size))
            crops.append(
                (
                    max(0, x0 + int(cols[0]) - side),
                    max(0, y0 + top - pad),
                    min(image.shape[1], x0 + int(cols[-1]) + 1 + side),
                    min(image.shape[0], y0 + bottom + pad),
                    # The whole cell: its rules are whitened already.
                    (x0 - inset, y0 - inset, x1 + inset, y1 + inset),
                )
            )
    return crops


def cell_recognisers() -> list[Any]:
    """Recognisers of one thread each, as many as this process has threads.

    A cell's line is short: onnxruntime cannot share so small a run between threads
    (two threads took as long as one, at twice the CPU), so the cells are shared
    out among single-threaded recognisers instead.
    """
    global _cell_recognisers
    if _cell_recognisers is None or _cell_recognisers[0] != os.getpid():
        from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
        from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
        from rapidocr_onnxruntime.utils import UpdateParameters, read_yaml, update_model_path

        config = UpdateParameters()(
            update_model_path(read_yaml(DEFAULT_CFG_PATH)),
            **{**SETTINGS, "rec_img_shape": [3, CELL_REC_HEIGHT, 48]},
            intra_op_num_threads=1,
        )
        made = [TextRecognizer(config["Rec"]) for _ in range(threads())]
        _cell_recognisers = (os.getpid(), made)
    return _cell_recognisers[1]


def read_crops(image: np.ndarray, crops: list[Crop]) -> list[Any]:
    """Recognition only, on known text lines: results shaped as the full pipeline's."""
    import cv2
    import numpy

    if not crops:
        return []
    ocr = engine()
    pictures = []
    for x0, y0, x1, y1, (cx0, cy0, cx1, cy1) in crops:
        picture = numpy.full((y1 - y0, x1 - x0), 255, dtype=image.dtype)
        # The page's own pixels (a stroke's soft edges too), but none from beyond the cell.
        ix0, iy0, ix1, iy1 = max(x0, cx0), max(y0, cy0), min(x1, cx1), min(y1, cy1)
        picture[iy0 - y0 : iy1 - y0, ix0 - x0 : ix1 - x0] = image[iy0:iy1, ix0:ix1]
        pictures.append(cv2.cvtColor(picture, cv2.COLOR_GRAY2BGR))
    boxes = [
        numpy.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=numpy.float32)
        for x0, y0, x1, y1, _ in crops
    ]
    recognisers = cell_recognisers()
    # Longest first, dealt out in turn: the threads finish together.
    order = sorted(range(len(pictures)), key=lambda i: -pictures[i].shape[1] / pictures[i].shape[0])
    shares = [order[k :: len(recognisers)] for k in range(len(recognisers))]

    def run(share: tuple[Any, list[int]]) -> list[Any]:
        recogniser, members = share
        return list(recogniser([pictures[i] for i in members], True)[0]) if members else []

    read: list[Any] = [None] * len(pictures)
    if len(recognisers) == 1:
        results = [run((recognisers[0], shares[0]))]
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(len(recognisers)) as pool:
            results = list(pool.map(run, zip(recognisers, shares, strict=True)))
    for members, result in zip(shares, results, strict=True):
        for i, one in zip(members, result, strict=True):
            read[i] = one
    found = []
    for box, result in zip(boxes, ocr.cal_rec_boxes(pictures, boxes, read), strict=True):
        text, score, char_boxes, chars, scores = result
        found.append([box.tolist(), text, score, char_boxes, chars, scores])
    return found


def _detect(image: np.ndarray) -> list[Any]:
    area = content(image)
    if area is None:
        return []  # a white page: nothing to run the models on
    x0, y0, x1, y1 = area
    # Character boxes come from the recogniser's own alignment: they cost nothing extra.
    found, _ = engine()(image[y0:y1, x0:x1], return_word_box=True)
    for item in found or []:
        item[0] = [[p[0] + x0, p[1] + y0] for p in item[0]]
        if len(item) >= 4:
            item[3] = [[[p[0] + x0, p[1] + y0] for p in box] for box in item[3]]
    return list(found or [])


def recognise(image: np.ndarray, scale: float = SCALE, grids: Any = ()) -> list[Word]:
    """The text boxes in a picture rendered at `scale`, in PDF points.

    Inside ruled grids the cells are already known: each inked line of a cell goes
    to the recogniser alone, without the detector (the costlier model on a table
    page). The rest of the page (titles, notes, prose) is detected as usual.
    """
    if not grids:
        return _words(_detect(image), scale)
    crops = cell_crops(image, grids, scale)
    rest = image.copy()
    for grid in grids:
        gx0, gy0, gx1, gy1 = (round(v * scale) for v in grid.box)
        rest[max(0, gy0) : gy1 + 1, max(0, gx0) : gx1 + 1] = 255
    words = _words(read_crops(image, crops), scale)
    detector = engine().text_det
    kept = detector.limit_type
    # Bands of the page at their own size: scaled up to the detector's 736 px, a title
    # band would cost more than the page.
    detector.limit_type = "max"
    try:
        for top, bottom in _segments(rest, round(GAP * scale)):
            words += _words(_detect(rest[top:bottom]), scale, (0, top))
    finally:
        detector.limit_type = kept
    return words


def _segments(image: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Bands of rows with ink, apart by at least `gap` blank rows."""
    import numpy

    marked = numpy.flatnonzero((image < 200).any(axis=1))
    bands: list[tuple[int, int]] = []
    for index in marked.tolist():
        if bands and index - bands[-1][1] < gap:
            bands[-1] = (bands[-1][0], index + 1)
        else:
            bands.append((index, index + 1))
    pad = gap // 2
    return [(max(0, t - pad), min(image.shape[0], b + pad)) for t, b in bands]
