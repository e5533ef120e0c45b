"""Walk 24, the article view as a screen reader and an odd address meet it.

- The cited passage was marked by colour alone: the accessibility tree had nothing to tell it from the rest. It is now a
  named region, "The passage the answer cites".
- A link cut short (/article/2026-summer-68, /article/) answered Starlette's bare '{"detail":"Not Found"}' as JSON; a
  trailing slash was redirected to this host's root, not behind a proxy's path prefix. Now the not-found page (sized
  for a phone), and the article's own address under the app's base.
"""

from pathlib import Path

import pytest

from rag.types import Chunk, Issue
from rag.web.article_view import article_address, article_route, render_article_html

ISSUE = Issue("2026-summer-68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "f.txt")
CHUNKS = [Chunk(f"c{k}", ISSUE.issue_id, ISSUE.title, ISSUE.date, "01-pay", "Pay news", 4, k, text)
          for k, text in enumerate(["Managers met on Monday.", "VSMs get a 3% pay rise.", "Talks go on."])]
CITED = 'role="region" aria-label="The passage the answer cites"'


def _lookup(issue_id: str, article_id: str):
    if (issue_id, article_id) != (ISSUE.issue_id, "01-pay"):
        raise KeyError(article_id)
    return ISSUE, CHUNKS


def test_the_cited_passage_is_a_named_region_and_no_other_is():
    page = render_article_html(ISSUE, CHUNKS, highlight="c1")
    assert page.count(CITED) == 1
    assert f'<section {CITED} class="passage hl" id="p-c1"' in page
    assert CITED not in render_article_html(ISSUE, CHUNKS)  # nothing cited, nothing named
    assert CITED not in render_article_html(ISSUE, CHUNKS, highlight="elsewhere")


def test_an_address_names_an_article_only_with_both_parts():
    assert article_address("2026-summer-68/01-pay") == ("2026-summer-68", "01-pay")
    assert article_address("2026-summer-68/01-pay/") == ("2026-summer-68", "01-pay")
    for rest in ("", "2026-summer-68", "2026-summer-68/", "a//b", "../../etc/passwd", "a/b/c"):
        assert article_address(rest) is None, rest


@pytest.fixture
def client():
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    site = Starlette(routes=[article_route(_lookup, home_url="/hm/")])
    with TestClient(site, follow_redirects=False) as c:
        yield c


@pytest.mark.parametrize("path", ["/article/2026-summer-68", "/article/2026-summer-68/", "/article/",
                                  "/article/2026-summer-68/nope", "/article/..%2f..%2fetc/passwd",
                                  "/article/2026-summer-68/01-pay/extra"])
def test_an_address_naming_no_article_gets_the_not_found_page(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html"), r.text  # was {"detail":"Not Found"}
    assert "Article not found" in r.text and 'href="/hm/"' in r.text
    assert 'name="viewport"' in r.text and "default-src 'none'" in r.headers["content-security-policy"]
    assert "root:" not in r.text


def test_a_trailing_slash_leads_to_the_article_under_the_apps_base(client):
    r = client.get("/article/2026-summer-68/01-pay/?hl=c1")
    assert r.status_code in (301, 308)
    assert r.headers["location"] == "/hm/article/2026-summer-68/01-pay?hl=c1"  # was http://host/article/...
    assert "VSMs get a 3% pay rise." in client.get("/article/2026-summer-68/01-pay?hl=c1").text


@pytest.mark.slow
@pytest.mark.browser
def test_a_screen_reader_is_told_which_passage_is_cited_and_a_cut_link_fits_a_phone():
    from playwright.sync_api import sync_playwright

    from tests.test_browser import ARGS, CHROMIUM, PHONE, _archive_articles

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: apt-get install -y chromium")
    issue, article = "2026-summer-68", "23-flexible-and-hybrid-working-what-are-you"
    with _archive_articles() as (url, index), sync_playwright() as p:
        cited = index.article(issue, article)[1][2]
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = context.new_page()
        page.goto(f"{url}/article/{issue}/{article}?hl={cited.chunk_id}#p-{cited.chunk_id}")  # as the chat links
        region = page.get_by_role("region", name="The passage the answer cites")
        assert region.count() == 1
        assert cited.text.split("\n")[0][:40] in " ".join(region.inner_text().split())
        assert "region \"The passage the answer cites\"" in page.locator("main").aria_snapshot()
        page.goto(f"{url}/article/{issue}")  # a link cut short
        assert page.get_by_role("heading", name="Article not found").count() == 1
        assert page.evaluate("() => window.innerWidth") == PHONE["width"]  # 980 without a viewport: tiny on a phone
        browser.close()
