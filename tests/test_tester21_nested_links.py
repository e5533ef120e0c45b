"""A markdown link inside another link's text is read as text too: "[the [review](a) body](b)" left
"the [review body](b)" in the stored passage, address and brackets included (a tester's find)."""

import time

from rag.corpus.parse_markdown import parse_markdown


def _text(body: str) -> str:
    return " ".join(p.text for a in parse_markdown("# Pay award\n\n" + body + "\n", "x") for p in a.paragraphs)


def test_a_link_inside_a_link_is_its_text():
    assert _text("Managers met [the [review](http://a) body](http://b) about pay. Done.") == (
        "Managers met the review body about pay. Done.")
    assert _text("A [![badge](x.png)](http://y) and [[[x](a)](b)](c) end.") == "A and x end."


def test_a_line_of_brackets_is_still_read_at_once():
    started = time.monotonic()
    assert _text("[" * 20_000 + "](" * 10_000 + " [the guide](https://e.org/g).").endswith("the guide.")
    assert time.monotonic() - started < 10  # each of the (at most 4) passes reads the line once
