"""The members' chat app: Gradio Blocks over rag.answer.pipeline.Pipeline, wired to ChatHandlers, and its launch."""

# This module is the web app itself: importing it means serving, so gradio is imported at the top.
import os
import time
from pathlib import Path
from typing import Sequence

import gradio as gr
from starlette.middleware import Middleware

from rag.config import Settings
from rag.web.access import load_auth, logged_in
from rag.web.article_view import article_route
from rag.web.chat_handlers import ChatHandlers, left_to_ask
from rag.web.chat_key import load_chat_key
from rag.web.chat_page import CSS, MAX_SAVED_TURNS, about_html, intro_html, issue_labels, theme
from rag.web.chat_render import message_html
from rag.web.interrupts import GIVEN_UP, MARK_JS, given_up_elsewhere
from rag.web.limits import forwarded_allow_ips
from rag.web.page_script import HEAD, JS
from rag.web.queue_session import UnknownSessionIs404
from rag.web.small_talk import said_at_once
from rag.web.vote_handlers import chat_update

DEFAULT_EXAMPLES = (
    "What did Jason Killens say about running the London Ambulance Service?",
    "Why is managing AI responsibly a challenge for NHS managers?",
    "How can managers support autistic colleagues?",
    "What did MiP expect from a new government after the 2024 election?",
)


# After New chat the question box has the focus, as on a fresh page (a walk's keyboard was left on New chat)
_FOCUS_QUESTION = "() => { document.querySelector('#question textarea')?.focus(); }"

def _example_text(evt: gr.SelectData) -> str:
    """The text of the example question the member picked."""
    return evt.value["text"] if isinstance(evt.value, dict) else str(evt.value)


def _issue_choices(index) -> list[tuple[str, str]]:
    labels = issue_labels(index.issues)
    return [("Search all issues", "")] + [(labels[i.issue_id], i.issue_id) for i in index.issues]


# The browser's copy of the filter set to all issues: Gradio's BrowserState does not store a falsy value, so "" left
# the issue chosen before in the browser, and a reload brought it back.
ALL_ISSUES = "all"


def _issue_filter(index, kept: str):
    """The filter's choices as the index serving now has them, set to the issue the member chose before if it is
    still there (one removed since, or ALL_ISSUES, is all issues)."""
    choices = _issue_choices(index)
    return gr.update(choices=choices, value=kept if kept in {v for _, v in choices} else "")


ANSWERS = "answer"  # the concurrency id of the answers' places (RAG_CONCURRENCY of them)


def answer_places(demo: gr.Blocks) -> tuple[int, int]:
    """(running, waiting): the answers' places Gradio's queue holds (ANSWERS); (0, 0) before it runs."""
    places = getattr(getattr(demo, "_queue", None), "event_queue_per_concurrency_id", {}).get(ANSWERS)
    return (places.current_concurrency, len(places.queue)) if places else (0, 0)


