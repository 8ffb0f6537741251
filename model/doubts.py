"""Which findings rest on something OCR was unsure of: it may be misread, not wrong."""

from __future__ import annotations

from budget_review.model.document import Document
from budget_review.model.findings import Finding, Ref


class Doubts:
    """The document's low-confidence figures and claims, looked up by a finding's refs."""

    def __init__(self, doc: Document) -> None:
        self.figures = {
            figure.key
            for table in doc.tables
            for figure in table.figures()
            if figure.where.uncertain
        }
        self.claims = {c.key for c in doc.claims if c.key and c.where.uncertain}
        # Wording read by OCR: which of two look-alike characters, or of a full- and a
        # half-width mark, was printed is exactly what OCR cannot be sure of.
        self.paragraphs: set[str] = set()
        self.pages: set[tuple[int, int]] = set()
        for section in doc.sections:
            if section.where.confidence is not None and section.where.page is not None:
                self.pages.add((section.where.part, section.where.page))
            for index, where in enumerate(section.paragraph_where):
                if where.confidence is not None:
                    self.paragraphs.add(section.paragraph_key(index))
                    if where.page is not None:
                        self.pages.add((where.part, where.page))
        self.read_by_ocr = bool(self.pages) or any(
            figure.where.confidence is not None
            for table in doc.tables
            for figure in table.figures()
        )

    def __bool__(self) -> bool:
        """Whether anything in the document was read by OCR, and so may be in doubt."""
        return self.read_by_ocr

    def of(self, ref: Ref) -> bool:
        if ref.key is not None:
            return ref.key in self.figures
        if ref.at.claim is not None:
            return ref.at.claim in self.claims
        if ref.at.field == "text":
            if ref.at.paragraph is not None and ref.at.paragraph in self.paragraphs:
                return True
            return ref.page is not None and (ref.part, ref.page) in self.pages
        return False

    def any(self, finding: Finding) -> bool:
        return any(self.of(ref) for ref in finding.refs)
