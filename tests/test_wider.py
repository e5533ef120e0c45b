"""Searching some issues only: a notice when another issue holds passages clearly closer (rag.answer.wider)."""

import pytest

from rag.answer.pipeline import Pipeline
from rag.answer.retrieve import Filters, Retrieval
from rag.answer.wider import closer_elsewhere, narrows
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import build_index
from rag.types import Hit


def hit(issue: str, date: str) -> Hit:
    return Hit(rank=1, chunk_id=f"{issue}-c", score=1.0, text="Pay rose.", issue=issue, issue_title=f"Issue {issue}",
               date=date, article="A", article_id="a", page=1, url="/a", publisher_url=None)


INSIDE = Retrieval(hits=(hit("2024", "2024-06-01"),), best_dense=0.40, best_lexical=1.0)


def test_another_issue_clearly_closer_is_named():
    everywhere = Retrieval(hits=(hit("2026", "2026-06-01"), hit("2024", "2024-06-01")), best_dense=0.62,
                           best_lexical=1.0)
    notice = closer_elsewhere(INSIDE, everywhere, Filters(issues=("2024",)), margin=0.05)
    assert "Issue 2026 (2026-06-01)" in notice and "search all issues" in notice


@pytest.mark.parametrize("best, filters", [
    (0.43, Filters(issues=("2024",))),  # closer, but not by the margin
    (0.62, Filters(issues=("2024", "2026"))),  # every issue retrieved was chosen
    (0.62, Filters(date_from="2024-01-01")),  # the closer passage is inside the dates chosen
])
def test_no_notice_when_nothing_outside_is_clearly_closer(best, filters):
    everywhere = Retrieval(hits=(hit("2026", "2026-06-01"), hit("2024", "2024-06-01")), best_dense=best,
                           best_lexical=1.0)
    assert closer_elsewhere(INSIDE, everywhere, filters, margin=0.05) == ""


def test_narrows():
    assert not narrows(Filters()) and narrows(Filters(issues=("x",))) and narrows(Filters(date_to="2025-01-01"))


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    idx = build_index(tmp_path_factory.mktemp("idx"))
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)
    return Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=None,
                    count_tokens=lambda t: len(t.split()))


def test_an_answer_searched_in_the_wrong_issue_says_which_issue_is_closer(pipeline):
    """A walk filtered to 2024 and asked what board-level managers get this year: quotes off the point, no hint."""
    question = "Employers must respond to a request within two months?"
    wrong = pipeline.answer(question, issue="2024-summer")
    assert "Healthcare Manager issue 68, summer 2026 (2026-06-01), outside the issues you chose" in wrong.notice
    right = pipeline.answer(question, issue="2026-summer")
    assert "outside the issues you chose" not in right.notice
    everywhere = pipeline.answer(question)
    assert "outside the issues you chose" not in everywhere.notice
