"""The checks' version: stored findings made by another version are computed again."""

# 3: reasons in both languages, refs as addresses, comparisons counted per rule
# 8: wording rules T6–T16; K4 reads headings, table titles and row names
# 10: the report names each number of the text compared, and what it was compared with
# 11: a group's 小计 (基本支出/小计) is the column the group's name asks for
# 12: 其他相关说明 found under the headings of its items; K5 names the part in English
# 13: T17, a name printed twice in a row
CHECKS_VERSION = "13"
