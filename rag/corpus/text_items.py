"""Raw PDF text's paragraphs, with its lists and tables told apart. Pure.

A bullet line ("» the date", "\\t\ufffd the date") is a list item ("- the date"), a line with a tab between its words a
table row ("Stereotypical views\\tFor example, comments that ..."), each with the lines it wraps onto. parse_text keeps a
list in one paragraph with its lead-in (the quoted answers read a list whole: items one sentence each lost three dev
questions' facts, docs/parsing.md) and ends it at its last item; a row is a paragraph of its own. Read as body text, a
list ran on into whatever followed it ("... Anne-Marie Pedley Members elected ...") and the rows of a table into each
other, the cell boundaries lost.

Example: ["Prove:", "\\t» that they were treated less", "favourably; and", "Cause\\tTheir race"] ->
[("Prove:", "body"), ("- that they were treated less favourably; and", "item"), ("Cause: Their race", "row")]
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol, Sequence

from rag.corpus.cleaning import is_terminated, join_lines, strip_bullet

LISTED = frozenset({"item", "row", "list"})  # kinds of paragraph no text after them runs on into, but a lower-case continuation
# A table row: some text, a tab, more text (a tab that only leads the line, or follows a bullet, is no cell boundary).
_ROW = re.compile(r"^[ \u00a0]*([^\s][^\t]*?)[ \u00a0]*\t[\s]*(\S.*)$")
_NUMBERED = re.compile(r"^\s*\d+\. [A-Z]")
_CAPITAL_WORD = re.compile(r"^[A-Z][\w’'-]*$")


class _Lines(Protocol):
    lines: list[str]


def row_cells(line: str) -> tuple[str, str] | None:
    """A table row's first cell and the rest, or None for a line that is not one."""
    m = _ROW.match(line)
    return (m.group(1).strip(), " ".join(m.group(2).replace("\t", " ").split())) if m else None


def row_text(label: str, rest: str) -> str:
    """One row as one line: the label cell, a colon unless it ends in punctuation, the rest.

    Example: ("Irrational treatment", "No explanation given") -> "Irrational treatment: No explanation given"
    """
    return f"{label} {rest}" if re.search(r"[.?!:;,]$", label) else f"{label}: {rest}"


def _name_runs_on(item: str, lines: Sequence[str]) -> bool:
    """True when an open item's name wraps onto the next block's first line ("Reserved seat: Anne-Marie" / "Pedley" /
    "Members elected ..."): the item ends on a capitalised word that is not its first, and the block opens with one
    or two capitalised words alone on their line, with more lines under them."""
    words, first = item.split(), lines[0].split() if lines else []
    return (len(lines) > 1 and len(words) > 1 and not is_terminated(item) and bool(_CAPITAL_WORD.match(words[-1]))
            and 1 <= len(first) <= 2 and all(_CAPITAL_WORD.match(w) for w in first))


def paragraphs(blocks: Sequence[_Lines], vocab: Counter) -> list[tuple[str, str]]:
    """Blocks -> (paragraph, kind): "item" for a bullet line and its wrapped lines, "row" for a table row, "body"."""
    paras: list[tuple[str, str]] = []
    for block in blocks:
        lines = list(block.lines)
        if paras and paras[-1][1] == "item" and _name_runs_on(paras[-1][0], lines):
            paras[-1] = (join_lines([paras[-1][0], lines.pop(0)], vocab), "item")
        out: list[tuple[list[str], str]] = []
        for line in lines:
            body, bullet = strip_bullet(line.replace("\t", " "))
            row = None if bullet else row_cells(line)
            if bullet:
                out.append((["- " + body], "item"))
            elif row:
                out.append(([row_text(*row)], "row"))
            elif not out or _NUMBERED.match(line) and len(line) < 60:
                out.append(([line], "body"))
            else:
                out[-1][0].append(line)
        paras += [(p, kind) for p, kind in ((join_lines(o, vocab), k) for o, k in out) if p]
    return paras
