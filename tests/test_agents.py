"""rag.answer.agents: "who edits the magazine?" is searched with the doer's word the archive uses (the lead's member
questions, session 33: the masthead's "Published by: ..." and "Contributors: ..." were quoted, not "Craig Ryan,
Editor")."""

import pytest

from rag.answer.agents import doer_words, with_doer
from rag.answer.unmentioned import by_key, unmentioned

WORDS = frozenset({"editor", "leader", "organiser", "chair", "craig", "ryan"})


@pytest.mark.parametrize("question, searched", [
    ("who edits the magazine?", "who edits the magazine? (editor)"),
    ("Who edited the 2024 issue?", "Who edited the 2024 issue? (editor)"),
    ("who's leading the union now?", "who's leading the union now? (leader)"),
    ("who organises the reps?", "who organises the reps? (organiser)"),
    ("who chairs MiP?", "who chairs MiP?"),  # the verb is the role's own word
    ("who is the editor?", "who is the editor?"),  # no deed: the role asked as it is
    ("who wrote that?", "who wrote that?"),
    ("who runs the cyber centre?", "who runs the cyber centre?"),  # "runner" is no word of the archive
    ("what does the editor say?", "what does the editor say?"),
])
def test_a_who_question_is_searched_with_the_doers_word_the_archive_uses(question, searched):
    assert with_doer(question, WORDS) == searched


def test_doer_words():
    assert "editor" in doer_words("edits") and "organiser" in doer_words("organising")
    assert "runner" in doer_words("runs")


def test_the_notice_reads_a_verb_as_held_by_its_doers_word():
    """"None of the sources cited uses the word "edits"" came under "Craig Ryan, Editor"."""
    archive = by_key({"edit": 1})
    assert unmentioned("who edits the magazine?", ["Craig Ryan, Editor c.ryan@miphealth.org.uk"], archive) == []
    assert unmentioned("who edits the magazine?", ["Published by: Managers in Partnership"], archive) == ["edits"]
