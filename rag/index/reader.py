"""Load the published index once, verified, into memory (read-only): format 2 from its per-issue segments
(FAISS and BM25 are rebuilt from them, which is quicker than reading whole-index files), format 1 as written."""

from __future__ import annotations

import functools
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag.contact_details import holds_details
from rag.errors import IndexUnavailable
from rag.index import segments, store
from rag.index.embedders import built_with_another
from rag.index.lexical import Lexical
from rag.index.manifest import content_problems
from rag.sentences import rules_version
from rag.types import Chunk, Issue

log = logging.getLogger(__name__)


@dataclass
class LoadedIndex:
    version: str
    manifest: dict
    chunks: list[Chunk]
    vectors: object  # faiss.IndexFlatIP, rows aligned with chunks
    lexical: Lexical
    records: list[segments.IssueRecord]
    sentence_vectors: np.ndarray | None = None  # rows: each chunk's sentences in turn (optional; float16 in format 2)
    sentence_counts: np.ndarray | None = None  # sentences per chunk
    folder: Path | None = None  # the version's folder, so an ingest can link the issues it keeps
    questions: object | None = None  # faiss.IndexFlatIP of the questions chunks answer (rag.index.questions)
    question_owner: np.ndarray | None = None  # each question's chunk (row in chunks)
    question_texts: tuple[str, ...] = ()  # each question's words, rows aligned with questions
    _by_id: dict[str, int] = field(default_factory=dict, repr=False)
    _sentence_start: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        if self.sentence_counts is not None:
            self._sentence_start = np.concatenate([[0], np.cumsum(self.sentence_counts)]).astype(np.int64)

    @functools.cached_property
    def detail_rows(self) -> tuple[int, ...]:
        """Rows of the passages giving a phone number, email address or postcode, found once: a contact question's
        search reads only these (rag.answer.detail_holders), not every passage each time."""
        return tuple(i for i, c in enumerate(self.chunks) if holds_details(c.text))

    @property
    def issues(self) -> list[Issue]:
        """Indexed issues, newest first."""
        return sorted((r.issue for r in self.records), key=lambda i: i.date, reverse=True)

    def issue(self, issue_id: str) -> Issue:
        for record in self.records:
            if record.issue.issue_id == issue_id:
                return record.issue
        raise KeyError(issue_id)

    def chunk(self, chunk_id: str) -> Chunk:
        return self.chunks[self._by_id[chunk_id]]

    def questions_of(self, chunk_id: str) -> list[tuple[str, np.ndarray]]:
        """The questions a chunk answers (written at ingest) with their vectors; [] when the index has none."""
        if self.questions is None or self.question_owner is None or len(self.question_texts) != self.questions.ntotal:
            return []
        rows = np.flatnonzero(self.question_owner == self._by_id[chunk_id])
        return [(self.question_texts[k], self.questions.reconstruct(int(k))) for k in rows]

    def article(self, issue_id: str, article_id: str) -> tuple[Issue, list[Chunk]]:
        """An article's chunks in reading order; KeyError when unknown."""
        chunks = [c for c in self.chunks if c.issue_id == issue_id and c.article_id == article_id]
        if not chunks:
            raise KeyError(f"{issue_id}/{article_id}")
        return self.issue(issue_id), sorted(chunks, key=lambda c: c.position)

    def vector(self, chunk_id: str) -> np.ndarray:
        """The stored (unit-norm) vector of one chunk; KeyError when unknown."""
        return np.asarray(self.vectors.reconstruct(self._by_id[chunk_id]))

    def sentence_vectors_of(self, chunk_id: str) -> np.ndarray | None:
        """Stored vectors of a chunk's sentences (see rag.sentences.passage_sentences); None when this
        version has none or the chunk is unknown."""
        i = self._by_id.get(chunk_id)
        if self.sentence_vectors is None or self._sentence_start is None or i is None:
            return None
        return self.sentence_vectors[self._sentence_start[i] : self._sentence_start[i + 1]].astype(np.float32)


