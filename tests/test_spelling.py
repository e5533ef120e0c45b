"""A member's misspelt words are read as the archive spells them; real words the archive lacks are left alone
(rag.answer.spelling)."""

import pytest

from rag.answer.pipeline import Pipeline
from rag.answer.spelling import Spelling, english_words, pair_passages, word_passages
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


def test_real_words_the_archive_lacks_are_never_changed(spelling):
    # one letter from "marking" and "maternity", but English: the archive not covering them must stay visible
    assert spelling.corrected("parking and paternity pay") == "parking and paternity pay"
    assert spelling.correction("organisation") is None  # British spelling of a word the dictionary has


def test_short_words_rare_targets_and_far_words_are_left_as_typed(spelling):
    assert spelling.corrected("teh pya") == "teh pya"  # under four letters: too many near words to guess
    rare = Spelling({"flexible": 1}, ENGLISH.__contains__)
    assert rare.corrected("flexable") == "flexable"  # the archive uses it once: perhaps its own typo
    assert spelling.corrected("flxabl") == "flxabl"  # three edits away


def test_the_shipped_dictionary_knows_english_and_british_words_not_typos():
    known = english_words()
    spell = Spelling({"flexible": 5, "marking": 5, "organisation": 5}, known)
    assert spell.corrected("flexable parking") == "flexible parking"
    assert spell.correction("organise") is None and spell.correction("programme") is None


JOINED = ["Healthcare staff.", "The healthcare bill.", "Cybersecurity risk.", "Cybersecurity work.", "Cyber security.",
          "Cyber security jobs.", "Cyber security again.", "Maybe later.", "Maybe not.", "Workforce plans.", "Workforce."]


def test_two_words_the_archive_writes_as_one_are_read_as_one():
    """"health care" matched nothing: the archive says "healthcare" 26 times and "health care" never."""
    passages = word_passages(JOINED)
    spell = Spelling(passages, ENGLISH.__contains__, pair_passages(JOINED, passages))
    assert spell.corrected("how is health care funded?") == "how is healthcare funded?"
    assert spell.corrected("Health-care bill") == "Healthcare bill"  # hyphenated too; the member's capital kept
    assert spell.corrected("the work force plan") == "the workforce plan"


def test_words_the_archive_also_writes_apart_stopwords_and_names_stay_apart():
    passages = word_passages(JOINED)
    spell = Spelling(passages, ENGLISH.__contains__, pair_passages(JOINED, passages))
    assert spell.corrected("cyber security exercise") == "cyber security exercise"  # apart as often as together
    assert spell.corrected("what may be cut") == "what may be cut"  # "maybe" is the archive's, "may" a stopword
    assert spell.corrected("the Health Care Act") == "the Health Care Act"  # a name as the member wrote it
    assert Spelling(passages, ENGLISH.__contains__).corrected("health care") == "health care"  # no pairs given


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
