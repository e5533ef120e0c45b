"""A one- or two-word "#" heading in a markdown issue ("# Letters", "# Obituary", "# Book reviews") was read as a
subhead of the article before it: the letters page's passages were shown under the headline of whatever story
preceded it. Issue 68's "# Acting: eds" (a label cut from its line, 200 words of the same article after it) is still
a subhead: a heading holding a colon or other stop, or met mid-sentence, is no headline."""

import pytest

from rag.corpus.parse_markdown import parse_markdown

PAY = ("Managers across the NHS met this spring to discuss the pay award for this year, and the union said that the "
       "offer fell short of what members had asked for.")
LETTER = ("I read your article on flexible working with interest. My trust has refused every request made by the "
          "managers in my team this year, and none of us has been told why.")


def _read(text):
    return [(a.headline, [p.text for p in a.paragraphs]) for a in parse_markdown(text, "t")]


@pytest.mark.parametrize("head", ["Letters", "Obituary", "Book reviews", "Your views"])
def test_a_short_heading_after_a_finished_article_starts_an_article(head):
    assert _read(f"# Pay award falls short of what members asked\n\n{PAY}\n\n# {head}\n\n{LETTER}\n") == [
        ("Pay award falls short of what members asked", [PAY]), (head, [LETTER])]


def test_a_label_cut_from_its_line_stays_a_subhead():
    # issue 68: "# Acting: eds" over the rest of the Health Bill article
    assert _read(f"# Pay award falls short of what members asked\n\n{PAY}\n\n# Acting: eds\n\n{LETTER}\n") == [
        ("Pay award falls short of what members asked", [PAY, "Acting: eds", LETTER])]


def test_a_short_heading_inside_an_open_sentence_stays_a_subhead():
    cut = PAY[:-1].rsplit(" ", 3)[0]  # "... of what members" : the sentence runs on after the heading
    assert [h for h, _ in _read(f"# Pay award falls short\n\n{cut}\n\n# Key Points\n\nhad asked for. {LETTER}\n")] == [
        "Pay award falls short"]
