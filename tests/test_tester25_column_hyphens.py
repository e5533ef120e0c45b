"""A word broken at a line end into two words ("through-" / "out", "members-" / "hip"), at a column's foot or
anywhere, kept its hyphen when the issue held the closed form nowhere else: "out" is a compound tail ("drop-in",
"sell-off") and two real words with no closed form in the issue were read as a compound. A session 24 tester's
hyphenated issue kept 4 of its 221 breaks so ("through-out", "members-hip"). With no evidence in the issue, a closed
form common in English (pyspellchecker's list) now joins; compounds whose closed form is no common word keep their
hyphen as before. Real PDFs for the column foot, and the rule itself."""

import textwrap
from collections import Counter

import pytest

from rag.corpus.cleaning import join_hyphenated
from rag.corpus.parse_pdf import parse_pdf_layout
from rag.testing import paged_pdf

BODY = ("Managers across the NHS met this spring to discuss the pay award, and the union said that what was offered "
        "fell short of what members had asked for in its consultation over the winter months. ") * 3


@pytest.mark.parametrize("left, right, want", [("through", "out the year", "throughout the year"),
                                               ("members", "hip of the union", "membership of the union")])
def test_a_word_broken_at_a_columns_foot_is_joined(tmp_path, left, right, want):
    first = textwrap.wrap(BODY + "They said that " + left + "-", 45)  # the column ends on the broken word
    second = textwrap.wrap(right + " grew by a third. " + BODY, 45)
    rows = [b"BT /F2 20 Tf 1 0 0 1 50 780 Tm (Pay award falls short) Tj ET"]
    rows += [b"BT /F1 10 Tf 1 0 0 1 %d %.1f Tm (%s) Tj ET" % (x, 750 - 12.5 * i, ln.encode())
             for x, col in ((50, first), (320, second)) for i, ln in enumerate(col)]
    path = tmp_path / "i.pdf"
    path.write_bytes(paged_pdf([b"\n".join(rows + [b"BT /F1 8 Tf 1 0 0 1 300 40 Tm (3) Tj ET"])],
                               [b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
                                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>"]))
    (article,) = parse_pdf_layout(path, "2026-autumn-69").articles
    assert f"They said that {want} grew by a third." in article.text


@pytest.mark.parametrize("left, right, want", [
    ("through", "out", "throughout"), ("members", "hip", "membership"), ("with", "in", "within"),
    # no common closed form: a compound, as before
    ("drop", "in", "drop-in"), ("paper", "thin", "paper-thin"), ("follow", "up", "follow-up"), ("end", "of", "end-of"),
    ("co", "production", "co-production"), ("well", "being", "well-being"), ("middle", "class", "middle-class")])
def test_with_no_evidence_in_the_issue_a_common_closed_form_joins(left, right, want):
    assert join_hyphenated(left, right, Counter()) == want


def test_the_issues_own_words_still_decide_first():
    assert join_hyphenated("through", "out", Counter({"through-out": 3})) == "through-out"
