"""Pure reading of the kind of answer a question asks for ("how many": a number, "when": a date, "who": a person ...)
and whether a sentence holds one, beside the question's terms: the answer-type signals of rag.answer.answerability."""

from __future__ import annotations

import re
from typing import Iterable

from rag.answer.acronyms import names_as_words
from rag.answer.citations import content_terms, strip_markers
from rag.answer.terms import STOPWORDS

# (each word with its plural or -ing form: "how much is the nhs spending on cyber security" asked for a count, and
# a "24-hour" monitoring centre stood in for the sum; a pay rise by any of the words rag.answer.terms.SAME_CHANGE
# reads as one: "what's the pay uplift for VSMs?" was asked no sum, as "what's the pay rise for VSMs?" was)
_MONEY_Q = re.compile(r"\b((?:my|your|our|their|redundancy|severance|sick|holiday|overtime|starting|basic|take-home) "
                      r"pay|paid|pay (?:rises?|increases?|uplifts?|hikes?|cuts?|awards?|offers?|deals?)|"
                      r"salary|salaries|costs?|costing|prices?|fees?|charges?|budgets?|deficits?|"
                      r"compensation|grants?|ransoms?|worth|spend|spends|spending|spent|funding|money|"
                      r"band \w+ pay|pay (?:bands?|scales?|points?)|weighting|allowances?|earn|earns|earnings|"
                      r"wages?)\b")
# A sum of money, not a rise: "what is the starting salary for Band 5?", "how much does MiP membership cost?" are not
# answered by a percentage ("a 3% pay rise"), as "what pay rise are GPs getting?" is
_SUM_Q = re.compile(r"\b(salary|salaries|wages?|hourly|earn|earns|earnings|weighting|allowances?|costs?|costing|fees?|"
                    r"budgets?|deficits?|ransoms?|spend|spends|spending|spent|money|tickets?|subscriptions?|"
                    r"top of band)\b")
# ... unless it asks how much the sum changed, which a percentage answers: "how much have chief executives' salaries
# fallen compared with band 9?" (walk 32: refused, the article saying "fallen by 13% in real terms")
_CHANGED_Q = re.compile(r"\b(?:by how much|fall|falls|fell|fallen|falling|rise|rises|rose|risen|rising|grow|grows|grew|"
                        r"grown|growing|drop|drops|dropped|cut|cuts|increased?|decreased?|shrunk|shrank|shrink|"
                        r"declined?|compared?|real terms)\b")
_SHARE_Q = re.compile(r"\b(percentages?|proportions?|share|fractions?|turnout|rates?)\b")
# Checked before the money words: "how long did he spend" asks for a duration.
_DURATION_Q = re.compile(r"\bhow (many|long|old|far|soon|big|large|high|low)\b")
# "how much notice / leave / holiday ...?" asks for a time: "How much notice must my employer give me before I'm made
# redundant?" was answered with redundancy quotes holding numbers, none a notice period
_TIME_AMOUNT_Q = re.compile(r"\bhow much (?:[\w-]+ ){0,2}(?:notice|leave|holidays?|time off)\b")
# "how often" and "how many times a year" ask for a frequency (walk 30's "how many times a year can I ask for flexible
# working?" was refused, and "how often ...?" quoted "section 80F of the Employment Rights Act 1996" for its number),
# checked before "how many": the words of the asking phrase are no term a sentence must hold (asking_terms)
_FREQUENCY_Q = re.compile(r"\bhow (?:often|frequently)\b|\bhow many times(?: (?:a|an|per|each|every|in a) "
                          r"(?:day|week|fortnight|month|quarter|year|term))?\b")
# (whether there is a time limit asks no figure: "is there a time limit for a tribunal claim?" was refused, the archive
# saying "There are also very tight time limits ...", where "are there time limits ...?" was answered; session 35)
_COUNT_Q = re.compile(r"\b(how much|by how|what (number|figure|amount|size|total)|"
                      r"(?<!there a )(?<!there any )(?:time limit|deadline)|average|"
                      r"(phone|telephone|fax|mobile) number|which (section|clause|band|grade|number|segment))\b")
# "who", "where" and "when" ask only as the question's own word, not as a relative pronoun or a clause
# ("hackers who lock up ...", "what happens to my pay when I go part time?")
_ASKING = r"(?:^|[,;:?]\s*|\b(?:and|but|so|then|to|of|for|with|by|from|about)\s+)"
# "when should I ..." asks for a circumstance, not a date
_DATE = re.compile(_ASKING + r"when(?! (should|can|could|must|do|would) (i|we|you|they|my)\b)\b|"
                   r"\b(what|which) (year|date|day|month)\b|\bsince when\b")
