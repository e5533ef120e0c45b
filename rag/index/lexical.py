"""BM25 over chunk texts (bm25s's tokenizer and Lucene scoring, stemmed, English stop words), built from
per-issue term counts so that adding an issue never re-tokenizes the others; saved without pickle.

Terms are stored as 64-bit hashes, not strings: joining 400 issues' vocabularies is then one np.unique over
integers instead of millions of Python strings (a collision among a few million terms is about 1 in 10^7).
"""

from __future__ import annotations

import functools
import hashlib
import math
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

K1, B = 1.5, 0.75  # bm25s's defaults, which the index has always used


@functools.lru_cache(maxsize=1)
def _stem():
    import Stemmer  # PyStemmer: C snowball stemmer, so "managers" matches "manager"

    return Stemmer.Stemmer("english").stemWords


def term_id(term: str) -> int:
    """A term's 64-bit id, the same at ingest and at query time."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")


def segment_terms(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """One issue's term counts: (its vocabulary as term ids, rows of [chunk, term, count]) in chunk order.

    Example: segment_terms(["pay rise pay"]) -> ([term_id("pay"), term_id("rise")], [[0, 0, 2], [0, 1, 1]]).
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
    ids = np.fromiter((term_id(w) for w in vocab), dtype=np.uint64, count=len(vocab))
    return ids, np.asarray(rows, dtype=np.int32).reshape(-1, 3)


class Lexical:
    """BM25 scores of every (chunk, term) pair as a CSC matrix (one column per term), and the vocabulary."""

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray,
                 column: Callable[[str], int | None], n_docs: int):
        self._data, self._indices, self._indptr = data, indices, indptr
        self._column, self._n_docs = column, n_docs  # column: a stemmed term -> its column, None if unknown

    @classmethod
    def from_segments(cls, segments: Sequence[tuple[np.ndarray, np.ndarray, int]]) -> "Lexical":
        """Join per-issue term counts (term ids, rows, number of chunks), in chunk order, and score them.

        The same numbers as bm25s's "lucene" method: idf = ln(1 + (N - df + 0.5) / (df + 0.5)), term part
        tf / (k1 * (1 - b + b * len / avg len) + tf), in bm25s's float types.
        """
        import scipy.sparse as sp  # scipy: only when an index is built or loaded

        ids, inverse = np.unique(np.concatenate([s[0] for s in segments] or [np.zeros(0, np.uint64)]),
                                 return_inverse=True)
        inverse = inverse.astype(np.int32)
        docs, terms, tfs, offset, start = [], [], [], 0, 0
        for seg_ids, rows, n_docs in segments:
            local = inverse[start : start + len(seg_ids)]
            start += len(seg_ids)
            docs.append(rows[:, 0] + np.int32(offset))
            terms.append(local[rows[:, 1]])
            tfs.append(rows[:, 2])
            offset += n_docs
        column = functools.partial(_column, ids)
        if offset == 0 or not sum(len(d) for d in docs):
            return cls(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(len(ids) + 1, np.int32), column, offset)
        doc, term = np.concatenate(docs), np.concatenate(terms)
        del docs, terms
        tf = np.concatenate(tfs).astype(np.float32)
        del tfs
        doc_len = np.bincount(doc, weights=tf, minlength=offset)
        avg = np.float64(doc_len.mean())
        df = np.bincount(term, minlength=len(ids))
        values, where = np.unique(df, return_inverse=True)  # math.log per distinct df: bm25s's exact idf
        idf = np.array([math.log(1 + (offset - d + 0.5) / (d + 0.5)) for d in values.tolist()], np.float32)[where]
        score = K1 * ((1 - B) + B * doc_len[doc] / avg)  # computed in place below: nnz can be millions
        score += tf
        np.divide(tf, score, out=score)
        score *= idf[term]
        m = sp.csc_matrix((score.astype(np.float32), (doc, term)), shape=(offset, len(ids)), dtype=np.float32)
        return cls(m.data, m.indices, m.indptr, column, offset)

    @classmethod
    def build(cls, texts: Sequence[str]) -> "Lexical":
        words, rows = segment_terms(texts)
        return cls.from_segments([(words, rows, len(texts))])

    @classmethod
    def load(cls, folder: Path) -> "Lexical":
        """A bm25s index saved by versions before per-issue segments (format 1)."""
        import bm25s

        if not (folder / "params.index.json").exists():  # an empty corpus
            return cls(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int32), {}.get, 0)
        r = bm25s.BM25.load(str(folder), mmap=False, allow_pickle=False, show_progress=False)
        return cls(r.scores["data"], r.scores["indices"], r.scores["indptr"], dict(r.vocab_dict).get, r.scores["num_docs"])

    def scores(self, query: str, n_docs: int) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros where no term matches)."""
        scores = np.zeros(n_docs, dtype=np.float32)
        if n_docs == 0 or self._n_docs == 0:
            return scores
        for t in _stem()(_plain_tokens(query)):  # a repeated term counts again, as in bm25s
            col = self._column(t)
            if col is not None:
                start, end = self._indptr[col], self._indptr[col + 1]
                np.add.at(scores, self._indices[start:end], self._data[start:end])
        return scores


def _column(ids: np.ndarray, term: str) -> int | None:
    h = np.uint64(term_id(term))
    col = int(np.searchsorted(ids, h))
    return col if col < len(ids) and ids[col] == h else None


def _plain_tokens(text: str) -> list[str]:
    import bm25s

    tokenized = bm25s.tokenize([text], stopwords="en", return_ids=False, show_progress=False)
    return list(tokenized[0]) if tokenized else []
