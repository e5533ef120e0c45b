"""Pure parts of the chat page: the first screen in plain words, the about line, the theme and CSS, restoring saved
turns (its scripts are rag.web.page_script)."""

from __future__ import annotations

import html
import re
from typing import Sequence

from rag.web.chat_render import STATES

MAX_SAVED_TURNS = 50  # a conversation kept in the browser; older turns drop off
_ID = re.compile(r"^[0-9a-f]{4,32}$")


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _issue_words(issue) -> str:
    """ "summer 2026, issue 68"; "summer 2024 (general election special)" from its title's brackets."""
    season = issue.season or issue.date
    if issue.number is not None:
        return f"{season}, issue {issue.number}"
    label = re.search(r"\(([^()]{3,60})\)\s*$", issue.title or "")
    return f"{season} ({label.group(1)})" if label else season


def issue_labels(issues: Sequence) -> dict[str, str]:
    """Short names for the issue filter, which shows about 20 letters: {issue_id: "summer 2026 (issue 68)"}.
    Two issues of one season without numbers are told apart by their dates."""
    def short(issue) -> str:
        season = issue.season or issue.date
        return season if issue.number is None else f"{season} (issue {issue.number})"

    names = [short(i) for i in issues]
    return {i.issue_id: name if names.count(name) == 1 else f"{name}, {i.date}" for i, name in zip(issues, names)}


def coverage(issues: Sequence) -> str:
    """What the archive covers, oldest first. Example: "2 issues: summer 2024 (...); summer 2026, issue 68"."""
    if not issues:
        return "No issues are indexed yet."
    ordered = sorted(issues, key=lambda i: i.date)
    count = "1 issue" if len(ordered) == 1 else f"{len(ordered)} issues"
    return f"{count}: " + "; ".join(_issue_words(i) for i in ordered)


def model_words(llm_name: str) -> str:
    """Which kind of model answers, for members."""
    if llm_name == "extractive":
        return "Answers are sentences quoted from the articles; no AI model writes them."
    if llm_name in ("local", "openai/local"):  # the embedded model (rag.llm.client names it "local")
        return "Answers are written by a small AI model running on this server, from the passages it finds."
    return "Answers are written by an AI model from the passages the archive search finds."


NUMBERS = "Each {what} ends with a number such as [1] that leads to the passage it comes from, and on to its article."
CHECKS = "The app checks each sentence against that passage and drops what the passage does not support."


def intro_html(issues: Sequence, llm_name: str) -> str:
    """The first screen (the empty chat's placeholder): what the archive covers, who answers, how it is checked."""
    return (f'<div id="intro"><p><strong>Ask a question about <em>Healthcare Manager</em>, MiP\'s magazine.</strong></p>'
            f'<p>The archive holds {_e(coverage(issues))}.</p>'
            f"<p>{_e(model_words(llm_name))} {_e(how_to_read(llm_name))}</p></div>")


def how_to_read(llm_name: str) -> str:
    """What the [n] numbers are for; that a model's sentences are checked (quotes need no check)."""
    if llm_name == "extractive":
        return NUMBERS.format(what="quote")
    return NUMBERS.format(what="sentence") + " " + CHECKS


_VERSION = re.compile(r"^v0*(\d+)-(\d{4})(\d\d)(\d\d)T")
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def archive_words(index_version: str) -> str:
    """'v0011-20261130T145441' -> 'archive updated 30 Nov 2026 (version 11)'; another name is shown as it is."""
    m = _VERSION.match(index_version or "")
    if not m or not 1 <= int(m.group(3)) <= 12:
        return f"archive version {index_version or '?'}"
    return f"archive updated {int(m.group(4))} {_MONTHS[int(m.group(3)) - 1]} {m.group(2)} (version {int(m.group(1))})"


