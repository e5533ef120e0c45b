"""Tester 35: lines each ending in a hyphen ("pay-" on 40,000 lines, 200 KB of markdown) were joined into one word of
120,000 letters, each join searching that word whole: over 2 minutes holding the build lock (a megabyte, under the
text limit: some 40 minutes), and the word published in a passage."""

from __future__ import annotations

import time

from rag.corpus.parse_markdown import parse_markdown

_PROSE = "The pay rise for managers is three percent this year, the union said in a statement on Monday. " * 20


def _longest_word(lines: int) -> tuple[int, float]:
    text = (f"# Healthcare Manager issue 69\n\n# The headline of it\n\n{_PROSE}\n\n" + "pay-\n" * lines
            + f"\n\n{_PROSE}\n")
    started = time.monotonic()
    articles = parse_markdown(text, "2026-autumn-69")
    took = time.monotonic() - started
    return max(len(w) for a in articles for p in a.paragraphs for w in p.text.split()), took


def test_a_word_joined_across_hyphened_line_ends_stops_growing():
    longest, _ = _longest_word(6_000)  # was one word of 18,000 letters
    assert longest < 2_100


def test_forty_thousand_hyphened_lines_are_read_in_seconds():
    _, took = _longest_word(40_000)  # was over 2 minutes
    assert took < 30


def test_a_word_split_at_the_end_of_a_long_paragraph_is_still_joined():
    from collections import Counter

    from rag.corpus.cleaning import join_lines

    long = "The managers said so. " * 150 + "man-"  # 3,300 characters: a hyphen join was bounded by the line's length
    assert join_lines([long, "agers are paid"], Counter({"managers": 3})).endswith("said so. managers are paid")
