"""The members' chat app: Gradio Blocks over rag.answer.pipeline.Pipeline (streamed, cited, limited) and its launch."""

# This module is the web app itself: importing it means serving, so gradio is imported at the top.
import logging
import os
import time
from pathlib import Path
from typing import Sequence

import gradio as gr
from starlette.middleware import Middleware

from rag.answer.sanitize import sanitize_answer
from rag.config import Settings
from rag.errors import InputError, RagError
from rag.web.access import client_key, load_auth, logged_in
from rag.web.article_view import article_route
from rag.web.chat_key import load_chat_key
from rag.web.chat_page import CSS, JS, MAX_SAVED_TURNS, about_html, intro_html, issue_labels, restore_turns, theme
from rag.web.chat_render import (
    banner_html,
    focus_sources,
    further_reading,
    history_pairs,
    message_html,
    messages,
    new_turn,
    searched_for,
    settled,
    source_entries,
    votes,
)
from rag.web.feedback_log import answer_trace, append_feedback, feedback_record
from rag.web.interrupts import Interrupts
from rag.web.limits import RateLimiter, check_question, forwarded_allow_ips, rate_message
from rag.web.queue_session import UnknownSessionIs404

log = logging.getLogger(__name__)

DEFAULT_EXAMPLES = (
    "What did Jason Killens say about running the London Ambulance Service?",
    "Why is managing AI responsibly a challenge for NHS managers?",
    "How can managers support autistic colleagues?",
    "What did MiP expect from a new government after the 2024 election?",
)
STREAM_EVERY_S = 0.05  # redraw at most 20 times a second: many clients share 2 cores


