"""A follow-up asking where the answer before came from ("which issue was that in?") is answered with the issue,
headline and page of the passages that answer cites, not searched again (a session-25 batch got the same quotes)."""

import pytest

from rag.answer.where_from import asks_where_from, cited_passages, where_from
from rag.testing import article_pipeline, sample_corpus
from rag.types import Chunk


@pytest.mark.parametrize("question", [
    "which issue was that in?", "What issue is this from", "and which article was that from?", "what page is it on?",
    "where does that come from?", "where was that published?", "what's the source for that?",
    "ok, which edition was that in?", "which issue did that appear in?", "in which issue said that?",
    "what is the source of this answer?"])
def test_questions_asking_where_the_answer_came_from(question):
    assert asks_where_from(question)


@pytest.mark.parametrize("question", [
    "which issue covers flexible working?", "what page is the pay article on?", "which issue was the pay rise in?",
    "where does the money come from?", "what was that?", "which issue was that in, and who wrote it, and why did "
    "they say so?", "when was that published?", "what is the source of the 3% figure?"])
def test_questions_asking_something_else(question):
    assert not asks_where_from(question)


def _chunk(cid, issue, article, headline, page, text):
    return Chunk(cid, issue, f"Healthcare Manager {issue}", "2026-06-01", article, headline, page, 0, text)


CHUNKS = [
    _chunk("p1", "issue 68, summer 2026", "pay", "Board-level NHS managers get 3% pay rise", 5,
           "Board-level managers in England are set for a 3% pay rise for 2026-27, lower than most other NHS staff."),
    _chunk("p2", "issue 68, summer 2026", "pay", "Board-level NHS managers get 3% pay rise", 5,
           "The award follows a delay of more than two months."),
    _chunk("f1", "issue 68, summer 2026", "flex", "Flexible and hybrid working: what are your rights?", 22,
           "Employers must respond to a request within two months of receiving it."),
]


def test_quoted_and_model_written_answers_are_traced_to_their_passages_one_per_article():
    quoted = ('"Board-level managers in England are set for a 3% pay rise for 2026-27, lower than most other NHS '
              'staff." [1] "The award follows a delay of more than two months." [2]')
    assert [c.chunk_id for c in cited_passages(quoted, CHUNKS)] == ["p1"]  # one article, its first cited passage
    written = "Your employer has two months to respond to your request [2]. Board-level managers got 3% [1]."
    assert [c.chunk_id for c in cited_passages(written, CHUNKS)] == ["f1", "p1"]
    assert cited_passages("The archive does not cover this.", CHUNKS) == []
    assert cited_passages("Something no passage says about pensions and ballots [1].", CHUNKS) == []


def test_the_answer_names_the_issue_headline_and_page_of_each_article():
    assert where_from(CHUNKS[:1]) == ('That comes from Healthcare Manager issue 68, summer 2026: "Board-level NHS '
                                      'managers get 3% pay rise", page 5 [1].')
    several = where_from([CHUNKS[2], CHUNKS[0]]).split("\n\n")
    assert several[0] == "That answer comes from:" and several[1].endswith("page 22 [1]") and several[2].endswith(
        "page 5 [2]")


def test_the_pipeline_answers_which_issue_from_the_answer_before_without_searching(tmp_path):
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    first = pipeline.answer("how long does my employer have to respond to a flexible working request?")
    assert not first.refused and any(c.article == "Flexible and hybrid working: what are your rights?"
                                     for c in first.citations)
    calls = len(pipeline.llm.calls)
    history = [("how long does my employer have to respond to a flexible working request?", first.answer)]
    answer = pipeline.answer("which issue was that in?", history=history)
    assert answer.answer.startswith('That comes from Healthcare Manager issue 68, summer 2026: "Flexible and hybrid '
                                    'working: what are your rights?", page 22 [1]'), answer.answer
    assert [c.article for c in answer.citations] == ["Flexible and hybrid working: what are your rights?"]
    cited = next(c for c in first.citations if c.article == answer.citations[0].article)
    assert answer.citations[0].url == cited.url  # the link lands on the passage the answer before cited
    assert len(pipeline.llm.calls) == calls  # no model asked
    assert answer.standalone_question == "which issue was that in?"  # nothing searched: no "Searched for" line
    alone = pipeline.answer("which issue was that in?")  # nothing before: searched as any question
    assert not alone.answer.startswith("That comes from")


