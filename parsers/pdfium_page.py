"""One page's characters, rulings and images from pypdfium2, as pdfplumber's objects.

pdfminer interprets every content stream in Python, which is most of the cost of
reading a PDF; pdfium does it in C. The objects built here follow pdfminer's
conventions, so that pdfplumber's table finder, `crop` and `filter` and this
package's readers run unchanged on them:

- a character's box is pdfminer's: from the baseline plus the font's descent, as
  high as the font size, as wide as the glyph's advance, turned with the text
  matrix (pdfium's own boxes follow the glyph outlines and merge close lines);
- the font size is the height of that box, not pdfium's unscaled size;
- characters come in content-stream order, as pdfminer gives them;
- the characters pdfium makes up (spaces between words, line breaks) are left out;
  real space characters are kept, though pdfium drops some (a run of spaces becomes
  one, a text object holding only spaces is not read at all);
- paths become lines, rectangles and curves by pdfminer's shape test.

pdfium works in single precision: coordinates are rounded to 1/10000 pt, so that a
character and a ruling drawn at the same printed coordinate compare equal, as in
pdfminer's double precision.

A page where pdfium would read other text than pdfminer (Type3 or vertical fonts,
characters without unicode, text in a font pdfium cannot draw, text drawn twice,
ActualText) raises `Unreadable`, and the caller reads that page with pdfminer.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import pypdfium2.raw as pdfium_c
from budget_review.parsers.pdf_fonts import FontFacts, FontTable, display_name
from budget_review.parsers.pdfium_paths import (
    Matrix,
    Point,
    apply,
    multiply,
    object_matrix,
    path_shapes,
)
from pdfplumber.page import Page as PlumberPage

if TYPE_CHECKING:
    import pypdfium2
    from pdfplumber.page import Page

Objects = dict[str, list[dict[str, Any]]]
Box = tuple[float, float, float, float]  # left, bottom, right, top

_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_IMAGE = pdfium_c.FPDF_PAGEOBJ_IMAGE
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
_SIZE_EPSILON = 0.01  # pdfium skips a text object narrower than this (blank glyphs)
_FORM_DEPTH = 16
_PLACES = 4  # decimals kept of pdfium's single-precision coordinates


class Unreadable(Exception):
    """pdfium would read this page's text otherwise than pdfminer: read it with pdfminer."""


class PdfiumPage(PlumberPage):
    """A pdfplumber page whose objects pdfium read: `crop`, `filter` and the table
    finder derive from them as from pdfminer's."""

    def __init__(self, page: Page, objects: Objects) -> None:
        super().__init__(page.pdf, page.page_obj, page.page_number, page.initial_doctop)
        self._pdfium_objects = objects

    def parse_objects(self) -> Objects:
        return self._pdfium_objects


def page_objects(page: Page, document: pypdfium2.PdfDocument, fonts: FontTable) -> Objects:
    """The page's chars, lines, rects, curves and images, read by pdfium."""
    reader = _PageReader(Geometry(page), fonts.for_page(page.page_obj.resources))
    pdfium_page = document[page.page_number - 1]
    try:
        ours, theirs = _normal(page.page_obj.mediabox), _normal(pdfium_page.get_mediabox())
        if any(abs(a - b) > 0.01 for a, b in zip(ours, theirs, strict=True)):
            # the two libraries took another page for this one (a mended page tree)
            raise Unreadable(f"pdfium's page has another media box ({theirs} for {ours})")
        reader.walk(pdfium_page.raw)
        textpage = pdfium_page.get_textpage()
        try:
            reader.read_chars(textpage.raw)
        finally:
            textpage.close()
        reader.check_unread_text()
    finally:
        pdfium_page.close()
    return {kind: found for kind, found in reader.objects.items() if found}


def _normal(box: Any) -> Box:
    x0, y0, x1, y1 = (float(v) for v in box)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


