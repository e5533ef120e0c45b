"""Pure follow-up handling: whether a question leans on the conversation, and rewriting it to stand alone (with an
LLM's help, build_condense_messages, or without one, condense_without_llm)."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.across import years_in
from rag.answer.answer_kinds import ASKING_TERMS
from rag.answer.citations import STOPWORDS, content_terms, is_refusal
from rag.answer.followup_kinds import self_contained
from rag.answer.pointers import quotes_its_subject, read_off_an_answer
from rag.answer.rewrite_checks import PERSON_PRONOUNS, asks, fills_in, names_before_pronoun, names_in, names_whom
from rag.answer.speakers import asks_who_said_that
from rag.answer.where_from import asks_where_from
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


_FOLLOWUP_START = re.compile(
    r"^(and|but|also|or|so|then|what about|how about|what of|same for|same question|and what|"
    r"what else|tell me more|more about|more on|why( not)?\??$|how come|is that|was that|are they|"
    r"did (he|she|they|it)|does (he|she|it)|do they)\b"
)
_PRONOUNS = frozenset("he she him her his hers they them their theirs it its that this those these there".split())
# "he", "she": someone named before, whatever else the question says ("what did he say about extra money for the NHS?")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
# a question about something said or done in the turn before, ending on it: "... say that?", "... mean by this?"
_SAID_THAT = re.compile(r"\b(?:say|said|says|mean|meant|means|announce|announced|write|wrote|claim|claimed|do|did)"
                        r"(?: by)? (?:that|this|it)\W*$")
_NOW = re.compile(r"\b(?:this year(?:'s)?|currently|at the moment|right now|now|today)\b|"
                  r"(?<=\bthe )(?:latest|current) (?!on |about |news )", re.I)
# "the current one", "the other ones", "that one": something the conversation named before
_ONE_BEFORE = re.compile(r"\b(?:the|that|this|those|these)(?: \w+)? ones?\b"
                         r"(?! (?:of|who|that|which|whose|in|at|for)\b)")
# "there" ending a question as a place ("how many staff work there?", "what is happening there?"), not the "there" of
# "is there ...?" / "are there?": the place is the one the conversation named (a batch's "how many staff work there?"
# after commissioning support units was searched alone and answered with NHS England's 15,000)
_THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )\bthere$")


_NTH_ITEM = re.compile(r"\b(?:step|point|tip|item|rule|reason|stage|lesson|mistake|priority|goal|question)s? "
                       r"(?:no\.? ?)?\d+\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                       r"last|next) (?:step|point|tip|item|rule|reason|stage|lesson|mistake|priority|goal)\b")
_IS_THERE = re.compile(r"\b(is|are|was|were|be|been|isn't|aren't|wasn't|weren't) there\b")
_ASKS_ITSELF = re.compile(r"^(?:what|whats|what's|who|whos|who's|when|where|which|how|why)\b")


# a response to something not named in the question: "what if my manager says no?" (after a question on flexible
# working: searched alone, it was answered first from an article on managers and government, a walk)
_RESPONSE_TO_IT = re.compile(r"\b(?:(?:says?|said) no|(?:refuses?|refused|rejects?|rejected|declines?|declined|"
                             r"disagrees?|objects?)(?: (?:it|that|this))?|turns? (?:it |that |this |me )?down|"
                             r"won'?t (?:agree|allow it|let me)|(?:does|did) ?n[o']?t (?:agree|reply|respond|answer))$")


# what someone should or can do, in a situation not named: "what should my line manager do?", "what can I do?" (a walk:
# after a question on the menopause at work, it was searched alone and answered on supporting autistic colleagues)
_DO_IN_IT = re.compile(r"(?:\b(?:should|shall|can|could|must|would|will|ought)\b(?: \w+){1,3}|\bto) do$")


# one word asking more of the answer before, not a topic: "explain", "sources", "summarise"
_OF_THE_ANSWER = frozenset("explain elaborate continue expand detail details example examples source sources link "
                           "links summarise summarize summary quote quotes context".split())


def looks_like_followup(question: str) -> bool:
    """True for questions that lean on earlier turns: "and in 2024?", "what about nurses?", "what did he say?",
    "what if my manager says no?"."""
    q = normalize(question).strip(" ?!.")
    if not q:
        return False
    if _RESPONSE_TO_IT.search(q):
        return True
    if _FOLLOWUP_START.match(q):
        return True
    words = tokens(q)
    if (len(words) == 1 and words[0].isalpha() and content_terms(q) and words[0] not in _OF_THE_ANSWER
            and not _ASKS_ITSELF.match(q) and not question.rstrip().endswith("?")):
        return False  # a word typed as into a search box ("pay", "redundancy") starts a new topic: walk 27's "pay"
        # after "who is the chief executive of MiP?" was searched as "who is the chief executive of MiP pay?"
    if any(w in PERSON_PRONOUNS for w in words) and not names_before_pronoun(question):
        return True
    # the "there" of "is there anything about the menopause?" points at nothing (walk 29: merged with the flexible
    # working question before it and answered on flexible working)
    words = tokens(_IS_THERE.sub(r"\1", q))
    # ("many" / "much" ask, they name nothing: "how many people?" after a question on overseas staff at NHS England
    # was searched alone, a batch's, and answered with the app's 34 million users)
    named = [t for t in content_terms(q) if t not in ASKING_TERMS]
    if len(words) <= 3 and len(named) <= 2 and not (_ASKS_ITSELF.match(q) and len(named) == 2):
        return True  # a fragment such as "in 2024?" or "for directors?" (not "whats direct discrimination", "who
        # chairs mip": a question word and two terms ask a question of their own; a walk's was merged with the turn
        # before, searched as "im being treated differently cos of my race what can i do whats direct discrimination?")
    # (not "Who is Chris Withers and what does he do?", its "he" the question's own: a walk got it merged with the turn
    # before; but "When did Sir Jim Mackey say that?" still leans on it: "that" is what he said before)
    own = names_before_pronoun(question) and not any(w in _PRONOUNS - PERSON_PRONOUNS for w in words)
    if any(w in _PRONOUNS for w in words) and len(content_terms(q)) <= 2 and not own:
        return True
    if _THERE.search(q):
        return True
    if _DO_IN_IT.search(q) and len(content_terms(q)) <= 2:
        return True  # (not "I work in a CSU and I'm worried about the review. What should I do?": it names its case)
    if _SAID_THAT.search(q):
        return True  # "When did Sir Jim Mackey say that?": what he said is in the turn before (a second walk)
    if _NTH_ITEM.search(q) and len(content_terms(q)) <= 2:
        return True  # "what's step 6?": a numbered item of the list the conversation was about (walk 29)
    if _ONE_BEFORE.search(q):
        return True  # "what's the email address for the current one?": a thing named in an earlier turn (a walk)
    # "how much is the rise?": one thing, named as already known ("the"), and nothing else to search by (a walk)
    return "the" in words and len(content_terms(q)) <= 1


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


def _merge(previous: str, previous_answer: str, question: str) -> str:
    fragment = _resolve_relative_year(_strip_lead(question), previous, previous_answer)
    prev = " ".join(previous.split()).rstrip(" ?!.")
    years = _YEAR.findall(fragment)
    if (years or _NOW.search(fragment)) and (_YEAR.search(prev) or _NOW.search(prev)):
        # "in 2023", "this year" -> the follow-up's year replaces it ("and what about 2024?" after "What pay rise are
        # VSMs getting this year?" was searched with both, and answered from this year's issue: a walk), and so does
        # its "now" ("and what about now" after "... in 2024" was searched "... in 2024 now?": a walk)
        prev = _NOW.sub("", _YEAR.sub("", prev))
        prev = re.sub(r"\s+(in|for|during|of)\s*$", "", re.sub(r"\s{2,}", " ", prev)).strip()
    if fragment and len(tokens(fragment)) <= 5 and not any(w in _PRONOUNS for w in tokens(fragment)):
        return f"{_put_in_place(prev, fragment) or prev + ' ' + fragment}?"
    if not fragment:
        return f"{prev}?"  # "tell me more": the earlier question is the standalone one
    # A pronoun or longer follow-up: keep it whole and add what it most likely refers to.
    context = [w for w in re.findall(r"[\w'-]+", prev) if len(w) > 2 and w.lower() not in STOPWORDS | _PRONOUNS
               and not _ASKS_ITSELF.match(w.lower())]  # not "whats" (a walk's brackets carried it)
    # the previous answer's names, unless the follow-up moves to a year it did not name ("and who was it back in
    # 2024?" after the 2026 contact: a walk's search carried the 2026 name)
    moved = bool(years_in(fragment) - years_in(previous_answer))
    names = [] if is_refusal(previous_answer) or moved else names_in(_LEAD_IN.sub("", previous_answer))[:2]
    words = [w for phrase in names + context for w in phrase.split()]
    extra = " ".join({w.lower(): w for w in reversed(words)}[k] for k in dict.fromkeys(w.lower() for w in words))
    return f"{' '.join(question.split()).rstrip()} ({extra})" if extra else question


# What a short follow-up puts in the place of the question before's own: "and if I'm pregnant?" after "what are my
# rights if I'm disabled?", "what about VSMs?" after "what's the pay rise for agenda for change staff?" (searched as
# "... agenda for change staff VSMs?", and quoted on Agenda for Change pay; session 27's batch)
_IN_PLACE = ("if", "for", "about", "at", "on", "in", "with")
_SUBJECT_OF = ("for", "about", "at", "on")  # the words that open what a question is about, the first found


def _put_in_place(prev: str, fragment: str) -> str:
    """prev with the part a short follow-up replaces given its words ("" when none): from the word the fragment opens
    with (the first one prev holds), else, for a bare name ("VSMs"), from the first word opening what prev asks
    about, to the end."""
    words = fragment.split()
    first = words[0].lower()
    lower = f" {prev.lower()} "
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


def condense_without_llm(history: Sequence[tuple[str, str]], question: str) -> str:
    """A standalone question with no LLM: follow-ups borrow the key terms of earlier questions.

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
        standalone = _merge(standalone, answer, user) if looks_like_followup(user) else user
        answer = reply
    return _merge(standalone, answer, question)


def standalone(question: str, history: Sequence[tuple[str, str]], llm: LLM | None = None) -> str:
    """A follow-up rewritten to stand alone: by the LLM when given and its rewrite is usable, else by merging the
    conversation's key terms (condense_without_llm); a question that does not lean on the conversation as it is."""
    history = _on_topic(history)
    if not history or not looks_like_followup(question) or quotes_its_subject(question):
        return question
    if self_contained(question):
        return self_contained(question)  # nothing to ask the model: it names what it asks about
    merged = condense_without_llm(history, question)
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
