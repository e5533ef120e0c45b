"""Raw text extracted from a magazine PDF (the 2024 file) -> articles with pages. Pure.

Pages start on lines that begin with one space. On each page, headline blocks are found
(rag/corpus/parse_text_blocks.py) and each is attached to the body it names: the body after it, or,
when it is printed after its body (common in this layout), the body that ends before it, or
the paragraph of that body whose opening words it matches (two stories in one text frame).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from rag.corpus.cleaning import is_terminated, join_lines, starts_lower, vocabulary
from rag.corpus.layout import Draft, content_words, finish_articles
from rag.corpus.parse_text_blocks import (
    Block,
    classify,
    page_furniture,
    paragraphs,
    raw_blocks,
    recurring_labels,
    split_pages,
    tidy_blocks,
)
from rag.textnorm import tokens
from rag.types import Article

_SIGNOFF = re.compile(r"(//|\[[A-Z]{2}\])\s*$")
_STANDFIRST = re.compile(r"\b(writes|talks to|speaks to|explains?|sets out|set out|looks at|offers)\b")
_EDITOR = re.compile(r"^[A-Z][\w’'. -]+, Editor\b")
_OPEN_WORDS = frozenset("and or of the a an to with by for".split())


@dataclass
class Segment:
    """Consecutive body blocks of one page that belong to one article (or continue one)."""

    blocks: list[Block]
    headline: str = ""
    lead: list[Block] = field(default_factory=list)  # standfirst printed after the body
    first_on_page: bool = False
    caption: bool = False

    @property
    def cont(self) -> bool:
        return starts_lower(self.blocks[0].text)

    @property
    def words(self) -> int:
        return sum(b.words for b in self.blocks)

    def free(self) -> bool:
        """May still take a headline printed after it."""
        return not self.headline and (not self.cont or self.first_on_page)


def _stems(text: str, limit: int | None = None) -> set[str]:
    words = text.split()[:limit] if limit else text.split()
    return {w[:5] for w in content_words(" ".join(words))}


def _overlap(title: str, text: str, limit: int | None) -> tuple[float, int]:
    want = _stems(title)
    hit = len(want & _stems(text, limit))
    return (hit / len(want) if want else 0.0), hit


def _seg_text(blocks: list[Block]) -> str:
    return " ".join(b.text for b in blocks)


def _opens_box(b: Block, seg: Segment, labels: set[str]) -> bool:
    """A block led by a recurring box label starts a new box, unless it continues the same box."""
    first = b.lines[0].strip()
    if first not in labels or len(b.lines) < 2:
        return False
    own = seg.blocks[0].lines[0].strip()
    return own not in labels or own == first


def _headlines(group: list[Block]) -> tuple[list[str], list[Block]]:
    """A group's headlines: titles under a kicker when there are any (the rest are captions)."""
    titles = [b for b in group if b.kind == "title"]
    under_kicker = [b for i, b in enumerate(group) if b.kind == "title" and i and group[i - 1].kind == "kicker"]
    heads = under_kicker or titles
    return [b.text for b in heads], [b for b in titles if b not in heads]


def _assign_trailing(titles: list[str], done: list[Segment]) -> list[str]:
    """Name earlier bodies of the page with headlines printed after them; return the unused ones."""
    options = []
    # Split a body only when there are more headlines than untitled bodies to give them to.
    split = len(titles) > sum(s.free() for s in done)
    for t in titles:
        for k, s in enumerate(done):
            for j, b in enumerate(s.blocks):
                if j == 0 and s.free():
                    ratio, _ = _overlap(t, _seg_text(s.blocks), 120)
                    if ratio == 0 and k != len(done) - 1:
                        continue  # only the body right before a headline may take it on position alone
                    options.append((ratio + (0.3 if k == len(done) - 1 else 0.2), t, k, j))
                elif split and j and is_terminated(s.blocks[j - 1].text) and not starts_lower(b.text):
                    lede = [b] + list(itertools.takewhile(lambda x: starts_lower(x.text), s.blocks[j + 1 :]))
                    ratio, hit = _overlap(t, _seg_text(lede), 40)
                    if hit >= 3 and ratio >= 0.5:  # a second story in the same frame opens with these words
                        options.append((ratio, t, k, j))
    used_t, used_pos, chosen = set(), set(), []
    for score, t, k, j in sorted(options, key=lambda o: -o[0]):
        if t not in used_t and (k, j) not in used_pos:
            used_t.add(t)
            used_pos.add((k, j))
            chosen.append((k, j, t))
    for k, j, t in sorted(chosen, key=lambda c: (-c[0], -c[1])):  # split from the back
        s = done[k]
        if j == 0:
            s.headline = t
        else:
            done.insert(k + 1, Segment(s.blocks[j:], headline=t))
            s.blocks = s.blocks[:j]
    return [t for t in titles if t not in used_t]


