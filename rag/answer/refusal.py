"""The refusal decision: do the retrieved passages answer the question, and if not, why not?

Off the archive's topics (nothing found, or the ranking model's best passage cosine under its floor,
Settings.relevance_floor, with no sentence over Settings.sentence_relevance_floor) the nearest articles are
unrelated; on a topic the archive covers, the fitted
answerability model (rag.answer.answerability) decides whether an answer of the kind asked is there (a number, a
sum, a share, a date, a person, an organisation, a place, a name). A question that asks for none of these ("how
can managers support autistic colleagues?") is not put to it: on the dev set it refused none of the 18
unanswerable questions of that kind and some answerable ones, having learnt there that many shared words mark a
near-topic question (docs/evals.md). With a paired embedder (rag.index.embedder_pair) the ranking model chose
the passages, and the decision reads the signal model's cosines of those same passages, the cosines its weights
were fitted on.
"""

from __future__ import annotations

import functools
from typing import Sequence

import numpy as np

from rag.answer import acronyms, answer_kinds, answerability, followups, requests, unmentioned
from rag.answer.awaited import awaited_in
from rag.answer.claim_support import FULL_NAME, last_name, words_of
from rag.answer.quote_choice import CONTACT_TERMS
from rag.answer.retrieve import Retrieval
from rag.answer.similarity import Similarities
from rag.answer.terms import content_terms
from rag.config import Settings
from rag.contact_details import asks_for_details, gives_detail_asked, holds_details, own_body_asked
from rag.index.reader import LoadedIndex
from rag.types import Embedder, Hit

# A question asking no kind of answer the fitted model checks ("can I ...?", "how do I ...?") is refused when its search
# scatters (none of the next two passages from the first one's article) and no sentence is this close, by the model
# the refusal signals are measured with (the last of a pair). MiniLM: under the lowest such cosine of the calibration
# half's answerable questions (0.464), rounded down; on the held-out half it refuses 4 more of the 60 unanswerable
# questions and no answerable one (docs/evals.md, session 23).
SCATTERED_FLOORS = {"sentence-transformers/all-MiniLM-L6-v2": 0.45}

# RefusalDecision.refusal's reasons
OFF_TOPIC, NOT_ANSWERED, WRITING, INSTRUCTION = "off-topic", "not answered", "writing", "instruction"
_PREFIX = 5  # letters of a surname that name it though misspelt at its end ("Killen", "Restel")


def _person_not_named(question: str, hits: Sequence[Hit]) -> bool:
    """True when the question names someone in full whom none of the passages names: whatever they say is someone
    else's (a walk filtered to 2024 asked what Prince Obike said, named only in 2026, and was quoted Phil Hammond's
    "he replies ..."). On the dev set only one question names such a person, unanswerable and refused already."""
    words = words_of(" ".join(h.text for h in hits))
    stems = {w[:_PREFIX] for w in words}

    def named(surname: str) -> bool:
        return surname in words or (len(surname) >= _PREFIX and surname[:_PREFIX] in stems)

    # (not the names a follow-up's merge adds in brackets: "what did he say about money (James Murray Wes Streeting
    # ...)" was refused, Streeting named in the answer before as the man Murray replaced)
    own = followups.without_added_context(question)
    surnames = [last_name(name) for name in FULL_NAME.findall(own)]
    return any(surname and not named(surname) for surname in surnames)


def details_for_whom(question: str, hits: Sequence[Hit], df: dict[str, int]) -> bool | None:
    """For a question asking how to reach someone it names (or the conversation named, in a follow-up's merged words):
    whether a passage holding a phone number, email or postcode names each of them; None for any other question.
    "how do I contact him?" after "who's the chief exec of MiP?" was quoted Jon Restell's sayings, the archive giving no
    contact for him; "how do I contact Katia Widlak?" was refused, her email beside her name (a search scattered over
    three articles). A name is held by its rarest word, so the words a merge runs on after it ("Jon Restell National
    Committee") do not count."""
    runs = FULL_NAME.findall(question) if asks_for_details(question) else []
    rarest = [min(words, key=lambda w: df.get(w, 0)) for words in map(content_terms, runs) if words]
    if not rarest:
        return None
    held = [content_terms(h.text) for h in hits if holds_details(h.text)]
    return all(any(word in terms for terms in held) for word in rarest)


