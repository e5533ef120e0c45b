"""What an answer's notice says about the AI model, in the web's words (rag.answer.notices)."""

from rag.answer import notices


def test_notices_name_the_model_as_the_web_does():
    """The chat says "AI model"; the notices said "language model" beside it (a helper's wording check)."""
    for text in (notices.FALLBACK, notices.DECLINED, notices.NO_LLM):
        assert "AI model" in text and "language model" not in text


def test_the_model_part_of_a_notice_is_found_in_either_wording():
    new = notices.FALLBACK.format(reason="timeout") + " None of the sources cited uses the word \"x\"."
    assert notices.model_part(new) == (notices.FALLBACK.format(reason="timeout"),
                                       'None of the sources cited uses the word "x".')
    # a chat saved in a member's browser before the wording changed
    old = "The language model was unavailable. Some of the dates quoted have passed."
    assert notices.model_part(old) == ("The language model was unavailable.", "Some of the dates quoted have passed.")
