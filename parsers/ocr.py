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


def recognise(image: np.ndarray, scale: float = SCALE) -> list[Word]:
    """The text boxes in a picture rendered at `scale`, in PDF points."""
    area = content(image)
    if area is None:
        return []  # a white page: nothing to run the models on
    x0, y0, x1, y1 = area
    offset = (x0, y0)
    # Character boxes come from the recogniser's own alignment: they cost nothing extra.
    found, _ = engine()(image[y0:y1, x0:x1], return_word_box=True)
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
