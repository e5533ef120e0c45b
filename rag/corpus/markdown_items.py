"""Markdown extracted from a magazine PDF, read as typed items (headings, paragraphs, list items, their
style), and the magazine's contents list split off from them. Pure."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from rag.corpus.cleaning import clean_inline, join_lines
from rag.markdown_links import link_texts

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_DROP_CAP = re.compile(r"^\*\*([\"“‘]?[A-Z])\*\*(?=\w)")
_CONTENTS = re.compile(r"^(.*?)\.{3,}\s*(\d+)\s*$")
_QUOTES = "\"“”‘’'"


@dataclass
class Item:
    kind: str  # "h" heading or "p" paragraph
    text: str
    level: int = 0
    style: str = "body"  # body | bold | italic | item | dropcap


@dataclass
class Contents:
    sections: list[tuple[str, int]] = field(default_factory=list)  # (name, first page)
    entries: list[tuple[str, int]] = field(default_factory=list)  # (label + description, page)


# By reference: an image ![alt][ref] or ![ref] (gone), a link [text][ref] (its text), and the definitions they name,
# [ref]: address, each a line of its own that CommonMark never shows. A Google Docs export left "image1]" in a passage.
_REF_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\](?:\[[^\]\n]{0,1000}\])?(?!\()")
_REF_LINK = re.compile(r"\[([^\]\n]{1,1000})\]\[[^\]\n]{0,1000}\]")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]{1,999}\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$")


def _inline(text: str) -> str:
    text = _REF_LINK.sub(r"\1", _REF_IMAGE.sub("", text)) if "][" in text or "![" in text else text
    for _ in range(4):  # a link's text stays, its address and any image go; a link inside a link's text
        text, before = link_texts(text), text  # ("[the [review](a) body](b)") is read by the next pass: once,
        if text == before:  # it left "the [review body](b)" in the passage (a tester's find)
            break
    text = _DROP_CAP.sub(r"\1", text)
    return clean_inline(text.replace("**", "").replace("*", ""))


def _style(raw: str) -> str:
    core = raw.strip().strip(_QUOTES).strip()
    if _DROP_CAP.match(raw.strip().lstrip(_QUOTES)) or _DROP_CAP.match(raw.strip()):
        return "dropcap"
    if core.startswith("**") and core.endswith("**"):
        return "bold"
    if core.startswith("*") and core.endswith("*"):
        return "italic"
    return "body"


def read_items(text: str, vocab: Counter) -> list[Item]:
    """Markdown -> headings, paragraphs and list items, inline markup removed."""
    items: list[Item] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [ln.rstrip() for ln in block.strip("\n").splitlines() if ln.strip() and not _DEFINITION.match(ln)]
        if not lines:
            continue
        if _is_table(lines):  # a pipe table was one paragraph of pipes and dashes ("| Band | Pay | | :--- | ...")
            items += [Item("p", ": ".join(_inline(c) for c in row)) for row in _rows(lines)]
            continue
        para: list[str] = []

        def flush() -> None:
            if para:
                raw = " ".join(p.strip() for p in para)
                joined = join_lines([_inline(p) for p in para], vocab)
                if joined:
                    items.append(Item("p", joined, style=_style(raw)))
                para.clear()

        for line in lines:
            h = _HEADING.match(line.strip())
            if h:
                flush()
                items.append(Item("h", _inline(h.group(2)), level=len(h.group(1))))
            elif re.match(r"^\s*[-*]\s+", line):
                flush()
                body = re.sub(r"^\s*[-*]\s+(?:»\s*)?", "", line)
                items.append(Item("p", _inline(body), style="item"))
            else:
                para.append(line)
        flush()
    return items


_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _is_table(lines: list[str]) -> bool:
    """A GitHub-style pipe table: a header row, a row of dashes under it, every line holding a pipe."""
    return len(lines) >= 2 and bool(_DELIMITER_ROW.match(lines[1])) and "|" in lines[1] and all("|" in ln for ln in lines)


def _rows(lines: list[str]) -> list[list[str]]:
    """A pipe table's rows (the row of dashes left out), each a list of its non-empty cells."""
    rows = []
    for line in (ln for k, ln in enumerate(lines) if k != 1):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        rows += [[c.replace("\\|", "|") for c in cells if c]] if any(cells) else []
    return rows


def one_title_over_articles(items: list[Item]) -> list[Item]:
    """A file with one top-level heading (the issue's title) over several next-level ones (its articles): those
    are raised to the top level, where the parser looks for articles; deeper headings rise with them. Otherwise
    the whole issue would read as one article under its title. Files with several top-level headings (the
    magazine's own markdown) are returned as they are. A file without a "#" heading is read as if its highest
    heading level were "#".

    Example: "# Spring 2030 / ## Pay award / ## Flexible working" -> three top-level headings.
    """
    levels = [it.level for it in items if it.kind == "h"]
    if not levels:
        return items
    top = min(levels)
    if top > 1:  # no "#" heading (an export starting at "##"): every article after the first was read as its subhead
        items = [replace(it, level=it.level - top + 1) if it.kind == "h" else it for it in items]
        levels, top = [lv - top + 1 for lv in levels], 1
    below = sorted(lv for lv in levels if lv > top)
    if levels.count(top) != 1 or levels[0] != top or len(below) < 2 or below.count(below[0]) < 2:
        return items
    step = below[0] - top
    return [replace(it, level=it.level if it.level == top else max(top, it.level - step)) if it.kind == "h" else it
            for it in items]


def split_contents(items: list[Item]) -> tuple[list[Item], Contents]:
    """Find the dot-leader contents list, parse it, and remove it from the items."""
    rows = [i for i, it in enumerate(items) if it.kind == "p" and _CONTENTS.match(it.text)]
    contents = Contents()
    if not rows:
        return items, contents
    start = rows[0]
    while start > 0 and items[start - 1].kind == "h":
        start -= 1  # the section heading above the first entry ("## heads up")
    section = ""
    for it in items[start : rows[-1] + 1]:
        if it.kind == "h":
            section = it.text.lower()
            continue
        m = _CONTENTS.match(it.text)
        if m:
            page = int(m.group(2))
            if not contents.sections or contents.sections[-1][0] != section:
                contents.sections.append((section, page))
            contents.entries.append((m.group(1), page))
    return items[:start] + items[rows[-1] + 1 :], contents
