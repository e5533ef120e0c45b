"""Per-issue segments (issue 11, growth): a publish writes the issues that changed and hard-links the rest,
and nothing a publish, a removal, a rollback or a prune does ever alters a file another version uses."""

import errno
import hashlib
import os
from pathlib import Path

import numpy as np

from rag.index import store
from rag.index.chunking import ChunkerSettings
from rag.index.embedders import HashEmbedder
from rag.index.ingest import ParsedIssue, execute, plan
from rag.index.lexical import Lexical, segment_terms
from rag.index.reader import load_index
from rag.testing import sample_corpus

CHUNKER = ChunkerSettings(60, 15)


def publish(index_dir, corpus, remove=(), tag=""):
    current = load_index(index_dir) if store.current_version(index_dir) else None
    parsed = [ParsedIssue(i, arts, f"hash-{i.issue_id}-{len(arts)}{tag}", f"src-{i.issue_id}-{len(arts)}{tag}")
              for i, arts in corpus]
    p = plan(parsed, current, lambda t: len(t.split()), CHUNKER, remove=remove)
    with store.build_lock(index_dir):
        return execute(p, index_dir, current, HashEmbedder(), CHUNKER)


def files(index_dir, version):
    """rel path -> (sha256, inode) of every file of a version."""
    folder = index_dir / "versions" / version
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_publish_links_the_issues_it_does_not_change_and_writes_the_one_it_does(tmp_path):
    corpus = sample_corpus()
    v1 = publish(tmp_path, corpus)
    issue, articles = corpus[1]
    v2 = publish(tmp_path, [(issue, articles[:1])])  # the 2024 issue cut to one article
    one, two = files(tmp_path, v1), files(tmp_path, v2)
    kept = [rel for rel in two if rel.startswith("segments/2026-summer/")]
    changed = [rel for rel in two if rel.startswith("segments/2024-summer/")]
    assert len(kept) == 7 and all(two[rel] == one[rel] for rel in kept)  # same bytes, same inode
    assert all(two[rel][1] != one[rel][1] for rel in changed)
    assert store.verify(tmp_path, v1) == [] and store.verify(tmp_path, v2) == []


def test_removing_rolling_back_and_pruning_never_alter_a_file_another_version_uses(tmp_path):
    corpus = sample_corpus()
    seen = {}

    def check():
        for version in store.list_versions(tmp_path):
            now = files(tmp_path, version)
            for rel, (digest, _) in now.items():
                assert seen.setdefault((version, rel), digest) == digest, (version, rel)
            assert store.verify(tmp_path, version) == []

    publish(tmp_path, corpus)
    check()
    publish(tmp_path, [], remove=["2024-summer"])
    check()
    store.rollback(tmp_path)
    check()
    issue, articles = corpus[0]
    for n in range(store.KEEP_VERSIONS + 1):  # enough publishes to prune the first versions
        publish(tmp_path, [(issue, articles[: 1 + n % 3])], tag=str(n))
        check()
    store.rollback(tmp_path)
    check()
    assert len(store.list_versions(tmp_path)) == store.KEEP_VERSIONS


def test_where_hard_links_are_refused_the_files_are_copied(tmp_path, monkeypatch):
    corpus = sample_corpus()
    v1 = publish(tmp_path, corpus)

    def no_links(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    issue, articles = corpus[1]
    v2 = publish(tmp_path, [(issue, articles[:1])])
    one, two = files(tmp_path, v1), files(tmp_path, v2)
    kept = [rel for rel in two if rel.startswith("segments/2026-summer/")]
    assert all(two[rel][0] == one[rel][0] and two[rel][1] != one[rel][1] for rel in kept)
    assert store.verify(tmp_path, v2) == [] and load_index(tmp_path).version == v2


def test_a_damaged_shared_file_is_refused_in_every_version_and_a_rebuild_writes_it_anew(tmp_path):
    corpus = sample_corpus()
    v1 = publish(tmp_path, corpus)
    issue, articles = corpus[1]
    v2 = publish(tmp_path, [(issue, articles[:1])])
    shared = tmp_path / "versions" / v2 / "segments" / "2026-summer" / "chunks.jsonl"
    with open(shared, "r+b") as f:  # bit rot on disk: one inode, two versions
        f.write(b"X")
    assert store.verify(tmp_path, v1) and store.verify(tmp_path, v2)
    parsed = [ParsedIssue(i, a, f"hash-{i.issue_id}", f"src-{i.issue_id}") for i, a in corpus]
    p = plan(parsed, None, lambda t: len(t.split()), CHUNKER)  # `rag ingest corpus/ --rebuild`
    with store.build_lock(tmp_path):
        v3 = execute(p, tmp_path, None, HashEmbedder(), CHUNKER)
    assert store.verify(tmp_path, v3) == [] and load_index(tmp_path).version == v3


def test_bm25_from_per_issue_term_counts_scores_exactly_as_bm25s_on_the_whole_corpus():
    import bm25s
    import Stemmer

    texts = [p.text + " " + a.headline for _, arts in sample_corpus() for a in arts for p in a.paragraphs] * 3
    whole = bm25s.BM25()
    whole.index(bm25s.tokenize(texts, stopwords="en", stemmer=Stemmer.Stemmer("english").stemWords,
                               show_progress=False), show_progress=False)
    cut = [texts[:5], texts[5:11], texts[11:]]
    lexical = Lexical.from_segments([(*segment_terms(part), len(part)) for part in cut])
    for query in ("pay rise for senior managers", "flexible working rights", "election manifesto reform", "pay pay"):
        tokens = [t for t in Stemmer.Stemmer("english").stemWords(
            bm25s.tokenize([query], stopwords="en", return_ids=False, show_progress=False)[0]) if t in whole.vocab_dict]
        expected = whole.get_scores(tokens)
        assert np.array_equal(lexical.scores(query, len(texts)), expected.astype(np.float32)), query


def test_adding_an_issue_writes_its_own_segment_and_little_else(tmp_path):
    corpus = sample_corpus()
    v1 = publish(tmp_path, corpus[:1])
    v2 = publish(tmp_path, corpus)
    old_inodes = {ino for _, ino in files(tmp_path, v1).values()}
    folder = tmp_path / "versions" / v2
    written = sum((folder / rel).stat().st_size for rel, (_, ino) in files(tmp_path, v2).items() if ino not in old_inodes)
    own = sum(p.stat().st_size for p in (folder / "segments" / "2024-summer").iterdir())
    manifest = (folder / "manifest.json").stat().st_size + (folder / "manifest.json.sha256").stat().st_size
    assert written == own + manifest
    assert Path(folder / "segments" / "2026-summer" / "chunks.jsonl").stat().st_nlink == 2
