"""BM25 over chunk texts (bm25s's tokenizer and Lucene scoring, stemmed, English stop words), built from
per-issue term counts so that adding an issue never re-tokenizes the others; saved without pickle."""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Sequence

import numpy as np

K1, B = 1.5, 0.75  # bm25s's defaults, which the index has always used


@functools.lru_cache(maxsize=1)
def _stem():
    import Stemmer  # PyStemmer: C snowball stemmer, so "managers" matches "manager"

    return Stemmer.Stemmer("english").stemWords


def segment_terms(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """One issue's term counts: (its vocabulary, rows of [chunk, term, count]) in chunk order.

    Example: segment_terms(["pay rise pay"]) -> (["pay", "rise"], [[0, 0, 2], [0, 1, 1]]).
    """
    import bm25s  # the tokenizer the index has always used

    tokens = bm25s.tokenize(list(texts), stopwords="en", stemmer=_stem(), show_progress=False, return_ids=False)
    vocab: dict[str, int] = {}
    rows = []
    for doc, words in enumerate(tokens):
        counts: dict[int, int] = {}
        for w in words:
            t = vocab.setdefault(w, len(vocab))
            counts[t] = counts.get(t, 0) + 1
        rows += [(doc, t, n) for t, n in counts.items()]
    return list(vocab), np.asarray(rows, dtype=np.int32).reshape(-1, 3)


class Lexical:
    """BM25 scores of every (chunk, term) pair as a CSC matrix (one column per term), and the vocabulary."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, vocab: dict[str, int], n_docs: int):
        self._data, self._indices, self._indptr = data, indices, indptr
        self._vocab, self._n_docs = vocab, n_docs

    @classmethod
    def from_segments(cls, segments: Sequence[tuple[list[str], np.ndarray, int]]) -> "Lexical":
        """Join per-issue term counts (vocabulary, rows, number of chunks), in chunk order, and score them.

        The same numbers as bm25s's "lucene" method: idf = ln(1 + (N - df + 0.5) / (df + 0.5)), term part
        tf / (k1 * (1 - b + b * len / avg len) + tf), in bm25s's float types.
        """
        import scipy.sparse as sp  # scipy: only when an index is built or loaded

        vocab: dict[str, int] = {}
        docs, terms, tfs, offset = [], [], [], 0
        for words, rows, n_docs in segments:
            local = np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), dtype=np.int64, count=len(words))
            if len(rows):
                docs.append(rows[:, 0].astype(np.int64) + offset)
                terms.append(local[rows[:, 1]])
                tfs.append(rows[:, 2])
            offset += n_docs
        if not docs or offset == 0:
            return cls(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(len(vocab) + 1, np.int32), vocab, offset)
        doc, term = np.concatenate(docs), np.concatenate(terms)
        tf = np.concatenate(tfs).astype(np.float32)
        doc_len = np.bincount(doc, weights=np.concatenate(tfs), minlength=offset)
        avg = np.float64(doc_len.mean())
        df = np.bincount(term, minlength=len(vocab))
        values, where = np.unique(df, return_inverse=True)  # math.log per distinct df: bm25s's exact idf
        idf = np.array([math.log(1 + (offset - d + 0.5) / (d + 0.5)) for d in values.tolist()], np.float32)[where]
        tfc = tf / (K1 * ((1 - B) + B * doc_len[doc] / avg) + tf)
        scores = (idf[term] * tfc).astype(np.float32)
        m = sp.csc_matrix((scores, (doc, term)), shape=(offset, len(vocab)), dtype=np.float32)
        return cls(m.data, m.indices, m.indptr, vocab, offset)

    @classmethod
    def build(cls, texts: Sequence[str]) -> "Lexical":
        words, rows = segment_terms(texts)
        return cls.from_segments([(words, rows, len(texts))])

    @classmethod
    def load(cls, folder: Path) -> "Lexical":
        """A bm25s index saved by versions before per-issue segments (format 1)."""
        import bm25s

        if not (folder / "params.index.json").exists():  # an empty corpus
            return cls(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int32), {}, 0)
        r = bm25s.BM25.load(str(folder), mmap=False, allow_pickle=False, show_progress=False)
        return cls(r.scores["data"], r.scores["indices"], r.scores["indptr"], dict(r.vocab_dict), r.scores["num_docs"])

    def scores(self, query: str, n_docs: int) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros where no term matches)."""
        scores = np.zeros(n_docs, dtype=np.float32)
        if n_docs == 0 or self._n_docs == 0:
            return scores
        for t in _stem()(_plain_tokens(query)):  # a repeated term counts again, as in bm25s
            col = self._vocab.get(t)
            if col is not None:
                start, end = self._indptr[col], self._indptr[col + 1]
                np.add.at(scores, self._indices[start:end], self._data[start:end])
        return scores


def _plain_tokens(text: str) -> list[str]:
    import bm25s

    tokenized = bm25s.tokenize([text], stopwords="en", return_ids=False, show_progress=False)
    return list(tokenized[0]) if tokenized else []
