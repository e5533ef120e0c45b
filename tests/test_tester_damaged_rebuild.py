"""`rag ingest corpus/ --rebuild`, the way out every "damaged" message names, works on the damage it names (a tester's
find: it raised that same damage again, from the question cache that reads the served version), and a damaged version
lends nothing to the new one."""

import json

from rag.index import segments
from rag.index.embedders import HashEmbedder
from rag.index.questions import ChunkQuestions, known_questions, known_vectors
from tests.conftest import isolated_corpus, run_cli
from tests.test_questions import ISSUE_A, _publish, _writer

run = run_cli


def _served(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run(capsys, "ingest", str(corpus))[0] == 0
    return corpus, tmp_path / "index", json.loads(run(capsys, "status", "--json")[1])["current"]


def test_a_rebuild_mends_a_damaged_current_pointer(tmp_path, monkeypatch, capsys):
    corpus, index, _ = _served(tmp_path, monkeypatch, capsys)
    (index / "CURRENT").write_text("garbage\n")
    status, _, err = run(capsys, "ingest", str(corpus), "--rebuild")
    assert status == 0, err
    assert run(capsys, "status")[0] == 0


def test_a_rebuild_mends_a_damaged_manifest(tmp_path, monkeypatch, capsys):
    corpus, index, current = _served(tmp_path, monkeypatch, capsys)
    manifest = index / "versions" / current / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:100])
    status, out, err = run(capsys, "ingest", str(corpus), "--rebuild")
    assert status == 0, err
    assert "published index version" in out and run(capsys, "status")[0] == 0


def test_questions_of_a_damaged_version_are_not_carried_into_the_next(tmp_path):
    """A flipped byte in question_vectors.npy (same size, still a valid .npy) was read as a cache and published again
    under a fresh checksum: the damage laundered."""
    index_dir = tmp_path / "index"
    version = _publish(index_dir, ChunkQuestions(_writer([]), HashEmbedder()), issues=(ISSUE_A,))
    assert known_questions(index_dir) and known_vectors(index_dir, HashEmbedder().name)
    seg = next((index_dir / "versions" / version / "segments").iterdir())
    data = bytearray((seg / segments.QUESTION_VECTORS).read_bytes())
    data[-1] ^= 0x40
    (seg / segments.QUESTION_VECTORS).unlink()  # a new file, as a disk error would leave it
    (seg / segments.QUESTION_VECTORS).write_bytes(bytes(data))
    assert known_questions(index_dir) == {} and known_vectors(index_dir, HashEmbedder().name) == {}
