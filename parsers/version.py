"""The reader's version: a stored document read by another version is read again."""

# 3: tables carry their role, warnings both languages, paragraphs and claims their keys
PARSER_VERSION = "3"
