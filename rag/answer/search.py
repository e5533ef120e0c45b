"""The search as the pipeline runs it: the hybrid ranking (rag.answer.retrieve) with Settings' weights, leaning to the
issue of a year the question names as a question about what is current leans to the newest (rag.answer.across), and
the contact detail asked for brought among the passages read when ranked lower (rag.answer.detail_holders)."""

from __future__ import annotations

from rag.answer import across, prompts
from rag.answer.detail_holders import with_detail_holder
from rag.answer.retrieve import Filters, Retrieval, retrieve
from rag.config import Settings
from rag.index.reader import LoadedIndex
from rag.types import Embedder


def search(index: LoadedIndex, embedder: Embedder, settings: Settings, question: str, *, k: int | None = None,
           filters: Filters = Filters()) -> Retrieval:
    """The top k passages (Settings.top_k) for the question within the filters; with none, within the one issue the
    question names ("what did the 2024 issue say about ...?": rag.answer.across.issues_asked_of), if it holds any."""
    if filters == Filters() and (asked_of := across.issues_asked_of(question, index.issues)):
        within = search(index, embedder, settings, question, k=k, filters=Filters(issues=tuple(asked_of)))
        if within.hits:
            return within
    named = across.issues_of_named_year(question, [(i.issue_id, i.date) for i in index.issues])
    found = retrieve(index, embedder, question, k=k or settings.top_k, filters=filters, alpha=settings.fusion_alpha,
                     base_url=settings.public_base_url, article_weight=settings.article_weight,
                     question_weight=settings.question_weight, signal_weight=settings.signal_rank_weight,
                     sentence_weight=settings.sentence_rank_weight,
                     recency_weight=settings.recency_weight if prompts.is_temporal(question) or named else 0.0,
                     prefer_issues=named)
    return with_detail_holder(question, found, index, filters, read=settings.context_k,
                              base_url=settings.public_base_url)
