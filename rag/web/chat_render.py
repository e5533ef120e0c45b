"""Pure rendering for the chat: each turn's answer with [n] links and its own numbered sources (all escaped).

A turn is a JSON-able dict (kept in the browser between visits, rebuilt into HTML by the server):
{"id", "question", "answer", "draft", "state", "sources": [{n, chunk_id, article, where, text, url,
publisher_url}], "cited": [n...], "quoted", "vote", "trace", "further": [{article, where, url}], "scope",
"searched", "waiting"} (further: the nearest articles beside a refusal, from rag.web.further_reading; scope: the one
issue searched, or ""; searched: the question a follow-up became, or ""; waiting: what an answer says until its first
words come). Source n is the nth passage sent to the model, so [n] in the answer, source n under it and the card id
s-{turn id}-{n} always name the same passage.
"""

from __future__ import annotations

import html
import re
import secrets
from typing import Sequence

from rag.answer import notices
from rag.answer.citations import NOT_IN_ARCHIVE, is_refusal, parse_markers
from rag.answer.sanitize import sanitize_answer
from rag.sentences import split_sentences
from rag.types import Hit
from rag.web.card_text import EXCERPT_CHARS, MARKER, excerpt, focus_excerpt, focus_sources  # noqa: F401 (tests, handlers)
from rag.web.further_reading import further_html, link_names
from rag.web.interrupts import ELSEWHERE, ELSEWHERE_WORDS
from rag.web.links import headline_shown, passage_link, safe_url, where
from rag.web.searched import searched_line

HISTORY_TURNS = 6  # follow-ups need recent context only; keeps prompts small
TITLE_CHARS = 300
STATUS_CHARS = 200  # a status line is heard whole: one sentence of a reply
STATES = ("searching", "writing", "done", "refused", "stopped")


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def source_entries(hits: Sequence[Hit], *, base: str = "") -> list[dict]:
    """The passages sent to the model as turn sources, numbered 1..n like the model's [n] markers."""
    return [{"n": n, "chunk_id": h.chunk_id, "article": h.article, "where": where(h),
             "text": excerpt(h.text, 2 * EXCERPT_CHARS), "url": safe_url(passage_link(h), base=base),
             "publisher_url": safe_url(h.publisher_url, base=base)}
            for n, h in enumerate(hits, start=1)]


def new_turn(question: str) -> dict:
    """A question just asked, before its answer."""
    return {"id": secrets.token_hex(4), "question": question, "answer": "", "draft": "", "state": "searching",
            "sources": [], "cited": [], "quoted": False, "vote": None, "trace": {}, "further": [], "scope": "",
            "searched": ""}


def settled(turns: list, cleared_at: float, stopped_at: float = float("inf")) -> list:
    """The conversation once the answers stopped have ended: turns asked before the last New chat are gone and an
    answer asked before the last Stop, still marked as being written, is stopped (a redraw that landed after New chat
    or Stop brought them back). A question asked since is left to its own answer: a walk stopped one answer, asked
    again, and the stopped answer's end, 100 s later, marked the new question stopped before it was ever answered."""
    return [dict(t, state="stopped") if t.get("state") in ("queued", "searching", "writing")
            and float(t.get("asked") or 0.0) < stopped_at else t
            for t in turns or [] if float(t.get("asked") or 0.0) >= cleared_at]


def _card(tid: str, s: dict, name: str | None = None) -> str:
    n = int(s["n"])
    links = []
    own = safe_url(s.get("url"))
    # each link named for its article, heard not seen: a screen reader's list of links read eight "Read it in the
    # article" (walk 25), and two issues' "Editorial" alike (name: with its issue, further_reading.link_names). Gradio's
    # sanitizer drops aria-label; .sr-only is left out of copies (chat_page.CSS, page_script.JS).
    headline = headline_shown(s.get("article"))
    named = f'<span class="sr-only">: {_e(name or headline)}</span>'
    if own and "/article/" in own:
        links.append(f'<a class="src-link" href="{_e(own)}">Read it in the article{named}</a>')
    pub = safe_url(s.get("publisher_url"))
    if pub and pub.startswith("http"):
        links.append(f'<a class="pub-link" href="{_e(pub)}">Publisher\'s edition{named}</a>')
    return (f'<li class="src" id="s-{_e(tid)}-{n}">'
            f'<div class="src-head"><span class="src-n">[{n}]</span> <strong>{_e(headline)}</strong></div>'
            f'<div class="src-meta">{_e(s.get("where"))}</div>'
            f'<blockquote class="src-text">{_e(excerpt(s.get("text", "")))}</blockquote>'
            f'<div class="src-links">{" · ".join(links)}</div></li>')


