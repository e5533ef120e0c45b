"""The project's own view of an article: every passage as a block, the cited one highlighted."""

from __future__ import annotations

import html
import re
from typing import Callable, Sequence

from rag.answer.issue_names import issue_named
from rag.answer.list_leads import opening_lead
from rag.corpus.cleaning import is_terminated
from rag.sentences import passage_sentences, split_sentences
from rag.types import Chunk, Issue
from rag.web.links import headline_shown

# No scripts, no outside resources: the page is static text styled inline, in the chat's fonts from this server.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

# The chat's own face (rag.web.chat_page.theme): Gradio's whole Source Sans Pro Regular and Bold, from its static
# folder. The page is /article/ISSUE/ARTICLE, so ../../ is the app's root, behind a proxy's path prefix too.
_FONTS = "".join(
    f"@font-face{{font-family:'Source Sans Pro';src:url('../../static/fonts/SourceSansPro/SourceSansPro-{face}.woff2')"
    f" format('woff2');font-weight:{weight};font-style:normal}}\n"
    for face, weight in (("Regular", 400), ("Bold", "600 700")))

# The header stays at the top over the article, the cited passage scrolled to just below it. On a phone it is smaller,
# so the way back, the headline and the issue stay in view there too (a walk: the jump to the passage scrolled them
# away); the headline wraps whole, never cut ("brink…", another walk).
_CSS = _FONTS + """
body{font:16px/1.55 'Source Sans Pro',ui-sans-serif,system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:0 1rem 2rem;color:#1f2328;background:#fff}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #d0d7de;padding:.5rem 0 .4rem;z-index:1}
header p{color:#57606a;margin:.15rem 0;font-size:.9rem}
h1{font-size:1.3rem;line-height:1.25;margin:.25rem 0}
.passage{padding:.5rem .75rem;margin:.5rem 0;border-left:4px solid transparent;border-radius:4px;scroll-margin-top:10rem}
.passage:target,.passage.hl{background:#fff3b0;border-left-color:#d4a72c;outline:2px solid #d4a72c}
h2{font-size:1.1rem;line-height:1.3;margin:1rem 0 .25rem}
.page{font-size:.8rem;color:#57606a;margin-top:1rem}
a{color:#0550ae}
a:focus,.passage:focus{outline:3px solid #0969da}
nav{font-size:.95rem}
@media (max-width:40rem){
  header{padding:.3rem 0 .25rem}
  nav{font-size:.85rem}
  header h1{font-size:1.05rem;line-height:1.25;margin:.1rem 0}
  header p{font-size:.78rem;line-height:1.35;margin:.1rem 0}
  .passage{scroll-margin-top:8.5rem}
}
@media (prefers-color-scheme:dark){
  body,header{background:#0d1117;color:#e6edf3}
  header{border-bottom-color:#30363d}
  header p,.page{color:#8b949e}
  a{color:#58a6ff}
  .passage:target,.passage.hl{background:#3d3000;color:#fff8c5;border-left-color:#d4a72c}
}
"""


# The cited passage is marked by colour; a screen reader is told which it is (a walk's accessibility tree had nothing
# to tell it from the rest): a named section is a region, announced as the reader enters it and listed with landmarks.
CITED = ' role="region" aria-label="The passage the answer cites"'


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def passage_id(chunk_id: str) -> str:
    """The element id a passage link's #fragment points at."""
    return f"p-{chunk_id}"


def without_overlap(previous: str, current: str) -> str:
    """current minus the sentences it repeats from the end of previous (chunks overlap by design).

    Example: ("A. B. C.", "B. C. D.") -> "D."
    """
    for start in range(len(previous)):
        if (start == 0 or previous[start - 1] in " \n") and current.startswith(previous[start:]):
            rest = current[len(previous) - start:].lstrip()
            return rest
    return current


