"""A question in another language than English is searched as written and told the archive is in English."""

import pytest

from rag.answer.language import in_another_language
from rag.answer.reading import Reading

ENGLISH_WORDS = frozenset("what are my rights on flexible working the pay rise for who is can i work from home does "
                          "do me de is it the die was cast and told hat beth".split())


@pytest.mark.parametrize("question", [
    "que dois-je faire si je suis victime de discrimination au travail?", "Wie viel verdient ein Manager?",
    "Beth yw fy hawliau?", "ما هي حقوقي في العمل المرن؟", "¿Cuál es mi salario y cuándo lo cobro?",
    # walk 31: refused with no word that the archive is in English ("hat", "was" and "beth" are English words too)
    "Was hat MiP über Stellenabbau gesagt?", "Beth yw MiP?"])
def test_questions_in_another_language(question):
    assert in_another_language(question, ENGLISH_WORDS.__contains__)


@pytest.mark.parametrize("question", [
    "wat r my rites on flexable workin", "what is the pay rise for vsms", "who is Jon Restell", "can i work from home",
    "the die was cast and I was told", "de minimis rules at MiP?", "Beth Smith is the new chair: who is she?",
    "what did the union say about the pay rise for VSMs and ESMs in 2026?"])
def test_english_however_misspelt_is_english(question):
    assert not in_another_language(question, ENGLISH_WORDS.__contains__)


def test_a_question_in_another_language_is_not_spelled_as_english():
    """A walk: "que dois-je faire si je suis victime ..." was searched as "que does-je fire si je sums victime ..."."""
    from rag.types import Chunk
    chunks = [Chunk(chunk_id=f"c{i}", issue_id="i", issue_title="Issue", date="2026-06-01", article_id="a",
                    headline="Fire", page=1, position=i, text="Does the fire service sum it up? It does. Fire sums.")
              for i in range(3)]
    reading = Reading(chunks, ENGLISH_WORDS.__contains__, dict)
    assert reading.spelled("does the fyre servic sum it") == "does the fire service sum it"  # English: corrected
    french = "que dois-je faire si je suis victime?"
    assert reading.spelled(french) == french


def test_the_answer_to_a_question_in_another_language_says_the_archive_is_in_english(tmp_path):
    """A walk's Welsh "beth yw fy hawliau i weithio'n hyblyg?" got "The archive does not cover this." and no more."""
    from rag.answer import notices
    from rag.testing import article_pipeline, sample_corpus
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    pipeline.known_word = ENGLISH_WORDS.__contains__
    answer = pipeline.answer("beth yw fy hawliau i weithio'n hyblyg?")
    assert notices.ENGLISH in answer.notice and "Saesneg" in notices.ENGLISH
