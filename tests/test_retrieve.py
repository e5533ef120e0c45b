"""Hybrid retrieval over a real FAISS index (HashEmbedder vectors) and real BM25."""

import numpy as np
import pytest

from rag.answer.retrieve import Filters, retrieve
from rag.index.embedders import HashEmbedder
from rag.testing import build_index


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("idx"))


def test_finds_the_article_that_answers(idx):
    r = retrieve(idx, HashEmbedder(), "flexible working request first day", k=3)
    assert r.hits[0].article.startswith("Flexible and hybrid working")
    assert [h.rank for h in r.hits] == [1, 2, 3]
    assert r.hits[0].score >= r.hits[1].score >= r.hits[2].score


def test_hit_carries_contract_fields_and_code_built_link(idx):
    hit = retrieve(idx, HashEmbedder(), "pay rise for senior managers", k=1).hits[0]
    d = hit.to_dict()
    for field in ("rank", "chunk_id", "score", "text", "issue", "date", "article", "page", "url"):
        assert field in d
    assert d["url"] == f"/article/{hit.issue}/{hit.article_id}#p-{hit.chunk_id}"
    assert d["page"] == 4


def test_issue_and_date_filters(idx):
    e = HashEmbedder()
    only_2024 = retrieve(idx, e, "pay award", k=10, filters=Filters(issues=("2024-summer",)))
    assert only_2024.hits and {h.issue for h in only_2024.hits} == {"2024-summer"}
    since_2025 = retrieve(idx, e, "pay award", k=10, filters=Filters(date_from="2025-01-01"))
    assert since_2025.hits and {h.issue for h in since_2025.hits} == {"2026-summer"}
    assert retrieve(idx, e, "pay", filters=Filters(issues=("unknown",))).hits == ()


def test_bm25_rescues_a_rare_exact_term(idx):
    # "Withers" appears in one chunk only: lexical evidence must put it first.
    assert retrieve(idx, HashEmbedder(), "Withers", k=1).hits[0].article.startswith("Meet your reps")


def test_fusion_with_raw_scale_mismatch_still_ranks_sensibly(idx):
    # The fused score is normalised: the top hit always has the maximum fused score of 1.0.
    r = retrieve(idx, HashEmbedder(), "general election manifesto reform", k=5)
    assert r.hits[0].score == pytest.approx(1.0, abs=1e-3) or r.hits[0].score > 0.5
    assert r.hits[0].article == "MiP general election manifesto"


def test_article_weight_lifts_passages_of_an_article_that_matches_as_a_whole():
    from rag.answer.retrieve import _article_best
    from rag.types import Chunk

    def chunk(cid, article):
        return Chunk(cid, "i", "I", "2026-06-01", article, article, 1, 0, "t")

    chunks = [chunk("a1", "A"), chunk("a2", "A"), chunk("b1", "B")]
    best = _article_best(chunks, np.array([0.9, 0.5, 0.6], dtype=np.float32))
    assert best.tolist() == pytest.approx([0.9, 0.9, 0.6])
    lifted = np.array([0.9, 0.5, 0.6]) + 0.3 * best  # a2: 0.77, b1: 0.78
    assert lifted.tolist() == pytest.approx([1.17, 0.77, 0.78])  # a small lift for a2, not a takeover


def test_article_weight_changes_ranking_only_through_same_article_scores(idx):
    e = HashEmbedder()
    plain = retrieve(idx, e, "pay rise managers", k=6)
    lifted = retrieve(idx, e, "pay rise managers", k=6, article_weight=0.3)
    assert {h.chunk_id for h in plain.hits} == {h.chunk_id for h in lifted.hits}
    assert lifted.hits[0].chunk_id == plain.hits[0].chunk_id  # the best passage stays first


def test_a_passages_best_sentence_joins_the_ranking_with_its_weight(idx):
    """Each fused score gains the weight x its passage's best sentence cosine (stored sentence vectors), min-max
    normalised over the candidates; an index without sentence vectors ranks as before."""
    import dataclasses

    e, question = HashEmbedder(), "How soon must employers respond to a flexible working request?"
    plain = retrieve(idx, e, question, k=1000, alpha=0.7)
    lifted = retrieve(idx, e, question, k=1000, alpha=0.7, sentence_weight=2.0)
    assert {h.chunk_id for h in plain.hits} == {h.chunk_id for h in lifted.hits}  # the same candidates
    q = e.embed_query(question)
    best = {h.chunk_id: float((idx.sentence_vectors_of(h.chunk_id) @ q).max()) for h in plain.hits}
    lo, hi = min(best.values()), max(best.values())
    before = {h.chunk_id: h.score for h in plain.hits}
    for h in lifted.hits:
        assert h.score == pytest.approx(before[h.chunk_id] + 2.0 * (best[h.chunk_id] - lo) / (hi - lo), abs=2e-4)
    assert lifted.hits[0].chunk_id == max(best, key=lambda c: before[c] + 2.0 * (best[c] - lo) / (hi - lo))
    older = dataclasses.replace(idx, sentence_vectors=None, sentence_counts=None)
    assert ([h.chunk_id for h in retrieve(older, e, question, k=10, sentence_weight=2.0).hits]
            == [h.chunk_id for h in retrieve(older, e, question, k=10).hits])


def test_recency_weight_lifts_the_newest_issues_passages(idx):
    """A question about what is current, or whom to contact, is answered from the newest issue first (a walk: "who
    should I contact at MiP about a problem at work?" was answered from 2024 alone)."""
    plain = retrieve(idx, HashEmbedder(), "pay award after the election", k=3)
    assert plain.hits[0].date == "2024-06-01"
    recent = retrieve(idx, HashEmbedder(), "pay award after the election", k=3, recency_weight=5.0)
    assert recent.hits[0].date == "2026-06-01"
    assert [h.chunk_id for h in retrieve(idx, HashEmbedder(), "pay award after the election", k=3,
                                         recency_weight=0.0).hits] == [h.chunk_id for h in plain.hits]


def test_the_pipeline_weighs_recency_only_for_questions_about_what_is_current(idx):
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings

    p = Pipeline(settings=Settings(recency_weight=5.0), index=idx, embedder=HashEmbedder(), llm=None,
                 count_tokens=lambda t: len(t.split()))
    assert p.retrieve("what is the latest pay award after the election?").hits[0].date == "2026-06-01"
    assert p.retrieve("what pay award came after the election?").hits[0].date == "2024-06-01"
