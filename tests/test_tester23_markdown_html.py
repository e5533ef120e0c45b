"""A markdown issue holding raw HTML (markdown allows it; exports and hand edits bring it) was published as written:
tags, an editor's `<!-- TODO -->` comment, a `<script>` and `&pound;` in the passages members read and the model is
sent. Now it is read as the text a browser shows."""

from rag.corpus.markdown_html import html_to_text
from rag.corpus.parse_markdown import parse_markdown

ISSUE = """# Pay award news

<!-- TODO: check figures with Jon before print -->
<div class="standfirst">The union said the pay offer fell short of what members asked for &amp; that it would consult.</div>

Managers across the NHS met this spring to discuss the pay award for this year.<br>The union said that the offer fell
short of what members had asked for in its consultation.

<table>
<tr><th>Band</th><th>Pay</th></tr>
<tr><td>Band 8a</td><td>&pound;50,952</td></tr>
</table>

<script>alert("x")</script>
<style>.a { color: red }</style>

The review body will report in July.&nbsp;Members will be balloted on the offer. <img src="chart.png" alt="A chart">

<h2 class="x">What the union asks for</h2>

<ul><li>A rise above inflation for every band this year</li><li>Talks on pay restoration before the next round</li></ul>
"""


def test_html_in_a_markdown_issue_is_read_as_its_text():
    articles = parse_markdown(ISSUE, "t")
    text = "\n".join(p.text for a in articles for p in a.paragraphs)
    for left in ("<", ">", "TODO", "alert", "color", "&amp;", "&pound;", "&nbsp;", "chart.png"):
        assert left not in text, left
    assert "asked for & that it would consult" in text and "Band 8a: £50,952" in text
    assert "for this year. The union said" in text and "July. Members will be balloted" in text
    assert "What the union asks for" in text and "A rise above inflation for every band this year" in text


def test_text_without_html_is_left_as_it_is():
    for text in ("Pay rose <5% for a < b > c", "AT&T and R&D; M&S", "1 < 2 and 3 > 2", "Email <c.ryan@miphealth.org.uk>"):
        assert html_to_text(text) == text


def test_the_docstring_example():
    assert html_to_text("<p>Pay rose &amp; <b>fast</b></p><!-- check -->") == "\n\nPay rose & fast\n\n"
