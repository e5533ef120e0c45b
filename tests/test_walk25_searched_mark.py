"""Walk 24 left open: "Searched for: what did MiP say about diversity?, adding the words: ..." read as a stray "?" in
the middle of the line. The member's question mark goes when words are said to be added."""

from rag.web.chat_render import answer_html
from rag.web.searched import searched_for, searched_line


def test_no_question_mark_before_the_words_added():
    question = "what did MiP say about diversity?"
    line = searched_line(question, "what did MiP say about diversity? (workforce race equality)")
    assert line == "Searched for: what did MiP say about diversity, adding the words: workforce race equality"
    assert "?," not in line


def test_the_line_under_the_answer_reads_the_same():
    question = "and what about diversity?"
    turn = {"id": "ab12cd34", "question": question, "answer": "The archive does not cover this.",
            "state": "refused", "sources": [], "searched": searched_for(question, f"{question} (NHS managers)")}
    out = answer_html(turn)
    assert "Searched for: and what about diversity, adding the words: NHS managers" in out and "?," not in out


def test_a_rewrite_keeps_its_own_question_mark():
    assert searched_line("and in 2024?", "What was the pay award in 2024?") == (
        "Searched for: What was the pay award in 2024?")
