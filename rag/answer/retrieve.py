"""Hybrid retrieval: FAISS dense + BM25, min-max normalised and fused, with issue/date filters."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from typing import Collection

import numpy as np

from rag.errors import InputError
from rag.index.reader import LoadedIndex
from rag.textnorm import without_invisible
from rag.types import Chunk, Embedder, Hit, Issue


@dataclass(frozen=True)
class Filters:
    issues: tuple[str, ...] = ()
    date_from: str | None = None  # ISO dates, inclusive
    date_to: str | None = None

    def admits(self, chunk: Chunk) -> bool:
        return self.admits_issue(chunk.issue_id, chunk.date)

    def admits_issue(self, issue_id: str, date: str) -> bool:
        """An issue of this id and date is searched under these filters."""
        return ((not self.issues or issue_id in self.issues)
                and (self.date_from is None or date >= self.date_from)
                and (self.date_to is None or date <= self.date_to))


def resolved(filters: Filters, issues: tuple[Issue, ...] | list[Issue]) -> Filters:
    """The filters with each issue named as a member or maintainer may name it: its id in any case ("2024-Summer"), its
    number ("68") or its season ("summer 2024"); an attacker's "--issue 68" was refused (with the list of ids)."""
    def one(name: str) -> str:
        key = " ".join(name.lower().split())
        for i in issues:  # (a blank name is none: it matched the "" of an issue with no number, a tester's --issue "")
            if key and key in (i.issue_id.lower(), i.season.lower(), str(i.number or "")):
                return i.issue_id
        return name
    names = tuple(one(x) for x in filters.issues)
    return filters if names == filters.issues else dataclasses.replace(filters, issues=names)


def check_filters(filters: Filters, issues: tuple[Issue, ...] | list[Issue]) -> None:
    """An issue filter must name indexed issues, and the filters must leave one: an unknown issue, or dates no issue
    has, are said, not answered "The archive does not cover this." (a tester's --from 2030-01-01)."""
    known = {i.issue_id for i in issues}
    unknown = [x for x in filters.issues if x not in known]
    if unknown:
        raise InputError(f"no issue {unknown[0]!r} in the archive: choose one of {', '.join(sorted(known))}, "
                         "or search all issues")
    if issues and not any(filters.admits_issue(i.issue_id, i.date) for i in issues):
        dates = sorted(i.date for i in issues)
        raise InputError(f"no issue in the archive is dated {filters.date_from or 'any time'} to "
                         f"{filters.date_to or 'now'}"
                         f"{' among ' + ', '.join(filters.issues) if filters.issues else ''}: its issues are dated "
                         f"{dates[0]} to {dates[-1]}")


# Markup pasted into a question: a script or style element with its content, and any other tag (its text is kept)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.I | re.S)
_TAG = re.compile(r"</?(?:a|abbr|b|body|br|button|code|div|em|embed|font|form|h[1-6]|head|html|i|iframe|img|input|li|link|"
                  r"meta|object|ol|p|pre|s|small|span|strong|sub|sup|svg|table|td|th|tr|u|ul|video)\b[^<>]*>", re.I)


# A terminal's colour code ("\x1b[31m"), a markdown link ("[the story](http://...)": its text is kept), and a citation
# marker or editor's note in square brackets ("[1]", "[2, 3]", "[citation needed]"): an attacker's "what is the pay rise
# for VSMs [1]" was refused, "1" being a term no passage answering it holds
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# (its target may hold one pair of brackets: a walk's "[click me](javascript:alert(1))" was searched for "javascript")
_MD_LINK = re.compile(r"!?\[([^\[\]]{0,300})\]\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}\)")
# An address pasted into a question is no word of it: "http", "evil" and "login" were named as words no source uses
_ADDRESS = re.compile(r"\b(?:https?|ftp|javascript|data|file):[^\s<>\"]+", re.I)
_MARKERS = re.compile(r"\[\s*(?:\d{1,3}(?:\s*[,;\u2013-]\s*\d{1,3})*|citation needed|source\??|sic|\d{1,3}m)\s*\]",
                      re.I)


