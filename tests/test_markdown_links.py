"""rag.markdown_links: a markdown link or image is found whole, parentheses in its address included."""

import pytest

from rag.markdown_links import link_texts


@pytest.mark.parametrize("text, plain", [
    ("See [x](https://example.org/a_(b)) now.", "See x now."),
    ("[page](https://en.wikipedia.org/wiki/Foo_(bar)_(baz)) [1].", "page [1]."),
    ("[deep](https://e.org/a_(b_(c))) end", "deep end"),
    ("[x](<https://e.org/a)b>) ok", "x ok"),  # an address in <...> may hold any parenthesis
    ('[x](https://e.org/p "the (1) title") ok', "x ok"),
    ("[x](javascript:alert(1)) ok", "x ok"),  # the address goes whatever it is: only its text stays
    ("(see [the guide](https://e.org/g))", "(see the guide)"),
    ("![chart](https://e.org/c_(1).png) Pay rose.", " Pay rose."),
    ("[a](u) and [b](v)", "a and b"),
])
def test_links_keep_their_text_and_images_go(text, plain):
    assert link_texts(text) == plain


@pytest.mark.parametrize("text", [
    "f(x) [1] (a)(b) [2]",  # markers and brackets that are no link
    "unclosed [x](https://e.org/a",  # no ")" to close it: not a link
    "[x](https://e.org/((a)).",  # its parentheses never close the link
])
def test_text_that_is_no_link_is_left_as_it_is(text):
    assert link_texts(text) == text


def test_a_link_is_at_most_a_thousand_characters_of_text_and_a_line_of_brackets_is_text():
    """A tester's source of 25,000 "[" and as many "](" took 60 s to ingest: each "[" scanned to the line's end. A
    link's text and address are bounded now, so such a line is read once; real links are read as before."""
    hostile = "[" * 5000 + "](" * 2500
    assert link_texts(hostile + " [the guide](https://e.org/g)") == hostile + " the guide"
    assert link_texts("[" + "x" * 1001 + "](u)") == "[" + "x" * 1001 + "](u)"  # no link has such a text
    assert link_texts("[" + "x" * 1000 + "](u)") == "x" * 1000
