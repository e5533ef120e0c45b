"""Walk 32: the further reading under a refused question ("if my job goes in a restructure can I get redeployed
instead?") listed "Editorial" twice, the two issues' editorials, told apart only by the small line under each (and
alike in a screen reader's list of links). A headline two items share is named with its issue."""

import re

from rag.web.further_reading import further_html

URL = "/article/{}/01-editorial?hl=c{}#p-c{}"
ITEMS = [
    {"article": "Editorial", "where": "Healthcare Manager issue 68, summer 2026 · page 3",
     "url": URL.format("2026-summer-68", 1, 1)},
    {"article": "Editorial", "where": "Healthcare Manager summer 2024 (general election special) · page 3",
     "url": URL.format("2024-summer", 2, 2)},
    {"article": "Reforming NHS pay: what's at stake?", "where": "Healthcare Manager issue 68, summer 2026 · page 14",
     "url": URL.format("2026-summer-68", 3, 3)},
]


def _names(page: str) -> list[str]:
    return re.findall(r'class="further-link" href="[^"]*">([^<]*)</a>', page)


def test_two_articles_with_one_headline_are_named_with_their_issues():
    names = _names(further_html(ITEMS))
    assert len(names) == 3 and len(set(names)) == 3  # before: "Editorial" twice
    assert names[:2] == ["Editorial (issue 68, summer 2026)", "Editorial (summer 2024)"]
    assert names[2] == "Reforming NHS pay: what&#x27;s at stake?"  # a headline of its own is left as it is


def test_a_headline_shown_once_gets_no_issue():
    assert _names(further_html(ITEMS[1:])) == ["Editorial", "Reforming NHS pay: what&#x27;s at stake?"]


def test_the_issue_in_a_link_is_short():
    from rag.web.further_reading import issue_short

    assert issue_short("Healthcare Manager issue 68, summer 2026 · page 3") == "issue 68, summer 2026"
    assert issue_short("Healthcare Manager summer 2024 (general election special)") == "summer 2024"
    assert issue_short("Healthcare Manager issue 69 (September 2026) · page 2") == "issue 69 (September 2026)"


def test_the_cards_of_two_issues_editorials_are_named_apart_for_a_screen_reader():
    from rag.web.chat_render import sources_html

    sources = [dict(item, n=n, text="A passage.", chunk_id=f"c{n}") for n, item in enumerate(ITEMS, 1)]
    sources.append(dict(ITEMS[2], n=4, text="Another passage of the same article.", chunk_id="c4"))
    page = sources_html({"id": "t1", "sources": sources, "state": "done", "cited": [1, 2, 3]})
    heard = re.findall(r'Read it in the article<span class="sr-only">: ([^<]*)</span>', page)
    assert heard[:2] == ["Editorial (issue 68, summer 2026)", "Editorial (summer 2024)"]  # before: "Editorial" twice
    assert heard[2:] == ["Reforming NHS pay: what&#x27;s at stake?"] * 2  # one article's passages: its headline alone
    assert page.count("<strong>Editorial</strong>") == 2  # what is seen is unchanged: the where line tells them apart
