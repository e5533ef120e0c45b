"""The members' chat app: Gradio Blocks over rag.qa.Pipeline (streamed, cited, limited) and its launch."""

# This module is the web app itself: importing it means serving, so gradio is imported at the top.
import logging
import time
from pathlib import Path
from typing import Sequence

import gradio as gr

from rag.article_view import article_route
from rag.chat_render import (CSS, banner_html, chat_text, history_pairs, message_html, messages,
                             render_sources_html, status_line)
from rag.config import Settings
from rag.errors import InputError, RagError
from rag.feedback_log import append_feedback, feedback_record
from rag.limits import RateLimiter, check_question, rate_message
from rag.sanitize import sanitize_answer

log = logging.getLogger(__name__)

DEFAULT_EXAMPLES = (
    "What did Jason Killens say about running the London Ambulance Service?",
    "Why is managing AI responsibly a challenge for NHS managers?",
    "How can managers support autistic colleagues?",
    "What did MiP expect from a new government after the 2024 election?",
)
STREAM_EVERY_S = 0.05  # redraw at most 20 times a second: many clients share 2 cores


def load_auth(settings: Settings) -> list[tuple[str, str]] | None:
    """Login pairs from settings.auth ("user:pass") and settings.auth_file (one pair a line)."""
    raw = []
    if settings.auth:
        raw.append(settings.auth)
    if settings.auth_file:
        path = Path(settings.auth_file)
        if not path.is_file():
            raise InputError(f"auth file {path} not found: create it with one user:password a line")
        raw += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    pairs = []
    for item in raw:
        user, sep, password = item.partition(":")
        if not sep or not user or not password:
            raise InputError("login must be given as user:password (RAG_AUTH or one a line in RAG_AUTH_FILE)")
        pairs.append((user, password))
    return pairs or None


def _logged_in(request) -> bool:
    """Gradio's own session check, so the article view is behind the same login as the chat."""
    app = request.app
    if getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None:
        return True
    cid = getattr(app, "cookie_id", "")
    token = request.cookies.get(f"access-token-{cid}") or request.cookies.get(f"access-token-unsecure-{cid}")
    return token is not None and token in getattr(app, "tokens", {})


def client_key(request) -> str:
    """The rate-limit key: the client's address (the session id when there is none)."""
    client = getattr(request, "client", None)
    host = getattr(client, "host", None)
    return host or getattr(request, "session_hash", None) or "anonymous"


class ChatHandlers:
    """The event handlers, holding the pipeline, settings and rate limiters."""

    def __init__(self, pipeline, settings: Settings):
        self.pipeline = pipeline
        self.settings = settings
        self.base = settings.public_base_url.rstrip("/")
        self.limiter = RateLimiter(settings.rate_per_minute)
        self.feedback_limiter = RateLimiter(settings.rate_per_minute)

    def ask(self, question: str, issue: str | None, turns: list, last, request: gr.Request):
        """Stream one answer: sources as soon as retrieval is done, then the text, then the checked answer."""
        turns = list(turns or [])
        try:
            q = check_question(question, self.settings.max_question_chars)
        except InputError as e:
            yield messages(turns), gr.skip(), message_html(str(e)), gr.skip(), question, turns, last
            return
        key = client_key(request)
        if not self.limiter.allow(key):
            msg = rate_message(self.limiter.retry_after(key))
            yield messages(turns), gr.skip(), message_html(msg), gr.skip(), question, turns, last
            return
        turn = {"question": q, "answer": "", "display": "…"}
        turns.append(turn)
        searching = message_html("Searching the archive…", "info")
        yield messages(turns), "", searching, "", "", turns, last
        raw, sources, shown = "", "", 0.0
        try:
            for ev in self.pipeline.stream(q, history=history_pairs(turns[:-1]), issue=issue or None):
                if hasattr(ev, "answer"):  # DoneEvent: the checked answer replaces the raw stream
                    a = ev.answer
                    cited = a.citations or ()
                    turn["answer"] = sanitize_answer(a.answer)
                    turn["display"] = chat_text(a.answer, hits=cited, notice=a.notice, refused=a.refused,
                                                base=self.base)
                    if a.refused:  # no references beside a "not in the archive" reply
                        sources = ""
                    done = "Not in the archive." if a.refused else "Answered."
                    yield (messages(turns), sources, message_html(done, "info"), banner_html(a.notice), "",
                           turns, a)
                    return
                if hasattr(ev, "hits"):  # SourcesEvent: show the passages before any text
                    sources = render_sources_html(ev.hits, refused=ev.refused, base=self.base)
                    yield messages(turns), sources, message_html("Writing the answer…", "info"), "", "", turns, last
                else:  # TokenEvent
                    raw += ev.text
                    if time.monotonic() - shown >= STREAM_EVERY_S:
                        shown = time.monotonic()
                        turn["display"] = chat_text(raw)
                        yield messages(turns), sources, gr.skip(), gr.skip(), "", turns, last
        except RagError as e:
            turns.pop()
            yield messages(turns), "", message_html(str(e)), "", q, turns, last
            return
        except Exception:  # the member gets a message, staff get the traceback
            log.exception("answering failed")
            turns.pop()
            yield (messages(turns), "", message_html("Something went wrong while answering. Please try again."),
                   "", q, turns, last)
            return
        turns.pop()  # the stream ended without an answer
        yield messages(turns), "", message_html("No answer came back. Please try again."), "", q, turns, last

    def _feedback(self, rating: str, comment: str, last, request: gr.Request):
        if last is None:
            return message_html("Ask a question first, then rate its answer."), comment
        if not self.feedback_limiter.allow(client_key(request)):
            return message_html("Too much feedback at once. Please wait a minute."), comment
        append_feedback(self.settings.feedback_path, feedback_record(last, rating=rating, comment=comment))
        return message_html("Thank you: your feedback was recorded for staff to review.", "info"), ""

    def feedback_up(self, comment: str, last, request: gr.Request):
        """Record a thumbs-up (with the optional comment) for the latest answer."""
        return self._feedback("up", comment, last, request)

    def feedback_down(self, comment: str, last, request: gr.Request):
        """Record a thumbs-down (with the optional comment) for the latest answer."""
        return self._feedback("down", comment, last, request)

    @staticmethod
    def new_chat():
        """Empty conversation, sources, messages and question."""
        return [], "", "", "", "", [], None


