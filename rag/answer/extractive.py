"""Answering with no generative model: the best supporting sentences, quoted verbatim with [n] markers."""

from __future__ import annotations

import re
from typing import Callable, Collection, Sequence

from rag.answer.across import bests_first, issues_of_named_year
from rag.answer.answer_kinds import (
    asked_in_article,
    given_figures,
    holds_answer_of_kind,
    question_kind,
)
from rag.answer.citations import content_terms
from rag.answer.evidence import lexical_scores, list_units
from rag.answer.issue_names import issue_named
from rag.answer.profiles import with_whom_named
from rag.answer.prompts import is_temporal
from rag.answer.purposes import for_other_purpose
from rag.answer.quote_choice import (
    FIGURE_SHARE,
    PHRASE_SHARE,
    Candidate,
    asked_tiers,
    chosen_quotes,
    covered_share,
    details_only,
    figure_share,
    with_figure_asked,
)
from rag.answer.quote_text import Quote, format_quotes
from rag.answer.reported import views_asked_of
from rag.answer.sanitize import urls_named
from rag.answer.upcoming import dated_in_other_month, months_asked
from rag.sentences import DATE_LINE, dates_next, ends_sentence, split_sentences
from rag.types import Hit

_BRACKETED_NUMBER = re.compile(r"\[(\s*\d[\d\s,;\-]*)\]")
# A sentence opening on a word that points back reads only with the sentence before it: "It was unconvinced ..."
# after "The committee also debated ... statutory regulation", "But ... they were told to cut their running costs".
_ANAPHOR = re.compile(r"(It|He|She|They|This|These|That|Those|Its|His|Her|Their|But|However|So|Such|Both)\b")
_MARKDOWN = re.compile(r"^[#>*\-\s]+|[*_`]{1,3}")
_DATED = re.compile(DATE_LINE.pattern.rstrip("$") + r": (?:\S+ ){0,5}\S+$")  # an event's date and its name


# The printed magazine's pointers, meaningless in a chat: "(see page 8)", and an author's initials closing a news item
# ("... like NHS England.  [RM]")
_PRINT_ONLY = re.compile(r"\s*\(see (?:pages?|p\.?) \d+(?:\s*[-\u2013]\s*\d+)?\)|\s+\[[A-Z]{2,3}\]\s*$")


def _clean(sentence: str) -> str:
    # A bracketed number in the source would read as one of our citation markers.
    text = _BRACKETED_NUMBER.sub(r"(\1)", _MARKDOWN.sub("", _PRINT_ONLY.sub("", sentence)))
    return " ".join(text.split())


def _shown(sentence: str) -> str:
    """A quote as shown: a URL would be taken out of the answer ("Full details can be found at:."), so it is named as
    the link the article view shows, in square brackets as words put into a quotation are. (Scoring reads the
    sentence as stored, so its stored vector is found.)"""
    return urls_named(sentence, "[link in the article]")


def _is_prose(sentence: str) -> bool:
    """Skip headings, captions and fragments: a sentence or a line of its own has >= 6 words, and is no all-caps
    heading or contents line. (A subheading of fewer words is already out of rag.sentences.passage_sentences.)"""
    words = sentence.split()
    if len(words) < 6:
        return False
    if sentence.upper() == sentence or re.search(r"\.{4,}|\u2026{2,}", sentence):
        return False  # an all-caps heading or a contents line with dot leaders
    if sentence[-1] in ".!?\"'\u2019\u201d)" or len(words) >= 12:
        return True
    # a line of its own with no end punctuation ("Or call UNISON Direct on 0800 0 857 857"), but not a byline
    # ("Geoff Underwood, chair of MiP's National Committee": quoted only for a "who" question it answers)
    return ", " not in sentence