def same_sentence_rules(manifest: dict) -> bool:
    """Whether a version's sentence vectors were split by the rules this code splits by (rag.sentences.rules_version;
    versions made before the manifest recorded them: no)."""
    chunker = manifest.get("chunker")
    return isinstance(chunker, dict) and chunker.get("sentences") == rules_version()


def load_serving(index_dir: Path, *, embedder_name: str | None = None) -> tuple[LoadedIndex, str]:
    """(the version to serve, "" or why it is not CURRENT's): CURRENT's when it loads; when it is damaged or
    unreadable, the other kept version served most recently (HISTORY; else the newest) that loads cleanly, so a
    restart keeps members served by the last good version, as a running app does. Raises CURRENT's own error when
    no kept version loads."""
    try:
        return load_index(index_dir, embedder_name=embedder_name), ""
    except IndexUnavailable as exc:
        try:
            current = store.current_version(index_dir)
        except IndexUnavailable:  # the pointer itself is damaged: every kept version may serve
            current = ""
        if current is None:  # nothing published yet: nothing to fall back on
            raise
        for name in store.fallbacks(index_dir, current):
            try:
                index = load_index(index_dir, embedder_name=embedder_name, version=name)
            except IndexUnavailable:
                continue
            return index, (f"{exc}; serving {name}, the last sound version served, until CURRENT is fixed "
                           "(`rag rollback` makes it CURRENT)")
        raise


def load_index(index_dir: Path, *, embedder_name: str | None = None, verify: bool = True,
               version: str | None = None) -> LoadedIndex:
    """The CURRENT version (or the kept one named), checksums verified; refuses another embedder's vectors and any
    damage it finds."""
    import faiss  # heavy: search needs it

    # One OpenMP thread: two fight the app's own threads on 2 cores. Retrieval median at 32,560 chunks:
    # 44.5 ms with 2 threads, 8.7 ms with 1 (docs/app.md); no difference at 296 chunks.
    faiss.omp_set_num_threads(1)
    manifest = store.read_manifest(index_dir, version)
    name = manifest["version"]
    folder = index_dir / "versions" / name
    if verify:
        problems = store.verify(index_dir, name, deep=False)  # the deep checks are done below, on what is loaded
        if problems:
            raise IndexUnavailable(
                f"index version {name} is damaged ({'; '.join(problems[:3])}): {store.way_out(index_dir, name)}")
    built_with = manifest["embedder"]["name"]
    if embedder_name and built_with != embedder_name:
        raise IndexUnavailable(built_with_another(name, built_with, embedder_name))
    try:
        read = _read_format1 if manifest["format"] == 1 else _read_segments
        chunks, vectors, lexical, records, sentence_vectors, sentence_counts, asked = read(folder, manifest)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RuntimeError) as exc:
        raise IndexUnavailable(f"index version {name} cannot be read ({type(exc).__name__}: {str(exc)[:200]}): "
                               f"{store.way_out(index_dir, name)}") from exc
    if vectors.ntotal != len(chunks) or vectors.d != manifest["embedder"]["dim"]:
        raise IndexUnavailable(f"index version {name} has {vectors.ntotal} vectors of {vectors.d} numbers for "
                               f"{len(chunks)} chunks: run `rag ingest corpus/ --rebuild`")
    if sentence_counts is not None and (len(sentence_counts) != len(chunks)
                                        or int(sentence_counts.sum()) != len(sentence_vectors)):
        raise IndexUnavailable(f"index version {name} has sentence vectors that do not match its chunks: "
                               "run `rag ingest corpus/ --rebuild`")
    if sentence_vectors is not None and not same_sentence_rules(manifest):
        log.warning("index version %s split its sentences by other rules than this code does: its sentence vectors "
                    "are not used (sentences are embedded when asked, and ranking reads passages whole); run `rag "
                    "ingest corpus/` to make them again", name)
        sentence_vectors = sentence_counts = None
    wrong = content_problems(manifest, Counter(c.issue_id for c in chunks),
                             {r.issue.issue_id: r.content_hash for r in records})
    if wrong:
        raise IndexUnavailable(f"index version {name} is damaged (manifest.json {'; '.join(wrong[:3])}): "
                               f"{store.way_out(index_dir, name)}")
    return LoadedIndex(name, manifest, chunks, vectors, lexical, records, sentence_vectors, sentence_counts, folder,
                       *asked)


