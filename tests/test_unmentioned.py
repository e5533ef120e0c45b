"""The member's rare words that the cited passages never use are named under the answer (rag.answer.unmentioned)."""

from rag.answer import notices
from rag.answer.pipeline import Pipeline
from rag.answer.unmentioned import by_key, unmentioned
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index

PAY = "Board-level managers in England are set for a 3% pay rise for 2026-27, lower than most other NHS staff."
# passages of an archive holding each stemmed term: "maternity" once, "pay" and "managers" everywhere
ARCHIVE = by_key({"maternity": 1, "pay": 40, "manager": 60, "nhs": 90, "rat": 8, "year": 30, "right": 12})


def test_a_word_the_archive_hardly_uses_missing_from_the_sources_is_named():
    assert unmentioned("how much maternity pay do nhs managers get", [PAY], ARCHIVE) == ["maternity"]
    assert unmentioned("What is the mileage rate for managers?", [PAY], ARCHIVE) == ["mileage"]


def test_common_words_missing_from_one_passage_are_not_named():
    # "rates" is stemmed "rat", "rate" stays "rate": the same word either way, and common in the archive
    assert unmentioned("what rate do managers get?", [PAY], ARCHIVE) == []
    assert unmentioned("is the pay rise this year?", [PAY], ARCHIVE) == []  # "year": in many passages


def test_a_rare_word_the_sources_hold_is_not_named():
    assert unmentioned("what maternity rights are there?", ["Pregnancy and maternity are protected."], ARCHIVE) == []
    assert unmentioned("what did Jones's team find?", ["Jones explains what the team finds."], by_key({})) == []


def test_words_about_the_magazine_itself_are_not_named():
    assert unmentioned("did the magazine say anything about parking? who wrote the piece?", [PAY],
                        by_key({})) == ["parking"]


def test_at_most_three_are_named_in_the_order_asked():
    words = unmentioned("parking mileage lease bicycle sacrifice", [PAY], by_key({}))
    assert words == ["parking", "mileage", "lease"]


def test_the_notice_names_them():
    assert notices.unmentioned([]) == ""
    assert notices.unmentioned(["maternity"]) == (
        'None of the sources cited uses the word "maternity": check that they answer your question.')
    assert 'uses the words "retire", "full" or "pension"' in notices.unmentioned(["retire", "full", "pension"])


def test_the_pipeline_says_it_under_an_answer_and_not_under_a_refusal(tmp_path):
    idx = build_index(tmp_path)
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, answerability=False)

    def asked(question: str, reply: str):
        pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=ScriptedLLM([reply]),
                        count_tokens=lambda t: len(t.split()))
        return pipe.answer(question)

    off_point = asked("What maternity pay rise do very senior managers get?",
                      "Very senior managers will receive a 3% pay rise for 2026/27 [1].")
    assert not off_point.refused and off_point.citations
    assert 'uses the word "maternity"' in off_point.notice
    on_point = asked("What pay rise do very senior managers get?",
                     "Very senior managers will receive a 3% pay rise for 2026/27 [1].")
    assert not on_point.refused and "None of the sources" not in on_point.notice
