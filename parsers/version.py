"""The reader's version: a stored document read by another version is read again."""

# 4: tables known by role, PDFs read with pdfium by default (as pdfminer would read them)
# 7: OCR of scanned pages (confidence on what OCR read), amounts in item headings
# 8: a short numbered sentence is a paragraph, not a heading
# 9: damaged PDF pages said and listed, rows past 100 cells cut, figures of any length
# 10: a text dump's tables with cells split by spaces listed as not read, with why
# 11: a label in a merged 部门代码+名称 cell names its row; units under their department by
#     code; a single list's 类/款/项 nested by code
# 12: wrapped prose measured against the text block without its running header, an
#     amount cut from its unit by a line break joined, a page of indented items kept apart,
#     whether a paragraph goes on read off its last printed line
# 13: OCR of ruled tables: each cell's lines recognised without text detection
# 14: OCR of ruled tables: a cell's lines recognised at 32 px high instead of 48
PARSER_VERSION = "14"
