"""An answer about what is coming up says which of its event dates have passed (rag.answer.upcoming)."""

import dataclasses
from datetime import date

import pytest

from rag.answer.pipeline import Pipeline
from rag.answer.upcoming import asks_upcoming, event_end_dates, passed_notice
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index, sample_corpus
from rag.types import Paragraph


def test_the_last_day_of_each_listed_date_is_read():
    text = ('"13-16 September 2026: TUC Congress 2026" [1] "29 June\u20143 July 2026: NHS ConfedExpo" [2] '
            '"11 September 2024: King\u2019s Fund Annual Conference" [3] "31 June 2026" is no date')
    assert event_end_dates(text) == [date(2026, 9, 16), date(2026, 7, 3), date(2024, 9, 11)]


@pytest.mark.parametrize("question,asks", [
    ("any events coming up for members?", True), ("What MiP events are upcoming?", True),
    ("when is the next conference?", True), ("What events are on this year?", False),
    ("When was the UNISON conference in 2024?", False), ("What pay rise are managers getting?", False),
    # a walk's "what conferences are on for NHS managers?" got 2024 listings and news quotes
    ("what conferences are on for NHS managers?", True), ("which events are on?", True),
    ("what is on the agenda at the talks?", False), ("which courses are on offer?", False),
    # walk 33: a UNISON conference of October given on 4 December, no word that it had passed
    ("is there an MiP event I could go to this autumn?", True), ("are there any conferences for members?", True),
    ("is there anything about the menopause?", False), ("is there a rep in the north west?", False),
])
def test_questions_about_what_is_still_to_come(question, asks):
    assert asks_upcoming(question) is asks


def test_a_date_written_month_first_as_a_model_writes_it_is_read():
    """Walk 33: the model wrote "... in Brighton on October 24-26, 2026 [3]", past on 4 December 2026."""
    answer = "It is the UNISON National Disabled Members Conference in Brighton on October 24-26, 2026 [3]."
    assert event_end_dates(answer + " Then September 8, 2026.") == [date(2026, 10, 26), date(2026, 9, 8)]
    said = passed_notice("is there an MiP event I could go to this autumn?", answer, date(2026, 12, 4))
    assert said.startswith("Every date quoted has passed (today is 4 December 2026)")
    assert event_end_dates("13-16 September 2026: TUC Congress") == [date(2026, 9, 16)]  # read once


def test_the_notice_says_which_dates_have_passed():
    answer = '"26-28 October 2024: UNISON Disabled Members Conference" [1] "13-16 September 2026: TUC Congress" [2]'
    every = passed_notice("any events coming up?", answer, date(2026, 12, 1))
    assert every.startswith("Every date quoted has passed (today is 1 December 2026)") and "the latest quoted ending 16 September 2026" in every
    assert passed_notice("any events coming up?", answer, date(2026, 8, 1)) == (
        "Some of the dates quoted have passed (today is 1 August 2026).")
    assert passed_notice("any events coming up?", answer, date(2024, 1, 1)) == ""  # all still to come
    assert passed_notice("When was TUC Congress?", answer, date(2026, 12, 1)) == ""  # not asked what is to come


def test_the_pipeline_adds_it_to_an_answer_by_todays_date(tmp_path):
    (new, articles), old = sample_corpus()
    listing = dataclasses.replace(articles[0], paragraphs=(Paragraph(
        "13-16 September 2026: TUC Congress 2026, Brighton Centre, where unions meet each year.", 4),))
    idx = build_index(tmp_path, corpus=[(new, [listing, *articles[1:]]), old])
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)

    def asked_on(day: date):
        pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=ScriptedLLM([
            "TUC Congress 2026 is on 13-16 September 2026 at the Brighton Centre [1]."]),
            count_tokens=lambda t: len(t.split()), today=lambda: day)
        return pipe.answer("What union events are coming up? When is TUC Congress 2026?")

    assert "have passed" not in asked_on(date(2026, 7, 1)).notice
    assert "Every date quoted has passed (today is 1 December 2026)" in asked_on(date(2026, 12, 1)).notice


def test_what_is_still_to_come_is_asked_of_the_newest_issue():
    from rag.answer.prompts import is_temporal

    assert is_temporal("what conferences are on for NHS managers?")
    assert not is_temporal("when is the next conference in 2024?")  # a named year's issue answers that


def test_a_month_asked_for_keeps_other_months_events_out_of_the_quotes():
    from rag.answer.extractive import extractive_answer
    from rag.answer.upcoming import dated_in_other_month, months_asked
    from rag.types import Hit

    assert months_asked("whats on in september") == {9}
    assert months_asked("what happened in September 2024?") == frozenset()  # not about what is to come
    assert months_asked("what events may be coming up?") == frozenset()  # "may", the verb
    assert dated_in_other_month("17-19 July 2026: Tolpuddle Martyrs Festival", frozenset({9}))
    assert not dated_in_other_month("29 June\u20143 September 2026: a long festival", frozenset({9}))
    assert not dated_in_other_month("Book early for the congress.", frozenset({9}))  # no month: not judged
    listing = Hit(chunk_id="c1", text="17-19 July 2026: Tolpuddle Martyrs Festival, the events of the summer.\n\n"
                  "8 September 2026: King's Fund event on the Ten Year Health Plan, a year on.", score=1.0,
                  rank=1, issue="2026-summer", issue_title="issue 68", date="2026-06-01",
                  article_id="noticeboard", article="noticeboard", page=2, url="/a")
    closest = lambda q, sentences: [0.9 if "Tolpuddle" in x else 0.5 for x in sentences]  # noqa: E731
    quoted = extractive_answer("what events are on in september?", [listing], min_score=0.0, similarity=closest)
    assert "King's Fund" in quoted and "Tolpuddle" not in quoted
