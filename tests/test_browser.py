"""A member's session in Debian's chromium (Playwright), against the real app with a scripted model.

Follows every [n] of an answer to its source and on to the article, leaves for an article and comes
back, reloads, votes, stops an answer, and checks the phone layout, dark mode and a planted address.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

import pytest

from tests.app_server import PLANTED_EMAIL, free_port, running_app
from tests.openai_stub import Fail, Reply

CHROMIUM = Path("/usr/bin/chromium")
# Screenshots of the tiny test archive go to test-artifacts/ (ignored); the README's come from the real
# archive: with RAG_UPDATE_SCREENSHOTS=1, test_real_archive_walk_desktop_and_phone_light_and_dark writes them.
ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-artifacts/screenshots"
# RAG_UPDATE_SCREENSHOTS=1: the real-archive walk writes the README's screenshots; otherwise test-artifacts/.
DOC_SHOTS = ROOT / ("docs/screenshots" if os.environ.get("RAG_UPDATE_SCREENSHOTS") == "1" else "test-artifacts/real")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
QUESTION = "What did Jason Killens say about ambulance response times?"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
FINISHED = "#chat .answer.st-done, #chat .answer.st-refused"


@contextlib.contextmanager
def app_in_chromium(tmp_path, **app_options):
    """(app, browser): the app running (tests.app_server.running_app, its rate limit off unless given) and Debian
    chromium launched for it, closed after; the test is skipped when chromium is missing."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip("Debian chromium missing: apt-get install -y chromium")
    app_options.setdefault("rate_per_minute", 1000)
    with running_app(tmp_path, **app_options) as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield app, browser
        finally:
            browser.close()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian chromium missing: run `apt-get install -y chromium` (make test does)"),
]


def passages_sent(messages: list[dict]) -> dict[int, str]:
    """The numbered passages in the model's prompt: {n: text}."""
    last = messages[-1]["content"] if messages else ""
    return {int(n): body for n, body in re.findall(r"^\[(\d+)\] [^\n]*:\n([^\n]+)", last, re.M)}


def quoting_responder(messages: list[dict]) -> str:
    """Quote the first sentence of passages 2, 3 and 1, in that order, each with its own marker."""
    if messages and "standalone" in messages[0].get("content", "").lower():
        return messages[-1]["content"].splitlines()[-1][:200]
    sent = passages_sent(messages)
    order = [n for n in (2, 3, 1) if n in sent]
    return " ".join(f"{re.split(r'(?<=[.!?]) ', sent[n])[0].rstrip('.')} [{n}]." for n in order)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("browser"), responder=quoting_responder,
                     rate_per_minute=1000) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _shot(page, name: str, folder: Path = SHOTS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name))


def _ask(page, question: str, timeout_s: float = 30) -> None:
    done = page.locator(FINISHED).count()
    page.fill("#question textarea", question)
    page.press("#question textarea", "Enter")  # keyboard submit
    page.wait_for_function(f"() => document.querySelectorAll({FINISHED!r}).length > {done}", timeout=timeout_s * 1000)


def _open(browser, url: str, viewport=DESKTOP, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#question textarea")
    return context, page


def _in_view(page, selector: str) -> bool:
    box, height = page.locator(selector).first.bounding_box(), page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_first_screen_says_what_is_covered_and_shows_nothing_empty(app, browser):
    context, page = _open(browser, app.url)
    intro = page.inner_text("#intro")
    assert "2 issues: summer 2024; summer 2026, issue 68" in intro and "checks" in intro
    assert "index" not in intro and "openai/stub" in page.inner_text("#about")
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id).filter(Boolean)")
    assert sorted({i for i in ids if ids.count(i) > 1}) == []  # a tester found two elements with id="about"
    assert page.eval_on_selector("#about .about-line", "e => getComputedStyle(e).fontSize") == "12px"  # small print
    assert page.locator("#chat .answer, #chat .src, #chat button[aria-label='Like']").count() == 0
    assert not page.locator("#stop").is_visible() and _in_view(page, "#question textarea")
    _shot(page, "first-screen.png")
    page.click("#issue-filter input")  # the issue list offers every issue, whatever the box shows
    options = page.locator("#issue-filter [role='option']")
    options.first.wait_for(timeout=5_000)
    assert options.count() == 3 and "summer 2024" in options.nth(2).inner_text()
    page.keyboard.press("Escape")
    page.locator("#chat button", has_text="Jason Killens").first.click()  # an example question asks it
    page.wait_for_selector(FINISHED, timeout=30_000)
    assert "Jason Killens" in page.locator("#chat .asked").first.inner_text()
    context.close()


def _fonts_drawn(page, selector: str = "*") -> dict[str, list[dict]]:
    """{text of each element that holds text itself (matching selector): the fonts chromium drew its glyphs in}."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]
    chosen = set(cdp.send("DOM.querySelectorAll", {"nodeId": root["nodeId"], "selector": selector})["nodeIds"])
    drawn, stack = {}, [root]
    while stack:
        node = stack.pop()
        stack.extend(node.get("children", []))
        own = "".join(c.get("nodeValue", "") for c in node.get("children", []) if c["nodeType"] == 3).strip()
        if own and node["nodeId"] in chosen:
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            if fonts:  # none: not drawn (hidden, a script)
                drawn[own] = fonts
    cdp.detach()
    return drawn


def test_bold_words_are_drawn_whole_in_the_page_font(app, browser):
    """A member's walk: the "A" of "Ask a question about..." and of every bold "Ambulance" was lighter and smaller than
    the rest. Gradio's SemiBold Source Sans Pro holds, of Latin, only A, B and space: each bold word took those from
    it and its other letters from the next font of the stack. Every glyph now comes from the page's own font."""
    context, page = _open(browser, app.url)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    heading, = _fonts_drawn(page, "#intro strong").values()
    body, = _fonts_drawn(page, "#intro p:nth-child(2)").values()
    assert len(heading) == 1 and len(body) == 1, heading  # one face for the whole heading, its "A" too
    assert heading[0]["familyName"] == body[0]["familyName"] and heading[0]["isCustomFont"]  # the page's font,
    assert heading[0]["postScriptName"] != body[0]["postScriptName"]  # in its own bold face (not a faked one)
    _ask(page, QUESTION)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    headlines = _fonts_drawn(page, "#chat .src-head strong")
    assert "London Ambulance chief Jason Killens talks" in headlines
    faces = {text: [f["postScriptName"] for f in fonts] for text, fonts in headlines.items()}
    assert all(names == [heading[0]["postScriptName"]] for names in faces.values()), faces
    fallen = {text: [f["postScriptName"] for f in fonts] for text, fonts in _fonts_drawn(page).items()
              if any(not f["isCustomFont"] for f in fonts)}
    assert not fallen  # no glyph on the page (buttons, labels, answer, sources) drawn in a fallback font
    context.close()


