"""Two embedders in one vector: one ranks and chooses sentences, the other's cosines feed the refusal decision.

EmbeddingGemma ranks far better than MiniLM (recall@5 0.91 against 0.83 on the dev set), but a near-topic
question the archive does not answer gets a high gemma cosine to the passage next to the missing fact, so
gemma's cosines lose the power to refuse that MiniLM's have (docs/evals.md). Each stored vector is the two
unit vectors side by side, [rank | signal]; a query embedded for ranking is [q_rank | 0] and for the refusal
signals [0 | q_signal], so one inner product with a stored vector is exactly one model's cosine. The index
format, ingest, versions and rollback are unchanged: to them this is one embedder with a longer vector.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from rag.types import Embedder


class PairedEmbedder:
    """rank's and signal's vectors side by side; each half unit norm (so a whole stored vector has norm sqrt 2)."""

    def __init__(self, rank: Embedder, signal: Embedder):
        self.rank, self.signal = rank, signal
        self.name = f"{rank.name}+{signal.name}"
        self.dim = int(rank.dim) + int(signal.dim)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.hstack([self.rank.embed_documents(texts), self.signal.embed_documents(texts)]).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """The query as ranking sees it: its inner product with a stored vector is the rank model's cosine."""
        return np.concatenate([self.rank.embed_query(text), np.zeros(int(self.signal.dim), np.float32)])

    def signal_query(self, text: str) -> np.ndarray:
        """The query as the refusal signals see it: the signal model's cosine with a stored vector."""
        return np.concatenate([np.zeros(int(self.rank.dim), np.float32), self.signal.embed_query(text)])
