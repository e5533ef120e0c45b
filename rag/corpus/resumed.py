"""A story the magazine set inside another one: the inner story's tail that is really the outer one resuming. Pure.

A news page may run one story, break off at a paragraph's end, set a second story (its own headline, drop cap and
pictures) and then go on with the first. Read in order, the first story's last paragraphs come after the second
story's headline and are filed under it ("MiP chief executive Jon Restell said many of the changes at providers were
'going under the radar'" under "Plaid ministers vow to end long waits"). Nothing in the layout marks the return;
the words do: the tail speaks of what the story before it spoke of, and not of what its own headline's story did.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from typing import Sequence

from rag.corpus.layout import content_words
from rag.types import Article, Paragraph

# How much nearer the tail must be to the story before than to its own story's start, in tf-idf cosine: both an
# absolute margin and a ratio, so that two stories on one subject (two pay stories side by side) never trade text.
MIN_MARGIN = 0.1
MIN_RATIO = 1.5
MIN_TAIL = 2  # paragraphs: one paragraph alone is too little text to judge by its words
MAX_TAIL_SHARE = 0.6  # of the story's words: the story keeps most of its own text


def _weights(texts: Sequence[str], df: Counter, n: int) -> dict[str, float]:
    counts = Counter(w for t in texts for w in content_words(t))
    return {w: (1 + math.log(k)) * math.log(n / df[w]) for w, k in counts.items() if 0 < df[w] < n}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    na, nb = math.sqrt(sum(v * v for v in a.values())), math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _near_pages(a: Article, b: Article) -> bool:
    return a.page is None or b.page is None or abs(a.page - b.page) <= 1


def resumed_at(before: Article, story: Article, df: Counter, n: int) -> int | None:
    """The paragraph of story from which the text is before's story resuming, or None.

    The split chosen is the one whose tail is most clearly nearer before (headline and text) than story's own
    headline and paragraphs up to the split; it must clear MIN_MARGIN and MIN_RATIO, hold at least MIN_TAIL
    paragraphs and at most MAX_TAIL_SHARE of story's words.
    """
    paras = [p.text for p in story.paragraphs]
    if len(paras) < MIN_TAIL + 1 or not _near_pages(before, story):
        return None
    outer = _weights([before.headline] + [p.text for p in before.paragraphs], df, n)
    words = [len(t.split()) for t in paras]
    best: tuple[float, int] | None = None
    for at in range(1, len(paras) - MIN_TAIL + 1):
        if sum(words[at:]) > MAX_TAIL_SHARE * sum(words):
            continue
        tail = _weights(paras[at:], df, n)
        to_outer, to_own = _cosine(tail, outer), _cosine(tail, _weights([story.headline] + paras[:at], df, n))
        if to_outer - to_own >= MIN_MARGIN and to_outer >= MIN_RATIO * to_own:
            if best is None or to_outer - to_own > best[0]:
                best = (to_outer - to_own, at)
    return best[1] if best else None


def stories_resumed(articles: Sequence[Article]) -> list[Article]:
    """The articles with each resumed tail moved back to the end of the story before it (pages kept per
    paragraph). Term weights come from the issue's own paragraphs."""
    out = list(articles)
    paras = [p.text for a in out for p in a.paragraphs]
    df, n = Counter(w for t in paras for w in set(content_words(t))), len(paras)
    for i in range(1, len(out)):
        at = resumed_at(out[i - 1], out[i], df, n)
        if at is None:
            continue
        before, story = out[i - 1], out[i]
        moved: tuple[Paragraph, ...] = story.paragraphs[at:]
        out[i - 1] = replace(before, paragraphs=before.paragraphs + moved)
        out[i] = replace(story, paragraphs=story.paragraphs[:at])
    return out
