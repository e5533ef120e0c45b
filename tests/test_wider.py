"""Searching some issues only: a notice when another issue holds passages clearly closer (rag.answer.wider)."""

import pytest

from rag.answer.pipeline import Pipeline
from rag.answer.retrieve import Filters, closest_outside
from rag.answer.wider import closer_elsewhere, narrows
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import build_index
from rag.types import Chunk


def chunk(issue: str, date: str) -> Chunk:
    return Chunk(chunk_id=f"{issue}-c", issue_id=issue, issue_title=f"Issue {issue}", date=date, article_id="a",
                 headline="A", page=1, position=0, text="Pay rose.")


def test_another_issue_clearly_closer_is_named():
    notice = closer_elsewhere(0.40, (0.62, chunk("2026", "2026-06-01")), 0.05, Filters(issues=("2024",)))
    assert "Issue 2026, outside" in notice and "search all issues" in notice


@pytest.mark.parametrize("filters,named", [(Filters(issues=("2024",)), "outside the issue you chose,"),
                                           (Filters(issues=("2024", "2023")), "outside the issues you chose,"),
                                           (Filters(date_to="2025-01-01"), "outside the dates you chose,")])
def test_the_notice_names_what_the_member_chose(filters, named):
    """A walk filtered to one issue was told of "the issues you chose"."""
    assert named in closer_elsewhere(0.40, (0.62, chunk("2026", "2026-06-01")), 0.05, filters)


@pytest.mark.parametrize("outside", [
    (0.43, chunk("2026", "2026-06-01")),  # closer, but not by the margin
    None,  # nothing outside the filter among the closest passages
])
def test_no_notice_when_nothing_outside_is_clearly_closer(outside):
    assert closer_elsewhere(0.40, outside, 0.05, Filters(issues=("2024",))) == ""


def test_narrows():
    assert not narrows(Filters()) and narrows(Filters(issues=("x",))) and narrows(Filters(date_to="2025-01-01"))


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("idx"))


@pytest.mark.parametrize("filters, outside", [
    (Filters(issues=("2024-summer",)), "2026-summer"),
    (Filters(issues=("2024-summer", "2026-summer")), None),  # every issue was chosen
    (Filters(date_from="2024-01-01"), None),  # every passage is inside the dates chosen
])
def test_the_closest_passage_outside_the_filter(idx, filters, outside):
    vector = HashEmbedder().embed_query("Employers must respond to a request within two months")
    found = closest_outside(idx, vector, filters)
    assert (found[1].issue_id if found else None) == outside
    if found:
        assert "within two months" in found[1].text and found[0] > 0  # the passage itself, in the other issue


@pytest.fixture(scope="module")
def pipeline(idx):
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)
    return Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=None,
                    count_tokens=lambda t: len(t.split()))


def test_an_answer_searched_in_the_wrong_issue_says_which_issue_is_closer(pipeline):
    """A walk filtered to 2024 and asked what board-level managers get this year: quotes off the point, no hint."""
    question = "Employers must respond to a request within two months?"
    wrong = pipeline.answer(question, issue="2024-summer")
    assert "Healthcare Manager issue 68, summer 2026, outside the issue you chose" in wrong.notice
    right = pipeline.answer(question, issue="2026-summer")
    assert "outside the issue" not in right.notice
    everywhere = pipeline.answer(question)
    assert "outside the issue" not in everywhere.notice


def test_a_question_refused_in_the_issues_chosen_names_the_issue_that_answers_it(idx):
    """A second walk, filtered to 2024: "What pay rise are board-level managers getting?" got "The archive does not
    cover this", and nothing said issue 68 answers it (its passages were not 0.05 closer than 2024's)."""
    from rag.answer.answerability import AnswerabilityModel

    model = AnswerabilityModel(features=("slot",), mean=(0.0,), scale=(1.0,), weights=(20.0,), bias=-6.0,
                               threshold=0.5, embedder=HashEmbedder.name)
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, other_issue_margin=5.0)
    p = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=None,
                 count_tokens=lambda t: len(t.split()), answerability_model=model)
    question = "How long do employers have to respond to a flexible working request?"
    assert not p.answer(question).refused
    refused = p.answer(question, issue="2024-summer")
    assert refused.refused
    assert refused.notice == ("Healthcare Manager issue 68, summer 2026, outside the issue you chose, "
                              "answers this: search all issues to include it.")
    assert p.answer("When was Chris Withers born?", issue="2024-summer").notice == ""  # refused everywhere: no notice