def test_what_page_after_which_issue_is_asked_of_the_answer_before_both(tmp_path):
    """Walk 26: "what page is that on?" after "which issue was that in?" was refused (searched as a new question): the
    reply it follows cites its passages by headline, not by their words."""
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    question = "how long does my employer have to respond to a flexible working request?"
    first = pipeline.answer(question)
    which = pipeline.answer("which issue was that in?", history=[(question, first.answer)])
    page = pipeline.answer("what page is that on?", history=[(question, first.answer),
                                                            ("which issue was that in?", which.answer)])
    assert page.answer == which.answer and not page.refused
    assert [c.url for c in page.citations] == [c.url for c in which.citations]


@pytest.mark.parametrize("question", ["where can I read more?", "where can I read more about this?",
                                      "Where can I find out more", "where can i read the full article"])
def test_where_to_read_more_is_the_articles_the_answer_before_cites(tmp_path, question):
    """Walk 26b: "where can I read more?" after an answer was searched alone, and got quotes about a careers website
    after two different subjects."""
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    asked = "how long does my employer have to respond to a flexible working request?"
    first = pipeline.answer(asked)
    more = pipeline.answer(question, history=[(asked, first.answer)])
    assert more.answer.startswith("You can read more in Healthcare Manager issue 68, summer 2026: \"Flexible and "
                                  "hybrid working: what are your rights?\", page 22 [1]"), more.answer
    assert not asks_where_from("where can I read more about flexible working?")  # a subject of its own: searched


def test_a_marker_is_one_passage_so_its_quote_traces_the_models_sentence():
    """The local model's "Yes, that more than other staff got [1]." alone matched an editorial holding "staff" and
    "got"; the quote the same answer cites [1] to names the passage."""
    editorial = _chunk("e1", "summer 2024", "ed", "Editorial", 1, "Other staff got nothing more than thanks.")
    answer = ('Yes, that more than other staff got [1].\n\nIn the articles\' words: "Board-level managers in England '
              'are set for a 3% pay rise for 2026-27, lower than most other NHS staff." [1]')
    assert [c.chunk_id for c in cited_passages(answer, [editorial, *CHUNKS])] == ["p1"]
    assert cited_passages("Yes, other staff got more [1].", [editorial, *CHUNKS]) == []  # too few words to tell


def test_the_passages_words_are_read_once_and_a_filter_keeps_to_its_issues():
    from rag.answer.where_from import passage_words

    words = passage_words(CHUNKS)
    quoted = '"Employers must respond to a request within two months of receiving it." [1]'
    assert [c.chunk_id for c in cited_passages(quoted, CHUNKS, words)] == ["f1"]
    assert cited_passages(quoted, CHUNKS, words, admits=lambda c: c.article_id != "flex") == []


def test_a_headline_held_in_lower_case_is_named_with_its_capital():
    """Walk 27: lists of articles and "which issue was that in?" read "noticeboard" and "standing up to
    discrimination at work ...", the index's headlines as parsed, where the cards showed them with a capital."""
    from dataclasses import replace

    from rag.answer.issue_contents import listed
    from rag.types import Issue

    lower = replace(CHUNKS[0], headline="noticeboard")
    assert '"Noticeboard", page 5 [1]' in where_from([lower])
    issue = Issue("68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "hm68.txt", number=68)
    assert '"Noticeboard", page 5 [1]' in listed(issue, [lower])


def test_which_issue_after_a_refusal_or_thanks_is_asked_of_the_last_answer(tmp_path):
    """Walk 28: "which issue was that in?" after a refused "how do I contact him?" was searched, rewritten as "What
    issue was causing significant anxiety ...", and answered with quotes."""
    from rag.answer.about_archive import THANKED
    from rag.answer.citations import NOT_IN_ARCHIVE

    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    question = "how long does my employer have to respond to a flexible working request?"
    first = pipeline.answer(question)
    which = pipeline.answer("which issue was that in?", history=[(question, first.answer)])
    later = [(question, first.answer), ("how do I contact him?", NOT_IN_ARCHIVE), ("thanks", THANKED),
             ("what does [9] say?", "The answer before cites [1]; it has no [9]. Ask about one of those.")]
    after = pipeline.answer("which issue was that in?", history=later)
    assert after.answer == which.answer and after.standalone_question == "which issue was that in?"
