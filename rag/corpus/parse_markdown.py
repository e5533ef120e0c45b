"""Markdown extracted from a magazine PDF (the 2026 file) -> articles with pages. Pure."""

from __future__ import annotations

import re
from collections import Counter

from rag.corpus.cleaning import is_terminated, join_on, paragraph_end, starts_lower, vocabulary
from rag.corpus.layout import Draft, finish_articles, match_score
from rag.corpus.markdown_html import html_to_text
from rag.corpus.markdown_items import Contents, Item, one_title_over_articles, read_items, split_contents
from rag.sentences import DATE_LINE
from rag.textnorm import covers, tokens
from rag.types import Article

_TEASER = re.compile(r"^(.*?)[—–-]\s*pages?\s*(\d+)", re.S)
_MAGAZINE = {"healthcare manager", "healthcare managers"}
_QUOTES = "\"“”‘’'"
_PROSE_WORDS = 40  # a paragraph this long that ends a sentence is no cover line (issue 68's are a line or two)


def _last_body(d: Draft | None) -> str:
    if d is None:
        return ""
    for p in reversed(d.paras):
        if p[1] in ("body", "dropcap") and len(p[0].split()) >= 6:
            return p[0]
    return ""


def news_end(items: list[Item], contents: Contents) -> int:
    """Index of the heading that opens the first contents entry after the news pages."""
    news_page = contents.sections[0][1] if contents.sections else 0
    later = [e for e, p in contents.entries if p > news_page]
    if not later:
        return len(items)
    scores = []
    for i, it in enumerate(items):
        if it.kind == "h" and it.level == 1:
            stand = next((x.text for x in items[i + 1 : i + 3] if x.kind == "p"), "")
            scores.append((match_score(later[0], Draft(headline=it.text, paras=[(stand, "body")])), -i))
    best = max(scores, default=(0.0, -len(items)))
    return -best[1] if best[0] > 0.1 else len(items)


def build_drafts(items: list[Item], section_names: set[str], end_news: int) -> tuple[list[Draft], list[tuple[str, int]]]:
    """Walk headings and paragraphs into draft articles; also return the "—page N" teasers."""
    drafts: list[Draft] = []
    teasers: list[tuple[str, int]] = []
    cur: Draft | None = None
    mode = "cover" if items and (items[0].kind == "p" or items[0].text.lower() in _MAGAZINE) else ""
    section = ""
    seen_heading = False
    for i, it in enumerate(items):
        nxt = items[i + 1] if i + 1 < len(items) else None
        if it.kind == "p":
            if mode == "cover" and (len(it.text.split()) < _PROSE_WORDS or not is_terminated(it.text)):
                continue  # a cover line; prose before any headline (an editorial without one) was dropped with them
            mode = "" if mode == "cover" else mode
            if mode == "teasers":
                m = _TEASER.match(it.text)
                if m:
                    teasers.append((m.group(1), int(m.group(2))))
                continue
            words = it.text.split()
            if (nxt is not None and nxt.kind == "h" and len(words) <= 3 and not is_terminated(it.text)
                    and not DATE_LINE.match(it.text)):
                continue  # plain-text kicker such as "Covid inquiry" (an event's date over its name is no kicker)
            if cur is None:
                cur = Draft(headline="", section="front")
                drafts.append(cur)
            if cur.interrupted is not None and starts_lower(it.text) and it.style == "body":
                back = cur.interrupted
                cur.interrupted = None
                cur = back  # the box is over: the interrupted article resumes mid-sentence
            cur.paras.append((it.text, it.style))
            continue
        text, low = it.text, it.text.lower()
        if low in _MAGAZINE:
            if not seen_heading:
                mode = "cover"
            else:
                mode = ""
                cur = Draft(headline="", section="front", magazine=True)
                drafts.append(cur)
            seen_heading = True
            continue
        seen_heading = True
        if i >= end_news and section == "heads up":
            section = "features"
        if low in section_names and it.level == 1:
            section, mode, cur = low, "teasers", None
            continue
        mode = "" if mode == "teasers" or mode == "cover" else mode
        if text[:1].islower() and _last_body(cur) and not is_terminated(_last_body(cur)):
            continue  # split headline fragment ("st.ai?") inside a running sentence
        if nxt is not None and nxt.kind == "h" and len(text.split()) <= 3 and nxt.text.lower() not in _MAGAZINE:
            continue  # kicker above a headline ("Trusts", "VSM Pay")
        next_style = nxt.style if nxt is not None and nxt.kind == "p" else ""
        if it.level == 1 and len(text.split()) <= 2 and cur is not None and _fragment(text, cur):
            cur.paras.append((text, "subhead"))
            continue
        start = it.level == 1 or (it.level == 2 and (section == "heads up" or next_style == "dropcap"))
        box = False
        if not start and it.level == 2 and cur is not None:
            last = _last_body(cur)
            box = bool(last) and not is_terminated(last)
        if start or box or cur is None:
            new = Draft(headline=text, section=section, level=it.level)
            if box:
                new.interrupted, new.box = cur, True
            drafts.append(new)
            cur = new
        else:
            cur.paras.append((text, "subhead"))
    return drafts, teasers