# Read in one go: while an answer streams its message is redrawn every few tokens.
CARD = """id => { const el = document.getElementById(id); if (!el) return null;
  const r = el.getBoundingClientRect(), chat = document.querySelector('#chat').getBoundingClientRect();
  return {n: el.querySelector('.src-n').innerText, text: el.querySelector('.src-text').innerText,
          link: el.querySelector('a.src-link').getAttribute('href'), answer: el.closest('.answer').id,
          visible: r.top >= chat.top && r.top < chat.bottom && r.height > 0}; }"""


def _follow_every_marker(app, context, page, answer, prompt: dict[int, str]) -> list[int]:
    """Click each [n] of one answer: it must land on card [n] of that answer, showing passage n as sent."""
    cites, answer_id = answer.locator("a.cite"), answer.get_attribute("id")
    numbers = []
    for i in range(cites.count()):
        link = cites.nth(i)
        n = int(re.search(r"\[(\d+)\]", link.inner_text())[1])  # "[2]" seen, after "source " heard (walk 25)
        href, title = link.get_attribute("href"), link.get_attribute("title")
        link.click()
        assert page.evaluate("() => location.hash") == href
        card = page.evaluate(CARD, href[1:])
        assert card["answer"] == answer_id and card["n"] == f"[{n}]" and card["visible"]  # scrolled to, same answer
        text = card["text"].removesuffix(" …")
        assert title.removesuffix(" …") in text  # the passage the model saw as [n], from its start or from the
        assert prompt[n].startswith(text) or text.startswith("… ") and text[2:] in prompt[n]  # sentence [n] cites
        text = text.removeprefix("… ")
        article = context.new_page()  # and on to the article view, at that passage
        article.goto(app.url + card["link"])
        passage = article.locator(":target")
        assert passage.is_visible() and text.split(". ")[0] in " ".join(passage.inner_text().split())
        article.close()
        numbers.append(n)
    return numbers


def test_every_marker_leads_to_its_source_with_the_passage_the_model_was_given(app, browser):
    context, page = _open(browser, app.url)
    _ask(page, QUESTION)
    numbers = _follow_every_marker(app, context, page, page.locator("#chat .answer").last,
                                   passages_sent(app.stub.requests[-1]["messages"]))
    assert sorted(set(numbers)) == [1, 2, 3] and numbers[0] == 2  # the model's own numbers, not renumbered
    assert page.locator("#chat li.src:target").count() == 1  # and the card is highlighted
    assert _in_view(page, "#question textarea")  # the question box stays in view on a desktop too
    _shot(page, "chat.png")

    _ask(page, "And what did he say about the crews?")  # a follow-up numbers its own sources
    numbers = _follow_every_marker(app, context, page, page.locator("#chat .answer").last,
                                   passages_sent(app.stub.requests[-1]["messages"]))
    assert numbers and page.locator("#chat .answer").first.locator("a.cite").count() > 0

    app.stub.enqueue(Fail(500))  # the model fails: quoted passages, numbered like the passages it was sent
    _ask(page, QUESTION)
    fallback = page.locator("#chat .answer").last
    assert "could not answer" in page.inner_text("#notice") and "Quoted from the articles" in fallback.inner_text()
    assert _follow_every_marker(app, context, page, fallback, passages_sent(app.stub.requests[-1]["messages"]))

    app.stub.enqueue(Reply(quoting_responder([{"content": app.stub.requests[-1]["messages"][-1]["content"]}])
                           + " More words follow here" * 30, chunk_delay=0.1))
    page.fill("#question textarea", QUESTION)
    page.press("#question textarea", "Enter")  # while it streams, [n] already leads to source n
    streaming = page.locator("#chat .answer.st-writing")
    streaming.locator("a.cite").first.wait_for(timeout=15_000)
    assert _follow_every_marker(app, context, page, streaming, passages_sent(app.stub.requests[-1]["messages"]))
    reached = page.evaluate("() => location.hash")
    before = streaming.inner_text()
    page.wait_for_function("t => document.querySelector('#chat .answer.st-writing').innerText.length > t.length + 20",
                           arg=before, timeout=15_000)  # redrawn several times since the click
    page.wait_for_function("id => { const el = document.getElementById(id);"  # the card as drawn now, still lit
                           " return el && el.classList.contains('reached') && getComputedStyle(el).outlineStyle == 'solid'; }",
                           arg=reached[1:], timeout=2_000)
    page.click("#stop")
    context.close()


