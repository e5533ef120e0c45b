"""The published version an ingest builds on, seen one issue at a time: it reads only the issues that change
and hands the others on as hard links (format 2), or serves them from a loaded format-1 index; and the new
segment of an issue that changed, its vectors reused from that version where they can be, else embedded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Collection

import numpy as np

from rag.contact_details import with_contact_note
from rag.errors import IndexUnavailable
from rag.index import segments, store
from rag.index.lexical import segment_terms
from rag.index.reader import LoadedIndex, load_index, same_sentence_rules
from rag.index.segments import IssueRecord, KeptSegment, NewSegment
from rag.index.versions import damaged_issues
from rag.sentences import passage_sentences
from rag.types import Chunk, Embedder


class StoredVersion:
    """A published format-2 version, its files checked against their checksums when opened."""

    def __init__(self, folder: Path, manifest: dict, damaged: dict[str, list[str]] | None = None):
        self.folder, self.manifest = folder, manifest
        self.damaged = damaged or {}  # issue id -> what is wrong with its files: read as holding nothing, parsed anew
        self._files: dict[str, dict[str, str]] = {}
        for rel, digest in manifest["files"].items():
            seg, _, name = rel.rpartition("/")
            self._files.setdefault(seg, {})[name] = digest

    def issue_info(self) -> dict[str, dict]:
        return self.manifest["issues"]

    def _segment(self, issue_id: str) -> Path:
        return self.folder / self.manifest["issues"][issue_id]["segment"]

    def chunks_of(self, issue_id: str) -> list[Chunk]:
        if issue_id in self.damaged:
            return []
        chunks = segments.read_chunks(self._segment(issue_id))
        if len(chunks) != self.manifest["issues"][issue_id]["chunks"] or any(c.issue_id != issue_id for c in chunks):
            raise IndexUnavailable(f"index version {self.manifest['version']}: the chunks of issue {issue_id} do not "
                                   "match its manifest: run `rag ingest corpus/ --rebuild`")
        return chunks

    def texts_of(self, issue_id: str) -> set[str]:
        """Its passages' texts, read without making chunks (an added issue is compared with every kept one)."""
        if issue_id in self.damaged:
            return set()
        lines = (self._segment(issue_id) / segments.CHUNKS).read_bytes().splitlines()
        return {json.loads(line)["text"] for line in lines}

    def vectors_of(self, issue_id: str) -> np.ndarray:
        return segments.read_vectors(self._segment(issue_id)).astype(np.float32)

    def same_sentence_rules(self) -> bool:
        return same_sentence_rules(self.manifest)

    def sentences_of(self, issue_id: str) -> tuple[np.ndarray | None, np.ndarray | None]:
        vectors, counts = segments.read_sentences(self._segment(issue_id))
        return np.asarray(vectors), counts

    def record_of(self, issue_id: str) -> IssueRecord:
        return segments.read_record(self._segment(issue_id))

    def kept(self, issue_id: str, record: IssueRecord | None = None) -> KeptSegment | None:
        info = self.manifest["issues"][issue_id]
        if record is not None and record == self.record_of(issue_id):
            record = None  # the same record: link its file too
        return KeptSegment(issue_id, self._segment(issue_id), self._files[info["segment"]], info, record)


class LoadedVersion:
    """A loaded format-1 index seen issue by issue: nothing to link, so its issues are written out anew."""

    def __init__(self, index: LoadedIndex):
        self.index = index
        self._rows: dict[str, list[int]] = {}
        for i, c in enumerate(index.chunks):
            self._rows.setdefault(c.issue_id, []).append(i)

    def issue_info(self) -> dict[str, dict]:
        return self.index.manifest["issues"]

    def chunks_of(self, issue_id: str) -> list[Chunk]:
        return [self.index.chunks[i] for i in self._rows.get(issue_id, [])]

    def texts_of(self, issue_id: str) -> set[str]:
        return {c.text for c in self.chunks_of(issue_id)}

    def vectors_of(self, issue_id: str) -> np.ndarray:
        rows = self._rows.get(issue_id, [])
        return np.stack([self.index.vectors.reconstruct(i) for i in rows]) if rows else \
            np.zeros((0, self.index.vectors.d), dtype=np.float32)

    def same_sentence_rules(self) -> bool:
        return same_sentence_rules(self.index.manifest)

    def sentences_of(self, issue_id: str) -> tuple[np.ndarray | None, np.ndarray | None]:
        chunks = self.chunks_of(issue_id)
        if self.index.sentence_vectors is None:
            return None, None
        parts = [self.index.sentence_vectors_of(c.chunk_id) for c in chunks]
        dim = self.index.sentence_vectors.shape[1]
        return (np.concatenate(parts) if parts else np.zeros((0, dim), np.float32),
                np.asarray([len(p) for p in parts], dtype=np.int32))

    def record_of(self, issue_id: str) -> IssueRecord:
        return next(r for r in self.index.records if r.issue.issue_id == issue_id)

    def kept(self, issue_id: str, record: IssueRecord | None = None) -> KeptSegment | None:
        return None