class ChatHandlers:
    """The event handlers, holding the pipeline, settings and rate limiters; the conversation lives in turns."""

    def __init__(self, pipeline, settings: Settings):
        self.pipeline = pipeline
        self.settings = settings
        self.base = settings.public_base_url.rstrip("/")
        self.limiter = RateLimiter(settings.rate_per_minute)
        self.feedback_limiter = RateLimiter(settings.rate_per_minute)
        self.interrupts = Interrupts()

    def ask(self, question: str, issue: str | None, turns: list, request: gr.Request):
        """Stream one answer: its sources as soon as retrieval is done, then the text, then the checked answer.

        Yields (chat, status, notice, question box, turns); yields nothing more once the member pressed New chat
        or Stop in this session, since a late redraw would bring back what they removed.
        """
        session = getattr(request, "session_hash", None)
        mark = self.interrupts.mark(session)
        steps = self._answer(question, issue, turns, request)
        try:
            for step in steps:
                if not self.interrupts.live(session, mark):
                    return
                yield step
        finally:
            steps.close()  # ends the model's stream too

    def _answer(self, question: str, issue: str | None, turns: list, request: gr.Request):
        turns = list(turns or [])
        try:
            q = check_question(question, self.settings.max_question_chars)
        except InputError as e:
            yield _chat(turns), message_html(str(e)), gr.skip(), question, turns
            return
        key = client_key(request)
        if not self.limiter.allow(key):
            yield _chat(turns), message_html(rate_message(self.limiter.retry_after(key))), gr.skip(), question, turns
            return
        turn = new_turn(q)
        turn["asked"] = time.time()  # New chat drops turns asked before it, should a late redraw bring them back
        turn["scope"] = next((i.title for i in self.pipeline.index.issues if issue and i.issue_id == issue), "")
        turns.append(turn)
        # The box is emptied once, here: the member may type the next question while this one is answered.
        yield _chat(turns), message_html("Searching the archive…", "info"), gr.skip(), "", turns
        shown, sent, refused_first = 0.0, (), False
        try:
            for ev in self.pipeline.stream(q, history=history_pairs(turns[:-1]), issue=issue or None):
                if hasattr(ev, "answer"):  # DoneEvent: the checked answer replaces the raw stream
                    a = ev.answer
                    turn.update(answer=sanitize_answer(a.answer), draft="", trace=answer_trace(a),
                                state="refused" if a.refused else "done",
                                cited=[c.n for c in a.citations], quoted=a.llm == "extractive" and not a.refused,
                                searched=searched_for(q, a.standalone_question))
                    if a.refused:  # no references beside a "not in the archive" reply; the nearest articles to read
                        turn["sources"] = []
                        if not refused_first:  # refused after the sources were sent: the nearest of those
                            turn["further"] = further_reading(a.hits, base=self.base)
                    else:  # each cited card shows the sentence its [n] cites, not only the passage's start
                        turn["sources"] = focus_sources(turn["sources"], sent, turn["answer"])
                    done = "Not in the archive." if a.refused else "Answered."
                    yield _chat(turns), message_html(done, "info"), banner_html(self._banner(a)), gr.skip(), turns
                    return
                if hasattr(ev, "hits"):  # SourcesEvent: the passages, numbered as the model sees them
                    sent, refused_first = (() if ev.refused else ev.hits), ev.refused  # off-topic: no further reading
                    turn.update(sources=[] if ev.refused else source_entries(ev.hits, base=self.base),
                                further=further_reading(ev.hits, base=self.base) if ev.refused else [],
                                state="writing")
                    waiting = message_html(waiting_words(*self.pipeline.llm_queue()), "info")
                    yield _chat(turns), waiting, "", gr.skip(), turns
                else:  # TokenEvent
                    turn["draft"] += ev.text
                    if time.monotonic() - shown >= STREAM_EVERY_S:
                        shown = time.monotonic()
                        yield _chat(turns), gr.skip(), gr.skip(), gr.skip(), turns
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

    def starting(self, question: str, turns: list):
        """As a question is sent: Stop instead of Ask, and the browser's copy of the chat holds the question already,
        so a reload mid-answer shows it (as stopped) instead of losing it. Yields (send, stop, saved copy)."""
        try:
            q = check_question(question, self.settings.max_question_chars)
        except InputError:
            return gr.update(visible=False), gr.update(visible=True), gr.skip()
        return gr.update(visible=False), gr.update(visible=True), [*(turns or []), new_turn(q)][-MAX_SAVED_TURNS:]

    def _banner(self, answer) -> str:
        """Why answers are quoted passages, said once above the chat (not when no model is configured at all)."""
        if not answer.notice or self.pipeline.llm_name == "extractive":
            return ""
        return answer.notice

    def stop(self, turns: list, request: gr.Request):
        """The member stopped the answer: keep what was written, marked as stopped."""
        self.interrupts.interrupt(getattr(request, "session_hash", None))
        turns = settled(turns, 0.0)  # nothing dropped: Stop keeps the conversation
        return _chat(turns), message_html("Stopped.", "info"), turns

    def vote(self, turns: list, evt: gr.LikeData, request: gr.Request):
        """Record one vote for one answer (changeable; pressing it again withdraws it): chat, status, turns, answer id."""
        turns = list(turns or [])
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        k = int(index) // 2
        if not 0 <= k < len(turns) or turns[k].get("state") not in ("done", "refused"):
            return (_chat(turns), message_html("You can rate an answer once it is finished."), turns,
                    gr.update(visible=False), None)
        if not self.feedback_limiter.allow(client_key(request)):
            return _chat(turns), message_html("Too much feedback at once. Please wait a minute."), turns, gr.skip(), None
        rating = {True: "up", False: "down"}.get(evt.liked, "none")
        turn = turns[k]
        turn["vote"] = None if rating == "none" else rating
        append_feedback(self.settings.feedback_path,
                        feedback_record(turn.get("trace") or {}, rating=rating, answer_id=turn["id"]))
        if rating == "none":
            return _chat(turns), message_html("Your vote was withdrawn.", "note"), turns, gr.update(visible=False), None
        return (_chat(turns), message_html("Thank you: your vote was recorded for staff to review.", "note"), turns,
                gr.update(visible=True), turn["id"])

    def comment(self, text: str, answer_id: str | None, turns: list, request: gr.Request):
        """The optional comment on the answer just voted on, recorded with that vote."""
        turn = next((t for t in turns or [] if t.get("id") == answer_id and t.get("vote")), None)
        if turn is None:
            return message_html("Rate an answer first, then add a comment."), text, gr.skip()
        if not self.feedback_limiter.allow(client_key(request)):
            return message_html("Too much feedback at once. Please wait a minute."), text, gr.skip()
        append_feedback(self.settings.feedback_path, feedback_record(
            turn.get("trace") or {}, rating=turn["vote"], comment=text, answer_id=turn["id"]))
        return message_html("Thank you: your comment was recorded.", "note"), "", gr.update(visible=False)

    @staticmethod
    def settle(turns: list, cleared_at: float):
        """After each answer, Stop and New chat: Ask back, the browser's copy saved, and the chat as the member left
        it. The browser can draw a redraw sent just before New chat or Stop again after them (seen in chromium:
        the old answer came back with no new message from the server), so this runs once the answer is cancelled
        and always redraws the chat. Returns (send, stop, saved copy, chat, turns)."""
        turns = settled(turns, cleared_at or 0.0)
        return gr.update(visible=True), gr.update(visible=False), turns[-MAX_SAVED_TURNS:], _chat(turns), turns

    @staticmethod
    def restore(saved):
        """The conversation kept in this browser, shown again after a reload or a visit to an article."""
        turns = restore_turns(saved)
        return _chat(turns), turns

    def new_chat(self, request: gr.Request):
        """Empty conversation, messages, question and the copy kept in the browser, and when it was emptied;
        an answer being written ends."""
        self.interrupts.interrupt(getattr(request, "session_hash", None))
        return _chat([]), "", "", "", [], [], gr.update(visible=False), time.time()


