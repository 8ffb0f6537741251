"""Image-only PDFs made from the samples' pages, as a scanner would make them."""

from __future__ import annotations

import io

import pypdf
import pypdfium2

SCAN_DPI = 180  # a common scanner setting; the reader renders at its own resolution


def scanned(source: bytes, numbers: list[int], dpi: int = SCAN_DPI) -> bytes:
    """Pages `numbers` (from 1) of `source` as grayscale JPEG pictures, one per page."""
    pdf = pypdfium2.PdfDocument(source)
    images = [pdf[n - 1].render(scale=dpi / 72).to_pil().convert("L") for n in numbers]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out.getvalue()


def extracted(source: bytes, numbers: list[int]) -> bytes:
    """Pages `numbers` of `source` with their text layer, for the reference reading."""
    reader = pypdf.PdfReader(io.BytesIO(source))
    writer = pypdf.PdfWriter()
    for number in numbers:
        writer.add_page(reader.pages[number - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
