"""The one answering pipeline used by the CLI, the app and the evaluations."""

from __future__ import annotations

import functools
import time
from dataclasses import replace
from datetime import date
from typing import Callable, Iterator, Sequence

import numpy as np

from rag.answer import (
    about_archive,
    across,
    advice,
    answer_kinds,
    answerability,
    citations,
    finished,
    followup_kinds,
    followups,
    more,
    notices,
    pointers,
    prompts,
    superseded,
    wider,
)
from rag.answer.checking import AnswerCheck, passages_do_not_answer
from rag.answer.events import DoneEvent, Event, SourcesEvent, TokenEvent
from rag.answer.from_article import FromArticle
from rag.answer.list_leads import ListLeads
from rag.answer.quoting import Quoting
from rag.answer.reading import Reading
from rag.answer.refusal import INSTRUCTION, NOT_ANSWERED, OFF_TOPIC, WRITING, RefusalDecision
from rag.answer.retrieve import Filters, Retrieval, check_filters, checked_question, hit_of, resolved
from rag.answer.search import search
from rag.answer.similarity import Similarities
from rag.config import Settings
from rag.errors import LLMError
from rag.index.reader import LoadedIndex
from rag.types import LLM, Answer, Embedder, Hit


class Pipeline:
    """Question (+ history, + filters) -> retrieved passages -> cited answer, streamed."""

    def __init__(self, *, settings: Settings, index: LoadedIndex, embedder: Embedder, llm: LLM | None,
                 count_tokens: Callable[[str], int], clock: Callable[[], float] = time.perf_counter,
                 answerability_model: answerability.AnswerabilityModel | None = None,
                 today: Callable[[], date] = date.today, known_word: Callable[[str], bool] | None = None):
        """known_word: whether a word is English (rag.answer.spelling.english_words); given, misspelt words of a
        question are read as the archive spells them."""
        self.settings = settings
        self.known_word = known_word
        self.today = today
        # Fitted for one embedder's cosines; with another (the test fakes) only the cosine floor applies.
        usable = answerability_model is not None and answerability_model.embedder == embedder.name
        self.answerability_model = answerability_model if usable else None
        self.index = index
        self.embedder = embedder
        self.similarities = Similarities(index, embedder)
        self.decision = RefusalDecision(settings, index, embedder, self.similarities, self.answerability_model)
        self.quoting = Quoting(settings, index, self.similarities)
        self.check = AnswerCheck(index, self.quoting, self.similarities, self.decision)
        self._from_article = FromArticle(index, self.check, settings.public_base_url)
        self.llm = llm
        self.count_tokens = count_tokens
        self.clock = clock

    def with_index(self, index: LoadedIndex) -> "Pipeline":
        """The same pipeline (settings, embedder, model, answerability) over another index version."""
        return Pipeline(settings=self.settings, index=index, embedder=self.embedder, llm=self.llm,
                        count_tokens=self.count_tokens, clock=self.clock,
                        answerability_model=self.answerability_model, today=self.today, known_word=self.known_word)

    @property
    def llm_name(self) -> str:
        return self.llm.model if self.llm is not None else "extractive"

    @property
    def token_budget(self) -> int:
        """Tokens of passages a model reads (each costs prompt-reading time), or quoted answers choose from."""
        return self.settings.prompt_token_budget if self.llm is not None else self.settings.quote_token_budget

    def llm_status(self) -> str:
        """Which model really answers right now, in a member's words (for the app's status line)."""
        if self.llm is None:
            return "answers are quoted passages (no AI model configured)"
        status = getattr(self.llm, "status", None)
        return status() if status is not None else f"answers by {self.llm.model}"

    def llm_queue(self) -> tuple[int, float | None]:
        """(questions the model is answering before a new one, median seconds each took); (0, None) if unknown."""
        queue = getattr(self.llm, "queue", None)
        return queue() if queue is not None else (0, None)

    def warm_up(self) -> str:
        """Get the LLM ready (local server started, litellm imported); returns a problem or ""."""
        warm = getattr(self.llm, "warm_up", None)
        try:
            if warm is not None:
                warm()
        except LLMError as exc:  # answers fall back to quoted passages; say why once, at start
            return str(exc)
        return ""

    def check_question(self, question: str) -> str:
        return checked_question(question, self.settings.max_question_chars)

    def retrieve(self, question: str, *, k: int | None = None, filters: Filters = Filters()) -> Retrieval:
        return search(self.index, self.embedder, self.settings, question, k=k, filters=filters)  # (rag.answer.search)

    def standalone(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """A follow-up rewritten to stand alone (rag.answer.followups.standalone)."""
        return followups.standalone(question, history, self.llm if self.settings.condense_with_llm else None,
                                    names=self.decision.names)

    def stream(self, question: str, *, history: Sequence[tuple[str, str]] = (), issue: str | None = None,
               filters: Filters | None = None) -> Iterator[Event]:
        t0 = self.clock()
        # "what does [2] say?", "the second one": what the last answer cites there (before its marker is dropped)
        q = self.check_question(pointers.pointed_at(question, history) or question)
        filters = resolved(filters or Filters(issues=(issue,) if issue else ()), self.index.issues)
        check_filters(filters, self.index.issues)
        total_ms = lambda: _ms(self.clock() - t0)  # noqa: E731
        # "which issues do you have?", "who are you?": the index's own list, what the assistant is
        about = (about_archive.answered(q, self.index.issues, filters.admits_issue, self.llm_name, total_ms,
                                        self.index.version)
                 or followup_kinds.nothing_to_reword(q, history, total_ms, self.index.version)
                 or self._from_article.what_uncited_says(question, history, lambda q, before: self._sources_shown(
                     q, before, filters), total_ms)  # "what does [4] say?" of a folded source
                 or pointers.no_such_item_events(question, history, total_ms, self.index.version)
                 or self._from_article.what_it_says(question, history, filters, total_ms))  # "what does [3] say?"
        if about:
            yield from about
            return
        # "which issue was that in?", "who said that?", "which articles are on pay?": read from the articles, no model
        search = lambda s, k=None: self.retrieve(s, k=k, filters=filters)  # noqa: E731
        said = self._from_article.answered(q, history, filters, search, self._on_topic, self.decision.spelled_out,
                                           total_ms)
        if said:
            yield from said
            return
        # as searched: spelling, acronyms, an instruction or opening words left out, "go back to ...", "more simply"
        asked, heard, plainer = self._reading.asked(q, history)
        standalone = self.standalone(asked, heard)
        found = self.retrieve(standalone, filters=filters)
        if history and more.asks_for_more(q) and not citations.is_refusal(history[-1][1]):  # "tell me more"
            found = more.more_of(found, history[-1][1], lambda f: bool(self._refusal_of(standalone, f)))
        # "when did he say that?" after an answer: the archive knows at least when it reported what it just quoted
        dated_before = (bool(history) and answer_kinds.question_kind(q) == "date" and followups.asks_when_that_was(q)
                        and not citations.is_refusal(history[-1][1]))
        events = self._answered(q, standalone, found, t0, dated_before, simply=plainer)
        line = advice.chosen_line(self._advice_lines, filters.admits)  # (of the issues searched: walk 34)
        events = advice.pointed_if_asked(events, q, standalone, line, lambda line: hit_of(
            self.index, line.chunk, self.settings.public_base_url, rank=0, score=0.0))  # the magazine's own pointer
        asked_as = finished.Asked(q, asked, standalone, self._reading.in_another_language(q),
                                  across.before_its_year(q, self.index.issues))
        hint = None
        if wider.narrows(filters) and found.query_vector is not None:  # searched some issues only
            hint = lambda refused: wider.hint(  # noqa: E731
                self.index, found, filters, self.settings.other_issue_margin, refused,
                lambda: self._first_answering_hit(standalone))
        for event in events:
            if isinstance(event, DoneEvent):
                event = DoneEvent(finished.finished(event.answer, asked_as, today=self.today(),
                                                    word_passages=self.decision.word_passages, narrowed_hint=hint))
            yield event

    def _sources_shown(self, question: str, history: Sequence[tuple[str, str]], filters: Filters) -> tuple[Hit, ...]:
        """The sources a turn showed, found again: its events up to its sources, as the pipeline is deterministic up
        to there (the model writes after them)."""
        for event in self.stream(question, history=history, filters=filters):
            if isinstance(event, SourcesEvent):
                return () if event.refused else tuple(event.hits)
        return ()

    def _refusal_of(self, question: str, found: Retrieval) -> str:
        """self.refusal for the passages found, their sentences' cosines computed here."""
        context = found.hits[: self.settings.context_k]
        sims = self.similarities.sentence_similarities(context, found.query_vector) if context else []
        return self.refusal(question, found, sims)

    def _on_topic(self, question: str, found: Retrieval) -> bool:
        return self._refusal_of(question, found) != OFF_TOPIC  # over the refusal decision's cosine floor

    def _first_answering_hit(self, question: str) -> Hit | None:
        """Searching all issues, the first passage when the refusal decision finds the question answered, else None
        (for a question refused within some issues only)."""
        found = self.retrieve(question)
        return found.hits[0] if found.hits and not self._refusal_of(question, found) else None

    def _answered(self, q: str, standalone: str, found: Retrieval, t0: float,
                  dated_before: bool = False, simply: bool = False) -> Iterator[Event]:
        t_retrieved = self.clock()
        timings = {"retrieve": _ms(t_retrieved - t0)}
        base = Answer(question=q, answer="", refused=True, citations=(), hits=found.hits, llm=self.llm_name,
                      standalone_question=standalone, index_version=self.index.version)
        spread = across.spans_issues(standalone, {i.date[:4] for i in self.index.issues})
        context = prompts.passages_heard(standalone, found.hits, self.settings.context_k, spread)
        sims = self.similarities.sentence_similarities(context, found.query_vector) if context else []
        refusal = self.refusal(standalone, found, sims)
        if refusal == NOT_ANSWERED and dated_before:
            refusal = ""  # when what the previous answer quoted was said: its issue's date at least (below)
        if refusal:
            # the nearest articles, offered as further reading, never cited; none for a question off the archive's
            # topics (under the cosine floor), where the nearest are unrelated
            further = found.hits[:3] if refusal in (NOT_ANSWERED, WRITING) else ()
            yield SourcesEvent(further, standalone, True)
            timings.update(generate=0.0, total=_ms(self.clock() - t0))
            yield DoneEvent(replace(base, answer=citations.NOT_IN_ARCHIVE, llm="none", timings_ms=timings,
                                    notice=notices.WRITING if refusal in (WRITING, INSTRUCTION) else ""))
            return
        chosen = self._list_leads.led(self.evidence(standalone, context, found.query_vector, sims=sims, spread=spread))
        if superseded.asks_for_now(standalone) and not spread and not across.issues_of_named_year(
                standalone, [(i.issue_id, i.date) for i in self.index.issues]):
            chosen = superseded.without_stale_details(chosen)  # a newer issue's contact line over an older's
        messages, sent = prompts.build_answer_messages(
            standalone, chosen,
            token_budget=self.token_budget, count_tokens=self.count_tokens,
            today_issue=self._newest_issue(), simply=simply)
        yield SourcesEvent(tuple(sent), standalone, False)
        ranked = {h.chunk_id: i for i, h in enumerate(chosen)}  # best first; the prompt groups by article
        priority = [ranked.get(h.chunk_id, i) for i, h in enumerate(sent)]
        timings["sources"] = _ms(self.clock() - t0)
        text, notice, llm_name, failed = "", "", self.llm_name, ""
        if self.llm is None:
            notice = notices.NO_LLM_PLAINER if simply else notices.NO_LLM
        elif self.settings.answer_check and passages_do_not_answer(self.llm, messages):
            timings.update(generate=_ms(self.clock() - t_retrieved), total=_ms(self.clock() - t0))
            yield DoneEvent(replace(base, answer=citations.NOT_IN_ARCHIVE, llm=llm_name, timings_ms=timings))
            return
        else:
            try:
                for delta in self.llm.stream(messages):
                    if "first_token" not in timings:
                        timings["first_token"] = _ms(self.clock() - t0)
                    text += delta
                    yield TokenEvent(delta)
            except LLMError as exc:
                failed = notices.short(str(exc))
                notice = notices.FALLBACK.format(reason=failed)
                text = ""
        checked = self.check.check(text, llm_name, notice, question=standalone, sent=sent, priority=priority,
                                   query_vector=found.query_vector, spread=spread, dated_before=dated_before)
        cleaned, cites, refused, notice, llm_name = (checked.text, checked.citations, checked.refused, checked.notice,
                                                     checked.llm)
        if simply and self.llm is not None and llm_name == "extractive":
            notice = notices.joined(notice, notices.NOT_PLAINER)  # the model's plainer words fell back to quotes
        t_end = self.clock()
        timings.update(generate=_ms(t_end - t_retrieved), total=_ms(t_end - t0))
        if refused:
            # no quotes follow: a notice about quoted passages would point at nothing (a tester saw one)
            yield DoneEvent(replace(base, answer=citations.NOT_IN_ARCHIVE, llm=llm_name,
                                    notice=notices.refused(failed),
                                    timings_ms=timings))
            return
        yield DoneEvent(replace(base, answer=cleaned, refused=False, citations=tuple(cites), llm=llm_name,
                                notice=notice, timings_ms=timings))

    def answer(self, question: str, *, history: Sequence[tuple[str, str]] = (), issue: str | None = None,
               filters: Filters | None = None) -> Answer:
        for event in self.stream(question, history=history, issue=issue, filters=filters):
            if isinstance(event, DoneEvent):
                return event.answer
        raise AssertionError("the pipeline ended without an answer")  # stream always ends with DoneEvent

    def evidence(self, question: str, hits: Sequence[Hit], query_vector: np.ndarray | None = None, *,
                 sims: Sequence[np.ndarray] | None = None, spread: bool = False) -> Sequence[Hit]:
        """rag.answer.prompts.prompt_evidence within this pipeline's budget. query_vector: the question as retrieval
        embedded it (embedded again when not given); sims: sentence_similarities(hits, ...) when already computed."""
        if sims is None:
            q = self.embedder.embed_query(question) if query_vector is None else query_vector
            sims = self.similarities.sentence_similarities(hits, q)
        return prompts.prompt_evidence(question, hits, sims, budget=self.token_budget, count_tokens=self.count_tokens,
                                       lexical_weight=self.settings.evidence_lexical_weight,
                                       neighbours=self.settings.evidence_neighbours, spread=spread)

    def answerability_signals(self, question: str, found: Retrieval, sims: Sequence[np.ndarray]) -> dict[str, float]:
        """rag.answer.answerability.signals for this question and its retrieved passages."""
        return self.decision.signals(question, found, sims)

    def refusal(self, question: str, found: Retrieval, sims: Sequence[np.ndarray]) -> str:
        """Why the passages do not answer: OFF_TOPIC, NOT_ANSWERED, or "" (rag.answer.refusal)."""
        return self.decision.refusal(question, found, sims)

    @functools.cached_property
    def _reading(self) -> Reading:
        return Reading(self.index.chunks, self.known_word, lambda: self.decision.spelled_out)

    @functools.cached_property
    def _list_leads(self) -> ListLeads:
        return ListLeads(self.index.chunks)

    @functools.cached_property
    def _advice_lines(self) -> list[advice.AdviceLine]:
        return advice.advice_lines(self.index.chunks)  # read once per index, not per question

    def _newest_issue(self) -> str | None:
        issues = self.index.issues
        return f"{issues[0].title} ({issues[0].date})" if issues else None


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)
