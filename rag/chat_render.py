"""Pure rendering for the chat: source cards, assistant messages, status lines (all escaped)."""

from __future__ import annotations

import html
from typing import Sequence
from urllib.parse import quote

from rag.sanitize import sanitize_answer
from rag.types import Hit

HISTORY_TURNS = 6  # follow-ups need recent context only; keeps prompts small
EXCERPT_CHARS = 320

CSS = """
#sources .src{border:1px solid var(--border-color-primary);border-radius:8px;padding:.6rem .8rem;margin:0 0 .6rem}
#sources .src-n{font-weight:700;margin-right:.3rem}
#sources .src-meta{font-size:.85rem;opacity:.8}
#sources blockquote{margin:.4rem 0;padding-left:.6rem;border-left:3px solid var(--border-color-primary);font-size:.92rem}
#sources a{text-decoration:underline}
#sources a:focus,#feedback button:focus,#new-chat:focus{outline:3px solid #0969da;outline-offset:2px}
.banner{background:#fff3b0;color:#3b2f00;border:1px solid #d4a72c;border-radius:6px;padding:.5rem .75rem}
.msg-error{background:#ffebe9;color:#82071e;border:1px solid #ff8182;border-radius:6px;padding:.5rem .75rem}
.msg-info{padding:.3rem 0}
#indexed{font-size:.9rem;opacity:.85}
@media (max-width: 640px){#chat{height:55vh !important}.gradio-container{padding:4px !important}}
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(url: str | None, *, base: str = "") -> str | None:
    """A link only if code built it: our own /article/ view, or an http(s) publisher page."""
    if not url:
        return None
    own = f"{base}/article/"
    if url.startswith(own) or url.startswith("/article/"):
        return quote(url, safe="/:#?=&-_.~%+")
    if url.startswith(("https://", "http://")) and not any(ch in url for ch in " \"'<>\\`"):
        return url
    return None


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The passage shortened at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def _where(hit: Hit) -> str:
    parts = [hit.issue_title or hit.issue, hit.date]
    if hit.page is not None:
        parts.append(f"page {hit.page}")
    return " · ".join(p for p in parts if p)


def render_sources_html(hits: Sequence[Hit], *, refused: bool = False, base: str = "") -> str:
    """The numbered source cards, everything escaped; empty for a refusal."""
    if refused or not hits:
        return ""
    cards = []
    for i, h in enumerate(hits, start=1):
        links = []
        own = safe_url(h.url, base=base)
        if own:
            links.append(f'<a href="{_e(own)}" target="_blank" rel="noopener noreferrer" class="src-link">'
                         f"Read the passage in the article</a>")
        pub = safe_url(h.publisher_url, base=base) if h.publisher_url else None
        if pub and pub.startswith("http"):
            links.append(f'<a href="{_e(pub)}" target="_blank" rel="noopener noreferrer">Publisher\'s edition</a>')
        cards.append(
            f'<li class="src" id="src-{i}"><div><span class="src-n">[{i}]</span>'
            f"<strong>{_e(h.article)}</strong></div>"
            f'<div class="src-meta">{_e(_where(h))}</div>'
            f"<blockquote>{_e(excerpt(h.text))}</blockquote>"
            f"<div>{' · '.join(links)}</div></li>"
        )
    return ('<section aria-label="Sources"><h2 style="font-size:1.05rem;margin:.2rem 0 .5rem">Sources</h2>'
            f'<ol style="list-style:none;padding:0;margin:0">{"".join(cards)}</ol></section>')


def _md_escape(text: str) -> str:
    text = html.escape(" ".join(text.split()), quote=False)  # one line: a newline would break link syntax
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+!|~>" else ch for ch in text)


def chat_text(answer_text: str, *, hits: Sequence[Hit] = (), notice: str = "", refused: bool = False,
              base: str = "") -> str:
    """The assistant message: notice, sanitized answer, then code-built source links."""
    parts = []
    if notice:
        parts.append(f"**Note:** *{_md_escape(notice)}*")
    parts.append(sanitize_answer(answer_text) or "…")
    if hits and not refused:
        lines = []
        for i, h in enumerate(hits, start=1):
            url = safe_url(h.url, base=base)
            label = _md_escape(h.article or "passage")
            where = _md_escape(_where(h))
            lines.append(f"[{i}] [{label}]({url}) · {where}" if url else f"[{i}] {label} · {where}")
        parts.append("**Sources**  \n" + "  \n".join(lines))
    return "\n\n".join(parts)


def status_line(issues, *, index_version: str, llm_name: str) -> str:
    """Which issues are indexed, the index version and which model answers."""
    names = "; ".join(f"{i.title} ({i.date})" for i in issues) or "no issues yet"
    return (f'<p id="indexed">Indexed: {_e(names)} · index {_e(index_version or "?")} · '
            f"answers by {_e(llm_name)}</p>")


def message_html(text: str, kind: str = "error") -> str:
    """A status message for the member (role=alert so screen readers announce it)."""
    role = "alert" if kind == "error" else "status"
    return f'<div class="msg-{kind}" role="{role}">{_e(text)}</div>' if text else ""


def banner_html(notice: str) -> str:
    return f'<div class="banner" role="status">{_e(notice)}</div>' if notice else ""


def history_pairs(turns: Sequence[dict]) -> tuple[tuple[str, str], ...]:
    """(question, answer) pairs of recent completed turns, for follow-up questions."""
    done = [(t["question"], t["answer"]) for t in turns if t.get("answer")]
    return tuple(done[-HISTORY_TURNS:])


def messages(turns: Sequence[dict]) -> list[dict]:
    """Chatbot messages from the conversation's turns."""
    out = []
    for t in turns:
        out.append({"role": "user", "content": t["question"]})
        out.append({"role": "assistant", "content": t["display"]})
    return out