def test_copying_an_answer_gives_its_words_and_its_cited_sources_with_links(app, browser):
    context, page = _open(browser, app.url, permissions=["clipboard-read", "clipboard-write"])
    _ask(page, QUESTION)
    page.locator("#chat button[aria-label='Copy message']").last.click()
    copied = ""
    for _ in range(50):  # the copy is written asynchronously: on a loaded machine (CI) it came after the first read
        copied = page.evaluate("() => navigator.clipboard.readText()")
        if copied:
            break
        page.wait_for_timeout(100)
    words, _, sources = copied.partition("\n\nSources:\n")
    assert "<" not in words and "class=" not in copied and "[2]" in words
    lines = sources.splitlines()
    assert lines and all(re.match(rf"\[\d\] .+ - {re.escape(app.url)}/article/\S+#p-\w+$", line) for line in lines)
    context.close()


def test_keyboard_focus_is_visible_on_the_question_box_and_the_ask_button(app, browser):
    context, page = _open(browser, app.url)
    page.focus("#question textarea")
    # a screen reader names the box (it said "Textbox", Gradio's default label: a member's walk)
    assert page.eval_on_selector("#question textarea", "t => t.labels[0].innerText.trim()") == "Your question"
    ring = "el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineColor"
    assert page.eval_on_selector("#question textarea", ring) == "solid rgb(9, 105, 218)"
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)  # Gradio's buttons ease their style in over 0.2 s
    assert page.evaluate("() => document.activeElement.id") == "ask"
    assert page.evaluate(f"() => ({ring})(document.activeElement)") == "solid rgb(9, 105, 218)"
    assert page.locator("#chat button[aria-label='Clear']").count() == 0 or not page.locator(
        "#chat button[aria-label='Clear']").first.is_visible()  # one way to start again: New chat
    context.close()


def test_tabbing_past_the_issue_filter_closes_its_list(app, browser):
    """A member's walk: Tab into the issue filter opens its list; Tab on left one option open over the chat."""
    context, page = _open(browser, app.url)
    page.focus("#issue-filter input")
    options = page.locator("#issue-filter [role='option']")
    options.first.wait_for(timeout=5_000)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "new-chat"
    options.first.wait_for(state="hidden", timeout=3_000)  # the filter's own blur handling has run (looks for 1 s)
    page.wait_for_timeout(1_200)  # and nothing opened it again
    assert options.count() == 0 or not options.first.is_visible()
    page.focus("#issue-filter input")  # choosing an issue with the keyboard still works
    options.first.wait_for(timeout=5_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert "summer 2024" in page.input_value("#issue-filter input")
    context.close()


# Where the chosen issue's name ends (its input's font, measured), where the box has room for it, and the arrow.
FILTER_TEXT = """() => { const input = document.querySelector('#issue-filter input'), cs = getComputedStyle(input);
  const ctx = document.createElement('canvas').getContext('2d'); ctx.font = cs.font;
  const box = input.getBoundingClientRect(), arrow = document.querySelector('#issue-filter .icon-wrap');
  return {value: input.value, end: box.left + parseFloat(cs.paddingLeft) + ctx.measureText(input.value).width,
          room: box.right - parseFloat(cs.paddingRight), arrow: arrow.getBoundingClientRect().left,
          inside: box.right <= innerWidth}; }"""


def test_the_chosen_issue_is_named_whole_clear_of_the_filters_arrow(app, browser):
    """A walk: the filter showed "Healthcare Manager issue▾68" on a phone and "...summer" on desktop (the issue's
    whole title and date, cut off, under Gradio's arrow): which issue was searched could not be read."""
    for viewport in (PHONE, DESKTOP):
        context, page = _open(browser, app.url, viewport)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        shown = []
        for n in range(3):
            page.click("#issue-filter input")
            option = page.locator("#issue-filter [role='option']").nth(n)
            name = option.inner_text().split("\n")[-1].strip()  # after the chosen one's tick
            option.click()
            page.wait_for_function("v => document.querySelector('#issue-filter input').value === v", arg=name)
            box = page.evaluate(FILTER_TEXT)
            assert box["end"] <= box["room"] and box["end"] < box["arrow"] and box["inside"], (viewport, box)
            shown.append(box["value"])
        assert shown == ["Search all issues", "summer 2026 (issue 68)", "summer 2024"]
        _shot(page, f"issue-filter-{viewport['width']}.png")
        context.close()


def test_the_issue_searched_is_kept_across_a_reload(app, browser):
    """A walk: back from an article the chat was there, but the issue filter had gone back to all issues."""
    context, page = _open(browser, app.url)
    stored = page.evaluate("() => localStorage.getItem('hm-archive-issue')")
    _choose_the_2024_issue(page)
    chosen = page.input_value("#issue-filter input")
    # the choice is kept once the browser has stored it (a fresh clone's CI reloaded before it had: 10 s, no filter)
    page.wait_for_function("s => localStorage.getItem('hm-archive-issue') !== s", arg=stored, timeout=10_000)
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_function("() => document.querySelector('#issue-filter input').value.includes('summer 2024')",
                           timeout=10_000)
    assert page.input_value("#issue-filter input") == chosen
    page.focus("#issue-filter input")  # and back to all issues, which is kept too
    page.locator("#issue-filter [role='option']").first.wait_for(timeout=5_000)
    page.locator("#issue-filter [role='option']").first.click()
    _still_all_issues_after_a_reload(page)
    context.close()


def _choose_the_2024_issue(page):
    """Choose the third entry of "Search in" (summer 2024) with the keyboard, and wait until it shows (a fixed 500 ms
    was too short in a fresh clone's run)."""
    page.focus("#issue-filter input")
    page.locator("#issue-filter [role='option']").first.wait_for(timeout=5_000)
    for key in ("ArrowDown", "ArrowDown", "Enter"):
        page.keyboard.press(key)
    page.wait_for_function("() => document.querySelector('#issue-filter input').value.includes('summer 2024')",
                           timeout=5_000)


def _still_all_issues_after_a_reload(page):
    page.wait_for_timeout(500)  # the filter's copy in the browser follows
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_timeout(1_000)
    assert page.input_value("#issue-filter input") == "Search all issues"


def test_new_chat_searches_all_issues_again(app, browser):
    """A walk: New chat emptied the chat but left "Search in" on the issue chosen for it. A new chat is a fresh start:
    the filter is kept with a chat's answers (across a reload), and a new chat has none."""
    context, page = _open(browser, app.url)
    _choose_the_2024_issue(page)
    _ask(page, "What problems will Wes Streeting face after the general election?")
    page.wait_for_selector("#ask", state="visible")
    page.click("#new-chat")
    page.wait_for_function("() => document.querySelector('#issue-filter input').value == 'Search all issues'",
                           timeout=5_000)
    _still_all_issues_after_a_reload(page)
    context.close()


def test_new_chat_by_keyboard_leaves_the_focus_in_the_question_box(app, browser):
    """A walk pressed Enter on New chat and the focus stayed on the button: the next question could not be typed."""
    context, page = _open(browser, app.url)
    page.focus("#new-chat")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('#question')",
                           timeout=5_000)
    page.keyboard.type("who is rosie kirk")
    assert page.input_value("#question textarea") == "who is rosie kirk"
    context.close()


