"""Follow-ups needing nothing from the conversation merged in: a question naming its own subject, and a request for
the last answer in plainer words (rag.answer.followup_kinds), and the pipeline's answer to the latter."""

import pytest

from rag.answer.followup_kinds import asks_for_plainer_words
from rag.answer.prompts import SIMPLY_INSTRUCTION
from rag.testing import ScriptedLLM


@pytest.mark.parametrize("question", [
    "can you explain more simply", "in plain english please", "i dont understand", "I don't get it",
    "explain that again", "what does that mean?", "simpler please", "could you put it in simple terms?",
    "can you explain it like im 5", "say that again more clearly", "Summarise that",
    "summarise that in two sentences", "explain it in a couple of lines"])  # walk 26b: "... in two sentences" refused
def test_requests_for_plainer_words(question):
    assert asks_for_plainer_words(question)


@pytest.mark.parametrize("question", [
    "explain flexible working", "what does that mean for me?", "explain", "can you explain the pay award?",
    "what is plain english?", "can you say who chairs MiP?"])
def test_questions_of_their_own_are_no_request_for_plainer_words(question):
    assert not asks_for_plainer_words(question)


def _pipeline(llm):
    from rag.testing import article_pipeline
    return article_pipeline(llm=llm)


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    from rag.testing import build_index, sample_corpus
    return build_index(tmp_path_factory.mktemp("idx"), corpus=sample_corpus())


def _make(idx, llm):
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    s = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)
    return Pipeline(settings=s, index=idx, embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))


FIRST = "How long do employers have to respond to a flexible working request?"
HISTORY = [(FIRST, "Employers must respond to a request within two months [1].")]


def test_a_request_for_plainer_words_answers_the_question_before_again_plainly(idx):
    """A walk's "can you explain more simply" after an answer was refused: "The archive does not cover this."."""
    llm = ScriptedLLM(["Your employer has two months to answer you [1]."])
    answer = _make(idx, llm).answer("can you explain more simply", history=HISTORY)
    assert not answer.refused and answer.answer.startswith("Your employer has two months to answer you [1].")
    assert answer.standalone_question == FIRST  # "Searched for" shows what is answered again
    prompt = llm.calls[-1][-1]["content"]
    assert f"Question: {FIRST}" in prompt and SIMPLY_INSTRUCTION in prompt
    # a question of its own is asked as before, with no such instruction
    llm = ScriptedLLM(["Employees can ask from their first day [1]."])
    _make(idx, llm).answer("When can employees request flexible working?", history=HISTORY)
    assert SIMPLY_INSTRUCTION not in llm.calls[-1][-1]["content"]


def test_without_a_model_the_quotes_come_again_saying_they_cannot_be_put_more_simply(idx):
    answer = _make(idx, None).answer("in plain english please", history=HISTORY)
    assert not answer.refused and "two months" in answer.answer
    assert "cannot be put more simply" in answer.notice
    # after a refusal there is nothing to say again
    refused = [("What is the mileage rate for managers?", "The archive does not cover this.")]
    assert _make(idx, None).answer("in plain english please", history=refused).standalone_question != FIRST


def test_a_request_for_plainer_words_with_nothing_before_it_to_reword_says_so(idx):
    """A walk's "summarise that in one sentence" after a refusal was searched with the refused question's words."""
    from rag.answer import notices
    llm = ScriptedLLM(["should never be used"])
    refused = [("can they make me sign an nda", "The archive does not cover this.")]
    for history in (refused, []):
        answer = _make(idx, llm).answer("summarise that in one sentence", history=history)
        assert answer.refused and answer.notice == notices.NOTHING_TO_REWORD and answer.hits == ()
    assert llm.calls == []


@pytest.mark.parametrize("question, asked", [
    ("sorry, another question - what were the pay rises in 2024?", "what were the pay rises in 2024?"),
    ("ok different thing - is there anything on menopause support at work",
     "is there anything on menopause support at work"),
    ("Right, next question. What does MiP stand for?", "What does MiP stand for?"),
    ("one more thing - how do I contact MiP?", "how do I contact MiP?"),
    ("and in 2024?", "and in 2024?"),  # a follow-up's "and" is kept
    ("thanks!", "thanks!"),  # nothing would be left
    ("what were the pay rises in 2024?", "what were the pay rises in 2024?"),
])
def test_the_words_a_member_opens_with_are_not_what_they_ask(question, asked):
    """Walk 26b: "sorry, another question - what were the pay rises in 2024?" was refused, its "another question"
    read as what it asked."""
    from rag.answer.followup_kinds import without_lead_in

    assert without_lead_in(question) == asked


