"""The index store: atomic versions, incremental builds, verification, rollback, failure safety."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.errors import IndexUnavailable, InputError, RagError
from rag.index import store
from rag.index.chunking import ChunkerSettings
from rag.index.embedders import HashEmbedder
from rag.index.ingest import ParsedIssue, execute, plan
from rag.index.reader import load_index
from rag.sentences import passage_sentences
from rag.testing import build_index, sample_corpus

ROOT = Path(__file__).resolve().parent.parent
CHUNKER = ChunkerSettings(60, 15)


def words(text):
    return len(text.split())


def parsed(corpus):
    return [ParsedIssue(i, arts, f"hash-{i.issue_id}", f"src-{i.issue_id}") for i, arts in corpus]


def publish(index_dir, corpus, embedder, current=None, remove=()):
    p = plan(parsed(corpus), current, words, CHUNKER, remove=remove)
    with store.build_lock(index_dir):
        return p, execute(p, index_dir, current, embedder, CHUNKER)


def test_build_then_load_round_trips_chunks_and_metadata(tmp_path):
    idx = build_index(tmp_path)
    assert store.current_version(tmp_path) == idx.version
    assert {i.issue_id for i in idx.issues} == {"2026-summer", "2024-summer"}
    assert idx.issues[0].issue_id == "2026-summer"  # newest first
    assert idx.vectors.ntotal == len(idx.chunks) > 0
    issue, chunks = idx.article("2026-summer", chunks_of(idx)[0].article_id)
    assert issue.number == 68 and chunks
    assert store.verify(tmp_path) == []
    manifest = store.read_manifest(tmp_path)
    assert manifest["embedder"] == {"name": "hash-embedder-v1", "dim": 256}
    assert set(manifest["issues"]) == {"2026-summer", "2024-summer"}
    assert all(len(d) == 64 for d in manifest["files"].values())
    assert not list(tmp_path.rglob("*.pkl")) and not list(tmp_path.rglob("*.pickle"))


def chunks_of(idx):
    return [c for c in idx.chunks if c.issue_id == "2026-summer"]


def test_reingesting_unchanged_corpus_embeds_nothing_and_publishes_nothing(tmp_path):
    corpus = sample_corpus()
    embedder = HashEmbedder()
    publish(tmp_path, corpus, embedder)
    first = embedder.calls
    current = load_index(tmp_path)
    p = plan(parsed(corpus), current, words, CHUNKER)
    assert p.counts() == {"added": 0, "changed": 0, "removed": 0, "embedded": 0}
    assert sorted(p.issues_unchanged) == ["2024-summer", "2026-summer"]
    assert first == len(current.chunks) + int(current.sentence_counts.sum())  # chunks, then their sentences


def test_adding_an_issue_embeds_only_its_chunks(tmp_path):
    corpus = sample_corpus()
    embedder = HashEmbedder()
    publish(tmp_path, corpus[:1], embedder)
    before = embedder.calls
    current = load_index(tmp_path)
    p, version = publish(tmp_path, corpus[1:], embedder, current)
    new_chunks = [c for c in load_index(tmp_path).chunks if c.issue_id == "2024-summer"]
    new_sentences = sum(len(passage_sentences(c.text)) for c in new_chunks)
    assert embedder.calls - before == len(new_chunks) + new_sentences and len(new_chunks) == p.added
    assert p.issues_added == ["2024-summer"] and p.removed == 0
    assert len(load_index(tmp_path).chunks) == len(current.chunks) + len(new_chunks)


def _segment(index_dir, issue_id, version=None):
    version = version or store.current_version(index_dir)
    return index_dir / "versions" / version / store.read_manifest(index_dir, version)["issues"][issue_id]["segment"]


def test_sentence_vectors_line_up_with_each_chunks_sentences(tmp_path):
    import numpy as np

    embedder = HashEmbedder()
    idx = build_index(tmp_path, embedder=embedder)
    assert len(idx.sentence_counts) == len(idx.chunks)
    for chunk in idx.chunks[:5]:
        sentences = passage_sentences(chunk.text)
        stored = idx.sentence_vectors_of(chunk.chunk_id)
        assert stored.shape == (len(sentences), embedder.dim) and stored.dtype == np.float32
        assert np.allclose(stored, embedder.embed_documents(sentences), atol=1e-3)  # stored as float16
    files = set(store.read_manifest(tmp_path)["files"])
    for issue_id in ("2024-summer", "2026-summer"):
        assert {f"segments/{issue_id}/sentence_vectors.npy", f"segments/{issue_id}/sentence_counts.npy"} <= files


def test_vectors_are_stored_as_float16_and_rank_as_before(tmp_path):
    import numpy as np

    embedder = HashEmbedder()
    idx = build_index(tmp_path, embedder=embedder)
    seg = _segment(tmp_path, "2026-summer")
    assert np.load(seg / "sentence_vectors.npy").dtype == np.float16
    assert np.load(seg / "vectors.npy").dtype == np.float16
    exact = embedder.embed_documents([c.embedding_text() for c in idx.chunks])
    stored = idx.vectors.reconstruct_n(0, len(idx.chunks))
    assert np.abs(stored - exact).max() < 1e-3
    for chunk in idx.chunks:  # each chunk's own text still finds it first, as with float32
        query = embedder.embed_query(chunk.embedding_text())[None, :]
        assert np.argmax(stored @ query[0]) == np.argmax(exact @ query[0])


def test_a_format1_version_loads_and_the_next_publish_writes_segments(tmp_path):
    from tests.legacy_index import write_format1

    embedder = HashEmbedder()
    built = build_index(tmp_path / "built", embedder=embedder)
    legacy = write_format1(tmp_path / "idx", built)
    old = load_index(tmp_path / "idx")
    assert old.manifest["format"] == 1 and [c.chunk_id for c in old.chunks] == [c.chunk_id for c in built.chunks]
    assert old.lexical.scores("pay rise", len(old.chunks)).tolist() == built.lexical.scores("pay rise", len(built.chunks)).tolist()
    issue, articles = sample_corpus()[1]
    before = embedder.calls
    publish(tmp_path / "idx", [(issue, articles[:1])], embedder, old)  # the 2024 issue cut to one article
    new = load_index(tmp_path / "idx")
    assert new.manifest["format"] == 2 and embedder.calls == before  # nothing embedded again
    assert [c.chunk_id for c in new.chunks if c.issue_id == "2026-summer"] == \
        [c.chunk_id for c in old.chunks if c.issue_id == "2026-summer"]
    assert store.verify(tmp_path / "idx") == []
    assert store.rollback(tmp_path / "idx") == legacy and load_index(tmp_path / "idx").version == legacy


def test_a_format1_version_without_sentence_vectors_still_loads(tmp_path):
    from tests.legacy_index import write_format1

    write_format1(tmp_path / "idx", build_index(tmp_path / "built"), sentence_vectors=False)
    idx = load_index(tmp_path / "idx")
    assert idx.sentence_vectors is None and idx.sentence_vectors_of(idx.chunks[0].chunk_id) is None


def test_sentence_vectors_that_do_not_match_the_chunks_are_refused(tmp_path):
    import numpy as np

    build_index(tmp_path)
    counts_file = _segment(tmp_path, "2026-summer") / "sentence_counts.npy"
    counts = np.load(counts_file)
    counts_file.unlink()  # a new file: editing it in place would edit every version that shares it
    np.save(counts_file, counts + 1)
    with pytest.raises(IndexUnavailable, match="does not match its checksum"):
        load_index(tmp_path)
    with pytest.raises(IndexUnavailable, match="2026-summer do not match its chunks"):
        load_index(tmp_path, verify=False)


def test_changed_issue_replaces_its_chunks(tmp_path):
    corpus = sample_corpus()
    embedder = HashEmbedder()
    publish(tmp_path, corpus, embedder)
    current = load_index(tmp_path)
    issue, articles = corpus[1]
    edited = [articles[0]]  # the 2024 issue now has one article
    p = plan([ParsedIssue(issue, edited, "hash-changed", "src")], current, words, CHUNKER)
    assert p.issues_changed == ["2024-summer"]
    assert p.removed > 0 and p.counts()["embedded"] == 0  # the kept article's chunks are reused


def test_remove_issue_and_unknown_issue(tmp_path):
    embedder = HashEmbedder()
    publish(tmp_path, sample_corpus(), embedder)
    current = load_index(tmp_path)
    with pytest.raises(InputError, match="no indexed issue 'nope'"):
        plan([], current, words, CHUNKER, remove=["nope"])
    p, _ = publish(tmp_path, [], embedder, current, remove=["2024-summer"])
    assert {c.issue_id for c in load_index(tmp_path).chunks} == {"2026-summer"}
    assert p.removed == sum(c.issue_id == "2024-summer" for c in current.chunks)


def test_corrupt_file_is_refused_and_rollback_serves_previous(tmp_path):
    embedder = HashEmbedder()
    publish(tmp_path, sample_corpus()[:1], embedder)
    first = store.current_version(tmp_path)
    publish(tmp_path, sample_corpus()[1:], embedder, load_index(tmp_path))
    chunks_file = _segment(tmp_path, "2024-summer") / "chunks.jsonl"  # the issue the second version added
    chunks_file.write_text(chunks_file.read_text().replace("pay", "pya", 1))
    with pytest.raises(IndexUnavailable, match="does not match its checksum.*rag rollback"):
        load_index(tmp_path)
    assert any("2024-summer/chunks.jsonl" in p for p in store.verify(tmp_path))
    assert store.rollback(tmp_path) == first
    assert load_index(tmp_path).version == first


def test_missing_index_says_what_to_run(tmp_path):
    with pytest.raises(IndexUnavailable, match="rag ingest corpus/"):
        load_index(tmp_path / "nothing")


def test_other_embedder_is_refused(tmp_path):
    build_index(tmp_path)
    with pytest.raises(IndexUnavailable, match="--rebuild"):
        load_index(tmp_path, embedder_name="sentence-transformers/all-MiniLM-L6-v2")


def test_second_writer_is_told_to_wait(tmp_path):
    with store.build_lock(tmp_path):
        with pytest.raises(RagError, match="another build"):
            with store.build_lock(tmp_path):
                pass


def _worker(tmp_path, mode):
    flag = tmp_path / "started"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return flag, subprocess.Popen([sys.executable, str(ROOT / "tests" / "build_worker.py"), str(tmp_path / "idx"), mode,
                                   str(flag)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_killed_build_leaves_previous_index_serving(tmp_path):
    before = build_index(tmp_path / "idx")
    flag, proc = _worker(tmp_path, "slow")
    deadline = time.time() + 60
    while not flag.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert flag.exists(), proc.stderr.read() if proc.poll() is not None else "worker never started embedding"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    after = load_index(tmp_path / "idx")
    assert after.version == before.version and len(after.chunks) == len(before.chunks)
    with store.build_lock(tmp_path / "idx"):
        store.clean_stale(tmp_path / "idx")  # a later build tidies any half-written folder
    assert not list((tmp_path / "idx" / "versions").glob(".tmp-*"))


def test_disk_filling_up_mid_build_is_a_clear_error_and_loses_nothing(tmp_path):
    before = build_index(tmp_path / "idx")
    _, proc = _worker(tmp_path, "fsize")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert "free some disk space" in out and "unchanged" in out
    after = load_index(tmp_path / "idx")
    assert after.version == before.version
    assert store.list_versions(tmp_path / "idx") == [before.version]
    assert not list((tmp_path / "idx" / "versions").glob(".tmp-*"))


def test_old_versions_are_pruned_but_current_kept(tmp_path):
    embedder = HashEmbedder()
    corpus = sample_corpus()
    publish(tmp_path, corpus, embedder)
    for n in range(store.KEEP_VERSIONS + 1):
        current = load_index(tmp_path)
        issue, articles = corpus[1]
        publish(tmp_path, [(issue, articles[: 1 + n % 2])], embedder, current)
    assert len(store.list_versions(tmp_path)) == store.KEEP_VERSIONS
    assert store.current_version(tmp_path) == store.list_versions(tmp_path)[-1]
    json.loads((tmp_path / "versions" / store.current_version(tmp_path) / "manifest.json").read_text())


def test_loading_an_index_makes_faiss_search_with_one_thread(tmp_path):
    import faiss

    faiss.omp_set_num_threads(2)
    build_index(tmp_path)
    assert faiss.omp_get_max_threads() == 1
