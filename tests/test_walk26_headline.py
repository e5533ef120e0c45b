"""Walk 26: the 2024 issue's "standing up to discrimination at work: we've got your back" (its headline as the index
holds it) started in lower case on its source card, in the screen reader's name of its link, in further reading and on
the article view. Shown with its capital; a word with a capital inside ("iPhone") is left as written."""

from rag.types import Chunk
from rag.web.article_view import render_article_html
from rag.web.chat_render import answer_html
from rag.web.further_reading import further_html
from rag.web.links import headline_shown
from tests.chat_fakes import ISSUE

LOWER = "standing up to discrimination at work: we\u2019ve got your back"
SHOWN = "Standing up to discrimination at work: we\u2019ve got your back"
URL = "/article/2024-summer/18-discrimination?hl=c1#p-c1"


def test_a_headline_starting_in_lower_case_is_shown_with_its_capital_on_the_card_and_its_link_name():
    turn = {"id": "ab12cd34", "question": "discrimination?", "answer": "MiP is there to support you [1].",
            "state": "done", "cited": [1],
            "sources": [{"n": 1, "chunk_id": "c1", "article": LOWER, "where": "page 18", "text": "MiP supports you.",
                         "url": URL, "publisher_url": None}]}
    out = answer_html(turn)
    assert f"<strong>{SHOWN}</strong>" in out, out
    assert f'<span class="sr-only">: {SHOWN}</span>' in out
    assert LOWER not in out


def test_further_reading_and_the_article_view_show_it_with_its_capital_too():
    assert f">{SHOWN}</a>" in further_html([{"article": LOWER, "where": "page 18", "url": URL}])
    chunk = Chunk("c1", ISSUE.issue_id, ISSUE.title, ISSUE.date, "18-discrimination", LOWER, 18, 0, "MiP supports you.")
    page = render_article_html(ISSUE, [chunk], highlight="c1")
    assert f"<h1>{SHOWN}</h1>" in page and f"<title>{SHOWN} ·" in page and LOWER not in page


def test_only_a_first_word_all_in_lower_case_is_changed():
    assert headline_shown(LOWER) == SHOWN
    assert headline_shown("iPhone ban for NHS staff") == "iPhone ban for NHS staff"
    assert headline_shown("e-learning plans") == "E-learning plans"
    assert headline_shown("Board-level NHS managers get 3% pay rise") == "Board-level NHS managers get 3% pay rise"
    assert headline_shown("3% pay rise") == "3% pay rise" and headline_shown(None) == ""
