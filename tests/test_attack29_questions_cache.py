"""The questions cache (.data/questions.jsonl) that could not be written failed the whole ingest after the model had
written every new passage's questions, and told the maintainer to free space on the index's disk ("cannot write
index/versions/.tmp-v0003-...: free some disk space there (df -h index/versions)"), or that index/versions "is a file,
not a folder" (tester 29, with RAG_DATA_DIR on a full disk, and under a file). It is only a cache: the questions are
published, and the warning names the cache and what to do. A fake writer, no model."""

from pathlib import Path

from rag.index import ingest
from rag.index.chunking import ChunkerSettings
from rag.index.embedders import HashEmbedder
from rag.index.questions import ChunkQuestions, read_cache
from rag.index.reader import load_index
from rag.types import Chunk
from tests.app_server import ARTICLES, ISSUE_A

CHUNKER = ChunkerSettings(max_tokens=60, overlap_tokens=10)


def _writer(text: str) -> list[str]:
    return ["What is the pay award this year?"]


def _chunks(n):
    return [Chunk(f"c{i}", "i", "Issue", "2027-03-01", f"a{i}", "Pay", 1, 0, f"Passage {i} on the pay award.")
            for i in range(n)]


def test_a_cache_that_cannot_be_written_costs_only_the_cache(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be")
    q = ChunkQuestions(_writer, HashEmbedder(), cache_path=tmp_path / "data" / "questions.jsonl")
    assert q.questions(_chunks(3)) == [["What is the pay award this year?"]] * 3  # every passage kept its questions
    said = q.summary()
    assert said.startswith(f"the questions cache {tmp_path / 'data' / 'questions.jsonl'} cannot be written (")
    assert "RAG_DATA_DIR" in said and "passages got no questions" not in said


def test_the_ingest_publishes_the_questions_all_the_same(tmp_path):
    (tmp_path / "data").write_text("")
    q = ChunkQuestions(_writer, HashEmbedder(), cache_path=tmp_path / "data" / "questions.jsonl")
    parsed = [ingest.ParsedIssue(ISSUE_A, [a for a in ARTICLES if a.issue_id == ISSUE_A.issue_id], "h", "s")]
    p = ingest.plan(parsed, None, lambda t: len(t.split()), CHUNKER)
    ingest.execute(p, tmp_path / "index", None, HashEmbedder(), CHUNKER, q)
    index = load_index(tmp_path / "index")
    assert len(index.question_texts) == len(index.chunks)
    assert index.question_texts[0] == "What is the pay award this year?"


def test_a_cache_that_cannot_be_read_is_no_cache(tmp_path, monkeypatch):
    cache = tmp_path / "questions.jsonl"
    cache.write_text('{"key": "k", "questions": ["Who?"]}\n')

    def refused(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refused)  # another user's file (tests run as root, who may read it)
    assert read_cache(cache) == {}
