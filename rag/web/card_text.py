"""What a source card quotes: its passage on one line, paragraphs kept apart, shortened at a word, and, for a cited
card, starting at the sentence its [n] cites."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.citations import content_terms, parse_markers
from rag.sentences import ends_sentence, split_sentences
from rag.types import Hit

EXCERPT_CHARS = 320
MARKER = re.compile(r"\[\s*\d{1,3}(?:\s*(?:[,;&\-\u2013]|and)\s*\d{1,3})*\s*\]")


def _joint(before: str, line: str) -> str:
    """What goes between two paragraphs put on one line: "; " between list items, which have no end punctuation
    ("deal with your request in a reasonable manner" / "not refuse without consulting you"); " / " where a line with
    none (a list's last item, a subheading, a table's cell) meets one starting a sentence: a walk's card read "...
    planned structural changes You can only bring a tribunal claim", and "Stereotypical views For example, ..."."""
    if not before:
        return ""
    if ends_sentence(before) or before.endswith(":"):
        return " "
    first = line.lstrip("\"'\u201c\u2018([ ")[:1]
    return "; " if first.islower() else " / " if first.isupper() else " "


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The passage shortened at a word boundary, on one line, its paragraphs kept apart (_joint)."""
    lines = [" ".join(p.split()) for p in re.split(r"\n\s*\n", str(text))]
    text = ""
    for line in filter(None, lines):
        text += _joint(text, line) + line
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"



def _claims(answer: str) -> dict[int, list[str]]:
    """The answer's words before each [n], by n (a marker right after another shares its words).

    Example: '"A." [1] "B." [1][2]' -> {1: ['"A."', '"B."'], 2: ['"B."']}
    """
    out: dict[int, list[str]] = {}
    pos, last = 0, ""
    for m in MARKER.finditer(answer):
        words = answer[pos:m.start()].strip(" .") or last
        pos, last = m.end(), words
        for n in parse_markers(m.group(0)):
            out.setdefault(n, []).append(words)
    return out


_QUOTE = re.compile(r'["\u201c]([^"\u201c\u201d]{12,})["\u201d]')


def _quotes(claim: str) -> list[str]:
    """The words a claim quotes (at least 12 characters each, one line), up to 80 characters of each.

    Example: 'In the articles' words: "Your employer must:"' -> ['Your employer must:']
    """
    return [" ".join(q.split())[:80] for q in _QUOTE.findall(claim)]


def focus_excerpt(text: str, claims: Sequence[str], shown: int = EXCERPT_CHARS) -> str:
    """The passage from its sentence nearest the first claim citing it, when its card (the first `shown`
    characters) would not show that sentence; else the passage as it is, on one line as excerpt() puts it (list
    items kept apart by "; ": flattened first, a card read "must: deal with it not refuse without consulting you").

    Example: ("A long first part. The 3% award.", ['"The 3% award."'], shown=20) -> "… The 3% award."
    """
    flat = excerpt(text, limit=len(str(text)))
    spans, cursor = [], 0
    for sentence in split_sentences(flat):
        start = flat.find(sentence, cursor)
        if start < 0:
            continue
        spans.append((start, start + len(sentence), set(content_terms(sentence))))
        cursor = start + len(sentence)
    def nearest(words: set, floor: float):  # the span sharing most of the words (Jaccard), first on a tie
        best = max(((len(t & words) / len(t | words), -a, a, b) for a, b, t in spans if t | words), default=None)
        return best[2:] if best and best[0] > floor else None

    def quoted(claim: str):  # the sentence holding a quote's own words, wherever they are in the passage
        at = [flat.casefold().find(q.casefold()) for q in _quotes(claim)]
        return next(((a, b) for pos in at if pos >= 0 for a, b, _ in spans if a <= pos < b), None)

    # a quote of several sentences starts at its first when that is a near copy (walk 20: a card began at the second);
    # a quote found word for word starts where its words are (walk 23: '"Your employer must:" [1]' shared more words
    # with an earlier sentence, "Your request must be in writing", and its card never showed the words quoted)
    def located(claim: str) -> list:
        word_for_word = quoted(claim)
        return [word_for_word] if word_for_word else [nearest(set(content_terms(claim)), 0.0)] + [
            nearest(set(content_terms(part)), 0.5) for part in split_sentences(claim)[:1]]

    starts = [found for claim in claims for found in located(claim) if found]
    if not starts:
        return flat
    start, end = min(starts)
    return flat if end <= shown else "… " + flat[start:]


def focus_sources(sources: Sequence[dict], hits: Sequence[Hit], answer: str) -> list[dict]:
    """The turn's sources with each cited card's text starting at the sentence its [n] cites (hits numbered 1..n)."""
    claims, out = _claims(answer), []
    for s in sources:
        n = int(s["n"])
        if n in claims and 1 <= n <= len(hits):
            s = {**s, "text": excerpt(focus_excerpt(hits[n - 1].text, claims[n]), 2 * EXCERPT_CHARS)}
        out.append(s)
    return out

