"""An index's sentence vectors follow the sentence rules they were split by (rag.sentences.rules_version, in the
manifest's chunker): split by other rules, ingest makes them again and loading does not pair them with sentences,
even where the number of sentences per passage is the same ("6." with its subheading left out became "6. Shape your
brand", one sentence each way)."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from rag.contact_details import with_contact_note
from rag.index import chunking, ingest, issue_source, reader
from rag.index.embedders import HashEmbedder
from rag.index.reader import load_index
from rag.sentences import passage_sentences, rules_version

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def corpus(tmp_path):
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", tmp_path / "corpus" / "2026-summer-68")
    return tmp_path / "corpus"


def run(tmp_path, corpus, **kw):
    return ingest.run(tmp_path / "index", HashEmbedder(), lambda t: len(t.split()), paths=[corpus], **kw)


def split_before(text):  # stands for other rules that keep each passage's number of sentences
    return [f"{s} as split before" for s in passage_sentences(text)]


def as_other_rules(monkeypatch):
    """The code as it was before a change to the sentence rules: another identity, another split."""
    monkeypatch.setattr(chunking, "rules_version", lambda: "the rules before")
    monkeypatch.setattr(reader, "rules_version", lambda: "the rules before")
    monkeypatch.setattr(ingest, "passage_sentences", split_before)
    monkeypatch.setattr(issue_source, "passage_sentences", split_before)


def stored_as_split_now(index) -> bool:
    embedder = HashEmbedder()
    return all(np.allclose(index.sentence_vectors_of(c.chunk_id),
                           embedder.embed_documents([with_contact_note(s) for s in passage_sentences(c.text)]),
                           atol=2e-3)
               for c in index.chunks if passage_sentences(c.text))


def test_the_manifest_records_the_rules_the_sentences_were_split_by(tmp_path, corpus):
    run(tmp_path, corpus)
    index = load_index(tmp_path / "index")
    assert index.manifest["chunker"]["sentences"] == rules_version()
    assert index.sentence_vectors is not None and stored_as_split_now(index)


def test_sentences_split_by_other_rules_are_made_again_though_their_number_is_the_same(tmp_path, corpus, monkeypatch):
    with monkeypatch.context() as m:
        as_other_rules(m)
        run(tmp_path, corpus)
    before = load_index(tmp_path / "index")
    assert before.sentence_vectors is None  # not paired with sentences split another way
    outcome = run(tmp_path, corpus)
    assert outcome.version and outcome.plan.issues_changed == ["2026-summer-68"]
    assert outcome.plan.to_embed == []  # the passages' own vectors are reused: only the sentences are made again
    now = load_index(tmp_path / "index")
    assert now.manifest["chunker"]["sentences"] == rules_version() and stored_as_split_now(now)


def test_issues_kept_by_a_removal_have_their_sentences_made_again_under_new_rules(tmp_path, monkeypatch):
    for name in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / name, tmp_path / "corpus" / name)
    with monkeypatch.context() as m:
        as_other_rules(m)
        run(tmp_path, tmp_path / "corpus")
    outcome = ingest.run(tmp_path / "index", HashEmbedder(), lambda t: len(t.split()), remove=["2024-summer"])
    assert outcome.version
    now = load_index(tmp_path / "index")
    assert [i.issue_id for i in now.issues] == ["2026-summer-68"] and stored_as_split_now(now)


def test_an_index_made_before_the_rules_were_recorded_is_not_of_these_rules(tmp_path, corpus):
    run(tmp_path, corpus)
    manifest = dict(load_index(tmp_path / "index").manifest)
    chunker = {k: v for k, v in manifest["chunker"].items() if k != "sentences"}
    assert not reader.same_sentence_rules({**manifest, "chunker": chunker})
    assert reader.same_sentence_rules(manifest)
