"""Questions each passage answers, written by a model at ingest ("doc2query"), matched question-to-question.

A member's question in everyday words ("Are ministers obliged to follow whatever the wage review panel
proposes?") shares few words with the article ("Its recommendations are not legally binding"), but often
matches a question the local model wrote for that passage. Each question is embedded as a query and stored
beside its chunk (segments: questions.jsonl, question_vectors.npy); retrieval adds the best match among a
passage's questions to its score (rag.answer.retrieve, Settings.question_weight).

Questions are cached by the sha256 of the passage's text (.data/questions.jsonl, and the questions of the
version being built on), so only new passages pay for the model: about 4 s each on 2 cores.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from rag.errors import InputError
from rag.types import Chunk, Embedder

log = logging.getLogger(__name__)

PROMPT = ("Write three short questions that a member of a health managers' union could ask and that this passage "
          "of the union's magazine answers with a fact (a number, a name, a date, a right, a reason). Ask about the "
          "facts themselves, never about \"the passage\" or \"the article\". Use everyday words. One question per "
          "line, nothing else.\n\nPassage:\n{text}")
MAX_QUESTIONS = 3
SLOW_AFTER = 60.0  # seconds for one passage's questions: 15 times the usual 4 s, so the machine is too busy for them


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_questions(reply: str) -> list[str]:
    """The lines of a model's reply that are questions (numbering and bullets stripped), at most three."""
    out = []
    for line in reply.splitlines():
        q = re.sub(r"^\s*(?:\d+[.)]|[-*\u2022])\s*", "", line).strip()
        if q.endswith("?") and 3 <= len(q.split()) <= 30 and q not in out:
            out.append(q)
    return out[:MAX_QUESTIONS]


def llm_writer(llm, *, max_tokens: int = 90) -> Callable[[str], list[str]]:
    """A question writer over an LLM (rag.llm.client): the passage in, its questions out."""

    def write(text: str) -> list[str]:
        messages = [{"role": "user", "content": PROMPT.format(text=text)}]
        return parse_questions("".join(llm.stream(messages, max_tokens=max_tokens)))

    return write


def read_cache(path: Path | None) -> dict[str, list[str]]:
    """{text sha256: questions} from a cache file; a damaged line is skipped (it is only a cache)."""
    out: dict[str, list[str]] = {}
    try:
        data = path.read_bytes() if path is not None and path.is_file() else b""
    except OSError as exc:  # another user's file, a failing disk: asked anew, as with no cache
        log.warning("cannot read the questions cache %s (%s): questions it held are asked for again", path,
                    exc.strerror or exc)
        data = b""
    for line in data.splitlines():  # line by line: a line cut mid-character (a killed ingest) was a
        try:  # UnicodeDecodeError traceback on every later `rag ingest` (a tester's find); now it is skipped
            rec = json.loads(line.decode("utf-8"))
            if not isinstance(rec["questions"], list):  # "abc" was read as the questions "a", "b", "c" (tester 33)
                continue
            out[str(rec["key"])] = [str(q) for q in rec["questions"]][:MAX_QUESTIONS]
        except (ValueError, KeyError, TypeError, RecursionError):  # UnicodeDecodeError is a ValueError
            continue
    return out