def sources_html(turn: dict) -> str:
    """The turn's sources under its answer: the cited ones first, the other passages read folded away."""
    tid, sources, state = turn["id"], turn.get("sources") or [], turn.get("state")
    if not sources or state == "refused":
        return ""
    cited = set(turn.get("cited") or [])
    names = dict(zip((s["n"] for s in sources), link_names(sources)))
    if state != "done" or not cited:  # while writing every passage the model reads can be cited
        head = f"Sources ({len(sources)} passages read)"
        return (f'<details class="sources" open><summary>{head}</summary>'
                f'<ol class="src-list">{"".join(_card(tid, s, names[s["n"]]) for s in sources)}</ol></details>')
    used = [s for s in sources if s["n"] in cited]
    rest = [s for s in sources if s["n"] not in cited]
    out = (f'<details class="sources" open><summary>Sources ({len(used)})</summary>'
           f'<ol class="src-list">{"".join(_card(tid, s, names[s["n"]]) for s in used)}</ol>')
    if rest:
        read = f'{len(rest)} more passage{"s" if len(rest) != 1 else ""} read, not cited'
        out += (f'<details class="more-sources"><summary>{read}</summary>'
                f'<ol class="src-list">{"".join(_card(tid, s, names[s["n"]]) for s in rest)}</ol></details>')
    return out + "</details>"


def _marker_links(text: str, tid: str, by_n: dict[int, dict]) -> str:
    """Escaped text with each [n] a link to source n of this turn (hover: its passage)."""
    out, pos = [], 0
    for m in MARKER.finditer(text):
        out.append(_e(text[pos:m.start()]))
        pos = m.end()
        nums = parse_markers(m.group(0))
        if not nums or any(n not in by_n for n in nums):
            out.append(_e(m.group(0)))  # a number with no source (mid-stream): plain text, no link
            continue
        out.append("".join(
            f'<a class="cite" href="#s-{_e(tid)}-{n}" '
            f'title="{_e(excerpt(by_n[n].get("text", ""), TITLE_CHARS))}"><span class="sr-only">source </span>[{n}]</a>'
            for n in nums))  # heard as "source 1", not a bare "1" (walk 25)
    out.append(_e(text[pos:]))
    return "".join(out)


def answer_body_html(text: str, tid: str, sources: Sequence[dict]) -> str:
    """Model or quoted text as plain paragraphs: no markup, links or addresses survive except [n]."""
    by_n = {int(s["n"]): s for s in sources}
    clean = sanitize_answer(text)
    paras = [p for p in re.split(r"\n\s*\n", clean) if p.strip()]
    return "".join(f"<p>{_marker_links(' '.join(p.split()), tid, by_n)}</p>" for p in paras)


NOT_IN_ISSUE = "The issue you searched does not cover this."
WAITING = "Reading the sources and thinking…"  # or how many questions the model answers first (chat_handlers)
DRAFT_NOTE = "Still writing: the answer is checked against its sources once it is finished, and may change."


def shown_text(turn: dict) -> str:
    """The answer's words as shown: searched within one issue, a refusal says the issue does not cover it, not the
    archive (a walk filtered to 2024 was told "The archive does not cover this." beside a notice that issue 68
    answers it)."""
    text = turn.get("answer") or turn.get("draft") or ""
    refused_here = turn.get("state") == "refused" and turn.get("scope")
    return NOT_IN_ISSUE if refused_here and " ".join(text.split()) == NOT_IN_ARCHIVE else text


