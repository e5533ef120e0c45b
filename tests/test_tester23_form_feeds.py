"""A text extracted with pdftotext or pdfminer (the tools a maintainer is sent to for a PDF the parser cannot read)
marks each page with a form feed; the raw-text parser found pages only by lines beginning with one space (the 2024
file's extraction), so every article of such a text was on page 1. A text holding form feeds is now paged by them."""

from rag.corpus.parse_text import parse_text

BODY = ("Managers across the NHS met this spring to discuss the pay award for this year, and the union said that the "
        "offer fell short of what members had asked for in its consultation.")


def test_form_feeds_mark_the_pages():
    pages = [f"Pay award falls short\n\n{BODY}\n", f"Pensions: what changes in April\n\n{BODY}\n",
             f"Your rights at work this year\n\n{BODY}\n"]
    articles = parse_text("\f".join(pages) + "\f", "t")
    assert [(a.headline, a.page) for a in articles] == [
        ("Pay award falls short", 1), ("Pensions: what changes in April", 2), ("Your rights at work this year", 3)]