class ChunkQuestions:
    """The questions of each chunk and their query vectors, from the cache or else from the writer.

    writer None: only cached questions (a chunk without any gets none). A writer that fails is logged and
    the chunk gets none, so a dead model never stops an ingest; retrieval then ranks it as before. After
    max_failures failures in a row the writer is not asked again in this ingest (a model that is missing or
    will not start would otherwise be tried, and fail, for every passage).
    """

    max_failures = 3

    def __init__(self, writer: Callable[[str], list[str]] | None, embedder: Embedder, *,
                 cache_path: Path | None = None, known: dict[str, list[str]] | None = None,
                 known_vectors: dict[str, np.ndarray] | None = None, slow_after: float = SLOW_AFTER,
                 clock: Callable[[], float] = time.monotonic):
        self.writer, self.embedder, self.cache_path = writer, embedder, cache_path
        self.cache = {**(known or {}), **read_cache(cache_path)}
        self._vectors = dict(known_vectors or {})  # question -> vector, by this embedder: each embedded once
        self.written = self.failed = self._in_a_row = 0
        self.slow_after, self._clock = slow_after, clock
        self.slowest = 0.0  # seconds, when one passage took over slow_after: no passage after it is asked
        self.cache_failed: tuple[Path, str] | None = None  # (cache file, why) when it could not be written

    def questions(self, chunks: Sequence[Chunk]) -> list[list[str]]:
        out = []
        for c in chunks:
            key = text_key(c.text)
            if key not in self.cache and self.writer is not None:
                if self._in_a_row < self.max_failures and not self.slowest:
                    self._write(key, c)
                else:
                    self.failed += 1  # not asked: the model failed max_failures times in a row, or was too slow
            out.append(list(self.cache.get(key, [])))
        return out

    def _write(self, key: str, chunk: Chunk) -> None:
        started = self._clock()
        try:
            found = self.writer(chunk.text)
        except Exception as exc:  # a model's failure costs this chunk its questions, not the ingest
            self.failed += 1
            self._in_a_row += 1
            log.warning("no questions for chunk %s: %s", chunk.chunk_id, str(exc)[:200])
            if self._in_a_row == self.max_failures:
                log.warning("the question model failed %d times in a row: not asked again in this ingest",
                            self.max_failures)
            found = None
        took = self._clock() - started
        if took > self.slow_after:  # one passage took 362 s on a busy machine: 13 would have held the lock an hour
            self.slowest = took
            log.warning("the question model took %.0f s for one passage (usually about 4 s): not asked again in "
                        "this ingest", took)
        if found is None:
            return
        self._in_a_row = 0
        self.cache[key] = found
        self.written += 1
        if self.cache_path is not None:
            try:
                self._append(key, chunk, found)
            except OSError as exc:  # a full or read-only data folder: the cache's loss, not the ingest's (it failed,
                # after the model's minutes, telling the maintainer to free space on the index's disk)
                self.cache_failed = (self.cache_path, exc.strerror or str(exc))
                log.warning("cannot write the questions cache %s (%s): not written again in this ingest",
                            *self.cache_failed)
                self.cache_path = None

    def _append(self, key: str, chunk: Chunk, found: list[str]) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        with self.cache_path.open("a+b") as f:  # appends, whatever was read
            size = f.seek(0, os.SEEK_END)
            cut = size > 0 and f.seek(size - 1) >= 0 and f.read(1) != b"\n"  # a line cut short: not glued to it
            record = json.dumps({"key": key, "chunk_id": chunk.chunk_id, "questions": found}) + "\n"
            f.write(b"\n" * cut + record.encode("utf-8"))

    def summary(self) -> str:
        """Pure: what the maintainer is told when passages got no questions, or the cache could not keep those written
        ("" when neither)."""
        kept = ""
        if self.cache_failed:
            where, why = self.cache_failed
            kept = (f"the questions cache {where} cannot be written ({why}): the questions written are published with "
                    "the index, but a later ingest that needs them again (`--rebuild`) asks the model again; free some "
                    f"disk space there (df -h {where.parent}) or make it writable, or point RAG_DATA_DIR at a folder "
                    "that is")
        return "; ".join(x for x in (self._missed(), kept) if x)

    def _missed(self) -> str:
        missed = self.failed
        if not missed:
            return ""
        if self.slowest:
            why = (f"the question model took {self.slowest:.0f} s for one passage (usually about 4 s: the machine is "
                   f"busy, or the model too slow for it), so it was not asked again")
            when = "when the machine is quieter"
        elif self._in_a_row >= self.max_failures:
            why = f"the question model failed {self.max_failures} times in a row (see the messages above), so it was not asked again"
            when = "once what those messages say is fixed"
        else:
            why, when = "the question model failed on them (see the messages above)", "later"
        return (f"{missed} passage{'s' if missed > 1 else ''} got no questions: {why}. They are published and found by "
                f"their own words only; `rag ingest corpus/ --rebuild` asks again {when}, and RAG_QUESTION_MODEL=none "
                "publishes without asking")

    def vectors(self, questions: Iterable[Sequence[str]]) -> np.ndarray:
        """Each question embedded as a member's question is (embed_query), in order, one row each; a question
        embedded before (in this ingest or in the version built on) is not embedded again."""
        flat = [q for qs in questions for q in qs]
        if not flat:
            return np.zeros((0, int(self.embedder.dim)), np.float32)
        for q in dict.fromkeys(flat):
            if q not in self._vectors:
                self._vectors[q] = np.asarray(self.embedder.embed_query(q), np.float32)
        return np.stack([self._vectors[q] for q in flat])


