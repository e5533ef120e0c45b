"""Walk 35, reading the page's colours as a member with low vision meets them: Ask, the one button every question
goes through, was a white word on Gradio's orange, 2.8:1 (3.6:1 in dark mode), and Stop white on red, 3.8:1; a 16 px
word needs 4.5:1 (WCAG 1.4.3). Both now use darker shades of their colours (rag.web.chat_page.theme). The question
box's hint ("Ask about the archive, e.g. ...") was 1.9:1 and its edge 1.3:1 on white, the filter's too: a box a member
could hardly see (a control's edge needs 3:1, WCAG 1.4.11)."""

from pathlib import Path

import pytest

# The contrast of an element's text with its own background (both opaque here), as WCAG defines it
CONTRAST = """sel => {
  const el = document.querySelector(sel), cs = getComputedStyle(el);
  const rgb = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(cs.color), lum(cs.backgroundColor)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


# The hint's words on the box, and the box's edge on the page around it (the page's own background, as seen)
EDGES = """() => {
  const rgb = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (x, y) => (Math.max(lum(x), lum(y)) + 0.05) / (Math.min(lum(x), lum(y)) + 0.05);
  const page = getComputedStyle(document.body).backgroundColor, box = document.querySelector('#question textarea');
  return {hint: ratio(getComputedStyle(box, '::placeholder').color, getComputedStyle(box).backgroundColor),
          box: ratio(getComputedStyle(document.getElementById('question')).borderTopColor, page),
          filter: ratio(getComputedStyle(document.getElementById('issue-filter')).borderTopColor, page)};
}"""


@pytest.mark.slow
@pytest.mark.browser
def test_ask_stop_the_hint_and_the_boxes_edges_can_be_read_in_light_and_dark(tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.app_server import running_app
    from tests.openai_stub import Reply
    from tests.test_browser import ARGS, CHROMIUM, FINISHED

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: run `apt-get install -y chromium`")
    slow = "Jason Killens said ambulance response times improved after the control room was reorganised [1]. " * 4
    with running_app(tmp_path, rate_per_minute=1000) as app, sync_playwright() as p:
        app.stub.always("stub", Reply(slow, chunk_delay=0.2))
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for scheme in ("light", "dark"):
                page = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme).new_page()
                page.goto(app.url)
                page.wait_for_selector("#ask")
                ask = page.evaluate(CONTRAST, "#ask")
                edges = page.evaluate(EDGES)  # before: 1.9, 1.3 and 1.3 on white
                assert "0, 0, 0, 0" not in page.evaluate("getComputedStyle(document.body).backgroundColor")
                assert edges["hint"] >= 4.5 and edges["box"] >= 3 and edges["filter"] >= 3, (scheme, edges)
                page.hover("#ask")
                page.wait_for_function(f"({CONTRAST})('#ask') > {ask} + 0.5", timeout=10_000)  # hovered: darker still
                page.fill("#question textarea", "What did Jason Killens say about response times?")
                page.press("#question textarea", "Enter")
                page.wait_for_selector("#stop", state="visible", timeout=30_000)
                stop = page.evaluate(CONTRAST, "#stop")
                assert ask >= 4.5 and stop >= 4.5, (scheme, ask, stop)  # before: 2.8 and 3.8 (3.6 for Ask dark)
                page.wait_for_selector(FINISHED, timeout=60_000)
                page.context.close()
        finally:
            browser.close()