def test_screen_readers_hear_each_message_as_text_not_markup(app, browser):
    context, page = _open(browser, app.url)
    _ask(page, QUESTION)
    labels = page.eval_on_selector_all("#chat [aria-label*='message']", "els => els.map(e => e.getAttribute('aria-label'))")
    assert len(labels) >= 2  # the question and the answer
    assert all("<" not in label and "class=" not in label for label in labels)
    assert f"user's message: {QUESTION}" in labels
    answer = [label for label in labels if label.startswith("bot's message: ")]
    assert answer and all("[2]" in a and "Sources (" not in a for a in answer)  # the answer; its sources are read apart
    context.close()


def test_a_refusal_has_no_markers_and_no_sources_but_offers_further_reading(app, browser):
    context, page = _open(browser, app.url)
    width = page.locator("#question").bounding_box()["width"]
    app.stub.enqueue(Reply("The archive does not cover this."))
    _ask(page, QUESTION)
    # a chat of short replies is as wide as any other: the question box and header do not move (a walk: 600 px
    # against 880 px once a long answer came)
    assert page.locator("#question").bounding_box()["width"] == width
    refused = page.locator("#chat .answer").last
    assert "does not cover" in refused.inner_text()
    assert refused.locator("a.cite, .src").count() == 0
    further = refused.locator("a.further-link")  # the nearest articles, each once, opened at the nearest passage
    assert further.count() >= 1 and "Further reading" in refused.inner_text()
    with context.expect_page() as opened:
        further.first.click()
    article = opened.value
    article.wait_for_load_state()
    assert article.locator(".passage.hl:target").is_visible()
    assert further.first.inner_text() in article.inner_text("header h1")
    context.close()


def test_coming_back_from_an_article_and_reloading_keep_the_chat(app, browser):
    context, page = _open(browser, app.url)
    _ask(page, QUESTION)
    _ask(page, "And what about the crews?")
    page.wait_for_selector("#ask", state="visible")  # the chat drawn as ended: a click mid-redraw opened nothing (a
    # fresh-clone CI run on a loaded machine waited 30 s for the article's tab)
    link = page.locator("#chat .answer").first.locator("a.src-link").first
    with context.expect_page() as opened:  # sources open in a new tab: the chat stays where it was
        link.click()
    article = opened.value
    article.wait_for_load_state()
    target = article.locator(":target")
    assert target.is_visible() and _in_view(article, "header h1")  # the passage, under its headline
    header = article.inner_text("header")
    assert "Killens" in header and "issue 68, summer 2026" in header and "page 4" in header
    assert "2026-06-01" not in header  # the issue as members read it (walk 20), not its ISO date
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 243, 176)"
    _shot(article, "article.png")
    article.click("#back")  # "Back to the chat" in that tab shows the same conversation
    article.wait_for_selector("#chat .answer", timeout=10_000)
    assert article.locator("#chat .answer").count() == 2 and "crews" in article.inner_text("#chat")
    page.goto(app.url + link.get_attribute("href"))  # the same tab, then the browser's Back button
    page.go_back()
    page.wait_for_selector("#chat .answer", timeout=10_000)
    assert page.locator("#chat .answer").count() == 2
    page.reload()
    page.wait_for_selector("#chat .answer", timeout=10_000)
    assert page.locator("#chat .answer").count() == 2 and "Killens" in page.inner_text("#chat")
    page.locator("#chat .answer a.cite").first.click()  # links still work on a restored chat
    assert page.locator(":target .src-n").count() == 1
    context.close()


def test_reloading_while_an_answer_is_written_keeps_the_question(app, browser):
    """A member's walk: a reload mid-answer lost the question (the chat was saved only once an answer was done)."""
    context, page = _open(browser, app.url)
    app.stub.enqueue(Reply("Response times improved [1]." + " More words follow here." * 40, chunk_delay=0.1))
    page.fill("#question textarea", QUESTION)
    page.press("#question textarea", "Enter")
    page.wait_for_selector("#chat .answer.st-writing", timeout=15_000)
    page.reload()
    page.wait_for_selector("#chat .asked", timeout=10_000)
    assert QUESTION in page.inner_text("#chat .asked")
    assert "Stopped before the answer was finished" in page.inner_text("#chat .answer")
    context.close()


def test_a_server_restart_keeps_the_members_saved_chat(browser, tmp_path):
    """The chat is saved encrypted in the browser; the key outlives the server process (data_dir/chat-key)."""
    port = free_port()
    with running_app(tmp_path, responder=quoting_responder, port=port) as first:
        context, page = _open(browser, first.url)
        _ask(page, QUESTION)
        assert page.locator("#chat .answer").count() == 1
    with running_app(tmp_path, responder=quoting_responder, port=port) as second:  # same address, new process
        page.goto(second.url)
        page.wait_for_selector("#chat .answer", timeout=10_000)
        assert page.locator("#chat .answer").count() == 1 and "Killens" in page.inner_text("#chat")
        _ask(page, "And what about the crews?")  # the conversation goes on from where it was
        assert page.locator("#chat .answer").count() == 2
    context.close()


