"""How a quoted sentence is shown: in quote marks, its own quotation nested, followed by its [n] marker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

# Words a member's question quotes, in straight or curly double quotes (3 to 300 characters)
QUOTED_SPAN = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,300})[\"\u201d]")


@dataclass(frozen=True)
class Quote:
    text: str  # a sentence of a passage, verbatim apart from markdown and bracketed numbers
    n: int  # its passage's number in the prompt (hit position + 1)


_INNER = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019", '"': "'"})
_WHOLE = re.compile(r'^[\u201c"]([^\u201c\u201d"]+)[\u201d"]$')


def _unpaired_marks_dropped(text: str) -> str:
    """Without the quotation mark a sentence cut from a longer quotation keeps alone: the closing mark of a quotation
    opened sentences before ('...covered by Agenda for Change."'), or the opening mark of one that goes on."""
    t = text.strip()
    opens, closes = t.count("\u201c"), t.count("\u201d")
    straight = t.count('"')
    if t.endswith(("\u201d", '"')) and (closes > opens if t.endswith("\u201d") else straight % 2):
        return _unpaired_marks_dropped(t[:-1])
    if t.startswith(("\u201c", '"')) and (opens > closes if t.startswith("\u201c") else straight % 2):
        return _unpaired_marks_dropped(t[1:])
    return t


def quoted(text: str) -> str:
    """A passage's sentence in quote marks, its own quotation nested in single marks, never a doubled mark, and
    never a mark left unpaired by cutting the sentence from a longer quotation.

    Example: 'Jon said: \u201cCuts are reckless.\u201d' -> '"Jon said: \u2018Cuts are reckless.\u2019"'
    """
    text = _unpaired_marks_dropped(text)
    whole = _WHOLE.match(text)
    return f'"{whole.group(1) if whole else text.translate(_INNER)}"'


def format_quotes(quotes: Sequence[Quote]) -> str:
    """'"Pay rose 3%." [1] "It was backdated." [2]'"""
    return " ".join(f"{quoted(q.text)} [{q.n}]" for q in quotes)
