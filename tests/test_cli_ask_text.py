"""`rag ask`'s text: the notice, the answer, the sources (rag.cli.ask_lines)."""

from rag.cli import ask_lines
from rag.types import Answer


def test_a_notice_holding_brackets_is_not_wrapped_in_more():
    """Tester 34: `rag ask` printed "(Quoted passages from the sources (no AI model configured).)"."""
    answer = Answer(question="q", answer='"The 3.3% award." [1]', refused=False, citations=(), hits=(),
                    llm="extractive", notice="Quoted passages from the sources (no AI model configured).")
    lines = ask_lines(answer)
    assert lines == ["Note: Quoted passages from the sources (no AI model configured).", '"The 3.3% award." [1]']
    assert ask_lines(Answer(question="q", answer="The archive does not cover this.", refused=True, citations=(),
                            hits=(), llm="none")) == ["The archive does not cover this."]
