"""The chat's event handlers: ask (streamed, cited, limited), stop, new chat, settle and restore; vote and comment are
rag.web.vote_handlers's."""

# Handlers take and return Gradio updates, so gradio is imported at the top: only the app imports this module.
import logging
import threading
import time

import gradio as gr

from rag.answer.notices import model_part
from rag.answer.sanitize import sanitize_answer
from rag.config import Settings
from rag.errors import InputError, RagError
from rag.llm.asked import Asked, NeedsModel, as_asked, needs_model, steps_as_asked
from rag.llm.client import READY, answering
from rag.web.access import client_key
from rag.web.chat_page import MAX_SAVED_TURNS, restore_turns
from rag.web.chat_render import (
    WAITING,
    about_this_answer,
    answer_notice,
    banner_html,
    finished_status,
    focus_sources,
    history_pairs,
    member_banner,
    message_html,
    new_turn,
    settled,
    source_entries,
    waiting_words,
)
from rag.web.feedback_log import answer_trace
from rag.web.further_reading import further_reading
from rag.web.interrupts import Interrupts, UnderWay, answered_elsewhere
from rag.web.limits import RateLimiter, check_question, rate_message, sendable
from rag.web.searched import searched_for
from rag.web.small_talk import answered_without_model, nothing_to_answer, said_at_once, small_talk
from rag.web.vote_handlers import VoteHandlers
from rag.web.vote_handlers import chat_update as _chat

log = logging.getLogger(__name__)

STREAM_EVERY_S = 0.05  # redraw at most 20 times a second: many clients share 2 cores
UNCHANGED = (gr.skip(),) * 5  # an ask step that redraws nothing
NOT_NOW = (*UNCHANGED, "", *(gr.skip(),) * 3)  # reply_now answered nothing (and redraws nothing)
SAID = "said"  # what reply_now did with a message needing no search: said what it says (no turn of its own)
WRITING = "The AI model is writing your answer…"
QUEUED = "Other members’ questions are being answered: yours waits for a free place…"


