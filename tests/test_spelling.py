"""A member's misspelt words are read as the archive spells them; real words the archive lacks are left alone
(rag.answer.spelling)."""

import pytest

from rag.answer.pipeline import Pipeline
from rag.answer.spelling import Spelling, english_words, word_passages
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index

ARCHIVE = word_passages(["Flexible working rights.", "Flexible working happened.", "What happened: flexible working.",
                         "Marking rights", "Maternity pay.", "Maternity leave.", "Happen, happen, happen."] * 2)
ENGLISH = frozenset("rights what the pay parking paternity marking maternity working flexible happen happened "
                    "organization".split())


@pytest.fixture
def spelling():
    return Spelling(ARCHIVE, ENGLISH.__contains__)


def test_a_word_in_neither_the_archive_nor_english_is_read_as_the_archives(spelling):
    assert spelling.corrected("flexable workin rights?") == "flexible working rights?"  # a walk's question
    assert spelling.corrected("Flexable rights") == "Flexible rights"  # the member's capital kept


def test_of_two_words_one_edit_away_the_one_ending_as_typed_is_taken(spelling):
    # "happen" is in more passages, but "happend" ends as "happened" does
    assert spelling.corrected("what happend?") == "what happened?"
    # ... but a word that says something before a stop word: "weke" is "week", not "were" (which ends as typed)
    weeks = Spelling({"week": 2, "were": 3, "their": 2}, {"week", "were", "their"}.__contains__)
    assert weeks.corrected("every weke") == "every week"
    assert weeks.corrected("thier pay") == "their pay"  # a stop word when no other word is near


def test_real_words_the_archive_lacks_are_never_changed(spelling):
    # one letter from "marking" and "maternity", but English: the archive not covering them must stay visible
    assert spelling.corrected("parking and paternity pay") == "parking and paternity pay"
    assert spelling.correction("organisation") is None  # British spelling of a word the dictionary has


def test_short_words_rare_targets_and_far_words_are_left_as_typed(spelling):
    assert spelling.corrected("teh pya") == "teh pya"  # under four letters: too many near words to guess
    rare = Spelling({"flexibel": 1}, ENGLISH.__contains__)
    assert rare.corrected("flexable") == "flexable"  # the archive uses it once, no English word: perhaps its own typo
    # ... but a word used once that is English is a target: walk 27's "menopaus policy" was left as typed, the
    # archive saying "menopause" in one passage
    once = Spelling({"flexible": 1}, ENGLISH.__contains__)
    assert once.corrected("flexable") == "flexible"
    assert spelling.corrected("flxabl") == "flxabl"  # three edits away


def test_the_shipped_dictionary_knows_english_and_british_words_not_typos():
    known = english_words()
    spell = Spelling({"flexible": 5, "marking": 5, "organisation": 5}, known)
    assert spell.corrected("flexable parking") == "flexible parking"
    assert spell.correction("organise") is None and spell.correction("programme") is None


def test_the_pipeline_searches_the_corrected_question_and_names_no_typo(tmp_path):
    idx = build_index(tmp_path)
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, answerability=False)
    pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(),
                    llm=ScriptedLLM(["NHS staff were offered a 5.5% pay award [1]."]),
                    count_tokens=lambda t: len(t.split()), known_word=lambda w: False)
    answer = pipe.answer("What pay awrad did NHS staff get?")  # "award": in two passages of the test archive
    assert answer.question == "What pay awrad did NHS staff get?"  # as the member typed it
    assert answer.standalone_question == "What pay award did NHS staff get?"  # shown as "Searched for"
    assert answer.citations and "awrad" not in answer.notice  # the typo is not blamed on the sources


def test_a_follow_up_borrows_the_earlier_questions_words_as_the_archive_spells_them(tmp_path):
    """A walk's "who wrote that article" after "what are the buisness reasons they can use" was searched as "who
    wrote that article (buisness reasons use)"."""
    idx = build_index(tmp_path)
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, answerability=False)
    pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=None,
                    count_tokens=lambda t: len(t.split()), known_word=lambda w: False)
    history = [("What pay awrad did NHS staff get?", "NHS staff were offered a 5.5% pay award [1].")]
    answer = pipe.answer("and in 2024?", history=history)
    assert "award" in answer.standalone_question and "awrad" not in answer.standalone_question