class Geometry:
    """pdfminer's device space for the page, and pdfplumber's coordinates from it."""

    def __init__(self, page: Page) -> None:
        x0, y0, x1, y1 = (float(v) for v in page.page_obj.mediabox)
        rotate = page.page_obj.rotate
        # pdfminer's page matrix (PDFPageInterpreter.process_page)
        if rotate == 90:
            self.to_device: Matrix = (0, -1, 1, 0, -y0, x1)
        elif rotate == 180:
            self.to_device = (-1, 0, 0, -1, x1, y1)
        elif rotate == 270:
            self.to_device = (0, 1, -1, 0, y1, -x0)
        else:
            self.to_device = (1, 0, 0, 1, -x0, -y0)
        self.height = float(page.height)
        self.mb_x0 = float(page.mediabox[0])
        self.mb_top = float(page.mediabox[1])
        self.doctop = float(page.initial_doctop)
        self.page_number = page.page_number

    def box(self, x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
        """pdfplumber's keys for a box in device space (Page.process_object)."""
        top = self.height - y1 + self.mb_top
        return {
            "page_number": self.page_number,
            "x0": x0 + self.mb_x0,
            "y0": y0,
            "x1": x1 + self.mb_x0,
            "y1": y1,
            "top": top,
            "bottom": self.height - y0 + self.mb_top,
            "doctop": self.doctop + top,
            "width": x1 - x0,
            "height": y1 - y0,
        }

    def point(self, pt: Point) -> Point:
        """pdfplumber's Page.point2coord."""
        return (self.mb_x0 + pt[0], self.mb_top + self.height - pt[1])


@dataclass
class _TextObject:
    """A text object in stream order, with what is needed to judge it if pdfium skipped it."""

    handle: Any
    font: int
    to_device: Matrix
    before: list[Any]  # the text objects drawn just before it in the same page or form
    chars: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Style:
    """The font, size and text matrix one text object's characters share."""

    font: int
    handle: Any
    facts: FontFacts
    fontsize: float
    matrix: tuple[float, float, float, float]  # a, b, c, d in pdfminer's device space
    low: float  # the box's bottom and top over the baseline, in text space
    high: float
    upright: bool


def _address(pointer: Any) -> int:
    return ctypes.addressof(pointer.contents) if pointer else 0


def _round(value: float) -> float:
    return round(value, _PLACES)


class _PageReader:
    def __init__(self, geometry: Geometry, facts: dict[bytes, list[FontFacts]]) -> None:
        self.geometry = geometry
        self.facts = facts
        self.objects: Objects = {"char": []}
        self._texts: dict[int, _TextObject] = {}  # in stream order
        self._fonts: dict[int, FontFacts] = {}
        self._widths: dict[tuple[int, int], float] = {}

    # ------------------------------------------------------------------ page objects

    def walk(self, page: Any) -> None:
        """Lines, rects, curves and images; the text objects, in stream order."""
        self._walk(page, self.geometry.to_device, form=False, depth=0)

    def _walk(self, holder: Any, to_device: Matrix, form: bool, depth: int) -> None:
        count = pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects
        get = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
        before: list[Any] = []
        for i in range(max(count(holder), 0)):
            obj = get(holder, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == _PATH:
                self._path(obj, to_device)
            elif kind == _TEXT:
                if pdfium_c.FPDFPageObj_CountMarks(obj) > 0 and _actual_text(obj):
                    raise Unreadable("text replaced by ActualText")
                font = pdfium_c.FPDFTextObj_GetFont(obj)
                self.font(font)  # a font pdfium would read otherwise stops here
                self._texts[_address(obj)] = _TextObject(obj, _address(font), to_device, before)
                before = [*before[-4:], obj]
            elif kind == _IMAGE:
                self._image(obj, to_device)
            elif kind == _FORM and depth < _FORM_DEPTH:
                self._walk(obj, multiply(object_matrix(obj), to_device), True, depth + 1)

    def _path(self, obj: Any, to_device: Matrix) -> None:
        g = self.geometry
        for shape in path_shapes(obj, to_device):
            pts = [(_round(x), _round(y)) for x, y in shape.pts]
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            item = g.box(min(xs), min(ys), max(xs), max(ys))
            item.update(
                object_type=shape.kind,
                pts=[g.point(p) for p in pts],
                linewidth=shape.linewidth,
                stroke=shape.stroke,
                fill=shape.fill,
                evenodd=shape.evenodd,
                white_fill=shape.white_fill,
            )
            self.objects.setdefault(shape.kind, []).append(item)

    def _image(self, obj: Any, to_device: Matrix) -> None:
        left, bottom, right, top = _bounds(obj)
        corners = [apply(to_device, x, y) for x in (left, right) for y in (bottom, top)]
        xs = [_round(p[0]) for p in corners]
        ys = [_round(p[1]) for p in corners]
        item = self.geometry.box(min(xs), min(ys), max(xs), max(ys))
        item["object_type"] = "image"
        self.objects.setdefault("image", []).append(item)

    # ------------------------------------------------------------------ characters

    def read_chars(self, textpage: Any) -> None:
        """pdfplumber's char dicts, each filed under its text object, then in stream order."""
        g = self.geometry
        to_device = g.to_device
        ox = ctypes.c_double()
        oy = ctypes.c_double()
        styles: dict[int, _Style] = {}
        last: dict[str, Any] | None = None
        last_at: tuple[int, float, float] | None = None
        for i in range(pdfium_c.FPDFText_CountChars(textpage)):
            if pdfium_c.FPDFText_IsGenerated(textpage, i):
                continue
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            if code == 2 and pdfium_c.FPDFText_IsHyphen(textpage, i) == 1:
                code = 0x2D  # pdfium marks a hyphen at a line end with a control character
            if code == 0 or pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1:
                raise Unreadable("characters without unicode")
            obj = pdfium_c.FPDFText_GetTextObject(textpage, i)
            key = ctypes.addressof(obj.contents) if obj else 0
            text_object = self._texts.get(key)
            if text_object is None:
                raise Unreadable("a character outside the page's text objects")
            pdfium_c.FPDFText_GetCharOrigin(textpage, i, ox, oy)
            text = chr(code)
            at = (key, ox.value, oy.value)
            if last is not None and at == last_at and last["text"].strip():
                last["text"] += text  # one glyph, several characters (a ligature)
                continue
            style = styles.get(key)
            if style is None:
                style = styles[key] = self._style(textpage, i, obj)
            a, b, c, d = style.matrix
            x, y = apply(to_device, ox.value, oy.value)
            x, y = _round(x), _round(y)
            adv = self.width(style, code, text)
            low, high = style.low, style.high
            xs = (c * low, a * adv + c * low, a * adv + c * high, c * high)
            ys = (d * low, b * adv + d * low, b * adv + d * high, d * high)
            y0, y1 = y + min(ys), y + max(ys)
            char = g.box(x + min(xs), y0, x + max(xs), y1)
            char.update(
                object_type="char",
                text=text,
                fontname=style.facts.fontname,
                size=y1 - y0,
                adv=adv,
                upright=style.upright,
                matrix=(a, b, c, d, x, y),
            )
            text_object.chars.append(char)
            last, last_at = char, at
        self.objects["char"] = [ch for t in self._texts.values() for ch in t.chars]

    def _style(self, textpage: Any, index: int, obj: Any) -> _Style:
        """What all characters of one text object share: font, size and text matrix."""
        size = ctypes.c_float()
        pdfium_c.FPDFTextObj_GetFontSize(obj, size)
        fontsize = _round(size.value)
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        facts = self.font(font)
        m = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFText_GetMatrix(textpage, index, m)
        a, b, c, d, _, _ = multiply((m.a, m.b, m.c, m.d, 0.0, 0.0), self.geometry.to_device)
        matrix = (round(a, 6), round(b, 6), round(c, 6), round(d, 6))
        low = facts.descent * fontsize
        return _Style(
            font=ctypes.addressof(font.contents) if font else 0,
            handle=font,
            facts=facts,
            fontsize=fontsize,
            matrix=matrix,
            low=low,
            high=low + fontsize,
            upright=matrix[0] * matrix[3] > 0 and matrix[1] * matrix[2] <= 0,
        )

    def font(self, font: Any) -> FontFacts:
        key = _address(font)
        known = self._fonts.get(key)
        if known is not None:
            return known
        length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(max(length, 1))
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
        candidates = self.facts.get(buffer.value, [])
        shown = candidates[0].basefont if candidates else display_name(buffer.value)
        if not candidates:
            raise Unreadable(f"font {shown!r} not among the page's resources")
        first = candidates[0]
        if any(not _same_boxes(f, first) for f in candidates[1:]):
            raise Unreadable(f"two fonts named {shown!r}")
        if first.problem:
            raise Unreadable(first.problem)
        if not first.composite and any(f.composite for f in candidates):
            first = replace(first, composite=True)  # judge unread text by the stricter one
        self._fonts[key] = first
        return first

    def width(self, style: _Style, code: int, text: str) -> float:
        """The glyph's advance at the object's font size, as pdfminer measures it."""
        widths = style.facts.widths
        if widths is not None:
            return widths.get(text, widths[""]) * style.fontsize
        key = (style.font, code)
        known = self._widths.get(key)
        if known is None:
            out = ctypes.c_float()
            pdfium_c.FPDFFont_GetGlyphWidth(style.handle, code, ctypes.c_float(1000.0), out)
            known = self._widths[key] = round(out.value, 3) / 1000.0
        return known * style.fontsize

    # ------------------------------------------------------------------ text pdfium skipped

    def check_unread_text(self) -> None:
        """Text objects pdfium did not read must hold only blanks, as pdfminer reads them."""
        blank: Point | None = None
        for text_object in self._texts.values():
            if text_object.chars:
                continue
            obj = text_object.handle
            font = pdfium_c.FPDFTextObj_GetFont(obj)
            box = _bounds(obj)
            if box[2] - box[0] < _SIZE_EPSILON:
                # No glyph outline: blank glyphs, or a composite font whose program is missing
                # (pdfium then has advances but no outlines: turned text is as wide as nothing)
                if self.font(font).composite and not pdfium_c.FPDFFont_GetIsEmbedded(font):
                    shown = self.font(font).basefont
                    raise Unreadable(f"text in a font pdfium cannot draw ({shown})")
            elif self._drawn_twice(text_object, box):
                raise Unreadable("text drawn twice over itself")
            if blank is None:
                blank = apply(text_object.to_device, box[0], box[1])
        if blank is not None and not self.objects["char"]:
            # pdfminer would see the page's spaces: the page has text, only none to read
            self.objects["char"] = [self._blank(blank)]

    def _drawn_twice(self, text_object: _TextObject, box: Box) -> bool:
        """pdfium reads text printed again over itself once (a bold made by overprinting),
        pdfminer twice. Otherwise an unread object held spaces after a space (pdfium keeps
        one space of a run)."""
        obj = text_object.handle
        if any(_same_text_object(obj, box, other) for other in text_object.before):
            return True
        # pdfium also drops a character drawn within 7% of the size of the same one
        matrix = object_matrix(obj)
        x, y = apply(text_object.to_device, matrix[4], matrix[5])
        for other in self._texts.values():
            if other.font != text_object.font:
                continue
            for ch in other.chars:
                near = 0.07 * ch["size"]
                if abs(ch["matrix"][4] - x) < near and abs(ch["matrix"][5] - y) < near:
                    return True
        return False

    def _blank(self, at: Point) -> dict[str, Any]:
        """A stand-in for the spaces pdfium did not report, so the page is not taken for blank."""
        char = self.geometry.box(at[0], at[1], at[0], at[1])
        char.update(
            object_type="char",
            text=" ",
            fontname="",
            size=0.0,
            adv=0.0,
            upright=True,
            matrix=(1.0, 0.0, 0.0, 1.0, at[0], at[1]),
        )
        return char


def _same_boxes(one: FontFacts, other: FontFacts) -> bool:
    """Two fonts of one name that give the same character boxes."""
    return (
        abs(one.descent - other.descent) < 0.002
        and one.widths == other.widths
        and one.problem == other.problem
    )


def _bounds(obj: Any) -> Box:
    """The object's box in its holder's space (the page's, or its form's)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return (left.value, bottom.value, right.value, top.value)


def _same_text_object(obj: Any, box: Box, other: Any) -> bool:
    """pdfium skips a text object drawn over one of the last few in the same font and size,
    their boxes overlapping by half (CPDF_TextPage::IsSameTextObject)."""
    if _address(pdfium_c.FPDFTextObj_GetFont(obj)) != _address(pdfium_c.FPDFTextObj_GetFont(other)):
        return False
    size = ctypes.c_float()
    other_size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(obj, size)
    pdfium_c.FPDFTextObj_GetFontSize(other, other_size)
    if size.value != other_size.value:
        return False
    left, bottom, right, top = _bounds(other)
    overlap = min(box[2], right) - max(box[0], left)
    if overlap <= 0 or min(box[3], top) <= max(box[1], bottom):
        return False
    return abs(overlap - (box[2] - box[0])) <= (box[2] - box[0]) / 2


def _actual_text(obj: Any) -> bool:
    """Marked as spelled otherwise (ActualText): pdfium reads that spelling, pdfminer the glyphs."""
    for i in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, i)
        if not mark or pdfium_c.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") <= 0:
            continue
        length = ctypes.c_ulong()
        pdfium_c.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", None, 0, length)
        buffer = ctypes.create_string_buffer(length.value)
        words = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        pdfium_c.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", words, length, length)
        if buffer.raw.decode("utf-16-le", "replace").strip("\x00 \t\r\n\xa0\u3000"):
            return True
    return False
