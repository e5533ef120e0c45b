"""A passage that opens on a list's items whose lead-in ends the passage before it (where the chunker cut the list)
gets that lead-in back before it is sent: a model sent "respond within two months (including any appeal)" alone
wrote "You must respond within two months [2]", where the article says "Your employer must: ... respond within two
months" (a walk; within one passage rag.answer.evidence already keeps an item with its lead-in)."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from rag.sentences import ends_sentence, passage_sentences
from rag.types import Chunk, Hit


def opening_lead(text: str, before: str) -> str:
    """The lead-in of the list `text` opens on (a first line starting in lower case, as rag.answer.evidence.list_units
    reads items), from `before`, the passage before it: its last line ending ":" with only items after it (up to where
    `text` starts, passages overlapping), or ""."""
    first = passage_sentences(text)
    if not first or not first[0][:1].islower():
        return ""
    prev = passage_sentences(before)
    if first[0] in prev:  # passages overlap: the list goes on from where this one starts
        prev = prev[: prev.index(first[0])]
    for j in range(len(prev) - 1, -1, -1):
        if prev[j].endswith(":"):
            return prev[j]
        if not prev[j][:1].islower() or ends_sentence(prev[j]):
            return ""  # a line after the last lead-in that is no item: the list ended before this passage
    return ""


class ListLeads:
    """Each indexed passage's predecessor in its article, to give a sent passage opening on list items its lead-in."""

    def __init__(self, chunks: Iterable[Chunk]):
        chunks = list(chunks)
        self._at = {(c.issue_id, c.article_id, c.position): c for c in chunks}
        self._of = {c.chunk_id: c for c in chunks}

    def led(self, hits: Sequence[Hit]) -> list[Hit]:
        """The hits (cut to their evidence), each opening on its passage's first line, when that is a list item
        whose lead-in ends the passage before, with the lead-in on a line before it."""
        out = []
        for hit in hits:
            chunk = self._of.get(hit.chunk_id)
            before = chunk and self._at.get((chunk.issue_id, chunk.article_id, chunk.position - 1))
            opening = passage_sentences(chunk.text)[:1] if chunk is not None else []
            opens = bool(opening) and hit.text.startswith(opening[0])
            lead = opening_lead(chunk.text, before.text) if before and opens else ""
            out.append(replace(hit, text=f"{lead}\n{hit.text}") if lead else hit)
        return out