def test_a_version_published_since_start_is_named_as_soon_as_the_page_loads(browser, tmp_path):
    """A walk found the about line naming the version from the app's start for up to 10 s after each load."""
    from tests.app_server import ISSUE_A, ISSUE_B, build_tiny_index

    with running_app(tmp_path, issues=(ISSUE_A,), live=True, responder=quoting_responder) as app:
        first = app.pipeline.index.version
        version = build_tiny_index(tmp_path / "index", (ISSUE_A, ISSUE_B))
        assert app.pipeline.refresh() == version and version != first
        context, page = _open(browser, app.url)
        # The timer that also refreshes it ticks every 10 s: the load itself must bring the new version.
        page.wait_for_function(f"() => document.querySelector('#about').innerHTML.includes({version!r})",
                               timeout=4_000)
        assert first not in page.inner_html("#about")
        context.close()


def test_one_vote_per_answer_changeable_pressed_and_kept(app, browser):
    context, page = _open(browser, app.url)
    _ask(page, QUESTION)
    like, dislike = (page.locator(f"#chat button[aria-label='{x}']") for x in ("Like", "Dislike"))
    assert like.count() == 1 and dislike.count() == 1
    like.click()
    page.wait_for_selector("#status:has-text('recorded')")
    assert page.locator("#chat button[aria-label='Liked']").count() == 1  # the pressed state
    page.locator("#chat button[aria-label='Dislike']").click()  # changed
    page.wait_for_selector("#chat button[aria-label='Disliked']")
    assert page.locator("#chat button[aria-label='Liked']").count() == 0
    page.fill("#fb-comment textarea", "wrong page")
    page.click("#fb-send")
    page.wait_for_selector("#status:has-text('comment was recorded')")
    page.reload()
    page.wait_for_selector("#chat button[aria-label='Disliked']", timeout=10_000)  # still pressed
    records = [json.loads(x) for x in app.settings.feedback_path.read_text().splitlines()]
    mine = [r for r in records if r["answer_id"] == records[-1]["answer_id"]]
    assert [r["rating"] for r in mine] == ["up", "down", "down"] and mine[-1]["comment"] == "wrong page"
    assert mine[-1]["question"] == QUESTION and mine[-1]["citations"]
    # A vote left without a comment: the comment box is for that answer, so the next question closes it (a walk saw
    # it stay open under the new answer, where a comment would be recorded against the earlier one).
    page.locator("#chat button[aria-label='Like']").last.click()
    page.wait_for_selector("#fb-comment textarea", state="visible")
    _ask(page, "And what about the crews?")
    assert not page.locator("#fb-comment textarea").is_visible()
    context.close()


def test_stop_while_the_model_writes(app, browser):
    context, page = _open(browser, app.url)
    app.stub.enqueue(Reply("Jason Killens said response times improved " * 40, chunk_delay=0.1))
    page.fill("#question textarea", QUESTION)
    page.click("#ask")
    page.wait_for_selector("#stop", state="visible", timeout=15_000)
    assert not page.locator("#ask").is_visible()
    page.wait_for_selector("#chat .answer.st-writing p:not(.working)", timeout=15_000)
    page.click("#stop")
    page.wait_for_selector("#chat .answer.st-stopped", timeout=10_000)
    page.wait_for_selector("#ask", state="visible")
    assert "Stopped" in page.locator("#chat .answer").last.inner_text()
    # nothing to rate: a walk pressed a stopped answer's thumb and was told to wait until it was finished
    assert page.locator("#chat button[aria-label='Copy message']").last.is_visible()
    # one step (a locator per button can time out when Gradio redraws the chat in between)
    shown = page.eval_on_selector_all("#chat button[aria-label^='Like'], #chat button[aria-label^='Dislike']",
                                      VISIBLE)
    assert not any(shown)
    _ask(page, "And what about the crews?")  # a finished answer after it has its thumbs
    assert page.locator("#chat button[aria-label='Like']").last.is_visible()
    context.close()


# Which of the elements matched are shown, read in one step: Gradio may redraw the chat between two locator calls
VISIBLE = "els => els.map(e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility !== 'hidden')"