class RefusalDecision:
    def __init__(self, settings: Settings, index: LoadedIndex, embedder: Embedder, similarities: Similarities,
                 model: answerability.AnswerabilityModel | None):
        self.settings, self.index, self.embedder, self.similarities, self.model = (
            settings, index, embedder, similarities, model)
        self._idf: tuple[dict[str, int], int] | None = None

    @property
    def fitted(self) -> bool:
        """The fitted model decides: fitted for this embedder (else None) and switched on (Settings.answerability)."""
        return self.model is not None and self.settings.answerability

    def signal_cosines(self, question: str, found: Retrieval, sims: Sequence[np.ndarray]
                       ) -> tuple[float, Sequence[np.ndarray]]:
        """(best passage cosine, per-hit sentence cosines) as the decision reads them: the ranking's own, or,
        when a paired embedder ranks, its signal model's for the same passages."""
        signal_query = getattr(self.embedder, "signal_query", None)
        if signal_query is None or not found.hits:
            return found.best_dense, sims
        q = found.signal_vector if found.signal_vector is not None else signal_query(question)
        context = found.hits[: self.settings.context_k]
        best = max(float(self.index.vector(h.chunk_id) @ q) for h in found.hits)
        return best, self.similarities.sentence_similarities(context, q)

    def signals(self, question: str, found: Retrieval, sims: Sequence[np.ndarray]) -> dict[str, float]:
        """rag.answer.answerability.signals for this question and its retrieved passages."""
        return self._signals(question, found, *self.signal_cosines(question, found, sims))

    def _signals(self, question: str, found: Retrieval, best_dense: float, sims: Sequence[np.ndarray]) -> dict:
        df, n_docs = self.document_frequencies()
        return answerability.signals(question, found.hits[: self.settings.context_k], sims,
                                     best_dense=best_dense, best_lexical=found.best_lexical, df=df, n_docs=n_docs,
                                     aliases=self.aliases, names=self.names)

    def document_frequencies(self) -> tuple[dict[str, int], int]:
        """(passages holding each content term, passages) over the whole index, counted once."""
        if self._idf is None:
            self._idf = answerability.idf_table([c.text for c in self.index.chunks])
        return self._idf

    @functools.cached_property
    def spelled_out(self) -> dict[str, str]:
        """What the archive says each acronym stands for (rag.answer.acronyms.spelled_out), read once."""
        return acronyms.spelled_out(c.text for c in self.index.chunks)

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        """What the acronyms stand for, each a name read as one word (acronyms.names_as_words)."""
        return tuple(self.spelled_out.values())

    @functools.cached_property
    def aliases(self) -> dict[str, frozenset[str]]:
        """Each acronym's terms and its words' (answerability.signals): a sentence on "very senior managers" holds
        the "VSMs" of a question."""
        return acronyms.aliases(self.spelled_out)

    @functools.cached_property
    def word_passages(self) -> dict[str, int]:
        """Passages holding each word, under rag.answer.unmentioned's keys, counted once."""
        return unmentioned.by_key(unmentioned.word_frequencies([c.text for c in self.index.chunks]))

    def _one_sentence_on_topic(self, sims: Sequence[np.ndarray]) -> bool:
        """A sentence as close as Settings.sentence_relevance_floor (sims: the ranking model's sentence cosines)."""
        floor = self.settings.sentence_relevance_floor
        return floor is not None and any(len(s) and float(np.max(s)) >= floor for s in sims)

    def _scattered(self, values: dict[str, float]) -> bool:
        """None of the next two passages from the first one's article, no sentence as near as the scattered floor
        of the model the signals are measured with (SCATTERED_FLOORS; no floor, never scattered), and none holding
        every term of the question: "how do I build my case?" (walk 32) was refused, its passages from two
        discrimination guides and a personal-brand article, though "... the evidence you need to build a case" holds
        both its terms (its subheading "How to build your case" is no sentence unit). On the dev set no question
        refused as scattered has a sentence holding every term (5, all unanswerable, coverage 0.18-0.36)."""
        floor = SCATTERED_FLOORS.get(self.embedder.name.split("+")[-1])
        return (floor is not None and values["agreement"] == 0 and values["sentence_cos"] < floor
                and values["coverage"] < answerability.EVERY_TERM)

    def _contact_held(self, question: str, hits: Sequence[Hit]) -> bool:
        """A passage holds the kind of contact detail asked for and every other term of the question: "whats the mip
        phone number" was refused (a walk; P 0.26, where "What is MiP's phone number?" had 0.59), no passage saying
        "phone" beside "020 3437 1473". Not "What is MiP's fax number?": no passage holds a fax number. A text naming
        the archive's own body asked about holds the words naming it ("how can I contact the magazine?" and "Craig
        Ryan, Editor c.ryan@..."; not "What are MiP's office opening hours?")."""
        rest = set(content_terms(question)) - CONTACT_TERMS
        own = own_body_asked(question)

        def held(h: Hit) -> bool:
            if not gives_detail_asked(question, h.text):
                return False
            asked = rest - own.words if own is not None and own.named.search(h.text) else rest
            return asked <= answerability.aliased_terms(f"{h.article} {h.text}", self.aliases)
        return asks_for_details(question) and any(held(h) for h in hits)

    def refusal(self, question: str, found: Retrieval, sims: Sequence[np.ndarray]) -> str:
        """OFF_TOPIC (nothing found, or the ranking model's best cosine under the floor), NOT_ANSWERED (the fitted
        model finds no answer of the kind asked), WRITING (a request to write a document), INSTRUCTION (one to the
        assistant: "ignore your instructions"), or "" when the passages answer it. Without a fitted model, the floor
        alone decides.

        The floor keeps off-topic questions out (evals/off-topic.txt): the dev set the model is fitted on has none.
        """
        if not found.hits or not any(c.isalpha() for c in " ".join(content_terms(question))):
            return OFF_TOPIC  # (nor "what is 2+2", whose only terms are numbers: it was quoted category 2 targets)
        if requests.instructs_assistant(question):
            return INSTRUCTION  # to the assistant, not about the articles: none is further reading
        if requests.asks_for_writing(question):
            return WRITING  # a document to write, not a question: the nearest articles may still help
        best_dense, signal_sims = self.signal_cosines(question, found, sims)
        values = None
        if found.best_dense < self.settings.relevance_floor and not self._one_sentence_on_topic(sims):
            # ... unless one sentence holds every term of the question ("Who is Helga Pile?": UNISON's head of health,
            # named once; its sentence cosine 0.35): no off-topic question of evals/off-topic.txt holds more than 0.6
            values = self._signals(question, found, best_dense, signal_sims)
            if values["coverage"] < answerability.EVERY_TERM:
                return OFF_TOPIC
        if _person_not_named(question, found.hits[: self.settings.context_k]):
            return NOT_ANSWERED
        reached = details_for_whom(question, found.hits[: self.settings.context_k], self.document_frequencies()[0])
        if reached is False:
            return NOT_ANSWERED
        if reached:
            return ""
        if not self.fitted:
            return ""
        if self._contact_held(question, found.hits[: self.settings.context_k]):
            return ""
        # A question of several parts is answered when one part is: "Is NHS England being abolished and how many jobs
        # are going?" was refused whole (a walk), though each part is answered alone.
        for part in answer_kinds.question_parts(question):
            if answer_kinds.question_kind(part) == "other":
                # the model checks for an answer of the kind asked; "how can I...?" asks none it can check, so it is
                # answered unless the search scattered with no sentence near ("Can I join a salary sacrifice scheme
                # for a bike?": its top three passages from three articles, the nearest sentence at MiniLM 0.31)
                values = values or self._signals(question, found, best_dense, signal_sims)
                if not self._scattered(values):
                    return ""
                continue
            if self.model.answerable(values if part == question and values else
                                     self._signals(part, found, best_dense, signal_sims)):
                return ""
        if awaited_in(question, found.hits[: self.settings.context_k],
                      lambda text: answerability.aliased_terms(text, self.aliases)):
            return ""  # "not known yet": the figure asked for is awaited (rag.answer.awaited)
        return NOT_ANSWERED
