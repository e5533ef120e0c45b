"""Pure: whether a text or markdown source has the shape of prose: words between spaces, paragraphs between line
breaks. A tester's 600 KB without a space was published as six passages of up to 230,000 characters, and 600 KB of
words on one line as 843 passages under no headline: both are junk a member would be shown. And what to do with a
source whose bytes are not UTF-8."""

from __future__ import annotations

import re
from pathlib import Path

from rag.corpus.issue_toml import shell_word

RUN = 200  # characters without a space: the longest word or link of the two issues is 117 (a markdown link)
RUN_SHARE = 0.1  # share of the text in such runs above which it is not prose (one long link is let through)
LINE = 20_000  # characters in one line: about 3,000 words, longer than any paragraph (the issues' longest: 670)

COLUMNS_SHARE = 0.1  # share of lines holding columns side by side (pdftotext -layout) above which it is refused
_RUNS = re.compile(r"\S{%d,}" % RUN)
_GAP = re.compile(r"\S {3,}\S")
_TWO_SIDES = re.compile(r"\S+ \S+ {3,}\S+ \S+")
_WORDY = re.compile(r"\w")
_LEADERS = re.compile(r"([^\w\s])\1{19,}")  # a leader of dots, a rule of ====: written as three by the parsers
# An image embedded as data in markdown: inline, ![alt](data:...), or a reference definition on a line of its own,
# [image1]: <data:...> (Google Docs' markdown export). Never text: a tester's export had its base64 in a passage.
_EMBEDDED = re.compile(r"!\[[^\]\n]{0,1000}\]\(\s*<?data:[^)\s>]*>?\s*\)|^ {0,3}\[[^\]\n]{1,999}\]:[ \t]*<?data:[^\s>]*>?[ \t]*$",
                       re.M | re.I)


def drop_embedded_images(text: str) -> str:
    """Pure: text without images embedded as data (see _EMBEDDED).

    Example: 'Pay ![](data:image/png;base64,iVBO) rise' -> 'Pay  rise'
    """
    return _EMBEDDED.sub("", text) if "data:" in text.lower() else text


def _line_of(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def shape_problem(text: str) -> str:
    """What is wrong with a source's text as prose, with what to do ("" when nothing is)."""
    runs = [m for m in _RUNS.finditer(text) if _WORDY.search(m.group())]  # a leader of dots or a rule of ==== is no text
    held = sum(m.end() - m.start() for m in runs)
    if runs and held > RUN_SHARE * len(text):
        first = runs[0]
        data = "data:" in text[first.start():first.end()]
        why = ("images embedded in it as data (data:...): export it again without embedding images, or delete those "
               "lines" if data else "its spaces were lost in an export, or it is encoded data, not the issue's text: "
               "export the issue again as plain text, markdown or a PDF")
        return (f"holds {held:,} characters ({held / len(text):.0%} of it) in runs of {RUN} or more without a space, "
                f"the first at line {_line_of(text, first.start())} ({first.group()[:40]!r}...), which no member "
                f"can read: {why}")
    start, longest = 0, (0, 0)
    for line in _LEADERS.sub(r"\1\1\1", text).split("\n"):
        longest = max(longest, (len(line), -start))
        start += len(line) + 1
    if longest[0] > LINE:
        return (f"has a line of {longest[0]:,} characters (line {_line_of(text, -longest[1])}; a paragraph is rarely "
                f"over 3,000): its line breaks were lost, so its articles, headlines and paragraphs cannot be told "
                "apart: export the issue again with its line breaks (from a PDF: pdftotext IN.pdf OUT.txt), or put "
                "a blank line between paragraphs and each headline on a line of its own")
    return _side_by_side(text)


def _side_by_side(text: str) -> str:
    """Columns set side by side on each line, as `pdftotext -layout` writes a page: read line by line, a tester's
    3-column issue so extracted was published as 5 articles, one of 7,074 words whose sentences ran across its columns
    ("the trade union movement, with NHS Alliance: NHS Strategy"). Over COLUMNS_SHARE of the lines (20 or more) holding
    text, a gap of three or more spaces, then text; table rows (|) aside. The two issues: 1 line of 2,583, and none."""
    lines = [(n, ln.strip()) for n, ln in enumerate(text.split("\n"), 1) if ln.strip() and "|" not in ln]
    sides = [(n, ln) for n, ln in lines if _GAP.search(ln)]
    if len(sides) < 20 or len(sides) <= COLUMNS_SHARE * len(lines):
        return ""
    n, first = next(((n, ln) for n, ln in sides if _TWO_SIDES.search(ln)), sides[0])  # columns, not a spaced title
    shown = re.sub(" {3,}", "   ", first)[:60]
    return (f"has {len(sides):,} lines ({len(sides) / len(lines):.0%} of its lines) holding text side by side with "
            f"spaces between (line {n}: {shown!r}...), as `pdftotext -layout` writes a page's columns: read line by "
            "line, the columns would run into each other: extract the text again without -layout (pdftotext IN.pdf "
            "OUT.txt), or point source at the PDF itself")


_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,1000}\])?")  # with its address
_WORD = re.compile(r"[^\W\d_]{2,}")


def no_text(text: str) -> str:
    """Pure: what to say of a text or markdown source that gave no article. An issue of page images was told to
    "check that it holds the issue's text", which it did not."""
    images = len(_IMAGE.findall(text))
    words = len(_WORD.findall(_IMAGE.sub("", text)))
    if images:
        return (f"it holds {images} image{'s' if images > 1 else ''} and {words} word{'s' if words != 1 else ''} of "
                "text, and the archive reads text, not pictures: if the pages are images, ask for the issue's text "
                "or PDF, or run OCR on the page images, and point source at the result")
    return (f"it holds {words} word{'s' if words != 1 else ''} and nothing the parser reads as an article (a "
            "headline with text under it): check that it holds the issue's text")


def not_utf8(path: Path, data: bytes, e: UnicodeDecodeError) -> str:
    """What to do with a source that does not decode: a UTF-8 file cut short or damaged was sent to iconv -f cp1252,
    which would turn each of its curly quotes into three characters (a tester's find)."""
    if e.end >= len(data) and e.reason == "unexpected end of data":
        return (f"{path} ends in the middle of a character, so it was cut short (an interrupted copy or download?): "
                "copy the issue's file again")
    if any(b >= 0x80 for b in data[:e.start]):  # characters beyond ASCII before it read as UTF-8
        near = data[max(0, e.start - 40):e.start].decode("utf-8", "replace").split("\n")[-1]
        return (f"{path} is UTF-8 up to byte {e.start}, where it holds bytes that are not (after {near!r}): the file "
                "is damaged there; copy it again, or correct the text at that place (do not convert the whole file)")
    byte = data[e.start:e.start + 1]
    near = (data[max(0, e.start - 30):e.start].decode("ascii", "replace").splitlines() or [""])[-1]
    return (f"{path} is not UTF-8 (byte {e.start}, {byte!r} after {near!r}, which Windows-1252 reads as "
            f"{byte.decode('cp1252', 'replace')!r}): re-save it as UTF-8, e.g. {iconv('cp1252', path)}")


def iconv(encoding: str, path) -> str:
    """The whole command that re-saves path as UTF-8: "iconv -f cp1252 -t utf-8" alone, as it was given, waited on the
    terminal for input (a tester's find)."""
    src, out = shell_word(path), shell_word(f"{path}.utf8")
    return f"iconv -f {encoding} -t utf-8 {src} > {out} && mv {out} {src}"
