"""The passage giving the contact detail a question asks for, beside whom it asks about, brought among the passages an
answer is read from when the search ranked it lower.

"where is the union's office?" ranked the masthead ("Published by: Managers in Partnership, Centenary House, 93-95
Borough High St, London, SE1 1NL") 7th to 12th, and "where is MiP's head office?" outside the first 12: a line of
names and a postcode shares no word with the question, and a small embedder does not link them. The quotes then gave
the TUC Congress's venue. A question that names the kind of detail it wants (a phone number, an email, an address)
and whose (someone named, or MiP itself) is answered by a sentence holding both, which can be found by reading, not
ranking: every passage the filters admit that gives a detail at all (LoadedIndex.detail_rows, found once) is looked at,
only for such questions, and the closest in meaning that gives the one asked takes the last place of those read when
none of them does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

import numpy as np

from rag.answer.quote_choice import details_tier
from rag.answer.retrieve import Filters, Retrieval, hit_of
from rag.contact_details import asks_a_kind
from rag.index.reader import LoadedIndex
from rag.sentences import passage_sentences


def giving_detail_of_whom(question: str) -> Callable[[str], bool] | None:
    """For a question naming the kind of detail it wants, whether a passage has a sentence giving it beside whom the
    question asks about (quote_choice.details_tier 2); None for other questions."""
    tier = details_tier(question) if asks_a_kind(question) else None
    if tier is None:
        return None
    return lambda text: tier(text) == 2 and any(tier(s) == 2 for s in passage_sentences(text))


def with_detail_holder(question: str, found: Retrieval, index: LoadedIndex, filters: Filters, *, read: int,
                       base_url: str = "") -> Retrieval:
    """found, with the passage closest to the query that gives the detail asked beside whom it asks about at place
    `read` (the number of passages an answer is read from) when none of the first `read` gives it; else found."""
    gives = giving_detail_of_whom(question)
    if gives is None or found.query_vector is None or not found.hits or any(gives(h.text)
                                                                           for h in found.hits[:read]):
        return found
    q = np.asarray(found.query_vector, dtype=np.float32)
    best: tuple[float, int] | None = None
    for i in index.detail_rows:
        chunk = index.chunks[i]
        if filters.admits(chunk) and gives(chunk.text):
            cosine = float(index.vectors.reconstruct(i) @ q)
            if best is None or cosine > best[0]:
                best = (cosine, i)
    if best is None:
        return found
    chunk = index.chunks[best[1]]
    at = min(read, len(found.hits)) - 1
    rest = [h for h in found.hits if h.chunk_id != chunk.chunk_id]
    brought = hit_of(index, chunk, base_url, rank=at + 1, score=rest[at].score if at < len(rest) else 0.0)
    hits = [*rest[:at], brought, *rest[at:]][: len(found.hits)]
    return replace(found, hits=tuple(replace(h, rank=r) for r, h in enumerate(hits, 1)))
