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


def test_a_models_error_keeps_its_advice_in_the_notice():
    """Tester 29: the notice kept 120 characters of "openai/x has no API key, so no request was sent: set
    RAG_LLM_API_KEY (any value, e.g. RAG_LLM_API_KEY=none, for a server that needs no key) ...", cut mid-advice."""
    from rag.answer.notices import short

    message = ("openai/gpt-4o-mini has no API key, so no request was sent: set RAG_LLM_API_KEY (any value, e.g. "
               "RAG_LLM_API_KEY=none, for a server that needs no key) or the provider's key variable")
    assert short(message) == message
    long = "word " * 100
    assert len(short(long)) <= 260 and short(long).endswith("word...")
