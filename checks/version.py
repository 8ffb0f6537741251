"""The checks' version: stored findings made by another version are computed again."""

# 3: reasons in both languages, refs as addresses, comparisons counted per rule
CHECKS_VERSION = "7"