def _standfirst_tail(seg: Segment) -> None:
    """Move a standfirst printed after the body ("... writes Ramima Khanam.") to the front."""
    for n in (2, 1):
        if len(seg.blocks) <= n:
            continue
        tail = seg.blocks[-n:]
        text = _seg_text(tail)
        if n == 2 and not (starts_lower(tail[1].text) or tail[0].text.split()[-1].lower() in _OPEN_WORDS):
            continue
        if len(text.split()) <= 80 and is_terminated(text) and not _SIGNOFF.search(text) and _STANDFIRST.search(text):
            seg.lead, seg.blocks = tail, seg.blocks[:-n]
            return


def _opens_body(parts: list, k: int) -> bool:
    after = parts[k + 1] if k + 1 < len(parts) else None
    return after is not None and after.words >= 25 and not after.cont


def segment_page(blocks: list[Block], labels: set[str] = frozenset()) -> list[Segment]:
    """Classified blocks of one page -> segments, each with its headline when one is printed."""
    parts: list[Segment | list[Block]] = []
    for b in blocks:
        if b.kind in ("title", "kicker"):
            if parts and isinstance(parts[-1], list):
                parts[-1].append(b)
            else:
                parts.append([b])
        elif parts and isinstance(parts[-1], Segment) and not _opens_box(b, parts[-1], labels):
            parts[-1].blocks.append(b)
        else:
            parts.append(Segment([b], first_on_page=not parts))
    groups = [k for k, p in enumerate(parts) if isinstance(p, list)]
    # News pages print headlines, with kickers, under their stories; a kicker-less title-like
    # block in the middle of such a page is a line of body text ("The survey of 26,000 staff").
    news = bool(groups) and any(b.kind == "kicker" for b in parts[groups[-1]]) and not _opens_body(parts, groups[-1])
    done: list[Segment] = []
    pending: list[Block] = []  # unused titles, kept as text of the body before them
    for k, part in enumerate(parts):
        if isinstance(part, Segment):
            if part.caption and done:
                done[-1].blocks.extend(part.blocks)
            else:
                done.append(part)
            continue
        after = parts[k + 1] if k + 1 < len(parts) else None
        if news and k and k != groups[-1] and not any(b.kind == "kicker" for b in part) and done:
            done[-1].blocks.extend(part)
            if after is not None:
                after.caption = True  # the body goes on after the demoted line
            continue
        heads, spare = _headlines(part)
        trailing = heads
        if heads and _opens_body(parts, k):
            last, before = heads[-1], done[-1] if done else None
            if not (len(heads) == 1 and before is not None and before.free() and not before.cont
                    and _overlap(last, _seg_text(before.blocks), None)[0] > _overlap(last, _seg_text(after.blocks), None)[0]):
                after.headline, trailing = last, heads[:-1]
        unused = _assign_trailing(trailing, done) if done else trailing
        spare += [b for b in part if b.kind == "title" and b.text in unused]
        if after is not None and not after.headline and after.words < 25 and not after.cont:
            after.caption = True  # a short text after a headline printed last: its photo caption
        if done:
            done[-1].blocks.extend(spare)
        else:
            pending.extend(spare)
    if pending and done:
        done[0].blocks[0:0] = pending
    for s in done:
        _standfirst_tail(s)
    return done


def _continued(drafts: list[Draft]) -> Draft:
    """The article a continuation belongs to: step back over boxes closed by a sign-off."""
    for d in reversed(drafts[-4:]):
        last = d.paras[-1][0]
        if not is_terminated(last):
            return d
        if not _SIGNOFF.search(last):
            break
    return drafts[-1]


def parse_text(text: str, issue_id: str, hints: dict | None = None) -> list[Article]:
    """Raw PDF text -> articles; hints (issue.toml [layout]) may correct page starts."""
    return parse_text_layout(text, issue_id, hints)[0]


