"""Replies to a greeting, a thank-you or "what can you do?" typed on its own, said in the status line: the archive
is not searched for them (a walk's "hi" got "The archive does not cover this.", and its "thanks" quotes about being
thanked, searched as "what can you do thanks?")."""

from __future__ import annotations

import re

from rag.errors import InputError
from rag.llm.asked import NeedsModel
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


# A question the pipeline answers without the model ("which issues do you have?", "who said that?", a refusal) is
# answered at once too while other members' answers hold every place (RAG_CONCURRENCY): it waited behind them, 37-120 s
# in walk 30, as the app cannot tell it apart before the pipeline has read it. ChatHandlers.reply_now runs the pipeline
# with every request to the model refused (rag.llm.asked.NeedsModel); one reaching the model is left to ask, as before.
def answered_without_model(steps):
    """The last of an answer's steps when it made no request to the model, else None (its steps are dropped)."""
    last = None
    try:
        for last in steps:
            pass
    except NeedsModel:
        return None
    finally:
        steps.close()
    return last


def nothing_to_answer(question: str | None, turns: list | None, replied: str | None) -> bool:
    """ask has nothing to answer: sent from the page (reply_now ran first: replied is not None), no question waits in
    the chat and the box was empty as it was sent. ask runs once a place is free, which can be after the member sent
    another question: one reply_now left waiting is answered by the first ask free, and the next finds nothing. An
    empty box was told so at once (rag.web.small_talk.said_at_once); by the /ask API (replied None) it is told here."""
    waiting = bool(turns) and turns[-1].get("state") == "queued"
    return replied is not None and not waiting and not (question or "").strip()
