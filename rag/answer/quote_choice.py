"""Pure: which of a quoted answer's scored candidate sentences it takes, and which comes first: none under the floors
or much weaker than the best, no near-duplicate, less for repeating what is chosen, the figure asked for first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from rag.answer.answer_kinds import FIGURES, answer_next_to_terms, question_focus
from rag.answer.evidence import question_term_weights
from rag.textnorm import normalize


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



def gives_figure_asked(question: str, kind: str, q_terms: frozenset[str],
                        figures: frozenset[str]) -> Callable[[str], bool]:
    """Whether a quote gives the sum, share, number or date the question asks for next to its words: "whats the pay
    rise for agenda for change staff" was answered first with "VSMs should get the same pay rise as their colleagues
    covered by Agenda for Change", the "3.3% paid to NHS staff on Agenda for Change" second (a walk, four times). A
    name is not told apart so (most sentences hold one)."""
    if kind not in FIGURES:
        return lambda text: False
    focus = question_focus(question) if kind in ("count", "money") else frozenset()
    return lambda text: answer_next_to_terms(text, kind, q_terms, focus=focus, figures=figures)


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
