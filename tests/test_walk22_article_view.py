"""Walk 22: the article view of issue 68's masthead showed "ISSN 1759-9784" and "Cover image: Tim Kavanagh/UNP" as
headings (each a short line with no full stop, the rule subheadings are found by)."""

from rag.types import Chunk, Issue
from rag.web.article_view import render_article_html, subheadings

# issue 68's masthead, as the corpus holds it (corpus/2026-summer-68), cut short
MASTHEAD = ["healthcare manager", "issue 68 | summer 2026", "ISSN 1759-9784",
            "All contents © 2026 MiP or the author unless otherwise stated.",
            "Contributors: Victoria English, Rhys McKenzie, Alison Moore.",
            "Cover image: Tim Kavanagh/UNP",
            "Managers in Partnership (MiP) is the trade union organisation representing health and social care "
            "managers in the UK.",
            "Your statutory rights", "You may ask to work flexibly."]


def test_a_serial_number_and_a_picture_credit_are_lines_not_headings():
    heads = {MASTHEAD[n] for n in subheadings(MASTHEAD)}
    assert "ISSN 1759-9784" not in heads and "Cover image: Tim Kavanagh/UNP" not in heads
    assert "Your statutory rights" in heads  # a real subheading still is one


def test_the_masthead_page_shows_them_as_paragraphs():
    issue = Issue("2026-summer-68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "f.txt")
    chunk = Chunk("c0", issue.issue_id, issue.title, issue.date, "03-masthead", "healthcare manager", 3, 0,
                  "\n\n".join(MASTHEAD))
    page = render_article_html(issue, [chunk], highlight="c0")
    assert "<p>ISSN 1759-9784</p>" in page and "<p>Cover image: Tim Kavanagh/UNP</p>" in page
    assert "<h2>ISSN" not in page and "<h2>Cover image" not in page
    assert "<h2>Your statutory rights</h2>" in page


def test_a_headline_naming_a_picture_is_still_one():
    paras = ["It rose.", "Pictures of the year", "The best ones.", "Photographers at work", "They work."]
    assert subheadings(paras) == {1, 3}
