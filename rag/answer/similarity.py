"""Cosines the answer step needs, from the index's stored vectors where it has them: question to each
passage sentence, question to quoted sentences, and a claim to the passage it cites."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from rag.contact_details import with_contact_note
from rag.index.reader import LoadedIndex
from rag.sentences import passage_sentences
from rag.types import Embedder, Hit


class Similarities:
    """Stored sentence and passage vectors first; anything the index lacks is embedded afresh."""

    def __init__(self, index: LoadedIndex, embedder: Embedder):
        self._index = index
        self._embedder = embedder

    def _stored(self, chunk_id: str, sentences: Sequence[str]) -> np.ndarray | None:
        """The index's vectors of a chunk's sentences; None when it has none, or when they were split another
        way (an index built by an older splitter): then they would be paired with the wrong sentences."""
        vectors = self._index.sentence_vectors_of(chunk_id)
        return vectors if vectors is not None and len(vectors) == len(sentences) else None

    def _embed(self, sentences: Sequence[str]) -> np.ndarray:
        """Sentences the index has no vectors for, embedded as ingest embeds them (with their contact note)."""
        return self._embedder.embed_documents([with_contact_note(s) for s in sentences])

    def sentence_similarities(self, hits: Sequence[Hit], query_vector: np.ndarray) -> list[np.ndarray]:
        """Per hit, the cosine between the question and each of its sentences (stored vectors where kept)."""
        sims = []
        for hit in hits:
            sentences = passage_sentences(hit.text)
            stored = self._stored(hit.chunk_id, sentences)
            if stored is None:
                stored = (self._embed(sentences) if sentences
                          else np.zeros((0, len(query_vector))))
            sims.append(stored @ query_vector)
        return sims

    def stored_similarity(self, sent: Sequence[Hit], query_vector: np.ndarray | None = None
                          ) -> Callable[[str, Sequence[str]], Sequence[float]]:
        """Question-to-sentence cosines, from the index's sentence vectors where it has them.

        query_vector: the question's vector, when already made (then the question is not embedded again).
        """
        stored = {}  # sentence -> vector, from the index where the passages' sentences are stored
        for hit in sent:
            sentences = passage_sentences(self._index.chunk(hit.chunk_id).text)
            vectors = self._stored(hit.chunk_id, sentences)
            if vectors is not None:
                stored.update(zip(sentences, vectors))

        def similarity(q_text: str, sentences: Sequence[str]) -> Sequence[float]:
            if not sentences:
                return []
            q = self._embedder.embed_query(q_text) if query_vector is None else query_vector
            missing = [s for s in dict.fromkeys(sentences) if s not in stored]
            if missing:
                stored.update(zip(missing, self._embed(missing)))
            return [float(stored[s] @ q) for s in sentences]

        return similarity

    def support(self, sent: Sequence[Hit]) -> Callable[[str, str], float]:
        """Cosine between a claim and a passage, the passage vector taken from the index."""
        by_text = {}
        for hit in sent:
            try:
                by_text[hit.text] = self._index.vector(hit.chunk_id)
            except KeyError:  # a passage cut to fit the prompt is embedded afresh
                continue

        claims: dict[str, object] = {}  # a claim cited to several passages is embedded once

        def support(claim: str, passage: str) -> float:
            vec = by_text.get(passage)
            if vec is None:
                vec = by_text[passage] = self._embedder.embed_query(passage)
            if claim not in claims:
                claims[claim] = self._embedder.embed_query(claim)
            return float(claims[claim] @ vec)

        return support
