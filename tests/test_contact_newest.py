"""Whom to contact: the newest issue's details supersede an older issue's (a walk was told to contact the 2026
organiser "or" the 2024 one, under "As of issue 68")."""

import pytest

from rag.answer.pipeline import Pipeline
from rag.answer.prompts import asks_whom_to_contact
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index
from rag.types import Article, Issue, Paragraph

NEW = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "a.txt", number=68)
OLD = Issue("2024-summer", "Healthcare Manager summer 2024", "2024-06-01", "summer 2024", "b.txt")


def _article(issue: Issue, text: str) -> Article:
    return Article(issue.issue_id, "01-meet-your-reps", "Meet your reps", (Paragraph(text, 20),), 20)


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    corpus = [(NEW, [_article(NEW, "To become an MiP rep, contact the acting national organiser, Rosie Kirk: "
                                   "r.kirk@miphealth.org.uk.")]),
              (OLD, [_article(OLD, "To become an MiP rep, contact the national organiser, Katia Widlak: "
                                   "k.widlak@miphealth.org.uk.")])]
    return build_index(tmp_path_factory.mktemp("idx"), corpus)


def _asked(idx, question: str) -> list[str]:
    llm = ScriptedLLM(["Contact Rosie Kirk [1]."])
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)
    Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=llm,
             count_tokens=lambda t: len(t.split())).answer(question)
    return [m["content"] for m in llm.calls[-1]]


def test_a_contact_question_is_answered_from_the_newest_issue_alone(idx):
    prompt = "\n".join(_asked(idx, "To become an MiP rep, who should I get in touch with?"))
    assert "Rosie Kirk" in prompt and "Katia Widlak" not in prompt


def test_other_questions_still_read_both_issues(idx):
    prompt = "\n".join(_asked(idx, "Which national organisers has MiP had for reps?"))
    assert "Rosie Kirk" in prompt and "Katia Widlak" in prompt


@pytest.mark.parametrize("question, contact", [
    ("who should I get in touch with to become a rep?", True), ("What is MiP's phone number?", True),
    ("who do I speak to about a grievance?", True), ("What did the review body call for?", False),
])
def test_asks_whom_to_contact(question, contact):
    assert asks_whom_to_contact(question) is contact


def test_a_contact_question_naming_an_older_year_is_answered_from_that_years_issue(idx):
    """A walk asked "who was the contact for that back in 2024?" and was given the 2026 organiser alone."""
    prompt = "\n".join(_asked(idx, "Who was the contact for would-be MiP reps back in 2024?"))
    assert "Katia Widlak" in prompt