# Every element showing Gradio's "Error" (a component's status badge, a toast) from now on, even for a moment.
WATCH_ERRORS = """() => { window.errorsSeen = [];
  const scan = () => document.querySelectorAll('.error, .toast-body').forEach(e => {
    if (/error/i.test(e.textContent) && e.offsetParent !== null)
      window.errorsSeen.push((e.closest('[id]') || {}).id + ': ' + e.textContent.trim()); });
  new MutationObserver(scan).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


def test_stop_or_new_chat_between_two_words_shows_no_error(app, browser):
    """A member's walk with the local model: after Stop, red "Error" badges stood on the status line and the question
    box. Gradio's cancelling closes an answer still waiting for the model's next word with an empty reply, which
    the browser takes for a failure; the answer now ends itself, at that word, with its stream closed."""
    context, page = _open(browser, app.url)
    page.evaluate(WATCH_ERRORS)
    for button in ("#stop", "#new-chat"):
        app.stub.hung_up.clear()
        app.stub.enqueue(Reply("Jason Killens said response times improved " * 40, chunk_delay=2.5))
        page.fill("#question textarea", QUESTION)
        page.press("#question textarea", "Enter")
        page.wait_for_selector("#chat .answer.st-writing p:not(.working)", timeout=15_000)
        page.click(button)  # as the model works on the next word
        page.wait_for_function("() => !document.querySelector('#stop')", timeout=10_000)
        page.wait_for_timeout(4_000)  # the next word comes, and the answer ends with it
        assert page.evaluate("() => window.errorsSeen") == []
        assert app.stub.hung_up and app.stub.hung_up[0] < 10  # the model's stream was closed at that word
        if button == "#stop":
            assert "Stopped before the answer was finished" in page.locator("#chat .answer").last.inner_text()
        else:
            assert page.locator("#chat .asked, #chat .answer").count() == 0
        _ask(page, "And what about the crews?")  # the next question is answered
        assert page.evaluate("() => window.errorsSeen") == []
    context.close()


def test_the_next_question_can_be_typed_while_an_answer_is_written(app, browser):
    """A member's walk: what was typed during an answer was wiped at every redraw, and Enter then sent a second
    question alongside the first (one of them was lost). Now the draft stays; Enter waits for the answer."""
    context, page = _open(browser, app.url)
    app.stub.enqueue(Reply("Jason Killens said response times improved [1]. " * 12, chunk_delay=0.1))
    _ask_typed = "And what about the crews?"
    page.fill("#question textarea", QUESTION)
    page.press("#question textarea", "Enter")
    page.wait_for_selector("#chat .answer.st-writing p:not(.working)", timeout=15_000)
    page.type("#question textarea", _ask_typed)
    page.press("#question textarea", "Enter")  # while the answer is written: nothing is sent
    page.wait_for_timeout(800)  # several redraws of the answer
    assert page.input_value("#question textarea") == _ask_typed
    assert page.locator("#chat .asked").count() == 1
    # ... and the member is told so (a walk: Enter did nothing visible, the question sat in the box after the answer)
    hint = page.locator("#status .wait-hint")
    assert hint.is_visible() and "press Enter once this answer is finished" in hint.inner_text()
    page.wait_for_selector(FINISHED, timeout=30_000)
    page.wait_for_selector("#ask", state="visible")
    assert page.locator("#status .wait-hint").count() == 0  # gone once the answer is done
    assert "Answered." in page.locator("#status").text_content()  # and the status line's own updates land
    assert page.input_value("#question textarea") == _ask_typed  # still there once the answer is done
    page.press("#question textarea", "Enter")  # and sent now
    page.wait_for_function(f"() => document.querySelectorAll({FINISHED!r}).length == 2", timeout=30_000)
    assert [page.locator("#chat .asked").nth(i).inner_text() for i in range(2)] == [QUESTION, _ask_typed]
    context.close()


def test_enter_sends_once_the_answer_is_drawn_even_before_ask_replaces_stop(app, browser):
    """A fresh-clone CI run: the phone test's follow-up, typed as the first answer was drawn as done but before the
    next round trip put Ask back in Stop's place, was held by the Enter guard and never sent."""
    context, page = _open(browser, app.url)
    _ask(page, QUESTION)
    page.wait_for_selector("#ask", state="visible")
    # the moment between the two: the answer drawn as done, Stop still shown
    # (Gradio takes a hidden button out of the page, so a stand-in Stop is what the Enter guard finds.)
    page.evaluate("() => { const s = document.createElement('button'); s.id = 'stop'; s.textContent = 'Stop';"
                  " document.body.appendChild(s); }")
    assert page.locator("#stop").is_visible()
    _ask(page, "And what about the crews?")
    assert page.locator("#chat .asked").count() == 2
    context.close()


def test_new_chat_while_an_answer_is_written_starts_afresh(app, browser):
    """A member's walk: New chat mid-answer emptied the chat, then the next redraw brought the old conversation back."""
    context, page = _open(browser, app.url)
    app.stub.enqueue(Reply("Jason Killens said response times improved [1]. " * 12, chunk_delay=0.1))
    page.fill("#question textarea", QUESTION)
    page.press("#question textarea", "Enter")
    page.wait_for_selector("#chat .answer.st-writing p:not(.working)", timeout=15_000)
    page.click("#new-chat")
    page.wait_for_timeout(1_000)  # several redraws' worth of the old answer
    assert page.locator("#chat .asked, #chat .answer").count() == 0 and page.locator("#intro").is_visible()
    assert page.locator("#ask").is_visible() and not page.locator("#stop").is_visible()
    page.reload()
    page.wait_for_selector("#question textarea")
    page.wait_for_timeout(1_000)
    assert page.locator("#chat .asked").count() == 0
    _ask(page, "And what about the crews?")  # and the new chat works
    assert page.locator("#chat .asked").count() == 1
    context.close()


def test_phone_layout_keeps_the_question_box_and_sources_with_their_answer(app, browser):
    context, page = _open(browser, app.url, PHONE, is_mobile=True, has_touch=True)
    _ask(page, QUESTION)
    _ask(page, "And what about the crews?")
    assert _in_view(page, "#question textarea") and _in_view(page, "#ask")  # after an answer, no scrolling
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
    rows = page.locator("#chat .message-row")
    assert rows.count() == 4
    for i in (1, 3):  # each answer's sources sit inside its own message, after its text
        answer = rows.nth(i).locator(".answer")
        assert answer.locator(".sources .src").count() >= 1
        assert answer.locator("p").first.bounding_box()["y"] < answer.locator(".sources").bounding_box()["y"]
    _shot(page, "chat-phone.png")
    page.focus("#new-chat")  # keyboard only: New chat empties the conversation
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('#chat .answer')", timeout=10_000)
    page.reload()
    page.wait_for_selector("#intro")
    assert page.locator("#chat .answer").count() == 0  # and it stays empty
    context.close()