def _statements(sentences: Sequence[str], after_gap: Collection[int] = ()) -> list[tuple[int, str]]:
    """(position, text) of each statement a quote may be: a sentence; a lead-in ending in ":" joined with its list
    items (rag.answer.evidence.list_units): "Your employer must: deal with it reasonably; not refuse without
    consulting you; respond within two months." (quoted alone, an item is no sentence); an article's own question
    with the sentence that answers it; a sentence with the one after it when that one points back (_ANAPHOR), unless
    text was left out between them (after_gap: the positions that follow an ellipsis of rag.answer.evidence).
    On the dev set that last join gained 2 calibration answers and 4 held-out ones, none lost (docs/evals.md)."""
    units = {unit[0]: unit for unit in list_units(sentences)}
    out, j = [], 0
    while j < len(sentences):
        unit = units.get(j, [j])
        if len(unit) > 1 and unit[1] in after_gap:
            unit = [j]  # its items were left out: what follows the gap is no item of it
        items = "; ".join(sentences[k] for k in unit[1:])
        text = f"{sentences[j]} {items}" if items else sentences[j]
        nxt = unit[-1] + 1
        if dates_next(sentences, j):
            text, nxt = f"{text}: {sentences[nxt]}", nxt + 1  # as rag.sentences.passage_sentences reads them
        if _DATED.match(text) and nxt < len(sentences) and not ends_sentence(text) and not _DATED.match(sentences[nxt]):
            # an event's date and name, and what it is: one statement ("13-16 September 2026: TUC Congress 2026.
            # Brighton Centre 158th annual congress ..."); quoted alone, neither says both when and what
            text, nxt = f"{text}. {sentences[nxt]}", nxt + 1
        if text.endswith("?") and nxt < len(sentences) and not sentences[nxt].endswith(("?", ":")):
            # The article's own question is no answer; the sentence after it is ("Got an event that MiP members
            # should know about? Send details to the editor: ..."), and it reads as one with the question.
            text, nxt = f"{text} {sentences[nxt]}", nxt + 1
        # (not a lead-in whose list was left out of the evidence: "... for any reason. This could be a request to
        # change your:" was quoted, ending on its colon, to a walk)
        if (out and _ANAPHOR.match(text) and out[-1][0] + 1 == j and j not in after_gap
                and not out[-1][1].endswith((":", "?")) and not text.endswith(":")):
            out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
        else:
            out.append((j, text))
        j = nxt
    return out


def _names_whom_asked(line: str, q_terms: frozenset[str]) -> bool:
    """A short line naming someone next to a "who" question's terms: a signature or byline ("Geoff Underwood,
    chair of MiP's National Committee" for "who chairs MiP?") is no sentence but states the answer."""
    return (2 <= len(line.split()) < 10 and bool(q_terms & set(content_terms(line)))
            and holds_answer_of_kind(line, "person", q_terms))


def _candidates(hits: Sequence[Hit], question: str = "") -> list[Candidate]:
    who = question_kind(question) == "person"
    q_terms = frozenset(content_terms(question))
    out = []
    for i, hit in enumerate(hits):
        # an ellipsis marks where rag.answer.evidence left text out
        sentences, gaps = [], set()  # gaps: positions that follow text left out
        for raw in (r.strip() for r in split_sentences(hit.text)):
            if raw.startswith("\u2026"):
                gaps.add(len(sentences))
            text = _clean(raw.strip(" \u2026"))
            if text:
                sentences.append(text)
            if raw.endswith("\u2026"):
                gaps.add(len(sentences))
        statements = _statements(sentences, after_gap=gaps)
        for j, text in with_whom_named(statements) if who else statements:
            if _is_prose(text) or (who and _names_whom_asked(text, q_terms)):
                out.append(Candidate(i, j, text, frozenset(content_terms(text))))
    return out


def asked_bonus(cands: Sequence[Candidate], asked: Sequence[Sequence[tuple[str, float]]]) -> list[float]:
    """Per candidate: over the questions its passage answers (written at ingest, in the passage's own words), the
    best of (the question's match with the member's) x (its share of terms in the candidate, lexical_scores over
    that passage's candidates). A member's paraphrase shares few words with the sentence that answers it, but a
    close written question shares them, so this points at that sentence. asked[i]: hits[i]'s (question, match)."""
    bonus = [0.0] * len(cands)
    for i, questions in enumerate(asked):
        rows = [k for k, c in enumerate(cands) if c.hit_index == i]
        texts = [cands[k].text for k in rows]
        for written, match in questions:
            for k, share in zip(rows, lexical_scores(written, texts)):
                bonus[k] = max(bonus[k], max(match, 0.0) * share)
    return bonus