def finished_status(turn: dict) -> str:
    """What the status line (heard, not seen) says as an answer ends: "Answered.", "Not in the archive." for a refusal
    ("Not in the issue searched." within one issue, as its answer says), else a reply given instead of a search in its
    own first sentence. Walk 26: "The answer before cites [1]; it has no [9]." (the pipeline marks it refused: nothing
    was searched) was heard as "Not in the archive.", which is not what it said."""
    if turn.get("state") != "refused":
        return "Answered."
    text = " ".join(shown_text(turn).split())
    if text == NOT_IN_ISSUE:
        return "Not in the issue searched."
    if not text or is_refusal(text):
        return "Not in the archive."
    return split_sentences(text)[0][:STATUS_CHARS]


# Headings heard, not seen: a screen reader had nothing to tell a question from an answer in the conversation (Gradio's
# "user's message" / "bot's message" labels sit on elements with no role, which readers ignore), nor a way to jump from
# one to the next. The page's script leaves them out of the labels and of what the copy button copies.
ASKED_HEADING = '<h2 class="sr-only">You asked</h2>'
ANSWER_HEADING = '<h3 class="sr-only">The answer</h3>'


def answer_html(turn: dict) -> str:
    """The assistant message of one turn: status while working, the answer with [n] links, its sources."""
    state, tid, sources = turn.get("state"), turn["id"], turn.get("sources") or []
    text = shown_text(turn)
    parts = [f'{ANSWER_HEADING}<div class="answer st-{_e(state)}" id="a-{_e(tid)}">']  # the sanitizer keeps id, class
    if text:
        parts.append(answer_body_html(text, tid, sources))
    if state in ("queued", "searching"):  # queued: sent, and waiting for the app (rag.web.chat_handlers.starting)
        parts.append(f'<p class="working" role="status">{_e(turn.get("waiting") or "Searching the archive…")}</p>')
    elif state == "writing" and not text:
        parts.append(f'<p class="working" role="status">{_e(turn.get("waiting") or WAITING)}</p>')
    elif state == "writing":  # a walk watched "The archive does not cover this" stream, then become quotes
        parts.append(f'<p class="working">{DRAFT_NOTE}</p>')
    elif state == ELSEWHERE:  # another tab of the browser asked it, and is being answered it (rag.web.interrupts)
        parts.append(f'<p class="working" role="status">{_e(ELSEWHERE_WORDS)}</p>')
    elif state == "stopped":
        # by Stop, or by leaving the page mid-answer (a walk reloaded and read only this): what to do next
        parts.append('<p class="answer-kind">Stopped before the answer was finished: ask again for the whole '
                     'answer.</p>')
    if turn.get("quoted") and state == "done":
        parts.append('<p class="answer-kind">Quoted from the articles, not written by an AI model.</p>')
    if turn.get("searched") and state in ("done", "refused"):  # a follow-up, rewritten to stand alone
        parts.append(f'<p class="answer-kind">{_e(searched_line(turn["question"], turn["searched"]))}</p>')
    if turn.get("notice") and state in ("done", "refused"):  # with its answer, not only above the chat (a walk)
        parts.append(f'<p class="answer-kind answer-notice">{_e(turn["notice"])}</p>')
    if turn.get("scope") and state in ("done", "refused"):  # the issue filter may be forgotten, or reset by a reload
        parts.append(f'<p class="answer-kind">Searched only {_e(turn["scope"])}.</p>')
    parts.append(sources_html(turn))
    if state == "refused":
        parts.append(further_html(turn.get("further") or []))
    return "".join(parts) + "</div>"


def question_html(question: str) -> str:
    return f'{ASKED_HEADING}<p class="asked">{_e(" ".join(str(question).split()))}</p>'


def messages(turns: Sequence[dict]) -> list[dict]:
    """Chatbot messages (our own HTML) from the conversation's turns."""
    out = []
    for t in turns:
        out.append({"role": "user", "content": question_html(t["question"])})
        out.append({"role": "assistant", "content": answer_html(t)})
    return out


