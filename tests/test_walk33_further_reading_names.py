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