_PERSON_Q = re.compile(_ASKING + r"(who|whom|whose)\b|\bwhich (\w+ ){0,2}(person|minister|thinker|psychologist|"
                       r"philosopher|theorist|manager|director|executive|official|leader|chair|secretary|mp|writer|"
                       r"author)\b")
_ORG_Q = re.compile(r"\bwhich (\w+ ){0,2}(company|companies|firm|party|parties|organisation|organisations|body|bodies|"
                    r"trust|trusts|union|unions|group|charity|hospital|council|board|agency|department|regulator|"
                    r"watchdog|quango|supplier|provider)\b")
_PLACE_Q = re.compile(_ASKING + r"where\b|\bwhich (\w+ ){0,2}(region|area|country|county|city|town|venue|place|site|"
                      r"nation)\b")
_NAME = re.compile(r"\bwhich (\w+ ){0,2}(play|book|report|programme|scheme|film|show)\b|"
                   r"\bwhat (?:is|was|were|are|'s) the (?:name|title)s? of\b")
_NUMBER = re.compile(r"[£$\u20ac]?\d[\d,.]*%?|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|half|third|quarter|dozen|"
                     r"doubled?)\b", re.I)
_SUM = re.compile(r"[£$\u20ac]\s?\d|\b\d[\d,.]*\s?(?:pounds|pence|p)\b", re.I)
_MONEY = re.compile(r"[£$\u20ac]\s?\d|\d\s?%|\b(per ?cent|pounds|millions?|billions?|bn)\b", re.I)
_SHARE = re.compile(r"\d\s?%|\b(per ?cent|half|halves|third|thirds|quarter|quarters|one in|in (ten|\d+)|"
                    r"two-thirds|majority|minority)\b", re.I)
_PERIOD = r"(?:day|week|fortnight|month|quarter|year|period|term)s?"
# An answer to "how often": "twice a year", "every three years", "annually", "in any twelve-month period", or a share
# of the time or of those asked ("how often do bank staff face prejudice?": "almost one in seven")
_FREQUENCY = re.compile(r"\b(?:once|twice|\w+ times)\s+(?:a|an|per|each|every)\s+\w+|\bevery\s+(?:[\w-]+\s+)?"
                        + _PERIOD + r"\b|\b(?:annual(?:ly)?|yearly|monthly|weekly|daily|fortnightly|quarterly)\b|"
                        r"\b(?:in|within|during)\s+(?:any|a|each|every|one|the same)\s+(?:[\w-]+\s+)?" + _PERIOD
                        + r"\b|\bper\s+(?:annum|" + _PERIOD + r")\b|" + _SHARE.pattern, re.I)
# "how long ...?" asks for a duration: a figure with its unit of time ("within two months", "18 months", "a year"), not
# the year of an act named beside the question's words ("Under the Employment Rights Act 2025, employers ..."), nor
# a name ("the government's Ten Year Health Plan")
# "what is the deadline ...?" and "is there a time limit ...?" ask for one too: "respond within two months", not "the
# Employment Rights Act 2025" (a batch of member questions, session 34)
_HOW_LONG = re.compile(r"\bhow long\b|\b(?:deadlines?|time ?limits?|time ?frames?|timescales?)\b")
DURATION = re.compile(r"\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                       r"thirty|several|few|many)[\s-]+(?:[\w-]+\s+)?(?:hour|day|week|fortnight|month|year)s?\b"
                       r"(?!-|\s+(?-i:[A-Z]))", re.I)


def asks_how_long(question: str) -> bool:
    """"how long ...?", or a deadline or time limit asked for: the answer is a duration (DURATION). (Its kind stays
    "count" for the refusal decision, whose weights were fitted so: "For how long has ...?" is answered "Since
    2001".)"""
    return bool(_HOW_LONG.search(question.casefold()))


# (a time said from the issue's date answers "when" too: "when the body is merged with the DHSC next year" for "when
# is NHS England being abolished?", refused in a walk; the answer's lead names the issue's date)
_DATE_WORD = re.compile(r"\b(1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september|october|"
                        r"november|december|spring|summer|autumn|winter|monday|tuesday|wednesday|thursday|friday|"
                        r"(?:next|last) (?:year|month|week))\b", re.I)
