"""A member who may be in crisis is pointed to help first, whatever the archive holds."""

from rag.answer.crisis import CRISIS_LINE, in_crisis
from rag.answer.pipeline import Pipeline
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index


def test_words_of_suicide_or_self_harm_are_heard():
    for q in ("I'm being bullied by my boss and feel suicidal", "i want to kill myself", "i dont want to live any more",
              "thinking of ending it all", "I keep hurting myself after shifts", "i can\u2019t go on like this"):
        assert in_crisis(q), q
    for q in ("what pay rise do vsms get", "can i end my contract early", "how do i kill a process on my laptop",
              "what is the flexible working policy"):
        assert not in_crisis(q), q


def test_the_crisis_line_opens_the_answer_and_the_refusal(tmp_path):
    idx = build_index(tmp_path / "idx")
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)
    pipeline = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=None,
                        count_tokens=lambda t: len(t.split()))
    answered = pipeline.answer("my pay rise is so low i feel suicidal, what rise do very senior managers get?")
    assert answered.answer.startswith(CRISIS_LINE) and "116 123" in answered.answer
    assert not answered.refused and answered.citations  # the archive's answer still follows, cited
    strict = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.99), index=idx,
                      embedder=HashEmbedder(), llm=ScriptedLLM([]), count_tokens=lambda t: len(t.split()))
    refused = strict.answer("I want to kill myself")
    assert refused.refused and refused.answer.startswith(CRISIS_LINE)
    assert not pipeline.answer("what rise do very senior managers get?").answer.startswith(CRISIS_LINE)
