"""Pure: "what does [3] say?" after an answer: the sentence that answer cites there, read on in its passage, and where
it comes from, with no search and no model.

A session-27 check: after "what's the pay rise for VSMs?" quoted "NHS England figures show that 9% of VSMs were paid
less ..." as [3], "what does [3] say?" was searched as 'what does "NHS England figures show ..." say?' and refused ("The
archive does not cover this."): the quoted sentence, asked as a question, is no question the archive answers. Walk 26b
saw the pointed sentence quoted from the next passage, which holds it too, so the member's [2] came back as another
passage.
"""

from __future__ import annotations

from typing import Sequence

from rag.answer.issue_names import headline_shown, issue_named
from rag.answer.pointers import only_points, pointed_item
from rag.answer.quote_text import quoted
from rag.answer.terms import content_terms
from rag.sentences import split_sentences
from rag.textnorm import words_key
from rag.types import Chunk

SHOWN = 3  # sentences read from the passage, the pointed one first


def asks_what_it_says(question: str, history: Sequence[tuple[str, str]]) -> tuple[int, str] | None:
    """(marker, what the last answer cites there) when the whole question asks what that item says ("what does [3]
    say?", "show me source 2", "what's in the second one?", "[2]?"); None for anything more ("what does [2] say about
    pensions?" is asked about that sentence, rag.answer.pointers.pointed_at)."""
    pointed = pointed_item(question, history)
    if pointed is None:
        return None
    _, n, text = pointed
    return (n, text) if only_points(question) else None


def passage_of(text: str, chunks: Sequence[Chunk], keys: Sequence[str] | None = None) -> tuple[Chunk, int] | None:
    """The passage holding the cited words, and the position of their sentence in it (rag.sentences.split_sentences),
    or None. Of passages overlapping on them, the one reading on furthest after them. keys: each chunk's
    rag.textnorm.words_key, when kept (where_from.PassageWords: a hundred issues' passages are not read again)."""
    wanted = words_key(text)
    if not wanted:
        return None
    keys = keys if keys is not None else [words_key(c.text) for c in chunks]
    best: tuple[int, Chunk, int] | None = None
    for chunk, key in zip(chunks, keys):
        if wanted not in key:
            continue
        sentences = split_sentences(chunk.text)
        at = next((j for j, s in enumerate(sentences) if (k := words_key(s)) and (k in wanted or wanted in k)), None)
        if at is None:
            continue
        after = len(sentences) - at
        if best is None or after > best[0]:
            best = (after, chunk, at)
    return (best[1], best[2]) if best else None


def sentence_nearest(text: str, chunk: Chunk) -> int:
    """The position of the passage's sentence sharing most of the text's terms: where a model's own words, cited to
    the passage, come from."""
    wanted = set(content_terms(text))
    sentences = split_sentences(chunk.text)
    return max(range(len(sentences)), key=lambda j: (len(wanted & set(content_terms(sentences[j]))), -j), default=0)


def read_on(chunk: Chunk, at: int, shown: int = SHOWN) -> list[str]:
    """The sentence at position at and those after it, shown in all; those before it when the passage ends first."""
    sentences = [s for s in split_sentences(chunk.text) if s.strip()]
    start = max(0, min(at, len(sentences) - shown))
    return sentences[start:start + shown]


def what_it_says(n: int, chunk: Chunk, sentences: Sequence[str], cited: bool = True) -> str:
    """'Source 3 of the answer before is from <issue>, "<headline>", page 4. It reads: "..." [1] "..." [1]': the
    passage cited as [1] of this answer (a "[3]" in the words would read as a marker). cited: the answer cites it;
    else it is named as one read, not cited."""
    page = f", page {chunk.page}" if chunk.page else ""
    quotes = " ".join(f"{quoted(s)} [1]" for s in sentences)
    how = "" if cited else " (read for it, not cited)"
    return (f'Source {n} of the answer before{how} is from {issue_named(chunk.issue_title, chunk.date)}, '
            f'"{headline_shown(chunk.headline)}"{page}. It reads: {quotes}')