_PROPER = re.compile(r"(?<=[a-z,;:\u2019'\"]\s)[A-Z][a-z]+|\b[A-Z]{2,}\b")
# A person: a name, a title before one, or a role; an organisation: a name, an acronym, or a body's name.
_PERSON = re.compile(_PROPER.pattern + r"|\b(Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|Baroness|Professor|Cllr)\.? [A-Z]\w+|"
                     r"\b(chief executive|chair(?:man|woman|person)?|director|secretary|minister|president|founder|"
                     r"editor|officer|spokes(?:person|man|woman)|convenor|organiser|trustee|columnist|author)s?\b")
_ORG = re.compile(_PROPER.pattern + r"|\b[A-Z]{2,}s?\b|\b(?:[A-Z][\w\u2019'&-]+ (?:of |for |and )?){1,5}(?:Trust|Board|"
                  r"Council|Union|Association|Group|Committee|Department|Services?|Foundation|College|Institute|Agency|"
                  r"Authority|Commission|Partnership|Network|Party|Society|Federation|Confederation|Fund|Office|Ltd|"
                  r"plc|Company|Hospitals?|Alliance|Forum|Centre|Unit)\b")
_ANSWER = {"money": _MONEY, "sum": _SUM, "duration": DURATION, "share": _SHARE, "count": _NUMBER, "date": _DATE_WORD,
           "name": _PROPER,
           "person": _PERSON, "org": _ORG, "place": _PROPER, "frequency": _FREQUENCY}
_NAMED = frozenset(("name", "person", "org", "place"))
# Light verbs, which say little of what is asked: "how many jobs are going?" asks of jobs, "how often can I ask for
# flexible working?" of flexible working (rag.answer.answerability reads their terms as asking too)
# ... and "put" and "make", which a noun after them says ("how many times can I put in a request?" asks of requests:
# walk 33's was refused, "Two requests can be made in any twelve-month period" holding no "put")
_LIGHT_WORDS = "go goes going gone went ask asks asking asked put puts putting make makes making made"
_LIGHT_VERB = re.compile(r"\b(?:" + "|".join(_LIGHT_WORDS.split()) + r")\b")
LIGHT_VERBS = frozenset(content_terms(_LIGHT_WORDS))
# the kinds whose answer is a figure or a date
FIGURES = frozenset(("money", "sum", "share", "count", "duration", "date", "frequency"))
_PHRASES = _NAMED | {"frequency"}  # answers told by a phrase or the whole sentence, not by a word beside the terms
# "how many / how much / how often" ask, they are no term a sentence must hold
ASKING_TERMS = frozenset(("many", "much", "often"))
# The thing counted: "how many charities closed" -> charities, closed; a number next to it answers.
_FOCUS = re.compile(r"\bhow (?:many|much) ((?:[a-z][a-z'-]* ?){1,6})")
_FOCUS_SKIP = frozenset("more extra additional of the".split())  # "how many more jobs" counts jobs
# The amount's own word is not what is counted: "how much maternity pay" counts maternity pay, and the "3% pay rise"
# of board-level managers sits next to "pay", not to "maternity"
_AMOUNT_WORDS = frozenset(content_terms("pay money cost costs salary salaries fee fees price prices amount sum total"))
_FOCUS_STOP = frozenset("did do does is are was were has have had will would can could should in on at for to by from "
                        "with of per under over since during the a an".split())


# A question opening so asks yes or no, why, when, who or where: "Do managers get paid for overtime?", "Why was the
# pay rise delayed?", "When was that pay rise announced?"
_NOT_AN_AMOUNT = re.compile(r"^\W*(what (?:happens|will happen|would happen|can i do|should i do)|why|when|who|whom|"
                            r"whose|where|do|does|did|is|are|was|were|am|can|could|should|"
                            r"will|would|has|have|had|must|may|might|"
                            # what someone said or thought of it: "what did he say about money?" (a check of this
                            # session's follow-ups, refused for want of a sum)
                            r"what (?:did|does|do|has|have|had|will|would) (?:[\w'\u2019-]+ ){1,5}"
                            r"(?:say|said|think|thought|mean|argue|claim|warn|write))\b")


