"""rag.answer.pointers: a follow-up pointing at an item of the last answer is asked about what that answer cites."""

import pytest

from rag.answer.citations import NOT_IN_ARCHIVE
from rag.answer.pointers import cited_items, pointed_at

LIST = ('Articles on pay in the archive, the closest first:\n\n"Managers need a government", Healthcare Manager summer '
        '2024, page 9 [1]\n\n"Reforming NHS pay: what\'s at stake?", Healthcare Manager issue 68, page 14 [2]\n\n'
        '"Plaid ministers vow to end long waits", Healthcare Manager issue 68, page 6 [3]')
WRITTEN = ('The pay rise for VSMs is 3% [1]. It is backdated to April [2][3].\n\nIn the articles\u2019 words: '
           '"Board-level managers are set for a 3% pay rise." [1]')


def test_what_each_marker_cites():
    assert cited_items(LIST) == [(1, "Managers need a government"), (2, "Reforming NHS pay: what's at stake?"),
                                 (3, "Plaid ministers vow to end long waits")]
    assert cited_items(WRITTEN) == [(1, "The pay rise for VSMs is 3%"), (2, "It is backdated to April"),
                                    (3, "It is backdated to April"),
                                    (1, "Board-level managers are set for a 3% pay rise")]


@pytest.mark.parametrize("question, asked", [
    ("tell me more about the second one", 'tell me more about "Reforming NHS pay: what\'s at stake?"'),
    ("what does [2] say exactly?", 'what does "Reforming NHS pay: what\'s at stake?" say exactly?'),
    ("and the last one?", 'and "Plaid ministers vow to end long waits"?'),
    ("is the 1st article worth reading", 'is "Managers need a government" worth reading'),
    ("what does source 3 say", 'what does "Plaid ministers vow to end long waits" say')])
def test_a_pointer_at_an_item_of_a_list_asks_about_its_headline(question, asked):
    """A walk's "tell me more about the second one" was searched with the list's question and answered about two
    other articles; its "what does [2] say exactly?" lost the [2] and was refused."""
    assert pointed_at(question, [("which articles are there about pay?", LIST)]) == asked


def test_a_pointer_at_a_written_answer_asks_about_the_sentence_it_cites():
    asked = pointed_at("where does [2] come from?", [("q", WRITTEN)])
    assert asked == 'where does "It is backdated to April" come from?'


def test_the_pipeline_searches_for_what_the_pointer_points_at(tmp_path):
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import build_index
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0),
                        index=build_index(tmp_path), embedder=HashEmbedder(), llm=None,
                        count_tokens=lambda t: len(t.split()))
    answer = pipeline.answer("what does [2] say exactly?", history=[("which articles are there about pay?", LIST)])
    assert "Reforming NHS pay" in answer.standalone_question


@pytest.mark.parametrize("question, history", [
    ("what is the first step?", [("q", LIST)]),  # no item of the answer
    ("tell me more about the sixth one", [("q", LIST)]),  # no such item
    ("what does [2] say?", []),  # nothing before
    ("what does [1] say?", [("q", NOT_IN_ARCHIVE)]),  # a refusal cites nothing
    ("can I ignore the above-inflation pay rise?", [("q", LIST)])])
def test_no_pointer_or_nothing_to_point_at_leaves_the_question_be(question, history):
    assert pointed_at(question, history) == ""


def test_a_question_quoting_its_subject_is_searched_without_the_conversations_words():
    """'tell me more about "Reforming NHS pay: what's at stake?"' was searched with "Healthcare Manager articles pay"
    added from the list's question, and its first quote came from a Welsh election story."""
    from rag.answer.followups import standalone
    from rag.answer.pointers import quotes_its_subject
    asked = 'tell me more about "Reforming NHS pay: what\'s at stake?"'
    assert quotes_its_subject(asked) and not quotes_its_subject('what does "toxic change" mean?')
    assert standalone(asked, [("which articles are there about pay?", LIST)]) == asked
    vague = "tell me more about it"
    assert standalone(vague, [("which articles are there about pay?", LIST)]) != vague