_STOPS = re.compile(r"[:;,.!?/|()\[\]]")


def _fragment(heading: str, cur: Draft) -> bool:
    """A one- or two-word `#` heading that is no headline: a label cut from its line (issue 68's "Acting: eds", the
    rest of the Health Bill article after it), or one met while the article's sentence runs on. "# Letters" after a
    finished article starts one (it was read as that article's subhead)."""
    last = _last_body(cur)
    return bool(_STOPS.search(heading)) or (bool(last) and not is_terminated(last))


_BREAKS_OFF = re.compile(r"\b(the|a|an|of|to|and|or|in|for|with|by|from|at|on|that|its|their|his|her)$")


def merge_continuations(paras: list[tuple[str, str]], vocab: Counter) -> list[tuple[str, str]]:
    """Rejoin paragraphs split by columns, captions or pull quotes ("since" / "the start")."""
    out: list[tuple[str, str]] = []
    held: list[tuple[str, str]] = []  # captions met while a sentence is open
    for text, style in paras:
        prev = out[-1] if out else None
        end = paragraph_end(prev[0]) if prev else ""  # not prev[0] whole: a paragraph grown by many pieces took minutes
        open_sentence = (
            prev is not None and prev[1] in ("body", "dropcap", "item") and len(end.split()) >= 3
            and not is_terminated(end)
        )
        # An upper-case continuation needs a long paragraph, so captions are not swallowed.
        glued = prev is not None and len(text.split()) >= 15 and len(end.split()) >= 6 and (
            end.endswith("-") or re.search(r"[a-z,]$", end) is not None
        )
        # A short piece that itself breaks off on a word no sentence ends with ("Social Care (DHSC). In its response
        # to the") is the running text, cut by the layout, not a caption to hold aside.
        broken = _BREAKS_OFF.search(text) is not None
        # ... and a paragraph that itself breaks off ("... the union's Freedom of") goes on in the next piece that
        # ends a sentence, whatever its case or length ("Information requests."), which would otherwise be held aside
        # as a caption; a caption ends on no full stop ("KAVITHA VIMALESVARAN, consultant cardiologist, Frimley Health")
        cut_off = open_sentence and _BREAKS_OFF.search(end) is not None and is_terminated(text)
        # A list item ends without a full stop by convention: a capitalised paragraph after it starts anew
        # ("...unless both parties have agreed to a longer period" / "The ACAS Code of Practice ...").
        goes_on = open_sentence and not (prev[1] == "item" and not starts_lower(text))
        if goes_on and style == "body" and (starts_lower(text) or glued or broken or cut_off):
            out[-1] = (join_on(prev[0], text, vocab), prev[1])
            out.extend(held)
            held = []
            continue
        if goes_on and (style in ("italic", "bold") or (style == "body" and len(text.split()) <= 14)):
            held.append((text, style))
            continue
        out.extend(held)
        held = []
        out.append((text, style))
    return out + held


_FURNITURE = re.compile(r"^(issue \d+ \| .*|[a-z]{2,4}|\d{1,3})$", re.I)


