"""A markdown issue whose headings start at "##" (no "#" title; many exports do) was read as one article: every
later article's headline a subhead of the first, so members were shown all its passages under the first headline.
The file's highest heading level now counts as the top level."""

from rag.corpus.parse_markdown import parse_markdown

PAY = ("Managers across the NHS met this spring to discuss the pay award for this year, and the union said that the "
       "offer fell short of what members had asked for.")
PENSIONS = ("The pension scheme changes in April. Members should check their statements and contact the union if the "
            "figures look wrong, the union said this week.")


def _read(text):
    return [(a.headline, [p.text for p in a.paragraphs]) for a in parse_markdown(text, "t")]


def test_articles_under_second_level_headings_are_articles():
    assert _read(f"## Pay award falls short of what members asked\n\n{PAY}\n\n## Pensions: what changes in April\n\n"
                 f"{PENSIONS}\n\n### What to check\n\n{PENSIONS}\n") == [
        ("Pay award falls short of what members asked", [PAY]),
        ("Pensions: what changes in April", [PENSIONS, "What to check", PENSIONS])]


def test_a_title_at_the_second_level_over_third_level_articles():
    assert [h for h, _ in _read(f"## Spring 2030\n\n### Pay award falls short\n\n{PAY}\n\n### Pensions changes in "
                                f"April\n\n{PENSIONS}\n")] == ["Pay award falls short", "Pensions changes in April"]


def test_prose_before_the_first_headline_is_kept():
    # read as the cover's lines and dropped without a word: an editorial printed without a headline
    editorial = "Welcome to the spring issue. " + PAY * 3
    articles = _read(f"Spring 2027\n\n{editorial}\n\n## Pensions: what changes in April\n\n{PENSIONS}\n")
    assert [paras for _, paras in articles] == [[editorial], [PENSIONS]]


def test_cover_lines_are_still_left_out():
    articles = _read(f"Spring 2027\n\nHow staff are paying the price for messy NHS reforms\n\n# Pay award falls short\n\n{PAY}\n")
    assert articles == [("Pay award falls short", [PAY])]


def test_a_pipe_table_is_read_row_by_row():
    # it was one paragraph: "| Band | Pay from April | Rise | | :--- | ---: | --- | | Band 8a | ..."
    table = ("| Band | Pay from April | Rise |\n| :--- | ---: | --- |\n| Band 8a | £50,952 | 5.5% |\n"
             "| Band 8b | **£58,972** | 5.5% |")
    assert _read(f"# Pay award falls short\n\n{PAY}\n\n{table}\n\nBand | Pay\n---|---\n8c | £70,000\n") == [
        ("Pay award falls short", [PAY, "Band: Pay from April: Rise", "Band 8a: £50,952: 5.5%", "Band 8b: £58,972: 5.5%",
                                   "Band: Pay", "8c: £70,000"])]


def test_a_line_with_a_pipe_is_no_table():
    assert _read(f"issue 68 | summer 2026\n\n# Pay award falls short\n\n{PAY}\n\nA | B\n") == [
        ("Pay award falls short", [PAY, "A | B"])]
