"""A PDF's text from pdftotext or pdf2txt.py (what a refused PDF is sent to) holds each page's running header, section
label and page number as lines of their own: a tester's third issue so extracted was published as 40 articles for 15,
eleven headed "Healthcare Manager · Summer 2026" and three "Heads up" or "Analysis & opinion", each page one ahead of
its printed number. They are now left out, and the pages are the printed ones."""

from rag.corpus.parse_text import parse_text

HEADER = "Healthcare Manager · Autumn 2026"
BODY = ("Managers across the NHS met this spring to discuss the {0}, and the union said that what was offered fell "
        "short of what members had asked for in its consultation over the winter months.")
HEADS = ["Pay award falls short", "Trusts cut management posts", "Flexible working rules change",
         "Reps elected to the committee"]


def _page(folio: int, label: str, headline: str, top: bool) -> str:
    """One page as pdf2txt writes it: header and label first or beside each other, the folio last."""
    furniture = [label, HEADER] if top else [HEADER, label]
    return "\n\n".join([*furniture, headline, BODY.format(headline.lower()), str(folio)]) + "\n"


def _issue() -> str:
    cover = "Healthcare Manager\n\nIssue 69 · Autumn 2026\n\nPay award falls\nshort\n"
    labels = ["Heads up", "Heads up", "Features", "Features"]
    return "\f".join([cover] + [_page(i + 1, labels[i], h, i % 2 == 0) for i, h in enumerate(HEADS)]) + "\f"


def test_running_headers_labels_and_folios_are_not_text():
    articles = [a for a in parse_text(_issue(), "t") if a.page is not None]
    assert [(a.headline, a.page) for a in articles] == [(h, i + 1) for i, h in enumerate(HEADS)]
    for a in articles:
        assert HEADER not in a.text and "Heads up" not in a.text and "Features" not in a.text
        assert a.text.rstrip().endswith("winter months.")  # no folio after it


def test_a_first_page_set_in_issue_toml_still_numbers_the_pages():
    articles = [a for a in parse_text(_issue(), "t", hints={"first_page": 5}) if a.headline in HEADS]
    assert [a.page for a in articles] == [6, 7, 8, 9]


def test_a_footer_holding_the_page_number_is_not_text_and_numbers_the_pages():
    """pdftotext writes a footer's folio in its line: "2 Healthcare Manager · Autumn 2026", "... Autumn 2026 3"."""
    pages = ["Healthcare Manager\n\nIssue 69 · Autumn 2026\n"]
    for i, head in enumerate(HEADS):
        folio = i + 2
        footer = f"{folio} {HEADER}" if folio % 2 == 0 else f"{HEADER} {folio}"
        pages.append("\n\n".join([head, BODY.format(head.lower()), footer]) + "\n")
    articles = [a for a in parse_text("\f".join(pages) + "\f", "t") if a.headline in HEADS]
    assert [(a.headline, a.page) for a in articles] == [(h, i + 2) for i, h in enumerate(HEADS)]
    assert not [a for a in articles if HEADER in a.text or not a.text.rstrip().endswith("winter months.")]