def shown_texts(chunks: Sequence[Chunk], highlight: str | None = None) -> list[str]:
    """Each passage's text without what it repeats from the one before; the highlighted one whole.

    The highlighted passage keeps the sentences it shares with the one before (they may be what was
    quoted), and the one before gives them up instead, so nothing is shown twice. One opening on a list's items
    takes in the list from its lead-in (with_lead).
    """
    texts = [without_overlap(prev.text, c.text) if i else c.text
             for i, (prev, c) in enumerate(zip([None, *chunks], chunks))]
    k = next((i for i, c in enumerate(chunks) if c.chunk_id == highlight), None)
    if k:
        shared = chunks[k].text[: len(chunks[k].text) - len(texts[k])].strip()
        texts[k] = chunks[k].text
        if shared and texts[k - 1].rstrip().endswith(shared):
            texts[k - 1] = texts[k - 1].rstrip()[: -len(shared)].rstrip()
        texts[k - 1], texts[k] = with_lead(texts[k - 1], texts[k], opening_lead(chunks[k].text, chunks[k - 1].text))
    return texts


def with_lead(before: str, cited: str, lead: str) -> tuple[str, str]:
    """(before, cited) with the list `cited` opens on taken in from the paragraph holding its lead-in `lead`, near the
    end of `before`, with the items after it: a source card shows an item with its lead-in (rag.answer.list_leads),
    and walk 32 found the article highlighting "treated your request as withdrawn ..." without "You can only bring a
    tribunal claim on the grounds that, in refusing your request, the employer:", left unmarked in the passage before.

    Example: ("Intro.\n\nYou must:\n\ndo a", "do b", "You must:") -> ("Intro.", "You must:\n\ndo a\n\ndo b")
    """
    at = before.rfind(lead) if lead else -1
    if at < 0:
        return before, cited
    at = before.rfind("\n", 0, at) + 1  # the lead-in's whole paragraph
    return before[:at].rstrip(), f"{before[at:].rstrip()}\n\n{cited}"


# Lines a magazine sets short and unpunctuated that head nothing: a serial number ("ISSN 1759-9784", under the
# masthead) and a picture credit ("Cover image: Tim Kavanagh/UNP"). A walk saw both shown as headings.
_NOT_HEADINGS = re.compile(r"(?:e-?)?(?:ISSN|ISBN)\b|(?:cover |front )?(?:image|photo|photograph|picture|"
                           r"illustration|artwork)s?(?: credits?)?\s*:|credits?\s*:", re.IGNORECASE)


def subheadings(paragraphs: Sequence[str]) -> set[int]:
    """Which paragraphs are subheadings, by the rule passages are indexed with (rag.sentences.passage_sentences):
    a one-sentence paragraph that it leaves out (short, no end punctuation, not an item of a list after a ":"),
    with something after it to head, that is not a web address ("www.tuc.org.uk/events" under an event), a serial
    number or a picture credit ("ISSN 1759-9784", "Cover image: Tim Kavanagh/UNP", under the masthead). An
    event's name under its date line is read with the date there ("13-16 September 2026: TUC Congress 2026"), and
    is shown as the event's heading, the date above it as a line of its own.

    Example: ["It rose.", "Your statutory rights", "You may ask for:", "hours of work"] -> {1}
    """
    kept = iter(passage_sentences("\n\n".join(paragraphs)))
    wanted, out = next(kept, None), set()
    flat = [(n, s, len(split_sentences(p))) for n, p in enumerate(paragraphs) for s in split_sentences(p)]
    k = 0
    while k < len(flat):
        n, sentence, count = flat[k]
        if k + 1 < len(flat) and wanted == f"{sentence}: {flat[k + 1][1]}":  # an event's date and its name
            if flat[k + 1][2] == 1 and not is_terminated(paragraphs[flat[k + 1][0]]):
                out.add(flat[k + 1][0])
            wanted, k = next(kept, None), k + 2
            continue
        if sentence == wanted:
            wanted = next(kept, None)
        elif (count == 1 and n + 1 < len(paragraphs) and not is_terminated(paragraphs[n])
              and not _NOT_HEADINGS.match(paragraphs[n].strip())):
            out.add(n)
        k += 1
    return out