def test_the_scroll_down_button_does_not_show_the_answer_through_it(app, browser):
    """A walk's phone: the chat's round "scroll down" arrow, a white disc without an edge, sat over the answer's
    words like a stray glyph."""
    context, page = _open(browser, app.url, PHONE, is_mobile=True, has_touch=True)
    _ask(page, QUESTION)
    _ask(page, "And what about the crews?")
    page.evaluate("() => { for (const el of document.querySelectorAll('#chat *')) "
                  "if (el.scrollHeight > el.clientHeight + 20 && getComputedStyle(el).overflowY !== 'visible') "
                  "el.scrollTop = 0; }")
    button = page.locator("#chat .scroll-down-button-container button")
    button.wait_for(state="visible", timeout=10_000)
    fill, edge = button.evaluate("b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderTopColor]")
    # opaque, and edged: a white disc with a transparent border on a white card read as a stray arrow in the text
    assert "rgba" not in fill and "rgba" not in edge and abs(_luminance(fill) - _luminance(edge)) > 0.2, (fill, edge)
    box = button.bounding_box()
    assert box["width"] >= 36 and box["height"] >= 36, box  # a thumb's target (the second walk found 26 px small)
    # in the gutter beside the answers, not over their words (a later walk: centred, it hid a line of the answer)
    covered = page.evaluate("""b => { const r = b.getBoundingClientRect(); const out = [];
        for (const p of document.querySelectorAll('#chat p, #chat li, #chat summary, #chat .src-text')) {
          const q = p.getBoundingClientRect();
          if (q.width && r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom)
            out.push(p.textContent.slice(0, 60)); }
        return out; }""", button.element_handle())
    assert covered == [], covered
    context.close()


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_dark_mode_chat_and_article(app, browser):
    for viewport, name in ((DESKTOP, "chat-dark.png"), (PHONE, "chat-phone-dark.png")):
        context, page = _open(browser, app.url, viewport, color_scheme="dark")
        _ask(page, QUESTION)
        bg = page.evaluate("() => getComputedStyle(document.querySelector('.gradio-container')).backgroundColor")
        text = page.locator("#chat .answer p").first.evaluate("el => getComputedStyle(el).color")
        assert _luminance(bg) < 0.25 and _luminance(text) > 0.6
        _shot(page, name)
        href = page.locator("#chat a.src-link").first.get_attribute("href")
        context.close()
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    article = context.new_page()
    article.goto(app.url + href)
    body = article.evaluate("() => getComputedStyle(document.body).backgroundColor")
    target = article.locator(":target")
    assert _luminance(body) < 0.2 and _luminance(target.evaluate("el => getComputedStyle(el).color")) > 0.6
    assert _in_view(article, "header h1") and target.is_visible()
    _shot(article, "article-dark.png")
    context.close()


def test_the_article_is_drawn_in_the_chats_font_from_this_server(app, browser):
    """A walk: "Read it in the article" opened a page in DejaVu Sans (the system's), the chat being in Source Sans.
    The article now draws every glyph in the chat's own faces, its headline in the real bold, all from this app."""
    context, page = _open(browser, app.url)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    bold, = _fonts_drawn(page, "#intro strong").values()
    regular, = _fonts_drawn(page, "#intro p:nth-child(2)").values()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(app.url + "/article/2026-summer-68/01-ambulance-chief")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    drawn = {text: [f["postScriptName"] for f in fonts] for text, fonts in _fonts_drawn(page).items()}
    assert drawn["London Ambulance chief Jason Killens talks"] == [bold[0]["postScriptName"]], drawn
    body = [faces for text, faces in drawn.items() if text.startswith("Jason Killens said")]
    assert body == [[regular[0]["postScriptName"]]], drawn
    fallen = {text for text, fonts in _fonts_drawn(page).items() if any(not f["isCustomFont"] for f in fonts)}
    assert not fallen  # nothing on the page (the way back, the issue line, page numbers) in a system font
    assert fetched and all(url.startswith(app.url) for url in fetched), fetched  # never Google's fonts
    context.close()


