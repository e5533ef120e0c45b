"""A request for an issue's contents is answered with its articles by headline and page, each cited."""

import pytest

from rag.answer.issue_contents import asked_issue, first_passages
from rag.testing import article_pipeline, sample_corpus
from rag.types import Chunk, Issue

NEW = Issue("2026-summer-68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "a.txt", 68)
OLD = Issue("2024-summer", "Healthcare Manager summer 2024", "2024-06-01", "summer 2024", "b.txt")


@pytest.mark.parametrize("question, issue", [
    ("summarise issue 68 for me", NEW), ("what's in the latest issue?", NEW),
    ("what was in the summer 2024 issue", OLD),
    ("list the articles in the 2024 edition", OLD), ("contents of the latest issue of Healthcare Manager", NEW),
    ("summarise issue 70", "70"),
    # session 25: "what's the latest issue about?" got two quotes
    ("what's the latest issue about?", NEW), ("what is issue 68 about", NEW), ("tell me about the 2024 issue", OLD),
    ("what was the summer 2024 edition all about?", OLD)])
def test_requests_for_an_issues_contents(question, issue):
    """A walk's "summarise issue 68 for me" got two quotes from one article."""
    assert asked_issue(question, [NEW, OLD]) == issue


@pytest.mark.parametrize("question", [
    "what's in this issue of the magazine on flexible working", "what is in the news section of issue 68?",
    "what is in the issue about pay?", "summarise the pay article", "what's in the archive?", "what was in the 2026 "
    "pay award for managers?", "what's the pay article about?", "what is the flexible working issue about?",
    "what is this about?", "tell me about the pay rise in the latest issue"])
def test_a_topic_or_no_one_issue_is_no_such_request(question):
    assert asked_issue(question, [NEW, OLD]) is None


def test_articles_come_in_page_order_each_by_its_first_passage():
    def chunk(cid, article, position, page):
        return Chunk(cid, NEW.issue_id, NEW.title, NEW.date, article, article.title(), page, position, "text")
    other = Chunk("x1", OLD.issue_id, OLD.title, OLD.date, "e", "E", 1, 0, "text")  # another issue's
    chunks = [chunk("a2", "b", 1, 5), chunk("a1", "b", 0, 4), chunk("c1", "c", 0, None), chunk("d1", "d", 0, 2), other]
    assert [c.chunk_id for c in first_passages(NEW, chunks)] == ["d1", "a1", "c1"]


def test_the_pipeline_lists_the_issues_articles_and_says_when_there_is_no_such_issue(tmp_path):
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    answer = pipeline.answer("what's in the latest issue?")
    assert not answer.refused and pipeline.llm.calls == []
    assert answer.answer.startswith("Healthcare Manager issue 68, summer 2026 (published June 2026) holds")
    lines = answer.answer.split("\n\n")[1:]
    assert len(lines) == len(answer.citations) and lines[0].endswith("[1]")
    assert {c.issue for c in answer.citations} == {"2026-summer"}
    assert answer.standalone_question == "what's in the latest issue?"  # nothing searched: no "Searched for" line
    missing = pipeline.answer("summarise issue 70")
    assert missing.refused and missing.answer.startswith("The archive has no issue 70. It holds:")