def build_app(pipeline, settings: Settings, *, examples: Sequence[str] = DEFAULT_EXAMPLES) -> gr.Blocks:
    """The Gradio Blocks for the chat, with queue size and concurrency set; serve it with launch_app."""
    h = ChatHandlers(pipeline, settings, queue_places=lambda: answer_places(demo))
    index = pipeline.index  # as the page is first built; each visit shows the version serving then (demo.load)
    with gr.Blocks(title="Healthcare Manager archive", fill_height=True) as demo:
        with gr.Row(elem_id="topbar", equal_height=True):
            gr.HTML("<h1>Healthcare Manager archive</h1>", scale=1, min_width=160, padding=False)
            issue = gr.Dropdown(_issue_choices(index), value="", label="Search in", show_label=False,
                                elem_id="issue-filter", scale=0, min_width=200, container=False)
            new = gr.Button("New chat", elem_id="new-chat", scale=0, min_width=90, variant="secondary", size="sm")
        notice = gr.HTML(elem_id="notice", padding=False)
        chat = gr.Chatbot(elem_id="chat", show_label=False, scale=1, height=None, min_height=240,
                          render_markdown=False, sanitize_html=True, autoscroll=False, latex_delimiters=[],
                          buttons=["copy"], feedback_options=("Like", "Dislike"),
                          examples=[{"text": q} for q in examples],
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
        # The model's state is said once the page has loaded (demo.load, below): said here, it was the state as the app
        # started, "The AI model is not started", shown to every member opening the page until the load came (walk 27).
        about = gr.HTML(about_html(index.version, pipeline.llm_name), padding=False, elem_id="about")
        # Which model really answers right now: the local server may still be starting, or may have died.
        about_now = lambda: about_html(pipeline.index.version, pipeline.llm_name, h.model_state())  # noqa: E731
        turns, voted = gr.State([]), gr.State(None)

        def tick(shown: list):
            """The About line again, and a question another tab was answering shown stopped once that tab is closed
            mid-answer (rag.web.interrupts.given_up_elsewhere): no save came to say so."""
            stopped = given_up_elsewhere(shown or [], h.under_way)
            if not stopped:
                return about_now(), gr.skip(), gr.skip(), gr.skip()
            return about_now(), chat_update(stopped), stopped, message_html(GIVEN_UP, "info")  # heard, as "Stopped."

        gr.Timer(settings.about_tick_s).tick(tick, turns, [about, chat, turns, status], queue=False, api_name=False,
                                             show_progress="hidden")
        sent = gr.State(None)  # the session's interrupt mark as the question was sent (rag/web/interrupts.py)
        saved = gr.BrowserState([], storage_key="hm-archive-chat",
                                secret=load_chat_key(settings.chat_secret, settings.data_dir))
        replied = gr.State(None)  # what reply_now answered of the question sent ("" nothing; None: never ran)
        ask_in, ask_out = [question, issue, turns, sent, replied], [chat, status, notice, question, turns]
        # The answer says where it is (waiting its turn, searching, writing): Gradio's own "queue: 2/2 | 6.5s" and
        # timer over the chat and the question box are hidden.
        # always_last: a question asked while an answer stopped has not yet ended (it ends at its next step, which a
        # busy model can hold back for minutes) is answered once it has; Gradio's default dropped it unanswered (a walk)
        limits = dict(concurrency_limit=settings.concurrency, concurrency_id=ANSWERS, show_progress="hidden",
                      trigger_mode="always_last")
        busy = dict(fn=h.starting, inputs=[question, turns], outputs=[send, stop, saved, sent, more, chat, question,
                                                                      turns], queue=False, api_name=False)
        cleared_at, stopped_at = gr.State(0.0), gr.State(0.0)  # when New chat and Stop were last pressed
        keep = dict(fn=h.settle, inputs=[turns, cleared_at, stopped_at], outputs=[send, stop, saved, chat, turns],
                    queue=False, api_name=False)
        # a greeting, thanks, "?" or a paste over the limit is told so at once, not after a wait for a place (walk 30)
        told = dict(fn=lambda q: said_at_once(q, settings.max_question_chars) or gr.skip(), inputs=question,
                    outputs=status, queue=False, api_name=False, show_progress="hidden")
        # ... and a question answered without the model ("which issues do you have?", "who said that?") too: reply_now
        # has places of its own, so it does not wait behind other members' answers (walk 30: 37-120 s)
        now = dict(fn=h.reply_now, inputs=ask_in[:4], outputs=[*ask_out, replied, send, stop, saved], api_name=False,
                   concurrency_limit=settings.concurrency, concurrency_id="reply", show_progress="hidden",
                   trigger_mode="always_last")
        # ... and then ask runs only if reply_now left the question to it: run every time, it took a queue place and,
        # once one was free, found nothing to do (walk 31), the member's next question waiting behind it
        gate = dict(fn=left_to_ask, inputs=[replied, turns], outputs=None, queue=False, api_name=False,
                    show_progress="hidden")
        picked = chat.example_select(_example_text, None, question, api_name=False, queue=False)
        for trigger, name, typed in ((send.click, "ask", True), (question.submit, False, True),
                                     (picked.then, False, False)):
            if typed:  # an example picked is a question, never small talk
                trigger(**told)
            gated = trigger(**busy).then(**now).then(**gate)
            # then Ask back, the chat saved and the model's state said again as the answer ends (or reply_now's): at
            # the 10 s tick alone, the About line said "answering 1 question" under an answer already finished (walk 28)
            for ended in (gated.success(h.ask, ask_in, ask_out, api_name=name, **limits).then(**keep),
                          gated.failure(**keep)):
                ended.then(about_now, None, about, queue=False, api_name=False, show_progress="hidden")
        # ... and as it starts: the status line ("Searching the archive…", "Reading the sources and thinking…") changes
        # a few times an answer, so the About line does not say "ready" beside them until its tick (walk 28)
        status.change(about_now, None, about, queue=False, api_name=False, show_progress="hidden")
        # Stop and New chat end the answer through h.interrupts, not Gradio's cancels=: Gradio closes a cancelled
        # answer still running with an empty reply that the browser takes for a failure (a red "Error" on the chat,
        # the status line and the question box). The answer ends itself at its next step instead, closing the stream.
        # settle, run as the answer stopped ends (which can be long after), stops only what was asked before the Stop
        stop.click(h.stop, turns, [chat, status, turns], queue=False, api_name=False).then(
            time.time, None, stopped_at, queue=False, api_name=False).then(**keep)
        chat.like(h.vote, turns, [chat, status, turns, more, voted], api_name=False, queue=False).then(
            lambda t: (t or [])[-MAX_SAVED_TURNS:], turns, saved, queue=False, api_name=False)
        send_comment.click(h.comment, [comment, voted, turns], [status, comment, more], api_name=False)
        comment.submit(h.comment, [comment, voted, turns], [status, comment, more], api_name=False)
        # The issue searched is kept with the chat: back from an article, or after a reload, the member's answers and
        # the filter they were asked under stay together (a walk found the filter reset to all issues). A new chat has
        # no answers yet, so it searches all issues again (a walk found New chat kept the filter).
        saved_issue = gr.BrowserState("", storage_key="hm-archive-issue")
        issue.change(lambda value: value or ALL_ISSUES, issue, saved_issue, api_name=False, queue=False)
        reset = [chat, status, notice, question, turns, saved, more, cleared_at, issue]
        # An answer still being written is stopped: its next redraw would bring the old conversation back.
        new.click(h.new_chat, None, reset, api_name="new_chat", queue=False).then(**keep).then(
            None, None, None, js=_FOCUS_QUESTION, api_name=False, queue=False)  # keyboard: type the next question
        chat.clear(h.new_chat, None, reset, api_name=False, queue=False).then(**keep)
        # a question another tab of this browser asked and is still being answered is said to be (rag.web.interrupts);
        # the chat as restored is saved, so a tab showing this one's question as answered here hears that it stopped
        demo.load(h.restore, saved, [chat, turns], api_name=False, queue=False, js=MARK_JS).then(
            lambda t: (t or [])[-MAX_SAVED_TURNS:], turns, saved, queue=False, api_name=False)
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
        head=HEAD,  # each tab keeps its own conversation (rag.web.page_script.HEAD)
        footer_links=[],
    )
