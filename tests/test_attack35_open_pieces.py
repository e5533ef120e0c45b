"""Tester 35: an issue of short pieces, each after a blank line and none ending a sentence ("and the pay of managers"
8,000 times: 200 KB), joined each piece to a paragraph read whole at every join: 107 s as markdown, 43 s as text (a
megabyte, under the text limit: some 45 and 18 minutes), holding the build lock. Only the paragraph's end is read."""

from __future__ import annotations

import time

import pytest

from rag.corpus.parse_markdown import parse_markdown
from rag.corpus.parse_text import parse_text

_PROSE = "The pay rise for managers is three percent this year, the union said in a statement on Monday. " * 20
_PIECES = 8_000


@pytest.mark.parametrize("parse, heading", [(parse_markdown, "# "), (parse_text, "")])
def test_thousands_of_pieces_ending_no_sentence_are_joined_in_seconds(parse, heading):
    text = (f"{heading}Healthcare Manager issue 69\n\n{heading}The headline of it\n\n{_PROSE}\n\n"
            + "and the pay of managers\n\n" * _PIECES + f"\n\n{_PROSE}\n")
    started = time.monotonic()
    articles = parse(text, "2026-autumn-69")
    assert time.monotonic() - started < 20  # was 107 s (markdown), 43 s (text)
    joined = " ".join(p.text for a in articles for p in a.paragraphs)
    assert joined.count("and the pay of managers") == _PIECES  # every piece is kept, in one paragraph