def _read_format1(folder: Path, manifest: dict) -> tuple:
    import faiss  # heavy: loading vectors needs it

    chunks = [Chunk(**json.loads(line)) for line in (folder / "chunks.jsonl").read_text(encoding="utf-8").splitlines()]
    vectors = faiss.read_index(str(folder / "vectors.faiss"))
    lexical = Lexical.load(folder / "bm25")
    raw = json.loads((folder / "issues.json").read_text(encoding="utf-8"))
    sentence_vectors = sentence_counts = None
    if (folder / store.SENTENCE_VECTORS).is_file():  # versions built before them have none
        sentence_vectors = np.load(folder / store.SENTENCE_VECTORS, allow_pickle=False)
        sentence_counts = np.load(folder / store.SENTENCE_COUNTS, allow_pickle=False)
    records = [segments.IssueRecord.from_json(r) for r in raw]
    return chunks, vectors, lexical, records, sentence_vectors, sentence_counts, (None, None, ())  # no questions


def _read_segments(folder: Path, manifest: dict) -> tuple:
    """Each issue's files in issue-id order, joined: FAISS gets the vectors, BM25 is scored from the term counts."""
    import faiss

    dim = manifest["embedder"]["dim"]
    matrix = np.empty((manifest["chunks"], dim), dtype=np.float32)  # FAISS copies it once, whole
    chunks, records, terms, sentences, counts, asked, owners, texts = [], [], [], [], [], [], [], []
    for issue_id in sorted(manifest["issues"]):
        seg = folder / manifest["issues"][issue_id]["segment"]
        these = segments.read_chunks(seg)
        vecs = segments.read_vectors(seg)
        sv, sc = segments.read_sentences(seg)
        if len(these) != manifest["issues"][issue_id]["chunks"]:
            raise ValueError(f"issue {issue_id} has {len(these)} chunks, but manifest.json says "
                             f"{manifest['issues'][issue_id]['chunks']}")
        if vecs.shape != (len(these), dim) or len(sc) != len(these) or int(sc.sum()) != len(sv) or sv.shape[1:] != (dim,):
            raise ValueError(f"the vectors or sentence vectors of issue {issue_id} do not match its chunks")
        matrix[len(chunks) : len(chunks) + len(these)] = vecs
        questions, question_vectors = segments.read_questions(seg)
        if questions is not None:
            per_chunk = [len(q) for q in questions]
            if len(per_chunk) != len(these) or sum(per_chunk) != len(question_vectors) or (
                    len(question_vectors) and question_vectors.shape[1:] != (dim,)):
                raise ValueError(f"the questions of issue {issue_id} do not match its chunks")
            asked.append(np.asarray(question_vectors, dtype=np.float32))
            owners.append(np.repeat(np.arange(len(chunks), len(chunks) + len(these)), per_chunk))
            texts += [str(q) for qs in questions for q in qs]
        chunks += these
        records.append(segments.read_record(seg))
        terms.append((*segments.read_terms(seg), len(these)))
        sentences.append(sv)
        counts.append(sc)
    index = faiss.IndexFlatIP(dim)
    index.add(matrix)
    del matrix
    all_sentences = np.empty((sum(len(s) for s in sentences), dim), dtype=segments.VECTOR_DTYPE)
    start = 0
    for i in range(len(sentences)):  # one issue at a time, each file unmapped once copied: never two copies
        sv, sentences[i] = sentences[i], None
        all_sentences[start : start + len(sv)] = sv
        start += len(sv)
        del sv
    all_counts = np.concatenate(counts).astype(np.int32) if counts else np.zeros(0, np.int32)
    question_index = owner = None
    if asked:  # a version built before questions (or without a model) has none: retrieval ranks as before
        question_index = faiss.IndexFlatIP(dim)
        question_index.add(np.ascontiguousarray(np.vstack(asked)))
        owner = np.concatenate(owners).astype(np.int64)
    return (chunks, index, Lexical.from_segments(terms), records, all_sentences, all_counts,
            (question_index, owner, tuple(texts)))
