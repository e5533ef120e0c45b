"""Pure: which of a quoted answer's scored candidate sentences it takes, and which comes first: none under the floors
or much weaker than the best, no near-duplicate, less for repeating what is chosen, the figure asked for first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from rag.answer.advice import asks_whom_to_turn_to
from rag.answer.answer_kinds import (
    FIGURES,
    answer_next_to_terms,
    asked_in_article,
    asks_how_long,
    question_focus,
)
from rag.answer.claim_support import FULL_NAME
from rag.answer.descriptions import role_beside_name
from rag.answer.evidence import asked_shares, question_term_weights
from rag.answer.terms import content_terms
from rag.contact_details import CONTACT_WORDS, asks_for_details, gives_detail_asked, holds_details, own_body_asked
from rag.textnorm import normalize

# the words of a contact question that ask for a detail, not whose
CONTACT_TERMS = frozenset(content_terms(CONTACT_WORDS + " what whats who where which how"))


@dataclass(frozen=True)
class Candidate:
    hit_index: int
    position: int
    text: str
    terms: frozenset[str]


def near_duplicate(a: Candidate, b: Candidate) -> bool:
    if not a.terms or not b.terms:
        return normalize(a.text) == normalize(b.text)
    return len(a.terms & b.terms) / len(a.terms | b.terms) >= 0.8



def figure_tier(question: str, kind: str, q_terms: frozenset[str],
                figures: frozenset[str]) -> Callable[[str], int]:
    """2 when a quote gives the sum, share, number or date the question asks for beside what it counts (its focus,
    "how many jobs", "how much is the VSM pay rise") or, naming none, beside its words; else 0. "whats the pay rise for
    agenda for change staff" was answered first with "VSMs should get the same pay rise as their colleagues covered by
    Agenda for Change", the "3.3% paid to NHS staff on Agenda for Change" second (a walk, four times). A name is not
    told apart so (most sentences hold one). (What "what is the X?" names was tried as a focus too, session 27: the
    board-level managers' "3% pay rise" then came before the 3.3% for "whats the pay rise for agenda for change
    staff", beside "rise" but not beside whose; tests/test_eval_baseline.py caught it.)"""
    if kind == "person":  # "who is the editor?": a name beside the role asked about
        return lambda text: 2 * role_beside_name(text, question)
    if asks_how_long(question):  # (whether there is one too: "is there a time limit ...?")
        kind = "duration"  # a number without its unit of time is no answer ("the Employment Rights Act 2025")
    if kind not in FIGURES:
        return lambda text: 0
    focus = question_focus(question) if kind in ("count", "duration", "money", "sum") else frozenset()
    shares = kind not in ("money", "sum") or _ASKS_SHARE.search(question)
    read = (lambda piece: piece) if shares else without_group_shares
    return lambda text: 2 * any(answer_next_to_terms(read(piece), kind, q_terms, focus=focus, figures=figures)
                                for piece in items_with_lead_in(text))


# A share of a group of people or bodies ("9% of VSMs were paid less than ...", "a third of trusts"), not of a sum ("5%
# of pensionable pay"): it counts whom, and is no pay rise, award or sum
_GROUP_SHARE = re.compile(r"\b(?:\d+(?:\.\d+)?\s?(?:%|per ?cent)|half|a third|a quarter|two thirds|three quarters)"
                          r"\s+of\s+(?!(?:(?:the|all|its|their|our)\s+)?(?:pay|salar|earning|income|budget|spend|"
                          r"cost|wage|pension|funding|money)\w*\b)(?=[A-Za-z])", re.I)

_ASKS_SHARE = re.compile(r"\b(?:shares?|proportions?|percentages?|fractions?|how many|per ?cent of|what part)\b|% of",
                         re.I)


def without_group_shares(text: str) -> str:
    """The text with each share of a group ("9% of VSMs") read as words ("some of VSMs"): a money question's answer is
    not one ("what pay rise are VSMs getting?" opened on "NHS England figures show that 9% of VSMs were paid less than
    the AfC Band 9 maximum", the "3% pay rise" second; a batch, session 35)."""
    return _GROUP_SHARE.sub("some of ", text)


# A list as a quote joins it (rag.answer.extractive._statements): "Your employer must: deal with ...; respond within two
# months ..."; a lead-in of a few words
_LIST = re.compile(r"^(?P<lead>[^:;]{1,80}:)\s+(?P<items>.+)$", re.S)


def items_with_lead_in(text: str) -> list[str]:
    """The text, and when it is a lead-in with its list, each item read after the lead-in: "Your employer must:
    respond within two months" answers "how long does my employer have to reply?" though "employer" stands three items
    before "two months" in the joined list (walk 31: quoted last of three, under a tribunal case)."""
    match = _LIST.match(text)
    items = match.group("items").split("; ") if match else []
    if not items or len(match.group("lead").split()) > 10:
        return [text]
    # (an item after the items left out of the evidence opens on their ellipsis, a word between the lead-in and it:
    # "Your employer must: … respond within two months" was no answer to "how long does my employer have to decide?")
    return [text, *(f"{match.group('lead')} {item.lstrip(chr(0x2026) + ' ')}" for item in items)]


def figure_share(question: str, cands: Sequence[Candidate], headlines: Sequence[str],
                 lexical: Sequence[float]) -> Callable[[Candidate], float]:
    """How much of the question a candidate giving the figure asked for holds (with_figure_asked's share): its
    lexical score, or for a frequency what answer_kinds.asked_in_article says, read with its article's headline
    (headlines[i]: cands[i]'s)."""
    shares = asked_shares(asked_in_article(question), [c.text for c in cands], headlines, lexical)
    share = dict(zip(map(id, cands), shares))
    return lambda c: share[id(c)]


def details_tier(question: str) -> Callable[[str], int] | None:
    """For a question asking how to reach someone or for a phone number, email or address: a quote giving such a
    detail (of the kind asked, if it names one) is 2 beside a word of each name the question gives or, naming none,
    beside another of its words ("the editor"), 1 alone; else 0. None for other questions. "how do I contact Katia
    Widlak?" was quoted MiP's switchboard line first and her own address last; "what's the editor's email?" opened on
    the advice line's address, "Send details to the editor: c.ryan@..." second. A question about MiP itself ("where
    is the union's office?") wants a detail beside MiP's name, which may be spelled out ("Published by: Managers in
    Partnership, Centenary House, ..."): it was quoted the TUC Congress's venue."""
    if not asks_for_details(question):
        return None
    names = [set(content_terms(run)) for run in FULL_NAME.findall(question)]
    own = None if names else own_body_asked(question)
    rest = set(content_terms(question)) - CONTACT_TERMS

    def tier(text: str) -> int:
        if not gives_detail_asked(question, text):
            return 0
        terms = set(content_terms(text))
        if names:
            return 2 if all(name & terms for name in names) else 0
        if own is not None:
            return 2 if own.named.search(text) else 1
        return 2 if rest & terms else 1
    return tier


# A line telling the reader whom to turn to: "You can discuss with your MiP rep whether ...", "Contact your MiP rep or
# talk to a trusted colleague", "your rep or national officer can advise you"
_TURN_TO = re.compile(r"\b(?:contact|talk(?:ing)? (?:to|with)|speak(?:ing)? (?:to|with)|"
                      r"discuss(?:ing)? (?:[\w\s]{0,20}?)with|rais(?:e|ing) (?:it|this|the issue|concerns?|them) with|"
                      r"turn to|approach|report (?:it |this )?to|"
                      r"seek (?:advice|help|support) from|ask)\s+(?:[\w\u2019'-]+\s+){0,3}?(?:reps?|representatives?|"
                      r"officers?|organisers?|colleagues?|managers?|hr|union|mip|acas|advisers?|advisors?|head office|"
                      r"helpline|gp|occupational health)\b"
                      r"|\b(?:rep|representative|officer|organiser|adviser|union|mip)s?\b[^.]{0,40}\b(?:can|will) "
                      r"(?:advise|help|support|represent|guide)\b", re.I)


def whom_tier(question: str) -> Callable[[str], int] | None:
    """For a question asking whom to turn to ("who can I talk to about it?", advice.asks_whom_to_turn_to) and no
    contact detail: 2 for a line telling the reader whom to turn to, else 0; None for other questions. A walk's "who
    can I talk to about it?" after a question on discrimination got the advice line and resource lists (the autism
    article's ACAS and NAS), not the discrimination article's "You can discuss with your MiP rep whether the issue can
    be resolved informally", which shares no word with it."""
    if not asks_whom_to_turn_to(question) or asks_for_details(question):
        return None
    return lambda text: 2 * bool(_TURN_TO.search(text))


def asked_tiers(question: str, kind: str, q_terms: frozenset[str],
                figures: frozenset[str]) -> tuple[Callable[[str], int] | None, Callable[[str], int]]:
    """(contact, tier): for a question asking how to reach someone or whom to turn to, its tier (details_tier, else
    whom_tier), else None; and the tier a quote or an evidence sentence is ranked by (that one, else figure_tier)."""
    contact = details_tier(question) or whom_tier(question)
    return contact, contact or figure_tier(question, kind, q_terms, figures)


def covered_share(question: str, cands: Sequence[Candidate],
                   redundancy: float) -> Callable[[Candidate, set[str]], float] | None:
    """redundancy x the idf-weighted share of the question's terms a candidate holds that the quotes chosen so far
    already hold: a second quote saying the same part of the question again is worth less than one answering another
    part ("What party did he set up and who was he going to stand against?"). None when redundancy is 0."""
    if not redundancy:
        return None
    weight, _ = question_term_weights(question, [c.text for c in cands])
    total = sum(weight.values()) or 1.0
    return lambda c, have: redundancy * sum(w for t, w in weight.items() if t in c.terms and t in have) / total


Scored = tuple[float, Candidate]


def chosen_quotes(ranked: Sequence[Scored], firsts: Sequence[Scored], min_score: float, max_sentences: int,
            penalty: Callable[[Candidate, set[str]], float] | None) -> list[Scored]:
    """Up to max_sentences candidates, best first: none under min_score, none under half the best unless it leads
    its issue (firsts), no near-duplicate; after the first, each pick's score is lowered by penalty (the terms it
    repeats of those already chosen) when given."""
    chosen: list[Scored] = []
    pool = [p for p in ranked if p[0] >= min_score]
    while pool and len(chosen) < max_sentences:
        if penalty is None or not chosen:
            pick = pool[0]
        else:
            have = set().union(*(c.terms for _, c in chosen))
            pick = max(pool, key=lambda p: (p in firsts, p[0] - penalty(p[1], have)))
        pool.remove(pick)
        score, c = pick
        if chosen and score < 0.5 * chosen[0][0] and pick not in firsts:
            if penalty is None:
                break  # much weaker than the best: noise, not support
            continue
        if any(near_duplicate(c, o) for _, o in chosen):
            continue
        chosen.append(pick)
    return chosen


# The share of the question's terms a quote giving the figure asked for must hold to be brought in (with_figure_asked).
# A bare number is common: on the dev set the swaps that brought a wrong one held 0.06 to 0.28 (docs/evals.md, session
# 26). A frequency's or a duration's phrase ("in any twelve-month period", "within two months") is not, and is read
# with its headline: "how long does my employer have to decide on my flexible working request?" was not quoted
# "Your employer must: ... respond within two months" (0.49: its "decide" is "respond" there; session 34).
FIGURE_SHARE, PHRASE_SHARE = 0.5, 0.4


def with_figure_asked(chosen: list[Scored], ranked: Sequence[Scored], answers: Callable[[str], bool],
                      share: Callable[[Candidate], float], min_score: float, max_sentences: int,
                      firsts: Sequence[Scored] = (), detail: bool = False,
                      least_share: float = FIGURE_SHARE) -> list[Scored]:
    """chosen, with its last quote (not the first, nor an issue's first, firsts) given up for, or with fewer than
    max_sentences joined by, the best candidate giving the figure
    asked for (answers) beside most of the question's words (share, the idf-weighted share of its terms, at least
    least_share: FIGURE_SHARE, or PHRASE_SHARE for a frequency or duration, read with its headline),
    when no chosen quote gives it and that candidate is over min_score and half the best.
    "how much is the VSM pay uplift?" was quoted on VSM pay policy, on 9% of VSMs paid less and on the award's delay,
    the "3% pay rise" (share 0.62) fourth. A figure beside one word of the question is no answer to it: on the dev
    set such swaps (shares 0.06 to 0.28) brought "seven million people are waiting for surgery" to "how many people
    work at ...". A quote already giving the figure is kept: a bonus for such sentences lost three dev-set key facts
    (docs/evals.md, session 26). detail: answers gives a contact detail of the kind asked beside whom it is asked of
    (details_tier 2), which need share no other word with the question, nor pass the floors (the detail and whose it
    is are the answer): "where is the union's office?" and "Published by: Managers in Partnership, Centenary House, ...
    SE1 1NL"."""
    if not chosen or any(answers(c.text) for _, c in chosen):
        return chosen
    floor = float("-inf") if detail else max(min_score, 0.5 * chosen[0][0])
    least_share = 0.0 if detail else least_share
    have = {id(c) for _, c in chosen}
    found = next((p for p in ranked if id(p[1]) not in have and p[0] >= floor and share(p[1]) >= least_share
                  and answers(p[1].text) and not any(near_duplicate(p[1], c) for _, c in chosen)), None)
    if found is None:
        return chosen
    if len(chosen) < max_sentences:
        return [*chosen, found]
    out = [p for p in chosen[1:] if p not in firsts]
    if not out:
        return chosen
    return [p for p in chosen if p is not out[-1]] + [found]


def details_only(chosen: list[Scored], question: str) -> list[Scored]:
    """For a question asking for a contact detail, when a chosen quote gives one of the kind asked: the quotes giving
    a contact detail, the others dropped. "how can I ring the union?" (walk 32) was quoted MiP's number, then two lines
    of an interview that say "union" ("I've always believed in being a member of a union ..."); the member asked for
    the number."""
    if not asks_for_details(question) or not any(gives_detail_asked(question, c.text) for _, c in chosen):
        return chosen
    return [p for p in chosen if holds_details(p[1].text)]