@contextlib.contextmanager
def _archive_articles():
    """The article view alone over the published archive (index/), with the chat's fonts where the app serves them.
    Yields (its url, the index)."""
    import threading
    import time

    import gradio
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from rag.index.reader import load_index
    from rag.web.article_view import article_route

    index, port = load_index(ROOT / "index"), free_port()
    fonts = StaticFiles(directory=Path(gradio.__file__).parent / "templates/frontend/static")
    site = Starlette(routes=[article_route(index.article), Mount("/static", fonts)])
    server = uvicorn.Server(uvicorn.Config(site, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", index
    finally:
        server.should_exit = True
        thread.join(10)


def test_the_articles_subheadings_are_headings(browser):
    """A walk: in the published archive's "Flexible and hybrid working: what are your rights?" the subheading
    "Your statutory rights" read as one more paragraph. The view now shows as headings the short lines the index
    itself leaves out as subheadings (rag.sentences.passage_sentences); the list after "change your:" stays."""
    with _archive_articles() as (url, _):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(f"{url}/article/2026-summer-68/23-flexible-and-hybrid-working-what-are-you")
        assert "Your statutory rights" in page.locator("main h2").all_inner_texts()
        assert page.locator("main p", has_text=re.compile(r"^hours of work$")).count() == 1  # a list item, not a heading
        size = "el => parseFloat(getComputedStyle(el).fontSize)"
        heading = page.locator("main h2", has_text="Your statutory rights")
        assert heading.evaluate(size) > page.locator("main p").first.evaluate(size)
        heading.scroll_into_view_if_needed()
        _shot(page, "article-subheading.png")
        context.close()


def test_a_cited_passage_keeps_the_way_back_the_headline_and_the_issue_in_view_on_a_phone(browser):
    """A walk at phone size: "Read it in the article" scrolled to the highlighted passage and took the headline, the
    issue and "Back to the chat" out of view with it (the header scrolled away with the page under 40rem). A smaller
    header now stays at the top on a phone as on a desktop, the passage just below it, not under it."""
    issue, article = "2026-summer-68", "17-weve-got-to-diversify-our-workforce-inve"  # 18 passages, a long headline
    with _archive_articles() as (url, index):
        cited = index.article(issue, article)[1][9].chunk_id
        for viewport, name in ((PHONE, "article-phone.png"), (DESKTOP, "article-desktop.png")):
            context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
            page = context.new_page()
            page.goto(f"{url}/article/{issue}/{article}?hl={cited}#p-{cited}")  # as the chat's source links
            page.evaluate("() => document.fonts.ready.then(() => true)")
            assert page.evaluate("() => scrollY") > 2 * viewport["height"]  # gone down to the passage
            assert all(_in_view(page, s) for s in ("#back", "header h1", "header p")), name
            assert "summer 2026" in page.inner_text("header p")
            header, passage = page.locator("header").bounding_box(), page.locator(".passage.hl").bounding_box()
            assert header["y"] + header["height"] <= passage["y"] <= viewport["height"] / 3, name  # in view, uncovered
            _shot(page, name)
            context.close()


def test_an_address_in_a_passage_is_text_not_a_link(app, browser):
    context, page = _open(browser, app.url)
    _ask(page, "How can members write to the membership team about representation?")
    chat = page.inner_text("#chat")
    assert PLANTED_EMAIL in chat  # quoted by the model and shown in the source card
    links = page.evaluate("() => [...document.querySelectorAll('#chat a')].map(a => [a.getAttribute('href'), a.innerText])")
    assert links and not [x for x in links if "@" in (x[0] or "") + x[1] or "mip.example" in (x[0] or "") + x[1]]
    assert all(h.startswith(("#s-", "/article/", "https://publisher.example/")) for h, _ in links)  # code-built
    href = page.locator("#chat li.src", has_text="Join MiP").first.locator("a.src-link").get_attribute("href")
    article = context.new_page()
    article.goto(app.url + href)
    assert article.locator("a[href^='mailto:'], a[href*='mip.example']").count() == 0
    context.close()


def test_empty_question_gets_a_clear_message(app, browser):
    context, page = _open(browser, app.url)
    page.click("#ask")
    page.wait_for_selector("#status [role=alert]", timeout=10_000)
    assert "type a question" in page.inner_text("#status")
    context.close()


REAL_QUESTIONS = ("What did MiP expect from a new government after the 2024 election?",
                  "How can managers support autistic colleagues?")


def test_real_archive_walk_desktop_and_phone_light_and_dark(browser, tmp_path):
    """The published index with the bundled embedder, answers quoted (extractive): desktop and phone, light and
    dark, each with cited answers, no mailto link, and the article opened at its passage (the README's
    screenshots come from here with RAG_UPDATE_SCREENSHOTS=1)."""
    from rag.answer.build import build_pipeline
    from rag.config import load_settings
    from rag.web.app import build_app, launch_app
    from tests.app_server import free_port

    base = load_settings()  # its own data folder; the installed EmbeddingGemma from the default one
    settings = base.with_(index_dir=ROOT / "index", llm_model="extractive", port=free_port(), data_dir=tmp_path,
                          gemma_model_dir=base.gemma_model_path, auth=None, auth_file=None, public_base_url="")
    pipeline = build_pipeline(settings)
    demo = build_app(pipeline, settings)
    _, url, _ = launch_app(demo, pipeline, settings, prevent_thread_lock=True, quiet=True)
    try:
        for scheme, suffix in (("light", ""), ("dark", "-dark")):
            for viewport, name in ((DESKTOP, "chat-real"), (PHONE, "chat-phone-real")):
                context, page = _open(browser, url.rstrip("/"), viewport, color_scheme=scheme)
                _shot(page, f"first-screen{'-phone' if viewport is PHONE else ''}-real{suffix}.png", DOC_SHOTS)
                for q in REAL_QUESTIONS:
                    _ask(page, q, timeout_s=120)  # the real embedder on a busy 2-core machine
                assert page.locator("#chat a.cite").count() > 0
                assert page.locator("#chat a[href^='mailto:']").count() == 0
                page.wait_for_selector("#ask", state="visible")  # settled: not Stop and Gradio's pending dots
                _shot(page, f"{name}{suffix}.png", DOC_SHOTS)
                href = page.locator("#chat .answer").last.locator("a.src-link").first.get_attribute("href")
                context.close()
            context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
            article = context.new_page()
            article.goto(url.rstrip("/") + href)
            assert article.locator(":target").is_visible() and _in_view(article, "header h1")
            _shot(article, f"article-real{suffix}.png", DOC_SHOTS)
            context.close()
    finally:
        demo.close()


def test_an_articles_long_headline_is_shown_whole_on_a_phone(app, browser):
    """A walk: on a phone the article view cut "Managers "failed" by system as pandemic brought services to "brink of
    collapse"" to two lines ending "brink…". The headline now wraps whole, and the header that stays at the top even
    with the archive's longest headline (89 characters) is no taller than the room left above a cited passage."""
    walked = "Managers \u201cfailed\u201d by system as pandemic brought services to \u201cbrink of collapse\u201d"
    longest = "NHS job cuts a risk to cybersecurity as threat of AI-powered attacks rises \u201cdramatically\u201d"
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(app.url + "/article/2026-summer-68/02-ai-managers")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    for headline in (walked, longest):
        page.evaluate("t => { document.querySelector('header h1').textContent = t; }", headline)
        whole, lines, room = page.evaluate(
            "() => { const h = document.querySelector('header h1'), s = getComputedStyle(h); return ["
            " h.scrollHeight <= h.clientHeight + 1, h.clientHeight / parseFloat(s.lineHeight),"
            " parseFloat(getComputedStyle(document.querySelector('.passage')).scrollMarginTop)"
            "  - document.querySelector('header').getBoundingClientRect().height]; }")
        assert whole and lines > 1.5 and room >= 0, (headline, whole, lines, room)  # wrapped, none cut; room for it
    assert page.evaluate("() => getComputedStyle(document.querySelector('header')).position") == "sticky"
    context.close()
