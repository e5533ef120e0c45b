"""Walk 25, the links as a screen reader lists them: every card's link was named "Read it in the article" (eight alike
under one answer, nothing to tell them apart in a list of links) and each marker "[1]", a bare number. Each article
link now names its article, and each marker says it is a source, in words heard and not seen (.sr-only: Gradio's sanitizer
drops aria-label), and left out of what the copy button copies and of the text a member selects."""

import re

import pytest

from rag.web.chat_render import answer_html

SOURCES = [{"n": 1, "chunk_id": "c1", "article": "Board-level NHS managers get 3% pay rise",
            "where": "Healthcare Manager issue 68, summer 2026 · page 4", "text": "Board-level managers get 3%.",
            "url": "/article/2026-summer-68/04-pay#p-c1", "publisher_url": "https://publisher.example/hm.pdf#page=4"},
           {"n": 2, "chunk_id": "c2", "article": "Flexible <working> rights", "where": "page 9",
            "text": "You can ask.", "url": "/article/2026-summer-68/09-flex#p-c2", "publisher_url": None}]


def _turn() -> dict:
    return {"id": "ab12cd34", "question": "pay?", "answer": "Board-level managers get 3% [1]. You can ask [2].",
            "state": "done", "sources": SOURCES, "cited": [1, 2]}


def test_each_link_names_its_article_or_source_in_words_heard_not_seen():
    out = answer_html(_turn())
    assert 'Read it in the article<span class="sr-only">: Board-level NHS managers get 3% pay rise</span></a>' in out
    assert "Publisher's edition<span class=\"sr-only\">: Board-level NHS managers get 3% pay rise</span></a>" in out
    assert 'Read it in the article<span class="sr-only">: Flexible &lt;working&gt; rights</span></a>' in out  # escaped
    assert '<span class="sr-only">source </span>[1]</a>' in out and '<span class="sr-only">source </span>[2]</a>' in out


@pytest.mark.slow
@pytest.mark.browser
def test_a_screen_readers_list_of_links_tells_them_apart_and_the_copy_leaves_the_words_out(tmp_path):
    from tests.test_browser import QUESTION, _ask, app_in_chromium, quoting_responder

    with app_in_chromium(tmp_path, responder=quoting_responder) as (app, browser):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.url)
        page = context.new_page()
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        _ask(page, QUESTION)
        for headline in ("London Ambulance chief Jason Killens talks", "Reasons to be cheerful <script>"):
            named = re.compile(r"^Read it in the article\s*:\s*" + re.escape(headline))  # markup planted, heard as text
            assert page.get_by_role("link", name=named).count() >= 1, page.locator("#chat").aria_snapshot()
        assert page.get_by_role("link", name=re.compile(r"^source \[1\]$")).count() >= 1
        # one read of the whole answer: Gradio may redraw it between two calls
        seen = page.eval_on_selector_all("#chat .answer a .sr-only", "els => els.map(e => [e.closest('a').className, "
                                         "e.getBoundingClientRect().width, getComputedStyle(e).userSelect])")
        assert {c for c, _, _ in seen} >= {"cite", "src-link"} and all(w <= 1 and u == "none" for _, w, u in seen), seen
        selected = page.evaluate("""() => { const a = document.querySelectorAll('#chat .answer');
            const range = document.createRange(); range.selectNodeContents(a[a.length - 1]);
            getSelection().removeAllRanges(); getSelection().addRange(range); return getSelection().toString(); }""")
        assert "[1]" in selected and "source" not in selected, selected  # a member's own copy reads as the page
        page.locator("#chat button[aria-label='Copy message']").last.click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert "[1]" in copied and "source" not in copied and "article:" not in copied, copied