def votes(turns: Sequence[dict]) -> list[str | None]:
    """The Chatbot's pressed feedback button per answer."""
    return [{"up": "Like", "down": "Dislike"}.get(t.get("vote")) for t in turns]


def history_pairs(turns: Sequence[dict]) -> tuple[tuple[str, str], ...]:
    """(question, answer) pairs of recent turns, for follow-up questions: the finished ones, and a stopped one with
    what was written of it. A walk stopped "tell me about jason killens and the london ambulance service", asked "what
    did he say about diversifying the workforce" and had it searched as a question on the events asked about before."""
    done = [(t["question"], t.get("answer") or t.get("draft") or "") for t in turns
            if t.get("answer") or t.get("state") == "stopped"]
    return tuple(done[-HISTORY_TURNS:])


def message_html(text: str, kind: str = "error") -> str:
    """A status message for the member (role=alert so screen readers announce it)."""
    role = "alert" if kind == "error" else "status"
    return f'<div class="msg-{kind}" role="{role}">{_e(text)}</div>' if text else ""


def about_this_answer(said: str) -> bool:
    """Whether what a notice says of the model is about this answer alone (it declined this question, or wrote what
    its sources did not back), not about the model being down, slow or busy, which holds for every answer meanwhile."""
    return said == notices.DECLINED or "not backed by the sources" in said


def answer_notice(notice: str) -> str:
    """What an answer's notice says under it: not that no model is configured (the turn says "Quoted from the
    articles"), nor that the model failed (said once above the chat, as it holds for every answer meanwhile). That
    the model declined this question or was not backed is kept with it: a walk read "check whether they answer it"
    above three quotes on pay beside "how many days annual leave do managers get", and lost it with the next question
    (the quotes then read as the answer)."""
    said, rest = notices.model_part(notice)
    kept = notices.joined(said if about_this_answer(said) else "", rest)
    return " ".join(kept.replace(notices.NO_LLM, "").split())


def banner_html(notice: str) -> str:
    return f'<div class="banner" role="status">{_e(notice)}</div>' if notice else ""


# rag.llm.client's LLMError words for a model too slow ("did not answer within 60 s", "was stopped after 687 characters
# in 181 s": a walk on a loaded machine was told "a fault on the server") and for one refusing more questions for now
_SLOW = re.compile(r"time[ds]? ?out|did not answer within|was stopped after \d+ characters in", re.I)
_BUSY = re.compile(r"rate.limited|HTTP 429", re.I)


def member_banner(said: str) -> str:
    """The model's failing in a member's words: not the server's error (a walk killed the model mid-answer and read
    "(the local model server exited with signal 9 (SIGKILL: killed, usually by the kernel for lack of memory (see
    `dmesg`);...)"), only whether it took too long or broke. Its answer not backed by the sources is said as it is.

    Example: "The AI model could not answer (HTTP 503 from ...), so these are quoted passages from the
    sources." -> "The AI model could not answer just now (a fault on the server), so these are quoted ...".
    """
    head = notices.FALLBACK.partition("{reason}")[0]  # a refusal's failure notice opens the same way, no quotes after
    if not said.startswith(head) or "not backed by the sources" in said:
        return said
    why = ("it took too long" if _SLOW.search(said) else "too many questions at once" if _BUSY.search(said)
           else "a fault on the server")
    quotes = ", so these are quoted passages from the sources." if said.endswith(notices.FALLBACK[-40:]) else "."
    return f"The AI model could not answer just now ({why}){quotes}"


def waiting_words(ahead: int, each_s: float | None) -> str:
    """What the member reads while the model reads the sources, or waits for other members' questions."""
    if ahead <= 0:
        return WAITING
    estimate = f", about {round((ahead + 1) * each_s / 5) * 5 or 5:.0f} s" if each_s else ""
    who = "1 other question" if ahead == 1 else f"{ahead} other questions"
    return f"The AI model answers one question at a time: {who} first, then yours{estimate}…"
