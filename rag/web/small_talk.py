"""Replies to a greeting, a thank-you or "what can you do?" typed on its own, said in the status line: the archive
is not searched for them (a walk's "hi" got "The archive does not cover this.", and its "thanks" quotes about being
thanked, searched as "what can you do thanks?")."""

from __future__ import annotations

import re

from rag.errors import InputError
from rag.web.chat_render import message_html
from rag.web.limits import check_question

HELLO = ("Hello. Ask a question about Healthcare Manager, MiP's magazine, in your own words: for example, "
         "what did MiP say about pay?")
THANKS = "You're welcome. Ask another question whenever you like, or press New chat to start afresh."
HELP = ("This assistant answers questions from the Healthcare Manager archive, MiP's magazine, each sentence with a "
        "number [1] leading to the article it comes from. Ask in your own words: for example, what rights do I "
        "have to work flexibly?")

_SAID = {
    HELLO: {"hi", "hiya", "hello", "hey", "hi there", "hello there", "good morning", "good afternoon",
            "good evening"},
    THANKS: {"thanks", "thank you", "thanks a lot", "thank you very much", "many thanks", "cheers", "ta",
             "thanks very much", "ok thanks", "great thanks", "thx"},
    # not "who are you?" or "what are you?": the pipeline answers those with what the assistant is, a program and which
    # model writes its answers (rag.answer.about_archive); a walk's "who are you?" got this help line, "are you a bot?"
    # the pipeline's answer
    HELP: {"help", "what can you do", "what can i ask", "what do you do", "how does this work"},
}


def small_talk(question: str) -> str | None:
    """The reply when the whole message is a greeting, thanks or a request for help, else None.

    Example: "Thanks!" -> THANKS; "thanks, and what about 2024?" -> None (a question: the archive answers it).
    """
    said = " ".join(re.sub(r"[^\w\s']", " ", question.casefold()).split())
    return next((reply for reply, phrases in _SAID.items() if said in phrases), None)


def said_at_once(question: str | None, max_chars: int) -> str | None:
    """The status line's message for a message the archive is not searched for (a greeting, thanks, no words, over the
    limit), said as it is sent; None for a question answered in its turn. The answering handler said these only in
    its turn, after a wait for a free place behind other members' answers: a walk (30) saw "hi" get nothing for 120 s
    and more, only Stop shown. The handler says the same again in its turn."""
    try:
        q = check_question(question, max_chars)
    except InputError as e:
        return message_html(str(e))
    said = small_talk(q)
    return message_html(said, "note") if said else None