def about_html(index_version: str, llm_name: str, status: str = "") -> str:
    """The small print in members' words: when the archive was updated, who writes answers, and (while it
    matters) how the model is right now; the exact index and model names in the tooltip, for staff. A phone shows
    the short form where there is one (about_short)."""
    who = {"extractive": "answers quoted from the articles", "local": "answers by a small AI model on this server",
           "openai/local": "answers by a small AI model on this server"}.get(llm_name, f"answers by {llm_name}")
    # No model: nothing can change, and "who" says it already; a status naming the model again adds nothing.
    if llm_name == "extractive" or status.strip().casefold() == who.casefold():
        status = ""
    # How the model went down is for staff, in the tooltip: the line read "The AI model is down, so answers are quoted
    # passages (the server exited with signal 9 (SIGKILL: killed, usually by the kernel for lack of memory (see
    # `dmesg`); free memory or use a smaller model))" to members, five lines on a phone (walk 35)
    status, why = status.partition(" (")[0], status.partition(" (")[2].removesuffix(")")
    now = f' · <span id="model-status">{_e(status[:1].upper() + status[1:])}</span>' if status else ""
    detail = f"index {index_version or '?'}, model {llm_name}" + (f": {why}" if why else "")
    line = f"About: {_e(archive_words(index_version))} · {_e(who)}{now}"
    short = about_short(index_version, llm_name, status)
    if short:
        line = f'<span class="about-long">{line}</span><span class="about-short">About: {_e(short)}</span>'
    # No id here: the gr.HTML around it is #about (app.py), and one page may hold an id once.
    return f'<p class="about-line" title="{_e(detail)}">{line}</p>'


_LOCAL_STATUS = "the AI model is "


def about_short(index_version: str, llm_name: str, status: str) -> str:
    """The small model's about line in a phone's words (the whole took three lines of a 320 px screen, walk 27): the
    date without the version, the model's state without "the AI model is"; "" for the others, two lines at most.

    Example: ("v0026-20261202T213439", "local", "the AI model is ready") -> "archive updated 2 Dec 2026 · AI model:
    ready"
    """
    if llm_name not in ("local", "openai/local"):
        return ""
    when = re.sub(r" \(version \d+\)$", "", archive_words(index_version))
    state = status.removeprefix(_LOCAL_STATUS) if status.startswith(_LOCAL_STATUS) else status
    return f"{when} · AI model: {state}" if state else f"{when} · answers by a small AI model"


def restore_turns(saved) -> list[dict]:
    """Turns read back from the browser, kept only when well formed (the server re-escapes everything)."""
    if not isinstance(saved, list):
        return []
    out = []
    for t in saved[-MAX_SAVED_TURNS:]:
        if not isinstance(t, dict) or not isinstance(t.get("question"), str) or not _ID.match(str(t.get("id", ""))):
            continue
        sources = [s for s in t.get("sources") or [] if isinstance(s, dict) and isinstance(s.get("n"), int)]
        state = t.get("state") if t.get("state") in STATES else "stopped"
        if state in ("searching", "writing"):
            state = "stopped"  # the page was left while it was answering
        out.append({
            "id": t["id"], "question": t["question"][:5000], "answer": str(t.get("answer") or "")[:20000],
            "draft": str(t.get("draft") or "")[:20000], "state": state, "sources": sources[:20],
            "cited": [n for n in t.get("cited") or [] if isinstance(n, int)], "quoted": bool(t.get("quoted")),
            "vote": t.get("vote") if t.get("vote") in ("up", "down") else None,
            "trace": t.get("trace") if isinstance(t.get("trace"), dict) else {},
            "scope": str(t.get("scope") or "")[:200], "searched": str(t.get("searched") or "")[:2000],
            "notice": str(t.get("notice") or "")[:2000],
            "asked": float(t["asked"]) if isinstance(t.get("asked"), (int, float)) else 0.0,
            "further": [f for f in t.get("further") or [] if isinstance(f, dict)
                        and all(isinstance(f.get(k), str) for k in ("article", "where", "url"))][:5],
        })
    return out


def theme():
    """Gradio's default theme, with bold text in a face that holds every letter (the fonts Gradio serves itself)."""
    # Gradio's bundled SemiBold Source Sans Pro and IBM Plex Mono are Cyrillic subsets whose few Latin glyphs are
    # "A", "B" and space: with them as the 600 face, bold text drew those two letters from it (lighter, smaller)
    # and the rest from the next font of the stack. Their Regular and Bold files are whole: 600 and 700 use Bold.
    import gradio as gr  # only the app needs it; the rest of this module stays importable without Gradio

    def font(name: str, *fallbacks: str) -> tuple:
        return (gr.themes.LocalFont(name, weights=(400, 700)), *fallbacks)

    # Ask's white word on Gradio's orange-500 was 2.8:1 (3.6:1 dark), and Stop's on red-500 3.8:1: below the 4.5:1 a
    # 16 px word needs (WCAG 1.4.3; walk 35). The shades 700 read at 5.2:1 and 6.5:1, and 800 (hovered) at 7.3:1, 8.3:1.
    buttons = {f"button_{kind}_{part}{mode}": f"*{shade}" if kind == "primary" else getattr(gr.themes.colors.red, shade)
               for kind, normal, hover in (("primary", "primary_700", "primary_800"), ("cancel", "c700", "c800"))
               for part, shade in (("background_fill", normal), ("background_fill_hover", hover),
                                   ("border_color", normal), ("border_color_hover", hover))
               for mode in ("", "_dark")}
    # The question box's hint ("Ask about the archive, e.g. ...") was 1.9:1 (WCAG asks 4.5:1 of words; walk 35): neutral
    # 500 reads at 4.8:1 (400 on dark); the box's edge is CSS's
    inputs = {"input_placeholder_color": "*neutral_500", "input_placeholder_color_dark": "*neutral_400"}
    return gr.themes.Default(font=font("Source Sans Pro", "ui-sans-serif", "system-ui", "sans-serif"),
                             font_mono=font("IBM Plex Mono", "ui-monospace", "Consolas", "monospace")).set(**buttons,
                                                                                                           **inputs)