def render_article_html(issue: Issue, chunks: Sequence[Chunk], *, highlight: str | None = None,
                        home_url: str = "/") -> str:
    """A whole article as a standalone page; everything escaped, the highlighted passage marked."""
    headline = headline_shown(chunks[0].headline) if chunks else "(empty article)"
    first_page = next((c.page for c in chunks if c.page is not None), None)
    meta = [_e(issue_named(issue.title, issue.date))]  # as in the chat's cards: no ISO date
    if first_page is not None:
        meta.append(f"page {_e(first_page)}")
    publisher = ""
    if issue.url and issue.url.startswith(("https://", "http://")):
        publisher = f' · <a href="{_e(issue.url)}" rel="noopener noreferrer" target="_blank">publisher\'s edition</a>'
    texts = [[p for p in text.split("\n\n") if p.strip()] for text in shown_texts(chunks, highlight)]
    heads = subheadings([p for paras in texts for p in paras])  # a list runs on across passages
    blocks, last_page, n = [], None, 0
    for c, shown in zip(chunks, texts):
        if c.page is not None and c.page != last_page:
            blocks.append(f'<p class="page">Page {_e(c.page)}</p>')
            last_page = c.page
        cited = bool(highlight) and c.chunk_id == highlight
        paras = "".join(f"<h2>{_e(p)}</h2>" if n + k in heads else f"<p>{_e(p)}</p>" for k, p in enumerate(shown))
        n += len(shown)
        blocks.append(f'<section{CITED if cited else ""} class="passage{" hl" if cited else ""}" '
                      f'id="{_e(passage_id(c.chunk_id))}" tabindex="-1">{paras}</section>')
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta name=\"color-scheme\" content=\"light dark\">"
        f"<title>{_e(headline)} · {_e(issue.title)}</title><style>{_CSS}</style></head><body>"
        f'<header><nav><a href="{_e(home_url)}" id="back">← Back to the chat</a> (your conversation is kept)</nav>'
        f"<h1>{_e(headline)}</h1><p>{' · '.join(meta)}{publisher}</p></header>"
        f"<main>{''.join(blocks)}</main></body></html>"
    )


def render_not_found(home_url: str = "/") -> str:
    """The page for an unknown issue or article, or an address that names none (a link cut short), sized for a phone."""
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta name=\"color-scheme\" content=\"light dark\"><title>Article not found</title>"
        f"<style>{_CSS}</style></head><body><main><h1>Article not found</h1>"
        "<p>This link does not lead to an article in the archive: it may have been cut short, or the article "
        "removed or re-indexed. Open it again from its answer in the chat, or ask your question again.</p>"
        f'<p><a href="{_e(home_url)}" id="back">Back to the chat</a></p></main></body></html>'
    )


def article_address(rest: str) -> tuple[str, str] | None:
    """(issue id, article id) from what follows /article/ (one trailing slash allowed); None when it names no article.

    Example: "2026-summer-68/01-pay/" -> ("2026-summer-68", "01-pay"); "2026-summer-68" -> None
    """
    parts = rest[:-1].split("/") if rest.endswith("/") else rest.split("/")
    return (parts[0], parts[1]) if len(parts) == 2 and all(parts) else None


def article_route(lookup: Callable[[str, str], tuple[Issue, list[Chunk]]], *,
                  allowed: Callable[[object], bool] = lambda request: True, home_url: str = "/"):
    """A Starlette route for GET /article/{issue_id}/{article_id}[?hl=chunk_id], and for every other address under
    /article/: the not-found page (a link cut short to /article/ISSUE got Starlette's bare '{"detail":"Not Found"}'),
    or with a trailing slash the article's own address (Starlette sent it to this host's root, not behind a proxy's
    path prefix)."""
    from starlette.responses import HTMLResponse, RedirectResponse  # web stack only when serving
    from starlette.routing import Route

    def view(request):
        if not allowed(request):
            return RedirectResponse(home_url, status_code=303)
        rest = request.path_params["rest"]
        named = article_address(rest)
        try:
            if named is None:
                raise KeyError(rest)
            issue, chunks = lookup(*named)
        except KeyError:
            return HTMLResponse(render_not_found(home_url), status_code=404, headers=SECURITY_HEADERS)
        if rest.endswith("/"):  # relative links (the fonts) need the address without it
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"{home_url.rstrip('/')}/article/{rest.rstrip('/')}{query}", status_code=308)
        hl = request.query_params.get("hl")
        body = render_article_html(issue, chunks, highlight=hl, home_url=home_url)
        return HTMLResponse(body, headers=SECURITY_HEADERS)

    return Route("/article/{rest:path}", view, methods=["GET", "HEAD"])
