"""A drop cap glued to the next word with letters lost between them ("**U**to 500 NHS England staff" in the 2026
markdown: most likely printed "Up to 500") cannot be repaired by any safe rule, as nothing says which letters went
missing; the parse report flags the article so a maintainer looks at the source. Drop caps that join into a word the
issue uses ("**T**here", "**N**HS", "R" / "eform" in the 2024 text) are read as before and not flagged."""

from pathlib import Path

from rag.corpus.folders import load_issue
from rag.corpus.parse_report import glued_drop_cap, parse_report, render_parse_report
from rag.types import Article, Paragraph

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _article(n, *texts):
    return Article("i", f"{n:02d}-a", f"Headline {n}", tuple(Paragraph(t, n) for t in texts), n)


def test_an_opening_word_found_nowhere_else_whose_tail_is_a_word_is_flagged():
    arts = [_article(1, "Uto 500 staff could be fired next year.", "They want to stay."),
            _article(2, "There is more to say, and to do.", "Irrational treatment: no reason given.")]
    assert glued_drop_cap(arts) == {"01-a": "Uto"}


def test_the_real_issues_flag_the_one_glued_drop_cap_and_nothing_else():
    issue, articles = load_issue(CORPUS / "2026-summer-68")
    assert list(glued_drop_cap(articles).values()) == ["Uto"]
    text = render_parse_report(parse_report(issue, articles))
    line = next(ln for ln in text.splitlines() if "Overseas staff face dismissal" in ln)
    assert "opens on 'Uto'" in line and "check the source" in line
    _, articles_2024 = load_issue(CORPUS / "2024-summer")
    assert glued_drop_cap(articles_2024) == {}