def question_kind(question: str) -> str:
    """The type of answer asked for: "money" (a sum or a share of pay), "sum" (money only), "share", "count",
    "duration" (a time: "how much notice"), "frequency", "date", "person", "org", "place", "name" or "other".

    Words about money or shares make a sum or share the answer only when the question asks for one: not when it
    asks yes or no, why, when, who or where.
    """
    q = question.casefold()
    amount = not _NOT_AN_AMOUNT.search(q)
    for kind, pattern in (("frequency", _FREQUENCY_Q), ("duration", _TIME_AMOUNT_Q), ("count", _DURATION_Q),
                          ("money", _MONEY_Q), ("share", _SHARE_Q), ("count", _COUNT_Q),
                          ("date", _DATE), ("person", _PERSON_Q), ("org", _ORG_Q), ("place", _PLACE_Q),
                          ("name", _NAME)):
        if (amount or kind not in ("money", "share")) and pattern.search(q):
            return "sum" if kind == "money" and _SUM_Q.search(q) and not _CHANGED_Q.search(q) else kind
    return "other"


def asking_terms(question: str) -> frozenset[str]:
    """The terms that only ask: "how many / much / often", the whole phrase asking for a frequency ("how many
    times a year" -> also "time", "year"; the answer says "in any twelve-month period"), and for a date, the verb of
    making it known (_MADE_KNOWN)."""
    m = _FREQUENCY_Q.search(question.casefold())
    asking = ASKING_TERMS | frozenset(content_terms(m.group(0))) if m else ASKING_TERMS
    return asking | _MADE_KNOWN if question_kind(question) == "date" else asking


# A date asked of something made known says when it was, which the answer tells with its own verb: "when was the VSM
# pay rise announced?" was refused, the archive saying "the government finally accepted pay recommendations ... for
# very senior managers (VSMs) ... in late May" under "Board-level NHS managers get 3% pay rise" (the lead's member
# questions, session 34)
_MADE_KNOWN = frozenset(content_terms("announce announced confirm confirmed publish published unveil unveiled reveal "
                                      "revealed release released"))


def asked_in_article(question: str) -> str | None:
    """For a question asking for a frequency or a duration, what a sentence giving one must hold with its article's
    headline: the question without its asking phrase ("how often can I ask for flexible working?" -> " can I ask for
    flexible working?", less its light verb: " can i for flexible working?"); None for other questions, whose figure
    must stand beside the question's words in the sentence itself.
    "Two requests can be made in any twelve-month period." answers it under "Flexible and hybrid working: what are
    your rights?", sharing no word with it (walk 30: quoted "section 80F of the Employment Rights Act 1996" for its
    number). A bare number is common; a frequency's phrase ("twice a year", "in any twelve-month period") is not."""
    q = question.casefold()
    if _FREQUENCY_Q.search(q):
        return _LIGHT_VERB.sub(" ", _FREQUENCY_Q.sub(" ", q))
    # A duration's phrase ("within two months") is as uncommon: "how long does my employer have to decide on my
    # flexible working request?" is answered by "Your employer must: ... respond within two months" under the same
    # headline, and was not quoted at all (a batch of member questions, session 34)
    return _LIGHT_VERB.sub(" ", _HOW_LONG.sub(" ", q)) if _HOW_LONG.search(q) else None


def asks_for_a_name(question: str) -> bool:
    """Who, which body, where, what name: the answer is a name (a person, an organisation, a place, a title)."""
    return question_kind(question) in _NAMED


_UNIT_FIGURE = re.compile(r"([£$\u20ac])\s?(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s?%")


def _figures(text: str) -> list[str]:
    """The sums and shares written with their unit: "9%" -> "9%", "£2,500" -> "£2500" ("Band 9" holds none)."""
    return [f"{cur}{amount.replace(',', '')}" if cur else f"{share.replace(',', '')}%"
            for cur, amount, share in _UNIT_FIGURE.findall(text)]


def given_figures(question: str) -> frozenset[str]:
    """The sums and shares the question itself gives, with their unit (holds_answer_of_kind's figures)."""
    return frozenset(_figures(question))


def _given(match: str, question_terms: frozenset[str], figures: frozenset[str] | None) -> bool:
    """Whether the question already gives this match: a figure with its unit only as the question writes it
    ("9%" is no "Band 9"), else every term of it."""
    written = _figures(match)
    if figures is not None and written:
        return set(written) <= figures
    terms = content_terms(match)
    return bool(terms) and set(terms) <= question_terms


def holds_answer_of_kind(sentence: str, kind: str, question_terms: frozenset[str],
                         figures: frozenset[str] | None = None) -> bool:
    """True when the sentence holds a number / sum / share / date / name the question does not already give.
    figures: given_figures(question), so that a share or sum counts as given only with its unit; None: by its terms
    alone."""
    if kind == "other":
        return True
    return any(not _given(m.group(0), question_terms, figures) for m in _ANSWER[kind].finditer(sentence))