def best_per_chunk(scores: np.ndarray, ids: np.ndarray, owner: np.ndarray, n_chunks: int) -> np.ndarray:
    """The best score of each chunk's questions among the search results (ids into owner); NaN for none."""
    best = np.full(n_chunks, -np.inf, dtype=np.float32)
    keep = ids >= 0
    np.maximum.at(best, owner[ids[keep]], scores[keep].astype(np.float32))
    best[np.isneginf(best)] = np.nan
    return best


def _published(index_dir: Path):
    """(manifest, [(chunks, questions per chunk, question vectors)] of each segment that has questions) of the
    published version, or (None, []) when there is none or it is damaged: only a cache, so a damaged version (which
    `rag ingest corpus/ --rebuild` is run to mend, and which raised before) gives nothing, not its altered files."""
    from rag.errors import RagError
    from rag.index import segments, store

    try:
        if store.current_version(index_dir) is None or store.verify(index_dir, deep=False):
            return None, []
        manifest = store.read_manifest(index_dir)
        folder = index_dir / "versions" / manifest["version"]
        out = []
        for info in manifest.get("issues", {}).values():
            seg = folder / info.get("segment", "")
            questions, vectors = segments.read_questions(seg)
            if questions is not None:
                out.append((segments.read_chunks(seg), questions, vectors))
        return manifest, out
    except (RagError, OSError, ValueError, KeyError, TypeError):
        return None, []


def known_questions(index_dir: Path, published=None) -> dict[str, list[str]]:
    """{text sha256: questions} of the published version's chunks, so a rebuild or a changed issue reuses them.
    published: _published(index_dir), when already read."""
    _, published = published or _published(index_dir)
    return {text_key(c.text): list(qs) for chunks, questions, _ in published for c, qs in zip(chunks, questions)}


def known_vectors(index_dir: Path, embedder_name: str, published=None) -> dict[str, np.ndarray]:
    """{question: its stored vector} of the published version, when it was embedded by embedder_name."""
    manifest, published = published or _published(index_dir)
    if manifest is None or manifest.get("embedder", {}).get("name") != embedder_name:
        return {}
    out: dict[str, np.ndarray] = {}
    for _, questions, vectors in published:
        flat = [q for qs in questions for q in qs]
        if len(flat) == len(vectors):
            out.update(zip(flat, np.asarray(vectors, np.float32)))
    return out


def chunk_questions(settings, embedder: Embedder) -> ChunkQuestions:
    """ChunkQuestions as Settings say: the configured model writes what no cache holds ("none": nothing new)."""
    writer = None
    if settings.question_model not in ("", "none"):  # ("None" was sent to litellm as a model's name, and the ingest
        # refused with advice that did not say 'none': Settings reads our own words in any case, tester 33)
        from rag.llm.client import make_llm

        try:
            llm = make_llm(settings.with_(llm_model=settings.question_model, local_port=0, llm_max_tokens=90,
                                          llm_timeout=max(settings.llm_timeout, 60)), setting="RAG_QUESTION_MODEL")
        except InputError as exc:
            raise InputError(f"{exc}; or RAG_QUESTION_MODEL=none to write no questions") from None
        writer = llm_writer(llm) if llm is not None else None
    published = _published(settings.index_dir)  # read (and its checksums checked) once for both
    return ChunkQuestions(writer, embedder, cache_path=settings.questions_cache_path,
                          known=known_questions(settings.index_dir, published),
                          known_vectors=known_vectors(settings.index_dir, embedder.name, published))
