"""Stage 1, issue files -> articles: find issue folders and their issue.toml, parse each kind of source
(raw text, markdown, PDF with its layout), clean the text, and report what the parse understood.

Takes: a folder under corpus/. Gives: an `Issue` and its `Article`s with pages and paragraphs (rag.types).
Imports only rag's top-level helpers; nothing here writes anything.
"""