def checked_question(question: str, max_chars: int) -> str:
    """The question as searched: control characters (NUL, a terminal's ESC: they would be echoed back in "Searched for:
    ...", a tester's find) and invisible ones out, HTML markup out (a walk's pasted '<script>alert("x")</script> what
    is <b>mip</b>?' was told the sources never use "script", "alert" or "onerror"), a link's target and any web
    address with its scheme ("http://...") out (a markdown link's text is kept), spaces collapsed; empty or over
    max_chars is an InputError."""
    q = _ANSI.sub(" ", _TAG.sub(" ", _SCRIPT.sub(" ", question or "")))
    q = _MARKERS.sub(" ", _MD_LINK.sub(lambda m: " " if _MARKERS.fullmatch(f"[{m.group(1)}]") else m.group(1), q))
    q = _ADDRESS.sub(" ", q)
    if q != (question or ""):
        q = re.sub(r"\s+(?=[?!.,])", "", q)  # "what is <b>mip</b>?" -> "what is mip?"
    q = " ".join("".join(c if c.isprintable() else " " for c in without_invisible(q)).split())
    # one form for each accented letter: "cafe" + a combining accent was read as "cafe", then "corrected" to "care"
    # and shown as "caré" (walk 25)
    q = unicodedata.normalize("NFC", q)
    if not any(c.isalnum() for c in q):  # "?", "...": nothing to search for
        raise InputError("Please type a question.")
    if len(q) > max_chars:
        raise InputError(f"That question is {len(q)} characters long; please keep it under {max_chars}.")
    return q


@dataclass(frozen=True)
class Retrieval:
    hits: tuple[Hit, ...]
    best_dense: float  # highest cosine among the candidates: the answerability signal
    best_lexical: float
    query_vector: np.ndarray | None = None  # the embedded query, for scoring sentences afterwards
    signal_vector: np.ndarray | None = None  # a paired embedder's signal-model query, when ranking used it


def closest_outside(index: LoadedIndex, query_vector: np.ndarray, filters: Filters,
                    pool: int = 50) -> tuple[float, Chunk] | None:
    """The passage the filters leave out that is closest to the query (its cosine, and it), from the query vector a
    filtered retrieval already embedded; None when the pool's closest passages are all inside the filters (then none
    outside is closer than they are)."""
    q = np.ascontiguousarray(query_vector, dtype=np.float32).reshape(1, -1)
    scores, ids = index.vectors.search(q, min(pool, len(index.chunks)))
    for score, i in zip(scores[0], ids[0]):
        if i >= 0 and not filters.admits(index.chunks[int(i)]):
            return float(score), index.chunks[int(i)]
    return None


def article_url(base_url: str, chunk: Chunk) -> str:
    """Link to the project's own article view, scrolled to this passage."""
    return f"{base_url}/article/{chunk.issue_id}/{chunk.article_id}#p-{chunk.chunk_id}"


def hit_of(index: LoadedIndex, c: Chunk, base_url: str, *, rank: int, score: float) -> Hit:
    """A passage of the index as a hit: its text, its issue's details and its links."""
    issue = index.issue(c.issue_id)
    publisher = f"{issue.url}#page={c.page}" if issue.url and c.page else issue.url
    return Hit(rank=rank, chunk_id=c.chunk_id, score=score, text=c.text, issue=c.issue_id, issue_title=c.issue_title,
               date=c.date, article=c.headline, article_id=c.article_id, page=c.page, url=article_url(base_url, c),
               publisher_url=publisher)


def _minmax(x: np.ndarray) -> np.ndarray:
    lo, hi = float(x.min()), float(x.max())
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)


def _rrf(x: np.ndarray, k: int = 60) -> np.ndarray:
    ranks = np.empty(len(x))
    ranks[np.argsort(-x, kind="stable")] = np.arange(1, len(x) + 1)
    return (k + 1) / (k + ranks)  # scaled so rank 1 scores 1.0


def _article_best(chunks: list[Chunk], scores: np.ndarray) -> np.ndarray:
    """For each chunk, the best score of any chunk of its article (itself included)."""
    best: dict[tuple[str, str], float] = {}
    for c, s in zip(chunks, scores):
        key = (c.issue_id, c.article_id)
        best[key] = max(best.get(key, float("-inf")), float(s))
    return np.array([best[(c.issue_id, c.article_id)] for c in chunks], dtype=np.float32)


def _question_match(index: LoadedIndex, q: np.ndarray, candidates: list[int], pool: int) -> np.ndarray:
    """Each candidate's best cosine with the questions it answers among the query's nearest questions (the
    lowest found where it has none among them)."""
    from rag.index.questions import best_per_chunk

    scores, ids = index.questions.search(q, min(index.questions.ntotal, 4 * pool))
    best = best_per_chunk(scores[0], ids[0], index.question_owner, len(index.chunks))[candidates]
    if not np.isfinite(best).any():
        return np.zeros(len(candidates), dtype=np.float32)
    return np.where(np.isnan(best), np.nanmin(best), best)


def _best_sentence(index: LoadedIndex, q: np.ndarray, candidates: list[int]) -> np.ndarray | None:
    """Each candidate's best sentence cosine (the index's stored sentence vectors); None when it keeps none."""
    if getattr(index, "sentence_vectors", None) is None:
        return None
    best = np.zeros(len(candidates), dtype=np.float32)
    for j, i in enumerate(candidates):
        vectors = index.sentence_vectors_of(index.chunks[i].chunk_id)
        best[j] = float((vectors @ q).max()) if vectors is not None and len(vectors) else 0.0
    return best


