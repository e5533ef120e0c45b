"""rag.answer.finished: the notices a finished answer gets, in order, and the crisis line first."""

from datetime import date

from rag.answer import notices
from rag.answer.crisis import CRISIS_LINE
from rag.answer.finished import Asked, finished
from rag.types import Answer, Citation


def _answer(text: str = '"Pay rose 3%." [1]', refused: bool = False, notice: str = "") -> Answer:
    cites = () if refused else (Citation(n=1, chunk_id="c1", text="Pay rose 3% for managers.", issue="i",
                                         issue_title="Issue 1", date="2026-06-01", article="Pay", page=1,
                                         url="/article/i/a1"),)
    return Answer(question="q", answer=text, refused=refused, citations=cites, hits=(), llm="extractive",
                  notice=notice)


def _asked(question: str, foreign: bool = False) -> Asked:
    return Asked(typed=question, searched=question, standalone=question, foreign=foreign)


WORDS = {"maternity": 0, "pay": 40, "rose": 3}  # passages holding each word


def test_a_rare_word_no_cited_source_uses_is_named_after_the_answers_own_notice():
    got = finished(_answer(notice=notices.NO_LLM), _asked("how much maternity pay rose?"), today=date(2026, 12, 3),
                   word_passages=WORDS)
    assert got.notice.startswith(notices.NO_LLM) and '"maternity"' in got.notice
    assert got.answer == _answer().answer


def test_a_question_in_another_language_is_told_the_archive_is_english_and_not_given_missing_words():
    got = finished(_answer(), _asked("quelle maternity pay?", foreign=True), today=date(2026, 12, 3),
                   word_passages=WORDS)
    assert got.notice == notices.ENGLISH


def test_a_narrowed_search_hears_what_the_other_issues_hold_and_whether_it_was_refused():
    heard = []
    hint = lambda refused: heard.append(refused) or "Another issue answers it."  # noqa: E731
    got = finished(_answer(refused=True, text="not in the archive"), _asked("pay?"), today=date(2026, 12, 3),
                   word_passages=WORDS, narrowed_hint=hint)
    assert heard == [True] and got.notice == "Another issue answers it."


def test_a_member_in_crisis_is_told_where_help_is_before_the_answer():
    got = finished(_answer(), _asked("I feel suicidal about my job cuts"), today=date(2026, 12, 3), word_passages={})
    assert got.answer.startswith(CRISIS_LINE) and got.answer.endswith(_answer().answer)


def test_an_issue_asked_of_a_later_year_says_so_in_the_notice():
    asked = Asked(typed="what did the 2024 issue say about 2026?", searched="x", standalone="x", foreign=False,
                  before_its_year="Healthcare Manager summer 2024 came out in June 2024, before 2026: it cannot ...")
    done = finished(_answer("Quotes [1]."), asked, today=date(2026, 12, 3), word_passages={})
    assert "came out in June 2024, before 2026" in done.notice
