"""Pure: HTML inside a markdown issue read as the text a browser shows. Markdown allows raw HTML, and an export or a
hand edit brings it (`<br>`, `<div>`, tables, `&amp;`); a tester's issue had its tags, an editor's `<!-- TODO: check
figures with Jon before print -->` comment and a `<script>` published in the passages, and `&pound;50,952` for
£50,952."""

from __future__ import annotations

import html
import re

# Where a comment, script, style or template opens; each runs to its first closer. Matched as one pattern
# (r"<!--.*?-->|<(script|...)>.*?</\1\s*>") every opener without a closer was searched to the end of the text: 1 MB
# of "<!-- x " took some 16 minutes to ingest, holding the build lock (a tester's find).
_HIDDEN_OPENS = re.compile(r"<!--|<(script|style|template)\b[^>]{0,500}>", re.I)
_HEADING = re.compile(r"<h([1-6])\b[^<>]{0,500}>(.{0,500}?)</h\1\s*>", re.S | re.I)
_CELL_TO_CELL = re.compile(r"</t[dh]\s*>\s*<t[dh]\b[^<>]{0,500}>", re.I)
_ITEM = re.compile(r"<li\b[^<>]{0,500}>", re.I)
_LINE = re.compile(r"<br\b[^<>]{0,100}>", re.I)
_BLOCK_END = re.compile(r"</(?:p|div|tr|li|table|thead|tbody|ul|ol|blockquote|details|summary|section|article|"
                        r"header|footer|figure|figcaption|center)\s*>|<(?:p|div|table|hr)\b[^<>]{0,500}>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,1000})?/?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAYBE = re.compile(r"<[A-Za-z!/]|&#?[A-Za-z0-9]{1,31};")


def html_to_text(text: str) -> str:
    """Markdown with raw HTML -> markdown: comments, scripts and styles gone; headings as `#` headings; paragraphs,
    rows and list items on lines of their own, a row's cells joined by a colon (as the raw text's tables are);
    every other tag gone, its text kept; entities as their characters. Text without HTML is returned as it is.

    Example: '<p>Pay rose &amp; <b>fast</b></p><!-- check -->' -> '\\n\\nPay rose & fast\\n\\n'
    """
    if not _MAYBE.search(text):
        return text
    text = _drop_hidden(text)
    text = _HEADING.sub(lambda m: f"\n\n{'#' * int(m.group(1))} {' '.join(m.group(2).split())}\n\n", text)
    text = _CELL_TO_CELL.sub(": ", text)
    text = _ITEM.sub("\n- ", text)
    text = _LINE.sub("\n", text)
    text = _BLOCK_END.sub("\n\n", text)
    text = _TAG.sub("", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group()).replace("\u00a0", " "), text)


def _drop_hidden(text: str) -> str:
    """Text without its comments, scripts, styles and templates (each to its first closer); an opener without a
    closer stays as written. Linear: once no closer of a kind follows one opener, none follows a later one."""
    out, pos, unclosed = [], 0, {}
    for m in _HIDDEN_OPENS.finditer(text):
        if m.start() < pos:
            continue  # inside what was just dropped
        kind = (m.group(1) or "!--").lower()
        if m.start() >= unclosed.get(kind, len(text) + 1):
            continue
        closer = re.compile("-->" if kind == "!--" else rf"</{kind}\s*>", re.I).search(text, m.end())
        if closer is None:
            unclosed[kind] = m.start()
            continue
        out.append(text[pos:m.start()])
        pos = closer.end()
    return "".join(out) + text[pos:]