def _chat(turns: list):
    """The Chatbot's messages and its pressed vote buttons, kept in step (a stale list would press new answers)."""
    return gr.update(value=messages(turns), feedback_value=votes(turns))


def waiting_words(ahead: int, each_s: float | None) -> str:
    """What the member reads while the model reads the sources, or waits for other members' questions."""
    if ahead <= 0:
        return "Reading the sources and thinking…"
    estimate = f", about {round((ahead + 1) * each_s / 5) * 5 or 5:.0f} s" if each_s else ""
    who = "1 other question" if ahead == 1 else f"{ahead} other questions"
    return f"The model answers one question at a time: {who} first, then yours{estimate}…"


def _example_text(evt: gr.SelectData) -> str:
    """The text of the example question the member picked."""
    return evt.value["text"] if isinstance(evt.value, dict) else str(evt.value)


def _issue_choices(index) -> list[tuple[str, str]]:
    labels = issue_labels(index.issues)
    return [("Search all issues", "")] + [(labels[i.issue_id], i.issue_id) for i in index.issues]


def _issue_filter(index, kept: str):
    """The filter's choices as the index serving now has them, set to the issue the member chose before if it is
    still there (one removed since falls back to all issues)."""
    choices = _issue_choices(index)
    return gr.update(choices=choices, value=kept if kept in {v for _, v in choices} else "")


