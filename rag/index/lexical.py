"""BM25 over chunk texts with bm25s (stemmed, English stop words); saved without pickle."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Sequence

import numpy as np


@functools.lru_cache(maxsize=1)
def _stem():
    import Stemmer  # PyStemmer: C snowball stemmer, so "managers" matches "manager"

    return Stemmer.Stemmer("english").stemWords


def _tokenize(texts: Sequence[str], bm25s_module):
    return bm25s_module.tokenize(list(texts), stopwords="en", stemmer=_stem(), show_progress=False)


class Lexical:
    """A bm25s retriever plus the query tokenizer it was built with."""

    def __init__(self, retriever):
        self._retriever = retriever

    @classmethod
    def build(cls, texts: Sequence[str]) -> "Lexical":
        import bm25s  # scipy-backed: only when an index is built or loaded

        retriever = bm25s.BM25()
        if texts:
            retriever.index(_tokenize(texts, bm25s), show_progress=False)
        return cls(retriever)

    @classmethod
    def load(cls, folder: Path) -> "Lexical":
        import bm25s

        if not (folder / "params.index.json").exists():  # an empty corpus
            return cls(bm25s.BM25())
        return cls(bm25s.BM25.load(str(folder), mmap=False, allow_pickle=False, show_progress=False))

    def save(self, folder: Path) -> None:
        if getattr(self._retriever, "scores", None) is not None:
            self._retriever.save(str(folder), allow_pickle=False, show_progress=False)

    def scores(self, query: str, n_docs: int) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros where no term matches)."""
        if n_docs == 0 or getattr(self._retriever, "scores", None) is None:
            return np.zeros(n_docs, dtype=np.float32)
        tokens = [t for t in _stem()(_plain_tokens(query)) if t in self._retriever.vocab_dict]
        if not tokens:
            return np.zeros(n_docs, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)


def _plain_tokens(text: str) -> list[str]:
    import bm25s

    tokenized = bm25s.tokenize([text], stopwords="en", return_ids=False, show_progress=False)
    return list(tokenized[0]) if tokenized else []
