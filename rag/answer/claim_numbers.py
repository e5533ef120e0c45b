"""Pure checks of a claim's numbers and months against a passage: missing from it, or put with what the passage
gives another number of (a year, a name)."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.restated import loose_terms, narrowed
from rag.answer.terms import content_terms, stem
from rag.sentences import split_sentences
from rag.textnorm import words_key

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
# A month a claim names is a fact to find like a number ("The Health Bill will become law on July 2026 [1]", from a
# passage naming no month); "may" is left out: it is more often the verb.
_MONTH_TERMS = frozenset(stem(m) for m in _MONTHS if m != "may")
_ISO_DATE = re.compile(r"\b(?:19|20)\d\d-(0[1-9]|1[0-2])-\d\d\b")


# A number word capitalised inside a name ("the government's Ten Year Health Plan") states no number.
_IN_A_NAME = re.compile(r"(?<=[a-z,;\u2019'] )(?:Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve)(?= [A-Z])")


def numbers_missing(claim: str, passage: str) -> bool:
    """A number or a month in the claim that the passage does not state (an ISO date, such as the issue's own in the
    passage's header, states its month; a number word in a name, such as "Ten Year Health Plan", states none)."""
    have = set(content_terms(_IN_A_NAME.sub(" ", passage))) | {stem(_MONTHS[int(m) - 1])
                                                              for m in _ISO_DATE.findall(passage)}
    return any((t[0].isdigit() or t in _MONTH_TERMS) and t not in have
               for t in content_terms(_IN_A_NAME.sub(" ", claim)))


_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
MISPLACED_WORDS = 2  # of a claim's name words, tied in the passage only to another number, to call its number misplaced


def _amounts(terms: Sequence[str]) -> list[int]:
    """Positions of the quantities among terms: numbers but years ("2026-27" is two terms, both the year)."""
    return [i for i, t in enumerate(terms) if t[0].isdigit() and not _YEAR.match(t)
            and not (i and _YEAR.match(terms[i - 1]) and len(t) == 2)]


_WORD = re.compile(r"[\w'\u2019-]+")


def _name_terms(sentences: Sequence[str]) -> set[str]:
    """The terms of the sentences' capitalised words, but each sentence's first (capitalised anyway)."""
    return {t for s in sentences for w in _WORD.findall(s)[1:] if w[:1].isupper() for t in content_terms(w)}


# Where a claim's clauses part: what goes with a number is said in its clause ("Jon got 3% while Helen got 5%").
_CLAUSE = re.compile(r",(?!\d)|[;:()\u2014\u2013]|\s-\s|\b(?:while|whereas|but|and|although|though)\b", re.I)


def _clause_terms(sentence: str) -> tuple[list[str], list[int]]:
    """A sentence's terms, and the clause each is in."""
    terms: list[str] = []
    clause: list[int] = []
    for c, part in enumerate(_CLAUSE.split(sentence)):
        found = content_terms(part)
        terms += found
        clause += [c] * len(found)
    return terms, clause


def _stated_elsewhere(number: str, words: set[str], sentences: Sequence[tuple[list[str], list[int]]]) -> bool:
    """True when at least MISPLACED_WORDS of the words sit, in every sentence (terms, clauses) holding the number,
    nearer another number (a number in the word's own clause is nearer than any outside it), and never by it."""
    by_it: set[str] = set()
    elsewhere: set[str] = set()
    for st, clause in sentences:
        spots = _amounts(st)
        if not any(st[i] == number for i in spots):
            continue
        for k, t in enumerate(st):
            if t in words:
                gap = {i: abs(k - i) + 1000 * abs(clause[k] - clause[i]) for i in spots}
                nearest = min(gap.values())
                (by_it if any(st[i] == number and gap[i] == nearest for i in spots) else elsewhere).add(t)
    return len(elsewhere - by_it) >= MISPLACED_WORDS


def numbers_misplaced(claim: str, passage: str) -> bool:
    """True when a number of the claim is stated in the passage of something else the claim's clause names: at least
    MISPLACED_WORDS of the clause's name words sit, in every sentence holding that number, nearer another number, and
    never by it ("Agenda for Change staff get a 3% rise" from "The 3% award is ... below the 3.3% paid to NHS staff on
    Agenda for Change"). Common words are not counted: "NHS England employs 15,000 staff and the DHSC around 3,000"
    backs "The DHSC employs 3,000 staff". A clause with two numbers is not judged: which words go with which is not
    clear from their order alone."""
    sentences = split_sentences(passage)
    names = _name_terms(sentences)  # the words the passage writes as names
    as_terms = [_clause_terms(s) for s in sentences]
    for clause in _CLAUSE.split(_ISO_DAY.sub(" ", claim)):  # an issue's date ("(2026-06-01)") states no amount
        terms = content_terms(clause)
        at = _amounts(terms)
        if len({terms[i] for i in at}) == 1 and (_stated_elsewhere(terms[at[0]], set(terms) & names, as_terms)
                                                 or _dated_elsewhere(terms[at[0]], terms, as_terms)
                                                 or _only_compared(terms[at[0]], clause, sentences)
                                                 or _only_a_baseline(terms[at[0]], clause, sentences)
                                                 or _name_split(terms[at[0]], clause, sentences)
                                                 or _of_a_narrower_group(terms[at[0]], clause, sentences)):
            return True
    return False


_WORD = re.compile(r"[\w\u2019'%-]+")


def _of_a_narrower_group(number: str, claim_clause: str, passage_sentences: Sequence[str]) -> bool:
    """True when every clause of the passage giving the number says it of a narrower group than the claim clause does
    (rag.answer.restated.narrowed: "Board-level managers" where the claim says "NHS managers"): walk 31's "The going
    rate for a pay rise for NHS managers right now is 3% [1]", [1] saying "Board-level managers in England are set for
    a 3% pay rise for 2026-27—lower than most other NHS staff".
    A group the claim qualifies itself ("Very senior managers received a 3% increase") may be the passage's under
    another name, and is not judged: only the claim's words with no lower-case word before them ("NHS managers")."""
    words = _WORD.findall(claim_clause)
    bare = frozenset(t for prev, word in zip(["", *words], words) if not (prev[:1].islower() and content_terms(prev))
                     for t in loose_terms(word))
    holding = [c for s in passage_sentences for c in _CLAUSE.split(s) if c and number in content_terms(c)]
    return bool(holding) and all(narrowed(claim_clause, c, bare) for c in holding)


_NAME_RUN = re.compile(r"\b[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)+")  # "NHS England", "Jon Restell"


def _name_split(number: str, claim_clause: str, passage_sentences: Sequence[str]) -> bool:
    """True when the claim clause names its number's subject in two or more capitalised words the passage uses only
    apart around that number: "21,000 jobs are going at NHS England [1]" (the local model, in a walk), the passage
    saying "NHS trusts in England" and then "NHS trusts are planning to cut at least 21,000 jobs". Every word of the
    name must be there, in the sentences holding the number and those beside them, and the name nowhere in the
    passage (a reference answer's "the Pay Review Body report" is the passage's "NHS Pay Review Body (PRB)")."""
    at = [i for i, s in enumerate(passage_sentences) if number in content_terms(s)]
    if not at:
        return False
    near = " ".join(passage_sentences[j] for j in sorted({k for i in at for k in (i - 1, i, i + 1)})
                    if 0 <= j < len(passage_sentences))
    near_terms, flat = set(content_terms(near)), words_key(" ".join(passage_sentences))
    for m in _NAME_RUN.finditer(claim_clause):
        words = m.group(0).split()
        while words and not content_terms(words[0]):  # "The Pay Review Body": the name is "Pay Review Body"
            words = words[1:]
        name_terms = [t for w in words for t in content_terms(w)]
        if len(name_terms) < 2 or any(t[0].isdigit() for t in name_terms):
            continue
        if set(name_terms) <= near_terms and f" {words_key(' '.join(words))} " not in f" {flat} ":
            return True
    return False


# A comparison names what a number is set against, not what it is of: "a 3% pay rise—lower than most other NHS staff"
_COMPARED = re.compile(r"\b(?:than|compared (?:with|to)|unlike|below|above)\b[^,;:()\u2014\u2013]*", re.I)


def _only_compared(number: str, claim_clause: str, passage_sentences: Sequence[str]) -> bool:
    """True when MISPLACED_WORDS of the claim clause's terms are, in every passage sentence comparing the number with
    something, only in what it is compared with, and one of them in no sentence stating the number plainly: "The pay
    rise for NHS staff is 3%" from "Board-level managers are set for a 3% pay rise for 2026-27—lower than most other
    NHS staff" (a walk), under the headline "Board-level NHS managers get 3% pay rise" (no staff there). A comparison
    in the claim is its own, and a passage comparing with the number itself ("better than ... the 15-minute
    target") is not judged."""
    words = set(content_terms(_COMPARED.sub(" ", claim_clause))) - {number}
    only_compared: set[str] = set()  # the claim's terms each comparing sentence has in its comparison alone
    plainly: set[str] = set()  # the terms of sentences stating the number with no comparison (a headline)
    for sentence in (s for s in passage_sentences if number in content_terms(s)):
        compared = {t for span in _COMPARED.findall(sentence) for t in content_terms(span)}
        if not compared:
            plainly |= set(content_terms(sentence))
            continue
        here = (words & compared) - set(content_terms(_COMPARED.sub(" ", sentence)))
        if number in compared or len(here) < MISPLACED_WORDS:
            return False  # the number is what is compared with, or the claim's subject is beside it
        only_compared |= here
    return bool(only_compared - plainly)


_AFTER = 3  # terms after a number in a comparison that say what it is ("the 15-minute target", "2.5% ministers said")
# What something is compared with, named as a thing ("higher than the 2.5% ministers said ...", "below the 3.3% paid
# to ..."), not a bound on an amount ("less than 15%")
_BASELINE = re.compile(r"\b(?:than|below|above|compared (?:with|to)|unlike)\s+(?:the|its|their|this|that)\b"
                       r"[^,;:()\u2014\u2013]*", re.I)
# A claim clause giving an amount as a bound or a comparison of its own: "under 15% of substantive staff"
_OWN_BOUND = re.compile(r"\b(?:under|over|less|more|fewer|below|above|than|compared|unlike|nearly|almost|around|about|"
                        r"up to|at least|at most)\b", re.I)


def _only_a_baseline(number: str, claim_clause: str, passage_sentences: Sequence[str]) -> bool:
    """True when the passage gives the number only as what something is compared with, and the claim clause, comparing
    nothing itself, names none of what follows it there: "ESMs receive a 2.5% pay rise [1]" (the local model, a
    session-25 batch) from "The 3% award is higher than the 2.5% ministers said was 'affordable' ...". A claim naming
    what the passage says the number is ("the target is 15 minutes" from "better than ... the 15-minute target") is
    not judged here."""
    if _OWN_BOUND.search(claim_clause):
        return False
    words = {t for t in content_terms(claim_clause) if not t[0].isdigit()}
    if not words:
        return False  # "3.3% for 2026": it names nothing the number is of
    holding = [s for s in passage_sentences if number in content_terms(s)]
    if not holding:
        return False
    for sentence in holding:
        spans = [content_terms(span) for span in _BASELINE.findall(sentence)]
        inside = [span for span in spans if number in span]
        if not inside:
            return False  # stated plainly here
        for span in inside:
            at = span.index(number)
            if words & set(span[at + 1: at + 1 + _AFTER]):
                return False  # the claim names what the number is of
    return True


def _dated_elsewhere(number: str, terms: Sequence[str], sentences: Sequence[tuple[list[str], list[int]]]) -> bool:
    """True when the claim's clause puts the number with a year that no passage sentence gives it, and a passage
    clause gives that year another number of the same thing (MISPLACED_WORDS of the claim's words: "a target of 25
    minutes by 2028-29" from "aiming for 25 minutes this year ... a final target of 18 minutes by 2028-29", a walk's
    answer). A year the passage gives another subject's number says nothing of this one's."""
    years = {t for t in terms if _YEAR.match(t)}
    words = {t for t in terms if not t[0].isdigit()}
    if not years:
        return False
    other = False
    for st, clause in sentences:
        if number in st and years & set(st):
            return False  # said together somewhere
        for k, t in enumerate(st):
            if t in years:
                same = {st[i] for i in range(len(st)) if clause[i] == clause[k]}
                other = other or (len(same & words) >= MISPLACED_WORDS
                                  and any(clause[i] == clause[k] and st[i] != number for i in _amounts(st)))
    return other


_DAY_DATE = re.compile(r"\b\d{1,2}(?:\s*[-\u2013\u2014]\s*\d{1,2})?\s+(?:" + "|".join(_MONTHS) + r")\b", re.I)
_NAME_WORD = re.compile(r"(?<=\S\s)[A-Z][\w'\u2019-]{2,}|\b[A-Z]{2,}\b")


def dates_misplaced(claim: str, passage: str) -> bool:
    """True when a day the claim gives ("11-12 September") stands in the passage only on lines naming something else,
    while a line naming what the claim names (MISPLACED_WORDS of its capitalised words) gives another day: a local
    answer's "The UNISON Disabled Members Conference was held in Brighton on 11-12 September 2024 [2]", [2] a list of
    events where "26-28 October 2024: UNISON Disabled Members Conference The Brighton Centre" and another event on
    11-12 September. A claim naming one thing names it so ("It will be held again in Brighton on 3-4 November 2026
    [1]", the local model on the held-out half, session 27: 3-4 November is WelshConfed's, in Cardiff; the UNISON
    conference's line, in Brighton, says 24-26 October)."""
    days = {_day(m.group(0)) for m in _DAY_DATE.finditer(claim)}
    names = {w.lower() for w in _NAME_WORD.findall(claim)} - set(_MONTHS)
    least = min(MISPLACED_WORDS, len(names))  # a claim naming one thing: that one
    if not days or not least:
        return False
    lines = _dated_lines(passage)

    def named(line: str) -> bool:
        return len(names & {w.lower() for w in re.findall(r"[\w'\u2019-]+", line)}) >= least

    for day in days:
        holding = [line for line in lines if day in {_day(m.group(0)) for m in _DAY_DATE.finditer(line)}]
        if not holding or any(named(line) for line in holding):
            continue
        if any(named(line) and _DAY_DATE.search(line) for line in lines):
            return True
    return False


def _dated_lines(passage: str) -> list[str]:
    """The passage's lines (split into sentences), a line that is only a date ("26-28 October 2024", a listing's
    heading) read with the line after it."""
    lines = [line for part in passage.splitlines() for line in split_sentences(part) if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and _bare_date(out[-1]):
            out[-1] = f"{out[-1]}: {line}"
        else:
            out.append(line)
    return out


def _bare_date(line: str) -> bool:
    rest = _DAY_DATE.sub(" ", line)
    return _DAY_DATE.search(line) is not None and not re.search(r"[^\W\d_]", rest)


def _day(text: str) -> str:
    return re.sub(r"\s*[-\u2013\u2014]\s*", "-", " ".join(text.lower().split()))