def build_app(pipeline, settings: Settings, *, examples: Sequence[str] = DEFAULT_EXAMPLES) -> gr.Blocks:
    """The Gradio Blocks for the chat, with queue size and concurrency set; serve it with launch_app."""
    h = ChatHandlers(pipeline, settings)
    index = pipeline.index  # as the page is first built; each visit shows the version serving then (demo.load)
    with gr.Blocks(title="Healthcare Manager archive", fill_height=True) as demo:
        with gr.Row(elem_id="topbar", equal_height=True):
            gr.HTML("<h1>Healthcare Manager archive</h1>", scale=1, min_width=160, padding=False)
            issue = gr.Dropdown(_issue_choices(index), value="", label="Search in", show_label=False, elem_id="issue-filter",
                                scale=0, min_width=200, container=False)
            new = gr.Button("New chat", elem_id="new-chat", scale=0, min_width=90, variant="secondary", size="sm")
        notice = gr.HTML(elem_id="notice", padding=False)
        chat = gr.Chatbot(elem_id="chat", show_label=False, scale=1, height=None, min_height=240,
                          render_markdown=False, sanitize_html=True, autoscroll=False, latex_delimiters=[], buttons=["copy"],
                          feedback_options=("Like", "Dislike"), examples=[{"text": q} for q in examples],
                          placeholder=intro_html(index.issues, pipeline.llm_name), layout="bubble",
                          group_consecutive_messages=False)
        status = gr.HTML(elem_id="status", padding=False)
        with gr.Row(elem_id="fb-more", visible=False, equal_height=True) as more:
            comment = gr.Textbox(show_label=False, elem_id="fb-comment", lines=1, max_lines=3, scale=4,
                                 placeholder="Anything to add about this answer? (optional)", container=False)
            send_comment = gr.Button("Send", elem_id="fb-send", size="sm", scale=0, min_width=70)
        with gr.Row(elem_id="composer", equal_height=True):
            question = gr.Textbox(label="Your question", show_label=False, elem_id="question", scale=5, lines=1,
                                  max_lines=4, placeholder="Ask about the archive, e.g. what did MiP say about pay?",
                                  autofocus=True, min_width=160, container=False)
            send = gr.Button("Ask", variant="primary", elem_id="ask", scale=0, min_width=70)
            stop = gr.Button("Stop", variant="stop", elem_id="stop", scale=0, min_width=70, visible=False)
        about = gr.HTML(about_html(index.version, pipeline.llm_name, pipeline.llm_status()), padding=False,
                        elem_id="about")
        # Which model really answers right now: the local server may still be starting, or may have died.
        about_now = lambda: about_html(pipeline.index.version, pipeline.llm_name, pipeline.llm_status())  # noqa: E731
        gr.Timer(10).tick(about_now, None, about, queue=False, api_name=False, show_progress="hidden")
        turns, voted = gr.State([]), gr.State(None)
        saved = gr.BrowserState([], storage_key="hm-archive-chat",
                                secret=load_chat_key(settings.chat_secret, settings.data_dir))
        ask_in, ask_out = [question, issue, turns], [chat, status, notice, question, turns]
        limits = dict(concurrency_limit=settings.concurrency, concurrency_id="answer")
        busy = dict(fn=h.starting, inputs=[question, turns], outputs=[send, stop, saved], queue=False, api_name=False)
        cleared_at = gr.State(0.0)
        keep = dict(fn=h.settle, inputs=[turns, cleared_at], outputs=[send, stop, saved, chat, turns], queue=False,
                    api_name=False)
        asks = []
        for trigger, name in ((send.click, "ask"), (question.submit, False)):
            asks.append(trigger(**busy).then(h.ask, ask_in, ask_out, api_name=name, **limits))
        picked = chat.example_select(_example_text, None, question, api_name=False, queue=False)
        asks.append(picked.then(**busy).then(h.ask, ask_in, ask_out, api_name=False, **limits))
        for a in asks:
            a.then(**keep)
        stop.click(h.stop, turns, [chat, status, turns], cancels=asks, queue=False, api_name=False).then(**keep)
        chat.like(h.vote, turns, [chat, status, turns, more, voted], api_name=False, queue=False).then(
            lambda t: (t or [])[-MAX_SAVED_TURNS:], turns, saved, queue=False, api_name=False)
        send_comment.click(h.comment, [comment, voted, turns], [status, comment, more], api_name=False)
        comment.submit(h.comment, [comment, voted, turns], [status, comment, more], api_name=False)
        reset = [chat, status, notice, question, turns, saved, more, cleared_at]
        # An answer still being written is stopped: its next redraw would bring the old conversation back.
        new.click(h.new_chat, None, reset, api_name="new_chat", queue=False, cancels=asks).then(**keep)
        chat.clear(h.new_chat, None, reset, api_name=False, queue=False, cancels=asks).then(**keep)
        demo.load(h.restore, saved, [chat, turns], api_name=False, queue=False)
        # The issue searched is kept with the chat: back from an article, or after a reload, the member's answers and
        # the filter they were asked under stay together (a walk found the filter reset to all issues).
        saved_issue = gr.BrowserState("", storage_key="hm-archive-issue")
        issue.change(lambda value: value or "", issue, saved_issue, api_name=False, queue=False)
        # A version published and a model started since the app started: shown on load, not at the next tick.
        intro_now = lambda: gr.update(placeholder=intro_html(pipeline.index.issues, pipeline.llm_name))  # noqa: E731
        demo.load(lambda kept: (_issue_filter(pipeline.index, kept), intro_now(), about_now()),
                  saved_issue, [issue, chat, about], api_name=False, queue=False)
    demo.queue(max_size=settings.max_queue, default_concurrency_limit=settings.concurrency, api_open=False)
    return demo


def launch_app(demo, pipeline, settings: Settings, *, prevent_thread_lock: bool = False, quiet: bool = False):
    """Serve demo on settings.host:port with the article view mounted; never shared, no extra file paths."""
    base = settings.public_base_url.rstrip("/")
    route = article_route(lambda issue, article: pipeline.index.article(issue, article), allowed=logged_in,
                          home_url=base + "/")
    blocked = [settings.index_dir, settings.corpus_dir, settings.data_dir, settings.feedback_path,
               Path(settings.corpus_dir).parent / ".env"]
    if settings.auth_file:
        blocked.append(settings.auth_file)
    # uvicorn reads this when launch() builds its server: believe X-Forwarded-For only from configured proxies
    os.environ["FORWARDED_ALLOW_IPS"] = forwarded_allow_ips(settings.trusted_proxies)
    return demo.launch(
        max_file_size=0,  # the app takes no uploads: Gradio's upload route refuses any file (413)
        server_name=settings.host,
        server_port=settings.port,
        share=False,
        auth=load_auth(settings),
        auth_message="Healthcare Manager archive: members only.",
        prevent_thread_lock=prevent_thread_lock,
        show_error=False,
        quiet=quiet,
        # a stream for a session held by another replica is a 404 nginx retries elsewhere (rag/web/queue_session.py)
        app_kwargs={"routes": [route], "middleware": [Middleware(UnknownSessionIs404, blocks=demo)]},
        blocked_paths=[str(Path(p).resolve()) for p in blocked],
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
        enable_monitoring=False,
        theme=theme(),
        css=CSS,
        js=JS,
        footer_links=[],
    )