class ChatHandlers(VoteHandlers):
    """The event handlers, holding the pipeline, settings and rate limiters; the conversation lives in turns."""

    def __init__(self, pipeline, settings: Settings, queue_places=lambda: (0, 0)):
        self.pipeline = pipeline
        self.queue_places = queue_places  # (running, waiting) in Gradio's queue for the answers' places
        self.settings = settings
        self.base = settings.public_base_url.rstrip("/")
        self.limiter = RateLimiter(settings.rate_per_minute)
        self.feedback_limiter = RateLimiter(settings.rate_per_minute)
        self.interrupts = Interrupts()
        self.answering, self._count = 0, threading.Lock()  # answers being written now (RAG_CONCURRENCY at most)
        self.under_way = UnderWay()  # questions sent and not ended, for a tab opened meanwhile (rag.web.interrupts)

    def ask(self, question: str, issue: str | None, turns: list, request: gr.Request, sent: int | None = None,
            replied: str | None = None):
        """Stream one answer: its sources as soon as retrieval is done, then the text, then the checked answer.

        Yields (chat, status, notice, question box, turns). Once the member pressed New chat or Stop in this session
        (since `sent`, the session's mark as the question was sent, else since now) the model's stream is closed and
        the answer ends with a step that redraws nothing: Gradio repeats an answer's last step as it ends, and a late
        redraw would bring back what they removed. A question stopped while it waited in the queue is not answered, nor
        one reply_now answered (replied: what it did, "" when it answered nothing).
        """
        tid = turns[-1].get("id") if turns and turns[-1].get("state") == "queued" else None
        try:
            yield from self._asking(question, issue, turns, request, sent, replied)
        finally:
            self.under_way.ended(tid)

    def _asking(self, question: str, issue: str | None, turns: list, request: gr.Request, sent, replied):
        session = getattr(request, "session_hash", None)
        mark = self.interrupts.mark(session) if sent is None else sent
        if nothing_to_answer(question, turns, replied):
            yield UNCHANGED
            return
        # a question stopped while its request waits for a one-at-a-time model leaves that queue at once
        steps = self._answer(question, issue, turns, request, wanted=lambda: self.interrupts.live(session, mark))
        with self._count:
            self.answering += 1
        try:
            if not self.interrupts.live(session, mark):
                yield UNCHANGED
                return
            for step in steps:
                if not self.interrupts.live(session, mark):
                    steps.close()  # ends the model's stream too
                    yield UNCHANGED
                    return
                yield step
        finally:
            steps.close()
            with self._count:
                self.answering -= 1

    def model_state(self) -> str:
        """The model's state for the About line. "Ready" is not said while this app's answers are under way: the local
        model counts a question only once its stream has started, and its first words come 5-30 s after, so walk 28
        read "The AI model is ready" beside "Reading the sources and thinking…"."""
        said = self.pipeline.llm_status()
        with self._count:
            under_way = self.answering
        return answering(under_way) if said == READY and under_way else said

    def places_taken(self) -> int:
        """The answers' places a question sent now finds taken: those answering, and the questions waiting in Gradio's
        queue for a place, which go first. By this app's count alone, a place an answer had just left (stopped, or
        ended) was free, and reply_now left "which issues do you have?" to wait over 20 s behind another member's
        question that took it (walk 32)."""
        with self._count:
            answering = self.answering
        running, waiting = self.queue_places()
        return max(answering, running) + waiting

    def reply_now(self, question: str, issue: str | None, turns: list, request: gr.Request, sent: int | None = None):
        """While other members' answers hold every place, the question sent answered at once if it needs no model
        ("which issues do you have?", "who said that?", a refusal): walk 30 saw them wait 37-120 s for a place. So is a
        message the archive is not searched for ("thanks", "?", a paste over the limit), said at once already: its ask
        waited for a place, Stop shown instead of Ask meanwhile (walk 32); the box keeps it, as it did. Else nothing,
        and ask answers it in its turn. Returns (chat, status, notice, box, turns, replied, send, stop, saved).
        """
        free = self.places_taken() < self.settings.concurrency
        queued = bool(turns) and turns[-1].get("state") == "queued"
        said = not queued and said_at_once(question, self.settings.max_question_chars)
        session = getattr(request, "session_hash", None)
        if free or not (queued or said) or not self.interrupts.live(session, self.interrupts.mark(session)
                                                                    if sent is None else sent):
            return NOT_NOW
        last = answered_without_model(self._answer(question, issue, turns, request, reaching=needs_model))
        if last is None:  # it waits its turn: the status line said the answer before's "Answered." on (walk 34)
            return NOT_NOW if said else (NOT_NOW[0], message_html(QUEUED, "info"), *NOT_NOW[2:])
        if said:
            return (*last[:3], gr.skip(), last[4], SAID, gr.update(visible=True), gr.update(visible=False), gr.skip())
        self.limiter.allow(client_key(request))  # counted as answered: ask, which counts, will not answer it
        turns = last[-1]
        return (*last, turns[-1]["id"] if turns else "", gr.update(visible=True), gr.update(visible=False),
                turns[-MAX_SAVED_TURNS:])

    def _answer(self, question: str, issue: str | None, turns: list, request: gr.Request, wanted=None,
                reaching=None):
        turns = list(turns or [])
        queued = turns.pop() if turns and turns[-1].get("state") == "queued" else None  # shown as it was sent
        question = queued["question"] if queued else sendable(question)  # back into the box as typed on a refusal
        try:
            q = check_question(question, self.settings.max_question_chars)
        except InputError as e:
            yield _chat(turns), message_html(str(e)), gr.skip(), question, turns
            return
        said = small_talk(q)  # "hi", "thanks": a reply, not a search of the archive
        if said:
            yield _chat(turns), message_html(said, "note"), gr.skip(), "", turns
            return
        key = client_key(request)
        if reaching is None and not self.limiter.allow(key):  # reply_now counts only what it answers
            yield _chat(turns), message_html(rate_message(self.limiter.retry_after(key))), gr.skip(), question, turns
            return
        turn = dict(new_turn(q), id=queued["id"]) if queued else new_turn(q)  # its place in the chat kept
        turn["asked"] = time.time()  # New chat drops turns asked before it, should a late redraw bring them back
        turn["scope"] = next((i.title for i in self.pipeline.index.issues if issue and i.issue_id == issue), "")
        turns.append(turn)
        asked = Asked(time.monotonic())  # its requests reach a one-at-a-time model in the order members asked
        asked.wanted, asked.reaching = wanted or asked.wanted, reaching or asked.reaching
        # A follow-up's rewrite waits for the model too: the wait is said from the start, not only with the sources
        ahead = as_asked(asked, self.pipeline.llm_queue)
        if ahead[0] > 0:
            turn["waiting"] = waiting_words(*ahead)
        # The box was emptied as the question was sent (starting): what is in it now is the member's next question.
        yield (_chat(turns), message_html(turn.get("waiting") or "Searching the archive…", "info"), gr.skip(),
               gr.skip(), turns)
        shown, sent, refused_first = 0.0, (), False
        try:
            for ev in steps_as_asked(asked, self.pipeline.stream(q, history=history_pairs(turns[:-1]),
                                                                  issue=issue or None)):
                if hasattr(ev, "answer"):  # DoneEvent: the checked answer replaces the raw stream
                    a = ev.answer
                    turn.update(answer=sanitize_answer(a.answer), draft="", trace=answer_trace(a, turn["draft"]),
                                state="refused" if a.refused else "done",
                                cited=[c.n for c in a.citations], quoted=a.llm == "extractive" and not a.refused,
                                notice=answer_notice(a.notice),
                                searched=searched_for(q, a.standalone_question))
                    if a.refused:  # no references beside a "not in the archive" reply; the nearest articles to read
                        turn["sources"] = []
                        if not refused_first:  # refused after the sources were sent: the nearest of those
                            turn["further"] = further_reading(a.hits, base=self.base)
                    else:  # each cited card shows the sentence its [n] cites, not only the passage's start
                        turn["sources"] = focus_sources(turn["sources"], sent, turn["answer"])
                    yield (_chat(turns), message_html(finished_status(turn), "info"), banner_html(self._banner(a)),
                           gr.skip(), turns)
                    return
                if hasattr(ev, "hits"):  # SourcesEvent: the passages, numbered as the model sees them
                    sent, refused_first = (() if ev.refused else ev.hits), ev.refused  # off-topic: no further reading
                    # the wait is said in the answer itself: the status line is for screen readers only (a walk
                    # read "Reading the sources and thinking…" for 96 s while another member's answer was written)
                    turn.update(sources=[] if ev.refused else source_entries(ev.hits, base=self.base),
                                further=further_reading(ev.hits, base=self.base) if ev.refused else [],
                                state="writing", waiting=waiting_words(*as_asked(asked, self.pipeline.llm_queue)))
                    yield _chat(turns), message_html(turn["waiting"], "info"), "", gr.skip(), turns
                else:  # TokenEvent
                    waited = turn.pop("waiting", "") not in ("", WAITING)  # kept only while it is shown
                    turn["draft"] += ev.text
                    if waited or time.monotonic() - shown >= STREAM_EVERY_S:  # the wait is over: said at once
                        shown = time.monotonic()
                        status = message_html(WRITING, "info") if waited else gr.skip()
                        yield _chat(turns), status, gr.skip(), gr.skip(), turns
        except NeedsModel:
            raise  # reply_now: it is answered in its turn
        except RagError as e:
            turns.pop()
            yield _chat(turns), message_html(str(e)), "", q, turns
            return
        except Exception:  # the member gets a message, staff get the traceback
            log.exception("answering failed")
            turns.pop()
            yield _chat(turns), message_html("Something went wrong while answering. Please try again."), "", q, turns
            return
        turns.pop()  # the stream ended without an answer
        yield _chat(turns), message_html("No answer came back. Please try again."), "", q, turns

    def starting(self, question: str, turns: list, request: gr.Request):
        """As a question is sent: Stop instead of Ask, and the browser's copy of the chat holds the question already,
        so a reload mid-answer shows it (as stopped) instead of losing it. A comment box a vote left open closes: it
        is for the answer voted on, and a comment typed there under the new answer would be recorded against that
        one (a walk). The question is shown at once, as waiting its turn, and the box emptied for the next one: with
        RAG_CONCURRENCY answers being written it waits in Gradio's queue, where a walk saw the first screen stay, the
        question gone from view and only Gradio's "queue: 2/2 | 6.5s" over the chat and the box (ask takes it up).
        Returns (send, stop, saved copy, the session's interrupt mark for ask, comment row, chat, box, turns)."""
        sending = gr.update(visible=False), gr.update(visible=True)
        mark = self.interrupts.mark(getattr(request, "session_hash", None))
        try:
            q = check_question(question, self.settings.max_question_chars)
        except InputError:  # ask says why, and leaves it in the box
            return *sending, gr.skip(), mark, *(gr.skip(),) * 4
        if small_talk(q):  # ask replies in the status line, the chat left as it was
            return *sending, gr.skip(), mark, gr.update(visible=False), *(gr.skip(),) * 3
        turn = dict(new_turn(q), state="queued", asked=time.time(),
                    waiting=QUEUED if self.places_taken() >= self.settings.concurrency else "")
        turns = [*(t for t in turns or [] if t.get("state") != "queued"), turn]
        self.under_way.sent(turn["id"])
        return *sending, turns[-MAX_SAVED_TURNS:], mark, gr.update(visible=False), _chat(turns), "", turns

    def _banner(self, answer) -> str:
        """Why the model's answer is not shown, said once above the chat (not when no model is configured at all):
        the model down, slow or busy. That it declined this question or was not backed, and other notices, are said
        with their answer alone (a walk saw one outlive it above the chat, and another lost with the next question)."""
        said = "" if self.pipeline.llm_name == "extractive" else model_part(answer.notice)[0]
        if about_this_answer(said):  # said under its answer, and kept with it
            return ""
        shown = member_banner(said)
        if shown != said:
            log.warning("the model failed; the member was told %r: %s", shown, said)  # the details, for staff
        return shown

    def stop(self, turns: list, request: gr.Request):
        """The member stopped the answer: keep what was written, marked as stopped (a question still waiting its turn
        too)."""
        self.interrupts.interrupt(getattr(request, "session_hash", None))
        turns = settled(turns, 0.0)  # nothing dropped: Stop keeps the conversation
        return _chat(turns), message_html("Stopped.", "info"), turns

    @staticmethod
    def settle(turns: list, cleared_at: float, stopped_at: float = 0.0):
        """After each answer, Stop and New chat: Ask back, the browser's copy saved, and the chat as the member left
        it. The browser can draw a redraw sent just before New chat or Stop again after them (seen in chromium:
        the old answer came back with no new message from the server), so this runs once the answer is cancelled
        and always redraws the chat; a question asked after the last Stop (stopped_at) is still being answered.
        Returns (send, stop, saved copy, chat, turns)."""
        turns = settled(turns, cleared_at or 0.0, stopped_at or 0.0)
        return gr.update(visible=True), gr.update(visible=False), turns[-MAX_SAVED_TURNS:], _chat(turns), turns

    def restore(self, saved):
        """The chat kept in this browser, after a reload or a visit to an article (rag.web.interrupts.UnderWay)."""
        turns = answered_elsewhere(saved, restore_turns(saved), self.under_way)
        return _chat(turns), turns

    def new_chat(self, request: gr.Request):
        """Empty conversation, messages, question and the copy kept in the browser, when it was emptied, and the
        issue filter back to all issues (a fresh start); an answer being written ends."""
        self.interrupts.interrupt(getattr(request, "session_hash", None))
        return _chat([]), "", "", "", [], [], gr.update(visible=False), time.time(), ""


def left_to_ask(replied: str | None, turns: list | None) -> None:
    """Between reply_now and ask on the page: raises, unseen, when reply_now has answered the question sent (replied,
    and no question waits in the chat), so its ask is not run (the page chains ask on this one's success). Its ask took
    a place in the queue all the same and, once one was free, found nothing to do (walk 31); a member's next question
    waited behind it, and it counted toward RAG_MAX_QUEUE."""
    if replied and not (turns and turns[-1].get("state") == "queued"):
        raise gr.Error("answered without the model", visible=False, print_exception=False)
