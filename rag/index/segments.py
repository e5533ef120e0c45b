"""One issue's part of an index version: its chunks, vectors, sentence vectors, BM25 term counts and record,
each in its own checksummed file under segments/<issue>/. A publish writes the segments of the issues that
changed and hard-links the others from the version before, so it writes little more than what changed."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from rag.types import Chunk, Issue

CHUNKS, VECTORS, SENTENCES, SENTENCE_COUNTS = "chunks.jsonl", "vectors.npy", "sentence_vectors.npy", "sentence_counts.npy"
TERMS, TERM_COUNTS, RECORD = "term_ids.npy", "term_counts.npy", "issue.json"
FILES = (CHUNKS, VECTORS, SENTENCES, SENTENCE_COUNTS, TERMS, TERM_COUNTS, RECORD)
# Optional (rag.index.questions): the questions each chunk answers, one JSON list per chunk, and their vectors.
QUESTIONS, QUESTION_VECTORS = "questions.jsonl", "question_vectors.npy"
VECTOR_DTYPE = np.float16  # half the bytes; unit vectors lose nothing a ranking can see (docs/benchmarks.md)
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(frozen=True)
class IssueRecord:
    """An indexed issue: its metadata, content hash and parsed articles (for the article view)."""

    issue: Issue
    content_hash: str
    articles: tuple[dict, ...]  # {article_id, headline, page, section, paragraphs: [{text, page}]}
    source_sha256: str = ""  # the source file alone, so a copy under another name is refused ("" in old versions)
    parse_key: str = ""  # content, chunker and parser code it was made from ("" in old versions: always re-parsed)

    def to_json(self) -> dict:
        return {"issue": asdict(self.issue), "content_hash": self.content_hash, "articles": list(self.articles),
                "source_sha256": self.source_sha256, "parse_key": self.parse_key}

    @classmethod
    def from_json(cls, r: dict) -> "IssueRecord":
        return cls(Issue(**r["issue"]), r["content_hash"], tuple(r["articles"]), r.get("source_sha256", ""),
                   r.get("parse_key", ""))

    def info(self, chunks: int) -> dict:
        """Its entry in the manifest's issues table."""
        i = self.issue
        return {"content_hash": self.content_hash, "title": i.title, "date": i.date, "source_file": i.source_file,
                "chunks": chunks, "source_sha256": self.source_sha256, "parse_key": self.parse_key}


@dataclass(frozen=True)
class NewSegment:
    """An issue whose files are written anew."""

    record: IssueRecord
    chunks: list[Chunk]
    vectors: np.ndarray  # (chunks, dim), unit norm
    sentence_vectors: np.ndarray  # (sentences, dim): each chunk's sentences in turn
    sentence_counts: np.ndarray  # sentences per chunk
    terms: tuple[np.ndarray, np.ndarray]  # lexical.segment_terms of the chunks' embedding texts
    questions: list[list[str]] | None = None  # per chunk (rag.index.questions); None: this segment has none
    question_vectors: np.ndarray | None = None  # (all questions in turn, dim)


@dataclass(frozen=True)
class KeptSegment:
    """An issue whose chunks did not change: its files are hard-linked from the version that holds them.

    record: a new record (e.g. a new parse key) is written as issue.json, and everything else linked.
    """

    issue_id: str
    folder: Path
    files: dict[str, str]  # file name -> sha256, as the source version's manifest lists them
    info: dict  # its entry in the source version's issues table
    record: IssueRecord | None = None


def issue_id_of(seg: NewSegment | KeptSegment) -> str:
    return seg.record.issue.issue_id if isinstance(seg, NewSegment) else seg.issue_id


def segment_name(issue_id: str) -> str:
    """The issue's folder name under segments/: its id where that is a plain file name."""
    if _SAFE_NAME.fullmatch(issue_id) and issue_id not in (".", ".."):
        return issue_id
    return "issue-" + hashlib.sha256(issue_id.encode()).hexdigest()[:24]


