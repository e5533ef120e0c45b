"""A follow-up asking what an item of the answer before says ("what does [3] say?") is answered with that item's
sentence read on in its passage, with its issue, headline and page, not searched: searched as the quoted sentence, a
session-27 check's was refused ("The archive does not cover this.")."""

import pytest

from rag.answer.source_said import asks_what_it_says, passage_of, read_on, what_it_says
from rag.testing import article_pipeline, sample_corpus
from rag.types import Chunk

ANSWER = ('"Very senior managers in NHS trusts will receive a 3% pay rise for 2026/27, the government announced." [1] '
          '"Employers must respond to a request within two months." [3]')
HISTORY = [("what's the pay rise?", ANSWER)]


@pytest.mark.parametrize("question, n", [
    ("what does [3] say?", 3), ("What does [1] say exactly?", 1), ("and [3]?", 3), ("[1]", 1),
    ("show me source 3", 3), ("can you show me [1] please", 1), ("what's in the second one?", 3),
    ("what did the first source say?", 1), ("ok, read [3] again", 3)])
def test_questions_asking_what_an_item_says(question, n):
    asked = asks_what_it_says(question, HISTORY)
    assert asked is not None and asked[0] == n


@pytest.mark.parametrize("question, history", [
    ("what does [3] say about pensions?", HISTORY),  # asked about the item: searched (pointers.pointed_at)
    ("tell me more about the second one", HISTORY),  # more on its subject: searched
    ("what does [2] say?", HISTORY),  # no such item: told so (pointers.no_such_item)
    ("what does [1] say?", []),  # no answer before
    ("what does [1] say?", [("q", "The archive does not cover this.")]),  # a refusal cites nothing
])
def test_questions_asking_something_else(question, history):
    assert asks_what_it_says(question, history) is None


def _chunk(cid, text, page=4):
    return Chunk(cid, "68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "pay",
                 "Board-level NHS managers get 3% pay rise", page, 0, text)


def test_of_passages_overlapping_on_the_words_the_one_reading_on_furthest_is_read():
    """Walk 26b: the pointed sentence was quoted from another passage holding it too."""
    end = _chunk("a", "The review body reported a fall in pay. Our policy is that VSMs should get the same rise.")
    start = _chunk("b", "Our policy is that VSMs should get the same rise. Guidance is being prepared. It is late.")
    assert passage_of("Our policy is that VSMs should get the same rise.", [end, start]) == (start, 0)
    assert passage_of("Words no passage holds at all.", [end, start]) is None
    # the passages' words as kept (a hundred issues' passages are not read again each question)
    assert passage_of("Our policy is that VSMs should get the same rise.", [end, start], ["", ""]) is None
    assert read_on(start, 0) == ["Our policy is that VSMs should get the same rise.", "Guidance is being prepared.",
                                 "It is late."]
    assert read_on(end, 1, shown=3) == ["The review body reported a fall in pay.",
                                        "Our policy is that VSMs should get the same rise."]  # the passage ends


def test_the_reply_names_the_source_in_words_and_cites_its_passage_as_one():
    said = what_it_says(3, _chunk("b", "x"), ["Guidance is being prepared.", "It is late."])
    assert said == ('Source 3 of the answer before is from Healthcare Manager issue 68, summer 2026, "Board-level NHS '
                    'managers get 3% pay rise", page 4. It reads: "Guidance is being prepared." [1] "It is late." [1]')


def test_the_pipeline_reads_the_item_in_its_passage_without_searching_or_asking_a_model(tmp_path):
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    asked = "how long does my employer have to respond to a flexible working request?"
    first = pipeline.answer(asked)
    flex = next(c for c in first.citations if c.article == "Flexible and hybrid working: what are your rights?")
    calls = len(pipeline.llm.calls)
    said = pipeline.answer(f"what does [{flex.n}] say?", history=[(asked, first.answer)])
    assert not said.refused, said.answer
    assert said.answer.startswith(f'Source {flex.n} of the answer before is from Healthcare Manager issue 68, summer '
                                  '2026, "Flexible and hybrid working: what are your rights?", page 22. It reads: "')
    assert [c.url for c in said.citations] == [flex.url]  # the link lands on the passage the answer before cited
    assert len(pipeline.llm.calls) == calls
    assert said.standalone_question == f"what does [{flex.n}] say?"  # nothing searched: no "Searched for" line


def test_a_models_own_sentence_is_read_in_the_passage_holding_most_of_its_words(tmp_path):
    """The local model writes its own words: "what does [1] say?" after them was searched as the sentence, quoted."""
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    history = [("how long does my employer have to reply to my flexible working request?",
                "Your employer has to respond to a request within two months [1].")]
    said = pipeline.answer("what does [1] say?", history=history)
    assert said.answer.startswith(
        'Source 1 of the answer before is from Healthcare Manager issue 68, summer 2026, "Flexible and hybrid working: '
        'what are your rights?", page 22. It reads: '), said.answer
    assert '"Employers must respond to a request within two months' in said.answer
    assert [c.article for c in said.citations] == ["Flexible and hybrid working: what are your rights?"]


def test_a_source_read_but_not_cited_is_read_as_the_chat_showed_it(tmp_path):
    """Walks 26b and 27: "what does [4] say?" of a source the chat shows folded ("read, not cited") was told "The
    answer before cites [1] to [3]; it has no [4]"."""
    from rag.answer.events import SourcesEvent

    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    asked = "what pay rise did managers get?"
    shown, first = (), None
    for event in pipeline.stream(asked):
        shown = event.hits if isinstance(event, SourcesEvent) else shown
        first = getattr(event, "answer", first)
    cited = {c.n for c in first.citations}
    n = next(i for i in range(1, len(shown) + 1) if i not in cited)  # the test needs a source read, not cited
    said = pipeline.answer(f"what does [{n}] say?", history=[(asked, first.answer)])
    assert said.answer.startswith(f'Source {n} of the answer before (read for it, not cited) is from '), said.answer
    assert f'"{shown[n - 1].article}"' in said.answer
    assert [c.chunk_id for c in said.citations] == [shown[n - 1].chunk_id]
    # a number past the sources shown is still no item
    beyond = pipeline.answer(f"what does [{len(shown) + 1}] say?", history=[(asked, first.answer)])
    assert "it has no" in beyond.answer
