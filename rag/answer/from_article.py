"""Answers read from one article's own text, without the model: who said what an answer quoted (rag.answer.speakers)
and who wrote an article (rag.answer.bylines). Each is the article's sentence saying so, quoted and cited, checked as
any quoted answer is; [] when the question asks something else or the article does not say."""

from __future__ import annotations

import dataclasses
import functools
from typing import Callable, Sequence

from rag.answer import (
    about_archive,
    acronyms,
    advice,
    article_list,
    bylines,
    citations,
    issue_contents,
    notices,
    pointers,
    source_said,
    speakers,
    where_from,
)
from rag.answer.checking import AnswerCheck
from rag.answer.events import DoneEvent, Event, SourcesEvent, without_search
from rag.answer.issue_names import headline_shown, issue_named
from rag.answer.quote_text import quoted
from rag.answer.retrieve import Filters, Retrieval, hit_of
from rag.index.reader import LoadedIndex
from rag.textnorm import words_key
from rag.types import Answer, Chunk, Hit


class FromArticle:
    def __init__(self, index: LoadedIndex, check: AnswerCheck, public_base_url: str | None):
        self.index, self.check, self.public_base_url = index, check, public_base_url

    def answered(self, q: str, history: Sequence[tuple[str, str]], filters: Filters,
                 search: Callable[[str, int | None], Retrieval], on_topic: Callable[[str, Retrieval], bool],
                 spelled_out: dict[str, str], total_ms: Callable[[], float]) -> list[Event]:
        """The first of these the question asks for, read from the articles without the model; [] for any other."""
        return (self.issue_contents(q, filters, total_ms)  # "what's in the latest issue?"
                or self.where_from(q, history, filters, total_ms)  # "which issue was that in?"
                or self.stands_for(q, spelled_out, filters, total_ms)  # "what does VSM stand for?"
                or self.said_by(q, history, filters, total_ms)  # "who said that?"
                or self.written_by(q, history, filters, search, total_ms)  # "who wrote the editorial?"
                or self.articles_on(q, search, on_topic, total_ms))  # "which articles are there about pay?"

    def said_by(self, q: str, history: Sequence[tuple[str, str]], filters: Filters,
                total_ms: Callable[[], float]) -> list[Event]:
        """"who said that?" (or "who said <words of the archive>?"): the article's sentence naming the speaker; []
        when the question asks something else, or the words are not the archive's, or who said them cannot be told."""
        words = speakers.asked_words(q)
        if words is None and not (history and speakers.asks_who_said_that(q)):
            return []
        chunks = [c for c in self.index.chunks if filters.admits(c)]
        said = (speakers.who_said_words(words, chunks) if words is not None
                else speakers.who_said(history[-1][1], chunks))
        if said is None:
            return []
        if said.own_words and bylines.asked_article(q) is not None:  # "who wrote that?" of the article's own words
            written = self.written_by(q, history, filters, lambda _: Retrieval((), 0.0, 0.0), total_ms)
            if written:  # its writer, when the article names one
                return written
        if said.own_words:  # "who said that?" of the article's own words: its writer, when its byline names one (a
            # walk got the list's lead-in, "Your employer must:", and "Nobody is quoted saying this")
            written = self._bylines(q, "Who wrote that?", [(said.chunk.issue_id, said.chunk.article_id)], filters,
                                    total_ms, notice=notices.OWN_WORDS_BY)
            if written:
                return written
        standalone = f'Who said "{said.quoted.rstrip(" .")}"?'
        return self._quoted(q, standalone, [said.chunk], [quoted(said.sentence)], total_ms,
                            notice=notices.OWN_WORDS if said.own_words else None, asked="Who said that?")

    def written_by(self, q: str, history: Sequence[tuple[str, str]], filters: Filters,
                   search: Callable[[str], Retrieval], total_ms: Callable[[], float]) -> list[Event]:
        """"who wrote the editorial?" (or "who wrote that article?" after an answer): each asked article's byline or
        sign-off, with its issue and headline; [] when the question asks something else, or no article the search
        found is the one asked about, or it names no writer."""
        what = bylines.asked_article(q)
        if what is None:
            return []
        searched_ms = 0.0
        if bylines.about_last_answer(what):
            keys = self._quoted_articles(history, filters)
        else:
            before = total_ms()
            keys = bylines.articles_asked(what, search(q).hits[:10])
            searched_ms = total_ms() - before
        return self._bylines(q, f"Who wrote {what}?", keys, filters, total_ms, searched_ms=searched_ms)

    def _bylines(self, q: str, standalone: str, keys: Sequence[tuple[str, str]], filters: Filters,
                 total_ms: Callable[[], float], searched_ms: float = 0.0, notice: str | None = None) -> list[Event]:
        """Each article's byline or sign-off, with its issue and headline; [] when none names its writer."""
        found = [b for key in keys if (b := bylines.byline_of(self._article(key, filters))) is not None]
        if not found:
            return []
        lines = [f'From {issue_named(b.chunk.issue_title, b.chunk.date)}, "{headline_shown(b.chunk.headline)}": '
                 f'{quoted(b.sentence)}'
                 for b in found]
        return self._quoted(q, standalone, [b.chunk for b in found], lines, total_ms, searched_ms=searched_ms,
                            notice=notice)

    def articles_on(self, q: str, search: Callable[[str, int], Retrieval], on_topic: Callable[[str, Retrieval], bool],
                    total_ms: Callable[[], float]) -> list[Event]:
        """"which articles are there about pay?": the articles the search for the topic finds, by headline and issue,
        each cited to its best passage; [] when the question asks something else or the topic is off the archive's
        (then it is answered, or refused, as any question)."""
        topic = article_list.asked_topic(q)
        if topic is None:
            return []
        before = total_ms()
        found = search(topic, article_list.SEARCHED)
        searched_ms = total_ms() - before
        if not found.hits or not on_topic(topic, found):
            return []
        pool = article_list.headlines_first(topic, found.hits, top=8)
        count = None
        if article_list.asks_how_many(q):  # every article using the topic's words counts, and may be listed
            using = article_list.articles_using(topic, self.index.chunks, self._passage_terms)
            count = len(using)
            pool += [hit_of(self.index, c, self.public_base_url, rank=0, score=0.0) for c in using]
        listed = article_list.articles(pool)
        chosen = tuple(dataclasses.replace(h, rank=i) for i, h in enumerate(listed, 1))
        return self._listing(q, topic, chosen, article_list.listed(topic, chosen, count), total_ms,
                             searched_ms=searched_ms)

    def issue_contents(self, q: str, filters: Filters, total_ms: Callable[[], float]) -> list[Event]:
        """"what's in the latest issue?", "summarise issue 68": the issue's articles by headline and page, each cited to
        its first passage; that there is no such issue, with those there are; [] when the question asks something
        else (rag.answer.issue_contents)."""
        issues = [i for i in self.index.issues if filters.admits_issue(i.issue_id, i.date)]
        issue = issue_contents.asked_issue(q, issues)
        if issue is None:
            return []
        if isinstance(issue, str):
            return without_search(q, issue_contents.no_such_issue(issue, issues), refused=True, notice="",
                                  total_ms=total_ms(), version=self.index.version)
        firsts = issue_contents.first_passages(issue, self.index.chunks)
        hits = tuple(hit_of(self.index, c, self.public_base_url, rank=k, score=1.0) for k, c in enumerate(firsts, 1))
        # nothing was searched: no "Searched for: Articles in ..." line under it (q is the standalone question)
        return self._listing(q, q, hits, issue_contents.listed(issue, firsts), total_ms)

    def stands_for(self, q: str, known: dict[str, str], filters: Filters, total_ms: Callable[[], float]) -> list[Event]:
        """"what does VSM stand for?": what the archive spells it out as, in the article's own sentence saying so (the
        newest); [] when the question asks something else, or the archive never spells the acronym out (known:
        acronyms.spelled_out). A session-25 batch's question was first quoted "our long standing policy is that VSMs
        should get the same pay rise ..."."""
        asked = acronyms.asked_to_spell(q, known)
        if asked is None:
            return []
        acronym, expansion = asked
        found = acronyms.spelling_sentence(acronym, expansion, [c for c in self.index.chunks if filters.admits(c)])
        if found is None:
            return []
        chunk, sentence = found
        line = (f'{acronyms.as_written(acronym, sentence)} stands for "{expansion}". '
                f'From {issue_named(chunk.issue_title, chunk.date)}, '
                f'"{headline_shown(chunk.headline)}": {quoted(sentence)}')
        return self._quoted(q, f"What does {acronym} stand for?", [chunk], [line], total_ms)

    def where_from(self, q: str, history: Sequence[tuple[str, str]], filters: Filters,
                   total_ms: Callable[[], float]) -> list[Event]:
        """"which issue was that in?", "what page is that on?": the issue, headline and page of each article the answer
        before cites (rag.answer.where_from); [] when the question asks something else, or the answer before cites
        nothing the archive holds."""
        # the answer it asks of, past the replies to such questions ("what page is that on?" after "which issue was
        # that in?" was searched, or refused: a walk), which cite their passages by headline
        # ... and past refusals, greetings and no-such-item replies: walk 28's "which issue was that in?" after a
        # refused "how do I contact him?" was searched, rewritten as "What issue was causing significant anxiety ..."
        asked_of = [answer for question, answer in history if not where_from.asks_where_from(question)
                    and not citations.is_refusal(answer) and not pointers.said_no_such_item(answer)
                    and not about_archive.courtesy(question)]
        if not asked_of or not where_from.asks_where_from(q):
            return []
        passages = where_from.cited_passages(asked_of[-1], self.index.chunks, self._passage_words, filters.admits)
        if not passages:
            return []
        hits = tuple(hit_of(self.index, c, self.public_base_url, rank=k, score=1.0) for k, c in enumerate(passages, 1))
        return self._listing(q, q, hits, where_from.where_from(passages, q), total_ms)  # nothing searched

    def what_it_says(self, question: str, history: Sequence[tuple[str, str]], filters: Filters,
                     total_ms: Callable[[], float]) -> list[Event]:
        """"what does [3] say?": the sentence the answer before cites as [3], read on in its passage, with its issue,
        headline and page (rag.answer.source_said); [] when the question asks something else, or the words cited
        cannot be traced to a passage (then it is asked about, rag.answer.pointers.pointed_at)."""
        asked = source_said.asks_what_it_says(question, history)
        if asked is None:
            return []
        n, text = asked
        admitted = [(c, key) for c, key in zip(self.index.chunks, self._passage_words.keys) if filters.admits(c)]
        found = source_said.passage_of(text, [c for c, _ in admitted], [key for _, key in admitted])
        if found is None:  # a model's own words: the passage holding most of them, as "which issue was that in?"
            traced = where_from.cited_passages(f"{text} [{n}]", self.index.chunks, self._passage_words, filters.admits)
            if not traced:
                return []
            found = traced[0], source_said.sentence_nearest(text, traced[0])
        chunk, at = found
        said = source_said.what_it_says(n, chunk, source_said.read_on(chunk, at))
        return self._quoted(question, question, [chunk], [], total_ms, text=said)

    def what_uncited_says(self, question: str, history: Sequence[tuple[str, str]],
                          shown: Callable[[str, Sequence[tuple[str, str]]], Sequence[Hit]],
                          total_ms: Callable[[], float]) -> list[Event]:
        """"what does [4] say?" of a source the answer before was given but does not cite (the chat shows it folded,
        "read, not cited"): that turn's sources found again as they were shown (shown: a turn's question and the turns
        before it -> its sources), and the passage read from where its card starts; [] when the question asks something
        else."""
        asked = pointers.uncited_item(question, history)
        if asked is None:
            return []
        n, turn = asked
        hits = shown(history[turn][0], history[:turn])
        if not 0 < n <= len(hits):
            return []
        chunk = self.index.chunk(hits[n - 1].chunk_id)
        # from where its card starts: the passage as sent may be cut to its best sentences
        first = hits[n - 1].text.strip(" \u2026").split("\u2026")[0]
        found = source_said.passage_of(first, [chunk])
        said = source_said.what_it_says(n, chunk, source_said.read_on(chunk, found[1] if found else 0), cited=False)
        return self._quoted(question, question, [chunk], [], total_ms, text=said)

    def _listing(self, q: str, standalone: str, hits: tuple[Hit, ...], text: str, total_ms: Callable[[], float],
                 searched_ms: float = 0.0) -> list[Event]:
        """A list of articles as an answer: each line is the index's own headline (and issue, page), cited to its
        passage [n] = hits[n - 1]: nothing to check."""
        cites = tuple(citations.citation_of(k, h, True) for k, h in enumerate(hits, 1))
        timings = {"retrieve": round(searched_ms, 1), "generate": 0.0, "total": total_ms()}
        return [SourcesEvent(hits, standalone, False),
                DoneEvent(Answer(question=q, answer=text, refused=False, citations=cites, hits=hits, llm="extractive",
                                 timings_ms=timings, standalone_question=standalone, notice="",
                                 index_version=self.index.version))]

    @functools.cached_property
    def _passage_words(self) -> where_from.PassageWords:
        return where_from.passage_words(self.index.chunks, self._passage_terms)  # the terms read once, for both

    @functools.cached_property
    def _passage_terms(self) -> list[frozenset[str]]:
        return article_list.passage_terms(self.index.chunks)

    def _article(self, key: tuple[str, str], filters: Filters) -> list[Chunk]:
        return [c for c in self.index.chunks if (c.issue_id, c.article_id) == key and filters.admits(c)]

    def _quoted_articles(self, history: Sequence[tuple[str, str]], filters: Filters) -> list[tuple[str, str]]:
        """The article holding the first words the answer before quoted (not the advice line: rag.answer.advice), or
        []."""
        if not history:
            return []
        first = next(iter(speakers.quoted_in(advice.without_pointer(history[-1][1]))), None)
        if first is None:
            return []
        wanted = words_key(first)[:120]
        return next(([(c.issue_id, c.article_id)] for c in self.index.chunks
                     if filters.admits(c) and wanted in words_key(c.text)), [])

    def _quoted(self, q: str, standalone: str, chunks: Sequence[Chunk], lines: Sequence[str],
                total_ms: Callable[[], float], notice: str | None = None, searched_ms: float = 0.0,
                asked: str | None = None, text: str = "") -> list[Event]:
        """asked: the question the answer's notices read (a year inside the quoted words is not one the member asked
        about: "No issue in the archive is from 2023" came under "who said that?" of a sentence on 2023-24). text: the
        answer as written, cited already, instead of lines (each cited to its chunk)."""
        hits: list[Hit] = [hit_of(self.index, c, self.public_base_url, rank=i + 1, score=1.0)
                           for i, c in enumerate(chunks)]
        # a paragraph each in the chat
        text = text or "\n\n".join(f"{line} [{i + 1}]" for i, line in enumerate(lines))
        checked = self.check.check(text, "extractive", "", question=asked or standalone, sent=hits,
                                   priority=list(range(len(hits))), query_vector=None, spread=False)
        if checked.refused or not checked.citations:
            return []
        timings = {"retrieve": round(searched_ms, 1), "generate": 0.0, "total": total_ms()}
        return [SourcesEvent(tuple(hits), standalone, False),
                DoneEvent(Answer(question=q, answer=checked.text, refused=False, citations=tuple(checked.citations),
                                 hits=tuple(hits), llm="extractive", timings_ms=timings, standalone_question=standalone,
                                 notice=checked.notice if notice is None else notice,
                                 index_version=self.index.version))]