def write(folder: Path, seg: NewSegment | KeptSegment) -> tuple[dict[str, str], dict]:
    """Fill folder (new, empty) with one segment; its files' sha256 and its manifest entry (without "segment")."""
    if isinstance(seg, KeptSegment):
        sums = {}
        for name, digest in seg.files.items():
            if name == RECORD and seg.record is not None:
                continue
            link_or_copy(seg.folder / name, folder / name)
            sums[name] = digest
        info = dict(seg.info)
        info.pop("segment", None)
        if seg.record is not None:
            sums[RECORD] = write_file(folder / RECORD, json.dumps(seg.record.to_json(), ensure_ascii=False).encode())
            info = seg.record.info(info["chunks"])
        return sums, info
    n = len(seg.chunks)
    if len(seg.vectors) != n or len(seg.sentence_counts) != n or int(np.sum(seg.sentence_counts)) != len(seg.sentence_vectors):
        raise ValueError(f"segment {seg.record.issue.issue_id}: vectors do not line up with its chunks")
    ids, rows = seg.terms
    sums = {
        CHUNKS: write_file(folder / CHUNKS, "".join(json.dumps(asdict(c), ensure_ascii=False) + "\n"
                                                for c in seg.chunks).encode()),
        VECTORS: write_file(folder / VECTORS, _npy(seg.vectors.astype(VECTOR_DTYPE))),
        SENTENCES: write_file(folder / SENTENCES, _npy(seg.sentence_vectors.astype(VECTOR_DTYPE))),
        SENTENCE_COUNTS: write_file(folder / SENTENCE_COUNTS, _npy(np.asarray(seg.sentence_counts, dtype=np.int32))),
        TERMS: write_file(folder / TERMS, _npy(np.asarray(ids, dtype=np.uint64))),
        TERM_COUNTS: write_file(folder / TERM_COUNTS, _npy(np.asarray(rows, dtype=np.int32).reshape(-1, 3))),
        RECORD: write_file(folder / RECORD, json.dumps(seg.record.to_json(), ensure_ascii=False).encode()),
    }
    if seg.questions is not None:
        qv = seg.question_vectors if seg.question_vectors is not None else np.zeros((0, seg.vectors.shape[1]))
        if len(seg.questions) != n or sum(len(q) for q in seg.questions) != len(qv):
            raise ValueError(f"segment {seg.record.issue.issue_id}: questions do not line up with its chunks")
        sums[QUESTIONS] = write_file(folder / QUESTIONS, "".join(json.dumps(q, ensure_ascii=False) + "\n"
                                                                 for q in seg.questions).encode())
        sums[QUESTION_VECTORS] = write_file(folder / QUESTION_VECTORS, _npy(np.asarray(qv).astype(VECTOR_DTYPE)))
    return sums, seg.record.info(n)


def link_or_copy(src: Path, dst: Path) -> None:
    """A hard link to a published file (never written in place again), or a copy where links are refused."""
    try:
        os.link(src, dst)
    except OSError:  # another filesystem, or one without hard links
        shutil.copyfile(src, dst)
        with open(dst, "rb") as f:
            os.fsync(f.fileno())


def _npy(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def write_file(path: Path, data: bytes) -> str:
    """Write a new file durably; its sha256."""
    with open(path, "xb") as f:  # x: never into an existing (possibly shared) file
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return hashlib.sha256(data).hexdigest()


# --- reading ---------------------------------------------------------------------------------------------

def read_chunks(folder: Path) -> list[Chunk]:
    return [Chunk(**json.loads(line)) for line in (folder / CHUNKS).read_text(encoding="utf-8").splitlines()]


def read_record(folder: Path) -> IssueRecord:
    return IssueRecord.from_json(json.loads((folder / RECORD).read_text(encoding="utf-8")))


def read_vectors(folder: Path) -> np.ndarray:
    return np.load(folder / VECTORS, allow_pickle=False)


def read_sentences(folder: Path) -> tuple[np.ndarray, np.ndarray]:
    return (np.load(folder / SENTENCES, allow_pickle=False, mmap_mode="r"),
            np.load(folder / SENTENCE_COUNTS, allow_pickle=False))


def read_terms(folder: Path) -> tuple[np.ndarray, np.ndarray]:
    return np.load(folder / TERMS, allow_pickle=False), np.load(folder / TERM_COUNTS, allow_pickle=False)


def read_questions(folder: Path) -> tuple[list[list[str]] | None, np.ndarray | None]:
    """(questions per chunk, their vectors), or (None, None) for a segment written without them."""
    if not (folder / QUESTIONS).is_file():
        return None, None
    questions = [json.loads(line) for line in (folder / QUESTIONS).read_text(encoding="utf-8").splitlines()]
    return questions, np.load(folder / QUESTION_VECTORS, allow_pickle=False)
