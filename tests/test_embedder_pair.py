"""A paired embedder: one model ranks, the other's cosines feed the refusal decision (rag/index/embedder_pair.py)."""

import numpy as np
import pytest

from rag.answer.pipeline import Pipeline
from rag.config import Settings
from rag.index.embedder_pair import PairedEmbedder
from rag.index.embedders import HashEmbedder, make_embedder
from rag.testing import build_index


class _Shifted(HashEmbedder):
    """Another deterministic model: the hashing one on reversed words, so its cosines differ."""

    name = "shifted-hash"

    def _vector(self, text):
        return super()._vector(" ".join(reversed(text.split())) + " shifted")


def _pair():
    return PairedEmbedder(HashEmbedder(dim=64), _Shifted(dim=32))


def test_each_half_of_a_stored_vector_is_one_models_unit_vector():
    pair, texts = _pair(), ["pay rose 3%", "flexible working rights"]
    docs = pair.embed_documents(texts)
    assert docs.shape == (2, 96) and pair.dim == 96 and pair.name == "hash-embedder-v1+shifted-hash"
    assert np.allclose(np.linalg.norm(docs[:, :64], axis=1), 1) and np.allclose(np.linalg.norm(docs[:, 64:], axis=1), 1)
    rank_q, signal_q = pair.embed_query("pay rise"), pair.signal_query("pay rise")
    # one inner product with a stored vector is exactly one model's cosine
    assert np.allclose(docs @ rank_q, HashEmbedder(dim=64).embed_documents(texts) @ HashEmbedder(dim=64).embed_query(
        "pay rise"))
    assert np.allclose(docs @ signal_q, _Shifted(dim=32).embed_documents(texts) @ _Shifted(dim=32).embed_query(
        "pay rise"))
    assert pair.embed_documents([]).shape == (0, 96)


def test_settings_name_a_pair_as_rank_plus_signal():
    pair = make_embedder(Settings(embedder="hash+hash"))
    assert isinstance(pair, PairedEmbedder) and pair.dim == 512


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("pair"), embedder=_pair())


def test_the_refusal_decision_reads_the_signal_models_cosines(idx, tmp_path):
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False), index=idx, embedder=_pair(),
                        llm=None, count_tokens=lambda t: len(t.split()))
    question = "How soon must employers respond to a flexible working request?"
    found = pipeline.retrieve(question)
    context = found.hits[: pipeline.settings.context_k]
    rank_sims = pipeline.similarities.sentence_similarities(context, found.query_vector)
    best, sims = pipeline.decision.signal_cosines(question, found, rank_sims)
    signal = _Shifted(dim=32)
    q = signal.embed_query(question)
    passages = signal.embed_documents([idx.chunk(h.chunk_id).embedding_text() for h in found.hits])
    assert best == pytest.approx(float(np.max(passages @ q)), abs=2e-3)  # stored as float16
    assert best != pytest.approx(found.best_dense, abs=1e-3)  # not the ranking's
    assert [len(s) for s in sims] == [len(s) for s in rank_sims]
    assert not all(np.allclose(a, b, atol=1e-3) for a, b in zip(sims, rank_sims))
    # with one model, the ranking's own cosines are the decision's
    plain_idx = build_index(tmp_path / "plain")
    plain = Pipeline(settings=pipeline.settings, index=plain_idx, embedder=HashEmbedder(), llm=None, count_tokens=len)
    found = plain.retrieve(question)
    assert plain.decision.signal_cosines(question, found, ["as given"]) == (found.best_dense, ["as given"])


