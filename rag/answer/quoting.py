"""Choosing the passages' own sentences to quote: a whole answer with no model, or what a model's answer left out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from rag.answer import citations
from rag.answer.extractive import best_quotes, extractive_answer, quotes_adding_facts
from rag.answer.quote_text import format_quotes
from rag.answer.similarity import Similarities
from rag.config import Settings
from rag.index.reader import LoadedIndex
from rag.types import Hit

QUOTES_LEAD = "In the articles' words: "


@dataclass(frozen=True)
class Quoting:
    """best_quotes scored as Settings say, with the index's stored sentence vectors and written questions."""

    settings: Settings
    index: LoadedIndex
    similarities: Similarities

    def extractive(self, question: str, sent: Sequence[Hit], priority: Sequence[int] | None = None,
                   query_vector: np.ndarray | None = None, spread: bool = False) -> str:
        """The sentences of sent that best answer the question, quoted with their [n]; "" when none does.
        spread: a question across issues, each issue's best sentence first (best_quotes)."""
        return extractive_answer(question, sent, spread=spread, **self.scoring(sent, priority, query_vector))

    def supporting(self, question: str, sent: Sequence[Hit], answer: str, cites: list,
                   support: Callable[[str, str], float], priority: Sequence[int] | None = None,
                   query_vector: np.ndarray | None = None, spread: bool = False) -> tuple[str, list]:
        """The answer, then the passages' own words for what it left out (QUOTES_LEAD + quotes), validated."""
        if self.settings.supporting_quotes <= 0:
            return answer, cites
        quotes, _ = best_quotes(question, sent, spread=spread, **self.scoring(sent, priority, query_vector))
        extra = quotes_adding_facts(answer, quotes, max_quotes=self.settings.supporting_quotes)
        if not extra:
            return answer, cites
        # Only the quotes are checked here: the answer was, with its question (validated again without it, a sentence
        # whose marker fell to a check that needs no question stayed on as the answer, uncited; a walk saw one).
        shown, quoted = citations.validate(f"{QUOTES_LEAD}{format_quotes(extra)}", sent, support=support)
        if not quoted:
            return answer, cites
        have = {c.n for c in cites}
        return f"{answer}\n\n{shown}", [*cites, *(c for c in quoted if c.n not in have)]

    def scoring(self, sent: Sequence[Hit], priority: Sequence[int] | None, query_vector: np.ndarray | None) -> dict:
        """best_quotes' scoring: stored sentence cosines, and the questions each passage answers (written at ingest)
        with their cosine to the question, weighted Settings.quote_question_weight."""
        asked = []
        if query_vector is not None and self.settings.quote_question_weight:
            for hit in sent:
                try:
                    written = self.index.questions_of(hit.chunk_id)
                except KeyError:  # not a passage of this index
                    written = []
                asked.append([(text, float(vec @ query_vector)) for text, vec in written])
        # the question's vector from retrieval: the same text, not embedded a second time
        return dict(similarity=self.similarities.stored_similarity(sent, query_vector), priority=priority,
                    lexical_weight=self.settings.quote_lexical_weight, asked=asked,
                    asked_weight=self.settings.quote_question_weight,
                    redundancy=self.settings.quote_redundancy_weight, typed_weight=self.settings.quote_typed_weight)