def test_a_pointer_at_an_item_the_last_answer_does_not_cite_is_told_so():
    """Walk 25: "what does [9] say?" after an answer citing [1] to [3] was asked as another source and refused."""
    from rag.answer.pointers import no_such_item

    assert no_such_item("what does [9] say?", [("q", LIST)]) == (
        "The answer before cites [1] to [3]; it has no [9]. Ask about one of those, or ask your question in words.")
    assert no_such_item("tell me more about the sixth one", [("q", LIST)]).startswith(
        "The answer before cites [1] to [3]; it has no sixth source.")
    assert no_such_item("what does [2] say?", [("q", LIST)]) == ""  # it cites [2]
    assert no_such_item("what does [9] say?", [("q", NOT_IN_ARCHIVE)]) == ""  # a refusal cites nothing
    assert no_such_item("what does [9] say?", []) == ""
    assert no_such_item("what is the first step?", [("q", LIST)]) == ""  # no pointer
    # walk 26: "[1] to [2]" read oddly for two; items apart are named each
    assert no_such_item("and the third one?", [("q", "Pay rose [1]. It was backdated [2].")]).startswith(
        "The answer before cites [1] and [2]; it has no third source.")
    assert no_such_item("what does [9] say?", [("q", "Pay rose [1]. It was late [3]. Staff [5].")]).startswith(
        "The answer before cites [1], [3] and [5]; it has no [9].")


def test_the_pipeline_answers_a_pointer_at_nothing_without_searching(tmp_path):
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import build_index
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0),
                        index=build_index(tmp_path), embedder=HashEmbedder(), llm=None,
                        count_tokens=lambda t: len(t.split()))
    answer = pipeline.answer("what does [9] say?", history=[("which articles are there about pay?", LIST)])
    assert answer.answer.startswith("The answer before cites [1] to [3]; it has no [9].")
    assert answer.citations == () and answer.hits == ()


def test_a_pointer_points_past_the_replies_read_off_an_answer_into_that_answer():
    """Walk 27: "tell me more about the second one" after "The answer before cites [1]; it has no [2]." was searched
    as 'tell me more about "; it has no"' and refused; after "what does [1] say?", "and [2]?" means the answer's [2]."""
    from rag.answer.pointers import answer_pointed_into, pointed_at

    answer = '"Pay rose 3% for managers." [1] "Staff on Agenda for Change got 3.3%." [2]'
    no_such = ("what does [5] say?", "The answer before cites [1] and [2]; it has no [5]. Ask about one of those, or "
                                     "ask your question in words.")
    said = ("what does [1] say?", 'Source 1 of the answer before is from X, "Pay", page 4. It reads: "Pay rose 3% '
                                  'for managers." [1]')
    for read in (no_such, said):
        history = [("what pay rises were there?", answer), read]
        assert answer_pointed_into(history) == answer
        assert pointed_at("tell me more about the second one", history) == (
            'tell me more about "Staff on Agenda for Change got 3.3%"')
    assert answer_pointed_into([no_such]) == ""


def test_an_uncited_number_is_pointed_at_only_by_a_question_asking_what_it_says():
    from rag.answer.pointers import uncited_item

    history = [("what's the pay rise?", '"Pay rose 3%." [1] "It was late." [3]'),
               ("what does [1] say?", "Source 1 ...")]
    assert uncited_item("what does [2] say?", history) == (2, 0)  # past the reply read off the answer
    assert uncited_item("show me source 4", history) == (4, 0)
    assert uncited_item("what does [3] say?", history) is None  # cited: read as the answer cites it
    assert uncited_item("what's in the second one?", history) is None  # the second item the answer cites
    assert uncited_item("what does [2] say about pensions?", history) is None  # asked about, not read
    assert uncited_item("what does [2] say?", [("q", "The archive does not cover this.")]) is None
