"""Walk 23: four of twelve follow-ups showed a bag of words in brackets under their answer, "Searched for: is that more
than the vsms got (whats pay rise agenda change staff 2024 band)", "Searched for: when will it happen (trust cutting
post)": the words the answering side adds to a follow-up from the conversation (or an acronym's expansion), shown as
if they were part of a sentence. They are now said to be added; any other rewrite is shown as it is."""

from rag.web.chat_page import restore_turns
from rag.web.chat_render import answer_html
from rag.web.searched import searched_for, searched_line


def _turn(question: str, searched: str) -> dict:
    return {"id": "ab12cd34", "question": question, "answer": "The archive does not cover this.", "state": "refused",
            "sources": [], "searched": searched}


def test_words_added_to_the_members_question_are_said_to_be_added():
    question, standalone = "is that more than the vsms got", "is that more than the vsms got (whats pay rise 2024)"
    out = answer_html(_turn(question, searched_for(question, standalone)))
    assert "Searched for: is that more than the vsms got, adding the words: whats pay rise 2024" in out
    assert "got (whats" not in out


def test_a_saved_turn_reads_the_same_after_a_reload():
    turn = restore_turns([_turn("when will it happen", "when will it happen (trust cutting post)")])[0]
    assert "Searched for: when will it happen, adding the words: trust cutting post" in answer_html(turn)


def test_a_rewritten_question_or_one_with_brackets_of_its_own_is_shown_as_it_is():
    assert searched_line("and in 2024?", "What is the pay rise for Agenda for Change staff in 2024?") == (
        "Searched for: What is the pay rise for Agenda for Change staff in 2024?")
    assert searched_line("what is mip?", "what is mip? (Managers in Partnership)") == (
        "Searched for: what is mip, adding the words: Managers in Partnership")  # no "?," (walk 25)
    # the member's own brackets, the question then rewritten: nothing was added to what they typed
    asked = "what did he say (about pay)?"
    assert searched_line(asked, "What did Jon Restell say (about pay)?") == (
        "Searched for: What did Jon Restell say (about pay)?")