def asks_date_not_given(question: str, answer: str) -> bool:
    """A "when" question whose answer states no date ("when was that?" answered by what was said): the date of
    the issue that reported it is the best the archive can add."""
    if question_kind(question) != "date":
        return False
    return not holds_answer_of_kind(strip_markers(answer), "date", frozenset(content_terms(question)))


# "how much is the VSM pay rise this year": what is measured is named after "is the", and it is the phrase's last word
# ("rise"; "VSM pay" says whose): "9% of VSMs were paid less ..." was quoted first, its figure next to "VSMs", above "a
# 3% pay rise" (a batch of member questions, session 26). The focus was empty ("is" stops it).
_MEASURED = re.compile(r"\bhow (?:many|much) (?:is|are|was|were|will be) (?:the|a|an|this|that|their|my|our|your) "
                       r"((?:[a-z][a-z'-]* ?){1,5})")


def _phrase_head(phrase: str) -> frozenset[str]:
    """The last content word of a noun phrase, up to its first stop word, not a figure nor the amount's own word:
    "vsm pay rise this year" -> {"rise"}."""
    words = []
    for w in phrase.split():
        if w in _FOCUS_STOP or w in STOPWORDS:
            break
        words.append(w)
    heads = [t for w in words for t in content_terms(w) if not t[0].isdigit() and t not in _AMOUNT_WORDS]
    return frozenset(heads[-1:])


def question_focus(question: str, names: Iterable[str] = ()) -> frozenset[str]:
    """The terms of what a "how many / how much" question counts ("how many votes did" -> {"vote"}; "how much is the
    VSM pay rise" -> {"rise"}), else empty. names: names of several words the archive uses as one (what its acronyms
    stand for, rag.answer.acronyms.spelled_out), read as one word: "how much was the agenda for change pay award this
    year?" counts the award, not the agenda (its "for" ended the phrase; walk 32: refused, "the 3% award ... below the
    3.3% paid to NHS staff on Agenda for Change" had no figure within reach of "agenda")."""
    asked = names_as_words(question.casefold(), names)
    measured = _MEASURED.search(asked)
    if measured:
        return _phrase_head(measured.group(1))
    m = _FOCUS.search(asked)
    if not m:
        return frozenset()
    words = []
    for w in m.group(1).split():
        if not words and w in _FOCUS_SKIP:
            continue
        if w in _FOCUS_STOP:
            break
        words.append(w)
    return frozenset(t for w in words for t in content_terms(w) if not t[0].isdigit() and t not in _AMOUNT_WORDS)


def answer_next_to_terms(sentence: str, kind: str, question_terms: frozenset[str], reach: int = 4,
                         focus: frozenset[str] = frozenset(), figures: frozenset[str] | None = None) -> bool:
    """True when an answer of the kind sits within reach words of the focus (else of any question term).

    "shed 544 substantive jobs" answers "how many jobs"; a number three clauses away usually does not.
    """
    if kind == "other" or kind in _PHRASES:  # a name is told apart by its capitals, a frequency by its phrase
        return holds_answer_of_kind(sentence, kind, question_terms, figures)
    words = sentence.split()
    anchor = focus or question_terms
    near = [i for i, w in enumerate(words) if set(content_terms(w)) & anchor]
    for i in range(len(words)):
        pair = " ".join(words[i:i + 2])  # "£2 million", "24 %", "one in"
        if not any(abs(i - k) <= reach for k in near):
            continue
        for m in _ANSWER[kind].finditer(pair):
            # none for "per cent", "half": an answer, as in holds_answer_of_kind
            if m.start() < len(words[i]) and not _given(m.group(0), question_terms, figures):
                return True
    return False


# Where a question's parts meet: a question mark within it, or "and" / a comma before a word that asks again ("..., and
# when did the government accept it?", "... abolished and how many jobs are going?")
_PARTS = re.compile(r"(?<=\?)\s+(?=\S)|,?\s+(?:and|but|or|also)\s+(?=(?:how|what|when|where|who|whom|whose|which|why|"
                    r"is|are|was|were|do|does|did|can|could|should|will|would|has|have)\b)", re.I)


def question_parts(question: str) -> list[str]:
    """The question, then each of its parts when it asks more than one thing (each at least three words)."""
    parts = [p.strip(" ,") for p in _PARTS.split(question) if p and p.strip(" ,")]
    if len(parts) < 2 or any(len(p.split()) < 3 for p in parts):
        return [question]
    return [question, *parts]