def left_out(text: str, issue_id: str, hints: dict | None = None) -> list[dict]:
    """What the text parser leaves out as page furniture, for the parse report: {kind, page, text}."""
    return parse_text_layout(text, issue_id, hints)[1]


def parse_text_layout(text: str, issue_id: str, hints: dict | None = None) -> tuple[list[Article], list[dict]]:
    """Raw PDF text -> (articles, page furniture left out: calls to action and mastheads)."""
    hints = hints or {}
    vocab = vocabulary(text)
    first_page = int(hints.get("first_page", 1))
    pages, dropped = [], []
    for n, p in enumerate(split_pages(text, hints.get("not_page_starts", [])), start=first_page):
        kept, furniture = page_furniture(classify(tidy_blocks(raw_blocks(p), vocab)))
        pages.append(classify(kept))  # kinds again: a block's neighbours may have gone
        dropped += [{"kind": kind, "page": n, "text": t} for kind, t in furniture]
    labels = recurring_labels(pages)
    drafts: list[Draft] = []
    for n, blocks in enumerate(pages, start=first_page):
        for i, seg in enumerate(segment_page(blocks, labels)):
            paras, lead = paragraphs(seg.blocks, vocab), paragraphs(seg.lead, vocab)
            if not paras and not lead:
                continue
            page_run_on = i == 0 and drafts and not is_terminated(drafts[-1].paras[-1][0])
            if drafts and not seg.headline and (seg.cont or page_run_on):
                d = _continued(drafts) if seg.cont else drafts[-1]
                d.paras += [(p, "body") for p in paras]
                d.pages += [n] * len(paras)
                continue
            d = Draft(headline=seg.headline, page=n)
            d.paras = [(p, "body") for p in lead + paras]
            d.pages = [n] * len(d.paras)
            drafts.append(d)
    for d in drafts:
        _merge_open(d, vocab)
        _drop_pull_quotes(d)
        _name_untitled(d, labels)
    _mark_adverts(drafts)
    return finish_articles(drafts, issue_id), dropped


def _name_untitled(d: Draft, labels: set[str]) -> None:
    """An untitled piece signed by the editor is the editorial; a box takes its printed label."""
    if d.headline:
        return
    if any(_EDITOR.match(p) for p, _ in d.paras):
        d.headline = "Editorial"
        return
    first = d.paras[0][0]
    label = next((lb for lb in labels if first.startswith(lb + " ")), "")
    d.headline = label


def _mark_adverts(drafts: list[Draft]) -> None:
    """Pieces on the last two pages after the last signed-off article ("//") are adverts."""
    signed = [i for i, d in enumerate(drafts) if any(p.rstrip().endswith("//") for p, _ in d.paras)]
    if not signed:
        return
    last_page = max((d.page or 0) for d in drafts)
    for d in drafts[signed[-1] + 1 :]:
        if (d.page or 0) >= last_page - 1:
            d.section, d.page, d.pages = "advert", None, [None] * len(d.paras)


def _drop_pull_quotes(d: Draft) -> None:
    """Drop "// ... //" pull quotes that repeat the article's own words."""
    rest = set(tokens(" ".join(p for p, _ in d.paras if not p.startswith("//"))))

    def repeats(p: str) -> bool:
        words = tokens(p)
        return p.startswith("//") and sum(w in rest for w in words) >= 0.85 * len(words)

    keep = [(p, s, pg) for (p, s), pg in zip(d.paras, d.pages) if not repeats(p)]
    d.paras, d.pages = [(p, s) for p, s, _ in keep], [pg for _, _, pg in keep]


def _merge_open(d: Draft, vocab: Counter) -> None:
    """Join paragraphs split by column breaks: an open sentence followed by a lower-case start."""
    paras, pages = [], []
    for (p, s), pg in zip(d.paras, d.pages or [d.page] * len(d.paras)):
        if paras and not is_terminated(paras[-1][0]) and not paras[-1][0].startswith("- "):
            prev = paras[-1][0]
            words = prev.split()
            # A long sentence left open runs on across a column break even into a capital ("Ian" / "Dury").
            runs_on = len(words) >= 10 or (words and words[-1].lower() in _OPEN_WORDS)
            if starts_lower(p) or prev.endswith("-") or runs_on:
                paras[-1] = (join_lines([prev, p], vocab), s)
                continue
        paras.append((p, s))
        pages.append(pg)
    d.paras, d.pages = paras, pages
