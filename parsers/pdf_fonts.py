"""What pdfminer knows about a page's fonts, found by the names pdfium gives them.

pdfium reports a font's size and advance widths as pdfminer does, but not its
descent: where the font descriptor says 0 pdfium measures the font program, and
for the standard 14 fonts pdfminer uses Adobe's metrics, not the PDF's. A character
box is baseline plus descent, so the descent is read from the font's dictionary as
pdfminer reads it, through pdfminer's object parser (no content is interpreted).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_SUBSET = re.compile(rb"^[A-Z]{6}\+")
_FORM_DEPTH = 8  # forms inside forms, as deep as anyone draws them


@dataclass(frozen=True)
class FontFacts:
    """A font as pdfminer builds its character boxes."""

    fontname: str  # as pdfminer names it (the descriptor's FontName)
    basefont: str  # as the PDF names it, for messages
    descent: float  # per unit of font size, negative
    # A composite (CID) font: without its font program pdfium has no glyph outlines for it
    # (only advances), and may skip its text as blank.
    composite: bool
    widths: dict[str, float] | None  # Adobe's widths (per unit of size) for a standard 14 font
    problem: str | None = None  # why pdfminer's box cannot be had from pdfium's data


def _aliases(spec: Any, composite: bool) -> set[bytes]:
    """The names pdfium may give this font: it drops the subset tag (ABCDEF+) of a simple
    font, and the CMap suffix (-UniGB-UCS2-H) of a composite one."""
    if not isinstance(spec, dict):
        return {b""}
    name = _name(spec.get("BaseFont"))
    if not composite:
        return {name, _SUBSET.sub(b"", name)}
    suffix = b"-" + _name(spec.get("Encoding"))
    names = {name}
    if len(suffix) > 1 and name.endswith(suffix):
        names.add(name[: -len(suffix)])
    return names


class FontTable:
    """The fonts of one document, from the resources of each page (and of its forms)."""

    def __init__(self) -> None:
        self._facts: dict[int, tuple[set[bytes], FontFacts]] = {}  # by object id

    def for_page(self, resources: Any) -> dict[bytes, list[FontFacts]]:
        """Every font the page may use, by each name pdfium may give it."""
        found: dict[bytes, list[FontFacts]] = {}
        for objid, ref in _font_refs(resources, set(), set(), 0):
            names, facts = self._lookup(objid, ref)
            for name in names:
                found.setdefault(name, []).append(facts)
        return found

    def _lookup(self, objid: int | None, ref: Any) -> tuple[set[bytes], FontFacts]:
        from pdfminer.pdftypes import resolve1

        if objid is not None and objid in self._facts:
            return self._facts[objid]  # a font shared by many pages is read once
        entry = _facts(resolve1(ref))
        if objid is not None:
            self._facts[objid] = entry
        return entry


def _font_refs(
    resources: Any, fonts_seen: set[int], forms_seen: set[int], depth: int
) -> Iterator[tuple[int | None, Any]]:
    """(object id, reference) of each font in the resources and in those of their forms."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return
    fonts = resolve1(resources.get("Font"))
    if isinstance(fonts, dict):
        for ref in fonts.values():
            objid = ref.objid if isinstance(ref, PDFObjRef) else None
            if objid is not None and objid in fonts_seen:
                continue
            if objid is not None:
                fonts_seen.add(objid)
            yield objid, ref
    xobjects = resolve1(resources.get("XObject"))
    if depth >= _FORM_DEPTH or not isinstance(xobjects, dict):
        return
    for ref in xobjects.values():
        objid = ref.objid if isinstance(ref, PDFObjRef) else None
        if objid is not None and objid in forms_seen:
            continue
        if objid is not None:
            forms_seen.add(objid)
        xobject = resolve1(ref)
        if isinstance(xobject, PDFStream) and _name(xobject.get("Subtype")) == b"Form":
            if "Resources" in xobject:
                yield from _font_refs(xobject["Resources"], fonts_seen, forms_seen, depth + 1)


def _name(value: Any) -> bytes:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, str):
        return value.encode("utf-8")
    return value if isinstance(value, bytes) else b""


def _facts(spec: Any) -> tuple[set[bytes], FontFacts]:
    """pdfminer's fontname, descent and widths for the font (as PDFResourceManager.get_font
    and the PDFFont classes set them), read from its dictionary alone: building pdfminer's
    font would parse its ToUnicode map and font program, which pdfium has done already."""
    from pdfminer.pdftypes import dict_value, list_value, resolve1

    if not isinstance(spec, dict):
        return {b""}, FontFacts("", "", 0.0, False, None, "a font that is not a dictionary")
    subtype = _name(spec.get("Subtype")) or b"Type1"
    names = _aliases(spec, subtype == b"Type0")
    shown = display_name(max(names, key=len))
    if subtype == b"Type3":
        return names, FontFacts(shown, shown, 0.0, False, None, f"Type3 font {shown!r}")
    try:
        if subtype == b"Type0":
            descendant = dict_value(list_value(spec["DescendantFonts"])[0])
            if "Encoding" in spec:  # the CMap, which says whether the writing is vertical
                descendant = {**descendant, "Encoding": resolve1(spec["Encoding"])}
            spec = descendant
            subtype = b"CIDFontType2"
        cid = subtype in (b"CIDFontType0", b"CIDFontType2")
        widths = None
        descriptor = dict_value(spec.get("FontDescriptor", {}))
        if not cid:
            metrics = _standard_metrics(spec)
            if metrics is not None:
                descriptor, afm_widths = metrics
                widths = {k: float(v) / 1000 for k, v in afm_widths.items()}
                widths[""] = float(descriptor.get("MissingWidth", 0)) / 1000
        elif _vertical(spec):
            return names, FontFacts(shown, shown, 0.0, True, None, f"vertical font {shown!r}")
        descent = float(resolve1(descriptor.get("Descent", 0)) or 0)
    except Exception as exc:  # a broken font dictionary: pdfminer would fail on it too
        problem = f"font {shown!r} unreadable ({exc!r})"
        return names, FontFacts(shown, shown, 0.0, False, None, problem)
    fontname = resolve1(descriptor.get("FontName", "unknown"))
    fontname = _name(fontname).decode("latin-1") if not isinstance(fontname, str) else fontname
    # pdfminer forces a positive descent negative (PScript5 writes it so)
    return names, FontFacts(fontname, shown, -abs(descent) / 1000, cid, widths)


def display_name(name: bytes) -> str:
    """A font name for a message: Chinese font names are often written in GBK."""
    for encoding in ("utf-8", "gb18030"):
        try:
            return name.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name.decode("latin-1")


def _standard_metrics(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """pdfminer measures the standard 14 fonts (and their aliases) with Adobe's metrics."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.psparser import literal_name

    try:
        basefont = literal_name(spec["BaseFont"])
    except KeyError:
        return None
    return FONT_METRICS.get(basefont) if isinstance(basefont, str) else None


def _vertical(spec: dict[str, Any]) -> bool:
    """Vertical writing, by the CMap pdfminer would load (PDFCIDFont.get_cmap_from_spec)."""
    from pdfminer.cmapdb import CMapDB
    from pdfminer.pdffont import PDFCIDFont

    try:
        return bool(CMapDB.get_cmap(PDFCIDFont._get_cmap_name(spec, False)).is_vertical())
    except CMapDB.CMapNotFound:
        return False