def drop_pull_quotes(paras: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Remove bold quotes that repeat the article's own words."""
    keep = []
    for i, (text, style) in enumerate(paras):
        if _FURNITURE.match(text):
            continue  # page furniture: "issue 68 | summer 2026", a lone logo word, a page number
        if style == "bold" and text[:1] in _QUOTES and len(tokens(text)) >= 5:
            rest = " ".join(t for j, (t, _) in enumerate(paras) if j != i)
            if covers(rest, text.strip(_QUOTES), min_share=0.6):
                continue
        keep.append((text, style))
    return keep


def parse_markdown(text: str, issue_id: str) -> list[Article]:
    """Magazine markdown -> articles with headlines, sections and pages from its contents list."""
    text = html_to_text(text)  # raw HTML (tags, comments, entities) was published in the passages as written
    vocab = vocabulary(text)
    items, contents = split_contents(one_title_over_articles(read_items(text, vocab)))
    section_names = {name for name, _ in contents.sections} | {"heads up"}
    drafts, teasers = build_drafts(items, section_names, news_end(items, contents))
    for d in drafts:
        d.paras = drop_pull_quotes(merge_continuations(d.paras, vocab))
        if d.magazine:
            sig = any(re.search(r"\bEditor\b", t) and len(t.split()) <= 8 for t, _ in d.paras)
            d.headline = "Editorial" if sig else "Masthead"
    drafts = _imprint_to_masthead([d for d in drafts if d.paras])
    _assign_pages(drafts, contents, teasers)
    return finish_articles(drafts, issue_id)


# The publisher's imprint: who publishes and prints the magazine, where, and its ISSN
_IMPRINT = re.compile(r"^(published by|printed by|design (?:&|and) production|issn\b|all contents \u00a9|cover image)", re.I)


def _imprint_to_masthead(drafts: list[Draft]) -> list[Draft]:
    """Imprint paragraphs that open another magazine page ("Published by: Managers in Partnership, Centenary
    House...") go to the masthead: otherwise the union's address reads as the editorial's first line and is
    found only by questions about the editorial."""
    masthead = next((d for d in drafts if d.magazine and d.headline == "Masthead"), None)
    for d in drafts:
        if not d.magazine or d is masthead:
            continue
        moved = [p for p in d.paras if _IMPRINT.match(p[0])]
        if moved and masthead is not None and len(moved) < len(d.paras):
            d.paras = [p for p in d.paras if not _IMPRINT.match(p[0])]
            masthead.paras = moved + masthead.paras
    return drafts


def align(entries: list[str], drafts: list[Draft]) -> list[tuple[int, int]]:
    """Order-preserving entry -> draft matching with the largest total score (dynamic programming)."""
    n, m = len(entries), len(drafts)
    score = [[match_score(e, d) for d in drafts] for e in entries]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            take = score[a][b] + best[a + 1][b + 1] if score[a][b] > 0.05 else 0.0
            best[a][b] = max(take, best[a + 1][b], best[a][b + 1])
    pairs, a, b = [], 0, 0
    while a < n and b < m:
        if score[a][b] > 0.05 and best[a][b] == score[a][b] + best[a + 1][b + 1]:
            pairs.append((a, b))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return pairs


def _assign_pages(drafts: list[Draft], contents: Contents, teasers: list[tuple[str, int]]) -> None:
    """Pages from contents entries and teasers; between anchors, by share of words."""
    if not contents.entries:
        return
    first_page = min(p for _, p in contents.entries)
    body = [i for i, d in enumerate(drafts) if d.section not in ("front",)]
    anchors: dict[int, int] = {}
    for d in drafts:
        if d.magazine:
            d.page, d.section = max(first_page - 1, 1), "front"
    first_mag = next((i for i, d in enumerate(drafts) if d.magazine), 0)
    for d in drafts[:first_mag]:
        d.section, d.page = "advert", None  # before the editorial page: cover adverts
    cands = [i for i in body if drafts[i].section != "heads up" and not drafts[i].box]
    for k, i in align([e for e, _ in contents.entries], [drafts[i] for i in cands]):
        anchors[cands[i]] = contents.entries[k][1]
    news = [i for i in body if drafts[i].section == "heads up"]
    if news:
        anchors.setdefault(news[0], contents.sections[0][1] if contents.sections else first_page)
        for teaser, page in teasers:
            best = max(news, key=lambda i: match_score(teaser, drafts[i]))
            if match_score(teaser, drafts[best]) > 0.05:
                anchors.setdefault(best, page)
    ordered = sorted(anchors)
    offsets, total = {}, 0
    for i in body:
        offsets[i] = total
        total += sum(len(t.split()) for t, _ in drafts[i].paras)
    last_anchor = ordered[-1] if ordered else -1
    for i in body:
        before = [a for a in ordered if a <= i]
        after = [a for a in ordered if a > i]
        if i in anchors:
            drafts[i].page = anchors[i]
        elif before and after:
            a, b = before[-1], after[0]
            share = (offsets[i] - offsets[a]) / max(offsets[b] - offsets[a], 1)
            drafts[i].page = anchors[a] + int(share * (anchors[b] - anchors[a]))
        elif before and i > last_anchor and not drafts[i].box and drafts[i].level == 1:
            drafts[i].page, drafts[i].section = None, "advert"  # after the last contents page
        elif before:
            drafts[i].page = anchors[before[-1]]
    names = sorted(contents.sections, key=lambda s: s[1])
    for d in drafts:
        if d.page is not None and d.section not in ("front", "advert"):
            d.section = next((n for n, p in reversed(names) if p <= d.page), d.section)