def test_the_off_topic_floor_reads_the_ranking_models_cosine(idx):
    """Off-topic and answerable questions' cosines overlap for MiniLM and not for EmbeddingGemma, which ranks."""
    from rag.answer.refusal import OFF_TOPIC

    question = "How soon must employers respond to a flexible working request?"
    base = Settings(condense_with_llm=False, answer_check=False, answerability=False)
    probe = Pipeline(settings=base, index=idx, embedder=_pair(), llm=None, count_tokens=len)
    found = probe.retrieve(question)
    signal_best, _ = probe.decision.signal_cosines(question, found, [])
    assert abs(signal_best - found.best_dense) > 0.005  # the two models disagree on this question
    between = (signal_best + found.best_dense) / 2  # one model's cosine is over it, the other's under
    for floor, refused in ((between, found.best_dense < between), (found.best_dense + 0.001, True),
                           (found.best_dense - 0.001, False)):
        p = Pipeline(settings=base.with_(min_relevance=floor), index=idx, embedder=_pair(), llm=None,
                     count_tokens=len)
        assert (p.decision.refusal(question, p.retrieve(question), []) == OFF_TOPIC) is refused


def test_one_close_sentence_keeps_a_question_under_the_floor_on_topic(idx):
    """A walk's "Who is Prince Obike?" was refused as off-topic: a name alone is far from every whole passage."""
    import numpy as np

    from rag.answer.refusal import OFF_TOPIC

    question = "How soon must employers respond to a flexible working request?"
    base = Settings(condense_with_llm=False, answer_check=False, answerability=False, min_sentence_relevance=0.45)
    p = Pipeline(settings=base.with_(min_relevance=1.01), index=idx, embedder=_pair(), llm=None, count_tokens=len)
    found = p.retrieve(question)
    assert p.decision.refusal(question, found, [np.array([0.2, 0.44])]) == OFF_TOPIC
    assert p.decision.refusal(question, found, [np.array([0.2]), np.array([0.46])]) == ""
    # one sentence holding every term of the question keeps it on topic too ("Who is Helga Pile?", named once)
    every = "Must employers respond to a request within two months?"
    assert p.decision.refusal(every, p.retrieve(every), [np.array([0.2])]) == ""
    assert Settings(embedder="gemma+minilm").sentence_relevance_floor == 0.45
    assert Settings(embedder="minilm").sentence_relevance_floor is None  # not measured: the floor alone decides


def test_the_default_floor_is_the_one_measured_for_the_ranking_model():
    assert Settings(embedder="gemma+minilm").relevance_floor == 0.27 == Settings(embedder="gemma").relevance_floor
    assert Settings(embedder="minilm").relevance_floor == 0.30
    assert Settings(embedder="minilm", min_relevance=0.0).relevance_floor == 0.0  # as set


def test_the_signal_models_cosine_joins_the_ranking_with_its_weight(idx, tmp_path):
    from rag.answer.retrieve import retrieve

    question = "How soon must employers respond to a flexible working request?"
    plain = retrieve(idx, _pair(), question, k=1000, alpha=0.7)
    both = retrieve(idx, _pair(), question, k=1000, alpha=0.7, signal_weight=0.5)
    assert plain.signal_vector is None and np.allclose(both.signal_vector, _pair().signal_query(question))
    assert {h.chunk_id for h in plain.hits} == {h.chunk_id for h in both.hits}  # the same candidates
    cos = {h.chunk_id: float(idx.vectors.reconstruct(idx._by_id[h.chunk_id]) @ both.signal_vector) for h in both.hits}
    lo, hi = min(cos.values()), max(cos.values())
    before = {h.chunk_id: h.score for h in plain.hits}
    for h in both.hits:  # each fused score gains the weight x its min-max normalised signal cosine
        assert h.score == pytest.approx(before[h.chunk_id] + 0.5 * (cos[h.chunk_id] - lo) / (hi - lo), abs=2e-4)
    assert [h.chunk_id for h in both.hits] != [h.chunk_id for h in plain.hits]  # and the order follows
    # one model alone has no second opinion: the ranking is unchanged
    plain_idx = build_index(tmp_path / "plain")
    one = [h.chunk_id for h in retrieve(plain_idx, HashEmbedder(), question, k=10, signal_weight=0.5).hits]
    assert one == [h.chunk_id for h in retrieve(plain_idx, HashEmbedder(), question, k=10).hits]
