"""Chunking: token-bounded, sentence-aligned, overlapping, stable ids."""

from rag.index.chunking import ChunkerSettings, chunk_article
from rag.sentences import split_sentences
from rag.types import Article, Issue, Paragraph

ISSUE = Issue("i", "Healthcare Manager issue 1", "2026-06-01", "summer 2026", "f.txt")


def words(text):
    return len(text.split())


def article(paragraphs):
    return Article("i", "01-a", "Headline", tuple(Paragraph(t, p) for t, p in paragraphs), 3)


def test_chunks_respect_budget_cut_at_sentences_and_overlap():
    text = " ".join(f"Sentence number {i} has exactly seven words." for i in range(30))
    chunks = chunk_article(ISSUE, article([(text, 5)]), words, ChunkerSettings(40, 10))
    assert len(chunks) > 3
    for c in chunks:
        assert words(c.text) <= 40
        assert c.text.endswith(".") and c.text[0].isupper()
    for a, b in zip(chunks, chunks[1:]):
        last_sentence = split_sentences(a.text)[-1]
        assert b.text.startswith(last_sentence)  # the overlap carries the previous tail
    all_text = " ".join(c.text for c in chunks)
    assert all(f"number {i} " in all_text for i in range(30))


def test_page_comes_from_the_paragraph_where_the_chunk_starts():
    chunks = chunk_article(ISSUE, article([("One two three four five six. " * 5, 2), ("Seven eight nine ten. " * 6, 3)]),
                           words, ChunkerSettings(30, 0))
    assert chunks[0].page == 2 and chunks[-1].page == 3


def test_ids_are_stable_and_change_with_content():
    a = chunk_article(ISSUE, article([("Managers get a pay rise.", 1)]), words)
    b = chunk_article(ISSUE, article([("Managers get a pay rise.", 1)]), words)
    c = chunk_article(ISSUE, article([("Managers get a pay cut.", 1)]), words)
    assert a[0].chunk_id == b[0].chunk_id != c[0].chunk_id


def test_overlong_sentence_is_split_into_fitting_pieces():
    chunks = chunk_article(ISSUE, article([(" ".join(f"w{i}" for i in range(130)) + ".", 1)]), words, ChunkerSettings(50, 0))
    assert len(chunks) == 3 and all(words(c.text) <= 50 for c in chunks)


def test_embedding_text_carries_context_header():
    chunk = chunk_article(ISSUE, article([("Managers get a pay rise.", 1)]), words)[0]
    assert chunk.embedding_text().startswith("Healthcare Manager issue 1 (2026-06-01). Headline.\n")