CSS = """
.gradio-container{max-width:900px !important;width:100% !important;margin:0 auto !important;height:100dvh;max-height:100dvh}
.contain>.column{gap:8px}
.main.fillable.app{padding:6px 8px 2px !important}
#topbar{align-items:center;gap:.5rem}
#topbar h1{font-size:1.15rem;margin:0;white-space:nowrap}
/* Gradio draws the filter's arrow over the end of its text: the text stops short of it */
#issue-filter .icon-wrap{right:var(--size-2)}
#issue-filter input{padding-right:var(--size-6);text-overflow:ellipsis}
/* Gradio marks the filter's focus with a pale shadow on white and none in dark mode (a walk, keyboard only): the
   same ring as the buttons' */
#issue-filter .wrap:has(input:focus-visible){box-shadow:0 0 0 3px #0969da !important}
#chat{flex:1 1 0 !important;min-height:160px !important}
#notice:not(:has(.banner)),#status:not(:has([role])){display:none}
/* The status line heard, not seen ("Answered."), took a 20 px strip of padding between the chat and the box: it
   takes no room, and stays in the page for screen readers. A note or error shown there keeps its room. Gradio pads
   these two lines 10 px above and below: at zoom 200% a walk's vote pushed the question box off the screen.
   No comma directly inside ":has()" in this sheet: Gradio prefixes each part of a selector split at every comma, so
   ":has(.msg-note,.msg-error)" matched a note only, and an error ("That question is 1500 characters long ...",
   "Please type a question first.") was heard and never seen (walk 34; tests/test_walk34_errors_seen.py). In ":not()"
   and ":is()" the prefixed part still matches inside the page. */
#status:not(:has(.msg-note)):not(:has(.msg-error)):not(:has(.wait-hint)){position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
#status .html-container,#about .html-container{padding-top:2px !important;padding-bottom:2px !important}
#chat .answer p{margin:.3rem 0}
#chat a.cite{text-decoration:none;font-weight:600;padding:0 .1rem;border-radius:3px;color:var(--link-text-color) !important}
#chat a.cite:hover,#chat a.cite:focus{text-decoration:underline}
#chat .sources{margin-top:.5rem;border-top:1px solid var(--border-color-primary);padding-top:.3rem}
#chat .sources summary,#chat .more-sources summary,#chat .further summary{cursor:pointer;font-weight:600;font-size:.9rem}
#chat .further{margin-top:.5rem;border-top:1px solid var(--border-color-primary);padding-top:.3rem}
#chat .further-list{margin:.3rem 0;padding-left:1.2rem}
#chat .further-list li{margin:0 0 .4rem}
#chat .further-link{text-decoration:underline}
#chat .further-meta{font-size:.82rem;opacity:.8}
#chat .src-list{list-style:none;padding:0;margin:.3rem 0}
#chat .scroll-down-button-container{left:auto;right:2px;transform:none}
#chat .scroll-down-button-container button{background:var(--background-fill-primary);border:1px solid var(--body-text-color-subdued);min-width:36px;min-height:36px}
#chat .src{border:1px solid var(--border-color-primary);border-radius:8px;padding:.5rem .7rem;margin:0 0 .5rem;scroll-margin:.5rem}
#chat .src:target,#chat .src.reached{outline:3px solid #d4a72c;outline-offset:-1px}
#chat .src-n{font-weight:700}
#chat .src-meta{font-size:.82rem;opacity:.8}
#chat .src-text{margin:.3rem 0;padding-left:.6rem;border-left:3px solid var(--border-color-primary);font-size:.9rem}
#chat .src-links a{text-decoration:underline}
#chat .working{opacity:.75;font-style:italic}
#chat .answer-kind{font-size:.82rem;opacity:.75}
#chat .asked{margin:0;scroll-margin-top:.5rem}
#intro{padding:0 .8rem}
#intro p{margin:.4rem 0}
#composer{align-items:flex-end;gap:.4rem;flex-wrap:nowrap}
/* The question box's and the filter's edges were Gradio's neutral 200, 1.3:1 on white: a box a member could hardly see.
   A control's edge needs 3:1 (WCAG 1.4.11): neutral 500 is 4.8:1 on white, 4:1 on the dark page */
#question,#issue-filter{border-color:var(--neutral-500) !important}
#about .about-line{font-size:.75rem;opacity:.7;margin:0}
.about-short{display:none}
.msg-info,.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;margin:0;padding:0}
.sr-only{user-select:none}  /* heard, not seen, and not in the text a member selects and copies */
.msg-note{font-size:.85rem;opacity:.85}
.banner{background:#fff3b0;color:#3b2f00;border:1px solid #d4a72c;border-radius:6px;padding:.4rem .7rem}
.msg-error{background:#ffebe9;color:#82071e;border:1px solid #ff8182;border-radius:6px;padding:.4rem .7rem}
/* a source list's heading too ("Sources (2)", "2 more passages read, not cited"): chromium's own thin dark ring on it
   was not seen on the dark theme's dark card (walk 29, keyboard only) */
a:focus-visible,button:focus-visible,summary:focus-visible{outline:3px solid #0969da !important;outline-offset:2px}
#question textarea:focus-visible{outline:3px solid #0969da !important;outline-offset:1px}
/* Gradio's theme whitens the buttons' outline: a ring that shows on any background */
button#ask:focus-visible,button#stop:focus-visible,button#new-chat:focus-visible{box-shadow:0 0 0 2px #fff,0 0 0 5px #0969da !important}
/* An answer not finished (waiting, being written) or never to be (stopped): nothing to rate yet (a walk pressed a
   stopped answer's thumb and was told "once it is finished"; another saw thumbs under "yours waits for a free place") */
#chat .message-row:has(.answer:not(.st-done,.st-refused))+.message-buttons :is(button[aria-label^='Like'],button[aria-label^='Dislike']){display:none}
/* Gradio's progress ("queue: 2/2 | 4.5/13.0s", a "0.0s" timer) is not seen here (the answer says where it is), but it
   was heard: transparent or clipped, it stayed in the accessibility tree, read out beside the status line (walk 27) */
[data-testid="status-tracker"]{visibility:hidden !important}
#chat button[aria-label='Clear']{display:none}  /* New chat does this, and keeps the saved copy in step */
@media (max-width:640px){
  #topbar{flex-wrap:wrap}
  .about-long{display:none}
  .about-short{display:inline}
  #topbar h1{font-size:1rem}
  /* Gradio keeps 20 px each side of an answer for avatars this chat has none of: at 320 px the answer and its cards
     were 220 px of the chat's 302 (a walk). A question keeps its place on the right, to tell the two apart. The right
     keeps room for the round scroll-down button (36 px at right:2px): at 4 px it sat over the answer's words (CI's
     tests/test_browser.py scroll-down test). 248 px of 302 now. */
  #chat .message-row.bubble.bot-row{margin-left:4px !important;margin-right:28px !important;max-width:calc(100% - 32px) !important}
  #chat .message-row.bubble.user-row{margin-right:4px !important}
}
/* Wider than a phone, or short (zoom 200%, a phone on its side), a question keeps the round scroll-down button's 38 px
   clear at its right, and so does its copy button: the conversation scrolls under the button, and a walk's short window
   had it over the end of a question ("And what about the crews?" lost its "?"). Gradio keeps 20 px there. */
@media (min-width:641px),(max-height:500px){
  #chat .message-row.bubble.user-row,#chat .message-buttons-right{margin-right:40px !important}
}
/* The title on a line of its own on a narrow phone; not on a short screen (zoom 200%, a phone on its side), where the
   filter fits beside it and every line taken from the chat counts. */
@media (max-width:640px) and (min-height:501px){
  #topbar>.html-container,#topbar>div:first-child{flex-basis:100% !important}
  /* A tall phone keeps a question at the right edge (to tell it from an answer), and the conversation scrolled each
     one under the round scroll-down button (walk 28): while the button shows, it has a strip of its own under the
     conversation, and nothing scrolls under it. */
  #chat:has(.scroll-down-button-container) .bubble-wrap{height:calc(100% - 44px) !important}
  #chat .scroll-down-button-container{bottom:3px}
}
@media (max-height:500px){
  #chat{min-height:96px !important}
}
"""
