"""Questions each passage answers, written at ingest and matched question-to-question (rag/index/questions.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rag.answer.retrieve import retrieve
from rag.errors import IndexUnavailable
from rag.index import ingest, segments
from rag.index.chunking import ChunkerSettings
from rag.index.embedders import HashEmbedder
from rag.index.questions import ChunkQuestions, known_questions, known_vectors, parse_questions, text_key
from rag.index.reader import load_index
from rag.testing import CountingEmbedder
from tests.app_server import ARTICLES, ISSUE_A, ISSUE_B

CHUNKER = ChunkerSettings(max_tokens=60, overlap_tokens=10)
ASKED = "Is there a wage review body whose advice binds the government?"  # no word of the passage it is about


def _count(text: str) -> int:
    return len(text.split())


def _writer(calls: list):
    """Deterministic stand-in for the local model: a question for the AI passage in other words, none else."""

    def write(text: str) -> list[str]:
        calls.append(text)
        return [ASKED] if "AI tools" in text else ["What did the article say?"]

    return write


def _publish(index_dir, questions, issues=(ISSUE_A, ISSUE_B), current=None):
    parsed = [ingest.ParsedIssue(i, [a for a in ARTICLES if a.issue_id == i.issue_id], f"h-{i.issue_id}",
                                 f"s-{i.issue_id}") for i in issues]
    p = ingest.plan(parsed, current, _count, CHUNKER)
    return ingest.execute(p, index_dir, current, HashEmbedder(), CHUNKER, questions)


def test_a_models_reply_becomes_at_most_three_questions():
    reply = "1. How many jobs go?\n2) Who decides on this?\n- Not a question.\n* When does it start?\n4. And a fourth?"
    assert parse_questions(reply) == ["How many jobs go?", "Who decides on this?", "When does it start?"]
    assert parse_questions("") == [] and parse_questions("Why?\nWhy?") == []  # too short


def test_questions_are_written_once_per_passage_text_and_cached(tmp_path):
    calls, cache = [], tmp_path / "questions.jsonl"
    chunks = [c for c in _chunks()]
    first = ChunkQuestions(_writer(calls), HashEmbedder(), cache_path=cache)
    asked = first.questions(chunks)
    assert len(calls) == len(chunks) == len(asked) and first.written == len(chunks)
    again = ChunkQuestions(_writer(calls), HashEmbedder(), cache_path=cache)  # a later ingest: nothing asked
    assert again.questions(chunks) == asked and len(calls) == len(chunks)
    offline = ChunkQuestions(None, HashEmbedder(), cache_path=tmp_path / "none.jsonl")
    assert offline.questions(chunks) == [[] for _ in chunks]  # no model, no cache: none, and no failure
    vectors = first.vectors(asked)
    assert vectors.shape == (sum(map(len, asked)), HashEmbedder().dim)


def test_a_cache_line_cut_short_mid_character_is_skipped_and_not_glued_to(tmp_path):
    """A tester's find: an ingest killed while appending a question with a curly quote left a line cut inside the
    character; every later `rag ingest` (and `make serve`) stopped on a UnicodeDecodeError traceback."""
    calls, cache = [], tmp_path / "questions.jsonl"
    cache.write_bytes(b'{"key": "k0", "questions": ["Who is in charge?"]}\n{"key": "k1", "questions": ["What\xe2\x80')
    chunks = _chunks()[:2]
    first = ChunkQuestions(_writer(calls), HashEmbedder(), cache_path=cache)
    assert first.cache["k0"] == ["Who is in charge?"] and "k1" not in first.cache
    asked = first.questions(chunks)
    again = ChunkQuestions(_writer(calls), HashEmbedder(), cache_path=cache)  # the new lines are read back
    assert again.questions(chunks) == asked and len(calls) == len(chunks)


def test_a_failing_model_costs_a_passage_its_questions_not_the_ingest(tmp_path):
    asked = []

    def broken(text):
        asked.append(text)
        raise ConnectionError("model server died")

    q = ChunkQuestions(broken, HashEmbedder(), cache_path=tmp_path / "q.jsonl")
    assert q.questions(_chunks()[:2]) == [[], []] and q.failed == 2
    assert not (tmp_path / "q.jsonl").exists()  # not cached: the next ingest asks again
    chunks = _many(8)
    assert q.questions(chunks) == [[] for _ in chunks] and q.failed == 2 + len(chunks)
    assert len(asked) == ChunkQuestions.max_failures  # a model that will not start is not tried for every passage


def test_one_failure_between_answers_does_not_stop_the_model(tmp_path):
    replies = iter([ConnectionError("timeout"), ["Who chairs it?"], ConnectionError("timeout"), ["How many go?"]])

    def flaky(text):
        r = next(replies, ["What changed then?"])
        if isinstance(r, Exception):
            raise r
        return r

    q = ChunkQuestions(flaky, HashEmbedder())
    asked = q.questions(_many(5))
    assert asked[1] == ["Who chairs it?"] and asked[3] == ["How many go?"] and q.failed == 2 and q.written == 3


def _many(n: int):
    from dataclasses import replace

    first = _chunks()[0]
    return [replace(first, chunk_id=f"c{i}", position=i, text=f"Passage {i}: {first.text}") for i in range(n)]


def _chunks():
    from rag.index.chunking import chunk_issue

    return chunk_issue(ISSUE_A, [a for a in ARTICLES if a.issue_id == ISSUE_A.issue_id], _count, CHUNKER)


def test_a_question_in_other_words_finds_the_passage_whose_question_it_matches(tmp_path):
    calls = []
    _publish(tmp_path / "index", ChunkQuestions(_writer(calls), HashEmbedder()))
    idx = load_index(tmp_path / "index")
    assert idx.questions is not None and idx.questions.ntotal == len(idx.chunks) == len(idx.question_owner)
    plain = retrieve(idx, HashEmbedder(), ASKED, k=10, alpha=0.7)
    asked = retrieve(idx, HashEmbedder(), ASKED, k=10, alpha=0.7, question_weight=0.5)

    def rank(found):
        return next(h.rank for h in found.hits if "AI tools" in h.text)

    assert rank(plain) > 1 and rank(asked) < rank(plain)
    # a version published without questions ranks as before
    _publish(tmp_path / "bare", None)
    bare = load_index(tmp_path / "bare")
    assert bare.questions is None
    assert [h.chunk_id for h in retrieve(bare, HashEmbedder(), ASKED, k=10, alpha=0.7, question_weight=0.5).hits] == [
        h.chunk_id for h in plain.hits]


def test_kept_issues_keep_their_questions_and_a_rebuild_reuses_them(tmp_path):
    calls = []
    index_dir = tmp_path / "index"
    _publish(index_dir, ChunkQuestions(_writer(calls), HashEmbedder()), issues=(ISSUE_A,))
    asked_before = len(calls)
    current = load_index(index_dir)
    _publish(index_dir, ChunkQuestions(_writer(calls), HashEmbedder(), known=known_questions(index_dir)),
             issues=(ISSUE_B,), current=current)  # issue A is kept: its segment is linked, questions included
    idx = load_index(index_dir)
    assert idx.questions.ntotal == len(idx.chunks)
    assert len(calls) == asked_before + sum(c.issue_id == ISSUE_B.issue_id for c in idx.chunks)
    rebuilt = ChunkQuestions(_writer(calls), HashEmbedder(), known=known_questions(index_dir))
    assert rebuilt.questions(idx.chunks) and len(calls) == len(idx.chunks)  # each passage asked once, ever
    assert text_key(idx.chunks[0].text) in known_questions(index_dir)


def test_questions_that_do_not_match_their_chunks_are_refused(tmp_path):
    index_dir = tmp_path / "index"
    version = _publish(index_dir, ChunkQuestions(_writer([]), HashEmbedder()), issues=(ISSUE_A,))
    seg = next((index_dir / "versions" / version / "segments").iterdir())
    manifest_path = index_dir / "versions" / version / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    rows = (seg / segments.QUESTIONS).read_text().splitlines()
    data = ("\n".join(rows[:-1]) + "\n").encode()  # one chunk's questions lost, checksum made to agree
    (seg / segments.QUESTIONS).unlink()
    digest = segments.write_file(seg / segments.QUESTIONS, data)
    manifest["files"][f"segments/{seg.name}/{segments.QUESTIONS}"] = digest
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexUnavailable, match="rag ingest corpus/ --rebuild|rag rollback"):
        load_index(index_dir, verify=False)


def test_question_vectors_are_stored_as_queries_are_embedded(tmp_path):
    q = ChunkQuestions(None, HashEmbedder())
    v = q.vectors([["How many jobs go?"], []])
    assert np.allclose(v[0], HashEmbedder().embed_query("How many jobs go?"))


def test_a_changed_issue_or_a_rebuild_embeds_only_questions_not_embedded_before(tmp_path):
    index_dir = tmp_path / "index"
    first = CountingEmbedder()
    _publish(index_dir, ChunkQuestions(_writer([]), first), issues=(ISSUE_A,))
    assert first.queries and len(set(first.queries)) == len(first.queries)  # the same question once, ever
    again = CountingEmbedder()
    q = ChunkQuestions(None, again, known=known_questions(index_dir),
                       known_vectors=known_vectors(index_dir, again.name))
    idx = load_index(index_dir)
    stored = idx.questions.reconstruct_n(0, idx.questions.ntotal)
    assert np.allclose(q.vectors(q.questions(idx.chunks)), stored, atol=1e-3) and again.queries == []
    other = ChunkQuestions(None, again, known=known_questions(index_dir), known_vectors=known_vectors(index_dir,
                                                                                                     "another-model"))
    other.vectors(other.questions(idx.chunks))  # vectors of another embedder are never reused
    assert len(again.queries) == len(set(first.queries))


def test_the_index_gives_each_passage_its_written_questions_with_their_vectors(tmp_path):
    _publish(tmp_path / "index", ChunkQuestions(_writer([]), HashEmbedder()))
    idx = load_index(tmp_path / "index")
    ai = next(c for c in idx.chunks if "AI tools" in c.text)
    ((text, vector),) = idx.questions_of(ai.chunk_id)
    assert text == ASKED and np.allclose(vector, HashEmbedder().embed_query(ASKED), atol=1e-3)
    other = next(c for c in idx.chunks if "AI tools" not in c.text)
    assert [t for t, _ in idx.questions_of(other.chunk_id)] == ["What did the article say?"]
    _publish(tmp_path / "bare", None)  # a version without questions: none, and no failure
    bare = load_index(tmp_path / "bare")
    assert bare.questions_of(bare.chunks[0].chunk_id) == []