def test_a_question_after_the_words_a_member_opens_with_is_answered(idx):
    answer = _make(idx, None).answer("sorry, another question - what pay rise do very senior managers get?")
    assert not answer.refused and "3%" in answer.answer
    assert answer.standalone_question == "what pay rise do very senior managers get?"
    assert answer.question.startswith("sorry, another question")  # recorded as asked


EARLIER = [("whats the pay award for very senior managers this year", "3% [1]."),
           ("ok different thing - is there anything on menopause support at work", "The menopause at work [1].")]


@pytest.mark.parametrize("question, asked, leaned_on", [
    ("go back to the pay question", EARLIER[0][0], 0),
    ("go back to the first thing i asked", EARLIER[0][0], 0),
    ("can we go back to the previous question?", EARLIER[0][0], 0),
    ("lets go back to the menopause one", EARLIER[1][0], 1),
    ("go back to the first question, is it the same for bank staff", "is it the same for bank staff", 1),
    ("what is the pay rise?", "what is the pay rise?", 2),  # no going back: as it was
    ("go back to the election question", "go back to the election question", 2),  # no such question asked
])
def test_going_back_to_an_earlier_question(question, asked, leaned_on):
    """Walk 26b: "go back to the pay question" was answered with another issue's pay review body, and "go back to
    the first thing i asked" was refused."""
    from rag.answer.followup_kinds import gone_back

    assert gone_back(question, EARLIER) == (asked, EARLIER[:leaned_on])


def test_the_pipeline_answers_the_earlier_question_gone_back_to(idx):
    history = [("what pay rise do very senior managers get?", "3% [1]."), ("what is flexible working?", "... [1].")]
    answer = _make(idx, None).answer("go back to the pay question", history=history)
    assert not answer.refused and "3%" in answer.answer
    assert answer.standalone_question == "what pay rise do very senior managers get?"


def test_a_model_that_cannot_put_it_more_simply_says_the_quotes_come_again(idx):
    """Walk 26b: "summarise that" after an answer in quotes gave the same quotes again, with no word why (the model's
    plainer answer was not backed, and fell back to them)."""
    llm = ScriptedLLM(["Managers in Scotland get free parking [1]."])  # not backed by any passage
    answer = _make(idx, llm).answer("summarise that", history=HISTORY)
    assert not answer.refused and answer.llm == "extractive" and "two months" in answer.answer
    assert "could not be put more simply" in answer.notice
    plain = _make(idx, ScriptedLLM(["Your employer has two months to answer you [1]."])).answer(
        "summarise that", history=HISTORY)
    assert "could not be put more simply" not in plain.notice  # the model said it more simply
    asked = _make(idx, ScriptedLLM(["Managers in Scotland get free parking [1]."])).answer(FIRST)
    assert "could not be put more simply" not in asked.notice  # no plainer words were asked for


def test_summarise_that_after_which_issue_rewords_the_answer_before_both(tmp_path):
    """Walk 27: "summarise that" after "which issue was that in?" was searched as "which issue was that in? (ICB told
    cut running costs ...)" and told the articles' words "could not be put more simply", nothing shown to simplify."""
    from rag.testing import article_pipeline, sample_corpus

    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    asked = "how long does my employer have to respond to a flexible working request?"
    first = pipeline.answer(asked)
    which = pipeline.answer("which issue was that in?", history=[(asked, first.answer)])
    assert which.answer.startswith("That comes from")
    plainer = pipeline.answer("summarise that", history=[(asked, first.answer), ("which issue was that in?",
                                                                                  which.answer)])
    assert plainer.standalone_question == asked and not plainer.refused


def test_a_request_for_one_sentence_gets_one(idx):
    """Walk 31: "summarise that in one sentence" got three sentences from the local model."""
    from rag.answer.followup_kinds import sentences_asked
    assert sentences_asked("summarise that in one sentence") == 1
    assert sentences_asked("explain it in two sentences please") == 2
    assert sentences_asked("can you explain more simply") is None
    assert sentences_asked("what happened in one sentence of the report?") is None  # no request for plainer words
    llm = ScriptedLLM(["Your employer has two months to answer you [1]. That includes any appeal [1]. "
                       "Most requests are granted [1]."])
    answer = _make(idx, llm).answer("summarise that in one sentence", history=HISTORY)
    assert answer.answer == "Your employer has two months to answer you [1]." and [c.n for c in answer.citations] == [1]
