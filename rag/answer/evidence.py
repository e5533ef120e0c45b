"""Pure evidence selection: the sentences of the retrieved passages that best answer the question.

The local model reads about 60 prompt tokens/s, so the prompt cannot hold many whole passages.
Sending the best sentences of more passages (with a neighbour each side for context) puts more
of the needed facts in front of the model for the same tokens: on the dev set, all the facts a
correct answer needs were in the prompt for 0.733 of answerable questions, against 0.589 with
three whole passages (benchmarks/evidence_coverage.py).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Callable, Sequence

from rag.answer.across import bests_first
from rag.answer.citations import content_terms
from rag.contact_details import with_contact_note
from rag.sentences import ends_sentence, passage_sentences
from rag.textnorm import normalize
from rag.types import Hit

GAP = " \u2026 "  # between sentences that are not adjacent in the passage


def list_units(sentences: Sequence[str]) -> list[list[int]]:
    """Each lead-in ending ":" with its list items, as sentence indices: the lines after it that start in the case
    the first one does, up to one that ends a sentence or opens another list (as rag.sentences.passage_sentences
    keeps them). A lead-in with no items is no unit. Example:
    ["Your employer must:", "deal with it reasonably", "respond within two months", "Most are granted."] -> [[0, 1, 2]]
    """
    units = []
    for j, lead in enumerate(sentences):
        if not lead.endswith(":") or j + 1 >= len(sentences):
            continue
        members, case = [j], sentences[j + 1][:1].islower()
        for k in range(j + 1, len(sentences)):
            item = sentences[k]
            if item.endswith(":") or item[:1].islower() != case:
                break
            members.append(k)
            if ends_sentence(item):
                break
        if len(members) > 1:
            units.append(members)
    return units


def lexical_scores(question: str, sentences: Sequence[str]) -> list[float]:
    """Share of the question's terms in each sentence, weighted by idf over these sentences (0..1).

    Numbers weigh double: a question naming "2024" or "3%" is usually about that figure. A sentence counts with
    its contact note, as it was indexed (rag.contact_details: "phone number" matches "020 3437 1473").
    """
    weight, terms = question_term_weights(question, sentences)
    total = sum(weight.values()) or 1.0
    return [sum(w for t, w in weight.items() if t in ts) / total for ts in terms]


def asked_shares(asked: str | None, sentences: Sequence[str], headlines: Sequence[str],
                 lexical: Sequence[float]) -> Sequence[float]:
    """The share of the question a sentence giving the figure asked for holds: its lexical score, or with asked (a
    frequency's question less its asking phrase: rag.answer.answer_kinds.asked_in_article) asked's share held by the
    sentence read with its article's headline (headlines[i]: sentences[i]'s)."""
    if asked is None:
        return lexical
    # Each term weighs by its idf over the sentences themselves: read with their headlines, the words of one article's
    # headline were in every sentence and weighed nothing, and "how long does my employer have to decide on my
    # flexible working request?" found 0.42 of itself in "Your employer must: ... respond within two months" under
    # "Flexible and hybrid working: what are your rights?", its "flexible working" no part of it (session 34)
    weight, _ = question_term_weights(asked, sentences)
    total = sum(weight.values()) or 1.0
    held = [frozenset(content_terms(with_contact_note(f"{h} {s}"))) for s, h in zip(sentences, headlines)]
    return [sum(w for t, w in weight.items() if t in ts) / total for ts in held]


def question_term_weights(question: str, sentences: Sequence[str]) -> tuple[dict[str, float], list[frozenset[str]]]:
    """lexical_scores' weight of each question term (idf over the sentences, numbers double), and each sentence's
    terms (with its contact note)."""
    q_terms = list(dict.fromkeys(content_terms(question)))
    terms = [frozenset(content_terms(with_contact_note(s))) for s in sentences]
    n = len(sentences)
    weight = {}
    for t in q_terms:
        idf = math.log(1 + n / (1 + sum(t in ts for ts in terms)))
        weight[t] = idf * (2.0 if t[0].isdigit() else 1.0)
    return weight, terms


def _figure_first(order: list, sentence: dict, gives_asked: Callable[[str], bool], min_share: float = 0.5) -> list:
    """order with the best sentence giving the figure asked for beside min_share of the question's weighted terms or
    more moved first, when none scored above it gives the figure (select_evidence's gives_asked)."""
    for k, (key, _) in enumerate(order):
        text, share = sentence[key]
        if gives_asked(text):
            if share < min_share:
                continue
            return [order[k], *order[:k], *order[k + 1:]] if not any(
                gives_asked(sentence[kk][0]) for kk, _ in order[:k]) else order
    return order


def select_evidence(
    question: str,
    hits: Sequence[Hit],
    similarities: Sequence[Sequence[float]],
    *,
    budget: int,
    count_tokens: Callable[[str], int],
    header_tokens: Callable[[Hit, bool], int],
    group: Callable[[Hit], object] = lambda hit: id(hit),
    lexical_weight: float = 0.5,
    before: int = 1,
    after: int = 1,
    rank_prior: float = 0.05,
    lead_group: Callable[[Hit], object] | None = None,
    gives_asked: Callable[[str], bool] | None = None,
    asked_share: float = 0.5,
    asked_in_article: str | None = None,
) -> tuple[Hit, ...]:
    """Focused passages, best first: each cut to its chosen sentences, kept in reading order.

    Sentences are picked best first until the token budget is spent; each brings its neighbours, and a list item
    its lead-in.

    similarities[i][j] is the cosine between the question and sentence j of hits[i] (sentences as
    passage_sentences gives them). A sentence's score blends that cosine with lexical_scores, plus
    rank_prior / (1 + retrieval rank) so retrieval order breaks ties. A sentence already taken
    from an overlapping passage is not repeated. A passage costs header_tokens(hit, first) once, first
    being whether it is the first passage taken from its group (its article: the prompt labels an
    article once), and each sentence count_tokens(sentence) + 1. Passages come back ordered by their best sentence.
    lead_group: for a question across issues (rag.answer.across), Hit -> its issue: each one's best sentence is
    taken first, so the budget is not spent on one issue.
    gives_asked: whether a sentence gives the figure the question asks for (rag.answer.quote_choice.figure_tier 2).
    When no sentence scored above it does, the best one that does beside at least half the question's weighted
    terms is taken first: "how much is the VSM pay uplift?" was sent three passages on VSM pay policy and the 9% of
    VSMs paid less, not the "3% pay rise" (the local model's budget), and the model cited the 3% to a passage not
    saying it. asked_share: that share (0 for a contact detail asked, whose sentence need repeat no word of the
    question: "Published by: Managers in Partnership, Centenary House, ..." for "where is the union's office?").
    asked_in_article: that share is of this text's terms, held by the sentence with its article's headline
    (rag.answer.answer_kinds.asked_in_article: a frequency asked for).
    """
    per_hit = [passage_sentences(h.text) for h in hits]
    flat = [(i, j, s) for i, sents in enumerate(per_hit) for j, s in enumerate(sents)]
    if not flat:
        return ()
    # a list item means little without its lead-in ("respond within two months" needs "Your employer must:")
    lead_of = [{k: unit[0] for unit in list_units(sents) for k in unit[1:]} for sents in per_hit]
    # ... and is read with it: "not refuse without consulting you" answers "does my employer have to talk to me before
    # saying no?" under "Your employer must:" (walk 30: it was left out, holding no word of the question alone)
    lexical = lexical_scores(question, [f"{per_hit[i][lead_of[i][j]]} {s}" if j in lead_of[i] else s
                                        for i, j, s in flat])
    scores = {}
    for (i, j, _), lx in zip(flat, lexical):
        cos = float(similarities[i][j]) if j < len(similarities[i]) else 0.0
        scores[(i, j)] = (1 - lexical_weight) * max(cos, 0.0) + lexical_weight * lx + rank_prior / (1 + i)

    chosen: dict[int, set[int]] = {}
    best_of: dict[int, float] = {}
    seen: set[str] = set()
    groups: set = set()
    used = 0
    order = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if gives_asked is not None:
        shares = asked_shares(asked_in_article, [s for _, _, s in flat], [hits[i].article for i, _, _ in flat],
                              lexical)
        order = _figure_first(order, {(i, j): (s, sh) for (i, j, s), sh in zip(flat, shares)}, gives_asked,
                              asked_share)
    if lead_group is not None:
        order = bests_first(order, lambda kv: lead_group(hits[kv[0][0]]))
    for (i, j), score in order:
        # each list item with its lead-in, a neighbour too, or not at all (a model sent "respond within two months",
        # taken as the neighbour of the sentence after it, wrote "You must respond within two months": a walk)
        units = ([(lead_of[i][j],)] if j in lead_of[i] else []) + [
            (lead_of[i][jj], jj) if jj in lead_of[i] else (jj,) for jj in range(j - before, j + after + 1)]
        for unit in units:
            new = [jj for jj in unit if 0 <= jj < len(per_hit[i]) and jj not in chosen.get(i, ())
                   and normalize(per_hit[i][jj]) not in seen]
            if not new or unit[-1] not in new and unit[-1] not in chosen.get(i, ()):
                continue  # nothing to add, or an item already given by an overlapping passage
            header = 0 if i in chosen else header_tokens(hits[i], group(hits[i]) not in groups)
            cost = sum(count_tokens(per_hit[i][jj]) + 1 for jj in new) + header
            if used + cost > budget:
                continue
            used += cost
            groups.add(group(hits[i]))
            seen.update(normalize(per_hit[i][jj]) for jj in new)
            chosen.setdefault(i, set()).update(new)
            best_of.setdefault(i, score)
    focused = []
    for i in sorted(chosen, key=lambda i: (-best_of[i], i)):
        picked = sorted(chosen[i])
        text = per_hit[i][picked[0]]
        for prev, cur in zip(picked, picked[1:]):
            # a line with no end punctuation (a list item, a line of its own) keeps its line: run into the next one,
            # it would read (and split) as one sentence ("...agreed to a longer period The ACAS Code of Practice")
            joint = "\n\n" if not ends_sentence(per_hit[i][prev]) else " "
            text += (joint if cur == prev + 1 else GAP) + per_hit[i][cur]
        focused.append(dataclasses.replace(hits[i], text=text))
    return tuple(focused)
