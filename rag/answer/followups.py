"""Pure follow-up handling: whether a question leans on the conversation, and rewriting it to stand alone (with an
LLM's help, build_condense_messages, or without one, condense_without_llm)."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.acronyms import names_as_words
from rag.answer.across import years_in
from rag.answer.citations import STOPWORDS, content_terms, is_refusal
from rag.answer.followup_kinds import self_contained
from rag.answer.leaning import ASKS_ITSELF, EXAMPLE_OF_IT, PRONOUNS, looks_like_followup
from rag.answer.pointers import quotes_its_subject, read_off_an_answer
from rag.answer.rewrite_checks import PERSON_PRONOUNS, asks, fills_in, names_in, names_whom
from rag.answer.speakers import asks_who_said_that
from rag.answer.where_from import asks_where_from
from rag.contact_details import CONTACT_WORDS
from rag.errors import LLMError
from rag.textnorm import normalize, tokens
from rag.types import LLM


def build_condense_messages(history: Sequence[tuple[str, str]], question: str) -> list[dict]:
    """Messages asking an LLM to rewrite a follow-up as one standalone question (last 2 turns only)."""
    lines = []
    for user, assistant in list(history)[-2:]:
        lines.append(f"User: {' '.join(user.split())}")
        if is_refusal(assistant):
            continue  # nothing to refer to: "when was that?" after "The archive does not cover this." came back from
            # the model as "When was the archive created?" (a walk), not as the question refused
        reply = " ".join(assistant.split())
        lines.append(f"Assistant: {reply[:300]}{'...' if len(reply) > 300 else ''}")
    system = (
        "Rewrite the user's follow-up as one standalone question that makes sense without the "
        "conversation. Keep its meaning; fill in only what it refers to. Do not answer it. Reply with the "
        "question only, ending with a question mark."
    )
    user_msg = "\n".join(lines) + f"\n\nFollow-up: {' '.join(question.split())}\nStandalone question:"
    return [{"role": "system", "content": system}, {"role": "user", "content": user_msg}]


_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_NOW = re.compile(r"\b(?:this year(?:'s)?|currently|at the moment|right now|now|today)\b|"
                  r"(?<=\bthe )(?:latest|current) (?!on |about |news )", re.I)


def _strip_lead(q: str) -> str:
    """The follow-up without its connectives: "and in 2024?" -> "in 2024", "and what about 2024?" -> "2024"."""
    q = " ".join(q.split()).strip(" ?!.")
    while True:
        shorter = re.sub(r"^(?:and|but|also|or|so|then|what about|how about|what of|same for|tell me more(?: about)?|"
                         r"more (?:about|on))\b[\s,]*", "", q, flags=re.I)
        if shorter == q:
            return q
        q = shorter


# "the year before" and its kin, resolved against the year the conversation is about
_RELATIVE_YEAR = re.compile(r"\b(?:(?:the )?(?:year|twelve months) (?P<b>before|earlier|prior)|"
                            r"(?:the )?(?P<p>previous|prior|preceding) year|last year|(?:the )?year (?P<a>after|later)|"
                            r"(?:the )?(?P<n>next|following) year)\b", re.I)


def _resolve_relative_year(fragment: str, previous: str, previous_answer: str) -> str:
    """'the year before' -> 'in 2023' when the earlier question (else its answer) is about 2024."""
    m = _RELATIVE_YEAR.search(fragment)
    years = [int(y.group(0)) for y in _YEAR.finditer(previous)] or [int(y.group(0)) for y in
                                                                   _YEAR.finditer(previous_answer)]
    if not m or not years:
        return fragment
    year = max(years) + (1 if m.group("a") or m.group("n") else -1)
    return " ".join((fragment[: m.start()] + f"in {year}" + fragment[m.end():]).split())


# an answer's own framing, naming an issue (and an article): "From Healthcare Manager issue 68, summer 2026, "Flexible
# and hybrid working: what are your rights?": ", "As of ... 2026: " (a walk's follow-up was searched with "Healthcare
# Manager" as if it were someone the answer named)
_LEAD_IN = re.compile(r'\b(?:From|As of|Reported in) [^"\n:]*?\b(?:19|20)\d\d\b[^"\n:]*?(?:, "[^"\n]*")?: ')


_WH_ALONE = re.compile(r"(?:when|where|why|how)", re.I)
_PERSON_NAME = re.compile(r"[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){1,2}")  # "Jon Restell", not "Agenda for Change"
_YES_NO = re.compile(r"(?:is|are|was|were|will|would|can|could|should|do|does|did|has|have|had)\b", re.I)
_WHO_IS = re.compile(r"^(?:who|whom)(?:'s| is| was| are| were)\b", re.I)
_DETAIL_WORDS = frozenset(CONTACT_WORDS.split())


def _merge(previous: str, previous_answer: str, question: str, names: Sequence[str] = ()) -> str:
    fragment = _resolve_relative_year(_strip_lead(question), previous, previous_answer)
    prev = " ".join(previous.split()).rstrip(" ?!.")
    years = _YEAR.findall(fragment)
    if (years or _NOW.search(fragment)) and (_YEAR.search(prev) or _NOW.search(prev)):
        # "in 2023", "this year" -> the follow-up's year replaces it ("and what about 2024?" after "What pay rise are
        # VSMs getting this year?" was searched with both, and answered from this year's issue: a walk), and so does
        # its "now" ("and what about now" after "... in 2024" was searched "... in 2024 now?": a walk)
        prev = _NOW.sub("", _YEAR.sub("", prev))
        prev = re.sub(r"\s+(in|for|during|of)\s*$", "", re.sub(r"\s{2,}", " ", prev)).strip()
    # "when?" after "is NHS England being abolished?" asks when it is: "when is NHS England being abolished?" (it was
    # searched as "is NHS England being abolished when?", and quoted as the question before was)
    if _WH_ALONE.fullmatch(fragment) and _YES_NO.match(prev):
        return f"{fragment.lower()} {prev[0].lower()}{prev[1:]}?"
    # "give me an example", "like what?": an example of what the turn before asked about (not its "for ..." or what it
    # asks about put in place: "what are the grounds for like what?", a batch, session 35)
    if EXAMPLE_OF_IT.match(normalize(fragment).strip(" ?!.")):
        return f"{prev}: an example?"
    # "who is the editor?" asks a question of its own about what the turn before named: kept whole, not run on after
    # it (walk 29: "what's the editor's email address who is the editor?" was answered with the email alone)
    whole = bool(_WHO_IS.match(fragment))
    if fragment and len(tokens(fragment)) <= 5 and not any(w in PRONOUNS for w in tokens(fragment)) and not whole:
        return f"{_put_in_place(prev, fragment, names) or prev + ' ' + fragment}?"
    if not fragment:
        return f"{prev}?"  # "tell me more": the earlier question is the standalone one
    # A pronoun or longer follow-up: keep it whole and add what it most likely refers to.
    # (an acronym of two letters too: "what did they say the risks were?" after "what are AI tools being used for in
    # the NHS?" was searched without "AI", and quoted on cyber attacks; a batch, session 35)
    context = [w for w in re.findall(r"[\w'-]+", prev) if (len(w) > 2 or len(w) == 2 and w.isupper() and w.isalpha())
               and w.lower() not in STOPWORDS | PRONOUNS
               and not ASKS_ITSELF.match(w.lower())  # not "whats" (a walk's brackets carried it)
               and not (whole and w.lower() in _DETAIL_WORDS)]  # nor the email the turn before asked for
    # the previous answer's names, unless the follow-up moves to a year it did not name ("and who was it back in
    # 2024?" after the 2026 contact: a walk's search carried the 2026 name)
    moved = bool(years_in(fragment) - years_in(previous_answer))
    names = [] if is_refusal(previous_answer) or moved else names_in(_LEAD_IN.sub("", previous_answer))
    # "he" or "she" is someone the answer names, not a body or a scheme: "what did he say about job cuts?" after "who
    # is Jon Restell?" was searched with the answer's "Agenda for Change" and "Jon Restell Chief Executive", and quoted
    # on pay (a batch, session 35)
    if any(w in PERSON_PRONOUNS for w in tokens(fragment)):
        names = [n for n in names if _PERSON_NAME.fullmatch(n)]
    names = names[:2]
    words = [w for phrase in names + context for w in phrase.split()]
    extra = " ".join({w.lower(): w for w in reversed(words)}[k] for k in dict.fromkeys(w.lower() for w in words))
    return f"{' '.join(question.split()).rstrip()} ({extra})" if extra else question


# What a short follow-up puts in the place of the question before's own: "and if I'm pregnant?" after "what are my
# rights if I'm disabled?", "what about VSMs?" after "what's the pay rise for agenda for change staff?" (searched as
# "... agenda for change staff VSMs?", and quoted on Agenda for Change pay; session 27's batch)
_IN_PLACE = ("if", "for", "about", "at", "on", "in", "with")
_SUBJECT_OF = ("for", "about", "at", "on")  # the words that open what a question is about, the first found


def _put_in_place(prev: str, fragment: str, names: Sequence[str] = ()) -> str:
    """prev with the part a short follow-up replaces given its words ("" when none): from the word the fragment opens
    with (the first one prev holds), else, for a bare name ("VSMs"), from the first word opening what prev asks
    about, to the end. A word inside one of names (what the archive's acronyms stand for) opens nothing: "and for band
    7?" after "how much was the agenda for change pay award this year?" was searched as "how much was the agenda for
    band 7?" (walk 32)."""
    words = fragment.split()
    first = words[0].lower()
    lower = names_as_words(f" {prev.lower()} ", names)
    if first in _IN_PLACE:
        at = lower.find(f" {first} ")
        return f"{prev[:at].rstrip()} {fragment}" if at > 0 else ""
    if asks(fragment) or len(content_terms(fragment)) == 0:  # "how many?", "that": no name to put in its place
        return ""
    found = [at for w in _SUBJECT_OF if (at := lower.find(f" {w} ")) > 0]
    if not found:
        return ""
    at = min(found)
    opener = prev[at:].split()[0]
    return f"{prev[:at].rstrip()} {opener} {fragment}"


_ADDED = re.compile(r"\s*\([^()]*\)\s*\??\s*$")


def without_added_context(question: str) -> str:
    """A question as the member worded it, without the conversation's words _merge adds in brackets at its end ("what
    did he say about money (James Murray Wes Streeting ...)" -> "what did he say about money")."""
    return _ADDED.sub("", question)


def asked_of_the_answer(history: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The turns that asked something of the archive: not "what does [1] say?" nor "which issue was that in?", whose
    replies read the answer before again. "what about ESMs?" after "how much is the VSM pay uplift?" and "what does [1]
    say?" was rewritten by the model as "What does [1] say about ESMs?" (session 27)."""
    return [t for t in history if not reads_the_answer_before(*t)]


def reads_the_answer_before(question: str, answer: str) -> bool:
    """A turn whose reply was read off the answer before it ("what does [1] say?", "which issue was that in?", a
    no-such-item reply), not an answer of its own."""
    return read_off_an_answer(question, answer) or asks_where_from(question)


def _on_topic(history: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The turns a follow-up leans on: those that asked something of the archive, and not "who said that?", which
    asks only whose words the answer before quoted (walk 29: "tell me more" after it was rewritten by the model as
    another "who said that?" question and answered "Simon Stevens said that")."""
    return [t for t in asked_of_the_answer(history) if not asks_who_said_that(t[0])]


def condense_without_llm(history: Sequence[tuple[str, str]], question: str, names: Sequence[str] = ()) -> str:
    """A standalone question with no LLM: follow-ups borrow the key terms of earlier questions (names: as in
    _put_in_place).

    Example: [("what pay rise did board-level managers get?", "...")], "and in 2024?"
    -> "what pay rise did board-level managers get in 2024?"
    """
    history = _on_topic(history)
    if not history or not looks_like_followup(question) or quotes_its_subject(question):
        return " ".join(question.split())
    if self_contained(question):
        return self_contained(question)
    standalone, answer = history[0][0], history[0][1]
    for user, reply in list(history)[1:]:
        if is_refusal(reply) and looks_like_followup(user):
            continue  # a refused follow-up moved nothing on: "is that more than the vsms got" after "and in 2024?"
            # and "what about band 8?" (both refused) was searched with "2024" and "band" (a walk)
        standalone = _merge(standalone, answer, user, names) if looks_like_followup(user) else user
        answer = reply
    return _merge(standalone, answer, question, names)


def standalone(question: str, history: Sequence[tuple[str, str]], llm: LLM | None = None,
               names: Sequence[str] = ()) -> str:
    """A follow-up rewritten to stand alone: by the LLM when given and its rewrite is usable, else by merging the
    conversation's key terms (condense_without_llm, names as there); a question that does not lean on the conversation
    as it is."""
    history = _on_topic(history)
    if not history or not looks_like_followup(question) or quotes_its_subject(question):
        return question
    if self_contained(question):
        return self_contained(question)  # nothing to ask the model: it names what it asks about
    merged = condense_without_llm(history, question, names)
    if _RELATIVE_YEAR.search(question) and _YEAR.search(merged):
        # "and last year?" resolved against the conversation's year by rule: the model's rewrite kept "last year"
        # unresolved, and 2026-27's 3% was then said to be last year's (a walk)
        return merged
    if llm is not None:
        # The follow-up leans on the last turn; the one before only when the last question leaned on it too (a walk's
        # "and in 2024?" after a question on VSMs' pay was rewritten from the Agenda for Change question before it)
        # (a refused follow-up moved nothing on: the turns answered are heard)
        answered = [t for t in history if not (is_refusal(t[1]) and looks_like_followup(t[0]))] or list(history)
        heard = answered[-2:] if looks_like_followup(answered[-1][0]) else answered[-1:]
        try:
            text = "".join(llm.stream(build_condense_messages(heard, question))).strip()
            text = " ".join(text.split()).strip('"')
            # a statement ("Jon Restell said that.") would be answered as a claim to check, not the question
            asked = asks(text) or not asks(question)
            # the follow-up handed back as it was ("who wrote that?") still leans on the conversation
            resolved = not looks_like_followup(text) and fills_in(text, question, heard)
            # ... and keeps what the follow-up itself asks: "and what about pay in 2024?" came back as "What did
            # MiP members say about the award?" (a walk), its year and subject gone
            kept = set(content_terms(question)) <= set(content_terms(text))
            if (3 <= len(text) <= 3 * len(question) + 200 and asked and resolved and kept and not is_refusal(text)
                    and names_whom(text, question, heard[-1])):
                return text
        except LLMError:
            pass
    return merged


_THAT = re.compile(r"\b(?:that|this|it|these|those)\b", re.I)



def asks_when_that_was(question: str) -> bool:
    """A follow-up asking when what was just said was said or happened: "when did he say that?", "when was this
    announced?", "when was that report published?" (not "when was he born?", which asks something new)."""
    return looks_like_followup(question) and bool(_THAT.search(question)) and len(content_terms(question)) <= 3
