"""One page of raw PDF text -> segments: its body blocks grouped by article, each with the headline it names. Pure.

A headline is attached to the body after it, or, when it is printed after its body (common in the 2024
layout), to the body that ends before it, or to the paragraph of that body whose opening words it matches
(two stories in one text frame). A standfirst printed after its body is moved to the front.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from rag.corpus.cleaning import is_terminated, starts_lower
from rag.corpus.layout import content_words
from rag.corpus.parse_text_blocks import Block

SIGNOFF = re.compile(r"(//|\[[A-Z]{2}\])\s*$")
OPEN_WORDS = frozenset("and or of the a an to with by for".split())
_STANDFIRST = re.compile(r"\b(writes|talks to|speaks to|explains?|sets out|set out|looks at|offers)\b")


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
        if n == 2 and not (starts_lower(tail[1].text) or tail[0].text.split()[-1].lower() in OPEN_WORDS):
            continue
        if len(text.split()) <= 80 and is_terminated(text) and not SIGNOFF.search(text) and _STANDFIRST.search(text):
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
                    and _overlap(last, _seg_text(before.blocks), None)[0]
                    > _overlap(last, _seg_text(after.blocks), None)[0]):
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
