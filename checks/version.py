"""The checks' version: stored findings made by another version are computed again."""

# 3: reasons in both languages, refs as addresses, comparisons counted per rule
# 8: wording rules T6–T16; K4 reads headings, table titles and row names
# 10: the report names each number of the text compared, and what it was compared with
CHECKS_VERSION = "10"
