"""Walk 32: a cited passage opening inside a list ("treated your request as withdrawn without grounds to do so", the
last item of "You can only bring a tribunal claim on the grounds that, in refusing your request, the employer:") shows
on its card with the list's lead-in in front (rag.answer.list_leads), but the article view highlighted the passage as
indexed, the lead-in left unmarked in the passage before. The highlight now takes in the list from its lead-in."""

import re

from rag.types import Chunk, Issue
from rag.web.article_view import render_article_html, shown_texts

ISSUE = Issue("2026-summer-68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "hm68.pdf")
LEAD = "You can only bring a tribunal claim on the grounds that, in refusing your request, the employer:"
ITEMS = ["failed to deal with it in a reasonable manner", "refused without consulting you",
         "based their decision on incorrect facts", "treated your request as withdrawn without grounds to do so"]
CASE = ("In one tribunal case, the employer had changed its requirement for working in the office from two days "
        "to three.")
# The flexible working article's passages as indexed (shortened): the second opens on the list's last item, which
# the first ends with too (passages overlap), and on the sentence after it.
TEXTS = [
    "What if your request is refused?\n\nThe grounds for refusing can include:\n\nadditional costs\n\n"
    "planned structural changes\n\n" + LEAD + "\n\n" + "\n\n".join(ITEMS) + "\n\n" + CASE,
    ITEMS[-1] + "\n\n" + CASE + " It refused one employee's request to keep working two days.\n\n"
    "What about discrimination claims?\n\nAn employer refusing a request could still face a claim.",
]
CHUNKS = [Chunk(f"c{n}", ISSUE.issue_id, ISSUE.title, ISSUE.date, "23-flexible", "Flexible and hybrid working", 22,
                n, text) for n, text in enumerate(TEXTS)]


def _highlighted(page: str) -> str:
    found = re.search(r'<section[^>]*class="passage hl"[^>]*>(.*?)</section>', page, re.S)
    return re.sub(r"<[^>]+>", "\n", found.group(1)) if found else ""


def test_a_cited_passage_opening_on_a_list_item_is_highlighted_with_the_lists_lead_in():
    cited = _highlighted(render_article_html(ISSUE, CHUNKS, highlight="c1"))
    assert LEAD in cited  # before: only in the passage before, not highlighted
    assert all(item in cited for item in ITEMS)  # the items between the lead-in and the one cited
    assert "What about discrimination claims?" in cited  # the passage itself, whole


def test_the_list_taken_in_is_shown_once_and_in_order():
    page = render_article_html(ISSUE, CHUNKS, highlight="c1")
    assert page.count(LEAD) == 1 and page.count(ITEMS[0]) == 1 and page.count(CASE) == 1
    text = re.sub(r"<[^>]+>", " ", page)
    assert text.index("planned structural changes") < text.index(LEAD) < text.index(ITEMS[0]) < text.index(CASE)
    before = shown_texts(CHUNKS, "c1")[0]
    assert before.rstrip().endswith("planned structural changes")  # what precedes the list stays unmarked


def test_a_passage_not_opening_on_a_list_item_is_highlighted_as_before():
    plain = [Chunk(c.chunk_id, c.issue_id, c.issue_title, c.date, c.article_id, c.headline, c.page, c.position,
                   c.text.replace(ITEMS[-1], "Treated as withdrawn, the request lapsed.")) for c in CHUNKS]
    cited = _highlighted(render_article_html(ISSUE, plain, highlight="c1"))
    assert LEAD not in cited and cited.strip().startswith("Treated as withdrawn")
    assert _highlighted(render_article_html(ISSUE, CHUNKS, highlight="c0")).count(LEAD) == 1  # the first: unchanged