def best_quotes(
    question: str,
    hits: Sequence[Hit],
    *,
    max_sentences: int = 3,
    similarity: Callable[[str, Sequence[str]], Sequence[float]] | None = None,
    min_score: float = 0.25,
    priority: Sequence[int] | None = None,
    lexical_weight: float = 0.5,
    asked: Sequence[Sequence[tuple[str, float]]] = (),
    asked_weight: float = 0.0,
    spread: bool = False,
    redundancy: float = 0.0,
    typed_weight: float = 0.0,
) -> tuple[list[Quote], str]:
    """The sentences that best answer the question, in display order, and a dated lead-in or "".

    Score: rag.answer.evidence.lexical_scores (idf-weighted share of the question's terms), weighted
    lexical_weight, plus similarity(question, sentences) for the rest when given (the pipeline passes
    Settings.quote_lexical_weight), plus a small bonus for higher-ranked hits
    (and the newest issue for "latest" questions, the named year's for a question naming one). Nothing below
    min_score, nor below half the best.
    The lead-in names the newest issue for "latest" questions: "From <issue> (<date>): ".
    priority[i]: hits[i]'s rank for that bonus when the prompt's order is not the ranking (the prompt
    groups passages by article); by default their order. asked_weight x asked_bonus(asked) is added to the score
    (asked[i]: the questions hits[i] answers, each with its cosine to the question).
    spread: a question across issues (rag.answer.across): each issue's best sentence is quoted first.
    redundancy: after the first quote, a sentence's score loses this x the share of the question's terms it repeats
    from the quotes chosen before it. typed_weight: added for a sentence holding an answer of the kind the question
    asks (a date for "when", a number for "how many": rag.answer.answer_kinds.question_kind).
    """
    months = months_asked(question)  # "what's on in september?": not July's events
    # a contact line for another purpose ("If you're interested in becoming a rep, contact ...") answers no other
    q_terms = frozenset(content_terms(question))
    cands = [c for c in _candidates(hits, question)
             if not dated_in_other_month(c.text, months) and not for_other_purpose(c.text, q_terms)]
    # "what does Chris Withers say about MiP?": quotes from the articles naming him, when any was found ("Your rep will
    # be clear about what MiP is able to do ..." from another article was quoted among his profile's; a batch)
    named = views_asked_of(question)
    own = {(h.issue, h.article_id) for h in hits if named and re.search(rf"\b{re.escape(named)}\b", h.text)}
    cands = [c for c in cands if (hits[c.hit_index].issue, hits[c.hit_index].article_id) in own] or cands
    if not cands or not q_terms:
        return [], ""
    lexical = lexical_scores(question, [c.text for c in cands])
    if similarity is not None:
        sims = [max(0.0, float(s)) for s in similarity(question, [c.text for c in cands])]
        base = [lexical_weight * lx + (1 - lexical_weight) * sm for lx, sm in zip(lexical, sims)]
    else:
        base = lexical
    if asked_weight and asked:
        base = [b + asked_weight * x for b, x in zip(base, asked_bonus(cands, asked))]
    temporal = is_temporal(question)
    newest = max((h.date for h in hits), default="")
    # a question naming one year ("who was the contact for reps back in 2024?") leans to that year's issue
    named = set(issues_of_named_year(question, sorted({(h.issue, h.date) for h in hits})))
    rank = (lambda i: priority[i]) if priority is not None else (lambda i: i)
    kind, figures = question_kind(question), given_figures(question)
    scores = []
    for c, b, lx in zip(cands, base, lexical):
        prior = 0.05 / (1 + rank(c.hit_index))  # the ranking breaks ties
        if typed_weight and kind != "other" and holds_answer_of_kind(c.text, kind, q_terms, figures):
            prior += typed_weight
        if (temporal and hits[c.hit_index].date == newest) or hits[c.hit_index].issue in named:
            prior += 0.1
        # A sentence sharing no term with the question counts by its similarity alone, under the same floors as the
        # rest: a paraphrase shares no words with the sentence that answers it (a gate of 0.35 on such sentences,
        # set for an earlier embedder's cosines, cost 3 calibration answers; docs/evals.md, session 10).
        scores.append(b + prior if lx > 0 or similarity is not None else 0.0)

    ranked = sorted(zip(scores, cands), key=lambda p: (-p[0], rank(p[1].hit_index), p[1].position))
    firsts: list[tuple[float, Candidate]] = []
    if spread:  # each issue's best sentence first (in score order), then the rest by score
        issue = lambda p: hits[p[1].hit_index].issue  # noqa: E731
        over = [p for p in ranked if p[0] >= min_score]  # ranked best first: the rest are under the floor
        ranked = bests_first(over, issue) + ranked[len(over):]
        firsts = ranked[:len({issue(p) for p in over})]
    contact, tier = asked_tiers(question, kind, q_terms, figures)
    answers = lambda text: tier(text) == 2  # noqa: E731
    chosen = chosen_quotes(ranked, firsts, min_score, max_sentences, covered_share(question, cands, redundancy))
    share = figure_share(question, cands, [hits[c.hit_index].article for c in cands], lexical)
    least = PHRASE_SHARE if asked_in_article(question) is not None else FIGURE_SHARE
    chosen = details_only(with_figure_asked(chosen, ranked, answers, share, min_score, max_sentences, firsts,
                                            detail=contact is not None, least_share=least), question)
    if not chosen:
        return [], ""
    # Group by passage in order of each passage's best sentence; keep reading order within one.
    best_of = {}
    for score, c in chosen:
        best_of.setdefault(c.hit_index, score)
    # For "latest" questions the newest issue speaks first, so the dated lead-in introduces it, and the named year's
    # for a question naming one; then a quote giving the figure or date asked for next to the question's words.
    first = (lambda c: hits[c.hit_index].date != newest) if temporal else (lambda c: False)
    # A contact detail of whom the question names comes before all: "how do I contact Katia Widlak?" opened on issue
    # 68's switchboard line, her address printed in 2024 only.
    ordered = sorted(chosen, key=lambda p: (-contact(p[1].text) if contact else 0, first(p[1]),
                                            bool(named) and hits[p[1].hit_index].issue not in named,
                                            -tier(p[1].text), -best_of[p[1].hit_index], p[1].position))
    quotes = [Quote(_shown(c.text), c.hit_index + 1) for _, c in ordered]
    lead = ""
    if temporal and newest and (contact or hits[ordered[0][1].hit_index].date == newest):
        hit = hits[ordered[0][1].hit_index]  # (a contact detail of whom is asked first, though older: its date)
        lead = f"From {issue_named(hit.issue_title, hit.date)}: "
    return quotes, lead


def extractive_answer(question: str, hits: Sequence[Hit], **kwargs) -> str:
    """Quote the sentences that best answer the question, each followed by its [n]; "" when none does.

    Keyword arguments as for best_quotes. Example: '"Pay rose 3%." [1] "It was backdated." [2]'
    """
    quotes, lead = best_quotes(question, hits, **kwargs)
    return lead + format_quotes(quotes) if quotes else ""


def quotes_adding_facts(answer: str, quotes: Sequence[Quote], *, max_quotes: int = 2,
                        min_new_terms: int = 3) -> list[Quote]:
    """The quotes (best first) that each bring at least min_new_terms terms the answer lacks so far.

    A model's short answer often drops a name or figure that its passage states; quoting that
    sentence after the answer puts it in front of the member in the article's own words.
    """
    have = set(content_terms(answer))
    out = []
    for q in quotes:
        terms = set(content_terms(q.text))
        if len(terms - have) >= min_new_terms:
            out.append(q)
            have |= terms
            if len(out) == max_quotes:
                break
    return out
