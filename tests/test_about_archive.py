"""A question about the archive itself is answered from the index's own list of issues."""

from rag.answer.about_archive import asks_about_archive, described
from rag.answer.pipeline import Pipeline
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index


def test_questions_about_the_archive_and_not_about_its_articles():
    for q in ("Which issues do you have?", "How many issues are in the archive?", "what's in the archive",
              "what does the archive cover", "what issues are available", "what does Healthcare Manager cover?",
              "what does the magazine cover"):
        assert asks_about_archive(q), q
    for q in ("which issues covered the election?", "how many jobs will go", "what did the summer 2024 issue say?",
              "what does the magazine say about pay?"):
        assert not asks_about_archive(q), q


def test_the_issues_are_listed_newest_first_and_nothing_is_cited(tmp_path):
    idx = build_index(tmp_path / "idx")
    llm = ScriptedLLM([])
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0), index=idx,
                        embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))
    answer = pipeline.answer("Which issues do you have?")
    assert not answer.refused and answer.citations == () and llm.calls == []
    assert answer.answer == described(idx.issues)
    assert answer.answer.index("issue 68, summer 2026") < answer.answer.index("summer 2024")
    assert "2 issues" in answer.answer and "June 2026" in answer.answer
    only = pipeline.answer("Which issues do you have?", issue="2024-summer")  # what the filter leaves
    assert "1 issue of" in only.answer and "issue 68" not in only.answer


def test_questions_about_the_assistant_are_answered_by_what_it_is(tmp_path):
    """"what model are you" was searched and answered with an article's "Our mental model is deeply ingrained"."""
    from rag.answer.about_archive import asks_about_assistant
    for q in ("who are you", "What model are you?", "are you a bot", "who made you", "hi, who are you?"):
        assert asks_about_assistant(q), q
    for q in ("who are you voting for", "what model of care is used?", "what is this", "who are the reps?"):
        assert not asks_about_assistant(q), q
    idx = build_index(tmp_path / "idx")
    llm = ScriptedLLM([], model="openai/local")
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0), index=idx,
                        embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))
    answer = pipeline.answer("what model are you?")
    assert not answer.refused and answer.citations == () and llm.calls == []
    assert "not a person" in answer.answer and "2 issues" in answer.answer
    # walk 26: "written by an AI model (local)": the configured name meant nothing to a member
    assert "a small AI model running on this server" in answer.answer and "local)" not in answer.answer
    assert "[" not in answer.answer  # no marker leading nowhere
    from rag.answer.about_archive import described_assistant
    assert "an AI model (gpt-4o-mini)" in described_assistant([], "gpt-4o-mini")  # a hosted one is named


def test_a_question_of_numbers_only_is_off_the_archive(tmp_path):
    """"what is 2+2" was answered with quotes on category 2 response targets."""

    idx = build_index(tmp_path / "idx")
    llm = ScriptedLLM(["should never be used"])
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0), index=idx,
                        embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))
    assert pipeline.answer("what is 2+2").refused and llm.calls == []


def test_a_greeting_or_thanks_is_answered_as_one_and_is_no_base_for_what_follows(tmp_path):
    """"thanks" after an answer was searched with the question before it and answered again; alone, it was told "The
    archive does not cover this."; and "pay" after "who is the chief executive of MiP?" was searched with it."""
    from rag.answer.about_archive import GREETED, THANKED, courtesy
    for q in ("hi", "Hello!", "thanks", "Thank you very much", "ok great thanks", "cheers", "ok"):
        assert courtesy(q), q
    for q in ("thanks, what about band 8?", "hi, who are you?", "ok so what is the pay rise?", "great"):
        assert courtesy(q) in ("", THANKED), q
    assert not courtesy("thanks, what about band 8?") and not courtesy("hi, who are you?")
    idx = build_index(tmp_path / "idx")
    llm = ScriptedLLM([])
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0), index=idx,
                        embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))
    assert pipeline.answer("hi").answer == GREETED
    history = [("what pay rise did managers get?", '"Board-level managers received a pay rise of 2.8%." [1]')]
    thanked = pipeline.answer("thanks", history=history)
    assert thanked.answer == THANKED and not thanked.refused and thanked.citations == () and llm.calls == []
    # the thanks is no base: "and in 2024?" leans on the pay question, "what does [1] say?" reads its answer
    history.append(("thanks", THANKED))
    assert "pay rise" in pipeline.answer("and in 2024?", history=history).standalone_question
    assert "Board-level managers received" in pipeline.answer("what does [1] say?", history=history).question