def _example_text(evt: gr.SelectData) -> str:
    """The text of the example question the member picked."""
    return evt.value["text"] if isinstance(evt.value, dict) else str(evt.value)


def build_app(pipeline, settings: Settings, *, examples: Sequence[str] = DEFAULT_EXAMPLES) -> gr.Blocks:
    """The Gradio Blocks for the chat, with queue size and concurrency set; serve it with launch_app."""
    h = ChatHandlers(pipeline, settings)
    index = pipeline.index
    issue_choices = [("All issues", "")] + [(f"{i.title} ({i.date})", i.issue_id) for i in index.issues]
    with gr.Blocks(title="Healthcare Manager archive") as demo:
        gr.HTML("<h1 style='margin:.2rem 0;font-size:1.5rem'>Ask the Healthcare Manager archive</h1>"
                + status_line(index.issues, index_version=index.version, llm_name=pipeline.llm_name))
        notice = gr.HTML(elem_id="notice")
        with gr.Row(equal_height=True):
            issue = gr.Dropdown(issue_choices, value="", label="Search in", elem_id="issue-filter", scale=4,
                                min_width=200)
            new = gr.Button("New chat", elem_id="new-chat", scale=1, min_width=100, variant="secondary")
        with gr.Row():
            with gr.Column(scale=3, min_width=300):
                chat = gr.Chatbot(label="Conversation", elem_id="chat", height=460, feedback_options=None,
                                  examples=[{"text": q} for q in examples], buttons=["copy"],
                                  placeholder="Ask about anything published in *Healthcare Manager*.")
                with gr.Row(equal_height=True):
                    question = gr.Textbox(label="Your question", elem_id="question", scale=5, lines=1,
                                          placeholder="e.g. What did the summer 2026 issue say about AI?",
                                          autofocus=True, min_width=200)
                    send = gr.Button("Ask", variant="primary", elem_id="ask", scale=1, min_width=80)
                status = gr.HTML(elem_id="status")
                with gr.Row(elem_id="feedback", equal_height=False):
                    up = gr.Button("Helpful ✓", elem_id="fb-up", size="sm", min_width=90)
                    down = gr.Button("Not helpful ✗", elem_id="fb-down", size="sm", min_width=90)
                    comment = gr.Textbox(label="Comment on this answer (optional)", elem_id="fb-comment",
                                         lines=1, max_lines=3, scale=3, min_width=200)
            with gr.Column(scale=2, min_width=280):
                sources = gr.HTML(elem_id="sources")
        turns, last = gr.State([]), gr.State(None)
        ask_in = [question, issue, turns, last]
        ask_out = [chat, sources, status, notice, question, turns, last]
        limits = dict(concurrency_limit=settings.concurrency, concurrency_id="answer")
        send.click(h.ask, ask_in, ask_out, api_name="ask", **limits)
        question.submit(h.ask, ask_in, ask_out, api_name=False, **limits)
        chat.example_select(_example_text, None, question, api_name=False, queue=False).then(h.ask, ask_in, ask_out, api_name=False, **limits)
        new.click(h.new_chat, None, ask_out, api_name="new_chat", queue=False)
        chat.clear(h.new_chat, None, ask_out, api_name=False, queue=False)
        up.click(h.feedback_up, [comment, last], [status, comment], api_name="feedback_up")
        down.click(h.feedback_down, [comment, last], [status, comment], api_name="feedback_down")
    demo.queue(max_size=settings.max_queue, default_concurrency_limit=settings.concurrency, api_open=False)
    return demo


def launch_app(demo, pipeline, settings: Settings, *, prevent_thread_lock: bool = False, quiet: bool = False):
    """Serve demo on settings.host:port with the article view mounted; never shared, no extra file paths."""
    base = settings.public_base_url.rstrip("/")
    route = article_route(pipeline.index.article, allowed=_logged_in, home_url=base + "/")
    blocked = [settings.index_dir, settings.corpus_dir, settings.data_dir, settings.feedback_path,
               Path(settings.corpus_dir).parent / ".env"]
    if settings.auth_file:
        blocked.append(settings.auth_file)
    return demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        share=False,
        auth=load_auth(settings),
        auth_message="Healthcare Manager archive: members only.",
        prevent_thread_lock=prevent_thread_lock,
        show_error=False,
        quiet=quiet,
        app_kwargs={"routes": [route]},
        blocked_paths=[str(Path(p).resolve()) for p in blocked],
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
        enable_monitoring=False,
        css=CSS,
    )