def retrieve(
    index: LoadedIndex,
    embedder: Embedder,
    query: str,
    *,
    k: int = 10,
    filters: Filters = Filters(),
    alpha: float = 0.5,
    pool: int = 50,
    base_url: str = "",
    fusion: str = "minmax",
    article_weight: float = 0.0,
    question_weight: float = 0.0,
    signal_weight: float = 0.0,
    sentence_weight: float = 0.0,
    recency_weight: float = 0.0,
    prefer_issues: Collection[str] = (),
) -> Retrieval:
    """Top-k chunks; score = alpha * dense + (1 - alpha) * BM25, each min-max normalised over the pool.

    fusion="rrf" uses reciprocal-rank fusion instead (1/(60 + rank), weighted the same way).
    article_weight adds that share of the best fused score among the candidates of the same article,
    so a passage inside an article that matches as a whole ranks above a lone look-alike.
    question_weight adds that share of the best cosine between the query and the questions a passage answers
    (rag.index.questions, written at ingest), min-max normalised over the candidates.
    signal_weight adds that share of a paired embedder's second model's cosine (rag.index.embedder_pair),
    min-max normalised over the candidates: two models that err differently rank better together.
    recency_weight is added to the candidates from the newest issue among them (for a question about what is
    current, or whom to contact: the caller decides), or from prefer_issues when given (the issues of a year the
    question names).
    """
    import faiss  # heavy: the index object came from faiss already

    n = len(index.chunks)
    if filters == Filters():  # the common case: no per-chunk check on the hot path
        allowed = np.ones(n, dtype=bool)
    else:
        allowed = np.array([filters.admits(c) for c in index.chunks], dtype=bool)
    if not allowed.any():
        return Retrieval((), 0.0, 0.0)
    q = np.ascontiguousarray(embedder.embed_query(query), dtype=np.float32).reshape(1, -1)
    depth = min(max(pool, k), int(allowed.sum()))  # `rag retrieve --k 200`: 200, not the pool's 72 (a tester's find)
    params = None
    if not allowed.all():
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.flatnonzero(allowed).astype(np.int64)))
    dense_scores, dense_ids = index.vectors.search(q, depth, params=params)
    dense = {int(i): float(s) for i, s in zip(dense_ids[0], dense_scores[0]) if i >= 0}
    lexical_all = np.where(allowed, index.lexical.scores(query, n), -np.inf)
    lexical_top = [int(i) for i in np.argsort(-lexical_all)[:depth] if np.isfinite(lexical_all[i]) and lexical_all[i] > 0]
    candidates = sorted(set(dense) | set(lexical_top))
    for i in candidates:
        if i not in dense:  # a BM25-only candidate still needs its cosine
            dense[i] = float(index.vectors.reconstruct(i) @ q[0])
    d = np.array([dense[i] for i in candidates], dtype=np.float32)
    lx = np.array([max(lexical_all[i], 0.0) for i in candidates], dtype=np.float32)
    fused = alpha * _rrf(d) + (1 - alpha) * _rrf(lx) if fusion == "rrf" else alpha * _minmax(d) + (1 - alpha) * _minmax(lx)
    if article_weight:
        fused = fused + article_weight * _article_best([index.chunks[i] for i in candidates], fused)
    if question_weight and getattr(index, "questions", None) is not None and index.questions.ntotal:
        fused = fused + question_weight * _minmax(_question_match(index, q, candidates, pool))
    signal = None
    if signal_weight and hasattr(embedder, "signal_query"):
        signal = np.asarray(embedder.signal_query(query), dtype=np.float32)
        stored = np.vstack([index.vectors.reconstruct(i) for i in candidates])
        fused = fused + signal_weight * _minmax(stored @ signal)
    if sentence_weight:
        best = _best_sentence(index, q[0], candidates)
        if best is not None:
            fused = fused + sentence_weight * _minmax(best)
    if recency_weight:
        if prefer_issues:
            preferred = [index.chunks[i].issue_id in prefer_issues for i in candidates]
        else:
            dates = [index.chunks[i].date for i in candidates]
            preferred = [date == max(dates) for date in dates]
        fused = fused + recency_weight * np.array(preferred, dtype=np.float32)
    order = np.argsort(-fused, kind="stable")[:k]
    hits = []
    for rank, j in enumerate(order, 1):
        hits.append(hit_of(index, index.chunks[candidates[j]], base_url, rank=rank, score=round(float(fused[j]), 4)))
    return Retrieval(tuple(hits), float(d.max()), float(lx.max()), q[0], signal)