Source = StoredVersion | LoadedVersion


def as_source(current) -> Source | None:
    """What ingest builds on, from what it was given: nothing, an opened version or a loaded index."""
    if current is None or isinstance(current, (StoredVersion, LoadedVersion)):
        return current
    if current.manifest["format"] >= 2 and current.folder is not None:
        return StoredVersion(current.folder, current.manifest)  # the same files it was loaded from, read again
    return LoadedVersion(current)


def open_current(index_dir: Path, embedder_name: str, repairable: Collection[str] = ()) -> Source:
    """The CURRENT version for an ingest: every file checked against its checksum, issues read when needed.

    repairable: issues parsed from their folders by this ingest (`--repair`); damage confined to their files is no
    refusal: they are written anew (StoredVersion.damaged). Versions share the files of the issues they keep (hard
    links), so a damaged file left no sound version, and only a rebuild, embedding every issue again, mended it."""
    manifest = store.read_manifest(index_dir)
    if manifest["format"] == 1:
        return LoadedVersion(load_index(index_dir, embedder_name=embedder_name))
    name = manifest["version"]
    problems = store.verify(index_dir, name, deep=False)
    damaged = damaged_issues(manifest, problems) if problems else {}
    if damaged is None or not set(damaged) <= set(repairable):
        raise IndexUnavailable(f"index version {name} is damaged ({'; '.join(problems[:3])}): "
                               f"{store.way_out(index_dir, name, repair=damaged is not None)}")
    return StoredVersion(index_dir / "versions" / name, manifest, damaged)


def written_anew(source, folders: dict[str, Path], dry_run: bool) -> list[str]:
    """What an ingest says of each damaged issue it writes anew from its folder."""
    damaged = getattr(source, "damaged", {})
    verb = "would be written" if dry_run else "are written"
    return [f"{iid}: its files in {source.manifest['version']} are damaged ({'; '.join(why[:3])}): they {verb} anew "
            f"from {folders[iid]}, its passages embedded again; kept versions sharing those files stay damaged"
            for iid, why in sorted(damaged.items())]


def new_segment(record: IssueRecord, chunks: list[Chunk], embed: set[str], source, embedder: Embedder,
                questions=None) -> NewSegment:
    """One issue's segment: vectors reused from the current version where its chunk is there, else embedded (its
    sentences' vectors too, unless that version split them by other rules); with questions
    (rag.index.questions.ChunkQuestions), the questions each chunk answers and their vectors."""
    iid, dim = record.issue.issue_id, int(embedder.dim)
    old_chunks = source.chunks_of(iid) if source and iid in source.issue_info() else []
    old_vectors = source.vectors_of(iid) if old_chunks else np.zeros((0, dim), np.float32)
    old = {c.chunk_id: v for c, v in zip(old_chunks, old_vectors)}
    todo = [c for c in chunks if c.chunk_id in embed or c.chunk_id not in old]
    new = dict(zip((c.chunk_id for c in todo), embedder.embed_documents([c.embedding_text() for c in todo]))) \
        if todo else {}
    vectors = np.stack([new[c.chunk_id] if c.chunk_id in new else old[c.chunk_id] for c in chunks]) if chunks \
        else np.zeros((0, dim), dtype=np.float32)
    sentence_vectors, counts = _sentence_vectors(
        chunks, old_chunks, source.sentences_of(iid) if old_chunks and source.same_sentence_rules() else (None, None),
        embedder)
    asked = questions.questions(chunks) if questions is not None else None
    return NewSegment(record, chunks, vectors, sentence_vectors, counts,
                      segment_terms([c.embedding_text() for c in chunks]), asked,
                      questions.vectors(asked) if questions is not None else None)


def _sentence_vectors(chunks: list[Chunk], old_chunks: list[Chunk], old_sentences, embedder: Embedder):
    """Vectors of one issue's chunks' sentences (for evidence selection), reusing the current version's."""
    vectors, counts = old_sentences
    old = {}
    if vectors is not None:
        starts = np.concatenate([[0], np.cumsum(counts)])
        old = {c.chunk_id: vectors[starts[i] : starts[i + 1]] for i, c in enumerate(old_chunks)}
    sentences = [passage_sentences(c.text) for c in chunks]
    kept = [old.get(c.chunk_id) for c in chunks]
    kept = [k if k is not None and len(k) == len(s) else None for k, s in zip(kept, sentences)]
    todo = [with_contact_note(s) for k, sents in zip(kept, sentences) if k is None for s in sents]
    fresh = iter(embedder.embed_documents(todo)) if todo else iter(())
    rows = []
    for k, sents in zip(kept, sentences):
        rows.extend(k if k is not None else [next(fresh) for _ in sents])
    dim = int(embedder.dim)
    matrix = np.stack(rows) if rows else np.zeros((0, dim), dtype=np.float32)
    return matrix, np.asarray([len(s) for s in sentences], dtype=np.int32)
