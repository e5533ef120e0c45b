"""What is shown of an answer once it is written: its claims checked against the passages sent, the passages' own
words where the model's are not backed or it declined, the quotes for what it left out, and the dates and notices
it needs. One step for every answer of the pipeline (a model's, or quoted passages when there is none)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from rag import contact_details
from rag.answer import acronyms, across, advice, answer_kinds, casing, citations, notices, prompts, unmentioned
from rag.answer.quote_choice import details_tier
from rag.answer.quoting import Quoting
from rag.answer.refusal import RefusalDecision
from rag.answer.similarity import Similarities
from rag.errors import LLMError
from rag.index.reader import LoadedIndex
from rag.sentences import split_sentences
from rag.types import LLM, Citation, Hit


@dataclass(frozen=True)
class Checked:
    text: str  # what the member is shown ("" when refused)
    citations: list[Citation]
    refused: bool
    notice: str
    llm: str  # "extractive" when the passages' own words replaced the model's


def _whose_details(question: str, sent: Sequence[Hit]) -> set[str]:
    """The phone numbers and emails the passages give beside whom a contact question names (by name or role:
    quote_choice.details_tier): "To contact Katia Widlak, you should email MemberAdvice@..." gave the advice line's,
    hers (k.widlak@...) beside her name (walk 28). Empty when the question names no one the passages give one for."""
    tier = details_tier(question)
    if tier is None:
        return set()
    return {d for h in sent for s in split_sentences(h.text) if tier(s) == 2 for d in contact_details.details_of(s)}


class AnswerCheck:
    def __init__(self, index: LoadedIndex, quoting: Quoting, similarities: Similarities, decision: RefusalDecision):
        self.index, self.quoting, self.similarities, self.decision = index, quoting, similarities, decision

    def check(self, text: str, llm_name: str, notice: str, *, question: str, sent: Sequence[Hit],
              priority: Sequence[int], query_vector: np.ndarray | None, spread: bool,
              dated_before: bool = False) -> Checked:
        """text: the model's answer to question from the passages sent ("" when it gave none: quoted passages
        instead). priority: each passage's rank (the prompt groups them by article). dated_before: a follow-up
        asking when what was just said was said."""
        if not text.strip():
            text = self.quoting.extractive(question, sent, priority, query_vector, spread)
            llm_name = "extractive"
            notice = notice or notices.NO_LLM
        support = self.similarities.support(sent)  # one per answer: it keeps the claim vectors it has computed
        # An uncited sentence that clears the bar a cited one must clear gets its passage's marker.
        written = llm_name != "extractive"  # a model's words, not the passages' own
        whole = [self._whole_text(h) for h in sent] if written else None
        if written:  # "Yes, you are on the wrong pay band [1]": no article knows the member's case
            text = advice.without_verdicts(casing.restored(text, self._casing), question)  # "mip" -> "MiP"
            # "VSMs (voluntary service managers)": what the archive says they are
            text = acronyms.expansions_corrected(text, self.decision.spelled_out)
            text = unmentioned.without_unheld_words(text, question, [citations.passage_text(h) for h in sent] + whole,
                                                    self.decision.word_passages)
        unbacked = written and not text.strip()  # nothing of the model's answer left to show: not a decline
        cleaned, cites = citations.validate(text, sent, support=support, add_threshold=0.5,
                                            question=question if written else "",
                                            names=written and answer_kinds.asks_for_a_name(question),
                                            rarity=self.decision.document_frequencies()[0] if written else None,
                                            whole_texts=whole,
                                            article_texts=[self._article_text(h) for h in sent] if written else None)
        if cites and written:
            cleaned = citations.only_cited_sentences(cleaned)
        refused = not unbacked and (citations.is_refusal(cleaned) or not cleaned.strip())
        # The fitted decision found an answer in these passages: the model's "not in the archive" was wrong more
        # often than right (docs/evals.md), so the passages' own words are shown instead, said as such.
        declined = refused and self.decision.fitted
        # "how do i contact mip": an answer giving no address or number where a passage gives one answers nothing
        # asked (a walk's was the discrimination guide's steps, "Contacting your MiP rep: Agree an action plan")
        # ... nor one giving another's where a passage gives the detail of whom it names (walk 28)
        undetailed = (written and not refused and bool(cites) and contact_details.asks_for_details(question)
                      and any(contact_details.holds_details(h.text) for h in sent))
        wanted = _whose_details(question, sent) if undetailed else set()
        if undetailed:
            undetailed = (not wanted & contact_details.details_of(cleaned) if wanted
                          else not contact_details.holds_details(cleaned))
        if (declined or undetailed or not refused and not cites) and written:
            # not shown as backed when it is not
            fallback = self.quoting.extractive(question, sent, priority, query_vector, spread)
            cleaned, cites = citations.validate(fallback, sent, support=support)
            # (not "the sources do not answer this" over quotes that may well answer it: a walk found that confusing)
            notice = (notices.DECLINED if declined
                      else notices.FALLBACK.format(reason=("its answer gave no contact details" + (
                          " of whom you asked about" if wanted else "")) if undetailed
                                                   else "its answer was not backed by the sources"))
            llm_name, refused, written = "extractive", not cites, False
        if not refused and written:
            cleaned, cites = self.quoting.supporting(question, sent, cleaned, cites, support, priority,
                                                     query_vector, spread)
            if prompts.is_temporal(question):
                cleaned = citations.dated(cleaned, cites)
        if not refused and (dated_before or answer_kinds.asks_date_not_given(question, cleaned)):
            cleaned = citations.dated(cleaned, cites, lead="Reported in")  # "when was that?": when it was news
        dated = [(i.issue_id, i.date) for i in self.index.issues]
        named = across.issues_of_named_year(question, dated)
        if not refused and named and not any(c.issue in named for c in cites):
            notice = notices.joined(notice, notices.other_year(named, [c.issue_title for c in cites]))
        if not refused:  # "what pay rise did we get in 2025?": no issue of 2025 to answer from
            missing = (across.year_without_issue(question, dated)
                       or across.season_without_issue(question, [i.season for i in self.index.issues]))
            notice = notices.joined(notice, notices.no_issue_of_year(missing, [c.issue_title for c in cites]))
        return Checked(cleaned, cites, refused, notice, llm_name)

    @functools.cached_property
    def _casing(self) -> dict[str, str]:
        return casing.archive_casing(c.text for c in self.index.chunks)

    @functools.cached_property
    def _article_bodies(self) -> dict[tuple[str, str], str]:
        """Each article's passages in reading order, joined (they overlap: a sentence may come twice), built once."""
        parts: dict[tuple[str, str], list] = {}
        for c in sorted(self.index.chunks, key=lambda c: c.position):
            parts.setdefault((c.issue_id, c.article_id), []).append(c.text)
        return {key: " ".join(texts) for key, texts in parts.items()}

    def _article_text(self, hit: Hit) -> str:
        """The hit's whole article, headline first."""
        body = self._article_bodies.get((hit.issue, hit.article_id))
        return citations.passage_text(hit) if body is None else f"{hit.article}. {body}"  # (a test's own hit)

    def _whole_text(self, hit: Hit) -> str:
        try:
            return self.index.chunk(hit.chunk_id).text
        except KeyError:  # not a passage of this index (a test's own hit)
            return hit.text


def passages_do_not_answer(llm: LLM, messages: list[dict]) -> bool:
    """The LLM's yes/no on whether the passages of an answer prompt answer its question (a failed check is not a
    no: the answer call will meet the same problem and fall back, saying why)."""
    try:
        reply = "".join(llm.stream(prompts.build_check_messages(messages), max_tokens=3))
    except LLMError:
        return False
    return prompts.check_says_no(reply)
