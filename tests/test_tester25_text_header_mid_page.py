"""pdf2txt.py writes a page's text boxes in its own order: on some pages of a tester's issue the running header came
mid-page, after a story's first lines, and was read as a headline ("Healthcare Manager · Summer 2026", page 5, 159
words under it) with the section label above it left in the text. A running header's line is now left out wherever it
stands on a page, and the label beside it at the page's edge too: the 3col magazine through pdf2txt.py gives 34
articles for 16 where it gave 35 (the rest: subheads and listings read as headlines, still open)."""

from rag.corpus.parse_text import parse_text
from tests.test_tester24_text_pages import BODY, HEADER, HEADS


def _page(folio: int, headline: str, header_inside: bool) -> str:
    body = BODY.format(headline.lower())
    first, rest = body[:60].rsplit(" ", 1)[0], body[len(body[:60].rsplit(" ", 1)[0]) + 1:]
    if header_inside:  # the label on top, the header between the story's first and next lines
        parts = ["Heads up", headline, first, HEADER, rest, str(folio)]
    else:
        parts = [HEADER, "Heads up", headline, body, str(folio)]
    return "\n\n".join(parts) + "\n"


def test_a_running_header_mid_page_is_no_headline():
    cover = "Healthcare Manager\n\nIssue 69 · Autumn 2026\n"
    text = "\f".join([cover] + [_page(i + 1, h, i == 2) for i, h in enumerate(HEADS)]) + "\f"
    articles = [a for a in parse_text(text, "t") if a.page is not None]
    assert [a.headline for a in articles] == HEADS
    for a in articles:
        assert HEADER not in a.text and "Heads up" not in a.text, a.text
